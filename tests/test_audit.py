"""The audit log joins the unit of work: an entry is stored with its change, or not at all."""

from __future__ import annotations

import pytest
from flask import Flask

from campus.accounts.models import Role, User
from campus.audit import AuditEvent, audit
from campus.extensions import db


def test_a_view_failing_after_an_audit_entry_leaves_neither_change_nor_entry(app: Flask, make_user) -> None:
    user = make_user(Role.STUDENT, name="Lena Schmidt")

    def rename_then_fail() -> str:
        person = db.session.get(User, user.id)
        assert person is not None
        person.name = "Changed Name"
        audit(None, "user.update", person, {"name": "Changed Name"})
        raise RuntimeError("the view breaks after logging")

    app.add_url_rule("/rename-then-fail", view_func=rename_then_fail)
    with pytest.raises(RuntimeError):
        app.test_client().get("/rename-then-fail")
    db.session.expire_all()
    assert db.session.get(User, user.id).name == "Lena Schmidt"  # type: ignore[union-attr]
    assert db.session.scalar(db.select(db.func.count()).select_from(AuditEvent)) == 0


def test_an_entry_is_stored_when_the_unit_of_work_commits(app: Flask, make_user) -> None:
    user = make_user(Role.STUDENT)
    entry = audit(user, "report.view", ("report", 3))
    assert entry.id is not None  # flushed: the id exists before the commit
    db.session.commit()
    db.session.expire_all()
    stored = db.session.get(AuditEvent, entry.id)
    assert stored is not None and stored.action == "report.view" and stored.object_id == "3"
