"""Text of lines as written: hard-wrapped lines joined, hyphenation undone, leaders normalised."""
from __future__ import annotations

import re

# Words that follow a suspended compound ("hälso- och sjukvård", "kort- eller långsiktig"):
# the hyphen before them is written, not a line-break hyphen.
SUSPENSION_WORDS = {"och", "eller", "samt", "resp.", "respektive", "som", "till", "liksom", "men", "&", "and", "or"}
LEADER = re.compile(r"\s*(?:(?:\.\s?){3,}|…\s?\.*(?:…\s?\.*)+|…\.+|\.+…)[\s.…]*")
CID = re.compile(r"\(cid:\d+\)")
CID_WORD = re.compile(r"(?<!\S)\(cid:\d+\)(?!\S)")
SPACES = re.compile(r"\s+")


def join_lines(lines: list[str]) -> str:
    """Hard-wrapped lines → one logical line: a hyphen at a line end joins the word halves
    ("kostnads-" + "reducering"), except before a conjunction ("hälso- och"), after a capital or
    digit ("IT-" + "system", "2020-" + "2022": hyphen kept, no space) and when the hyphen stands
    alone as a dash."""
    out = ""
    for line in (l.strip() for l in lines):
        if not line:
            continue
        if not out:
            out = line
            continue
        head = line.split(" ", 1)[0]
        if out.endswith(("-", "\u00ad")) and len(out) > 1 and out[-2].isalnum():
            stem = out[:-1]
            if head.lower() in SUSPENSION_WORDS:
                out = f"{stem}- {line}"
            elif stem[-1].isupper() or stem[-1].isdigit() or not head[:1].islower():
                out = f"{stem}-{line}"
            else:
                out = stem + line
        else:
            out = f"{out} {line}"
    return normalise(out)


def normalise(text: str) -> str:
    """Runs of dots or ellipses (leaders) → " …… "; undecodable glyphs standing alone (symbol-font
    bullets) → "•"; whitespace collapsed; soft hyphens dropped."""
    text = CID_WORD.sub("•", text.replace("\u00ad", ""))
    text = LEADER.sub(" …… ", text)
    return SPACES.sub(" ", text).strip()


def marker_text(marker: str) -> str:
    """A list marker as shown: undecodable or private-use bullet glyphs become "•"."""
    if CID.fullmatch(marker) or (len(marker) == 1 and "\uf000" <= marker <= "\uf0ff"):
        return "•"
    return marker
