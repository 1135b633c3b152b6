"""Intermediate files keyed on content and code version, so re-runs redo only what changed: one per
document and stage (load, save), or one for many small documents' entries (load_batch, save_batch)."""
from __future__ import annotations

import hashlib
import json
import re
import sys
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import pandas as pd
import pyarrow as pa

from pipeline.io import atomic_write_bytes

ROOT = Path(__file__).resolve().parent.parent


IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]*)|import[ \t]+([^\n#]*))", re.M)


@lru_cache
def stage_version(entry: str, root: Path = ROOT) -> str:
    """Hash of what the module `entry` runs: the project modules it imports (transitively, imports inside
    functions too), the data folders they read (vocabularies, the trained model) and the versions of the
    libraries they use. An edit elsewhere (the report) keeps the stage's cache; a library upgrade drops it."""
    modules = project_modules(entry, root)
    h = hashlib.sha256()
    for path in sorted({p for m in modules for p in (m, *data_files(m))}):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(_digest(path, path.stat().st_mtime_ns))
    for name, version in library_versions(modules, root):
        h.update(f"{name}=={version}".encode())
    return h.hexdigest()[:16]


def project_modules(entry: str, root: Path = ROOT) -> list[Path]:
    """The files of `entry` and of every module of the project (under `root`) it imports, with the
    __init__.py of their packages."""
    seen: dict[str, Path] = {}
    todo = [entry]
    while todo:
        parts = todo.pop().split(".")
        for i in range(1, len(parts) + 1):  # importing a.b runs a/__init__.py first
            name = ".".join(parts[:i])
            if name not in seen and (path := _module_file(name, root)):
                seen[name] = path
                todo.extend(imported_names(path))
    return sorted(seen.values())


def imported_names(path: Path) -> list[str]:
    """Every module an import statement of the file names, wherever it stands; for `from a import b`,
    both a and a.b (b may be a module)."""
    names = []
    for module, imported, plain in IMPORT.findall(path.read_text(encoding="utf-8")):
        if plain:
            names += [n.split()[0] for n in plain.split(",") if n.strip()]
        elif not module.startswith("."):
            listed = re.sub(r"#[^\n]*", "", imported).strip("()")
            names += [module, *(f"{module}.{n.split()[0]}" for n in listed.split(",") if n.strip())]
    return names


def _module_file(name: str, root: Path) -> Path | None:
    if name.partition(".")[0] not in _top_level(root):
        return None
    base = root.joinpath(*name.split("."))
    return next((p for p in (base.with_suffix(".py"), base / "__init__.py") if p.is_file()), None)


@lru_cache
def _top_level(root: Path) -> frozenset[str]:
    """The names a module of the project may start with: its packages and top-level modules."""
    return frozenset(p.stem for p in root.iterdir() if p.suffix == ".py" or (p / "__init__.py").is_file())


def data_files(module: Path) -> list[Path]:
    """The files of the data folders beside a module that it names (`Path(__file__).parent / "vocab"`)."""
    text = module.read_text(encoding="utf-8")
    return [p for folder in module.parent.iterdir() if folder.is_dir() and f'"{folder.name}"' in text
            for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts]


def library_versions(modules: list[Path], root: Path = ROOT) -> list[tuple[str, str]]:
    """(distribution, version) of every installed library the modules import and of every library those
    require in turn (pdfplumber's pdfminer.six, spaCy's thinc)."""
    tops = {n.partition(".")[0] for m in modules for n in imported_names(m)}
    todo = {d for t in tops if t not in sys.stdlib_module_names and not _module_file(t, root) for d in _distributions(t)}
    found: dict[str, str] = {}
    asked: set[str] = set()
    while todo:
        name = todo.pop()
        if (canonical := re.sub(r"[-_.]+", "-", name).lower()) in asked:
            continue
        asked.add(canonical)
        if dist := _metadata(name):
            found[dist[0]] = dist[1]
            todo |= set(dist[2])
    return sorted(found.items())


@lru_cache(maxsize=None)
def _metadata(name: str) -> tuple[str, str, tuple[str, ...]] | None:
    """Name, version and requirements (extras left out) of an installed distribution; None when it is
    not installed (a requirement of another platform or Python). Read from the headers of its METADATA
    (email.parser would parse the whole long description: 5× slower)."""
    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return None
    head = (dist.read_text("METADATA") or dist.read_text("PKG-INFO") or "").partition("\n\n")[0]
    field = {k: v.strip() for k, v in re.findall(r"^(Name|Version): *(.*)$", head, re.M)}
    required = re.findall(r"^Requires-Dist: *([\w.-]+)(.*)$", head, re.M)
    return field.get("Name", name), field.get("Version", ""), tuple(r for r, rest in required if "extra ==" not in rest)


def _distributions(module: str) -> list[str]:
    """The installed distributions of a top-level module: most are named after it; some are not (PIL)."""
    if found := _metadata(module):
        return [found[0]]
    return _owners().get(module, [])


@lru_cache(maxsize=None)
def _digest(path: Path, mtime_ns: int) -> bytes:
    """A file's hash, read once per process while unchanged: the stages share most of their files."""
    return hashlib.sha256(path.read_bytes()).digest()


@lru_cache
def _owners() -> dict[str, list[str]]:
    return metadata.packages_distributions()


def key_of(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:16]


def load(interim: Path, doc_id: str, stage: str, key: str) -> tuple[dict, dict[str, pd.DataFrame]] | None:
    """The stage's cached meta and frames for the document, if they were made with `key`; None when
    missing, made with another key, or unreadable (a truncated or corrupt entry is made again)."""
    try:
        data = (interim / f"{doc_id}.{stage}.arrow").read_bytes()
    except OSError:
        return None
    if (end := data.find(b"\n")) < 0:
        return None
    try:
        meta = json.loads(data[:end])
        if not isinstance(meta, dict) or meta.get("key") != key or end + 1 + sum(s for _, s in meta["frames"]) != len(data):
            return None  # made with another key, or cut short
        frames, start, body = {}, end + 1, memoryview(data)
        for name, size in meta["frames"]:
            frames[name] = pa.ipc.open_stream(pa.py_buffer(body[start:start + size])).read_all().to_pandas()
            start += size
    except (OSError, ValueError, KeyError, TypeError, pa.ArrowException):
        return None
    return meta, frames


def save(interim: Path, doc_id: str, stage: str, key: str, meta: dict, frames: dict) -> None:
    """One file per document and stage, written whole and then renamed (a half-done save is never seen):
    a line of JSON with the meta, the key and each frame's name and size, then each frame (DataFrame or
    pyarrow Table) as an Arrow IPC stream, whose pandas metadata brings its dtypes back exactly."""
    streams = [_arrow_stream(frame) for frame in frames.values()]
    head = json.dumps({**meta, "key": key, "frames": [[n, s.size] for n, s in zip(frames, streams)]}, default=str)  # ASCII: no newline, a name that is not UTF-8 too
    atomic_write_bytes(interim / f"{doc_id}.{stage}.arrow", [head.encode() + b"\n", *streams])


def load_batch(interim: Path, name: str) -> dict[str, dict]:
    """The entries of a batch by document: {doc_id: entry}, each a dict with its "key". An unreadable
    batch is empty and an unreadable line is left out: their documents are read again."""
    try:
        data = (interim / f"{name}.jsonl").read_bytes()
    except OSError:
        return {}
    entries = {}
    for line in data.split(b"\n"):
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and isinstance(entry.get("doc_id"), str) and isinstance(entry.get("key"), str):
            entries[entry["doc_id"]] = entry
    return entries


def save_batch(interim: Path, name: str, entries: dict[str, dict]) -> None:
    """One file for the entries of many documents (meta as in `save`, no frames), a line of JSON each,
    written whole and renamed: making a file per document costs 0.7 ms of system time on ext4 here
    (a tenth of what a news article takes to read), a line in a shared file 0.01 ms."""
    lines = [json.dumps({**entry, "doc_id": doc_id}, default=str).encode() for doc_id, entry in entries.items()]  # ASCII: a line each
    atomic_write_bytes(interim / f"{name}.jsonl", [b"\n".join(lines)])


COMPRESS_FROM = 32 * 1024  # bytes of a frame from which its stream is compressed (zstd, about 3× smaller): a news article's blocks stay plain, compressing them costs more than it saves


def _arrow_stream(frame) -> pa.Buffer:
    table = frame if isinstance(frame, pa.Table) else pa.Table.from_pandas(frame, preserve_index=False)
    sink = pa.BufferOutputStream()
    options = pa.ipc.IpcWriteOptions(compression="zstd" if table.nbytes >= COMPRESS_FROM else None)
    with pa.ipc.new_stream(sink, table.schema, options=options) as writer:
        writer.write_table(table)
    return sink.getvalue()
