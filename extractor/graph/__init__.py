"""Article graphs as graphs: one article as networkx, many merged into a corpus, and the source
interface every writer is given."""
