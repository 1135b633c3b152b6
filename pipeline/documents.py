"""Document-level metadata: manifest first, detection second, with the reason recorded."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePosixPath

from extract.document import NEWS_SUFFIXES
from extract.news_dates import parse_date
from extract.records import Block, Extracted
from normalize.regions import detect_region, lookup_region
from schemas.contract import DOC_TYPES

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def body_text(blocks: list[Block]) -> str:
    return "\n".join(b.text for b in blocks if b.kind != "furniture")


def decide_region(manifest: dict | None, blocks: list[Block]) -> tuple[str | None, str | None, str]:
    """(official name, SCB code, how it was decided). The manifest wins over detection."""
    notes = []
    if manifest and manifest.get("region"):
        region = lookup_region(manifest["region"])
        if region:
            return region.name, region.code, "region from manifest"
        notes.append(f"unknown region {manifest['region']!r} in manifest")
    region, reason = detect_region("\n".join(b.text for b in blocks))  # running headers often name the region
    if region:
        notes.append(f"region detected in text ({reason})" if reason else "region detected in text")
        return region.name, region.code, "; ".join(notes)
    notes.append(f"no region: {reason}")
    return None, None, "; ".join(notes)


def decide_doc_type(manifest: dict | None, source_file: str, extracted: Extracted) -> str | None:
    if manifest and manifest.get("doc_type") in DOC_TYPES:
        return manifest["doc_type"]
    if PurePosixPath(source_file).suffix.lower() in NEWS_SUFFIXES:
        return "news"
    title = (extracted.title or "").lower()
    for word, doc_type in (("budget", "budget"), ("plan", "plan"), ("rapport", "report")):
        if word in title:
            return doc_type
    return "other"


SWEDISH_WORDS = frozenset("och att det som en på är för med av till inte har ska de den ett om kan".split())
MIN_FUNCTION_WORDS = 5
ENGLISH_WORDS = frozenset("the and of to in is for with that on are be by will this from it as".split())


def language(text: str) -> str | None:
    """'sv' or 'en' by the commoner function words; None for too little text to tell (fewer than
    MIN_FUNCTION_WORDS: a short English text has five)."""
    words = re.findall(r"[a-zåäö]+", text.lower())
    sv = sum(w in SWEDISH_WORDS for w in words)
    en = sum(w in ENGLISH_WORDS for w in words)
    if sv + en < MIN_FUNCTION_WORDS:
        return None
    return "sv" if sv >= en else "en"


def first_page_date(blocks: list[Block]) -> str | None:
    """A date written on a paginated document's first page ('2023-06-20', '14 november 2023'),
    the best guess of when it was issued when neither manifest nor metadata says."""
    for b in blocks:
        if b.page == 1 and (found := parse_date(b.text)):
            return found
    return None


def normal_date(value: str | None) -> str | None:
    """'2020-11-18 11:11' → '2020-11-18'; '2019-05' and '2019' kept; anything else, or a day or month
    no calendar has ('2019-02-30'), → None."""
    m = _DATE.match(value or "")
    if not m:
        return None
    year, month, day = (int(g) if g else 1 for g in m.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return "-".join(g for g in m.groups() if g)


def web_url(value: str | None) -> str | None:
    """The manifest's url when it is a web address ('https://…', 'http://…'), else None."""
    return value if value and re.match(r"https?://\S+$", value) else None
