"""Browser tests: Debian's Chromium driven by Playwright against a live Campus server with demo data."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask import Flask
from playwright.sync_api import Page
from werkzeug.serving import make_server

from campus import create_app
from campus.demo import DEMO_PASSWORD, seed
from campus.extensions import db
from support import campus_config

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / ".cache/axe/node_modules/axe-core/axe.min.js"
REPO_MODULES = ROOT / "modules"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium, never a downloaded browser; flags keep it off the (closed) network."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """A German browser, as most of our users have."""
    return {**browser_context_args, "locale": "de-DE", "viewport": {"width": 1280, "height": 900}}


class LiveServer:
    """A Campus server on a free local port, in a thread of the test process."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> LiveServer:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._server.shutdown()
        self._thread.join(timeout=5)


@pytest.fixture
def live_server_config() -> dict[str, object]:
    """Settings a test module adds to the live server's; a module overrides this fixture to change them."""
    return {}


@pytest.fixture
def live_server(tmp_path: Path, live_server_config: dict[str, object]) -> Iterator[LiveServer]:
    """A running server with a fresh database holding the demo data, and its own copy of the modules."""
    modules = tmp_path / "modules"
    shutil.copytree(REPO_MODULES, modules)
    # Edits made on disk by hand would wait an hour: every page must show a save through Campus at once.
    settings = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'live.db'}", "DEMO_MODE": True, "MODULES_DIR": modules,
        "MODULES_RELOAD_INTERVAL": 3600,
    }  # fmt: skip
    config = campus_config(tmp_path, **(settings | live_server_config))
    app = create_app(config)
    with app.app_context():
        db.create_all()
        seed()
        db.session.commit()
    with LiveServer(app) as server:
        app.config["BASE_URL"] = server.url  # links in mails lead to this server
        yield server
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def requested_hosts(page: Page) -> list[str]:
    """Every host the page asked for something (resources, navigations, fetches)."""
    hosts: list[str] = []
    page.on(
        "request", lambda request: hosts.append(urlsplit(request.url).netloc or urlsplit(request.url).scheme)
    )
    return hosts


@pytest.fixture(autouse=True)
def _only_this_server(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail any browser test whose pages contacted a host other than the live server (no CDN, no fonts)."""
    if "page" not in request.fixturenames or "live_server" not in request.fixturenames:
        yield
        return
    hosts = request.getfixturevalue("requested_hosts")
    server = request.getfixturevalue("live_server")
    yield
    foreign = {host for host in hosts if host not in {urlsplit(server.url).netloc, "data", "blob", "about"}}
    assert not foreign, f"requests to other hosts: {foreign}"


def serious_accessibility_violations(page: Page) -> list[str]:
    """Run axe-core (WCAG 2.1 A and AA rules) on the page; the serious and critical violations found."""
    assert AXE_SCRIPT.exists(), f"{AXE_SCRIPT} is missing: run `make test`, which installs axe-core"
    # page.evaluate runs through the DevTools protocol, which the page's CSP does not restrict.
    page.evaluate(AXE_SCRIPT.read_text() + "\n;0")
    results = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def login(page: Page, server: LiveServer, email: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the form, as a person would."""
    page.goto(f"{server.url}/login")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()
