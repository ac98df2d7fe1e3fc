"""The embedded broker manager against the real Tansu binary."""

from __future__ import annotations

import socket

import pytest
from service.stream.broker import BrokerUnavailable, EmbeddedBroker, free_port, port_answers

pytestmark = pytest.mark.integration


def test_starts_on_a_free_port_and_stops_for_good(tansu: str) -> None:
    broker = EmbeddedBroker(binary=tansu)
    address = broker.start()
    host, port = address.rsplit(":", 1)
    answered = port_answers(host, int(port))
    broker.stop()
    assert (answered, broker.running, port_answers(host, int(port))) == (True, False, False)


def test_port_is_reusable_after_stop(tansu: str) -> None:
    port = free_port()
    for _ in range(2):
        with EmbeddedBroker(port, binary=tansu) as broker:
            assert broker.address == f"127.0.0.1:{port}"


def test_taken_port_is_reported_not_hung_on(tansu: str) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        with pytest.raises(BrokerUnavailable):
            EmbeddedBroker(port, binary=tansu).start(timeout=5)
