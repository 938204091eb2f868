"""No pace of sending escapes a network operation's total budget (issue #27, item 15): the
index gets ``budget_factor`` × the timeout, a package the timeout plus its declared size at the
minimum rate; a server sending fast for ever is cut off at the budget, not at the size cap."""

from __future__ import annotations

import time

import pytest
from conftest_argos import ArgosEnv, argos_env  # noqa: F401 (fixtures)
from hostile_servers import endless, hostile  # noqa: F401

from bilingual.packages import Limits
from bilingual.packages.deadline import Deadline
from bilingual.packages.network import FetchError, download, fetch_bytes, index_kind, package_kind


def test_the_rate_rule_never_runs_past_the_budget() -> None:
    deadline = Deadline(1.0, min_rate=100.0, budget_s=3.0)
    deadline.received(10**9)  # ten million seconds' worth at the minimum rate
    assert 2.0 < deadline.remaining() <= 3.0


@pytest.mark.parametrize(("size", "budget"), [(500, 6.0), (None, 4.0), (0, 1.0)])
def test_a_package_budget_follows_its_declared_size(size, budget) -> None:
    deadline = Deadline(1.0, min_rate=100.0, budget_s=1.0)
    deadline.declare(size, undeclared_s=4.0)
    deadline.received(10**9)
    assert budget - 1.0 < deadline.remaining() <= budget or budget == 1.0 and 0.0 < deadline.remaining() <= 1.0


def test_the_budget_never_shrinks() -> None:
    deadline = Deadline(1.0, min_rate=100.0, budget_s=1.0)
    deadline.declare(10_000, undeclared_s=4.0)
    deadline.declare(None, undeclared_s=4.0)
    assert deadline.budget_s == 101.0


HUGE = Limits(timeout_s=1.0, retries=0, max_index_bytes=2**40, max_package_bytes=2**40)


def test_a_fast_endless_index_stops_at_its_budget(hostile) -> None:  # noqa: ANN001
    server = hostile({"index.json": endless("application/json")})
    began = time.monotonic()
    with pytest.raises(FetchError, match="no complete answer within 1 s"):
        fetch_bytes(server.url("index.json"), HUGE, index_kind(HUGE))
    assert time.monotonic() - began < HUGE.undeclared_budget_s + 5.0  # well before the server's own lifetime


def test_a_fast_endless_package_without_a_size_stops_at_its_budget(argos_env: ArgosEnv, hostile) -> None:  # noqa: ANN001, F811
    server = hostile({"p": endless()})
    began = time.monotonic()
    with pytest.raises(FetchError, match="no complete answer within 1 s"):
        download([server.url("p")], argos_env.root, HUGE, package_kind(HUGE))
    assert time.monotonic() - began < HUGE.undeclared_budget_s + 5.0
    assert [p.name for p in argos_env.root.iterdir()] == []
