"""Input files under raw/ and their manifest rows."""
from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

MANIFEST = "sources.csv"
MANIFEST_COLUMNS = ("file", "organisation", "region", "doc_type", "publisher", "title", "published", "url")
IGNORED = {MANIFEST, "README.md", ".gitkeep"}


@dataclass(frozen=True)
class InputFile:
    path: Path
    source_file: str  # path as published: raw/<name>
    doc_id: str
    sha256: str


def slug(name: str) -> str:
    """ASCII, lower-case, dash-separated id from a file name: 'Budget Västerbotten.pdf' → 'budget-vasterbotten'."""
    stem = Path(name).stem
    ascii_ = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-") or "document"


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def discover(raw_dir: Path) -> list[InputFile]:
    """Every document file in raw/ (recursively, sorted), with a unique doc_id each."""
    paths = sorted(p for p in raw_dir.rglob("*") if p.is_file() and p.name not in IGNORED and not p.name.startswith("."))
    seen: dict[str, int] = {}
    out = []
    for p in paths:
        rel = p.relative_to(raw_dir).as_posix()
        doc_id = slug(rel.replace("/", "-"))
        if doc_id in seen:
            seen[doc_id] += 1
            doc_id = f"{doc_id}-{p.suffix.lstrip('.').lower() or seen[doc_id]}"
        seen.setdefault(doc_id, 0)
        out.append(InputFile(p, f"{raw_dir.name}/{rel}", doc_id, sha256_of(p)))
    return out


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
        found, found_problems = _read_manifest(path)
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
