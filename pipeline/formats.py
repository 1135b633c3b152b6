"""Swedish number, amount and period formatting for everything that shows the dataset to people."""
from __future__ import annotations

import pandas as pd

NBSP = "\u00a0"


def missing(x) -> bool:
    """None, NaN or pandas NA."""
    return x is None or pd.isna(x)


def fmt_number(x: float | None, decimals: int = 2, sep: str = " ") -> str:
    """'1 234', '2,5': `sep` between thousands, decimal comma, no trailing zeros; '' for none."""
    if missing(x):
        return ""
    text = f"{x:,.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{x:,.0f}"
    return text.translate(str.maketrans({",": sep, ".": ","}))


def fmt_mkr(sek: float | None, sep: str = " ") -> str:
    """Kronor as millions: '108 mkr', '1 234 mkr', '2,5 mkr'; '' for no amount."""
    return "" if missing(sek) else f"{fmt_number(sek / 1e6, sep=sep)}{sep}mkr"


def fmt_period(start: int | None, end: int | None) -> str:
    """'2021', '2020–2022', '2021–' or '–2022'; '' for no period."""
    start, end = (None if missing(v) else int(v) for v in (start, end))
    if start is None and end is None:
        return ""
    if start == end:
        return str(start)
    return f"{'' if start is None else start}–{'' if end is None else end}"
