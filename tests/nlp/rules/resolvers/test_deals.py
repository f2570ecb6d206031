"""Investments and acquisitions across sentences: the sums, dates, rounds and status they carry,
and the deal "the deal", "the round" or "paid $7 billion" refers to (real model, rules as shipped)."""

from __future__ import annotations

from extractor import ArticleGraph


def deal_rows(article: ArticleGraph, subject: str, predicate: str, obj: str) -> list:
    names = {e.id: e.name for e in article.entities}
    return [
        r
        for r in article.relations
        if r.predicate == predicate and names[r.subject] == subject and names[r.object] == obj
    ]


def amounts(rows: list) -> set[float]:
    return {r.amount["value"] for r in rows if r.amount}


def dates(rows: list) -> set[str]:
    return {r.date for r in rows if r.date}


def test_several_sums_of_one_deal_are_each_told(run) -> None:
    article = run(
        "Nvidia agreed to buy Mellanox for up to $7 billion: $6 billion at closing plus up to $1 billion later."
    )
    rows = deal_rows(article, "Nvidia", "acquires", "Mellanox")
    assert amounts(rows) == {7_000_000_000, 6_000_000_000, 1_000_000_000}
    assert {r.amount.get("bound") for r in rows if r.amount["value"] == 7_000_000_000} == {"max"}


def test_valuations_prices_and_orders_are_not_the_deal(run) -> None:
    article = run(
        "Anthropic raised $13 billion from Thrive Capital, valuing the company at $183 billion. "
        "IBM agreed to buy HashiCorp for $35 a share, or about $6.4 billion. "
        "Broadcom said a customer had placed $10 billion in orders after Broadcom agreed to buy VMware."
    )
    assert amounts(deal_rows(article, "Thrive Capital", "invests_in", "Anthropic")) == {13_000_000_000}
    assert amounts(deal_rows(article, "IBM", "acquires", "HashiCorp")) == {6_400_000_000}
    assert not amounts(deal_rows(article, "Broadcom", "acquires", "VMware"))


def test_a_deal_valued_at_is_the_deal(run) -> None:
    article = run(
        "OpenAI agreed to buy Statsig in an all-stock deal valued at $1.1 billion. "
        "Oracle agreed to buy Cohere at a purchase price of $5 billion."
    )
    assert amounts(deal_rows(article, "OpenAI", "acquires", "Statsig")) == {1_100_000_000}
    assert amounts(deal_rows(article, "Oracle", "acquires", "Cohere")) == {5_000_000_000}


def test_sums_in_rupees_crore(run) -> None:
    article = run("Tata Group will invest a further ₹3,194.5 crore in Salesforce.")
    rows = [r for r in article.relations if r.predicate == "invests_in"]
    assert {(r.amount["value"], r.amount["currency"]) for r in rows if r.amount} == {(31_945_000_000, "INR")}


def test_every_investor_of_the_round_shares_its_sum_and_date(run) -> None:
    article = run(
        "Scale AI's last funding round, a $1 billion Series F in May 2024 led by Accel, "
        "drew Nvidia and Amazon among its investors."
    )
    for investor in ("Accel", "Nvidia", "Amazon"):
        rows = deal_rows(article, investor, "invests_in", "Scale AI")
        assert amounts(rows) == {1_000_000_000}, investor
        assert dates(rows) == {"2024-05"}, investor


def test_a_date_told_from_the_story_counts_from_its_last_date(run) -> None:
    article = run(
        "Cohere rejected an offer from Oracle last July. Two months earlier Cohere had raised $1 billion "
        "from Sequoia Capital.",
        published="2025-03-18",
    )
    assert dates(deal_rows(article, "Sequoia Capital", "invests_in", "Cohere")) == {"2024-05"}


def test_a_deal_told_twice_carries_both_dates(run) -> None:
    article = run(
        "On May 2 the regulator cleared Exxon Mobil's purchase of Pioneer Natural Resources. "
        "Exxon Mobil completed its purchase of Pioneer Natural Resources the following day.",
        published="2024-09-30",
    )
    assert "2024-05-03" in dates(deal_rows(article, "ExxonMobil", "acquires", "Pioneer Natural Resources"))


def test_expected_closing_dates_do_not_date_the_deal(run) -> None:
    article = run("Google agreed to buy Wiz on Tuesday. The deal is expected to close in 2026.", published="2025-03-18")
    assert dates(deal_rows(article, "Google", "acquires", "Wiz")) == {"2025-03-18"}


def test_a_time_clause_dates_the_clause_it_hangs_from(run) -> None:
    article = run(
        "When the plan was announced in November 2022, Microsoft agreed to invest $250 million in Mistral AI."
    )
    assert dates(deal_rows(article, "Microsoft", "invests_in", "Mistral AI")) == {"2022-11"}


def test_abandoned_deals_are_cancelled_and_offers_planned(run) -> None:
    article = run(
        "Qualcomm dropped its $44 billion bid for NXP in 2018. "
        "Intel walked away from its agreement to buy Tower Semiconductor. "
        "Qualcomm rejected a $103 billion offer from Broadcom."
    )
    assert {r.status for r in deal_rows(article, "Qualcomm", "acquires", "NXP Semiconductors")} == {"cancelled"}
    assert {r.status for r in deal_rows(article, "Intel", "acquires", "Tower Semiconductor")} == {"cancelled"}
    broadcom = deal_rows(article, "Broadcom", "acquires", "Qualcomm")
    assert {r.status for r in broadcom} == {"planned"} and amounts(broadcom) == {103_000_000_000}


def test_what_is_denied_or_set_aside_is_no_deal(triples) -> None:
    found = triples(
        "Amazon licensed the startup's technology rather than acquiring Adept. "
        "Tesla gets no stake in Nvidia. Oracle declined to invest in Cohere."
    )
    assert not {p for _, p, _ in found} & {"acquires", "invests_in"}


def test_a_sale_is_the_buyers_acquisition(triples) -> None:
    found = triples(
        "SoftBank Group agreed to sell most of Arm to a consortium of Nvidia and Qualcomm. "
        "Intel completed the sale of Mobileye to Apple in a transaction valued at up to $2 billion."
    )
    assert {("Nvidia", "acquires", "Arm"), ("Qualcomm", "acquires", "Arm")} <= found
    assert ("Apple", "acquires", "Mobileye") in found
    assert ("SoftBank Group", "acquires", "Arm") not in found


def test_the_round_told_in_the_next_sentence(triples) -> None:
    found = triples("Mistral AI raised $640 million in June. The round was led by Andreessen Horowitz.")
    assert ("Andreessen Horowitz", "invests_in", "Mistral AI") in found


def test_the_deal_of_one_story_does_not_reach_another(triples) -> None:
    found = triples(
        "AstraZeneca agreed to buy EsoBiotec for $1 billion.\n\n"
        "Separately, Sixth Street said it is putting in about $1 billion."
    )
    assert ("Sixth Street", "invests_in", "EsoBiotec") not in found


def test_a_sum_paid_for_the_deal_told_before(run) -> None:
    article = run("Nvidia agreed to buy Mellanox in 2019. The $7 billion Nvidia paid when the deal closed is modest.")
    assert 7_000_000_000 in amounts(deal_rows(article, "Nvidia", "acquires", "Mellanox"))


def test_a_relative_which_is_not_the_person_it_was_parsed_onto(triples) -> None:
    found = triples(
        "BYD is backed by Berkshire Hathaway, the conglomerate run by Warren Buffett, "
        "which took a stake of about 10% for $230 million in 2008."
    )
    assert ("Berkshire Hathaway", "invests_in", "BYD") in found
    assert ("Warren Buffett", "invests_in", "BYD") not in found


def test_ideas_and_speculation_are_no_deal(triples) -> None:
    found = triples(
        "The idea that Apple might buy Netflix has been floated for years. "
        "Analysts speculated that Oracle could bid for Cohere."
    )
    assert not {p for _, p, _ in found} & {"acquires", "invests_in"}


def test_a_relative_pronoun_deep_in_its_clause(triples) -> None:
    found = triples(
        "Arm, which Nvidia once agreed to buy for $40 billion, listed its shares. "
        "Anthropic, an OpenAI rival in which Amazon has invested $8 billion, raised more money."
    )
    assert {("Nvidia", "acquires", "Arm"), ("Amazon", "invests_in", "Anthropic")} <= found


def test_a_sum_told_after_its_event_takes_the_events_date(run) -> None:
    article = run(
        "Arm set terms for its listing on Tuesday. It is offering shares at $47 to $51 each. "
        "Apple and Nvidia are among the investors that have indicated an interest in buying up to "
        "$735 million of shares in the offering.",
        published="2023-09-06",
    )
    rows = deal_rows(article, "Apple", "invests_in", "Arm")
    assert dates(rows) == {"2023-09-05"} and amounts(rows) == {735_000_000}
    assert {r.status for r in rows} == {"planned"} and {r.amount.get("bound") for r in rows} == {"max"}


def test_investors_named_after_the_round_take_neither_sum_nor_date(run) -> None:
    article = run("Mistral AI raised $640 million on Tuesday. Nvidia was among the investors.", published="2024-06-13")
    rows = deal_rows(article, "Nvidia", "invests_in", "Mistral AI")
    assert rows and not amounts(rows) and not dates(rows)


def test_the_deal_of_a_sentence_about_other_companies_is_another_deal(run) -> None:
    article = run(
        "Oracle agreed to buy Cohere for $5 billion.\n\n"
        "Nvidia's chip unit is not part of the deal: Qualcomm agreed last week to pay $2 billion for it."
    )
    rows = deal_rows(article, "Oracle", "acquires", "Cohere")
    assert amounts(rows) == {5_000_000_000}
    assert all("Qualcomm" not in r.evidence.text for r in rows)


def test_walking_away_from_talks_to_buy_is_cancelled(run) -> None:
    article = run("Qualcomm made its offer after Intel walked away from talks to buy Broadcom.")
    assert {r.status for r in deal_rows(article, "Intel", "acquires", "Broadcom")} == {"cancelled"}


def test_a_sum_paid_in_a_deal_not_read_is_no_other_deals_sum(run) -> None:
    article = run(
        "It is well short of the $16.7 billion Intel spent on its chips, "
        "and the $15.3 billion Intel laid out for Mobileye."
    )
    assert amounts(deal_rows(article, "Intel", "acquires", "Mobileye")) == {15_300_000_000}


def test_an_earlier_round_keeps_its_own_sum_and_date(run) -> None:
    """ "building on an initial $4 billion investment from September 2023": that round's sum and date
    go together, to the same investor and company, whatever the parser attached "from" to."""
    article = run(
        "Amazon will invest $4 billion more in Anthropic. This new investment, building on an initial "
        "$4 billion investment from September 2023, deepens their ties.",
        published="2024-11-22",
    )
    rows = deal_rows(article, "Amazon", "invests_in", "Anthropic")
    assert any(r.amount and r.amount["value"] == 4e9 and r.date == "2023-09" for r in rows)


def test_the_round_told_before_gives_its_leaders_its_sum_and_date(run) -> None:
    """ "X raised $1bn on Tuesday. The round was led by A, with participation from B and existing
    investor C": A, B and C are that round's investors, so its sum and date are theirs; C invests, it
    is not invested in."""
    article = run(
        "Databricks said on Tuesday it had closed a $1 billion Series J round. The round was led by "
        "Thrive Capital, with participation from new investor Nvidia and existing investor Microsoft.",
        published="2024-12-19",
    )
    for investor in ("Thrive Capital", "Nvidia", "Microsoft"):
        rows = deal_rows(article, investor, "invests_in", "Databricks")
        assert amounts(rows) == {1_000_000_000} and dates(rows) == {"2024-12-17"}, investor
    assert not deal_rows(article, "Nvidia", "invests_in", "Microsoft")


def test_an_earlier_round_in_a_relative_clause_hung_on_its_date(run) -> None:
    article = run(
        "Stripe raised $600 million in 2021. That followed a $250 million Series G in April 2020, which "
        "was led by Andreessen Horowitz and drew Sequoia Capital and General Catalyst among its participants.",
        published="2021-03-15",
    )
    for investor in ("Andreessen Horowitz", "Sequoia Capital", "General Catalyst"):
        rows = deal_rows(article, investor, "invests_in", "Stripe")
        assert amounts(rows) == {250_000_000} and dates(rows) == {"2020-04"}, investor


def test_a_round_is_no_company(triples) -> None:
    found = triples("Mistral AI closed a $640 million Series B investment round led by General Catalyst.")
    assert not [t for t in found if "Series B" in t[0] or "Series B" in t[2]]


def test_the_dates_its_parties_give_a_deal_told_again(run) -> None:
    """ "could close the deal on Friday", "agreed to the purchase last December", "21 months after it
    was first announced": the deal's own dates; a regulator's clearance or a share price's are not."""
    article = run(
        "Exxon Mobil agreed to buy Pioneer Natural Resources for $60 billion. It took seven months before "
        "Exxon Mobil could close the deal on Friday. The FTC had cleared the deal on Thursday.\n\n"
        "Broadcom completed its acquisition of VMware on Wednesday. The chipmaker agreed to the purchase "
        "in May 2022. The price is a premium to VMware's closing price on Monday.",
        published="2023-11-24",
    )
    assert dates(deal_rows(article, "ExxonMobil", "acquires", "Pioneer Natural Resources")) == {"2023-11-24"}
    assert dates(deal_rows(article, "Broadcom", "acquires", "VMware")) == {"2023-11-22", "2022-05"}


def test_a_date_of_the_main_clause_does_not_date_a_stake_in_a_relative_clause(run) -> None:
    article = run(
        "Nationwide Building Society agreed in March to pay 220p a share for Virgin Money, "
        "in which Virgin Group held a 14.5 per cent stake.",
        published="2024-10-01",
    )
    assert dates(deal_rows(article, "Nationwide Building Society", "acquires", "Virgin Money")) == {"2024-03"}
    assert not dates(deal_rows(article, "Virgin Group", "invests_in", "Virgin Money"))


def test_a_sum_and_date_for_each_purchase_told_with_the_verb_left_out(run) -> None:
    article = run("Alphabet spent $2.1 billion on Fitbit in 2021 and $5.4 billion on Mandiant in 2022.")
    assert amounts(deal_rows(article, "Alphabet", "acquires", "Fitbit")) == {2_100_000_000}
    assert dates(deal_rows(article, "Alphabet", "acquires", "Fitbit")) == {"2021"}
    assert amounts(deal_rows(article, "Alphabet", "acquires", "Mandiant")) == {5_400_000_000}
    assert dates(deal_rows(article, "Alphabet", "acquires", "Mandiant")) == {"2022"}


def test_capital_spending_and_credit_lines_are_not_the_deal(run) -> None:
    article = run(
        "Nippon Steel agreed to buy U.S. Steel for $14.9 billion. Nippon Steel also committed to invest "
        "$11 billion in U.S. Steel's operations by 2028. A bank had opened a credit line of up to $5 "
        "billion to U.S. Steel before the takeover."
    )
    assert not deal_rows(article, "Nippon Steel", "invests_in", "U.S. Steel")
    assert amounts(deal_rows(article, "Nippon Steel", "acquires", "U.S. Steel")) == {14_900_000_000}


def test_the_article_date_from_a_posted_line_resolves_relative_dates(run) -> None:
    article = run(
        "Salesforce now owns Slack\n\nPosted July 21, 2021\n\n"
        "Salesforce completed its purchase of Slack Technologies on Wednesday."
    )
    assert dates(deal_rows(article, "Salesforce", "acquires", "Slack")) == {"2021-07-21"}


def test_a_backer_named_in_a_modifier_takes_neither_the_clauses_sum_nor_its_date(run) -> None:
    article = run("Sequoia Capital-backed Klarna raised $800 million on Monday.", published="2024-06-12")
    rows = deal_rows(article, "Sequoia Capital", "invests_in", "Klarna")
    assert rows and not amounts(rows) and not dates(rows)


def test_a_raise_from_investors_named_after_its_means(run) -> None:
    article = run("Klarna secured $800 million in funding from Sequoia Capital and Silver Lake on Monday.")
    for investor in ("Sequoia Capital", "Silver Lake"):
        assert amounts(deal_rows(article, investor, "invests_in", "Klarna")) == {800_000_000}, investor


def test_buying_the_rest_of_a_company_is_its_acquisition(triples) -> None:
    found = triples(
        "Direct Line agreed to a £3.7 billion takeover by Aviva. "
        "Volkswagen will buy the remaining shares in Scania. Novartis will take full control of Sandoz."
    )
    assert {
        ("Volkswagen", "acquires", "Scania"),
        ("Novartis", "acquires", "Sandoz"),
        ("Aviva", "acquires", "Direct Line"),
    } <= found
    assert ("Volkswagen", "invests_in", "Scania") not in found


def test_pronoun_in_a_clause_of_a_relative_is_its_noun(triples) -> None:
    """ "a startup that was valued at $2 billion when it raised": "it" is that startup, not a name before."""
    found = triples(
        "Orbit paid Lumen a fee, a windfall for a startup that was valued at $2 billion when it raised "
        "$100 million in a round led by Index Ventures. "
        "Wiz is a startup that was valued at $12 billion when it raised $1 billion from Thrive Capital."
    )
    assert ("Index Ventures", "invests_in", "Orbit") not in found
    assert ("Thrive Capital", "invests_in", "Wiz") in found


def test_a_deal_awaiting_approval_or_closing_is_planned(run) -> None:
    """A deal told again as pending, subject to approval or expected to close has not closed yet."""
    for follow_up in (
        "The acquisition, announced in April, is pending regulatory approval.",
        "The deal remains subject to regulatory approval.",
        "The deal is expected to close in the second quarter.",
    ):
        article = run("Nvidia has agreed to acquire Run:ai. " + follow_up)
        rows = deal_rows(article, "Nvidia", "acquires", "Run:ai")
        assert rows and {r.status for r in rows} == {"planned"}, follow_up


def test_denials_and_analysts_guesses_are_no_deals(run) -> None:
    """ "Denied that it had", "could ..., analysts said": nobody states the deal happened or is planned."""
    article = run(
        "Tencent denied that it had taken a stake in Revolut. Amazon denied reports that it was buying Peloton. "
        "Apple might buy Disney, analysts say. Bankers said Tencent could invest in Klarna."
    )
    assert not [r for r in article.relations if r.predicate in {"invests_in", "acquires"}]


def test_a_company_could_invest_is_its_plan(run) -> None:
    """A company's own "could invest up to" is a planned deal with a ceiling, not a guess."""
    article = run("Tencent could invest up to $2 billion in Revolut, the companies said.")
    rows = deal_rows(article, "Tencent", "invests_in", "Revolut")
    assert {r.status for r in rows} == {"planned"}
    assert {r.amount.get("bound") for r in rows if r.amount} == {"max"}


def test_a_merger_of_equals_names_the_first_party_buyer(run) -> None:
    """The dev conventions take the first-named party of a merger as the buyer."""
    assert ("Dow", "acquires", "DuPont") in run("Dow and DuPont announced a merger of equals in 2015.").triples()
    article = run("A merger of equals between UniCredit and Commerzbank is not on the table, analysts say.")
    assert not [r for r in article.relations if r.predicate == "acquires"]
    blocked = run("The merger of Revolut and Klarna was not approved.")  # a deal told, only not cleared
    assert ("Revolut", "acquires", "Klarna") in blocked.triples()
