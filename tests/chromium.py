"""Debian's Chromium driven by Playwright, offline: what every browser test shares.

No browser is downloaded: Playwright drives ``/usr/bin/chromium`` (installed by
``scripts/install-debian.sh browser``). Pages are served from this machine only, and every
request to another host is refused (:data:`OFF_SITE`).
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
# Flags for a root, headless, network-less machine: no sandbox (root), and no background
# traffic to Google's services, which this machine cannot reach.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Any URL but this machine's own pages and inline data.
OFF_SITE = re.compile(r"^(?!(?:https?://(?:127\.0\.0\.1|localhost)[:/])|data:|blob:|about:)")


@contextmanager
def launched() -> Iterator[object]:
    """A headless Chromium for the duration of the block."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            "Debian's chromium is missing: run `make test` or scripts/install-debian.sh browser"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` served on 127.0.0.1 for the duration of the block; yields its base URL."""

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
