"""News articles (plain text or HTML) → blocks in reading order, with title and publication date.

One block per paragraph, page=None. Kinds: "heading" (short standalone line without final
punctuation; the title has level 1), "list_item" (line opening with a bullet; marker stripped
into `marker`), "paragraph", and "furniture" for page furniture, which is kept, not dropped:
menus, stamps, photo credits, doubled captions, buttons, promos, footers and the related-article
titles after the article body (phrases in extract/vocab/news_boilerplate.csv).
"""
from __future__ import annotations

import pathlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Iterator

from lxml import etree

from extract import news_dates, news_vocab
from extract.furniture import is_page_label
from extract.records import Block, Extracted
from extract.text import marker_text
from extract.text_tables import TextRow, lines_to_table_rows
from extract.textfile import read_text

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
HTML_SNIFF = re.compile(r"^\s*(<!doctype html|<html|<\?xml[^>]*>\s*<html)", re.IGNORECASE)

MAX_HEADING_WORDS = 20
MAX_HEADING_CHARS = 150
MAX_QUESTION_HEADING_WORDS = 12
MAX_UNIT_CHARS = 100_000  # longer paragraphs are read in parts (in_parts)
DATA_URI = re.compile(r"""data:[^,"'<>\s]{0,200},[^"'<>)\s]*""", re.IGNORECASE)  # inline images, fonts, …
MAX_FOOTER_PARAGRAPHS = 3  # a footer marker cuts the rest only if this little prose follows

# A list marker: bullet glyphs (the private-use ones are Symbol/Wingdings bullets in a PDF's text
# layer), a dash, "1." or "1)", and the letter "o" that Wingdings sub-bullets become ("o Rätt storlek").
BULLET = re.compile(r"^(?P<m>[*•·▪◦●○■□►▸✓\uf000-\uf0ff]|[-–—](?=\s)|\d{1,2}[.)](?=\s)|o(?=\s+[A-ZÅÄÖ]))\s*(?P<t>\S.*)$")
SUB_BULLETS = ("○", "◦", "o")  # second-level markers under a "●"/"•" item
MD_HEADING = re.compile(r"^(?P<h>#{1,6})\s+(?P<t>\S.*)$")
DASHES = "-–—"
OPENERS = "»«“”\"'(„‘’"
CLOSERS = ")»«“”\"'’"
SENTENCE_END = ".,;:!…"
SENTENCE_BREAK = re.compile(r"[.!?…][»”\"')]*\s+[»”\"'(]*[A-ZÅÄÖ0-9]")
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\xad]")
SPACES = re.compile(r"[ \t\xa0\u2000-\u200a\u202f\u205f\u3000]+")
ODD_SPACES = re.compile(r"[\t\xa0\u2000-\u200a\u202f\u205f\u3000]|  ")  # where SPACES changes a line


@dataclass
class Unit:
    """A line of article text before it becomes a block; `kind` set when markup says what it is."""

    text: str
    kind: str | None = None
    level: int = 0
    marker: str | None = None
    cells: list[str] | None = None
    header: bool = False
    table: int | None = None


# ---------------------------------------------------------------- entry points


def news_to_blocks(path: pathlib.Path, doc_id: str) -> Extracted:
    """Read a news file into blocks: .html/.htm (or any file that starts as an HTML page) through
    html_to_blocks, anything else (.txt, .text, .md) as plain text. Never raises."""
    path = pathlib.Path(path)
    try:
        text, _ = read_text(path)
    except Exception as e:  # unreadable or binary file
        return Extracted(status="failed", error=f"{type(e).__name__}: {e}")
    is_html = path.suffix.lower() in HTML_SUFFIXES or bool(HTML_SNIFF.match(text))  # also a page saved as .txt
    return html_to_blocks(DATA_URI.sub("data:,", text), doc_id) if is_html else text_to_blocks(text, doc_id)


def text_to_blocks(text: str, doc_id: str) -> Extracted:
    """Plain article text → blocks; title and date found from the text's own stamps."""
    try:
        return build(text_units(text), doc_id)
    except Exception as e:  # never raise on odd input
        return Extracted(status="failed", error=f"{type(e).__name__}: {e}")


def html_to_blocks(html: str, doc_id: str) -> Extracted:
    """HTML page → blocks of its main text (trafilatura), with title, date and site name."""
    try:
        import trafilatura

        xml = trafilatura.extract(
            html, output_format="xml", with_metadata=True, include_comments=False,
            include_tables=True, include_images=False, include_links=True,
        )
        if not xml:
            return Extracted(status="empty", error="no article text found in the HTML page")
        doc = etree.fromstring(xml.encode("utf-8"))
        main = doc.find("main")
        units = xml_units(main) if main is not None else []
        return build(
            units, doc_id,
            title=_clean(doc.get("title") or "") or None,
            published=news_dates.parse_date(doc.get("date") or ""),
            publisher=_clean(doc.get("sitename") or "") or None,
        )
    except MemoryError:  # the worker's limit: its reason is said by the pipeline
        raise
    except Exception as e:  # trafilatura/lxml on broken input
        return Extracted(status="failed", error=f"{type(e).__name__}: {e}")


# ---------------------------------------------------------------- text → units


def text_units(text: str) -> list[Unit]:
    """Non-blank lines in order; a line wrapped inside a paragraph is joined to its start; the
    header and rows of a table in the text (extract/text_tables.py) are table_row units."""
    units: list[Unit] = []
    tables = 0
    for chunk in re.split(r"\n[^\S\n]*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        previous = None
        lines = [x for x in (_clean(x) for x in chunk.split("\n")) if x]
        for line in lines_to_table_rows(lines, tables):
            if isinstance(line, TextRow):
                units.append(Unit(line.text, "table_row", cells=line.cells, header=line.header, table=line.table))
                tables = line.table + 1
                previous = None
            elif previous is not None and continues(previous.text, line):
                previous.text += " " + line
            else:
                previous = Unit(line)
                units.append(previous)
    return units


def continues(previous: str, line: str) -> bool:
    """A line starting lower-case after one without final punctuation is the same paragraph."""
    return line[:1].islower() and previous.rstrip(CLOSERS)[-1:] not in ".!?:;" and not BULLET.match(line)


def xml_units(main: etree._Element) -> list[Unit]:
    """Trafilatura's XML body → units; headings, list items and table rows keep their markup kind."""
    units: list[Unit] = []
    if main.text and main.text.strip():
        units += [Unit(x) for x in _lines(main.text)]
    for el in main:
        if el.tag == "head":
            level = int(el.get("rend", "h2")[1:] or 2) if re.fullmatch(r"h\d", el.get("rend", "")) else 2
            units += [Unit(x, "heading", level) for x in _lines(_text(el))]
        elif el.tag == "list":
            units += list_units(el, 0)
        elif el.tag == "table":
            for row in el.iter("row"):
                cells = [_clean(_text(c)) for c in row.iter("cell")]
                if any(cells):
                    units.append(Unit(" | ".join(c for c in cells if c), "table_row", cells=cells))
        else:  # p, quote, code, …: the shape of the text decides; a bare link is a related article
            kind = "furniture" if link_only(el) else None
            units += [Unit(x, kind) for x in _lines(_text(el))]
        if el.tail and el.tail.strip():
            units += [Unit(x) for x in _lines(el.tail)]
    return units


def list_units(lst: etree._Element, level: int) -> list[Unit]:
    """<list><item> → list_item units; nested lists one level deeper."""
    units, ordered = [], lst.get("rend", "") == "ol"
    items = lst.findall("item")
    kind = "furniture" if items and all(link_only(i) for i in items) else "list_item"  # link list
    for n, item in enumerate(items, start=1):
        own = "".join([item.text or ""] + [_text(c) + (c.tail or "") for c in item if c.tag != "list"])
        if own.strip():
            units.append(Unit(_clean(own), kind, level, f"{n}." if ordered else "•"))
        for sub in item.findall("list"):
            units += list_units(sub, level + 1)
    return units


def link_only(el: etree._Element) -> bool:
    """All the element's text is link text: a menu entry or a related-article link."""
    own = _clean(_text(el))
    return bool(own) and own == _clean(" ".join(_text(r) for r in el.iter("ref")))


def _text(el: etree._Element) -> str:
    return "".join(el.itertext())


def _lines(text: str) -> list[str]:
    return [line for line in (_clean(x) for x in text.split("\n")) if line]


def _clean(line: str) -> str:
    """NFC, no invisible characters, single spaces (a line without other spaces or a double one, most
    lines, is only stripped)."""
    line = INVISIBLE.sub("", unicodedata.normalize("NFC", line))
    return (SPACES.sub(" ", line) if ODD_SPACES.search(line) else line).strip()


# ---------------------------------------------------------------- units → blocks


def in_parts(unit: Unit) -> list[Unit]:
    """A unit longer than MAX_UNIT_CHARS as several, cut at spaces: a paragraph of a million characters
    is read in parts (spaCy refuses texts beyond its max_length), not failed."""
    if len(unit.text) <= MAX_UNIT_CHARS:
        return [unit]
    parts, text = [], unit.text
    while text:
        cut = text.rfind(" ", 0, MAX_UNIT_CHARS) if len(text) > MAX_UNIT_CHARS else len(text)
        cut = cut if cut > 0 else MAX_UNIT_CHARS
        parts.append(Unit(text[:cut].strip(), unit.kind, unit.level, unit.marker))
        text = text[cut:].lstrip()
    return parts


def build(units: list[Unit], doc_id: str, title: str | None = None,
          published: str | None = None, publisher: str | None = None) -> Extracted:
    """Classify units, mark page furniture, find title and date: the Extracted record."""
    units = [part for u in units for part in in_parts(u)]
    blocks = [classify(u, doc_id, i) for i, u in enumerate(units)]
    mark_duplicates(blocks)
    mark_quotes(blocks)
    mark_footer(blocks)
    mark_paywall(blocks)
    mark_related(blocks)
    texts = [u.text for u in units]
    published = published or news_dates.published_date(texts)
    body = [b for b in blocks if b.kind != "furniture"]
    if not body:
        return Extracted(blocks=blocks, title=title, published=published, publisher=publisher,
                         status="empty", error="no article text")
    title = mark_title(blocks, title)
    return Extracted(blocks=blocks, title=title, published=published, publisher=publisher)


def classify(unit: Unit, doc_id: str, index: int) -> Block:
    """One unit → one block, by markup where given, else by vocabulary and the line's shape."""
    text = unit.text
    block = Block(doc_id=doc_id, page=None, index=index, kind="paragraph", text=text,
                  level=unit.level, marker=unit.marker, cells=unit.cells, header=unit.header, table=unit.table)
    if news_vocab.is_furniture(text) or news_dates.is_date_line(text) or is_page_label(text):
        block.kind = "furniture"
    elif unit.kind:
        block.kind = unit.kind
    elif m := MD_HEADING.match(text):
        block.kind, block.text, block.level = "heading", m["t"], len(m["h"])
    elif (m := BULLET.match(text)) and not text.startswith("**"):
        block.kind, block.text, block.marker = "list_item", m["t"], marker_text(m["m"])
        block.level = int(m["m"] in SUB_BULLETS)
    elif looks_like_heading(text):
        block.kind, block.level = "heading", 2
    return block


def looks_like_heading(text: str) -> bool:
    """Short, one sentence at most, capitalised, no final punctuation (a short question is allowed),
    and words, not figures alone ("10", ",0": a table's cells broken into lines)."""
    words = text.split()
    if not words or len(words) > MAX_HEADING_WORDS or len(text) > MAX_HEADING_CHARS or not any(c.isalpha() for c in text):
        return False
    first, last = text.lstrip(OPENERS)[:1], text.rstrip(CLOSERS)[-1:]
    if not (first.isupper() or first.isdigit()) or last in SENTENCE_END:
        return False
    if last == "?" and len(words) > MAX_QUESTION_HEADING_WORDS:
        return False
    return not SENTENCE_BREAK.search(text.rstrip(CLOSERS + "?"))


def is_body(block: Block) -> bool:
    """Article prose or a list entry (what related-article titles never are)."""
    return block.kind in ("paragraph", "list_item", "table_row")


def mark_duplicates(blocks: list[Block]) -> None:
    """A line repeated right after itself is an image caption (alt text + caption): both furniture.
    A repeated heading is kept once."""
    for a, b in zip(blocks, blocks[1:]):
        if a.text.casefold() == b.text.casefold() and a.kind != "list_item":
            if b.kind != "heading":
                b.kind = "furniture"
            a.kind = "furniture"


def mark_quotes(blocks: list[Block]) -> None:
    """Dash lines that are quotes ("– Vi har inget val, säger X.") are paragraphs, not list items.

    A dash line is a quote when it carries a speech-verb attribution or the next paragraph does
    ("Det säger X."); dash lines next to a quote that end a sentence continue it.
    """
    def dashed(b: Block) -> bool:
        return b.kind == "list_item" and (b.marker or "")[:1] in DASHES

    def ends_sentence(b: Block) -> bool:
        return b.text.rstrip(CLOSERS)[-1:] in ".!?…"

    attribution, lead = news_vocab.quote_attribution(), news_vocab.quote_lead()
    body = [i for i, b in enumerate(blocks) if b.kind != "furniture"]
    after = {i: blocks[j] for i, j in zip(body, body[1:])}
    quotes = [i for i in body if dashed(blocks[i]) and (
        attribution.search(blocks[i].text)
        or (ends_sentence(blocks[i]) and i in after and after[i].kind == "paragraph" and lead.match(after[i].text)))]
    while quotes:
        i = quotes.pop()
        b = blocks[i]
        if b.kind != "list_item":
            continue
        b.kind, b.text, b.marker = "paragraph", f"{b.marker} {b.text}", None
        pos = body.index(i)
        for j in body[max(pos - 1, 0):pos] + body[pos + 1:pos + 2]:
            if dashed(blocks[j]) and ends_sentence(blocks[j]):
                quotes.append(j)


def mark_footer(blocks: list[Block]) -> None:
    """From a footer marker ("Så arbetar vi", "Ladda ner appen") after the body on: furniture.

    Only when what follows is short prose without lists, so a promo inside the article cannot
    swallow the rest of it.
    """
    for i in _after_body(blocks, news_vocab.is_tail_marker):
        rest = blocks[i + 1:]
        prose = sum(1 for r in rest if r.kind == "paragraph")
        if not any(r.kind in ("list_item", "table_row") for r in rest) and prose <= MAX_FOOTER_PARAGRAPHS:
            for r in blocks[i:]:
                r.kind = "furniture"
            return


def mark_paywall(blocks: list[Block]) -> None:
    """From a paywall's opening line after the body on ("Fortsätt läsa med Digital!", then prices,
    "Ingen bindningstid." and the package's perks as a list): furniture. Nothing of the article
    stands behind a paywall in the text a reader was given."""
    for i in _after_body(blocks, news_vocab.is_paywall):
        for r in blocks[i:]:
            r.kind = "furniture"
        return


def _after_body(blocks: list[Block], opens: Callable[[str], bool]) -> Iterator[int]:
    """Indices of the blocks after the first body block whose text `opens` says yes to."""
    seen_body = False
    for i, b in enumerate(blocks):
        if seen_body and opens(b.text):
            yield i
        seen_body = seen_body or is_body(b)


def mark_related(blocks: list[Block]) -> None:
    """Related-article titles are furniture: the heading run after the last body block, and any
    heading run right after a "Läs också" line."""
    last_body = max((i for i, b in enumerate(blocks) if is_body(b)), default=None)
    if last_body is not None:
        for b in blocks[last_body + 1:]:
            if b.kind == "heading":
                b.kind = "furniture"
    for i, b in enumerate(blocks):
        if news_vocab.is_related_opener(b.text):
            for r in blocks[i + 1:]:
                if r.kind != "heading":
                    break
                r.kind = "furniture"


def mark_title(blocks: list[Block], title: str | None) -> str | None:
    """The title: given (HTML) or the heading right before a date stamp, else a leading heading
    followed by prose. Its block becomes a level-1 heading; a given title missing from the
    body is put in front as one."""
    content = [b for b in blocks if b.kind != "furniture"]
    if title:
        match = next((b for b in content[:3] if b.kind == "heading" and b.text.casefold() == title.casefold()), None)
        if match:
            match.level = 1
        else:
            blocks.insert(0, Block(doc_id=content[0].doc_id, page=None, index=0, kind="heading", text=title, level=1))
            for i, b in enumerate(blocks):
                b.index = i
        return title
    for a, b in zip(blocks, blocks[1:]):
        if a.kind == "heading" and news_dates.is_stamp(b.text):
            a.level = 1
            return a.text
    if len(content) > 1 and content[0].kind == "heading" and content[1].kind == "paragraph":
        content[0].level = 1
        return content[0].text
    return None
