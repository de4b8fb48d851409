"""The Date and Modified lines of a header: what Pelican would refuse, or
read as another day than the author meant (01/05/2024: January or May?), and
the line to write instead of a date typed the Japanese way (2026年11月30日,
full-width digits). Part of the header checks (headers.py).
"""

import re
import unicodedata
from datetime import date, datetime

from pelican.utils import get_date
from site_common.messages import Message
from site_common.problems import Problem

DATE_HINT = Message("use YYYY-MM-DD HH:MM")
# The form nearly every post uses (2024-05-01 10:00, ASCII digits), checked
# without dateutil; anything else is left to dateutil, as Pelican reads it.
PLAIN_DATE_RE = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[ T][0-9]{2}:[0-9]{2}(?::[0-9]{2})?)?"
)
# Day and month first, year last: 01/05/2024 is 1 May in Japan, 5 January in
# the United States, and dateutil picks one without a word.
# 2026年11月30日, 2026年11月30日 10時5分, 2026年11月30日 10:05 (after NFKC).
JAPANESE_DATE_RE = re.compile(
    r"([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日"
    r"(?:\s*([0-9]{1,2})\s*(?:時|:)\s*(?:([0-9]{1,2})\s*分?)?)?"
)
AMBIGUOUS_DATE_RE = re.compile(r"\s*[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2,4}\b")
READING_ORDERS = {"month/day": Message("month/day"), "day/month": Message("day/month")}
# The same with a four-digit year and at most a time: the ones a fix can be
# written for, when only one reading is a date.
ONE_READING_RE = re.compile(
    r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})(?:\s+([0-9]{1,2}:[0-9]{2}))?"
)


def is_valid_date(text):
    """Whether Pelican reads this as a date (it accepts what dateutil parses)."""
    if PLAIN_DATE_RE.fullmatch(text):
        try:
            datetime.fromisoformat(text)
            return True
        except ValueError:
            pass  # 2024-02-30: dateutil says the same, below
    try:
        get_date(text.replace("_", " "))
    except (ValueError, OverflowError):
        return False
    return True


def typed_date(text):
    """(message, the date as it should be written) for a date typed in the
    Japanese way: 2026年11月30日, or with full-width digits; else None."""
    plain = unicodedata.normalize("NFKC", text).strip()
    if match := JAPANESE_DATE_RE.fullmatch(plain):
        year, month, day, hour, minute = match.groups()
        fixed = f"{year}-{int(month):02d}-{int(day):02d}"
        if hour is None:
            return (
                '{name} "{value}" is written with 年月日: write it as '
                '"{name}: {fixed}", or with the time, as "{name}: {fixed} 10:00"',
                fixed,
            )
        fixed += f" {int(hour):02d}:{int(minute or 0):02d}"
        return (
            '{name} "{value}" is written with 年月日: write it as "{name}: {fixed}"',
            fixed,
        )
    if plain != text.strip():
        message = (
            '{name} "{value}" has full-width characters: write it with ASCII '
            'digits and signs, as in "{name}: {fixed}"'
        )
        return message, plain
    return None


def is_ambiguous_date(text):
    """01/05/2024, 1/5/2024, 05-01-2024 (full-width digits too): day or month?"""
    return bool(AMBIGUOUS_DATE_RE.match(unicodedata.normalize("NFKC", text)))


def one_reading(text):
    """(message, the date year first) when only one reading of a day-and-month
    date is a date (11/29/2026: 29 is no month), else None."""
    match = ONE_READING_RE.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if not match:
        return None
    first, second, year, time = match.groups()
    readings = {
        "month/day": (int(year), int(first), int(second)),
        "day/month": (int(year), int(second), int(first)),
    }
    dates = {}
    for order, (y, m, d) in readings.items():
        try:
            dates[order] = date(y, m, d)
        except ValueError:
            continue
    if len(dates) != 1:
        return None
    ((order, day),) = dates.items()
    fixed = day.isoformat()
    if time is None:
        template = (
            '{name} "{value}" is written {order}/year: write it year first, as '
            '"{name}: {fixed}", or with the time, as "{name}: {fixed} 10:00"'
        )
    else:
        hour, minute = time.split(":")
        fixed += f" {int(hour):02d}:{minute}"
        template = (
            '{name} "{value}" is written {order}/year: write it year first, as '
            '"{name}: {fixed}"'
        )
    return template, READING_ORDERS[order], fixed


# -- the check -------------------------------------------------------------


def needs_date(document, rules):
    """Whether a post without a Date line must have one: no DEFAULT_DATE, no
    date in its file name, and a header that was read to its end."""
    return (
        document.kind == "post"
        and not rules.has_default_date
        and not document.header.stray_line
        and "date" not in document.from_filename
    )


def date_problem(path, name, value):
    """The problem with a written Date or Modified `value`, or None when
    Pelican reads it as the author meant."""

    def problem(template, **values):
        return Problem(path, name, template, name=name, value=value, **values)

    if not value.strip():
        return problem("{name} is empty ({hint})", hint=DATE_HINT)
    if reading := one_reading(value):
        template, order, fixed = reading
        return problem(template, order=order, fixed=fixed)
    if is_ambiguous_date(value):
        return problem(
            '{name} "{value}" can be read as two different days (day/month or '
            "month/day): write it year first, as YYYY-MM-DD ({hint})",
            hint=DATE_HINT,
        )
    if is_valid_date(value):
        return None  # as Pelican reads it (full-width digits too)
    if typed := typed_date(value):
        template, fixed = typed
        return problem(template, fixed=fixed)
    return problem('{name} "{value}" is not a valid date ({hint})', hint=DATE_HINT)


def check_dates(document, rules):
    problems = []
    for name in ("Date", "Modified"):
        value = document.value(name)
        if value is not None:
            problems.append(date_problem(document.path, name, value))
        elif name == "Date" and needs_date(document, rules):
            message = 'Date is missing: add a line like "Date: 2024-05-01 10:00"'
            problems.append(Problem(document.path, name, message))
    return [problem for problem in problems if problem]
