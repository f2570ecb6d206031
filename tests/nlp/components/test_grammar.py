"""The dependency-tree helpers on hand-built parses (tests/nlp/conftest.py): what each finds on the tree a
rule is written for, and that it finds nothing where the tree says something else. No model runs here."""

from __future__ import annotations

from extractor.nlp.components.grammar import (
    Arg,
    agents,
    governing_verb,
    is_negated,
    is_passive,
    objects,
    prep_objects,
    subjects,
    tree_distance,
    unique,
)

# word lemma POS TAG dep head [entity]
AGREED = """
Google    Google    PROPN NNP nsubj 4 B-Organization
and       and       CCONJ CC  cc    0
Amazon    Amazon    PROPN NNP conj  0 B-Organization
have      have      AUX   VBP aux   4
agreed    agree     VERB  VBN ROOT  4
to        to        PART  TO  aux   6
invest    invest    VERB  VB  xcomp 4
in        in        ADP   IN  prep  6
Anthropic Anthropic PROPN NNP pobj  7 B-Organization
.         .         PUNCT .   punct 4
"""

RELATIVE = """
SoftBank SoftBank PROPN NNP nsubj 6 B-Organization
,        ,        PUNCT ,   punct 0
which    which    PRON  WDT nsubj 3
bought   buy      VERB  VBD relcl 0
Arm      Arm      PROPN NNP dobj  3 B-Organization
,        ,        PUNCT ,   punct 0
invested invest   VERB  VBD ROOT  6
in       in       ADP   IN  prep  6
OpenAI   OpenAI   PROPN NNP pobj  7 B-Organization
.        .        PUNCT .   punct 6
"""


PASSIVE = """
Arm      Arm      PROPN NNP nsubjpass 2 B-Organization
was      be       AUX   VBD auxpass   2
bought   buy      VERB  VBN ROOT      2
by       by       ADP   IN  agent     2
SoftBank SoftBank PROPN NNP pobj      3 B-Organization
.        .        PUNCT .   punct     2
"""

# the same words read as an active clause with a "by" phrase of place or time
NOT_PASSIVE = """
Arm      Arm      PROPN NNP nsubj 2 B-Organization
was      be       AUX   VBD aux   2
bought   buy      VERB  VBN ROOT  2
by       by       ADP   IN  prep  2
SoftBank SoftBank PROPN NNP pobj  3 B-Organization
.        .        PUNCT .   punct 2
"""

# "Apple is in talks to acquire Arm."; ``{to_dep}`` of "to" decides whether "acquire" is an infinitive
TALKS = """
Apple   Apple   PROPN NNP nsubj 1 B-Organization
is      be      AUX   VBZ ROOT  1
in      in      ADP   IN  prep  1
talks   talk    NOUN  NNS pobj  2
to      to      PART  TO  {to_dep} 5
acquire acquire VERB  VB  acl   3
Arm     Arm     PROPN NNP dobj  5 B-Organization
.       .       PUNCT .   punct 1
"""

DOES_NOT_PLAN = """
Intel  Intel  PROPN NNP nsubj 3 B-Organization
does   do     AUX   VBZ aux   3
not    not    PART  RB  neg   3
plan   plan   VERB  VB  ROOT  3
to     to     PART  TO  aux   5
invest invest VERB  VB  xcomp 3
in     in     ADP   IN  prep  5
Arm    Arm    PROPN NNP pobj  6 B-Organization
.      .      PUNCT .   punct 3
"""

DID_NOT_SAY = """
Intel    Intel  PROPN NNP nsubj 3 B-Organization
did      do     AUX   VBD aux   3
not      not    PART  RB  neg   3
say      say    VERB  VB  ROOT  3
Nvidia   Nvidia PROPN NNP nsubj 5 B-Organization
invested invest VERB  VBD ccomp 3
in       in     ADP   IN  prep  5
Arm      Arm    PROPN NNP pobj  6 B-Organization
.        .      PUNCT .   punct 3
"""

# "Apple had {det} plans to acquire Arm."
HAD_PLANS = """
Apple   Apple   PROPN NNP nsubj 1 B-Organization
had     have    VERB  VBD ROOT  1
{det}
plans   plan    NOUN  NNS dobj  1
to      to      PART  TO  aux   5
acquire acquire VERB  VB  acl   3
Arm     Arm     PROPN NNP dobj  5 B-Organization
.       .       PUNCT .   punct 1
"""

INVESTED_SUM = """
Amazon    Amazon    PROPN NNP nsubj    1 B-Organization
invested  invest    VERB  VBD ROOT     1
$         $         SYM   $   quantmod 4
4         4         NUM   CD  compound 4
billion   billion   NUM   CD  dobj     1
in        in        ADP   IN  prep     1
Anthropic Anthropic PROPN NNP pobj     5 B-Organization
.         .         PUNCT .   punct    1
"""

HEADLINE = """
Amazon     Amazon     PROPN NNP compound 1 B-Organization
investment investment NOUN  NN  ROOT     1
in         in         ADP   IN  prep     1
Anthropic  Anthropic  PROPN NNP pobj     2 B-Organization
"""


# "Nvidia has backed the startup Mistral AI."
STARTUP_APPOS = """
Nvidia  Nvidia  PROPN NNP nsubj    2 B-Organization
has     have    AUX   VBZ aux      2
backed  back    VERB  VBN ROOT     2
the     the     DET   DT  det      4
startup startup NOUN  NN  dobj     2
Mistral Mistral PROPN NNP compound 6 B-Organization
AI      AI      PROPN NNP {ai_dep} 4 I-Organization
.       .       PUNCT .   punct    2
"""

# "Amazon backed a startup {verb} Anthropic."
STARTUP_CALLED = """
Amazon    Amazon    PROPN NNP nsubj 1 B-Organization
backed    back      VERB  VBD ROOT  1
a         a         DET   DT  det   3
startup   startup   NOUN  NN  dobj  1
{verb}              VERB  VBN acl   3
Anthropic Anthropic PROPN NNP oprd  4 B-Organization
.         .         PUNCT .   punct 1
"""

CHIPS = """
Anthropic  Anthropic  PROPN NNP nsubj    1 B-Organization
uses       use        VERB  VBZ ROOT     1
AWS        AWS        PROPN NNP compound 3 B-Organization
Trainium   Trainium   PROPN NNP compound 6 B-Product
and        and        CCONJ CC  cc       3
Inferentia Inferentia PROPN NNP conj     3 B-Product
chips      chip       NOUN  NNS dobj     1
.          .          PUNCT .   punct    1
"""

# "Anthropic uses Amazon's Trainium chips." with "Amazon" the {dep} of token {head} ("Trainium" or "chips")
OWNED_CHIPS = """
Anthropic Anthropic PROPN NNP nsubj         1 B-Organization
uses      use       VERB  VBZ ROOT          1
Amazon    Amazon    PROPN NNP {dep} {head} B-Organization
's        's        PART  POS case          2
Trainium  Trainium  PROPN NNP compound      5 B-Product
chips     chip      NOUN  NNS dobj          1
.         .         PUNCT .   punct         1
"""

# "Mistral grew. The Paris company raised money.": "company" refers to Mistral, named before
PLACE_THEN_DESCRIPTION = """
Mistral Mistral PROPN NNP nsubj    1 B-Organization
grew    grow    VERB  VBD ROOT     1
.       .       PUNCT .   punct    1
the     the     DET   DT  det      5
Paris   Paris   PROPN NNP compound 5 B-Location
company company NOUN  NN  nsubj    6
raised  raise   VERB  VBD ROOT     6
money   money   NOUN  NN  dobj     6
.       .       PUNCT .   punct    6
"""


def ids(args: list[Arg]) -> list[str]:
    return [a.id for a in args]


def texts(tokens) -> list[str]:
    return [t.text for t in tokens]


# -- subjects --------------------------------------------------------------------------------------


def test_a_verb_of_control_shares_its_subject(hand_doc) -> None:
    doc = hand_doc(AGREED)
    assert texts(subjects(doc[4])) == ["Google"]
    assert texts(subjects(doc[6])) == ["Google"]  # "agreed to invest": who agreed invests


def test_a_clause_hung_by_a_label_that_does_not_share_has_no_subject(hand_doc) -> None:
    doc = hand_doc(AGREED.replace("xcomp", "parataxis"))
    assert subjects(doc[6]) == []


def test_a_relative_pronoun_stands_for_its_antecedent(hand_doc) -> None:
    doc = hand_doc(RELATIVE)
    assert texts(subjects(doc[3])) == ["SoftBank"]  # "SoftBank, which bought Arm"
    assert texts(subjects(doc[6])) == ["SoftBank"]
    assert texts(objects(doc[3])) == ["Arm"]


def test_which_outside_a_relative_clause_is_its_own_subject(hand_doc) -> None:
    doc = hand_doc(RELATIVE.replace("relcl", "ccomp"))
    assert texts(subjects(doc[3])) == ["which"]


def test_a_relative_clause_on_the_last_name_of_a_list_speaks_of_the_whole_list(list_relative: str, hand_doc) -> None:
    on_last = hand_doc(list_relative.format(led_head=2))
    assert texts(subjects(on_last[5])) == ["Amazon", "Google"]
    on_first = hand_doc(list_relative.format(led_head=0))
    assert texts(subjects(on_first[5])) == ["Google"]


def test_an_infinitive_on_talks_takes_the_subject_of_the_clause_holding_the_talks(hand_doc) -> None:
    doc = hand_doc(TALKS.format(to_dep="aux"))
    assert texts(subjects(doc[5])) == ["Apple"]  # "Apple is in talks to acquire Arm"
    not_infinitive = hand_doc(TALKS.format(to_dep="mark"))
    assert texts(subjects(not_infinitive[5])) == ["talks"]  # a participle describes its noun


def test_a_passive_subject_raised_to_a_reporting_verb_does_the_infinitive(hand_doc) -> None:
    doc = hand_doc(
        """
        Google  Google  PROPN NNP nsubjpass 2 B-Organization
        was     be      AUX   VBD auxpass   2
        reported report VERB  VBN ROOT      2
        to      to      PART  TO  aux       5
        be      be      AUX   VB  aux       5
        probing probe   VERB  VBG xcomp     2
        Arm     Arm     PROPN NNP dobj      5 B-Organization
        .       .       PUNCT .   punct     2
        """
    )
    assert texts(subjects(doc[5])) == ["Google"]  # "Google was reported to be probing Arm"
    assert subjects(doc[2]) == []


def test_a_verb_without_subject_or_head_to_share_one_has_none(hand_doc) -> None:
    doc = hand_doc(PASSIVE)
    assert subjects(doc[2]) == []  # the passive subject is done to, not doing


# -- passives, objects, prepositions ---------------------------------------------------------------


def test_a_passive_has_its_doer_in_the_by_phrase(hand_doc) -> None:
    doc = hand_doc(PASSIVE)
    assert is_passive(doc[2])
    assert texts(agents(doc[2])) == ["SoftBank"]
    assert objects(doc[2]) == []


def test_an_active_clause_with_a_by_phrase_is_not_passive(hand_doc) -> None:
    doc = hand_doc(NOT_PASSIVE)
    assert not is_passive(doc[2])
    assert agents(doc[2]) == []


def test_objects_are_the_object_labels_only(hand_doc) -> None:
    doc = hand_doc(INVESTED_SUM)
    assert texts(objects(doc[1])) == ["billion"]
    assert objects(hand_doc(INVESTED_SUM.replace("dobj", "npadvmod"))[1]) == []


def test_prepositional_objects_of_the_named_prepositions_only(hand_doc) -> None:
    doc = hand_doc(INVESTED_SUM)
    assert texts(prep_objects(doc[1], ["in", "into"])) == ["Anthropic"]
    assert prep_objects(doc[1], ["into"]) == []
    assert prep_objects(doc[4], ["in"]) == []  # the preposition hangs on the verb, not on the sum


def test_a_preposition_inside_a_preposition_and_a_dative(hand_doc) -> None:
    doc = hand_doc(
        """
        Shell  Shell  PROPN NNP nsubj  1 B-Organization
        moved  move   VERB  VBD ROOT   1
        out    out    ADP   IN  prep   1
        of     of     ADP   IN  prep   2
        Russia Russia PROPN NNP pobj   3 B-Location
        and    and    CCONJ CC  cc     1
        sold   sell   VERB  VBD conj   1
        chips  chip   NOUN  NNS dobj   6
        to     to     ADP   IN  dative 6
        Nvidia Nvidia PROPN NNP pobj   8 B-Organization
        .      .      PUNCT .   punct  1
        """
    )
    assert texts(prep_objects(doc[1], ["out"])) == ["Russia"]  # "moved out of Russia"
    assert texts(prep_objects(doc[6], ["to"])) == ["Nvidia"]
    assert prep_objects(doc[1], ["of"]) == []  # "of" is not the verb's own preposition


# -- negation --------------------------------------------------------------------------------------


def test_negation_of_a_verb_of_intent_reaches_its_infinitive(hand_doc) -> None:
    doc = hand_doc(DOES_NOT_PLAN)
    assert is_negated(doc[3])
    assert is_negated(doc[5])  # "does not plan to invest"
    assert not is_negated(hand_doc(DOES_NOT_PLAN.replace("neg", "advmod").replace("not ", "now "))[5])


def test_negation_does_not_reach_a_reported_clause(hand_doc) -> None:
    doc = hand_doc(DID_NOT_SAY)
    assert is_negated(doc[3])
    assert not is_negated(doc[5])  # "did not say Nvidia invested": the investment is not denied


def test_no_plans_to_negates_the_plan(hand_doc) -> None:
    assert is_negated(hand_doc(HAD_PLANS.format(det="no no DET DT det 3"))[5])
    assert not is_negated(hand_doc(HAD_PLANS.format(det="new new ADJ JJ amod 3"))[5])


# -- where a word is in the tree -------------------------------------------------------------------


def test_the_governing_verb_is_the_nearest_verb_above(hand_doc) -> None:
    doc = hand_doc(DOES_NOT_PLAN)
    assert governing_verb(doc[7]).text == "invest"
    assert governing_verb(doc[3]).text == "plan"  # a root verb governs itself


def test_a_headline_without_a_verb_has_no_governing_verb(hand_doc) -> None:
    doc = hand_doc(HEADLINE)
    assert governing_verb(doc[3]) is None
    assert governing_verb(doc[1]) is None


def test_tree_distance_counts_edges_through_the_common_head(two_sentences: str, hand_doc) -> None:
    doc = hand_doc(AGREED)
    assert tree_distance(doc[0], doc[8]) == 4  # Google < agreed > invest > in > Anthropic
    assert tree_distance(doc[8], doc[0]) == 4
    assert tree_distance(doc[6], doc[6]) == 0
    two = hand_doc(two_sentences)
    assert tree_distance(two[0], two[3]) == 99  # no path between two sentences


# -- the entity index ------------------------------------------------------------------------------


def test_a_named_mention_is_no_reference_and_a_pronoun_is(hand_doc, entities) -> None:
    doc = hand_doc(
        """
        Arm    Arm    PROPN NNP nsubj 1 B-Organization
        grew   grow   VERB  VBD ROOT  1
        .      .      PUNCT .   punct 1
        It     it     PRON  PRP nsubj 4
        raised raise  VERB  VBD ROOT  4
        money  money  NOUN  NN  dobj  4
        .      .      PUNCT .   punct 4
        """
    )
    idx = entities(doc, refs={3: "Arm"})
    assert [(a.id, a.token.i, a.ref) for a in idx.at(doc[0])] == [("e1", 0, False)]
    assert [(a.id, a.token.i, a.ref) for a in idx.at(doc[3])] == [("e1", 3, True)]
    assert idx.at(doc[5]) == []
    assert idx.type("e1") == "Organization"
    assert idx.kind("e1") is None


def test_a_doc_without_entities_names_nothing(hand_doc) -> None:
    from extractor.nlp.components.grammar import EntityIndex

    doc = hand_doc(AGREED)  # mentions never resolved: doc._.entities and doc._.mention_of unset
    idx = EntityIndex(doc)
    assert [idx.np(t, modifiers=True) for t in doc] == [[] for _ in doc]


def test_a_list_names_each_of_its_members_from_the_first(hand_doc, entities) -> None:
    doc = hand_doc(AGREED)
    idx = entities(doc)
    assert ids(idx.np(doc[0])) == ["e1", "e2"]
    assert ids(idx.np(doc[0], conj=False)) == ["e1"]
    assert ids(idx.np(doc[2])) == ["e2"]  # a later member does not reach back


def test_a_relative_pronoun_names_its_antecedent(hand_doc, entities) -> None:
    doc = hand_doc(RELATIVE)
    idx = entities(doc)
    assert ids(idx.np(doc[2])) == ["e1"]  # "which" is SoftBank
    assert idx.np(hand_doc(RELATIVE.replace("relcl", "ccomp"))[2]) == []


def test_an_apposition_names_the_noun_it_stands_beside(hand_doc, entities) -> None:
    doc = hand_doc(STARTUP_APPOS.format(ai_dep="appos"))
    idx = entities(doc)
    assert ids(idx.np(doc[4])) == ["e2"]  # "the startup Mistral AI"
    loose = hand_doc(STARTUP_APPOS.format(ai_dep="npadvmod"))
    assert entities(loose).np(loose[4]) == []


def test_the_apposition_of_a_name_is_that_name(hand_doc, entities) -> None:
    doc = hand_doc(
        """
        Mistral Mistral PROPN NNP compound 1 B-Organization
        AI      AI      PROPN NNP nsubj    6 I-Organization
        ,       ,       PUNCT ,   punct    1
        the     the     DET   DT  det      4
        startup startup NOUN  NN  appos    1
        ,       ,       PUNCT ,   punct    1
        grew    grow    VERB  VBD ROOT     6
        .       .       PUNCT .   punct    6
        """
    )
    assert ids(entities(doc).np(doc[4])) == ["e1"]


def test_a_noun_called_a_name_is_that_name(hand_doc, entities) -> None:
    doc = hand_doc(STARTUP_CALLED.format(verb="called call"))
    assert ids(entities(doc).np(doc[3])) == ["e2"]  # "a startup called Anthropic"
    funded = hand_doc(STARTUP_CALLED.format(verb="funded fund"))
    assert entities(funded).np(funded[3]) == []


def test_names_compounded_before_a_noun_count_only_when_asked(hand_doc, entities) -> None:
    doc = hand_doc(CHIPS)
    idx = entities(doc)
    assert idx.np(doc[6]) == []
    assert ids(idx.np(doc[6], modifiers=True)) == ["e2", "e3", "e4"]  # AWS, Trainium, Inferentia
    assert ids(idx.left_names(doc[6])) == ["e2", "e3", "e4"]


def test_a_possessor_inside_the_name_is_not_compounded(hand_doc, entities) -> None:
    owned = hand_doc(OWNED_CHIPS.format(dep="poss", head=4))
    assert ids(entities(owned).left_names(owned[5])) == ["e3"]  # Trainium, not Amazon
    owning_the_chips = hand_doc(OWNED_CHIPS.format(dep="poss", head=5))
    assert ids(entities(owning_the_chips).left_names(owning_the_chips[5])) == ["e3"]  # "Amazon's chips"
    compounded = hand_doc(OWNED_CHIPS.format(dep="compound", head=4))
    assert ids(entities(compounded).left_names(compounded[5])) == ["e2", "e3"]


def test_subtree_filters_by_type(hand_doc, entities) -> None:
    doc = hand_doc(CHIPS)
    idx = entities(doc)
    assert ids(idx.subtree(doc[6], ["Product"])) == ["e3", "e4"]
    assert ids(idx.subtree(doc[1], ["Organization"])) == ["e1", "e2"]
    assert idx.subtree(doc[6], ["Person"]) == []


def test_a_place_before_a_description_gives_way_to_the_description(hand_doc, entities) -> None:
    doc = hand_doc(PLACE_THEN_DESCRIPTION)
    idx = entities(doc, refs={5: "Mistral"})
    assert idx.type("e2") == "Location"
    assert ids(idx.np(doc[4])) == ["e1"]  # "the Paris company" is Mistral, not Paris
    unresolved = hand_doc(PLACE_THEN_DESCRIPTION)
    assert ids(entities(unresolved).np(unresolved[4])) == ["e2"]


def test_a_place_before_a_name_stays_the_place(hand_doc, entities) -> None:
    doc = hand_doc(
        """
        Beijing   Beijing   PROPN NNP compound 1 B-Location
        ByteDance ByteDance PROPN NNP nsubj    2 B-Organization
        grew      grow      VERB  VBD ROOT     2
        .         .         PUNCT .   punct    2
        """
    )
    assert ids(entities(doc).np(doc[0])) == ["e1"]  # the name after it is a mention of its own


def test_unique_keeps_the_first_of_each_entity_in_order(hand_doc) -> None:
    doc = hand_doc(AGREED)
    args = [Arg("e2", doc[2], False), Arg("e1", doc[0], False), Arg("e2", doc[8], True)]
    assert [(a.id, a.token.i) for a in unique(args)] == [("e2", 2), ("e1", 0)]
