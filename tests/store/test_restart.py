"""The app follows the store (issue 14 #2): a restarted embedded server keeps its port when it can, and a gateway
opened before the restart reconnects when the port had to change."""

from __future__ import annotations

import socket

from workbench.settings import Settings
from workbench.store import embedded
from workbench.store.connect import open_gateway
from workbench.store.gateway import Status


def test_restart_keeps_the_port_and_the_gateway_follows_a_new_one(isolated_home: Settings) -> None:
    first = embedded.start(isolated_home)
    gateway = open_gateway(isolated_home)
    try:
        assert gateway.read("RETURN 1 AS one").status is Status.COMPLETE
        embedded.stop(isolated_home)  # a clean stop removes server.json
        again = embedded.start(isolated_home)
        assert (again.bolt_port, again.http_port) == (first.bolt_port, first.http_port)
        assert gateway.read("RETURN 1 AS one").data() == [{"one": 1}]

        embedded.stop(isolated_home)
        with socket.socket() as squatter:  # someone else took the port meanwhile
            squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            squatter.bind((first.host, first.bolt_port))
            squatter.listen()
            moved = embedded.start(isolated_home)
            assert moved.bolt_port != first.bolt_port
            result = gateway.read("RETURN 1 AS one")
        assert result.status is Status.COMPLETE, result.error
        assert gateway.connection.uri == moved.uri
    finally:
        gateway.close()
