"""Extraction of numeric claims: one parametrised case per phenomenon of SPEC section 4."""
from __future__ import annotations

import pytest

from comparer.extract import extract_claims, sentence_spans
from comparer.models import Article


def claims_of(text: str):
    return extract_claims(Article(text=text, source="t.txt", outlet="T"))


def only(text: str):
    found = claims_of(text)
    assert len(found) == 1, [(c.quote, c.value) for c in found]
    return found[0]


# (sentence, value, qualifier, unit, norm_value, norm_unit)
FIGURES = [
    # digits in every grouping, decimals
    ("Russia has mobilised 300,000 reservists.", 300000, "exact", "", 300000, ""),
    ("Russia has mobilised 300 000 reservists.", 300000, "exact", "", 300000, ""),
    ("The city lost 1.400.000 residents.", 1400000, "exact", "", 1400000, ""),
    ("The town lost 1.400 residents.", 1400, "exact", "", 1400, ""),
    ("The quake measured magnitude 6.125 on the scale.", 6.125, "exact", "magnitude", 6.125, "magnitude"),
    ("Inflation reached 7.5 per cent in August.", 7.5, "exact", "%", 7.5, "%"),
    # number words
    ("Forty-one soldiers were wounded.", 41, "exact", "", 41, ""),
    ("Putin ordered three hundred thousand reservists to report.", 300000, "exact", "", 300000, ""),
    ("Officials counted twenty-five thousand three hundred refugees.", 25300, "exact", "", 25300, ""),
    ("The fund holds a million dollars.", 1e6, "exact", "USD", 1e6, "USD"),
    ("The plan could move half a million people.", 500000, "exact", "", 500000, ""),
    # scale words and suffixes
    ("The region has 1.4 million inhabitants.", 1.4e6, "exact", "", 1.4e6, ""),
    ("Moscow wants 0.3 million more soldiers.", 300000, "exact", "", 300000, ""),
    ("Analysts expect 300k recruits.", 300000, "exact", "", 300000, ""),
    ("Brussels pledged €10m for repairs.", 1e7, "exact", "EUR", 1e7, "EUR"),
    ("London sent £1.2bn in military aid.", 1.2e9, "exact", "GBP", 1.2e9, "GBP"),
    ("Kyiv asked for $5 billion.", 5e9, "exact", "USD", 5e9, "USD"),
    ("The show drew 6.1m viewers.", 6.1e6, "exact", "", 6.1e6, ""),
    # percentages
    ("Turnout was 99% in the occupied areas.", 99, "exact", "%", 99, "%"),
    ("The vote passed with 99.2 per cent support.", 99.2, "exact", "%", 99.2, "%"),
    ("Prices rose 12 percent over the year.", 12, "exact", "%", 12, "%"),
    # currencies by symbol and word
    ("Each missile costs $400,000.", 400000, "exact", "USD", 400000, "USD"),
    ("The deal was worth 200 million euros.", 2e8, "exact", "EUR", 2e8, "EUR"),
    ("Farmers received 3 billion hryvnias in aid.", 3e9, "exact", "UAH", 3e9, "UAH"),
    ("The budget sets aside 40 billion roubles for the army.", 4e10, "exact", "RUB", 4e10, "RUB"),
    ("Germany gave EUR 500 million to the fund.", 5e8, "exact", "EUR", 5e8, "EUR"),
    # qualifiers (SPEC section 4 table)
    ("Oryx confirmed at least 58 aircraft losses.", 58, "at_least", "", 58, ""),
    ("No fewer than 12 ships were hit.", 12, "at_least", "", 12, ""),
    ("A minimum of 40 drones were launched.", 40, "at_least", "", 40, ""),
    ("The US pledged more than 1,400 Stinger systems.", 1400, "more_than", "", 1400, ""),
    ("The US pledged over 1,400 Stinger systems.", 1400, "more_than", "", 1400, ""),
    ("Damage ran in excess of $2bn.", 2e9, "more_than", "USD", 2e9, "USD"),
    ("Upwards of 5,000 people marched.", 5000, "more_than", "", 5000, ""),
    ("The missile can strike up to 4 km away.", 4, "at_most", "km", 4000, "m"),
    ("As many as 0.4 million residents could be moved.", 400000, "at_most", "", 400000, ""),
    ("Troops are now within 12 miles of Lyman.", 12, "at_most", "mi", 19312.128, "m"),
    ("No more than 30 tanks remain.", 30, "at_most", "", 30, ""),
    ("Less than 10% of the power grid works.", 10, "less_than", "%", 10, "%"),
    ("Fewer than 200 civilians were evacuated.", 200, "less_than", "", 200, ""),
    ("The convoy stopped under 20 kilometres from the border.", 20, "less_than", "km", 20000, "m"),
    ("About 2,500 square kilometres were retaken.", 2500, "approx", "km2", 2.5e9, "m2"),
    ("Around 1,500 launchers arrived.", 1500, "approx", "", 1500, ""),
    ("Some 40 villages were freed.", 40, "approx", "", 40, ""),
    ("Roughly 1,900 sq km of land was recaptured.", 1900, "approx", "km2", 1.9e9, "m2"),
    ("Nearly 8,000 prisoners were exchanged.", 8000, "approx", "", 8000, ""),
    ("Almost 90 per cent of the town was destroyed.", 90, "approx", "%", 90, "%"),
    ("An estimated 25,000 troops died.", 25000, "approx", "", 25000, ""),
    ("Approximately 300 homes lost power.", 300, "approx", "", 300, ""),
    ("He said 300 or more shells fell.", 300, "at_least", "", 300, ""),
    # units written out, abbreviated or with symbols
    ("Ukraine retook 2,000 km² in a week.", 2000, "exact", "km2", 2e9, "m2"),
    ("The zone covers 500 square miles.", 500, "exact", "mi2", 500 * 2589988.110336, "m2"),
    ("The front line is 1,000 km long.", 1000, "exact", "km", 1e6, "m"),
    ("The convoy stretched 40 miles.", 40, "exact", "mi", 64373.76, "m"),
    ("Forecasters expect 6 inches of rain.", 6, "exact", "in", 0.1524, "m"),
    ("The storm dropped 150 mm of rain.", 150, "exact", "mm", 0.15, "m"),
    ("The wall is 12 metres high.", 12, "exact", "m", 12, "m"),
    ("The ship carried 30,000 tonnes of grain.", 30000, "exact", "t", 3e7, "kg"),
    ("The reservoir holds 18 million cubic metres of water.", 1.8e7, "exact", "m3", 1.8e7, "m3"),
    ("The siege lasted 86 days.", 86, "exact", "day", 86 * 86400, "s"),
    ("A magnitude 6.1 earthquake struck the coast.", 6.1, "exact", "magnitude", 6.1, "magnitude"),
]


@pytest.mark.parametrize("text,value,qualifier,unit,norm_value,norm_unit", FIGURES, ids=[f[0][:40] for f in FIGURES])
def test_figure(text, value, qualifier, unit, norm_value, norm_unit):
    claim = only(text)
    assert claim.value == pytest.approx(value)
    assert claim.qualifier == qualifier
    assert claim.unit == unit
    assert claim.norm_value == pytest.approx(norm_value, rel=1e-6)
    assert claim.norm_unit == norm_unit
    assert text[claim.start:claim.end] == claim.quote


RANGES = [
    ("Western officials say Russia lost between 200 and 300 tanks.", 200, 300, ""),
    ("Russia lost 200-300 tanks in the offensive.", 200, 300, ""),
    ("Russia lost 200 to 300 tanks in the offensive.", 200, 300, ""),
    ("Shelling damaged 200–300 homes.", 200, 300, ""),
    ("The damage is put at $1bn-$2bn.", 1e9, 2e9, "USD"),
    ("Between 1 and 2 million people fled.", 1e6, 2e6, ""),
    ("The queue was 5-10 km long.", 5, 10, "km"),
    ("Between 60 and 70 per cent of voters backed it.", 60, 70, "%"),
    ("Two or three drones were shot down.", 2, 3, ""),
    ("The drought lasted 5-10 years in the region.", 5, 10, "year"),  # a duration, not one that dates
]


@pytest.mark.parametrize("text,low,high,unit", RANGES, ids=[r[0][:40] for r in RANGES])
def test_range(text, low, high, unit):
    claim = only(text)
    assert claim.qualifier == "range"
    assert (claim.low, claim.high) == (pytest.approx(low), pytest.approx(high))
    assert claim.value == pytest.approx((low + high) / 2)
    assert claim.unit == unit


def test_intervals_follow_the_qualifier():
    at_least, more, at_most, less, approx = claims_of(
        "Oryx counts at least 58 jets. Kyiv counts more than 250 jets. Moscow admits up to 30 jets. "
        "Analysts count fewer than 100 jets. Observers count about 200 jets.")
    assert (at_least.low, at_least.high) == (58, None)
    assert (more.low, more.high) == (250, None)
    assert (at_most.low, at_most.high) == (None, 30)
    assert (less.low, less.high) == (None, 100)
    assert (approx.low, approx.high) == (pytest.approx(190), pytest.approx(210))


NOT_CLAIMS = [
    "The vote was held on 23 September 2022.",
    "The decree was signed on September 21, 2022.",
    "The summit opened on 2022-09-21 in Geneva.",
    "Fighting resumed in 2014 and again in 2022.",
    "Since 2014 the war has reshaped the region.",
    "The sirens sounded at 9:15 this morning.",
    "The strike hit at 10 p.m. local time.",
    "It was the 21st attack this month.",
    "A Russian Su-30 jet was shot down over Kharkiv.",
    "Kyiv asked for F-16 fighters and MiG-29 parts.",
    "The COVID-19 pandemic slowed recruitment.",
    "Views: 0",
    "Comments (14) | Share",
    "Ten months ago, he asked for Stingers.",
    "Three days later the town fell.",
    # a range of durations dates an event as a single one does (its unit is written after the second figure)
    "The attack happened 5-10 years ago in the city.",
    "The attack happened 5 to 10 years ago in the city.",
    "The dam was built between 5 and 10 years earlier, officials said.",
    "1. Introduction",
    "The G7 leaders met in Elmau.",
    "The 1990s were quieter.",
    "Call +1 877 268 9324 for details.",
    "He is a two-time winner.",
    "The team won 3-1 on Sunday.",
    "One of the soldiers was captured.",
    "The two countries signed a deal.",
    "Patriot batteries were sent under Article 5 talks.",
    "MAY 3, 2013 AT 1:10PM",
    "MAR. 14, 2013, 8:12 PM",
    "The quake, which struck at 1353 (1023 GMT), was felt widely.",
    "The first 9-1-1 call came at 3:33 a.m.",
    "It happened at 10 p.m. in the 12200 block of Main Street.",
    "Her marriage lasted from 1943 to 1947.",
    "It followed the attack on 10 Nov 11.",
    "The Saints won 30-7 Oct. 19 at Carolina.",
    "The attack began at 1100 hrs IST.",
    "Monday 5 August 2013 08.33 BST",
    "CRIME / 08 / 09 / texas. polygamist. jeffs / index. html",
    "He served 4 1 / 2 months in prison.",
    "The bug affects IE6 and Windows 7 machines.",
]


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_not_a_claim(text):
    assert [(c.quote, c.value) for c in claims_of(text)] == []


THINGS = [
    ("According to the Ukrainian Ministry of Defence, 259 Russian military jets have been destroyed.",
     "Russian military jets"),
    ("Independent analysts at Oryx have documented 62 destroyed or captured Russian aircraft.",
     "destroyed or captured Russian aircraft"),
    ("The Oryx blog puts confirmed aircraft losses at 58.", "confirmed aircraft losses"),
    ("Each Stinger missile costs about $400,000.", "Stinger missile"),
    ("Officials said 87 per cent of voters in Kherson backed joining Russia.", "voters in Kherson"),
    ("The US announced a further $1.1bn in security assistance.", "security assistance"),
    ("Kyiv says 37 of the candidates withdrew.", "candidates"),
]


@pytest.mark.parametrize("text,thing", THINGS, ids=[t[1] for t in THINGS])
def test_thing(text, thing):
    assert only(text).thing == thing


ATTRIBUTIONS = [
    ("According to the Ukrainian Ministry of Defence, 259 Russian jets have been destroyed.",
     "the Ukrainian Ministry of Defence"),
    ("Russia has lost 259 combat aircraft, according to the General Staff.", "the General Staff"),
    ("Ukraine's Ministry of Defence says 259 Russian warplanes have been destroyed.", "Ukraine's Ministry of Defence"),
    ("The United States has committed over 1,400 Stinger systems, the Pentagon says.", "the Pentagon"),
    ("Oryx, an independent analyst, reported at least 58 Russian aircraft losses.", "Oryx"),
    ("The open-source group Oryx, which counts only losses backed by photos, has confirmed at least 58 losses.",
     "The open-source group Oryx"),
    ("Western officials estimate that Russia has lost between 200 and 300 tanks.", "Western officials"),
    ("The Oryx blog puts confirmed aircraft losses at 58.", "The Oryx blog"),
    ("Ukrainian troops are now within 12 miles of Lyman, a military source said.", "a military source"),
    ("The toll rose to 30 on Tuesday, said Maria Petrova, a regional governor.", "Maria Petrova"),
    ("UK defence intelligence has confirmed that 2,000 square kilometres were retaken.", "UK defence intelligence"),
    ("Kyiv has received around 1,500 Stinger launchers.", None),
    ("Ukrainian officials claim Russia has lost 255 planes, while the Oryx blog puts aircraft losses at 58.",
     "Ukrainian officials"),
]


@pytest.mark.parametrize("text,source", ATTRIBUTIONS, ids=[a[0][:40] for a in ATTRIBUTIONS])
def test_attribution(text, source):
    assert claims_of(text)[0].attribution == source


def test_attribution_per_clause():
    first, second = claims_of(
        "Ukrainian officials claim Russia has lost 255 planes, while the Oryx blog puts aircraft losses at 58.")
    assert first.attribution == "Ukrainian officials"
    assert second.attribution == "the Oryx blog"


def test_sentence_and_offsets():
    text = "Russia calls up reservists\n\nPutin ordered 300,000 reservists. Mr. Shoigu said 25,000 were ready."
    first, second = claims_of(text)
    assert first.sentence == "Putin ordered 300,000 reservists."
    assert second.sentence == "Mr. Shoigu said 25,000 were ready."
    for c in (first, second):
        assert text[c.start:c.end] == c.quote


def test_headline_is_a_sentence_of_its_own():
    text = "Russia loses 259 jets\nUkraine's defence ministry said on Friday that 259 Russian jets were lost."
    headline, body = claims_of(text)
    assert headline.sentence == "Russia loses 259 jets"
    assert body.sentence.startswith("Ukraine's defence ministry")


def test_sentence_spans_keep_decimals_and_abbreviations():
    text = "The U.S. sent 1.5 million rounds. Dr. Smith agreed."
    assert [text[s:e] for s, e in sentence_spans(text)] == ["The U.S. sent 1.5 million rounds.", "Dr. Smith agreed."]


def test_age_in_apposition():
    claim = only("Robert Buckley, 32, died while climbing.")
    assert (claim.value, claim.unit, claim.thing) == (32, "year", "age of Robert Buckley")


def test_currency_conversion_in_brackets_shares_the_thing():
    first, second = claims_of("Riots caused 200 million euros ($265.3 million) of damage in Athens.")
    assert (first.unit, second.unit) == ("EUR", "USD")
    assert second.thing == first.thing == "damage in Athens"


def test_negative_measures():
    claim = only("Temperatures dropped to minus 5 degrees Celsius overnight.")
    assert (claim.value, claim.unit, claim.norm_unit) == (-5, "°C", "degC")
    assert claim.thing == "Temperatures"


def test_magnitude_with_hyphen_and_a_toll_said_of_its_subject():
    quake, toll = claims_of("The death toll from Monday's magnitude-7.8 earthquake has risen to 2,316, "
                            "Turkey's disaster agency AFAD said on Tuesday.")
    assert (quake.value, quake.unit) == (7.8, "magnitude")
    assert toll.value == 2316 and toll.thing.startswith("death toll")
    assert toll.attribution == "Turkey's disaster agency AFAD"


def test_durations_that_date_an_event_are_left_out():
    assert [c.value for c in claims_of("Twelve soldiers were killed in the past 24 hours.")] == [12]



def test_a_range_that_starts_in_a_date_is_left_out_whole():
    # the first day is in the date; the range "1-2" is one statement, so the second day is no figure either
    assert claims_of("On October 1-2 the capital hosts a seminar on elections.") == []
    assert claims_of("The talks ran from March 3 to 5 in Geneva.") == []
    assert [c.value for c in claims_of("On March 3, 25 soldiers were killed.")] == [25]


def test_a_run_of_digits_too_long_to_be_a_figure_is_no_claim():
    assert claims_of("Officials counted 12345678901234567890 votes.") == []
    assert len(claims_of("Officials counted 123456789012345678 votes.")) == 1


def test_the_claims_of_a_sentence_share_one_copy_of_it():
    # a corpus of a hundred thousand articles keeps every claim's sentence: one string per sentence
    first, second, third = claims_of("Officials said 300 tanks and 200 jets were lost. Another 40 ships sank.")
    assert first.sentence is second.sentence
    assert third.sentence == "Another 40 ships sank."


@pytest.mark.parametrize("furniture", ["5 min read", "Analysis | 7 mins read", "a 5-minute read", "12 minutes read",
                                       "Kyiv residents queue for water 1 of 12"])
def test_reading_times_and_photo_counters_are_page_furniture(furniture):
    assert [c.value for c in claims_of(f"{furniture}\nRussia lost 300 tanks.")] == [300]


def test_a_share_of_a_total_in_a_sentence_is_no_photo_counter():
    assert [c.value for c in claims_of("The army lost 3 of 10 tanks. They read 5 books.")] == [3, 10, 5]

MORE_ATTRIBUTIONS = [
    ('"We counted 5,000 marchers," said Anna Smith, a spokeswoman for the organisers.', "Anna Smith"),
    ("Some 300 tanks were destroyed, as confirmed by the General Staff.", "the General Staff"),
    ("The crowd numbered 20,000, per the city council.", "the city council"),
    ("Figures from the UN show 7.8 million refugees.", "Figures from the UN"),
    ("In a statement, the ministry said 300 soldiers had returned.", "the ministry"),
    ("An earthquake of magnitude 4.6 was recorded, according to the U.S. Geological Survey.",
     "the U.S. Geological Survey"),
    ("Weitz co-wrote the film's two theatrical sequels.", None),
    ("Damages to the church are estimated at $1 million.", None),
]


@pytest.mark.parametrize("text,source", MORE_ATTRIBUTIONS, ids=[a[0][:40] for a in MORE_ATTRIBUTIONS])
def test_more_attributions(text, source):
    assert claims_of(text)[0].attribution == source


def test_he_said_names_the_last_speaker():
    first, second = claims_of('Defence Minister Oleksii Reznikov said Russia had lost 259 jets. '
                              '"They have also lost 220 helicopters," he said.')
    assert first.attribution == second.attribution == "Defence Minister Oleksii Reznikov"


def test_range_shares_currency_and_scale():
    claim = only("Other bids came from Baltimore ($140-150 million).")
    assert (claim.low, claim.high, claim.unit) == (1.4e8, 1.5e8, "USD")


def test_number_before_a_hyphenated_noun_counts_it():
    assert only("Sheriff David Doran says his 15-bed jail is ready.").thing == "bed jail"


def test_citing_a_reason_is_no_source():
    claim = only("Britain's Ministry of Defence said Moscow would struggle to muster 300,000 personnel, "
                 "citing logistical and administrative problems.")
    assert claim.attribution == "Britain's Ministry of Defence"

def test_aged():
    claim = only("She quit modelling at the age of 35.")
    assert (claim.value, claim.unit, claim.norm_unit, claim.quote) == (35, "year", "s", "age of 35")


def test_possessive_ends_the_counted_phrase():
    assert only("Tara Reid, the 33-year-old actress's rep told People, is fine.").thing == "age of actress"


def test_backward_phrase_stops_at_a_participle():
    claim = only("The battery is a portable air defence system capable of striking targets within 40 km.")
    assert (claim.thing, claim.quote) == ("targets", "targets within 40 km")


@pytest.mark.parametrize("text", [
    "The Stinger is a portable air defence system capable of striking targets up to four kilometres away.",
    "The shoulder-fired Stinger has an effective range of about 4.8 km.",
    "The Stinger, a shoulder-fired missile effective up to 4 km, forces pilots to fly high.",
])
def test_how_far_a_weapon_reaches_is_its_range(text):
    assert only(text).thing == "range"


def test_died_at_is_an_age_and_versions_are_names():
    assert (only("Actress Esther Williams died at 91 on Thursday.").thing) == "age"
    assert claims_of("The site runs on Web 2.0 tools.") == []


def test_subjects_with_verbs_are_no_source():
    claim = only("Investigators didn't say why Felt left his role after more than 30 years.")
    assert claim.attribution is None

def test_he_was_n_is_an_age():
    claim = only("He was 95.")
    assert (claim.value, claim.unit, claim.thing) == (95, "year", "age")


def test_an_estimated_is_no_speaker():
    first, second = claims_of("Besides an estimated 1,000 Canadians living in Bountiful, the U.S. Embassy "
                              "estimates there are about 300 Americans there.")
    assert first.attribution is None
    assert second.attribution == "the U.S. Embassy"


def test_phrases_do_not_borrow_from_the_figure_before():
    rain, hours = claims_of("Rainfall reached 250mm in 48 hours in some valleys.")
    assert rain.thing == "Rainfall"
    assert "mm" not in hours.thing


def test_nouns_ending_in_ing_stay_in_the_phrase():
    assert only("The Commission approved €400 million in emergency funding.").thing == "emergency funding"


# found by the property tests and by reading their failures
EDGE_CASES = [
    ("Oryx counts\n58 jets.", 58, "exact", "", 58, ""),
    ("Temperatures hit 40°C. 300 people were treated.", 40, "exact", "°C", 40, "degC"),
    ("Prices rose 5-10%.", 7.5, "range", "%", 7.5, "%"),
    ("The field pumps 1 million barrels of oil.", 1e6, "exact", "bbl", 158987.29, "m3"),
    ("Volunteers worked 2800 hours.", 2800, "exact", "h", 2800 * 3600, "s"),
    ("Russia lost 1,5 million troops.", 1.5e6, "exact", "", 1.5e6, ""),
    ("The plant produces 1,000 MW.", 1000, "exact", "MW", 1e9, "W"),
    ("It was 40C outside.", 40, "exact", "°C", 40, "degC"),
    ("Between two and three thousand soldiers died.", 2500, "range", "", 2500, ""),
]


@pytest.mark.parametrize("text,value,qualifier,unit,norm_value,norm_unit", EDGE_CASES, ids=[e[0][:40] for e in EDGE_CASES])
def test_edge_cases(text, value, qualifier, unit, norm_value, norm_unit):
    claim = claims_of(text)[0]
    assert (claim.value, claim.qualifier, claim.unit, claim.norm_unit) == (pytest.approx(value), qualifier, unit, norm_unit)
    assert claim.norm_value == pytest.approx(norm_value, rel=1e-6)
    assert claim.sentence in text and claim.quote in claim.sentence


def test_absurd_digit_runs_are_no_figures():
    assert claims_of("The army lost " + "9" * 400 + " tanks.") == []
    assert claims_of("9" * 308 + " km") == []


def test_quotes_stay_on_their_line():
    for text in ("They lost at least \n58 jets.", "Russia lost between \n200 and 300 tanks.", "Price: $\n5 tanks were lost."):
        for claim in claims_of(text):
            assert "\n" not in claim.quote, claim

RECORDS = [
    "Cheeks was fired after a 9-14 start.",
    "They finished with a record of 18-30.",
    "The Sixers went 35-47 last season.",
]


@pytest.mark.parametrize("text", RECORDS)
def test_won_lost_records_are_no_ranges(text):
    assert claims_of(text) == []


def test_range_of_counts_still_a_range():
    assert only("Russia lost 200-300 tanks in the offensive.").qualifier == "range"
    assert only("A hundred million worldwide watched.").thing == ""


def test_links_and_slugs_are_no_claims():
    assert claims_of("Read more at www.example.com/2013/05/story-11614.html today.") == []
    assert claims_of("wladimir-klitschko-stops-tony-thompson-in-6th-round 11614") == []


SPEAKERS_AND_THINGS = [
    ("Oryx, an open-source research group that lists only losses documented by photographs or video, "
     "has recorded at least 58 Russian aircraft.", "Oryx", "Russian aircraft"),
    ("Oryx, a site that counts only losses it can document visually, lists at least 60 Russian aircraft.",
     "Oryx", "Russian aircraft"),
    ("By the count of Ukraine's Ministry of Defence, Russia has now lost 259 warplanes.",
     "Ukraine's Ministry of Defence", "warplanes"),
    ("Stinger downs Russian jet over Kharkiv region as Kyiv counts 259 warplanes lost", "Kyiv", "warplanes"),
    ("Putin ordered a mobilisation meant to raise 300,000 reservists, a move Kyiv says shows he wants no talks.",
     None, "reservists"),
    ("The army recaptured more than 770 square miles, a reverse that military analysts say took Moscow by surprise.",
     None, "area recaptured"),
    ("The Oryx website, which logs only losses backed by photographs, puts the number of Russian aircraft "
     "destroyed, damaged or captured at 62.", "The Oryx website",
     "number of Russian aircraft destroyed, damaged or captured"),
    ("The number of people killed by the floods in the Ashdale valley rose to 23 on Sunday, the regional civil "
     "protection agency said, as rescuers dug through mud.", "the regional civil protection agency",
     "number of people killed"),
    ("The call-up of 300,000 reservists hangs over the front.", None, "reservists"),
    ("Kyiv counts 259 warplanes lost; open-source analysts can confirm 58.", "open-source analysts", ""),
]


@pytest.mark.parametrize("text,source,thing", SPEAKERS_AND_THINGS, ids=[s[0][:40] for s in SPEAKERS_AND_THINGS])
def test_speakers_and_things(text, source, thing):
    claim = claims_of(text)[-1]
    assert (claim.attribution, claim.thing) == (source, thing)


def test_what_a_count_were():
    killed, missing = claims_of("At least 11 people were killed and more than 20 were missing after the floods.")
    assert (killed.thing, missing.thing) == ("people", "missing")
    assert only("Another 12 are still unaccounted for.").thing == "unaccounted for"



# figures that are, and numbers that are not, claims: the values a reader expects
VALUES = [
    ("Mel Gibson's 2006 accident made headlines.", []),
    ("Officials said 2000 people fled.", [2000]),
    ("He is the clear No. 1 in the rankings.", []),
    ("A witness called 911 at once.", []),
    ("Anyone with information should call police on 0845 125 4000.", []),
    ("At least three dozen people were hurt.", [36]),
    ("Highway 214 in Woodburn was closed.", []),
    ("Its office, at 54 State St., had billings of $7.2 million.", [7.2e6]),
    ("Richard Carter scored 14 points for the Bulldogs (15-17).", [14]),
    ("Oryx Counts 58 Lost Russian Aircraft", [58]),
    ("Only 30 people came.", [30]),
    ("Her first marriage lasted from 1943 to 1947.", []),
    ("Between 1998 and 2002, the service conducted 300,000 consultations.", [300000]),
    ("The relationship began about 1970 when Woodward was a lieutenant.", []),
    ("The 2006 second-overall pick played in just 10 games.", [10]),
    ("About 2000 people marched.", [2000]),
]


@pytest.mark.parametrize("text,values", VALUES, ids=[v[0][:40] for v in VALUES])
def test_values_found(text, values):
    assert [c.value for c in claims_of(text)] == values


@pytest.mark.parametrize("text,thing", [
    ("Moscow annexed four partly occupied regions.", "partly occupied regions"),
    ("Around 600 spent last night in shelters.", ""),
    ("Inflation was a little over 1 per cent.", "Inflation"),
])
def test_adverbs_and_verbs_around_the_counted_phrase(text, thing):
    assert only(text).thing == thing


POLITICS_AND_ECONOMY = [
    ("Election count: ruling party wins 52% of the vote", 52, "%", None, "vote"),
    ("The ruling party won 210 of the 400 seats.", 210, "", None, "seats"),
    ("The central bank raised its key rate by 0.75 percentage points.", 0.75, "pp", None, "key rate"),
    ("GDP grew 2.3% year on year, the statistics office estimated.", 2.3, "%", "the statistics office", "GDP"),
    ("Inflation eased to 6.8% in October.", 6.8, "%", None, "Inflation"),
    ("The company will cut 1,500 jobs, or about 7% of its workforce.", 7, "%", None, "workforce"),
    ("A crowd of 45,000 filled the stadium.", 45000, "", None, "crowd"),
    ("More than 4.1 million ballots were cast.", 4.1e6, "", None, "ballots"),
]


@pytest.mark.parametrize("text,value,unit,source,thing", POLITICS_AND_ECONOMY, ids=[p[0][:40] for p in POLITICS_AND_ECONOMY])
def test_other_topics(text, value, unit, source, thing):
    claim = [c for c in claims_of(text) if c.value == value][0]
    assert (claim.unit, claim.attribution, claim.thing) == (unit, source, thing)
    assert claim.low is None or claim.low == claim.value or claim.qualifier != "exact"


WILDFIRE = [
    ("Supported by 25 helicopters and a dozen air tankers, crews fought on.", 12, "exact", "air tankers", None),
    ("About half a dozen houses burned.", 6, "approx", "houses", None),
    ("Insurers put insured losses closer to $900 million.", 9e8, "approx", "insured losses", "Insurers"),
    ("The blaze, fanned by winds gusting up to 60 mph, spread.", 60, "at_most", "winds gusting", None),
]


@pytest.mark.parametrize("text,value,qualifier,thing,source", WILDFIRE, ids=[w[0][:40] for w in WILDFIRE])
def test_wildfire_phrasings(text, value, qualifier, thing, source):
    claim = [c for c in claims_of(text) if c.value == value][0]
    assert (claim.qualifier, claim.thing, claim.attribution) == (qualifier, thing, source)


def test_a_count_by_someone_is_its_source():
    claim = only("An independent count by the Crowd Counting Consortium put turnout at between 90,000 and 110,000.")
    assert claim.attribution == "An independent count by the Crowd Counting Consortium"
    assert (claim.thing, claim.low, claim.high) == ("turnout", 90000, 110000)


@pytest.mark.parametrize("text,value", [
    ("Organisers insist on a quarter of a million.", 250000),
    ("Nearly three quarters of a million voted.", 750000),
    ("The plan could move half a million people.", 500000),
])
def test_parts_of_a_million(text, value):
    assert only(text).value == value


@pytest.mark.parametrize("text,source", [
    ("According to a UN report released on Tuesday, more than 6.5 million Ukrainians have fled.", "a UN report released"),
    ("The death toll stood at 41, police told the BBC.", "police"),
    ("The death toll stood at 41, police told reporters on Friday.", "police"),
])
def test_reports_and_recipients(text, source):
    assert only(text).attribution == source


@pytest.mark.parametrize("text", [
    "The ministry said 5.", "The ministry SAID 5.", "unsaid 5", "said", "x said", "the_said 5", "2said 5",
    "The ministry \u017faid 5.",  # long s: "s" under re.I, itself lower-cased
    "The ministry sa\u0131d 5.",  # dotless i: "i" under re.I
    "\u0130stanbul said 5.",  # dotted capital I lower-cases to two characters
    "The group trac\u212as 5.",  # Kelvin sign: "k" under re.I and lower-cased
    "The group tracks\u212a 5.", "Officials estimated-ish 5", "mis-reported 5",
])
def test_verbs_of_saying_are_found_where_say_any_finds_them(text):
    from comparer import patterns as P
    from comparer.extract import _cues
    for lo in range(len(text)):  # every sentence start: the \b before a verb looks before it
        for hi in (len(text), max(lo, len(text) - 3)):
            assert _cues(text, (lo, hi), {})[0] == (P.SAY_ANY.search(text, lo, hi) is not None), (lo, hi)


@pytest.mark.parametrize("text", [
    "5 dead, according to police.", "5 dead, According to police.", "5 dead, ACCORDING to police.",
    "5 dead, by the count of police.", "5 dead, By estimates of police.", "5 dead, citing police.",
    "5 dead, Citing police.", "5 dead, per the police.", "5 dead, Per Reuters.", "5 dead, confirmed by police.",
    "5 dead, reported\tby police.", "5 dead in 2020.",
])
def test_source_phrases_are_found_where_source_before_finds_them(text):
    from comparer import patterns as P
    from comparer.extract import _cues
    for lo in range(len(text)):
        assert _cues(text, (lo, len(text)), {})[1] == (P.SOURCE_BEFORE.search(text, lo, len(text)) is not None)
