"""Per-document intermediate files keyed on content and code version, so re-runs redo only what changed."""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from pipeline.io import atomic_write

ROOT = Path(__file__).resolve().parent.parent


@lru_cache
def code_version(*packages: str) -> str:
    """Hash of the source, vocabulary and model files of `packages`: changing any invalidates their outputs."""
    h = hashlib.sha256()
    for pkg in packages:
        for p in sorted((ROOT / pkg).rglob("*")):
            source = p.suffix in (".py", ".csv", ".txt", ".json") or "model" in p.parts  # the trained classifier
            if source and p.is_file() and "__pycache__" not in p.parts:
                h.update(p.relative_to(ROOT).as_posix().encode())
                h.update(p.read_bytes())
    return h.hexdigest()[:16]


def key_of(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:16]


def load(interim: Path, doc_id: str, stage: str, key: str) -> tuple[dict, dict[str, pd.DataFrame]] | None:
    """The stage's cached meta and frames for the document, if they were made with `key`; None when
    missing, made with another key, or unreadable (a truncated or corrupt entry is made again)."""
    meta_path = interim / f"{doc_id}.{stage}.json"
    if not meta_path.exists():
        return None
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if not isinstance(meta, dict) or meta.get("key") != key:
            return None
        frames = {name: pd.read_parquet(interim / f"{doc_id}.{name}.parquet") for name in meta["frames"]}
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return meta, frames


def save(interim: Path, doc_id: str, stage: str, key: str, meta: dict, frames: dict) -> None:
    """Write frames (DataFrame or pyarrow Table) first and the meta with its key last,
    so a half-done save is never taken as done."""
    for name, frame in frames.items():
        atomic_write(interim / f"{doc_id}.{name}.parquet", lambda tmp, f=frame: _to_parquet(f, tmp))
    body = json.dumps({**meta, "key": key, "frames": sorted(frames)}, indent=1, default=str)  # ASCII: a name that is not UTF-8 too
    atomic_write(interim / f"{doc_id}.{stage}.json", lambda tmp: tmp.write_text(body, encoding="utf-8"))


def _to_parquet(frame, path: Path) -> None:
    if isinstance(frame, pd.DataFrame):
        frame.to_parquet(path, index=False)
    else:
        pq.write_table(frame, path)
