"""export: CSV that is safe to open in a spreadsheet (SPEC section 9), JSON lines and the text table."""
from __future__ import annotations

import csv
import io
import json

import pytest

from comparer import export
from comparer.models import EXTRACT_FIELDS, Claim

# SPEC section 9: a text cell starting with one of these runs as a formula in a spreadsheet
FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r", "\n"]


@pytest.mark.parametrize("start", FORMULA_STARTS, ids=repr)
@pytest.mark.parametrize("rest", ["", "1+1", 'HYPERLINK("http://evil.example","x")', "cmd|' /C calc'!A0"])
def test_safe_cell_neutralises_every_formula_start(start, rest):
    assert export.safe_cell(start + rest) == "'" + start + rest


@pytest.mark.parametrize("text", ["", "Oryx", "300 tanks", " =1+1", "'=1", "a=b", "Kyiv - Lviv", "€10m",
                                  "“=quoted”"])
def test_safe_cell_leaves_other_text_alone(text):
    assert export.safe_cell(text) == text


@pytest.mark.parametrize("value", [0, 259, -5, -3.5, 0.3, 1e20, -1e-9, None, True])
def test_safe_cell_leaves_numbers_and_none_alone(value):
    result = export.safe_cell(value)
    assert result is value  # a negative number is a number, not a formula


@pytest.mark.parametrize("value,expected", [
    (300000.0, 300000), (-5.0, -5), (0.0, 0), (2.5, 2.5), (-3.5, -3.5), (1e15, 1e15), (259, 259),
    (float("inf"), None), (float("-inf"), None), (float("nan"), None),
    ("300000.0", "300000.0"), (None, None),
])
def test_plain(value, expected):
    result = export.plain(value)
    assert result == expected and type(result) is type(expected)


RECORDS = [
    {"outlet": "=Kyiv Dispatch", "quote": "-5°C", "value": -5.0, "unit": "°C", "attribution": None},
    {"outlet": "Northern Ledger", "quote": "at least 58 aircraft", "value": 58.0, "unit": "", "attribution": "Oryx"},
    {"outlet": "@home", "quote": "+3.5%", "value": 3.5, "unit": "%", "attribution": "\tTab, Inc."},
    {"outlet": "Line\nbreak", "quote": "\r1,400 \"Stingers\"", "value": 1400.0, "unit": "", "attribution": "\nNews"},
]
FIELDS = ["outlet", "quote", "value", "unit", "attribution"]


def test_to_csv_whole_body():
    assert export.to_csv(RECORDS, FIELDS) == (
        "outlet,quote,value,unit,attribution\r\n"
        "'=Kyiv Dispatch,'-5°C,-5,°C,\r\n"
        "Northern Ledger,at least 58 aircraft,58,,Oryx\r\n"
        "'@home,'+3.5%,3.5,%,\"'\tTab, Inc.\"\r\n"
        "\"Line\nbreak\",\"'\r1,400 \"\"Stingers\"\"\",1400,,\"'\nNews\"\r\n"
    )


def test_to_csv_round_trips_through_a_csv_reader():
    rows = list(csv.reader(io.StringIO(export.to_csv(RECORDS, FIELDS), newline="")))
    assert rows[0] == FIELDS
    assert [row[2] for row in rows[1:]] == ["-5", "58", "3.5", "1400"]
    assert [row[1] for row in rows[1:]] == ["'-5°C", "at least 58 aircraft", "'+3.5%", "'\r1,400 \"Stingers\""]
    for row in rows[1:]:
        for name, cell in zip(FIELDS, row):
            if name != "value":
                assert not cell.startswith(tuple(FORMULA_STARTS)), (name, cell)


def test_to_csv_header_only_without_records():
    assert export.to_csv([], EXTRACT_FIELDS) == ",".join(EXTRACT_FIELDS) + "\r\n"


def claim(**changes) -> Claim:
    fields = dict(article="+feed.txt", outlet="@outlet", published=None,
                  sentence="-5°C was the low, the Met Office said.", start=0, end=4, quote="-5°C", value=-5.0,
                  qualifier="exact", low=-5.0, high=-5.0, unit="°C", norm_value=-5.0, norm_unit="degC",
                  thing="", attribution="the Met Office")
    return Claim(**{**fields, **changes})


def test_to_csv_of_claim_records():
    claims = [claim(), claim(article="=cmd.txt", outlet="Kyiv Dispatch", published="2022-09-23",
                             sentence="=SUM(A1) about 300 tanks were lost.", start=9, end=24,
                             quote="about 300 tanks", value=300.0, qualifier="approx", low=285.0, high=315.0,
                             unit="", norm_value=300.0, norm_unit="", thing="tanks", attribution=None,
                             cluster="c1", verdict="agrees")]
    assert export.to_csv([c.to_dict() for c in claims], EXTRACT_FIELDS) == (
        ",".join(EXTRACT_FIELDS) + "\r\n"
        + "'+feed.txt,'@outlet,,\"'-5°C was the low, the Met Office said.\",0,4,'-5°C,-5,exact,-5,-5,°C,-5,degC,"
          ",the Met Office\r\n"
        + "'=cmd.txt,Kyiv Dispatch,2022-09-23,'=SUM(A1) about 300 tanks were lost.,9,24,about 300 tanks,300,approx,"
          "285,315,,300,,tanks,\r\n"
    )


def test_to_jsonl_one_object_a_line_with_the_given_fields_unneutralised():
    text = export.to_jsonl(RECORDS, FIELDS)
    lines = text.split("\n")
    assert lines[-1] == "" and len(lines) == len(RECORDS) + 1
    first = json.loads(lines[0])
    assert first == {"outlet": "=Kyiv Dispatch", "quote": "-5°C", "value": -5, "unit": "°C", "attribution": None}
    assert list(first) == FIELDS
    assert '"value": -5,' in lines[0] and "°C" in lines[0]  # whole numbers as ints, no \u escapes
    assert json.loads(lines[3])["outlet"] == "Line\nbreak"


def test_to_jsonl_writes_valid_json_for_numbers_json_cannot_hold():
    line = export.to_jsonl([{"value": float("inf"), "low": float("nan"), "high": 2.0}], ["value", "low", "high"])
    assert line == '{"value": null, "low": null, "high": 2}\n'
    assert export.to_csv([{"value": float("inf"), "unit": "km"}], ["value", "unit"]) == "value,unit\r\n,km\r\n"


def test_to_jsonl_missing_field_is_null():
    assert export.to_jsonl([{"a": 1}], ["a", "b"]) == '{"a": 1, "b": null}\n'


def test_to_table():
    records = [
        {"outlet": "Kyiv Dispatch", "quote": "259 Russian\nmilitary jets", "value": 259.0},
        {"outlet": "A very long outlet name", "quote": "at least 58", "value": None},
    ]
    assert export.to_table(records, [("outlet", 10), ("quote", 12), ("value", 5)]) == (
        "outlet      quote         value\n"
        "----------  ------------  -----\n"
        "Kyiv Disp…  259 Russian…  259\n"
        "A very lo…  at least 58\n"
    )
