"""The migrations build exactly the schema the models describe, and undo it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from campus.courses.search import index
from campus.extensions import db


def drop_everything() -> None:
    """Every table, including the search index's (derived data outside the models, which saves and the
    demo create; on a shared PostgreSQL a test elsewhere may have left it behind)."""
    db.drop_all()
    index.drop_index()
    db.session.commit()
    with db.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


@pytest.fixture
def empty_database(app: Flask) -> Iterator[None]:
    """No tables at all, not even Alembic's version table; the models' tables again afterwards."""
    drop_everything()
    yield
    drop_everything()
    db.create_all()


def test_migrations_match_the_models(empty_database: None) -> None:
    upgrade()
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_migrations_downgrade_to_empty(empty_database: None) -> None:
    upgrade()
    downgrade(revision="base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
