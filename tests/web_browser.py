"""Debian's Chromium for the browser tests, driven by Playwright over the DevTools protocol (no
browser is downloaded), with every request outside loopback refused and recorded."""

import os
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_chromium() -> None:
    """Skip without Debian's chromium; under CI=true its absence is a failure."""
    if Path(CHROMIUM).is_file():
        return
    if os.environ.get("CI") == "true":
        raise RuntimeError(f"CI=true but {CHROMIUM} is missing (apt-get install chromium)")
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); CI runs this test")


@contextmanager
def chromium_context(profile: Path, outside: list[str], width: int = 1400, height: int = 900):
    """A persistent Chromium context that lets only loopback and data: URLs through."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            args=ARGS,
            headless=True,
            viewport={"width": width, "height": height},
            accept_downloads=True,
        )

        def loopback_only(route):
            if urlsplit(route.request.url).hostname == "127.0.0.1" or route.request.url.startswith("data:"):
                return route.continue_()
            outside.append(route.request.url)
            return route.abort()

        context.route("**/*", loopback_only)
        try:
            yield context
        finally:
            context.close()
