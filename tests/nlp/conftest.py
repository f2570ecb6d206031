"""Hand-built parses: Docs whose words, tags and dependency tree a test writes down, so that rule logic is
tested on the tree it is meant for, whatever the statistical model would make of the sentence."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from extractor.nlp.components.grammar import EntityIndex
from extractor.nlp.components.mentions import EntityCluster
from extractor.nlp.extensions import register_extensions

NO_SPACE_BEFORE = {".", ",", "'s", "n't", "%", ")"}
NO_SPACE_AFTER = {"$", "("}


def parse_table(vocab: Vocab, table: str) -> Doc:
    """A Doc from one line per token: ``word lemma POS TAG dep head [entity IOB]``, ``head`` the absolute
    index of the token's head (a root heads itself). No model runs on it."""
    rows = [line.split() for line in table.strip().splitlines() if line.strip()]
    for n, row in enumerate(rows):
        if len(row) not in (6, 7):
            raise ValueError(f"line {n}: expected 6 or 7 columns, got {row}")
    words = [r[0] for r in rows]
    spaces = [
        i + 1 < len(words) and words[i + 1] not in NO_SPACE_BEFORE and words[i] not in NO_SPACE_AFTER
        for i in range(len(words))
    ]
    return Doc(
        vocab,
        words=words,
        spaces=spaces,
        lemmas=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        tags=[r[3] for r in rows],
        deps=[r[4] for r in rows],
        heads=[int(r[5]) for r in rows],
        ents=[r[6] if len(r) == 7 else "O" for r in rows],
    )


def index_entities(doc: Doc, refs: dict[int, str | tuple[str, ...]] | None = None) -> EntityIndex:
    """Set ``doc._.entities`` and ``doc._.mention_of`` as ``newsgraph_mentions`` would: one entity per
    distinct name in ``doc.ents`` (ids e1, e2, ... in order of first mention, typed by the span's label),
    and ``refs`` {token index: name, or names} for pronouns and descriptions that refer to them ("it", "both
    companies")."""
    clusters: dict[str, EntityCluster] = {}
    for ent in doc.ents:
        cluster = clusters.get(ent.text)
        if cluster is None:
            cluster = clusters[ent.text] = EntityCluster(f"e{len(clusters) + 1}", ent.text, ent.label_, name=ent.text)
        cluster.mentions.append(ent)
    mention_of = {i: (c.id,) for c in clusters.values() for m in c.mentions for i in range(m.start, m.end)}
    for i, referred in (refs or {}).items():
        mention_of[i] = tuple(clusters[name].id for name in ((referred,) if isinstance(referred, str) else referred))
    doc._.entities = list(clusters.values())
    doc._.mention_of = mention_of
    return EntityIndex(doc)


# -- parse tables more than one test file reads (hand_doc's input), one fixture each --------------------

# "Google and Amazon, which led the round, grew.": the relative clause on {led_head}
LIST_RELATIVE = """
Google Google PROPN NNP nsubj 9 B-Organization
and    and    CCONJ CC  cc    0
Amazon Amazon PROPN NNP conj  0 B-Organization
,      ,      PUNCT ,   punct 2
which  which  PRON  WDT nsubj 5
led    lead   VERB  VBD relcl {led_head}
the    the    DET   DT  det   7
round  round  NOUN  NN  dobj  5
,      ,      PUNCT ,   punct 2
grew   grow   VERB  VBD ROOT  9
.      .      PUNCT .   punct 9
"""

TWO_SENTENCES = """
Amazon    Amazon    PROPN NNP nsubj 1 B-Organization
grew      grow      VERB  VBD ROOT  1
.         .         PUNCT .   punct 1
Anthropic Anthropic PROPN NNP nsubj 4 B-Organization
grew      grow      VERB  VBD ROOT  4
.         .         PUNCT .   punct 4
"""

INVESTED_IN = """
Amazon    Amazon    PROPN NNP nsubj    1 B-Organization
invested  invest    VERB  VBD ROOT     1
$         $         SYM   $   quantmod 4
4         4         NUM   CD  compound 4
billion   billion   NUM   CD  dobj     1
in        in        ADP   IN  prep     {in_head}
Anthropic Anthropic PROPN NNP pobj     5 B-Organization
.         .         PUNCT .   punct    1
"""


@pytest.fixture(scope="session")
def list_relative() -> str:
    """ "Google and Amazon, which led the round, grew.", the relative clause on ``{led_head}``."""
    return LIST_RELATIVE


@pytest.fixture(scope="session")
def two_sentences() -> str:
    """ "Amazon grew. Anthropic grew."."""
    return TWO_SENTENCES


@pytest.fixture(scope="session")
def invested_in() -> str:
    """ "Amazon invested $4 billion in Anthropic.", with "in" on token ``{in_head}``."""
    return INVESTED_IN


@pytest.fixture(scope="session")
def vocab() -> Vocab:
    """A blank English vocabulary: its lexical attributes (``like_num``, ``is_title``) and no model."""
    register_extensions()
    return spacy.blank("en").vocab


@pytest.fixture(scope="session")
def hand_doc(vocab: Vocab) -> Callable[[str], Doc]:
    """``hand_doc(table) -> Doc``: see ``parse_table``."""
    return lambda table: parse_table(vocab, table)


@pytest.fixture(scope="session")
def entities() -> Callable[..., EntityIndex]:
    """``entities(doc, refs=None) -> EntityIndex``: see ``index_entities``."""
    return index_entities
