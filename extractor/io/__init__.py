"""Articles in (files, stdin, gzip, JSON Lines, HTML) and outputs out (directories, JSON Lines,
stdout), written so that a crash never leaves a partial file."""
