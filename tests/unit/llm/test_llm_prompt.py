"""The one prompt and the flattened schema every provider receives."""

from __future__ import annotations

import json

from biometry.llm.prompt import layout_text
from biometry.llm.schema import extraction_schema
from biometry.llm.tier import build_llm_request
from biometry.models import EYE_VALUE_FIELDS
from tests.unit.llm.llm_samples import regex_partial, report


def test_schema_is_flat_without_defs_or_refs() -> None:
    text = json.dumps(extraction_schema())
    assert "$defs" not in text and "$ref" not in text


def test_schema_offers_every_contract_eye_field() -> None:
    assert set(EYE_VALUE_FIELDS) <= set(extraction_schema()["properties"]["OD"]["properties"])


def test_schema_has_no_patient_fields() -> None:
    assert not {"patient", "name", "birth_date"} & set(extraction_schema()["properties"])


def test_layout_keeps_the_left_eye_in_the_right_half() -> None:
    line = next(line for line in layout_text(report()).splitlines() if line.lstrip().startswith("AL:"))
    assert line.index("23,73") > 60 > line.index("23,41")


def test_bold_words_are_marked_for_the_selected_row() -> None:
    assert "*+21,50*" in layout_text(report())


def test_overprinted_bold_copies_appear_once() -> None:
    document = report()
    page = document.pages[0]
    page.words.extend([w for w in page.words if w.text == "OD"] * 3)
    page._lines = None
    assert layout_text(document).count("OD") == 1


def test_request_carries_device_hint_and_token_cap() -> None:
    request = build_llm_request(report(), regex_partial())
    assert request.max_tokens > 0 and "Device: unknown" in request.prompt


def test_request_repeats_the_fields_in_the_prompt() -> None:
    assert "axial_length_mm" in build_llm_request(report(), regex_partial()).prompt


def test_request_prompt_has_no_patient_identifier() -> None:
    prompt = build_llm_request(report(), regex_partial()).prompt
    leaked = [s for s in ("DOE", "JANE", "PX-20417", "14.03.1950", "jane.doe", "555 123", "Main Street") if s in prompt]
    assert leaked == []


def test_request_prompt_keeps_the_measurements() -> None:
    prompt = build_llm_request(report(), regex_partial()).prompt
    assert all(v in prompt for v in ("23,41", "23,73", "42,30", "3,11", "95°"))


def test_request_prompt_masks_every_date_even_the_exam_date() -> None:
    assert "2024-05-10" not in build_llm_request(report(), regex_partial()).prompt


def test_each_printed_date_shows_as_a_numbered_placeholder_in_reading_order() -> None:
    prompt = build_llm_request(report(), regex_partial()).prompt
    assert ("[x] [date-1]" in prompt, "Measurement date: [date-2]" in prompt) == (True, True)
