"""The general resolvers and checks, called by the names rules use, on hand-built parses (tests/nlp/conftest.py):
what each finds at its anchor, and nothing where the tree says otherwise. No model runs here."""

from __future__ import annotations

import pytest
from spacy.tokens import Token

from extractor.nlp.components.grammar import EntityIndex
from extractor.nlp.components.relations import packaged_rules
from extractor.nlp.rules.resolvers import ARGUMENTS, ATTRIBUTES, CHECKS, Context
from extractor.nlp.rules.resolvers.core import governing_verb


@pytest.fixture(scope="module")
def words():
    return packaged_rules().words


def call(table: dict, name: str, idx: EntityIndex, tok: Token, *args: str, words=None):
    ctx = Context(idx, words if words is not None else packaged_rules().words)
    return table[name](ctx, tok, tuple(args))


def names(idx: EntityIndex, found) -> list[str]:
    return [idx.entities[a.id].name for a in found]


def arg(name: str, idx: EntityIndex, tok: Token, *args: str) -> list[str]:
    """The names the argument resolver ``name`` finds at ``tok``."""
    return names(idx, call(ARGUMENTS, name, idx, tok, *args))


def check(name: str, idx: EntityIndex, tok: Token, *args: str) -> bool:
    return call(CHECKS, name, idx, tok, *args)


# word lemma POS TAG dep head [entity]; the tables other test files read too are in tests/nlp/conftest.py
MADE_INVESTMENT = """
Microsoft  Microsoft  PROPN NNP nsubj 1 B-Organization
made       make       VERB  VBD ROOT  1
an         a          DET   DT  det   3
investment investment NOUN  NN  {investment_dep} 1
in         in         ADP   IN  prep  3
Mistral    Mistral    PROPN NNP pobj  4 B-Organization
.          .          PUNCT .   punct 1
"""

PASSIVE = """
Anthropic Anthropic PROPN NNP nsubjpass 2 B-Organization
is        be        AUX   VBZ auxpass   2
backed    back      VERB  VBN ROOT      2
by        by        ADP   IN  agent     2
Amazon    Amazon    PROPN NNP pobj      3 B-Organization
and       and       CCONJ CC  cc        4
Google    Google    PROPN NNP conj      4 B-Organization
.         .         PUNCT .   punct     2
"""

ACTIVE = """
Amazon    Amazon    PROPN NNP nsubj 1 B-Organization
backed    back      VERB  VBD ROOT  1
Anthropic Anthropic PROPN NNP dobj  1 B-Organization
.         .         PUNCT .   punct 1
"""


BACKERS = """
Groq    Groq    PROPN NNP  nsubj 1 B-Organization
grew    grow    VERB  VBD  ROOT  1
.       .       PUNCT .    punct 1
Its     its     PRON  PRP$ poss  4
backers backer  NOUN  NNS  nsubj 5
include include VERB  VBP  ROOT  5
Sequoia Sequoia PROPN NNP  dobj  5 B-Organization
and     and     CCONJ CC   cc    6
Nvidia  Nvidia  PROPN NNP  conj  6 B-Organization
.       .       PUNCT .    punct 5
"""

SEQUOIA_BACKED = """
Sequoia Sequoia PROPN NNP  npadvmod 2 B-Organization
-       -       PUNCT HYPH punct    2
backed  back    VERB  VBN  amod     3
Wiz     Wiz     PROPN NNP  nsubj    4 B-Organization
raised  raise   VERB  VBD  ROOT     4
money   money   NOUN  NN   dobj     4
.       .       PUNCT .    punct    4
"""

STAKES = """
SoftBank SoftBank PROPN NNP nsubj 1 B-Organization
sold     sell     VERB  VBD ROOT  1
its      its      PRON  PRP$ poss 3
stakes   stake    NOUN  NNS dobj  1
in       in       ADP   IN  prep  3
Arm      Arm      PROPN NNP pobj  4 B-Organization
and      and      CCONJ CC  cc    4
in       in       ADP   IN  conj  4
Nvidia   Nvidia   PROPN NNP pobj  7 B-Organization
.        .        PUNCT .   punct 1
"""

PUT_AND_ADDED = """
SoftBank SoftBank PROPN NNP nsubj    1 B-Organization
put      put      VERB  VBD ROOT     1
$        $        SYM   $   quantmod 4
5        5        NUM   CD  compound 4
million  million  NUM   CD  dobj     1
into     into     ADP   IN  prep     1
OpenAI   OpenAI   PROPN NNP pobj     5 B-Organization
and      and      CCONJ CC  cc       1
added    add      VERB  VBD conj     1
$        $        SYM   $   quantmod 11
1        1        NUM   CD  compound 11
million  million  NUM   CD  dobj     8
.        .        PUNCT .   punct    1
"""

# "Tesla uses Nvidia chips {to} train models."
CHIPS_TO_TRAIN = """
Tesla  Tesla  PROPN NNP nsubj    1 B-Organization
uses   use    VERB  VBZ ROOT     1
Nvidia Nvidia PROPN NNP compound 3 B-Organization
chips  chip   NOUN  NNS dobj     1
{to}
train  train  VERB  VB  advcl    1
models model  NOUN  NNS dobj     5
.      .      PUNCT .   punct    1
"""
TO = "to to PART TO aux 5"
NOT_TO = "and and CCONJ CC cc 5"


# -- subjects and objects --------------------------------------------------------------------------


def test_subject_of_an_active_verb_and_the_doers_of_a_passive(hand_doc, entities) -> None:
    active = hand_doc(ACTIVE)
    assert arg("subject", entities(active), active[1]) == ["Amazon"]
    passive = hand_doc(PASSIVE)
    idx = entities(passive)
    assert arg("subject", idx, passive[2]) == ["Amazon", "Google"]  # the "by" phrase, its list whole
    assert arg("agent", idx, passive[2]) == ["Amazon", "Google"]
    assert arg("passive_subject", idx, passive[2]) == ["Anthropic"]
    assert check("passive", idx, passive[2])


def test_a_participle_with_a_by_phrase_is_passive(hand_doc, entities) -> None:
    doc = hand_doc(
        """
        Anthropic Anthropic PROPN NNP nsubj 6 B-Organization
        ,         ,         PUNCT ,   punct 0
        backed    back      VERB  VBN acl   0
        by        by        ADP   IN  agent 2
        Amazon    Amazon    PROPN NNP pobj  3 B-Organization
        ,         ,         PUNCT ,   punct 0
        grew      grow      VERB  VBD ROOT  6
        .         .         PUNCT .   punct 6
        """
    )
    idx = entities(doc)
    assert check("passive", idx, doc[2])  # "Anthropic, backed by Amazon, grew"
    assert arg("agent", idx, doc[2]) == ["Amazon"]
    assert arg("passive_subject", idx, doc[2]) == ["Anthropic"]


def test_an_active_verb_has_no_agent_or_passive_subject(hand_doc, entities) -> None:
    doc = hand_doc(ACTIVE)
    idx = entities(doc)
    assert arg("agent", idx, doc[1]) == []
    assert arg("passive_subject", idx, doc[1]) == []
    assert not check("passive", idx, doc[1])


def test_the_subject_of_a_relative_clause_on_a_list_is_what_the_clause_speaks_of(
    list_relative: str, hand_doc, entities
) -> None:
    on_last = hand_doc(list_relative.format(led_head=2))
    assert arg("subject", entities(on_last), on_last[5]) == ["Amazon", "Google"]  # "A and B, which led"
    on_first = hand_doc(list_relative.format(led_head=0))
    assert arg("subject", entities(on_first), on_first[5]) == ["Google"]  # "A, which led X, and B": A alone


def test_a_sum_is_no_object_but_makes_a_money_object(invested_in: str, hand_doc, entities) -> None:
    doc = hand_doc(invested_in.format(in_head=1))
    idx = entities(doc)
    assert arg("object", idx, doc[1]) == []
    assert check("money_object", idx, doc[1])
    assert check("object_lemma", idx, doc[1], "billion")
    assert not check("object_lemma", idx, doc[1], "Amazon")  # the subject is no object
    bought = hand_doc(ACTIVE)
    assert arg("object", entities(bought), bought[1]) == ["Anthropic"]
    assert not check("money_object", entities(bought), bought[1])
    no_symbol = hand_doc(
        """
        Amazon    Amazon    PROPN NNP nsubj    1 B-Organization
        invested  invest    VERB  VBD ROOT     1
        4         4         NUM   CD  compound 3
        billion   billion   NUM   CD  dobj     1
        yen       yen       NOUN  NNS npadvmod 1
        .         .         PUNCT .   punct    1
        """
    )
    assert check("money_object", entities(no_symbol), no_symbol[1])  # "invested 4 billion yen": a scale is money


def test_a_sum_named_after_a_fund_is_still_no_object(hand_doc, entities) -> None:
    doc = hand_doc(
        """
        SoftBank SoftBank PROPN NNP nsubj    1 B-Organization
        put      put      VERB  VBD ROOT     1
        Vision   Vision   PROPN NNP compound 3 B-Organization
        Fund     Fund     PROPN NNP compound 4 I-Organization
        money    money    NOUN  NN  dobj     1
        into     into     ADP   IN  prep     1
        OpenAI   OpenAI   PROPN NNP pobj     5 B-Organization
        .        .        PUNCT .   punct    1
        """
    )
    idx = entities(doc)
    assert arg("object", idx, doc[1]) == []  # "put Vision Fund money into OpenAI": the money is no party
    assert arg("prep", idx, doc[1], "into") == ["OpenAI"]


def test_an_object_names_what_is_compounded_into_it(hand_doc, entities) -> None:
    doc = hand_doc(CHIPS_TO_TRAIN.format(to=TO))
    idx = entities(doc)
    assert arg("object", idx, doc[1]) == ["Nvidia"]  # "Nvidia chips"
    assert arg("np", idx, doc[3]) == []  # the noun phrase alone names nothing
    assert arg("names", idx, doc[3]) == ["Nvidia"]
    assert arg("here", idx, doc[2]) == ["Nvidia"]
    assert arg("here", idx, doc[3]) == []


# -- prepositions ----------------------------------------------------------------------------------


@pytest.mark.parametrize("in_head", [1, 4])  # "in" on the verb or on its object: the parser does both
def test_prep_reads_the_verb_and_its_object(invested_in: str, hand_doc, entities, in_head: int) -> None:
    doc = hand_doc(invested_in.format(in_head=in_head))
    idx = entities(doc)
    assert arg("prep", idx, doc[1], "in", "into") == ["Anthropic"]
    assert check("has_prep", idx, doc[1], "in")
    assert arg("prep", idx, doc[1], "into") == []
    assert not check("has_prep", idx, doc[1], "into")


def test_prep_does_not_reach_a_preposition_elsewhere(invested_in: str, hand_doc, entities) -> None:
    doc = hand_doc(invested_in.format(in_head=0))  # "in Anthropic" on "Amazon"
    idx = entities(doc)
    assert arg("prep", idx, doc[1], "in") == []
    assert not check("has_prep", idx, doc[1], "in")


def test_own_prep_reads_the_anchor_and_coordinated_prepositions(hand_doc, entities) -> None:
    doc = hand_doc(STAKES)
    idx = entities(doc)
    assert arg("own_prep", idx, doc[3], "in") == ["Arm", "Nvidia"]  # "its stakes in Arm and in Nvidia"
    assert check("has_own_prep", idx, doc[3], "in")
    assert arg("own_prep", idx, doc[1], "in") == []  # not the verb's own
    assert not check("has_own_prep", idx, doc[1], "in")
    assert check("has_prep", idx, doc[1], "in")  # ... but on its object


def test_head_prep_is_the_preposition_left_on_the_first_of_two_verbs(hand_doc, entities) -> None:
    doc = hand_doc(PUT_AND_ADDED)
    idx = entities(doc)
    assert arg("head_prep", idx, doc[8], "into") == ["OpenAI"]  # "put $5m into OpenAI and added $1m"
    assert arg("head_prep", idx, doc[1], "into") == []  # the first verb is no conjunct
    assert arg("subject", idx, doc[8]) == ["SoftBank"]


# -- nouns and the clauses around them -------------------------------------------------------------


def test_verb_subject_and_own_prep_of_a_noun_object(hand_doc, entities) -> None:
    doc = hand_doc(MADE_INVESTMENT.format(investment_dep="dobj"))
    idx = entities(doc)
    assert governing_verb(doc[3]).text == "made"
    assert governing_verb(doc[5]) is None  # "Mistral" hangs on a noun's preposition
    assert arg("verb_subject", idx, doc[3]) == ["Microsoft"]  # "Microsoft made an investment in Mistral"
    assert arg("own_prep", idx, doc[3], "in") == ["Mistral"]
    assert arg("prep", idx, doc[1], "in") == ["Mistral"]
    assert not check("anaphoric", idx, doc[3])  # "an investment" is a new one


def test_a_noun_no_verb_takes_as_its_object_has_no_verb_subject(hand_doc, entities) -> None:
    doc = hand_doc(MADE_INVESTMENT.format(investment_dep="npadvmod"))
    assert governing_verb(doc[3]) is None
    assert arg("verb_subject", entities(doc), doc[3]) == []


def test_governing_verb_through_a_preposition_or_a_by_phrase(invested_in: str, hand_doc) -> None:
    passive = hand_doc(PASSIVE)
    assert governing_verb(passive[4]).text == "backed"  # through the "by" phrase
    assert governing_verb(passive[0]).text == "backed"  # the passive subject
    invested = hand_doc(invested_in.format(in_head=1))
    assert governing_verb(invested[6]).text == "invested"
    assert governing_verb(invested[0]) is None  # a subject is no object


def test_head_subject_of_an_attribute(hand_doc, entities) -> None:
    doc = hand_doc(
        """
        Nvidia   Nvidia   PROPN NNP nsubj 1 B-Organization
        is       be       AUX   VBZ ROOT  1
        an       a        DET   DT  det   3
        investor investor NOUN  NN  attr  1
        in       in       ADP   IN  prep  3
        Mistral  Mistral  PROPN NNP pobj  4 B-Organization
        .        .        PUNCT .   punct 1
        """
    )
    idx = entities(doc)
    assert arg("head_subject", idx, doc[3]) == ["Nvidia"]  # "Nvidia is an investor"
    assert arg("head_subject", idx, doc[5]) == []  # its head is a preposition, no verb
    assert arg("head_subject", idx, doc[1]) == []  # a root has no head
    headline = hand_doc(
        """
        Nvidia   Nvidia   PROPN NNP nsubj 2 B-Organization
        top      top      ADJ   JJ  amod  2
        investor investor NOUN  NN  ROOT  2
        in       in       ADP   IN  prep  2
        Mistral  Mistral  PROPN NNP pobj  3 B-Organization
        """
    )
    assert arg("head_subject", entities(headline), headline[3]) == []  # the head is a noun, not a verb


def test_possessors_objects_and_what_came_before_of_a_noun_subject(hand_doc, entities) -> None:
    doc = hand_doc(BACKERS)
    idx = entities(doc, refs={3: "Groq"})
    assert arg("owner", idx, doc[4]) == ["Groq"]  # "Its backers": its = Groq
    assert check("has_owner", idx, doc[4])
    assert check("anaphoric", idx, doc[4])
    assert arg("head_objects", idx, doc[4]) == ["Sequoia", "Nvidia"]  # "Its backers include A and B"
    assert arg("head_objects", idx, doc[5]) == []  # a root has no head whose objects to take
    assert arg("preceding", idx, doc[6]) == ["Groq"]  # through "Its"
    assert arg("following", idx, doc[5]) == ["Sequoia", "Nvidia"]


def test_an_unresolved_possessor_is_no_owner_and_the_sentence_before_is_not_preceding(hand_doc, entities) -> None:
    doc = hand_doc(BACKERS)
    idx = entities(doc)  # "Its" refers to nothing
    assert arg("owner", idx, doc[4]) == []
    assert not check("has_owner", idx, doc[4])
    assert check("anaphoric", idx, doc[4])  # the word still refers back
    assert arg("preceding", idx, doc[6]) == []  # Groq is named in the sentence before
    assert not check("anaphoric", idx, doc[6])


def test_preceding_is_the_nearest_one_organisation(hand_doc, entities) -> None:
    doc = hand_doc(
        """
        Oracle    Oracle    PROPN NNP nsubj 3 B-Organization
        and       and       CCONJ CC  cc    0
        Cerner    Cerner    PROPN NNP conj  0 B-Organization
        said      say       VERB  VBD ROOT  3
        both      both      DET   DT  det   5
        companies company   NOUN  NNS nsubj 7
        would     would     AUX   MD  aux   7
        merge     merge     VERB  VB  ccomp 3
        .         .         PUNCT .   punct 3
        """
    )
    assert arg("preceding", entities(doc), doc[7]) == ["Cerner"]  # the nearest name before "merge"
    both = entities(doc, refs={5: ("Oracle", "Cerner")})
    assert arg("preceding", both, doc[7]) == ["Oracle"]  # "both companies": one, the first it stands for


def test_following_reads_a_list_right_after_the_anchor_and_stops_at_other_words(hand_doc, entities) -> None:
    table = """
    Microsoft Microsoft PROPN NNP nsubj 1 B-Organization
    faces     face      VERB  VBZ ROOT  1
    rivals    rival     NOUN  NNS dobj  1
    {between}
    Google    Google    PROPN NNP appos 2 B-Organization
    and       and       CCONJ CC  cc    4
    Amazon    Amazon    PROPN NNP conj  4 B-Organization
    .         .         PUNCT .   punct 1
    """
    listed = hand_doc(table.format(between="the the DET DT det 4"))
    assert arg("following", entities(listed), listed[2]) == ["Google", "Amazon"]  # "rivals the Google and Amazon"
    such = hand_doc(table.format(between="like like ADP IN prep 2"))
    assert arg("following", entities(such), such[2]) == []  # "rivals like Google": a word between
    assert arg("preceding", entities(such), such[2]) == ["Microsoft"]


def test_described_is_the_noun_a_modifier_or_apposition_describes(hand_doc, entities) -> None:
    doc = hand_doc(SEQUOIA_BACKED)
    idx = entities(doc)
    assert arg("described", idx, doc[2]) == ["Wiz"]  # "Sequoia-backed Wiz"
    assert arg("passive_subject", idx, doc[2]) == ["Wiz"]
    assert arg("described", idx, doc[4]) == []  # a root describes nothing
    appos = hand_doc(
        """
        Wiz     Wiz     PROPN NNP nsubj 5 B-Organization
        ,       ,       PUNCT ,   punct 0
        a       a       DET   DT  det   3
        startup startup NOUN  NN  appos 0
        ,       ,       PUNCT ,   punct 0
        grew    grow    VERB  VBD ROOT  5
        .       .       PUNCT .   punct 5
        """
    )
    assert arg("described", entities(appos), appos[3]) == ["Wiz"]  # "Wiz, a startup"
    assert arg("described", entities(appos), appos[2]) == []  # its determiner describes nothing


def test_subtree_finds_the_types_asked_for(hand_doc, entities) -> None:
    doc = hand_doc(CHIPS_TO_TRAIN.format(to=TO))
    idx = entities(doc)
    assert arg("subtree", idx, doc[1]) == ["Tesla", "Nvidia"]  # every type by default
    assert arg("subtree", idx, doc[3], "Organization") == ["Nvidia"]
    assert arg("subtree", idx, doc[1], "Person") == []
    product = hand_doc(
        """
        Tesla Tesla PROPN NNP nsubj    1 B-Organization
        uses  use   VERB  VBZ ROOT     1
        H100  H100  PROPN NNP compound 3 B-Product
        chips chip  NOUN  NNS dobj     1
        .     .     PUNCT .   punct    1
        """
    )
    assert arg("subtree", entities(product), product[1]) == ["Tesla", "H100"]
    assert arg("subtree", entities(product), product[1], "Organization") == ["Tesla"]


def test_own_subject_does_not_climb(hand_doc, entities) -> None:
    doc = hand_doc(PUT_AND_ADDED)
    idx = entities(doc)
    assert arg("own_subject", idx, doc[1]) == ["SoftBank"]
    assert arg("own_subject", idx, doc[8]) == []  # "added" shares "put"'s subject, has none of its own


# -- checks and attributes -------------------------------------------------------------------------


def test_purpose_is_an_infinitive_on_the_verb(hand_doc, entities) -> None:
    doc = hand_doc(CHIPS_TO_TRAIN.format(to=TO))
    assert call(ATTRIBUTES, "purpose", entities(doc), doc[1]) == "train"  # "uses chips to train"
    no_to = hand_doc(CHIPS_TO_TRAIN.format(to=NOT_TO))
    assert call(ATTRIBUTES, "purpose", entities(no_to), no_to[1]) is None


def test_has_child_and_found(hand_doc, entities) -> None:
    doc = hand_doc(CHIPS_TO_TRAIN.format(to=TO))
    idx = entities(doc)
    assert check("has_child", idx, doc[1], "chips", "models")
    assert not check("has_child", idx, doc[1], "models")  # a grandchild is no child
    assert check("found", idx, doc[1], "agent", "object")  # "object" finds Nvidia
    assert not check("found", idx, doc[1], "agent", "passive_subject")


def test_the_money_words_come_from_the_word_lists(hand_doc, entities, words) -> None:
    from extractor.nlp.rules.spec import WordLists

    doc = hand_doc(SEQUOIA_BACKED)
    idx = entities(doc)
    assert "money" in words["money_nouns"]
    assert call(CHECKS, "money_object", idx, doc[4], words=words)  # "raised money"
    assert not call(CHECKS, "money_object", idx, doc[4], words=WordLists(money_nouns=["cash"]))
