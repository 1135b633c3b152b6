"""Orchestration: raw/ → data/ through extract and normalize, with per-document caching."""
