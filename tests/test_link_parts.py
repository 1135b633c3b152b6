"""Linking in parts of whole blocks, in one process or over a pool, gives the links of the whole frame."""
import sys
from pathlib import Path

import pandas as pd

from normalize import links

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import bench_links  # noqa: E402


def test_parts_in_a_pool_link_as_the_whole_frame(monkeypatch):
    measures = bench_links.synthetic(3000)
    whole = links.link_measures(measures)
    monkeypatch.setattr(links, "PART_ROWS", 100)
    assert len(list(links._parts(links._prepared(measures), links.PART_ROWS))) > 10
    pd.testing.assert_frame_equal(links.link_measures(measures, jobs=2), whole)
    pd.testing.assert_frame_equal(links.link_measures(measures.sample(frac=1, random_state=2)), whole)
    assert len(whole) > 1000 and whole["group_id"].nunique() > 100


def test_a_frame_of_one_part_is_shared_by_forked_processes(monkeypatch):
    measures = bench_links.synthetic(3000)
    whole = links.link_measures(measures)
    pools = []

    def in_pool(parts, s, jobs, start):
        parts = list(parts)
        pools.append((len(parts), start))
        return pool(parts, s, jobs, start)

    pool = links._in_pool
    monkeypatch.setattr(links, "_in_pool", in_pool)
    monkeypatch.setattr(links, "SHARED_ROWS", 1000)
    pd.testing.assert_frame_equal(links.link_measures(measures, jobs=2), whole)
    assert len(pools) == 1 and pools[0][1] == "fork" and pools[0][0] >= 2  # about two parts per process
