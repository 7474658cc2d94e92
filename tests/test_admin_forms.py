"""Administration forms: saving one unchanged changes nothing, and every change is audited old → new."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from campus.accounts.models import Role, User
from campus.accounts.service import set_active
from campus.audit import AuditEvent
from campus.extensions import db
from support import Auth, forms_on, post_form, submit_as_shown

ACCOUNT_TABLES = ("user", "user_role", "cohort")


def account_rows() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the account tables, so a test sees any change, whichever column it touched."""
    tables = [db.metadata.tables[name] for name in ACCOUNT_TABLES]
    return {
        table.name: [tuple(row) for row in db.session.execute(select(table).order_by(*table.primary_key))]
        for table in tables
    }


@pytest.fixture
def people(make_user, make_cohort) -> dict[str, User]:
    """One account of every shape the form shows differently."""
    cohort = make_cohort("MA DiSA 2025")
    inactive = make_user(Role.STUDENT, name="Ina Inaktiv", cohort=cohort)
    set_active(inactive, False)
    db.session.commit()
    return {
        "student with cohort": make_user(Role.STUDENT, name="Lena Schmidt", cohort=cohort),
        "student without cohort": make_user(Role.STUDENT, name="Kim Ohne", cohort=None),
        "lecturer and examiner": make_user(Role.LECTURER, Role.EXAMINER, name="Miriam Albers"),
        "deactivated student": inactive,
    }


@pytest.mark.parametrize(
    "who", ["student with cohort", "student without cohort", "lecturer and examiner", "deactivated student"]
)
def test_saving_an_account_unchanged_changes_nothing(
    client: FlaskClient, auth: Auth, make_user, people: dict[str, User], who: str
) -> None:
    auth.login_as(make_user(Role.ADMIN))
    person = people[who]
    before = account_rows()
    response = submit_as_shown(client, f"/admin/users/{person.id}")
    assert response.status_code == 302, response.get_data(as_text=True)
    assert account_rows() == before
    assert db.session.query(AuditEvent).filter_by(action="user.update").count() == 0
    assert "Es wurde nichts geändert." in client.get("/admin/users").get_data(as_text=True)


def test_an_administrator_saving_their_own_account_unchanged_changes_nothing(
    client: FlaskClient, auth: Auth, make_user
) -> None:
    admin = auth.login_as(make_user(Role.ADMIN, Role.LECTURER))
    before = account_rows()
    assert submit_as_shown(client, f"/admin/users/{admin.id}").status_code == 302
    assert account_rows() == before


def test_the_form_shows_the_current_cohort(client: FlaskClient, auth: Auth, make_user, people) -> None:
    auth.login_as(make_user(Role.ADMIN))
    person = people["student with cohort"]
    form = forms_on(client.get(f"/admin/users/{person.id}").get_data(as_text=True))
    fields = dict(next(f for f in form if f["method"] == "post" and f["action"] is None)["fields"])
    assert fields["cohort_id"] == str(person.cohort_id)


def test_a_change_is_audited_with_old_and_new_values(
    client: FlaskClient, auth: Auth, make_user, people: dict[str, User]
) -> None:
    auth.login_as(make_user(Role.ADMIN))
    person = people["student with cohort"]
    response = post_form(
        client,
        f"/admin/users/{person.id}",
        {
            "name": "Lena Schmitt",
            "email": person.email,
            "matriculation_number": person.matriculation_number,
            "roles": ["student"],
            "cohort_id": "0",
        },
    )
    assert response.status_code == 302
    event = db.session.query(AuditEvent).filter_by(action="user.update").one()
    assert event.details == {
        "changes": {"name": ["Lena Schmidt", "Lena Schmitt"], "cohort": ["MA DiSA 2025", None]}
    }
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "Lena Schmidt → Lena Schmitt" in page
    assert "MA DiSA 2025 → (keine)" in page


@pytest.mark.parametrize(
    ("change", "field_message"),
    [
        (lambda other: {"email": other.email}, "gibt es bereits"),
        (lambda other: {"matriculation_number": other.matriculation_number}, "bereits vergeben"),
        (lambda other: {"name": "x" * 201}, "länger als 200 Zeichen"),
    ],
    ids=["e-mail taken", "matriculation number taken", "name too long"],
)
def test_a_refused_change_changes_nothing_and_says_why(
    client: FlaskClient,
    auth: Auth,
    make_user,
    people: dict[str, User],
    change: Callable[[User], dict[str, str]],
    field_message: str,
) -> None:
    auth.login_as(make_user(Role.ADMIN))
    person, other = people["student with cohort"], people["deactivated student"]
    before = account_rows()
    data = {
        "name": person.name,
        "email": person.email,
        "matriculation_number": person.matriculation_number,
        "roles": ["student"],
        "cohort_id": str(person.cohort_id),
        **change(other),
    }
    response = post_form(client, f"/admin/users/{person.id}", data)
    assert response.status_code == 200
    assert field_message in response.get_data(as_text=True)
    assert account_rows() == before
