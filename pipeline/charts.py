"""Horizontal bar charts as inline SVG: no scripts, no fonts to fetch, styled by the page's CSS."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

WIDTH = 640
LABEL_W = 180
VALUE_W = 90
BAR_H = 16
BAR_GAP = 3
GROUP_GAP = 14
LEGEND_H = 26


def bar_chart(
    title: str,
    groups: Sequence[tuple[str, Sequence[float | None]]],
    series: Sequence[tuple[str, str]],
    fmt: Callable[[float], str],
) -> str:
    """One SVG: a group of bars per (label, values), one bar per series (label, css class), values labelled by fmt.

    Bars share one scale; a value of None draws nothing, a zero only its label. Several series get a legend.
    """
    if not groups:
        return f'<p class="empty">{escape(title)}: inga uppgifter.</p>'
    top = LEGEND_H if len(series) > 1 else 4
    peak = max((v for _, values in groups for v in values if v is not None), default=0) or 1
    scale = (WIDTH - LABEL_W - VALUE_W) / peak
    group_h = len(series) * (BAR_H + BAR_GAP) - BAR_GAP
    height = top + len(groups) * (group_h + GROUP_GAP)
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(title)}">',
             f"<title>{escape(title)}</title>"]
    if len(series) > 1:
        x = LABEL_W
        for label, css in series:
            parts.append(f'<rect class="{css}" x="{x}" y="4" width="12" height="12"/>'
                         f'<text class="legend" x="{x + 16}" y="14">{escape(label)}</text>')
            x += 24 + 8 * len(label)
    for g, (label, values) in enumerate(groups):
        y0 = top + g * (group_h + GROUP_GAP)
        parts.append(f'<text class="label" x="{LABEL_W - 8}" y="{y0 + group_h / 2 + 4:.1f}" text-anchor="end">'
                     f"{escape(label)}</text>")
        for s, ((name, css), value) in enumerate(zip(series, values)):
            if value is None:
                continue
            y = y0 + s * (BAR_H + BAR_GAP)
            w = value * scale
            text = escape(fmt(value))
            if value:
                parts.append(f'<rect class="{css}" x="{LABEL_W}" y="{y}" width="{max(w, 1):.1f}" height="{BAR_H}">'
                             f"<title>{escape(label)}, {escape(name)}: {text}</title></rect>")
            parts.append(f'<text class="value" x="{LABEL_W + w + 5:.1f}" y="{y + BAR_H - 4}">{text}</text>')
    parts.append("</svg>")
    return "".join(parts)
