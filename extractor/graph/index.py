"""The entity index a corpus store keeps beside its quads, so that articles can be added later without
reading the old ones again.

It is a SQLite file inside the store's directory (RocksDB leaves files it does not know alone), so it
is built, swapped in and removed with the store. It holds what the resolution needs and the RDF does
not say: every article's entities as the article had them (name, type, kind, Wikidata id, aliases,
and the corpus entity each resolved to), its relations as (subject, predicate, object) positions, the
stats of every corpus entity, and which cluster each key belongs to.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..model.vocabulary import vocabulary

INDEX_FILE = "newsgraph-index.sqlite"
VERSION = "1"

SCHEMA = """
CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE article(aid INTEGER PRIMARY KEY, id TEXT NOT NULL, digest BLOB NOT NULL, rels TEXT NOT NULL);
CREATE TABLE item(aid INTEGER NOT NULL, pos INTEGER NOT NULL, grp INTEGER NOT NULL, name TEXT NOT NULL,
                  type TEXT NOT NULL, kind TEXT, wikidata TEXT, aliases TEXT NOT NULL,
                  PRIMARY KEY (aid, pos)) WITHOUT ROWID;
CREATE TABLE grp(grp INTEGER PRIMARY KEY, cluster INTEGER NOT NULL, key TEXT NOT NULL, stats TEXT NOT NULL);
CREATE TABLE key(key TEXT PRIMARY KEY, cluster INTEGER NOT NULL) WITHOUT ROWID;
"""
# made after a bulk build, which is faster than keeping them up to date row by row
INDEXES = """
CREATE UNIQUE INDEX IF NOT EXISTS article_id ON article(id);
CREATE INDEX IF NOT EXISTS item_grp ON item(grp);
CREATE INDEX IF NOT EXISTS grp_cluster ON grp(cluster);
CREATE INDEX IF NOT EXISTS grp_key ON grp(key);
CREATE INDEX IF NOT EXISTS key_cluster ON key(cluster);
"""

ItemRow = tuple[int, int, int, str, str, str | None, str | None, str]  # aid, pos, grp, name, type, kind, wd, aliases


class NoIndexError(ValueError):
    """A store without an index this version of newsgraph reads."""


def predicates() -> list[str]:
    return [p.name for p in vocabulary().predicates]


def aliases_json(aliases: Sequence[str]) -> str:
    return json.dumps(list(aliases), ensure_ascii=False, separators=(",", ":"))


class Index:
    """An open index; changes are one transaction, committed by ``close``."""

    def __init__(self, path: Path, *, create: bool = False, read_only: bool = False) -> None:
        if not create and not path.is_file():
            raise NoIndexError(f"{path.parent} has no newsgraph index ({path.name})")
        if read_only:  # the index of the store in place: looked at, never changed
            self.db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
        else:
            self.db = sqlite3.connect(str(path), isolation_level=None)
            # the file is private to one build (a new store, or the copy of one, swapped in when complete
            # and flushed to the disk then): a journal would only protect a file that a failure throws away
            self.db.execute("PRAGMA journal_mode=OFF")
            self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute("PRAGMA cache_size=-65536")
        self.db.execute("BEGIN")
        if create:
            self._script(SCHEMA)
            self.db.executemany(
                "INSERT INTO meta VALUES (?, ?)", [("version", VERSION), ("predicates", json.dumps(predicates()))]
            )
        else:
            meta = dict(self.db.execute("SELECT k, v FROM meta"))
            if meta.get("version") != VERSION:
                raise NoIndexError(f"{path.parent}: its index is version {meta.get('version')}, not {VERSION}")
            self.predicates: list[str] = json.loads(meta["predicates"])
        if create:
            self.predicates = predicates()
        self.code = {p: n for n, p in enumerate(self.predicates)}

    def _script(self, script: str) -> None:
        """Statements one by one: ``executescript`` would commit the transaction first."""
        for statement in script.split(";"):
            if statement.strip():
                self.db.execute(statement)

    def close(self) -> None:
        self._script(INDEXES)
        self.db.execute("COMMIT")
        self.db.close()

    def abandon(self) -> None:
        self.db.close()

    # -- writing -------------------------------------------------------------------------------
    def add_groups(self, rows: Iterable[tuple[int, int, str, str]]) -> None:
        """(group, cluster, key, stats JSON) rows."""
        self.db.executemany("INSERT INTO grp VALUES (?, ?, ?, ?)", rows)

    def set_keys(self, rows: Iterable[tuple[str, int]]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO key VALUES (?, ?)", rows)

    def add_article(
        self, aid: int, article_id: str, digest: bytes, rels: list[list[int]], items: list[ItemRow]
    ) -> None:
        self.db.execute(
            "INSERT INTO article VALUES (?, ?, ?, ?)",
            (aid, article_id, digest, json.dumps(rels, separators=(",", ":"))),
        )
        self.db.executemany("INSERT INTO item VALUES (?, ?, ?, ?, ?, ?, ?, ?)", items)

    def codes(self, relations: Iterable[tuple[int, str, int]]) -> list[list[int]]:
        """Relations as [subject position, predicate code, object position]; a predicate the index has
        not seen (a newer vocabulary) is added to its list."""
        rels = []
        for s, predicate, o in relations:
            code = self.code.get(predicate)
            if code is None:
                code = self.code[predicate] = len(self.predicates)
                self.predicates.append(predicate)
                self.db.execute("UPDATE meta SET v = ? WHERE k = 'predicates'", (json.dumps(self.predicates),))
            rels.append([s, code, o])
        return rels

    # -- reading -------------------------------------------------------------------------------
    def _in(self, sql: str, values: Iterable[object], *extra: object) -> list[tuple]:
        """``sql`` with ``IN ({})`` over ``values``, a batch at a time (SQLite caps the parameters)."""
        values = list(values)
        rows: list[tuple] = []
        for n in range(0, len(values), 900):
            batch = values[n : n + 900]
            rows += self.db.execute(sql.format(",".join("?" * len(batch))), (*batch, *extra)).fetchall()
        return rows

    def articles_by_id(self, ids: Iterable[str]) -> dict[str, tuple[int, bytes]]:
        return {i: (aid, d) for aid, i, d in self._in("SELECT aid, id, digest FROM article WHERE id IN ({})", ids)}

    def article(self, aid: int) -> tuple[str, list[list[int]], list[tuple[int, int]]]:
        """An article's id, relations and (position, group) of its entities."""
        article_id, rels = self.db.execute("SELECT id, rels FROM article WHERE aid = ?", (aid,)).fetchone()
        items = self.db.execute("SELECT pos, grp FROM item WHERE aid = ? ORDER BY pos", (aid,)).fetchall()
        return article_id, json.loads(rels), items

    def clusters_of_keys(self, keys: Iterable[str]) -> dict[str, int]:
        return dict(self._in("SELECT key, cluster FROM key WHERE key IN ({})", keys))

    def groups(self, grps: Iterable[int]) -> dict[int, tuple[int, str, str]]:
        """group → (cluster, key, stats JSON)."""
        rows = self._in("SELECT grp, cluster, key, stats FROM grp WHERE grp IN ({})", grps)
        return {g: (c, k, s) for g, c, k, s in rows}

    def groups_of_clusters(self, clusters: Iterable[int]) -> dict[int, tuple[int, str, str]]:
        rows = self._in("SELECT grp, cluster, key, stats FROM grp WHERE cluster IN ({})", clusters)
        return {g: (c, k, s) for g, c, k, s in rows}

    def groups_with_key(self, key: str) -> list[str]:
        return [s for (s,) in self.db.execute("SELECT stats FROM grp WHERE key = ? ORDER BY grp", (key,))]

    def items_of_articles(self, aids: Iterable[int]) -> list[tuple[int, int, int]]:
        return self._in("SELECT aid, pos, grp FROM item WHERE aid IN ({})", aids)

    def items_of_clusters(self, clusters: Iterable[int]) -> list[tuple]:
        """(aid, pos, grp, name, type, kind, wikidata, aliases JSON, article id) of every entity in them."""
        return self._in(
            "SELECT item.aid, pos, item.grp, name, type, kind, wikidata, aliases, article.id FROM item"
            " JOIN grp ON grp.grp = item.grp JOIN article ON article.aid = item.aid WHERE grp.cluster IN ({})",
            clusters,
        )

    def articles_of_groups(self, grps: Iterable[int]) -> set[int]:
        return {aid for (aid,) in self._in("SELECT DISTINCT aid FROM item WHERE grp IN ({})", grps)}

    def next_ids(self) -> tuple[int, int, int]:
        """The next free article, group and cluster numbers."""
        (aid,) = self.db.execute("SELECT COALESCE(MAX(aid), -1) + 1 FROM article").fetchone()
        grp, cluster = self.db.execute(
            "SELECT COALESCE(MAX(grp), -1) + 1, COALESCE(MAX(cluster), -1) + 1 FROM grp"
        ).fetchone()
        return aid, grp, cluster

    def totals(self) -> tuple[int, int]:
        """Articles, and corpus entities (distinct keys)."""
        (articles,) = self.db.execute("SELECT COUNT(*) FROM article").fetchone()
        (entities,) = self.db.execute("SELECT COUNT(DISTINCT key) FROM grp").fetchone()
        return articles, entities
