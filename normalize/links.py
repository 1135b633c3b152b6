"""The same measure across documents and across the forms inside one document, and its status over time.

Rows of data/measures.parquet are linked when they are one measure of one organisation: a slide heading
with its amount, the table row that prices it, the timeline row that schedules it, the news sentence
that reports it. Names are compared by rapidfuzz `token_sort_ratio` on normalised names (casefolded,
letters only, Swedish stop words of spaCy dropped), so extra or missing words cost, unlike in a subset
match. A link is one of:

* name: similarity ≥ `medium` and no evidence against it (amount or body that differ, or periods
  neither of which lies within the other: 2020–2022 on a slide, 2021–2022 in its table row, agree);
* strong name: similarity ≥ `strong` across documents in spite of such evidence; when the amounts
  differ the link is `flagged`;
* amount: both rows state the same amount, which no other measure of either document states (within
  one document: no two measures on one page, and both rows top-level or both sub-items), the periods
  agree (required across documents) and the names are at least weakly similar (≥ `weak`). This links a
  paraphrased news sentence ("optimera vårdens flöden", 108 mkr) to the table row it reports.

Never linked: rows of different organisations (rows without one only within their document), a measure
and a total (totals link only with totals, on equal amounts), a row and its own sub-item, two rows of
one document with different amounts, and two rows of one document of the same form (see `_form`) —
identical wordings under two headings of one list are two list items — except two priced rows with
equal amounts (a slide heading and its table row). Links are merged into groups strongest first; a
link is dropped when its group would hold two rows of one document page and form whose names are not
near-identical (one weak link must not swallow another measure's group).

Since no link crosses an organisation (or, for rows without one, a document), the rows are linked in
parts of whole such blocks, one part at a time or over a process pool: memory is bounded by the
largest part, not by the frame (bench/bench_links.py: 1 M synthetic measures).
"""
from __future__ import annotations

import gc
import hashlib
import multiprocessing as mp
import re
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from itertools import combinations, product

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from spacy.lang.sv.stop_words import STOP_WORDS

from schemas.contract import MEASURE_LINKS


@dataclass(frozen=True)
class LinkSettings:
    # Calibrated on the sample documents (tests/gold/links.csv), token_sort_ratio of normalised names:
    strong: float = 90.0   # what a different amount, period or body needs across documents (the brief's 90):
                           # wordings of one measure that differ by inflection score 90–96 in the samples
                           # ("Omstrukturera vården" / "Omstrukturering av vården" 90, "Minska beroendet" /
                           # "Minskat beroende av hyrpersonal" 96); also "near-identical" in the group check
    medium: float = 72.0   # name-only links: lowest true pair 74.7 ("Samordna medicinska sekreterare m m." ↔
                           # "… och ombud inom olika specialområden"), highest false pair 68.3 ("Effektivisera
                           # vårdflöden" ↔ "Effektiviseringar"); a sub-bullet restating its heading (75.5) is
                           # kept out by the parent rule
    weak: float = 20.0     # floor for amount links: the paraphrased news names score 26.7–39.4 against their rows
    # score = weighted mean of name similarity and evidence (same 1, unknown 0.5, different 0); set by hand, not
    # fitted: the name weighs as much as the three pieces of evidence together. The score orders the links
    # for the group check and is reported; it decides no link.
    name_weight: float = 0.5
    amount_weight: float = 0.25
    period_weight: float = 0.125
    body_weight: float = 0.125


SETTINGS = LinkSettings()
MAX_COPIES = 20  # rows alike in more documents than this link as a star (_copies)
PART_ROWS = 20_000  # rows linked at a time (whole blocks): bounds memory, the unit of parallel work
SHARED_ROWS = 5_000  # from so many rows on, `jobs` processes share the linking even when one part would hold them
COLUMNS = [f.name for f in MEASURE_LINKS.fields]
RECORD_COLUMNS = ["measure_id", "doc_id", "kind", "name", "amount_sek", "period_start", "period_end", "body", "page",
                  "deadline"]  # what the rules read of a row of measures
HISTORY_COLUMNS = ["group_id", "measure_id", "date", "doc_id", "name", "status", "amount_sek", "source_file", "page"]


def norm_name(name) -> str:
    """Casefolded words of letters only, without Swedish stop words and single letters."""
    words = re.sub(r"[\W\d_]+", " ", str(name).casefold()).split()
    return " ".join(w for w in words if len(w) > 1 and w not in STOP_WORDS)


def _key(text) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", str(text).casefold()).split()) if _known(text) else ""


def _known(v) -> bool:
    return v is not None and not pd.isna(v) and v != ""


def _form(row: dict) -> str:
    """What a row states beside its name: 'priced' (amount), 'scheduled' (deadline only) or 'listed'."""
    return "priced" if row["amount"] is not None else "scheduled" if _known(row["deadline"]) else "listed"


def _prepared(measures: pd.DataFrame) -> pd.DataFrame:
    """The rows that can link, in the columns the rules read, with what needs the whole frame: name
    keys, block and sub-item mark (each computed once per distinct value, not once per row)."""
    rows = measures[measures["kind"].isin(("measure", "total"))]
    name_key, parent_key = _each(rows["name"], _key), _each(rows["parent"], lambda v: _key(v) or None)
    owner = rows["organisation"] if "organisation" in rows else rows["region"]  # contract 2.0: one organisation
    doc = rows["doc_id"].to_numpy(dtype=object)
    block = np.where(_each(owner, _known).astype(bool), owner.to_numpy(dtype=object), "doc:" + doc)
    names = pd.MultiIndex.from_arrays([doc, name_key])[(rows["kind"] == "measure").to_numpy()]
    sub = pd.MultiIndex.from_arrays([doc, parent_key]).isin(names) & (parent_key != None)  # noqa: E711 (elementwise)
    return rows[RECORD_COLUMNS].assign(name_key=name_key, parent_key=parent_key, block=block, sub=sub)


def _each(values: pd.Series, fn) -> np.ndarray:
    """fn of every value, as an object array; fn runs once per distinct value (missing ones included)."""
    codes, distinct = pd.factorize(values, use_na_sentinel=False)
    return np.array([fn(v) for v in distinct], dtype=object)[codes]


def _parts(rows: pd.DataFrame, size: int):
    """`rows` (prepared) in parts of whole blocks, about `size` rows or one larger block each, largest
    blocks first: no link crosses a block, so each part links on its own."""
    codes, _ = pd.factorize(rows["block"])
    counts = np.bincount(codes)
    by_size = np.lexsort((np.arange(len(counts)), -counts))
    rank = np.empty_like(by_size)
    rank[by_size] = np.arange(len(by_size))
    order = np.argsort(rank[codes], kind="stable")
    start = 0
    for end in np.cumsum(counts[by_size]):
        if end - start >= size or end == len(order):
            yield rows.iloc[order[start:end]]
            start = end


def _records(part: pd.DataFrame) -> list[dict]:
    """The rows of a part, each with what the rules need, in measure_id order."""
    columns = {c: part[c].to_numpy(dtype=object) for c in part.columns}
    columns.update(norm=_each(part["name"], norm_name), body_key=_each(part["body"], lambda v: _key(v) or None))
    rows = sorted((dict(zip(columns, values)) for values in zip(*columns.values())), key=lambda r: r["measure_id"])
    for r in rows:
        r["amount"] = int(r["amount_sek"]) if _known(r["amount_sek"]) else None
        period = tuple(int(v) if _known(v) else None for v in (r["period_start"], r["period_end"]))
        r["period"] = period if period != (None, None) else None
        r["page"] = int(r["page"]) if _known(r["page"]) else None
        r["form"] = _form(r)
    return rows


def _same(a, b) -> bool | None:
    if a is None or b is None:
        return None
    return a == b


def evidence(a: dict, b: dict) -> tuple[bool | None, bool | None, bool | None]:
    """same_amount, same_period, same_body of two rows; None where either states none."""
    return _same(a["amount"], b["amount"]), _same(a["period"], b["period"]), _same(a["body_key"], b["body_key"])


def score(similarity: float, ev: tuple, s: LinkSettings = SETTINGS) -> float:
    """Strength of a link, 0–1: weighted name similarity and evidence (same 1, unknown 0.5, different 0)."""
    val = [0.5 if e is None else float(e) for e in ev]
    total = s.name_weight + s.amount_weight + s.period_weight + s.body_weight
    return round((s.name_weight * similarity / 100 + s.amount_weight * val[0] + s.period_weight * val[1]
                  + s.body_weight * val[2]) / total, 3)


def _may_pair(a: dict, b: dict) -> bool:
    """Rules every link obeys, whatever its evidence."""
    if a["block"] != b["block"] or a["kind"] != b["kind"]:
        return False
    if a["doc_id"] != b["doc_id"]:
        return True
    if _parent_of(a, b):
        return False
    if a["page"] is not None and a["page"] == b["page"]:
        return False  # items of one slide, table or list
    if evidence(a, b)[0] is False:
        return False
    return a["form"] != b["form"] or a["form"] == "priced"


def _parent_of(a: dict, b: dict) -> bool:
    """One row is the other's parent: a sub-item is part of a measure, not the measure."""
    return a["doc_id"] == b["doc_id"] and (a["parent_key"] == b["name_key"] or b["parent_key"] == a["name_key"])


def name_link(a: dict, b: dict, similarity: float, s: LinkSettings = SETTINGS) -> bool:
    """Linked on the name: similar enough for the evidence there is (see the module doc)."""
    if not _may_pair(a, b):
        return False
    ev = evidence(a, b)
    if ev[1] is False and _nested(a["period"], b["period"]):
        ev = (ev[0], None, ev[2])  # one period within the other: told with more or less precision, not against
    if False not in ev:
        return similarity >= s.medium
    if ev[0] is False and a["kind"] == "total":
        return False  # a total is known by its amount, not by its name ("Totalt")
    return a["doc_id"] != b["doc_id"] and similarity >= s.strong


def _nested(p: tuple | None, q: tuple | None) -> bool:
    """One period (first, last year; either end may be unknown) lies within the other."""
    if not p or not q or None in p or None in q:
        return False
    return (p[0] <= q[0] and q[1] <= p[1]) or (q[0] <= p[0] and p[1] <= q[1])


def _similarity(a: dict, b: dict) -> float:
    return float(fuzz.token_sort_ratio(a["norm"], b["norm"]))


class _Groups:
    """Union-find over row positions that refuses a merge putting into one group a row and its own
    parent, or two rows of one page and form whose names are not near-identical."""

    def __init__(self, rows: list[dict], s: LinkSettings):
        self.rows, self.s = rows, s
        self.parent = list(range(len(rows)))
        self.members = {i: {r["doc_id"]: [i]} for i, r in enumerate(rows)}  # root → its rows by document
        self.slot = [(r["page"], r["form"]) for r in rows]  # within one document

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        small, large = sorted((self.members[ri], self.members[rj]), key=len)
        for doc in small.keys() & large.keys():  # both refusals are about rows of one document
            if self._refused(small[doc], large[doc]):
                return False
        self.parent[rj] = ri
        merged = self.members.pop(rj)
        for doc, idx in merged.items():
            self.members[ri].setdefault(doc, []).extend(idx)
        return True

    def _refused(self, xs: list[int], ys: list[int]) -> bool:
        """Rows of one document that may not share a group: one is the other's parent (`_parent_of`),
        or the two share page and form and their names are not near-identical."""
        rows = self.rows
        if ({rows[x]["parent_key"] for x in xs} & {rows[y]["name_key"] for y in ys}
                or {rows[y]["parent_key"] for y in ys} & {rows[x]["name_key"] for x in xs}):
            return True
        by_slot: dict[tuple, list[int]] = {}
        for y in ys:
            by_slot.setdefault(self.slot[y], []).append(y)
        return any(_similarity(rows[x], rows[y]) < self.s.strong for x in xs for y in by_slot.get(self.slot[x], ()))


def _name_candidates(rows: list[dict], groups: _Groups, s: LinkSettings) -> list[tuple[int, int, float]]:
    """Pairs of row positions in one block whose names pass `name_link` (`groups` is not needed yet);
    each distinct name is compared once, so rows that repeat a wording cost no comparisons."""
    out = []
    blocks: dict[str, dict[str, list[int]]] = {}
    for i, r in enumerate(rows):
        if not r["copy"]:
            blocks.setdefault(r["block"], {}).setdefault(r["norm"], []).append(i)
    for by_norm in blocks.values():
        norms = list(by_norm)
        for p, q, sim in _similar_names(norms, s.medium):
            alike = by_norm[norms[p]]
            for i, j in map(sorted, combinations(alike, 2) if p == q else product(alike, by_norm[norms[q]])):
                if name_link(rows[i], rows[j], sim, s):
                    out.append((i, j, sim))
    return out


def _similar_names(norms: list[str], cutoff: float, chunk: int = 2000):
    """(p, q, similarity) of the names norms[p], norms[q], p ≤ q, that score at least `cutoff`; the
    score matrix is computed `chunk` rows at a time, so memory stays linear in the names."""
    for start in range(0, len(norms), chunk):
        sims = process.cdist(norms[start:start + chunk], norms[start:], scorer=fuzz.token_sort_ratio,
                             score_cutoff=cutoff, dtype=np.uint8)
        p, q = np.nonzero(sims)
        upper = q >= p
        p, q = p[upper], q[upper]
        yield from zip((p + start).tolist(), (q + start).tolist(), sims[p, q].astype(float).tolist())


def _by_amount(rows: list[dict]) -> list[list[int]]:
    """Positions of the rows that state one amount, per block, kind and amount."""
    out: dict[tuple, list[int]] = {}
    for i, r in enumerate(rows):
        if r["amount"] is not None and not r["copy"]:
            out.setdefault((r["block"], r["kind"], r["amount"]), []).append(i)
    return list(out.values())


def _per_doc(rows: list[dict], idx: list[int]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i in idx:
        out.setdefault(rows[i]["doc_id"], []).append(i)
    return out


def _amount_within(rows: list[dict], groups: _Groups, s: LinkSettings) -> list[tuple[int, int, float]]:
    """Rows of one document and amount, when no page holds two measures of that amount and all are
    top-level or all sub-items (a slide heading and the table row that prices it)."""
    out = []
    for idx in _by_amount(rows):
        for doc_rows in _per_doc(rows, idx).values():
            on_page: dict[int | None, set[int]] = {}
            for i in doc_rows:
                on_page.setdefault(rows[i]["page"], set()).add(groups.find(i))
            if None in on_page or any(len(c) > 1 for c in on_page.values()) or len({rows[i]["sub"] for i in doc_rows}) > 1:
                continue
            out += [(i, j, sim) for i, j in combinations(doc_rows, 2)
                    if groups.find(i) != groups.find(j) and (sim := _amount_pair(rows[i], rows[j], False, s)) is not None]
    return out


def _amount_across(rows: list[dict], groups: _Groups, s: LinkSettings) -> list[tuple[int, int, float]]:
    """Rows of two documents and one amount, when in each document one measure (group) states it."""
    out = []
    for idx in _by_amount(rows):
        by_doc = {d: r for d, r in _per_doc(rows, idx).items() if len({groups.find(i) for i in r}) == 1}
        for d1, d2 in combinations(sorted(by_doc), 2):
            out += [(i, j, sim) for i in by_doc[d1] for j in by_doc[d2]
                    if (sim := _amount_pair(rows[i], rows[j], True, s)) is not None]
    return out


def _amount_pair(a: dict, b: dict, across: bool, s: LinkSettings) -> float | None:
    """The name similarity of two rows of one amount when the amount may link them, else None."""
    if not _may_pair(a, b):
        return None
    _, period, body = evidence(a, b)
    if period is False or body is False or (across and period is not True):
        return None
    sim = _similarity(a, b)
    return sim if sim >= s.weak else None


def _copies(rows: list[dict], s: LinkSettings) -> list[tuple[int, int, float]]:
    """Links of each row to the first of its copies, where more than MAX_COPIES documents hold rows
    alike in all a link looks at (near-duplicate documents, a list repeating one wording): those rows
    link as a star, each to the first where the rules allow, not each to each, and only the first seeks
    other links (the others are marked r["copy"]), so many copies cost linear time and memory."""
    alike: dict[tuple, list[int]] = {}
    for i, r in enumerate(rows):
        r["copy"] = False
        key = (r["block"], r["kind"], r["norm"], r["parent_key"], r["amount"], r["period"],
               r["body_key"], r["form"], r["sub"])
        alike.setdefault(key, []).append(i)
    out = []
    for idx in alike.values():
        if len({rows[i]["doc_id"] for i in idx}) > MAX_COPIES:
            for j in idx[1:]:
                rows[j]["copy"] = True
                if _may_pair(rows[idx[0]], rows[j]):
                    out.append((idx[0], j, 100.0))
    return out


def group_id(measure_ids) -> str:
    """Stable id of a group: hash of its sorted member measure_ids."""
    return hashlib.sha1("\n".join(sorted(measure_ids)).encode()).hexdigest()[:16]


def link_measures(measures: pd.DataFrame, s: LinkSettings = SETTINGS, jobs: int = 1) -> pd.DataFrame:
    """Rows of MEASURE_LINKS (contract column order): one per link, grouped, in a deterministic order.
    Parts of whole blocks link one after the other, or over `jobs` processes when there are several."""
    rows = _prepared(measures)
    if jobs > 1 and len(rows) > PART_ROWS:
        found = _in_pool(_parts(rows, PART_ROWS), s, jobs, "forkserver")
    elif jobs > 1 and len(rows) >= SHARED_ROWS:  # about two parts per process, forked: ready at once
        found = _in_pool(_parts(rows, -(-len(rows) // (2 * jobs))), s, jobs, "fork")
    else:
        found = (_link_part(part, s) for part in _parts(rows, PART_ROWS))
    df = pd.DataFrame([link for links in found for link in links], columns=COLUMNS)
    for c in ("same_amount", "same_period", "same_body"):
        df[c] = df[c].astype("boolean")
    df["flagged"] = df["flagged"].astype(bool)
    return df.sort_values(["group_id", "measure_id", "other_id"], kind="stable").reset_index(drop=True)


def _in_pool(parts, s: LinkSettings, jobs: int, start: str):
    """The links of every part over `jobs` processes, at most two parts per process in flight, so memory
    stays bounded by the largest parts. Processes `start` by "forkserver" (fresh: not a copy of this
    process's heap, for large frames) or by "fork" (at once, the heap shared and frozen)."""
    with ProcessPoolExecutor(jobs, mp_context=mp.get_context(start), initializer=gc.freeze) as pool:
        pending = set()
        for part in parts:
            pending.add(pool.submit(_link_part, part, s))
            if len(pending) >= 2 * jobs:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (f.result() for f in done)
        yield from (f.result() for f in pending)


def _link_part(part: pd.DataFrame, s: LinkSettings) -> list[tuple]:
    """The links among the rows of `part` (whole blocks), as tuples in contract column order."""
    rows = _records(part)
    groups = _Groups(rows, s)
    accepted: list[tuple[int, int, float]] = []
    seen: set[tuple[int, int]] = set()

    def merge(cands):
        scored = [(score(sim, evidence(rows[i], rows[j]), s), i, j, sim) for i, j, sim in cands]
        for _, i, j, sim in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
            pair = (min(i, j), max(i, j))
            if pair not in seen and groups.join(i, j):  # a pair found by two rules is one link
                seen.add(pair)
                accepted.append((i, j, sim))

    merge(_copies(rows, s))
    for candidates in (_name_candidates, _amount_within, _amount_across):
        merge(candidates(rows, groups, s))
    members: dict[int, list[str]] = {}
    for i in {k for i, j, _ in accepted for k in (i, j)}:
        members.setdefault(groups.find(i), []).append(rows[i]["measure_id"])
    gid = {root: group_id(ids) for root, ids in members.items()}
    out = []
    for i, j, sim in accepted:
        a, b = rows[min(i, j)], rows[max(i, j)]
        ev = evidence(a, b)
        out.append((gid[groups.find(i)], a["measure_id"], b["measure_id"], round(sim, 1), *ev, score(sim, ev, s),
                    ev[0] is False))
    return out


def status_history(measures: pd.DataFrame, documents: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """One row per (group, member row): status and amount as of its document's date, newest first in a group."""
    pairs = pd.concat([links[["group_id", "measure_id"]], links[["group_id", "other_id"]].rename(columns={"other_id": "measure_id"})])
    hist = (pairs.drop_duplicates()
            .merge(measures[["measure_id", "doc_id", "name", "status", "amount_sek", "source_file", "page"]], on="measure_id")
            .merge(documents[["doc_id", "published"]].rename(columns={"published": "date"}), on="doc_id", how="left"))
    hist = hist.sort_values(["group_id", "date", "doc_id", "page", "measure_id"],
                            ascending=[True, False, True, True, True], na_position="last", kind="stable")
    return hist[HISTORY_COLUMNS].reset_index(drop=True)
