"""Rails-style bracketed form names, as Rack reads them."""

from __future__ import annotations

from typing import Any

import pytest

from simulator.job_board.nested import NestingError, assign, segments


def _read(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name, value in pairs:
        assign(fields, name, value)
    return fields


def test_segments__splits_brackets() -> None:
    assert segments("a[][b][c]") == ["a", "", "b", "c"]
    assert segments("plain") == ["plain"]


def test_assign__a_repeated_key_starts_the_next_object() -> None:
    fields = _read(
        [
            ("educations[][school_name_id]", "1"),
            ("educations[][start_date][month]", "8"),
            ("educations[][start_date][year]", "2012"),
            ("educations[][school_name_id]", "2"),
        ]
    )

    assert fields == {
        "educations": [
            {"school_name_id": "1", "start_date": {"month": "8", "year": "2012"}},
            {"school_name_id": "2"},
        ]
    }


def test_assign__a_nested_list_fills_the_last_object() -> None:
    fields = _read(
        [
            ("demographic_answers[][question_id]", "87"),
            ("demographic_answers[][answer_options][][answer_option_id]", "194"),
            ("demographic_answers[][question_id]", "88"),
            ("demographic_answers[][answer_options][][answer_option_id]", "212"),
            ("demographic_answers[][answer_options][][text]", "Free"),
        ]
    )

    assert fields["demographic_answers"] == [
        {"question_id": "87", "answer_options": [{"answer_option_id": "194"}]},
        {
            "question_id": "88",
            "answer_options": [{"answer_option_id": "212", "text": "Free"}],
        },
    ]


def test_assign__plain_list_and_object_keys() -> None:
    fields = _read(
        [
            ("question_7[]", "1"),
            ("question_7[]", "3"),
            ("data_compliance[gdpr_consent_given]", "1"),
        ]
    )

    assert fields == {
        "question_7": ["1", "3"],
        "data_compliance": {"gdpr_consent_given": "1"},
    }


@pytest.mark.parametrize(
    "pairs",
    [
        [("a[]", "1"), ("a[b]", "2")],
        [("a[b]", "1"), ("a[]", "2")],
        [("a[b]", "1"), ("a[b][c]", "2")],
        [("a[b", "1")],
        [("[b]", "1")],
    ],
)
def test_assign__contradicting_or_broken_names_are_refused(
    pairs: list[tuple[str, str]],
) -> None:
    with pytest.raises(NestingError):
        _read(pairs)
