"""Schools and jobs on an application form, each date a `{month, year}` pair.

Education ids come from the board's education lists; the world checks that
they exist. An employment says whether it is `current`, and one that is not
needs an end date. A start must not come after its end.
"""

from __future__ import annotations

from typing import Any

from simulator.job_board.errors import refuse
from simulator.jsonbody import shown, to_int
from simulator.world.actions.forms import EducationForm, EmploymentForm
from simulator.world.profiles import month_start

_BOOLEANS = {"true": True, "false": False, "1": True, "0": False}


def _items(fields: dict[str, Any], name: str) -> list[dict[str, Any]]:
    items = fields.get(name)
    if items is None:
        return []
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise refuse(name, f"{name} must be a list of objects")
    return items


def _number(item: dict[str, Any], key: str, where: str) -> int | None:
    value = item.get(key)
    if value is None or value == "":
        return None
    number = to_int(value) if isinstance(value, str) else value
    if not isinstance(number, int) or isinstance(number, bool):
        raise refuse(f"{where}.{key}", f"{where}.{key} must be a whole number")
    return number


def _date(item: dict[str, Any], key: str, where: str) -> int | None:
    """A `{month, year}` pair as the first of that month, UTC; absent is None."""
    value = item.get(key)
    if value is None or value == "":
        return None
    name = f"{where}.{key}"
    if not isinstance(value, dict):
        raise refuse(name, f"{name} must be an object with month and year")
    month = _number(value, "month", name)
    year = _number(value, "year", name)
    if month is None or year is None:
        raise refuse(name, f"{name} needs both month and year")
    if not 1 <= month <= 12:
        raise refuse(f"{name}.month", f"{name}.month {month} is not 1 to 12")
    if not 1900 <= year <= 2100:
        raise refuse(f"{name}.year", f"{name}.year {year} is not a plausible year")
    return month_start(year, month)


def _in_order(start: int | None, end: int | None, where: str) -> None:
    if start is not None and end is not None and start > end:
        raise refuse(f"{where}.start_date", f"{where}.start_date is after end_date")


def educations(fields: dict[str, Any]) -> list[EducationForm]:
    forms = []
    for index, item in enumerate(_items(fields, "educations")):
        where = f"educations[{index}]"
        start = _date(item, "start_date", where)
        end = _date(item, "end_date", where)
        _in_order(start, end, where)
        forms.append(
            EducationForm(
                school_id=_number(item, "school_name_id", where),
                degree_id=_number(item, "degree_id", where),
                discipline_id=_number(item, "discipline_id", where),
                start_date=start,
                end_date=end,
                at=where,
            )
        )
    return forms


def _text(item: dict[str, Any], key: str, where: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise refuse(f"{where}.{key}", f"{where}.{key} is required")
    if len(value) > 255:
        raise refuse(f"{where}.{key}", f"{where}.{key} is over 255 characters")
    return value.strip()


def _current(item: dict[str, Any], where: str) -> bool:
    value = item.get("current")
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _BOOLEANS:
        return _BOOLEANS[value.strip().lower()]
    raise refuse(
        f"{where}.current",
        f"{where}.current must be true or false; got {shown(value)}",
    )


def employments(fields: dict[str, Any]) -> list[EmploymentForm]:
    forms = []
    for index, item in enumerate(_items(fields, "employments")):
        where = f"employments[{index}]"
        company, title = _text(item, "company_name", where), _text(item, "title", where)
        start = _date(item, "start_date", where)
        if start is None:
            raise refuse(f"{where}.start_date", f"{where}.start_date is required")
        current = _current(item, where)
        end = None if current else _date(item, "end_date", where)
        if not current and end is None:
            raise refuse(
                f"{where}.end_date", f"{where}.end_date is required when not current"
            )
        _in_order(start, end, where)
        forms.append(EmploymentForm(company, title, start, end, at=where))
    return forms
