"""Input files under raw/ and their manifest rows."""
from __future__ import annotations

import csv
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

MANIFEST = "sources.csv"
MANIFEST_COLUMNS = ("file", "organisation", "region", "doc_type", "publisher", "title", "published", "url")
IGNORED = {MANIFEST, "README.md", ".gitkeep"}


MAX_ID = 100
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")  # a page object of a PDF, counted without parsing


@dataclass(frozen=True)
class InputFile:
    path: Path
    source_file: str  # path as published: raw/<name>, bytes that are not UTF-8 as \\xNN
    doc_id: str
    sha256: str
    pages: int = 0  # page objects seen in a PDF's bytes: a hint for its time limit
    problem: tuple[str, str] | None = None  # (status, reason) of a file that is not read


def slug(name: str) -> str:
    """ASCII, lower-case, dash-separated id from a file name: 'Budget Västerbotten.pdf' → 'budget-vasterbotten'."""
    stem = Path(name).stem
    ascii_ = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-") or "document"


def shown(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by Python as surrogates) as \\xNN."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def sha256_of(path: Path) -> str:
    return fingerprint(path)[0]


def fingerprint(path: Path) -> tuple[str, int]:
    """SHA-256 of the file's bytes and, for a PDF, how many page objects they hold."""
    h = hashlib.sha256()
    pages, tail = 0, b""
    pdf = path.suffix.lower() == ".pdf"
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
            if pdf:
                pages += len(PAGE.findall(tail + chunk)) - len(PAGE.findall(tail))
                tail = chunk[-32:]
    return h.hexdigest(), pages


def discover(raw_dir: Path) -> list[InputFile]:
    """Every document file in raw/ (recursively, sorted), with a unique doc_id each. What cannot be read
    as a document (a folder or file the user may not read, a link to a folder or out of raw/, a broken
    link, a pipe or device) is listed too, with its problem, and never opened."""
    taken: set[str] = set()
    out = []
    for p, problem in sorted(_walk(raw_dir, raw_dir.resolve()), key=lambda e: e[0].as_posix()):
        rel = p.relative_to(raw_dir).as_posix()
        doc_id = unique_id(short(slug(rel.replace("/", "-")), rel), p.suffix.lstrip(".").lower()[:MAX_ID], taken)
        digest, pages = EMPTY_SHA256, 0
        if problem is None:
            try:
                digest, pages = fingerprint(p)
            except OSError as e:
                problem = ("failed", f"cannot read the file: {e.strerror or e}")
        out.append(InputFile(p, f"{raw_dir.name}/{shown(rel)}", doc_id, digest, pages, problem))
    return out


def short(doc_id: str, rel: str) -> str:
    """An id of at most MAX_ID characters (the cache's file names must fit the file system): a long one
    cut, with a hash of the whole name so cut ids stay apart."""
    if len(doc_id) <= MAX_ID:
        return doc_id
    return f"{doc_id[:MAX_ID - 9].rstrip('-')}-{hashlib.sha256(rel.encode('utf-8', 'surrogateescape')).hexdigest()[:8]}"


def unique_id(base: str, suffix: str, taken: set[str]) -> str:
    """`base`, else base-<suffix>, else base-<suffix>-2, -3 …: the first id not yet `taken` (which it joins)."""
    doc_id = base
    if doc_id in taken:
        doc_id = f"{base}-{suffix}" if suffix and f"{base}-{suffix}" not in taken else base
        n = 2
        while doc_id in taken:
            doc_id, n = f"{base}-{suffix or 'document'}-{n}", n + 1
    taken.add(doc_id)
    return doc_id


def _walk(folder: Path, root: Path):
    """(path, None) for each regular file under `folder`, (path, (status, reason)) for what is not one."""
    try:
        entries = list(os.scandir(folder))
    except OSError as e:
        yield folder, ("failed", f"cannot read the folder: {e.strerror or e}")
        return
    for entry in entries:
        p = Path(entry.path)
        if entry.name.startswith(".") or (entry.name in IGNORED and not entry.is_dir(follow_symlinks=False)):
            continue
        try:
            if entry.is_symlink():
                yield p, _link_problem(p, root)
            elif entry.is_dir(follow_symlinks=False):
                yield from _walk(p, root)
            elif entry.is_file(follow_symlinks=False):
                yield p, None
            else:
                yield p, ("unsupported", "not a regular file (a pipe, socket or device): not read")
        except OSError as e:
            yield p, ("failed", f"cannot read the file: {e.strerror or e}")


def _link_problem(link: Path, root: Path) -> tuple[str, str] | None:
    """None for a link to a file inside raw/ (read as that file); else why the link is not followed."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):
        return "unsupported", "a broken or looping link: not followed"
    if not target.is_relative_to(root):
        return "unsupported", "a link to outside raw/: not followed"
    if not target.is_file():
        return "unsupported", "a link to a folder or special file: not followed"
    return None


def load_manifest(raw_dir: Path) -> tuple[dict[str, dict], list[str]]:
    """Manifest rows by file path relative to raw/ ('x.pdf', 'plans/x.txt'), and problems found in the
    manifests (never fatal). raw/sources.csv describes any file (a bare name also finds the file in a
    sub-folder, see manifest_row); a sources.csv in a sub-folder describes the files beside it and
    wins over raw/sources.csv for them."""
    rows: dict[str, dict] = {}
    problems: list[str] = []
    paths = sorted(raw_dir.rglob(MANIFEST), key=lambda p: (len(p.relative_to(raw_dir).parts), p.as_posix()))
    for path in paths:
        folder = path.parent.relative_to(raw_dir).as_posix()
        try:
            found, found_problems = _read_manifest(path)
        except (OSError, UnicodeError, csv.Error) as e:  # unreadable, not UTF-8, a NUL byte, a huge field
            found, found_problems = {}, [f"{path}: cannot be read ({type(e).__name__}: {e}); manifest ignored"]
        problems += found_problems
        rows.update({name if folder == "." else f"{folder}/{name}": row for name, row in found.items()})
    return rows, problems


def manifest_row(manifest: dict[str, dict], raw_dir: Path, inp: InputFile) -> dict | None:
    """The manifest row of `inp`: by its path under raw/, else by its bare file name."""
    return manifest.get(inp.path.relative_to(raw_dir).as_posix()) or manifest.get(inp.path.name)


def _read_manifest(path: Path) -> tuple[dict[str, dict], list[str]]:
    problems = []
    rows: dict[str, dict] = {}
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        unknown = set(reader.fieldnames or ()) - set(MANIFEST_COLUMNS)
        if "file" not in (reader.fieldnames or ()):
            return {}, [f"{path}: no 'file' column; manifest ignored"]
        if unknown:
            problems.append(f"{path}: unknown columns {sorted(unknown)} ignored")
        for n, row in enumerate(reader, start=2):
            name = (row.get("file") or "").strip()
            if not name:
                problems.append(f"{path} line {n}: empty file name")
                continue
            rows[name] = {k: (row.get(k) or "").strip() or None for k in MANIFEST_COLUMNS if k != "file"}
    return rows, problems
