"""Configuration: defaults < instance/config.py < environment variables < explicit overrides.

The production check lives here too, so an insecure deployment refuses to start and says why.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask

# Settings a deployment may set from the environment; the value is parsed by the given function.
ENVIRONMENT_SETTINGS: dict[str, Any] = {
    "SECRET_KEY": str,
    "DATABASE_URL": str,
    "REDIS_URL": str,
    "MAIL_SERVER": str,
    "MAIL_PORT": int,
    "MAIL_DEFAULT_SENDER": str,
    "MAIL_USERNAME": str,
    "MAIL_PASSWORD": str,
    "MAIL_USE_TLS": lambda value: value.lower() in {"1", "true", "yes", "on"},
    "MAIL_USE_SSL": lambda value: value.lower() in {"1", "true", "yes", "on"},
    "BASE_URL": str,
    "JOBS_BROKER_URL": str,
    "MAIL_OUTBOX": Path,
    "JOBS_WORKERS": int,
    "TIMEZONE": str,
    "MODULES_DIR": Path,
    "UPLOADS_DIR": Path,
    "CAMPUS_ENV": str,
    "DEMO_MODE": lambda value: value.lower() in {"1", "true", "yes", "on"},
    "IDLE_TIMEOUT_MINUTES": int,
    "SESSION_MAX_HOURS": int,
    "MAX_UPLOAD_MB": int,
    "TRUSTED_PROXIES": int,
    "SUPPORT_CONTACT": str,
    # Gunicorn's own setting for the number of workers (its default for --workers); see production_problems.
    "WEB_CONCURRENCY": int,
}
ENVIRONMENTS = ("development", "production")


class ConfigurationError(RuntimeError):
    """Raised when a setting has a value Campus cannot work with; the message says which and why."""


class InsecureConfiguration(ConfigurationError):
    """Raised in production mode when a setting would put student data at risk."""


def defaults(project_root: Path, instance_path: Path) -> dict[str, Any]:
    """The settings Campus runs with when nothing else is configured."""
    return {
        "CAMPUS_ENV": "development",
        "DEMO_MODE": False,
        "DATABASE_URL": f"sqlite:///{instance_path / 'campus.db'}",
        "REDIS_URL": None,
        "MAIL_SERVER": None,
        "MAIL_PORT": 25,
        "MAIL_DEFAULT_SENDER": "campus@localhost",
        "MAIL_USERNAME": None,
        "MAIL_PASSWORD": None,
        "MAIL_USE_TLS": False,  # STARTTLS on MAIL_PORT (587); MAIL_USE_SSL for implicit TLS (465)
        "MAIL_USE_SSL": False,
        "MAIL_TIMEOUT": 30,
        "MAIL_OUTBOX": instance_path / "outbox",
        # Links in mails are built from this, never from a request's Host header.
        "BASE_URL": "http://127.0.0.1:5000",
        "JOBS_BROKER_URL": None,  # unset: REDIS_URL if set, else instance/jobs.db (SQLite)
        "JOBS_IMMEDIATE": False,  # tests: run jobs in-process at commit, no consumer
        "JOBS_WORKERS": 2,
        "TIMEZONE": "Europe/Berlin",
        "MODULES_DIR": project_root / "modules",
        # Demo mode works on a copy of the shipped modules (the demo rolls them forward); see `campus.demo`.
        "DEMO_MODULES_DIR": instance_path / "demo-modules",
        "UPLOADS_DIR": instance_path / "uploads",
        "FEATURES": ["assignments.submissions", "assignments.defences", "assignments.review"],
        "IDLE_TIMEOUT_MINUTES": 30,
        "SESSION_MAX_HOURS": 12,
        "MAX_UPLOAD_MB": 50,
        "TRUSTED_PROXIES": 0,
        "SUPPORT_CONTACT": None,
        "WEB_CONCURRENCY": 1,
        # Failed attempts only (accounts.throttle): per address, per account and address, per account.
        "LOGIN_RATE_LIMIT": "10 per minute",
        "LOGIN_ACCOUNT_ADDRESS_RATE_LIMIT": "5 per minute",
        "LOGIN_ACCOUNT_RATE_LIMIT": "30 per hour",
        "PASSWORD_CHANGE_RATE_LIMIT": "5 per 15 minutes",
        "PASSWORD_RESET_RATE_LIMIT": "5 per hour",  # per client address and per e-mail address
        "INVITATION_DAYS": 14,
        "LANGUAGES": ["de", "en"],
        "BABEL_DEFAULT_LOCALE": "de",
        "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).parent / "translations"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": False,
        "SESSION_COOKIE_NAME": "campus_session",
        # The idle timeout refreshes the cookie once a minute (accounts.access); not on every response.
        "SESSION_REFRESH_EACH_REQUEST": False,
        "REMEMBER_COOKIE_DURATION": timedelta(seconds=0),
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session, which the idle timeout ends
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        # argon2id; RFC 9106's second recommended option scaled to a teaching server (about 0.1 s a hash).
        "PASSWORD_HASH": {"time_cost": 3, "memory_cost": 65536, "parallelism": 2},
    }


def load(app: Flask, overrides: dict[str, Any] | None) -> None:
    """Fill ``app.config`` from every layer, then derive the settings that depend on others."""
    project_root = Path(app.root_path).resolve().parents[1]
    app.config.update(defaults(project_root, Path(app.instance_path)))
    app.config.from_pyfile("config.py", silent=True)
    for name, parse in ENVIRONMENT_SETTINGS.items():
        if name in os.environ:
            app.config[name] = parse(os.environ[name])
    app.config.update(overrides or {})
    _derive(app)
    _demo_modules(app.config, project_root / "modules")


def _demo_modules(config: Any, shipped: Path) -> None:
    """In demo mode, the shipped modules are served from a copy: the demo seed rewrites their dates,
    and the repository's modules/ must stay as it is. A MODULES_DIR set on purpose is used as it is."""
    if config.get("DEMO_MODE") and config["MODULES_DIR"].resolve() == shipped.resolve():
        config["DEMO_MODULES_SOURCE"] = config["MODULES_DIR"]
        config["MODULES_DIR"] = Path(config["DEMO_MODULES_DIR"])


def _derive(app: Flask) -> None:
    config = app.config
    if config["CAMPUS_ENV"] not in ENVIRONMENTS:
        # A misspelt "prod" must not silently run as development, with insecure cookies and demo mode.
        raise ConfigurationError(
            f"CAMPUS_ENV is {config['CAMPUS_ENV']!r}; it must be one of: {', '.join(ENVIRONMENTS)}."
        )
    if int(config["TRUSTED_PROXIES"]) < 0:
        raise ConfigurationError("TRUSTED_PROXIES must be 0 (no proxy) or the number of proxies in front.")
    production = config["CAMPUS_ENV"] == "production"
    config.setdefault("SQLALCHEMY_DATABASE_URI", config["DATABASE_URL"])
    config["MODULES_DIR"] = Path(config["MODULES_DIR"])
    config["MAX_CONTENT_LENGTH"] = config["MAX_UPLOAD_MB"] * 1024 * 1024
    config["PERMANENT_SESSION_LIFETIME"] = timedelta(minutes=config["IDLE_TIMEOUT_MINUTES"])
    config.setdefault("RATELIMIT_STORAGE_URI", config["REDIS_URL"] or "memory://")
    if production:
        config["SESSION_COOKIE_SECURE"] = True
        config["REMEMBER_COOKIE_SECURE"] = True
    config["SECRET_KEY_GENERATED"] = not config.get("SECRET_KEY")
    if config["SECRET_KEY_GENERATED"]:
        config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))


def _instance_secret(instance_path: Path) -> str:
    """Read the generated secret key, creating it once: never a key written in the source."""
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return key_file.read_text().strip()


def production_problems(config: dict[str, Any]) -> list[str]:
    """Why this configuration is unsafe for production; empty when it is fine."""
    problems = []
    if config.get("DEBUG"):
        problems.append("DEBUG is on: the debugger would let any visitor run code.")
    if config.get("DEMO_MODE"):
        problems.append(
            "DEMO_MODE is on: demo accounts with published passwords must not exist in production."
        )
    if len(str(config.get("SECRET_KEY") or "")) < 32:
        problems.append("SECRET_KEY is shorter than 32 characters.")
    if not config.get("SESSION_COOKIE_SECURE"):
        problems.append("SESSION_COOKIE_SECURE is off: session cookies would travel unencrypted.")
    if not str(config.get("BASE_URL") or "").startswith("https://"):
        problems.append("BASE_URL is not an https:// address: links in mails must reach the site securely.")
    if config.get("SECRET_KEY_GENERATED"):
        problems.append(
            "SECRET_KEY is not configured: a key generated per machine breaks sessions behind a "
            "load balancer; set the same SECRET_KEY on every host."
        )
    workers = int(config.get("WEB_CONCURRENCY") or 1)
    if workers > 1 and str(config.get("RATELIMIT_STORAGE_URI", "")).startswith("memory://"):
        problems.append(
            f"REDIS_URL is not set, but {workers} workers serve Campus (WEB_CONCURRENCY): each would count "
            "sign-in attempts on its own, so the limits would allow several times the attempts. Set REDIS_URL."
        )
    return problems


def check_production(app: Flask) -> None:
    """Refuse to start in production mode with an insecure configuration."""
    if app.config["CAMPUS_ENV"] != "production":
        return
    problems = production_problems(app.config)
    if problems:
        raise InsecureConfiguration("Campus refuses to start in production:\n- " + "\n- ".join(problems))
