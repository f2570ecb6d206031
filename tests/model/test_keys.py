"""Entity keys decide which mentions become one graph node, in an article and across a corpus."""

from extractor.model.facts import Entity
from extractor.model.keys import entity_key, normalized_name, slug


def org(name: str, wikidata: str | None = None) -> Entity:
    return Entity(id="e1", name=name, type="Organization", wikidata=wikidata)


def test_legal_suffix_possessive_and_article_fold_to_one_key() -> None:
    assert normalized_name("The Anthropic's") == "anthropic"
    assert entity_key(org("ZT Systems Inc.")) == entity_key(org("ZT Systems")) == "org/zt-systems"


def test_dotted_legal_forms_fold_like_plain_ones() -> None:
    assert entity_key(org("Nestlé S.A.")) == entity_key(org("Nestle SA")) == "org/nestle"
    assert normalized_name("U.S. Steel") == "us steel"


def test_wikidata_id_wins_over_the_name() -> None:
    assert entity_key(org("Amazon.com", wikidata="Q3884")) == "Q3884"


def test_accents_fold_to_ascii() -> None:
    assert slug("Nestlé") == "nestle"
    assert slug("Zürich") == "zurich"


def test_names_in_other_scripts_do_not_collide() -> None:
    # Dropping the non-Latin letters would leave "baidu" or "t" for each of these.
    assert slug("Baidu 百度") != slug("Baidu")
    assert slug("Tᒛ") != slug("Tᔧ")
    assert entity_key(org("Яндекс")) != entity_key(org("Сбер"))
    assert all(c.isascii() for c in slug("Baidu 百度"))
