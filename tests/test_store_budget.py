"""The writer's memory budget: a commit takes as many articles as keep the writing
process's resident memory under it (builder.store.budget), learnt from the commits made."""
from __future__ import annotations

import pytest
from corpus_util import assert_merged_view, store_graphs
from test_store import articles

from builder.store import Store, budget
from builder.store.budget import MIB, CommitBudget


def test_a_commit_may_grow_until_the_budget(monkeypatch):
    monkeypatch.setattr(budget, "resident", lambda: 100 * MIB)
    b = CommitBudget(200 * MIB)
    b.per_byte = 4.0
    assert b.allows(20 * MIB)  # 100 + 4 × 20 < 200
    assert not b.allows(30 * MIB)  # 100 + 4 × 30 > 200
    assert CommitBudget(None).allows(1 << 40)


def test_where_memory_cannot_be_read_a_commit_is_not_held_back(monkeypatch):
    monkeypatch.setattr(budget, "resident", lambda: None)
    assert CommitBudget(MIB).allows(1 << 40)


@pytest.mark.skipif(budget.resident() is None or not budget.reset_peak(),
                    reason="no /proc/self/clear_refs here: the cost of a commit cannot be measured")
def test_the_cost_of_a_commit_is_learnt_from_its_peak():
    b = CommitBudget(1 << 40)

    def commit(size: int, taking: int) -> float:  # a "commit" of ``size`` that takes ``taking`` at its peak
        with b.learn(size):
            held = b"x" * taking
            del held
        return b.per_byte

    for _ in range(CommitBudget.GUESSED - 1):  # cheap ones: the first guess stands a while
        assert commit(64 * MIB, 64 * MIB) == CommitBudget.FIRST_GUESS
    assert 0.9 <= commit(64 * MIB, 64 * MIB) <= 1.5  # then the highest cost measured
    assert 7.0 <= commit(16 * MIB, 128 * MIB) <= 9.0  # a costlier one
    assert commit(MIB, 64 * MIB) == b.per_byte  # a small commit teaches nothing
    assert 7.0 <= b.per_byte <= 9.0


def _measured(monkeypatch, costs: list[float], limit: int = 1 << 40) -> CommitBudget:
    """A budget that has measured commits of these costs per byte (memory as /proc would
    give it, made up)."""
    now = {"resident": 100 * MIB, "peak": 0}
    monkeypatch.setattr(budget, "reset_peak", lambda: True)
    monkeypatch.setattr(budget, "resident", lambda: now["resident"])
    monkeypatch.setattr(budget, "peak", lambda: now["peak"])
    b = CommitBudget(limit)
    size = 32 * MIB
    for cost in costs:
        with b.learn(size):
            now["peak"] = now["resident"] + int(cost * size)
    return b


def test_the_estimate_keeps_room_for_the_spread_of_the_later_costs(monkeypatch):
    first = [4.5, 4.4, 4.6, 4.5]  # the first GUESSED commits: the guess, then their highest
    assert CommitBudget.GUESSED == len(first)
    assert _measured(monkeypatch, first).per_byte == pytest.approx(4.6, abs=1e-6)
    # later costs that hardly spread: the highest measured stays the estimate
    assert _measured(monkeypatch, first + [4.0, 4.1, 4.0, 4.1]).per_byte == pytest.approx(4.6, abs=1e-6)
    # later costs that spread: their mean plus SPREAD standard deviations, above the highest
    later = [4.0, 3.4, 4.3, 3.6, 4.2, 4.1]
    mean = sum(later) / len(later)
    sd = (sum((x - mean) ** 2 for x in later) / (len(later) - 1)) ** 0.5
    b = _measured(monkeypatch, first + later)
    assert b.per_byte == pytest.approx(mean + CommitBudget.SPREAD * sd, rel=1e-6)
    assert b.per_byte > 4.6


def test_the_first_commits_set_the_ceiling(monkeypatch):
    first = [4.5, 4.4, 4.6, 4.5]  # commits of 32 MiB from 100 MiB resident: peaks 241-247 MiB
    b = _measured(monkeypatch, first[:-1])
    assert b.ceiling == 1 << 40  # the limit, until GUESSED commits are measured
    b = _measured(monkeypatch, first)
    assert b.ceiling == 100 * MIB + int(4.6 * 32 * MIB)  # the highest of their peaks
    assert _measured(monkeypatch, first + [5.0, 3.0]).ceiling == b.ceiling  # later ones leave it
    b.per_byte = 4.0  # resident 100 MiB: a commit of 36 MiB would reach 244 MiB, of 37 248
    assert b.allows(36 * MIB) and not b.allows(37 * MIB)
    assert _measured(monkeypatch, first, limit=200 * MIB).ceiling == 200 * MIB  # never above the limit
    assert CommitBudget(None).ceiling is None


def test_a_store_over_its_budget_commits_smaller_batches(tmp_path, monkeypatch):
    """With a budget it is over already, the writer commits every MIN_COMMIT articles;
    without one, every commit_every; the store holds every article either way."""
    monkeypatch.setattr(Store, "MIN_COMMIT", 2)
    arts = articles(6)
    with Store(tmp_path / "tight", memory_mib=1) as store:
        store.add(arts, reconcile=False)
        tight = store._commits
    with Store(tmp_path / "free", memory_mib=0) as store:
        store.add(arts, reconcile=False)
        free = store._commits
    assert (tight, free) == (3, 1)
    for name in ("tight", "free"):
        with Store(tmp_path / name, read_only=True) as store:
            assert sorted(aid for aid, _ in store.articles()) == sorted(a.id for a in arts)
        assert_merged_view(store_graphs(tmp_path / name))


def test_the_cli_takes_a_writer_memory(tmp_path, run_cli):
    from corpus_util import case_articles, write_jsonl
    src = tmp_path / "in.jsonl"
    write_jsonl(src, case_articles(3))
    result = run_cli("build", src, "--store", tmp_path / "s", "--workers", 1, "--writer-memory", 1, "--no-reconcile")
    assert result.exit_code == 0, result.output
    assert "3 built" in result.output
    with Store(tmp_path / "s", read_only=True) as store:
        assert len(list(store.articles())) == 3
    assert run_cli("build", src, "--store", tmp_path / "t", "--writer-memory", -1).exit_code == 2
