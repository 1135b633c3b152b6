"""What a chart shows and how: one Swedish label and one colour per meaning (direction, status, document type),
shared by the HTML report and the notebook, and horizontal bar charts as plain HTML for the report.

A colour means one thing wherever it appears: green is always a saving (reduction), orange always spending
(increase), the blues are statuses from planned (light) to completed (dark). Bars are HTML, not SVG: their labels
wrap between words and their values never fall outside the page, whatever its width.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from schemas.contract import DIRECTIONS, DOC_TYPES, STATUSES

NO_STATUS = "none"  # the key of rows without a status
STATUS_ORDER = STATUSES  # the order of the work: planned, started, ongoing, completed, cancelled
NO_DIRECTION = "no_direction"  # the key of amounts without a direction

DIRECTION_LABELS = {"reduction": "minskning", "increase": "ökning"}
OTHER_LABELS = {NO_DIRECTION: "riktning ej angiven"}
STATUS_LABELS = {
    "planned": "planerad", "started": "påbörjad", "ongoing": "pågår", "completed": "klar", "cancelled": "avbruten",
    NO_STATUS: "ingen status angiven",
}
DOC_TYPE_LABELS = {
    "plan": "plan", "budget": "budget", "budget_proposal": "budgetförslag", "slides": "presentation",
    "report": "rapport", "news": "nyhet", "other": "annat dokument",
}
COLORS = {
    "reduction": "#1b7f5f",
    "increase": "#c2621a",
    NO_DIRECTION: "#c9b458",
    "planned": "#a9c4e4",
    "started": "#6f9fd3",
    "ongoing": "#3468aa",
    "completed": "#1b3a66",
    "cancelled": "#7b5ea7",
    NO_STATUS: "#a3abb1",
}
assert set(DIRECTION_LABELS) == set(DIRECTIONS) and set(STATUS_LABELS) == {*STATUSES, NO_STATUS}
assert set(DOC_TYPE_LABELS) == set(DOC_TYPES) and set(COLORS) == {*DIRECTIONS, NO_DIRECTION, *STATUSES, NO_STATUS}


def label(key: str) -> str:
    """The Swedish label of a direction, status or document type key ('reduction' → 'minskning')."""
    return {**DIRECTION_LABELS, **OTHER_LABELS, **STATUS_LABELS, **DOC_TYPE_LABELS}[key]


def short_region(region: str | None) -> str:
    """'Region Västerbotten' → 'Västerbotten'; 'okänd region' for none."""
    return region.removeprefix("Region ") if region else "okänd region"


def bar_name(name: str, region: str | None, doc_type: str | None, width: int = 45) -> str:
    """A measure as a bar's label: its name (shortened to `width`), its region and its kind of document,
    'Minskat beroende av hyrpersonal (Västerbotten · plan)'."""
    short = name if len(name) <= width else name[: width - 1].rstrip() + "…"
    return f"{short} ({short_region(region)} · {label(doc_type) if doc_type else 'okänd typ'})"


def palette_css() -> str:
    """One CSS class per colour, `.c-<key>`, setting --c; the page's bars and legend keys paint with var(--c)."""
    return " ".join(f".c-{key} {{ --c: {color}; }}" for key, color in COLORS.items())


def bar_chart(
    title: str,
    groups: Sequence[tuple[str, Sequence[float | None]]],
    series: Sequence[tuple[str, str]],
    fmt: Callable[[float], str],
    group_colors: Sequence[str] | None = None,
) -> str:
    """An HTML bar chart: a group of bars per (label, values), one bar per series (label, colour key from
    COLORS), each value labelled by fmt; `group_colors` gives every group its own colour key instead.

    Bars share one scale; a value of None draws nothing, a zero only its label. Several series get a legend.
    """
    if not groups:
        return f'<p class="empty">{escape(title)}: inga uppgifter.</p>'
    peak = max((v for _, values in groups for v in values if v is not None), default=0) or 1
    parts = [f'<figure class="chart" role="group" aria-label="{escape(title)}">']
    if len(series) > 1:
        parts.append('<ul class="legend">' + "".join(
            f'<li class="c-{escape(key)}">{escape(name)}</li>' for name, key in series) + "</ul>")
    for g, (group, values) in enumerate(groups):
        parts.append(f'<div class="bar-group"><div class="bar-label">{escape(group)}</div><div class="bar-rows">')
        for (name, key), value in zip(series, values):
            if value is None:
                continue
            key = group_colors[g] if group_colors else key
            text = escape(fmt(value))
            bar = f'<span class="bar c-{escape(key)}" style="--f:{value / peak:.4f}"></span>' if value else ""
            parts.append(f'<div class="bar-row" title="{escape(group)}, {escape(name)}: {text}">'
                         f'{bar}<span class="value">{text}</span></div>')
        parts.append("</div></div>")
    parts.append("</figure>")
    return "".join(parts)
