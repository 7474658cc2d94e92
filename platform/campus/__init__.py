"""Campus: the teaching platform of the master's programme "Digitalisierung in der Sozialen Arbeit"."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from flask import Flask

from campus import (
    accounts,
    admin,
    clock,
    config,
    courses,
    dashboard,
    database,
    demo,
    errors,
    i18n,
    jobs,
    mail,
    navigation,
    security,
    storage,
)
from campus.extensions import csrf, limiter

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    """Build the Campus application; ``overrides`` win over every other configuration layer."""
    app = Flask(
        __name__,
        template_folder=PROJECT_ROOT / "templates",
        static_folder=PROJECT_ROOT / "static",
        instance_path=str(PROJECT_ROOT / "instance"),
        instance_relative_config=True,
    )
    configure(app, overrides)
    demo.prepare_modules(app)  # before the course catalogue reads MODULES_DIR
    register_extensions(app)
    register_core(app)
    register_features(app)
    demo.refuse_demo_passwords(app)
    return app


def configure(app: Flask, overrides: dict[str, Any] | None) -> None:
    """Load the configuration and refuse an insecure production set-up."""
    config.load(app, overrides)
    config.check_production(app)
    app.jinja_env.add_extension("jinja2.ext.do")


def register_extensions(app: Flask) -> None:
    """Bind the database, the clock, CSRF protection, rate limiting, translations, jobs, mail and file storage."""
    database.init_app(app)
    clock.init_app(app)  # before translations: Flask-Babel reads the zone it sets
    csrf.init_app(app)
    limiter.init_app(app)
    i18n.init_app(app)
    jobs.init_app(app)
    mail.init_app(app)
    storage.init_app(app)


def register_core(app: Flask) -> None:
    """The platform's own parts: accounts, dashboard, administration, course modules, errors, headers, demo."""
    navigation.init_app(app)
    accounts.init_app(app)
    courses.init_app(app)
    dashboard.init_app(app)
    admin.init_app(app)
    errors.init_app(app)
    security.init_app(app)
    demo.init_app(app)


def register_features(app: Flask) -> None:
    """Plug in the feature packages named in ``FEATURES``, each through its ``init_app``.

    The core never imports a feature: features are named in configuration, as Flask extensions are.
    """
    for name in app.config["FEATURES"]:
        importlib.import_module(name).init_app(app)
