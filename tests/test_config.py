"""Configuration layers, the generated secret key and the production check."""

from __future__ import annotations

from pathlib import Path

import pytest

from campus import create_app
from campus.config import ConfigurationError, InsecureConfiguration
from support import campus_config


def test_environment_overrides_instance_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IDLE_TIMEOUT_MINUTES", "12")
    monkeypatch.setenv("DEMO_MODE", "true")
    app = create_app(campus_config(tmp_path))
    assert app.config["IDLE_TIMEOUT_MINUTES"] == 12
    assert app.config["DEMO_MODE"] is True
    assert app.config["PERMANENT_SESSION_LIFETIME"].total_seconds() == 12 * 60


def test_explicit_overrides_win(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAX_UPLOAD_MB", "10")
    app = create_app(campus_config(tmp_path, MAX_UPLOAD_MB=3))
    assert app.config["MAX_CONTENT_LENGTH"] == 3 * 1024 * 1024


def test_database_url_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'other.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    config = campus_config(tmp_path)
    del config["DATABASE_URL"]
    assert create_app(config).config["SQLALCHEMY_DATABASE_URI"] == url


def test_secret_key_is_generated_once_into_the_instance_folder(tmp_path: Path) -> None:
    config = campus_config(tmp_path)
    del config["SECRET_KEY"]
    first = create_app(config)
    key_file = Path(first.instance_path) / "secret_key"
    assert key_file.exists() and oct(key_file.stat().st_mode)[-3:] == "600"
    assert first.config["SECRET_KEY"] == create_app(config).config["SECRET_KEY"]
    assert len(first.config["SECRET_KEY"]) >= 64


def test_production_refuses_an_insecure_configuration(tmp_path: Path) -> None:
    config = campus_config(tmp_path, CAMPUS_ENV="production", DEMO_MODE=True, DEBUG=True, SECRET_KEY="short")
    with pytest.raises(InsecureConfiguration) as error:
        create_app(config)
    message = str(error.value)
    assert "DEMO_MODE" in message and "DEBUG" in message and "SECRET_KEY" in message


def test_production_requires_a_configured_secret_key(tmp_path: Path) -> None:
    config = campus_config(tmp_path, CAMPUS_ENV="production")
    del config["SECRET_KEY"]
    with pytest.raises(InsecureConfiguration, match="SECRET_KEY is not configured"):
        create_app(config)


def test_production_with_a_sound_configuration_starts_with_secure_cookies(tmp_path: Path) -> None:
    app = create_app(
        campus_config(
            tmp_path,
            CAMPUS_ENV="production",
            TESTING=False,
            SECRET_KEY="x" * 48,
            BASE_URL="https://campus.example.org",
        )
    )
    assert app.config["SESSION_COOKIE_SECURE"] is True
    response = app.test_client().get("/login")
    assert "Strict-Transport-Security" in response.headers


@pytest.mark.parametrize("spelling", ["prod", "Production", "staging", ""])
def test_an_unknown_campus_env_is_refused(tmp_path: Path, spelling: str) -> None:
    with pytest.raises(ConfigurationError, match="CAMPUS_ENV"):
        create_app(campus_config(tmp_path, CAMPUS_ENV=spelling))


def test_an_unknown_campus_env_from_the_environment_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAMPUS_ENV", "prod")
    with pytest.raises(ConfigurationError, match="'prod'"):
        create_app(campus_config(tmp_path))


def sound_production(tmp_path: Path, **extra: object) -> dict[str, object]:
    return campus_config(tmp_path, CAMPUS_ENV="production", TESTING=False, SECRET_KEY="x" * 48, **extra)


def test_production_with_several_workers_refuses_in_memory_rate_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    with pytest.raises(InsecureConfiguration, match="REDIS_URL is not set, but 4 workers"):
        create_app(sound_production(tmp_path))


def test_production_with_one_worker_may_count_in_memory(tmp_path: Path) -> None:
    assert (
        create_app(sound_production(tmp_path, WEB_CONCURRENCY=1)).config["RATELIMIT_STORAGE_URI"]
        == "memory://"
    )


def test_production_with_several_workers_and_redis_starts(tmp_path: Path) -> None:
    config = sound_production(tmp_path, WEB_CONCURRENCY=4, RATELIMIT_STORAGE_URI="redis://localhost:6379/0")
    assert create_app(config).config["WEB_CONCURRENCY"] == 4
