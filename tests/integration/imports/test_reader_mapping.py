"""Reading files (encodings, delimiters, headers) and suggesting column mappings (headers and values)."""

from __future__ import annotations

import pytest

from leadloom.crm.errors import ValidationError
from leadloom.crm.imports.mapping import check_mapping, suggest_mapping
from leadloom.crm.imports.reader import read_csv

TEXT = "Name\tFirma\tE-Mail\nZoë Ångström\tCafé Noël\tzoe@cafe.example\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
def test_encodings_are_detected(encoding):
    table = read_csv(TEXT.encode(encoding))
    assert table.header == ["Name", "Firma", "E-Mail"]
    assert table.rows == [["Zoë Ångström", "Café Noël", "zoe@cafe.example"]]
    assert table.delimiter == "\t"


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters_are_detected(delimiter):
    text = delimiter.join(["Email", "Amount", "Note"]) + "\n"
    text += delimiter.join(["a@b.example", '"1,5"' if delimiter == "," else "1,5", "x"]) + "\n"
    table = read_csv(text.encode())
    assert table.delimiter == delimiter and len(table.header) == 3 and table.rows[0][0] == "a@b.example"


def test_duplicate_and_blank_headers_get_names_and_blank_lines_are_ignored():
    table = read_csv(b"Email,,Email\n\na@b.example,x,c@d.example\n,,\n")
    assert table.header == ["Email", "column 2", "Email (2)"]
    assert table.rows == [["a@b.example", "x", "c@d.example"]] and table.row_numbers == [3]


def test_quoted_multiline_values_keep_row_numbers_by_record():
    table = read_csv(b'Name,Notes\nAda,"line one\nline two"\nBo,ok\n')
    assert table.rows[0][1] == "line one\nline two" and table.row_numbers == [2, 3]


def test_suggestions_from_headers_in_several_spellings():
    header = ["E-mail Address", "Account Name", "Mobile", "Lead Status", "Owner", "Shoe size"]
    s = suggest_mapping("contacts", header, [["a@b.example", "Acme", "555 0100 123", "Lead", "Olive", "42"]])
    assert s["mapping"] == {
        "email": "E-mail Address",
        "company_name": "Account Name",
        "mobile_phone": "Mobile",
        "lifecycle_stage": "Lead Status",
        "owner": "Owner",
    }
    assert s["unmapped"] == ["Shoe size"]
    conf = {x["column"]: x["confidence"] for x in s["suggestions"]}
    assert conf["E-mail Address"] >= 0.9 and conf["Shoe size"] == 0


def test_suggestions_from_values_when_headers_say_nothing():
    rows = [
        [f"p{i}@acme.example", f"+1 415 555 01{i:02d}", f"$1,{i}00.00", f"2025-0{1 + i % 9}-1{i % 9}", "x"]
        for i in range(20)
    ]
    header = ["Col A", "Col B", "Col C", "Col D", "Col E"]
    contacts = suggest_mapping("contacts", header, rows)["mapping"]
    assert contacts["email"] == "Col A" and contacts["phone"] == "Col B" and contacts["next_follow_up"] == "Col D"
    deals = suggest_mapping("deals", ["Opportunity", *header], [["Deal", *r] for r in rows])["mapping"]
    assert deals["amount"] == "Col C" and deals["contact_email"] == "Col A" and deals["expected_close"] == "Col D"
    assert deals["name"] == "Opportunity"


def test_custom_fields_are_suggested_by_key_or_label():
    defs = [{"key": "budget_band", "label": "Budget band", "type": "select", "options": ["Low", "High"]}]
    s = suggest_mapping("contacts", ["Email", "Budget Band"], [["a@b.example", "low"]], custom_defs=defs)
    assert s["mapping"]["custom.budget_band"] == "Budget Band"


def test_check_mapping_reports_every_problem():
    with pytest.raises(ValidationError) as err:
        check_mapping("deals", {"name": "Nope", "colour": "Deal"}, ["Deal", "Amount"])
    assert {e["field"] for e in err.value.errors} == {"mapping.name", "mapping.colour"}
    with pytest.raises(ValidationError, match="a deal name"):
        check_mapping("deals", {"amount": "Amount"}, ["Deal", "Amount"])
