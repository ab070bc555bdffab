"""Running the endpoint: werkzeug's threaded WSGI server on a host and port, until
Ctrl-C or SIGTERM; the query workers are stopped on the way out."""
from __future__ import annotations

import ipaddress
import signal
import socket


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(*, host: str = "127.0.0.1", port: int = 7878, on_ready=None, quiet: bool = False, **app_options) -> None:
    """Serve until interrupted. ``app_options`` are those of :func:`builder.serve.app.make_app`
    (``store=`` or ``graph=``, ``timeout``, ``rows``, ``memory``, ``workers``).
    ``on_ready(url)`` is called once the socket listens (with the port bound, also when
    ``port`` is 0). Raises OSError when the address cannot be bound, QueryError when the
    data cannot be opened."""
    from werkzeug.serving import make_server

    from .app import make_app

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.create_server((host.strip("[]"), port), family=family)  # OSError: address in use
    try:
        app = make_app(**app_options)
    except BaseException:
        sock.close()
        raise
    try:
        server = make_server(host, port, app, threaded=True, fd=sock.fileno())
    except BaseException:
        app.close()
        sock.close()
        raise
    if quiet:
        import logging
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{sock.getsockname()[1]}/sparql"

    def stop(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        if on_ready is not None:
            on_ready(url)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()
        sock.close()
        app.close()


def free_port(host: str = "127.0.0.1") -> int:
    """A port that was free a moment ago (for tests)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.bind((host, 0))
        return s.getsockname()[1]
