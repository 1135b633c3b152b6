"""Document-level metadata: manifest first, detection second, with the reason recorded."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePosixPath

from extract.document import NEWS_SUFFIXES
from extract.news_dates import parse_date
from extract.records import Block, Extracted
from normalize.organisations import Organisation, detect_organisation, lookup_organisation
from schemas.contract import DOC_TYPES

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def body_text(blocks: list[Block]) -> str:
    return "\n".join(b.text for b in blocks if b.kind != "furniture")


def decide_organisation(manifest: dict | None, extracted: Extracted, source_file: str | None
                        ) -> tuple[Organisation | None, str]:
    """The organisation of a document and how it was decided. The manifest's `organisation` (or, as
    in contract 1.x manifests, `region`) column wins over detection (normalize/organisations.py)."""
    notes = []
    named = (manifest or {}).get("organisation") or (manifest or {}).get("region")
    if named:
        if org := lookup_organisation(named):
            return org, "organisation from manifest"
        notes.append(f"unknown organisation {named!r} in manifest")
    org, reason = detect_organisation(extracted.blocks, extracted.title, extracted.publisher, source_file)
    notes.append(f"organisation detected: {reason}" if org else reason)
    return org, "; ".join(notes)


def organisation_fields(org: Organisation | None) -> dict:
    """The five columns a documents or measures row has for its organisation and county."""
    return {
        "organisation": org.name if org else None,
        "organisation_type": org.type if org else None,
        "organisation_code": org.code if org else None,
        "region": org.region.name if org and org.region else None,
        "region_code": org.region.code if org and org.region else None,
    }


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


REFERENCE = re.compile(r"\b(?:Dnr|Diarienr|Diarienummer)\s*[:.]?\s*(?P<ref>(?:[A-ZÅÄÖ]{1,5}\s+)?\d[\d./:-]*\d(?:\s+[A-ZÅÄÖ]{1,5}\b)?)")
MEETING_DATE = re.compile(r"\b(?:Sammanträdesdatum|Datum för beslut|Datum)\s*:?\s*(?:[A-ZÅÄÖ]{2,5}\s+)?(\d{4}-\d{2}-\d{2})\b")


def first_page_reference(blocks: list[Block]) -> str | None:
    """The reference number (diarienummer) on a first page: 'Diarienummer: 2026.084 SN',
    'Diarienr: 2026.272 KS', 'Dnr RS 2019/1234' → '2026.084 SN', …; a template's 'XX' is none. A text
    without a "D" (each label's first letter) is not searched."""
    for b in blocks:
        if b.page in (1, None) and "D" in b.text and (m := REFERENCE.search(b.text.replace("\t", " "))):
            return m.group("ref")
    return None


def first_page_date(blocks: list[Block]) -> str | None:
    """The date on a paginated document's first page: the meeting or decision date where one is
    labelled ('Datum: 2026-06-16', 'Sammanträdesdatum 2026-05-18'), else the first date written
    ('2023-06-20', '14 november 2023'); the best guess of when it was issued when neither
    manifest nor metadata says."""
    first = [b for b in blocks if b.page == 1]
    for b in first:
        if (m := MEETING_DATE.search(b.text.replace("\t", " "))) and parse_date(m.group(1)):
            return m.group(1)
    for b in first:
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
