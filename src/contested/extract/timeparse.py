"""Temporal expressions: find them in text and resolve them to day ranges.

Plain Python over strings, no spaCy: :func:`find_time_expressions` returns
the expressions of a text (patterns and tables in ``data/extract/time.yaml``);
:func:`resolve` turns one into a :class:`DateSpan` given the date the
narrative is at, the publication date and the document's default anchor.
"Late March 2015" is 21-31 March 2015; "On 21 May" takes the year nearest
the narrative (never after publication); "the next day" is the narrative
date plus one.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from contested.extract._data import load_yaml

# Characters around an anchor word that an expression can span.
WINDOW = 70


@dataclass(frozen=True)
class DateSpan:
    """An inclusive range of days."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def iso(self) -> tuple[str, str]:
        return self.start.isoformat(), self.end.isoformat()


@dataclass(frozen=True)
class TimeMatch:
    """One temporal expression found in a text, not yet resolved."""

    start: int
    end: int
    text: str
    name: str
    rule: str
    groups: dict[str, str] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def is_anaphoric(self) -> bool:
        """True when the expression only restates the narrative date ("meanwhile")."""
        return self.rule == "same" and self.params.get("precision") == "any"


@dataclass(frozen=True)
class TimeContext:
    """What a temporal expression is resolved against."""

    narrative: DateSpan | None = None
    published: date | None = None
    anchor: date | None = None

    @property
    def base(self) -> date | None:
        """The day partial dates are placed near: the narrative, else the anchor."""
        if self.narrative is not None:
            return self.narrative.start
        return self.anchor or self.published


class _Grammar:
    """The compiled patterns and lookup tables of ``time.yaml``."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.months: dict[str, int] = {k.lower(): v for k, v in data["months"].items()}
        self.seasons: dict[str, list[int]] = data["seasons"]
        self.parts: dict[str, dict[str, list[int]]] = data["parts"]
        self.ordinals: dict[str, int] = data["ordinals"]
        self.numbers: dict[str, int] = data["numbers"]
        self.units: dict[str, int] = data["units"]
        self.vague: list[int] = data["vague_counts"]
        self.holidays: dict[str, list[int]] = {k.lower(): v for k, v in data["holidays"].items()}
        self.weekdays: dict[str, int] = {k.lower(): v for k, v in data["weekdays"].items()}
        slots = self._slots(data)
        self.anchors: dict[str, re.Pattern[str]] = {}
        self.patterns: list[tuple[re.Pattern[str], dict[str, Any], str]] = []
        for spec in data["patterns"]:
            regex = spec["regex"]
            anchor = self._anchor_of(spec, data)
            for key, value in slots.items():
                regex = regex.replace("{" + key + "}", value)
            compiled = re.compile(r"(?<![\w-])(?:" + regex + r")(?![\w])", re.IGNORECASE)
            self.patterns.append((compiled, spec, anchor))

    def _anchor_of(self, spec: dict[str, Any], data: dict[str, Any]) -> str:
        """The name of the anchor regex a pattern needs nearby (compiled once per name)."""
        regex = spec["regex"]
        kinds = [
            ("{WD}", "weekdays", True),
            ("{M", "months", True),
            ("{HOLIDAY}", "holidays", True),
            ("{S}", "seasons", False),
            ("{Y", "digits", False),
            ("dec>", "digits", False),
            ("{N}", "units", False),
            ("{U}", "units", False),
        ]
        found = [(name, strict) for marker, name, strict in kinds if marker in regex]
        name, strict = found[0] if found else ("words:" + ",".join(spec["anchor"]), False)
        if name not in self.anchors:
            if name == "digits":
                words = None
            elif name.startswith("words:"):
                words = name[6:].split(",")
            else:
                words = list(data[name])
            self.anchors[name] = _anchor_regex(words, strict)
        return name

    def _slots(self, data: dict[str, Any]) -> dict[str, str]:
        def alt(words: Any) -> str:
            return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

        month_names = sorted(data["months"], key=len, reverse=True)
        month = (
            r"(?-i:"
            + "|".join(re.escape(w) + (r"\b" if w[-1].isalpha() else "") for w in month_names)
            + ")"
        )
        day = r"(?:[12]\d|3[01]|0?[1-9])(?!\d)"
        year = r"(?:1[89]|20)\d\d(?!\d)"
        slots = {
            "M": f"(?P<m>{month})",
            "M1": f"(?P<m1>{month})",
            "M2": f"(?P<m2>{month})",
            "D": f"(?P<d>{day})",
            "D1": f"(?P<d1>{day})",
            "D2": f"(?P<d2>{day})",
            "Y": f"(?P<y>{year})",
            "Y1": f"(?P<y1>{year})",
            "Y2": f"(?P<y2>{year})",
            "YY": r"(?P<yy>(?:1[89]|20)\d\d|\d\d)(?!\d)",
            "S": f"(?P<s>{alt(data['seasons'])})",
            "N": r"(?P<n>\d+|" + alt(data["numbers"]) + r")",
            "U": r"(?P<u>" + alt(data["units"]) + r")\b",
            "PART": r"(?P<part>" + alt(data["parts"]) + r")",
            "ORD": r"(?P<ord>" + alt(data["ordinals"]) + r")",
            "DAYPART": r"(?:" + alt(data["day_parts"]) + r")",
            "HOLIDAY": r"(?P<hol>(?-i:" + alt(data["holidays"]) + r"))",
            "WD": r"(?P<wd>(?-i:" + alt(data["weekdays"]) + r"))",
        }
        return slots


def _anchor_regex(words: list[str] | None, case_sensitive: bool) -> re.Pattern[str]:
    if words is None:
        return re.compile(r"\d")
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(r"\b(?:" + alternation + r")", flags)


@lru_cache(maxsize=1)
def grammar() -> _Grammar:
    """The time grammar, loaded once."""
    return _Grammar(load_yaml("time.yaml"))


def _windows(anchor: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Stretches of text around an anchor (a month name, a digit, "later"): the only places
    a pattern needing that anchor can match, so it need not scan the rest."""
    out: list[tuple[int, int]] = []
    for m in anchor.finditer(text):
        start, end = max(0, m.start() - WINDOW), min(len(text), m.end() + WINDOW)
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def find_time_expressions(text: str) -> list[TimeMatch]:
    """Every temporal expression in ``text``, longest first where they overlap."""
    g = grammar()
    windows = {name: _windows(anchor, text) for name, anchor in g.anchors.items()}
    found: list[tuple[int, int, int, re.Match[str], dict[str, Any]]] = []
    for rank, (pattern, spec, anchor_name) in enumerate(g.patterns):
        for lo, hi in windows[anchor_name]:
            for m in pattern.finditer(text, lo, hi):
                found.append((m.start(), m.end(), rank, m, spec))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2]))
    taken: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    out: list[TimeMatch] = []
    for start, end, _, m, spec in found:
        if any(start < e and s < end for s, e in taken) or (start, end) in seen:
            continue
        seen.add((start, end))
        groups = {k: v for k, v in m.groupdict().items() if v is not None}
        if spec["name"] == "month_cue" and m.group() == groups.get("m"):
            continue
        taken.append((start, end))
        out.append(
            TimeMatch(
                start,
                end,
                m.group(),
                spec["name"],
                spec["rule"],
                groups,
                dict(spec.get("params") or {}),
            )
        )
    out.sort(key=lambda t: t.start)
    return out


def resolve(match: TimeMatch, ctx: TimeContext) -> DateSpan | None:
    """The day range ``match`` denotes in context, or None when it cannot be placed."""
    handler = _RULES[match.rule]
    try:
        return handler(match, ctx)
    except (ValueError, OverflowError, KeyError):
        return None


# --- helpers ---------------------------------------------------------------------


def _month(g: _Grammar, name: str | None) -> int:
    if not name:
        raise KeyError("month")
    return g.months[name.strip(".").lower()]


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _month_span(year: int, month: int, lo: int = 1, hi: int = 31) -> DateSpan:
    last = _last_day(year, month)
    return DateSpan(date(year, month, min(lo, last)), date(year, month, min(hi, last)))


def _count(g: _Grammar, word: str | None) -> int | None:
    if word is None:
        return None
    word = word.lower()
    return int(word) if word.isdigit() else g.numbers.get(word)


def pick_year(month: int, day: int, ctx: TimeContext) -> int:
    """The year that puts ``day``/``month`` nearest the narrative, never after publication.

    Narratives move forward more often than back, so a date after the base
    counts a little nearer than one the same distance before it.
    """
    base = ctx.base
    if base is None:
        raise ValueError("no year in context")
    best: tuple[float, int] | None = None
    for year in (base.year - 1, base.year, base.year + 1):
        when = date(year, month, min(day, _last_day(year, month)))
        if ctx.published and when > ctx.published and base <= ctx.published:
            continue
        gap = (when - base).days
        score = gap if gap >= 0 else -gap * 1.25
        if best is None or score < best[0]:
            best = (score, year)
    if best is None:
        raise ValueError("no admissible year")
    return best[1]


def _year_of(m: TimeMatch, ctx: TimeContext, month: int, day: int, key: str = "y") -> int:
    if key in m.groups:
        return int(m.groups[key])
    source = m.params.get("year_from")
    shift = int(m.params.get("year_shift", 0))
    if source == "published":
        if ctx.published is None:
            raise ValueError("no publication date")
        return ctx.published.year + shift
    if source == "narrative":
        base = ctx.base
        if base is None:
            raise ValueError("no narrative date")
        return base.year + shift
    return pick_year(month, day, ctx)


# --- rules -----------------------------------------------------------------------


def _day(m: TimeMatch, ctx: TimeContext) -> DateSpan:
    g = grammar()
    month, day = _month(g, m.groups.get("m")), int(m.groups["d"])
    when = date(_year_of(m, ctx, month, day), month, day)
    end = when + timedelta(days=30) if m.params.get("onwards") else when
    return DateSpan(when, end)


def _day_range(m: TimeMatch, ctx: TimeContext) -> DateSpan | None:
    g = grammar()
    month, lo, hi = _month(g, m.groups["m"]), int(m.groups["d1"]), int(m.groups["d2"])
    if hi < lo:
        return None
    year = _year_of(m, ctx, month, lo)
    return DateSpan(date(year, month, lo), date(year, month, hi))


def _day_span(m: TimeMatch, ctx: TimeContext) -> DateSpan | None:
    g = grammar()
    m1, m2 = _month(g, m.groups["m1"]), _month(g, m.groups["m2"])
    d1, d2 = int(m.groups["d1"]), int(m.groups["d2"])
    y1 = int(m.groups["y1"]) if "y1" in m.groups else None
    y2 = int(m.groups["y2"]) if "y2" in m.groups else None
    if y2 is None and y1 is None:
        y1 = pick_year(m1, d1, ctx)
    if y1 is None:
        assert y2 is not None
        y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1
    if y2 is None:
        y2 = y1 if (m1, d1) <= (m2, d2) else y1 + 1
    start, end = date(y1, m1, d1), date(y2, m2, d2)
    return DateSpan(start, end) if start <= end else None


def _iso(m: TimeMatch, ctx: TimeContext) -> DateSpan:
    when = date(int(m.groups["y"]), int(m.groups["mm"]), int(m.groups["dd"]))
    return DateSpan(when, when)


def _holiday(m: TimeMatch, ctx: TimeContext) -> DateSpan:
    month, day = grammar().holidays[m.groups["hol"].lower()]
    when = date(_year_of(m, ctx, month, day), month, day)
    return DateSpan(when, when)


def _weekday(m: TimeMatch, ctx: TimeContext) -> DateSpan:
    """ "On Monday" in news: the last such weekday up to publication (or the narrative)."""
    base = ctx.published or ctx.base
    if base is None:
        raise ValueError("no publication date")
    back = (base.weekday() - grammar().weekdays[m.groups["wd"].lower()]) % 7
    if m.text.lower().startswith("last ") and back == 0:
        back = 7
    when = base - timedelta(days=back)
    return DateSpan(when, when)


def _week_of_month(m: TimeMatch, ctx: TimeContext) -> DateSpan:
    g = grammar()
    month, nth = _month(g, m.groups["m"]), g.ordinals[m.groups["ord"].lower()]
    year = _year_of(m, ctx, month, 1)
    last = _last_day(year, month)
    lo = last - 6 if nth < 0 else (nth - 1) * 7 + 1
    return DateSpan(date(year, month, lo), date(year, month, min(lo + 6, last)))


def _part_days(part: str | None, unit: str) -> tuple[int, int]:
    if not part:
        return (1, 31) if unit == "month" else (1, 12)
    lo, hi = grammar().parts[part.lower()][unit]
    return lo, hi


def _month_rule(m: TimeMatch, ctx: TimeContext) -> DateSpan:
    g = grammar()
    month = _month(g, m.groups["m"])
    lo, hi = _part_days(m.groups.get("part"), "month")
    year = _year_of(m, ctx, month, lo)
    return _month_span(year, month, lo, hi)


def _month_span_rule(m: TimeMatch, ctx: TimeContext) -> DateSpan | None:
    g = grammar()
    m1, m2 = _month(g, m.groups["m1"]), _month(g, m.groups["m2"])
    lo = _part_days(m.groups.get("part1"), "month")[0]
    hi = _part_days(m.groups.get("part2"), "month")[1]
    if "y2" in m.groups:
        y2 = int(m.groups["y2"])
        y1 = int(m.groups["y1"]) if "y1" in m.groups else (y2 if m1 <= m2 else y2 - 1)
    else:
        y1 = pick_year(m1, lo, ctx)
        y2 = y1 if m1 <= m2 else y1 + 1
    start = _month_span(y1, m1, lo).start
    end = _month_span(y2, m2, 1, hi).end
    return DateSpan(start, end) if start <= end else None


def _last_month_name(m: TimeMatch, ctx: TimeContext) -> DateSpan:
    if ctx.published is None:
        raise ValueError("no publication date")
    month = _month(grammar(), m.groups["m"])
    pub = ctx.published
    year = pub.year if month < pub.month else pub.year - 1
    return _month_span(year, month)


def _season(m: TimeMatch, ctx: TimeContext) -> DateSpan:
    g = grammar()
    first, last = g.seasons[m.groups["s"].lower()]
    if "s2" in m.groups:
        last = g.seasons[m.groups["s2"].lower()][1]
    if "y" in m.groups or m.params.get("year_from"):
        year = _year_of(m, ctx, max(first, 1), 1)
    else:
        year = pick_year(first, 15, ctx)
    y1 = year - 1 if first > last else year
    months = [(y1, first)]
    while months[-1][1] != last:
        y, mo = months[-1]
        months.append((y + 1, 1) if mo == 12 else (y, mo + 1))
    part = m.groups.get("part")
    if part and len(months) >= 3:
        months = {"early": months[:1], "mid": months[1:2], "late": months[-1:]}[part.lower()]
    return DateSpan(date(*months[0], 1), _month_span(*months[-1]).end)


def _year_rule(m: TimeMatch, ctx: TimeContext) -> DateSpan:
    year = int(m.groups["y"])
    lo, hi = _part_days(m.groups.get("part"), "year")
    return DateSpan(date(year, lo, 1), _month_span(year, hi).end)


def _year_span(m: TimeMatch, ctx: TimeContext) -> DateSpan | None:
    y1, yy = int(m.groups["y1"]), m.groups["yy"]
    y2 = int(yy) if len(yy) == 4 else (y1 // 100) * 100 + int(yy)
    if y2 < y1 or y2 - y1 > 50:
        return None
    return DateSpan(date(y1, 1, 1), date(y2, 12, 31))


def _decade(m: TimeMatch, ctx: TimeContext) -> DateSpan:
    start = int(m.groups["dec"])
    return DateSpan(date(start, 1, 1), date(start + 9, 12, 31))


def _narrative(ctx: TimeContext) -> DateSpan:
    if ctx.narrative is not None:
        return ctx.narrative
    if ctx.anchor is not None:
        return DateSpan(ctx.anchor, ctx.anchor)
    raise ValueError("no narrative date")


def _shift(m: TimeMatch, ctx: TimeContext) -> DateSpan:
    nar = _narrative(ctx)
    return DateSpan(
        nar.start + timedelta(days=int(m.params["lo"])),
        nar.end + timedelta(days=int(m.params["hi"])),
    )


def _add_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _shift_month(m: TimeMatch, ctx: TimeContext) -> DateSpan:
    year, month = _add_months(_narrative(ctx).start, int(m.params["months"]))
    return _month_span(year, month)


def _shift_year(m: TimeMatch, ctx: TimeContext) -> DateSpan:
    year = _narrative(ctx).start.year + int(m.params["years"])
    return DateSpan(date(year, 1, 1), date(year, 12, 31))


def _count_shift(m: TimeMatch, ctx: TimeContext) -> DateSpan:
    g = grammar()
    nar = _narrative(ctx)
    unit_word = m.groups["u"].lower()
    unit = g.units[unit_word]
    count = _count(g, m.groups.get("n"))
    sign = int(m.params["sign"])
    if count is not None and unit_word.startswith("hour"):
        # "the first forty-eight hours": whole days the hours reach into
        count, unit = ((count + 23) // 24 if m.params.get("from_zero") else count // 24), 1
    if m.params.get("from_zero"):
        days = (count or 1) * unit
        return DateSpan(nar.start, nar.end + timedelta(days=days))
    lo, hi = (count, count) if count is not None else tuple(g.vague)
    if sign > 0:
        return DateSpan(nar.start + timedelta(days=lo * unit), nar.end + timedelta(days=hi * unit))
    return DateSpan(nar.start - timedelta(days=hi * unit), nar.end - timedelta(days=lo * unit))


def _later_that(m: TimeMatch, ctx: TimeContext) -> DateSpan:
    nar = _narrative(ctx)
    unit = m.groups["unit"].lower()
    later = m.text.lower().startswith("later")
    if unit == "day":
        return nar
    if unit == "week":
        week = timedelta(days=7)
        return DateSpan(nar.start, nar.end + week) if later else DateSpan(nar.start - week, nar.end)
    if unit == "month":
        whole = _month_span(nar.start.year, nar.start.month)
    else:
        whole = DateSpan(date(nar.start.year, 1, 1), date(nar.start.year, 12, 31))
    return DateSpan(nar.start, whole.end) if later else DateSpan(whole.start, nar.end)


def _same(m: TimeMatch, ctx: TimeContext) -> DateSpan:
    nar = _narrative(ctx)
    precision = m.params["precision"]
    if precision == "month":
        return _month_span(nar.start.year, nar.start.month)
    if precision == "year":
        return DateSpan(date(nar.start.year, 1, 1), date(nar.start.year, 12, 31))
    return nar


def _deictic(m: TimeMatch, ctx: TimeContext) -> DateSpan:
    pub = ctx.published
    if pub is None:
        raise ValueError("no publication date")
    what, unit = m.params["what"], m.groups.get("unit", "").lower()
    if what == "today":
        return DateSpan(pub, pub)
    if what == "yesterday":
        return DateSpan(pub - timedelta(days=1), pub - timedelta(days=1))
    if what == "recently":
        return DateSpan(pub - timedelta(days=90), pub)
    if what == "ago":
        g = grammar()
        days = (_count(g, m.groups.get("n")) or 1) * g.units[m.groups["u"].lower()]
        when = pub - timedelta(days=days)
        return DateSpan(when, when)
    return _deictic_unit(what, unit, pub, m.text.lower().startswith("later"))


def _deictic_unit(what: str, unit: str, pub: date, later: bool) -> DateSpan:
    if unit == "week":
        if what == "last":
            return DateSpan(pub - timedelta(days=13), pub - timedelta(days=7))
        return DateSpan(pub - timedelta(days=6), pub)
    if unit == "month":
        if what == "last":
            year, month = _add_months(pub, -1)
            return _month_span(year, month)
        whole = _month_span(pub.year, pub.month)
    else:
        if what == "last":
            return DateSpan(date(pub.year - 1, 1, 1), date(pub.year - 1, 12, 31))
        whole = DateSpan(date(pub.year, 1, 1), date(pub.year, 12, 31))
    if what == "earlier_this":
        if later:
            return DateSpan(pub, whole.end)
        return DateSpan(whole.start, max(whole.start, pub - timedelta(days=1)))
    return DateSpan(whole.start, pub)


_RULES = {
    "day": _day,
    "day_range": _day_range,
    "day_span": _day_span,
    "iso": _iso,
    "holiday": _holiday,
    "week_of_month": _week_of_month,
    "weekday": _weekday,
    "month": _month_rule,
    "month_span": _month_span_rule,
    "last_month_name": _last_month_name,
    "season": _season,
    "year": _year_rule,
    "year_span": _year_span,
    "decade": _decade,
    "shift": _shift,
    "shift_month": _shift_month,
    "shift_year": _shift_year,
    "count_shift": _count_shift,
    "later_that": _later_that,
    "same": _same,
    "deictic": _deictic,
}
