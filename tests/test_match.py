"""Matching claims that state the same quantity (SPEC section 5)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from comparer import match
from comparer.models import Claim

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev" / "articles"


def claim(sentence, quote, thing, value=1.0, outlet="A", norm_unit="", unit=""):
    start = sentence.index(quote)
    return Claim(article=f"{outlet}.txt", outlet=outlet, published=None, sentence=sentence, start=start,
                 end=start + len(quote), quote=quote, value=value, qualifier="exact", low=value, high=value,
                 unit=unit, norm_value=value, norm_unit=norm_unit, thing=thing, attribution=None)


def together(claims, strictness=match.DEFAULT_STRICTNESS):
    """The groups as sets of quotes."""
    return sorted(sorted(claims[i].quote for i in g) for g in match.match_claims(claims, strictness))


AIRCRAFT = [
    claim("Ukraine's Ministry of Defence says 259 Russian warplanes have been destroyed.", "259 Russian warplanes",
          "Russian warplanes", 259, "A"),
    claim("The open-source group Oryx has confirmed at least 58 aircraft losses.", "at least 58 aircraft losses",
          "aircraft losses", 58, "B"),
    claim("Ukrainian officials claim Russia has lost 255 planes since the start of the invasion.", "255 planes",
          "planes", 255, "C"),
    claim("Kyiv says 240 jets were shot down.", "240 jets", "jets", 240, "D"),
]


def test_one_quantity_whatever_the_words_and_values():
    assert together(AIRCRAFT) == [sorted(c.quote for c in AIRCRAFT)]


@pytest.mark.parametrize("other", [
    claim("The ministry says 220 helicopters have been destroyed.", "220 helicopters", "helicopters", 220, "E"),
    claim("It has also lost 80 rotary-wing aircraft.", "80 rotary-wing aircraft", "rotary-wing aircraft", 80, "E"),
    claim("The US sent 1,400 Stinger anti-aircraft systems.", "1,400 Stinger anti-aircraft systems",
          "Stinger anti-aircraft systems", 1400, "E"),
    claim("Russia has lost 250 tanks.", "250 tanks", "tanks", 250, "E"),
    claim("Ukraine has lost 50 Ukrainian aircraft.", "50 Ukrainian aircraft", "Ukrainian aircraft", 50, "E"),
])
def test_other_things_stay_apart(other):
    groups = together([*AIRCRAFT, other])
    assert [other.quote] in groups
    assert len(groups) == 2


def test_helicopters_join_each_other():
    claims = [claim("The ministry says 220 helicopters have been destroyed.", "220 helicopters", "helicopters", 220),
              claim("Russia lost 221 helicopters since February.", "221 helicopters since February",
                    "helicopters since February", 221, "B"),
              claim("Oryx counts 80 rotary-wing aircraft lost.", "80 rotary-wing aircraft", "rotary-wing aircraft",
                    80, "C")]
    assert len(together(claims)) == 1


def test_scope_words_keep_quantities_apart():
    s = "The government pledged €10m in flood aid, while the EU promised €20m in aid."
    claims = [claim(s, "€10m in flood aid", "flood aid", 1e7, "A", "EUR", "EUR"),
              claim(s, "€20m in aid", "aid", 2e7, "A", "EUR", "EUR"),
              claim("The EU will give €25m in aid for the flood.", "€25m in aid", "aid", 2.5e7, "B", "EUR", "EUR"),
              claim("Ministers said the government would pay €12m in aid.", "€12m in aid", "aid", 1.2e7, "C",
                    "EUR", "EUR")]
    assert together(claims) == [["€10m in flood aid", "€12m in aid"], ["€20m in aid", "€25m in aid"]]


@pytest.mark.parametrize("a, b", [
    ("district residents", "region residents"),
    ("people killed", "people injured"),
])
def test_scope_words_in_the_thing(a, b):
    claims = [claim(f"Officials count 120 {a}.", f"120 {a}", a, 120, "A"),
              claim(f"Officials count 130 {b}.", f"130 {b}", b, 130, "B")]
    assert len(together(claims)) == 2


def test_dimensions_never_mix():
    claims = [claim("Troops retook 2,000 square kilometres of territory.", "2,000 square kilometres of territory",
                    "territory", 2e9, "A", "m2", "km2"),
              claim("Troops retook 2,000 villages of the territory.", "2,000 villages", "territory", 2000, "B")]
    assert len(together(claims)) == 2


def test_headline_and_body_repeat_is_one_cluster():
    claims = [claim("Russia calls up 300,000 reservists", "300,000 reservists", "reservists", 3e5, "A"),
              claim("Moscow has announced a partial mobilisation of 300,000 reservists.", "300,000 reservists",
                    "reservists", 3e5, "A"),
              claim("Britain said Moscow would struggle to muster 300,000 personnel.", "300,000 personnel",
                    "personnel", 3e5, "B")]
    assert len(together(claims)) == 1


def test_values_are_never_used():
    changed = [claim(c.sentence, c.quote, c.thing, value=v, outlet=c.outlet) for c, v in zip(AIRCRAFT, (1, 1e6, 3, 7))]
    assert together(changed) == together(AIRCRAFT)


def test_strictness_one_still_joins_same_head():
    assert len(together(AIRCRAFT, strictness=1.0)) == 1


def test_fuzzy_things_join_below_strictness():
    claims = [claim("The US has supplied 1,400 Stinger missile launchers.", "1,400 Stinger missile launchers",
                    "Stinger missile launchers", 1400, "A"),
              claim("Kyiv received 1,500 Stinger missile launcher units.", "1,500 Stinger missile launcher units",
                    "Stinger missile launcher units", 1500, "B")]
    assert len(together(claims, strictness=0.5)) == 1


@pytest.mark.parametrize("claims, expected", [
    (AIRCRAFT, "Russian warplanes"),
    ([claim("A fire burnt 300 km2 of forest.", "300 km2 of forest", "forest", 3e8, "A", "m2", "km2")],
     "Forest"),
])
def test_labels_are_short_and_readable(claims, expected):
    assert match.label(claims) == expected


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/eval/dev is not here")
def test_dev_articles_match_the_gold_clusters():
    from comparer.pipeline import compare_paths

    _, claims, clusters, errors = compare_paths([DEV])
    assert not errors
    by_quote = {(c.article, c.quote): c.cluster for c in claims}

    def cluster_of(article, quote):
        return by_quote[(article, quote)]

    aircraft = {cluster_of("northern-ledger.txt", "259 Russian warplanes"),
                cluster_of("northern-ledger.txt", "at least 58 aircraft losses"),
                cluster_of("eastern-courier.txt", "255 planes"),
                cluster_of("kyiv-dispatch.html", "259 combat aircraft")}
    assert len(aircraft) == 1
    assert cluster_of("northern-ledger.txt", "220 helicopters") not in aircraft
    assert cluster_of("kyiv-dispatch.html", "over 1,400 Stinger anti-aircraft systems") not in aircraft
    assert len({c.cluster for c in claims}) == len(clusters)


@pytest.mark.parametrize("a, b", [
    (("An earthquake killed 300 people on Monday.", "300 people", "people"),
     ("The death toll rose to 310.", "310", "death toll")),
    (("Rescuers said 290 people died.", "290 people", "people"),
     ("The quake left 300 dead.", "300 dead", "dead")),
])
def test_people_killed_is_the_death_toll(a, b):
    claims = [claim(*a, outlet="A"), claim(*b, outlet="B")]
    assert len(together(claims)) == 1


def test_killed_and_injured_in_one_sentence_stay_apart():
    s = "The quake killed 300 people and injured 1,000 people."
    claims = [claim(s, "300 people", "people", 300, "A"), claim(s, "1,000 people", "people", 1000, "A"),
              claim("At least 310 people were killed.", "310 people", "people", 310, "B")]
    assert together(claims) == [["1,000 people"], ["300 people", "310 people"]]


def test_destroyed_and_damaged_homes_stay_apart():
    claims = [claim("The storm destroyed 400 homes.", "400 homes", "homes", 400, "A"),
              claim("Some 2,000 homes were damaged.", "2,000 homes", "homes", 2000, "B"),
              claim("Officials said 420 homes were destroyed.", "420 homes", "homes", 420, "C")]
    assert together(claims) == [["2,000 homes"], ["400 homes", "420 homes"]]


QUAKE = ("A powerful earthquake struck the mountainous province early on Monday, flattening villages, "
         "cutting roads and sending survivors into the freezing streets as rescuers dug through rubble "
         "with their hands while aftershocks rattled the region and hospitals ran short of blood supplies. ")
ELECTION = ("Voters queued outside polling stations across the capital as the opposition candidate urged "
            "supporters to turn out, promising lower taxes, cleaner government and a referendum on the "
            "constitution while the ruling party campaigned on stability and foreign investment. ")


def test_articles_about_different_events_never_join():
    claims = [claim("The earthquake killed 300 people.", "300 people", "people", 300, "quake-a"),
              claim("At least 280 people were killed by the quake.", "280 people", "people", 280, "quake-b"),
              claim("Police said 3 people were killed in clashes.", "3 people", "people", 3, "vote-a")]
    texts = {"quake-a.txt": QUAKE * 2, "quake-b.txt": QUAKE, "vote-a.txt": ELECTION * 2}
    assert together_texts(claims, texts) == [["280 people", "300 people"], ["3 people"]]
    # too little text to tell the events apart: the head noun decides
    assert len(together(claims)) == 1


def together_texts(claims, texts):
    return sorted(sorted(claims[i].quote for i in g) for g in match.match_claims(claims, texts=texts))


def test_article_similarity_is_symmetric_with_ones_on_the_diagonal():
    sim = match.article_similarity([QUAKE, ELECTION, QUAKE + ELECTION, "too short"])
    assert sim.shape == (4, 4)
    assert (abs(sim - sim.T) < 1e-6).all() and (abs(sim.diagonal() - 1) < 1e-6).all()
    assert sim[0, 1] < match.MIN_ARTICLE_SIMILARITY < sim[0, 2]
    assert sim[3, 0] == sim[3, 1] == 1.0


def test_ages_of_different_people_stay_apart():
    claims = [claim("Jackman, 40, hosted the show.", "40", "age of Jackman", 40, "A", "s", "year"),
              claim("The 40-year-old Jackman sang.", "40-year-old Jackman", "age of Jackman", 40, "B", "s", "year"),
              claim("His 8-year-old son watched.", "8-year-old son", "age of son", 8, "B", "s", "year"),
              claim("His 3-year-old daughter Ava slept.", "3-year-old daughter Ava", "age of daughter Ava", 3, "C",
                    "s", "year")]
    assert together(claims) == [["3-year-old daughter Ava"], ["40", "40-year-old Jackman"], ["8-year-old son"]]


def test_generic_heads_need_their_context_to_agree():
    claims = [claim("Crystal hosted the Oscars eight times.", "eight times", "times", 8, "A"),
                 claim("The show ran three times longer than planned.", "three times", "times", 3, "B"),
                 claim("Cheeks won 10 games in his last season.", "10 games", "games", 10, "C"),
                 claim("The Sixers lost 40 games at home.", "40 games", "games", 40, "D")]
    assert together(claims) == [["10 games"], ["40 games"], ["eight times"], ["three times"]]


def test_an_age_is_never_a_duration_nor_another_persons_age():
    claims = [claim("The 36-year-old Rahman fought well.", "36-year-old Rahman", "age of Rahman", 36, "A", "s", "year"),
              claim("Klitschko stopped Rahman after 44 seconds.", "Rahman after 44 seconds", "Rahman", 44, "B", "s", "s"),
              claim("Rahman, 36, lost.", "36", "age of Rahman", 36, "C", "s", "year"),
              claim("The 61-year-old Anargyros Bizianis died.", "61-year-old Anargyros Bizianis",
                    "age of Anargyros Bizianis", 61, "D", "s", "year"),
              claim("The 76-year-old Constantinos Bizianis died.", "76-year-old Constantinos Bizianis",
                    "age of Constantinos Bizianis", 76, "E", "s", "year")]
    groups = together(claims)
    assert ["36", "36-year-old Rahman"] in groups
    assert ["Rahman after 44 seconds"] in groups


def test_people_without_what_happened_to_them_need_context():
    claims = [claim("Some 20,000 people marched through Athens.", "20,000 people", "people", 20000, "A"),
              claim("Police said at least three people died in the fire.", "at least three people", "people", 3, "B"),
              claim("Three people were killed in the bank.", "Three people", "people", 3, "C")]
    groups = together(claims)
    assert ["20,000 people"] in groups


def test_what_happened_to_the_people_next_door_does_not_leak():
    claims = [claim("Nineteen people died and 4,500 people had been moved out of their homes.", "Nineteen people",
                    "people", 19, "A"),
              claim("Nineteen people died and 4,500 people had been moved out of their homes.", "4,500 people",
                    "people", 4500, "A"),
              claim("The death toll rose to 23, officials said.", "23", "death toll", 23, "B"),
              claim("About 4,500 residents were evacuated.", "About 4,500 residents", "residents", 4500, "C")]
    groups = together(claims)
    assert ["23", "Nineteen people"] in groups
    assert ["4,500 people", "About 4,500 residents"] in groups


def test_a_wider_scope_covers_a_narrower_one():
    claims = [claim("Kyiv says 259 Russian aircraft have been destroyed.", "259 Russian aircraft", "Russian aircraft",
                    259, "A"),
              claim("Oryx puts the number of Russian aircraft destroyed, damaged or captured at 62.", "62",
                    "number of Russian aircraft destroyed, damaged or captured", 62, "B")]
    assert len(together(claims)) == 1
    assert match.label(claims) == "Russian aircraft"


def test_an_earlier_event_and_a_wider_scope_stay_apart(tmp_path):
    from comparer.pipeline import compare_paths

    (tmp_path / "a.txt").write_text(
        "The earthquake on Monday killed at least 300 people in Kerman province, officials said.\n\n"
        "The previous major earthquake, in Bam in 2003, killed more than 26,000 people.\n\n"
        "Across all affected countries, more than 2,000 people have died.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Monday's earthquake killed 320 people in Kerman province, the Red Crescent said.\n\n"
        "A previous quake in 2003 killed 26,000 in the city of Bam.\n", encoding="utf-8")
    _, claims, _, _ = compare_paths([tmp_path])
    groups = {}
    for c in claims:
        groups.setdefault(c.cluster, set()).add(c.value)
    assert sorted(sorted(v) for v in groups.values()) == [[300, 320], [2000], [26000]]


def test_generic_things_with_nothing_around_them_stay_apart():
    claims = [claim("The strike lasted for more than five hours.", "more than five hours", "duration lasted", 5,
                    "A", "s", "h"),
              claim("Mistakes were made by politicians over 30 years.", "over 30 years", "duration made", 30,
                    "B", "s", "year")]
    claims = [replace(c, quote=c.sentence) for c in claims]  # nothing around the quote: empty contexts
    assert len(together(claims)) == 2


def test_a_crowd_counted_by_organisers_and_police_is_one_quantity(tmp_path):
    from comparer.pipeline import compare_paths

    (tmp_path / "a.txt").write_text("Organisers said some 250,000 people joined the march, while police estimated "
                                    "the crowd at 60,000.\n\nPolice said 47 people were arrested.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("About 60,000 people took part in the protest march, according to police.\n\n"
                                    "Officers arrested 47 people.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Organisers said 200,000 people took part in the march.\n", encoding="utf-8")
    _, claims, clusters, _ = compare_paths([tmp_path])
    groups = {}
    for c in claims:
        groups.setdefault(c.cluster, set()).add(c.value)
    assert sorted(sorted(v) for v in groups.values()) == [[47], [60000, 200000, 250000]]


def test_a_toll_with_the_year_of_the_event_joins_one_without(tmp_path):
    from comparer.pipeline import compare_paths

    (tmp_path / "a.txt").write_text("He went on a shooting rampage at an Atlanta courthouse in 2005, killing four "
                                    "people.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("A judge sentenced the man who killed four people in a courthouse escape.\n",
                                    encoding="utf-8")
    (tmp_path / "c.txt").write_text("The 1999 shooting at the courthouse killed two people.\n", encoding="utf-8")
    _, claims, _, _ = compare_paths([tmp_path])
    four = {c.cluster for c in claims if c.value == 4}
    assert len(four) == 1
    assert {c.cluster for c in claims if c.value == 2}.isdisjoint(four)


def matched_in_parts(claims, texts=None, descriptions=None):
    """match_claims as the Dask engine runs it: each independent part matched on its own."""
    plan = match.match_plan(claims, texts, descriptions)
    group = list(range(len(plan.nodes)))
    for members, too_common in match.independent_parts(plan):
        local = match.match_part([plan.nodes[i] for i in members], [plan.node_article[i] for i in members],
                                 too_common, plan.similarity, match.DEFAULT_STRICTNESS)
        for i, g in zip(members, local):
            group[i] = members[g]
    return match.group_claims(plan.claim_node, group)


@pytest.mark.parametrize("max_posting", [match.MAX_POSTING, 4])
def test_matching_the_independent_parts_apart_joins_what_matching_all_joins(monkeypatch, max_posting):
    """The parts of the blocks never share a candidate pair, so matching each alone gives the same
    groups; index words held by too many nodes of the whole block are skipped in every part of it."""
    from comparer.pipeline import claims_from_paths

    monkeypatch.setattr(match, "MAX_POSTING", max_posting)
    articles, claims, _ = claims_from_paths([DEV, Path(__file__).resolve().parents[1] / "data"])
    texts = {a.source: a.text for a in articles}
    plan = match.match_plan(claims, texts)
    assert 1 < len(match.independent_parts(plan)) < len(plan.nodes)
    assert matched_in_parts(claims, texts) == match.match_claims(claims, texts=texts)


def test_a_part_skips_the_index_words_too_common_in_its_block(monkeypatch):
    """A and B share only "kappa", held by more than MAX_POSTING descriptions of the block: matching
    all never scores them. C puts them in one part (it shares a word with each); scored there, their
    equal things and contexts would join them."""
    monkeypatch.setattr(match, "MAX_POSTING", 3)

    def desc(thing, *keys):
        return match.Description("", thing, "soldiers killed", frozenset(), frozenset(keys))

    descs = [desc("kappa", "kappa", "alpha"), desc("zzz yyy", "alpha", "beta"), desc("kappa", "kappa", "beta"),
             desc("qqq", "kappa"), desc("rrr", "kappa")]
    claims = [claim(f"Figure {n} was given.", f"{n}", "x", n) for n in range(len(descs))]
    plan = match.match_plan(claims, None, descs)
    assert [members for members, _ in match.independent_parts(plan)] == [[0, 1, 2], [3], [4]]
    groups = match.match_claims(claims, descriptions=descs)
    assert [0] in groups and [2] in groups
    assert matched_in_parts(claims, None, descs) == groups
