"""Administration: accounts, roles, deactivation, cohorts, CSV import and the audit log."""

from __future__ import annotations

import io

import pytest
from flask.testing import FlaskClient

from campus.accounts.models import Cohort, Role, User
from campus.accounts.passwords import NO_PASSWORD
from campus.accounts.service import AccountDeactivated, authenticate
from campus.audit import AuditEvent, audit
from campus.extensions import db
from support import Auth, forms_on, post_form, submit_as_shown


def upload(client: FlaskClient, text: str, cohort_id: int = 0, encoding: str = "utf-8"):
    return post_form(
        client,
        "/admin/import",
        {"cohort": str(cohort_id), "file": (io.BytesIO(text.encode(encoding)), "kohorte.csv")},
        content_type="multipart/form-data",
    )


def test_admin_creates_a_user_with_a_one_time_password(
    client: FlaskClient, auth: Auth, make_user, make_cohort
) -> None:
    auth.login_as(make_user(Role.ADMIN))
    cohort = make_cohort("MA DiSA 2026")
    response = post_form(
        client,
        "/admin/users/new",
        {
            "name": "Ada Beispiel",
            "email": "ada@campus.example",
            "matriculation_number": "4712001",
            "roles": ["student"],
            "cohort_id": str(cohort.id),
        },
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Einmalpasswort für Ada Beispiel" in page
    user = db.session.query(User).filter_by(email="ada@campus.example").one()
    assert user.must_change_password and user.roles == {Role.STUDENT} and user.cohort == cohort
    assert db.session.query(AuditEvent).filter_by(action="user.create").count() == 1


def test_duplicate_email_is_refused(client: FlaskClient, auth: Auth, make_user) -> None:
    auth.login_as(make_user(Role.ADMIN))
    existing = make_user(Role.STUDENT)
    response = post_form(
        client,
        "/admin/users/new",
        {"name": "X", "email": existing.email, "roles": ["lecturer"], "cohort_id": "0"},
    )
    assert "gibt es bereits" in response.get_data(as_text=True)


def test_a_role_is_required(client: FlaskClient, auth: Auth, make_user) -> None:
    auth.login_as(make_user(Role.ADMIN))
    response = post_form(
        client, "/admin/users/new", {"name": "X", "email": "x@campus.example", "cohort_id": "0"}
    )
    assert "mindestens eine Rolle" in response.get_data(as_text=True)
    assert db.session.query(User).filter_by(email="x@campus.example").first() is None


def test_admin_edits_roles(client: FlaskClient, auth: Auth, make_user) -> None:
    auth.login_as(make_user(Role.ADMIN))
    user = make_user(Role.LECTURER, name="Miriam Albers")
    response = post_form(
        client,
        f"/admin/users/{user.id}",
        {
            "name": "Miriam Albers",
            "email": user.email,
            "roles": ["lecturer", "examiner"],
            "cohort_id": "0",
        },
    )
    assert response.status_code == 302
    assert user.roles == {Role.LECTURER, Role.EXAMINER}


def test_deactivate_keeps_the_account_and_blocks_sign_in(client: FlaskClient, auth: Auth, make_user) -> None:
    auth.login_as(make_user(Role.ADMIN))
    user = make_user(Role.STUDENT)
    response = post_form(client, f"/admin/users/{user.id}/deactivate", {}, form_url=f"/admin/users/{user.id}")
    assert response.status_code == 302
    assert db.session.get(User, user.id) is not None
    assert not user.active
    with pytest.raises(AccountDeactivated):
        authenticate(user.email, "correct horse battery")


def test_deactivation_asks_for_confirmation_first(client: FlaskClient, auth: Auth, make_user) -> None:
    auth.login_as(make_user(Role.ADMIN))
    user = make_user(Role.STUDENT, name="Lena Schmidt")
    edit_page = client.get(f"/admin/users/{user.id}").get_data(as_text=True)
    forms = [form["action"] for form in forms_on(edit_page)]
    assert f"/admin/users/{user.id}/deactivate" not in forms  # a link to the question, not a button that acts
    assert f'href="/admin/users/{user.id}/deactivate"' in edit_page
    question = client.get(f"/admin/users/{user.id}/deactivate")
    assert question.status_code == 200
    assert "Lena Schmidt deaktivieren?" in question.get_data(as_text=True)
    assert user.active
    response = submit_as_shown(client, f"/admin/users/{user.id}/deactivate")
    assert response.status_code == 302
    assert not user.active
    event = db.session.query(AuditEvent).filter_by(action="user.deactivate").one()
    assert event.object_id == str(user.id)


def test_a_deactivated_account_can_be_reactivated(client: FlaskClient, auth: Auth, make_user) -> None:
    auth.login_as(make_user(Role.ADMIN))
    user = make_user(Role.STUDENT)
    submit_as_shown(client, f"/admin/users/{user.id}/deactivate")
    response = submit_as_shown(client, f"/admin/users/{user.id}", f"/admin/users/{user.id}/reactivate")
    assert response.status_code == 302
    assert user.active
    assert authenticate(user.email, "correct horse battery") is not None


def test_admin_cannot_deactivate_themselves(client: FlaskClient, auth: Auth, make_user) -> None:
    admin = auth.login_as(make_user(Role.ADMIN))
    post_form(client, f"/admin/users/{admin.id}/deactivate", {}, form_url=f"/admin/users/{admin.id}")
    assert admin.active


def test_reset_password_forces_a_change(client: FlaskClient, auth: Auth, make_user) -> None:
    auth.login_as(make_user(Role.ADMIN))
    user = make_user(Role.STUDENT)
    response = post_form(
        client, f"/admin/users/{user.id}/reset-password", {}, form_url=f"/admin/users/{user.id}"
    )
    assert "Einmalpasswort" in response.get_data(as_text=True)
    assert user.must_change_password


def test_csv_import_creates_accounts_in_the_cohort(
    client: FlaskClient, auth: Auth, make_user, make_cohort
) -> None:
    auth.login_as(make_user(Role.ADMIN))
    cohort = make_cohort("MA DiSA 2026")
    csv_text = (
        "Name;E-Mail;Matrikelnummer;Rolle\n"
        "Ada Beispiel;ada@campus.example;4712001;Studierende\n"
        "Ben Muster;ben@campus.example;4712002;student\n"
        "Dr. Clara Prüf;clara@campus.example;;Dozierende|Prüfende\n"
    )
    response = upload(client, csv_text, cohort.id)
    page = response.get_data(as_text=True)
    assert "3 Konten importiert" in page
    ada = db.session.query(User).filter_by(email="ada@campus.example").one()
    clara = db.session.query(User).filter_by(email="clara@campus.example").one()
    assert ada.cohort == cohort and ada.password_hash == NO_PASSWORD  # invited: nothing hashed
    assert clara.roles == {Role.LECTURER, Role.EXAMINER} and clara.cohort is None


def test_csv_import_reports_bad_rows_by_line_and_imports_nothing(
    client: FlaskClient, auth: Auth, make_user, make_cohort
) -> None:
    auth.login_as(make_user(Role.ADMIN))
    cohort = make_cohort("MA DiSA 2026")
    existing = make_user(Role.STUDENT)
    csv_text = (
        "name,email,matriculation_number,role\n"
        "Ada Beispiel,ada@campus.example,4712001,student\n"
        "Kein Mail,not-an-address,4712002,student\n"
        f"Doppelt,{existing.email},4712003,student\n"
        "Zauberer,zauberer@campus.example,4712004,wizard\n"
        "Ohne Nummer,ohne@campus.example,,student\n"
    )
    page = upload(client, csv_text, cohort.id).get_data(as_text=True)
    assert "Es wurde nichts importiert" in page
    assert "Zeile 3: not-an-address ist keine gültige E-Mail-Adresse." in page
    assert "Zeile 4:" in page and "gibt es bereits" in page
    assert "Zeile 5: Unbekannte Rolle: wizard." in page
    assert "Zeile 6: Studierende brauchen eine Matrikelnummer." in page
    assert "Zeile 2" not in page
    assert db.session.query(User).filter_by(email="ada@campus.example").first() is None
    assert db.session.query(User).count() == 2


def test_csv_import_enforces_the_column_sizes_row_by_row(client: FlaskClient, auth: Auth, make_user) -> None:
    auth.login_as(make_user(Role.ADMIN))
    long_local = "a" * 250
    csv_text = (
        "name;email;matriculation_number;role\n"
        f"{'N' * 5000};lang@campus.example;4712001;student\n"
        f"Ada;{long_local}@campus.example;4712002;student\n"
        f"Ben;ben@campus.example;4712003;{'x' * 3000}\n"
    )
    response = upload(client, csv_text)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Zeile 2: Der Name ist länger als 200 Zeichen." in page
    assert "Zeile 3: Die E-Mail-Adresse ist länger als 254 Zeichen." in page
    assert f"Zeile 4: Unbekannte Rolle: {'x' * 40}…" in page
    assert "N" * 201 not in page and "x" * 41 not in page  # the messages never echo a whole field
    assert db.session.query(User).count() == 1


def test_csv_import_names_the_line_with_an_oversized_field(
    client: FlaskClient, auth: Auth, make_user
) -> None:
    auth.login_as(make_user(Role.ADMIN))
    csv_text = (
        "name;email;role\nAda;ada@campus.example;student\n"
        + "B" * (200 * 1024)
        + ";b@campus.example;student\n"
    )
    response = upload(client, csv_text)
    assert response.status_code == 200
    assert "Zeile 3: Ein Feld in dieser Zeile ist länger als 128 KiB." in response.get_data(as_text=True)
    assert db.session.query(User).count() == 1


def test_csv_import_refuses_too_many_rows(client: FlaskClient, auth: Auth, make_user) -> None:
    auth.login_as(make_user(Role.ADMIN))
    rows = "".join(f"P{n};p{n}@campus.example;lecturer\n" for n in range(2001))
    page = upload(client, "name;email;role\n" + rows).get_data(as_text=True)
    assert "höchstens 2000 Zeilen" in page
    assert db.session.query(User).count() == 1


def test_csv_import_rejects_a_file_that_is_not_utf8(client: FlaskClient, auth: Auth, make_user) -> None:
    auth.login_as(make_user(Role.ADMIN))
    page = upload(client, "name;email;role\nJürgen;j@campus.example;dozent\n", encoding="utf-16").get_data(
        as_text=True
    )
    assert "kein UTF-8-Text" in page


def test_csv_import_requires_the_columns(client: FlaskClient, auth: Auth, make_user) -> None:
    auth.login_as(make_user(Role.ADMIN))
    page = upload(client, "vorname;nachname\nA;B\n").get_data(as_text=True)
    assert "Zeile 1: Fehlende Spalte(n): name, email, role." in page


def test_cli_import_reports_line_numbers_and_imports_nothing(runner, tmp_path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "name,email,matriculation_number,role\nA,a@campus.example,12345,student\nB,broken,12346,student\n"
    )
    result = runner.invoke(args=["users", "import", str(bad), "--cohort", "MA DiSA 2030"])
    assert result.exit_code == 1
    assert f"{bad}:3:" in result.output
    assert db.session.query(User).count() == 0
    assert db.session.query(Cohort).count() == 0
    good = tmp_path / "good.csv"
    good.write_text("name,email,matriculation_number,role\nA,a@campus.example,12345,student\n")
    result = runner.invoke(args=["users", "import", str(good), "--cohort", "MA DiSA 2030"])
    assert result.exit_code == 0, result.output
    assert db.session.query(User).one().cohort.name == "MA DiSA 2030"


def test_cli_create_user(runner) -> None:
    args = [
        "users",
        "create",
        "--email",
        "p@campus.example",
        "--name",
        "P",
        "--role",
        "examiner",
        "--role",
        "lecturer",
    ]
    result = runner.invoke(args=[*args, "--password", "long enough password"])
    assert result.exit_code == 0, result.output
    assert db.session.query(User).one().roles == {Role.EXAMINER, Role.LECTURER}
    again = runner.invoke(args=[*args, "--password", "long enough password"])
    assert again.exit_code == 1 and "gibt es bereits" in again.output


def test_audit_log_is_filterable_and_its_views_are_logged(client: FlaskClient, auth: Auth, make_user) -> None:
    admin = auth.login_as(make_user(Role.ADMIN))
    student = make_user(Role.STUDENT)
    audit(admin, "report.view", ("paper", 7), {"reason": "review"})
    audit(student, "paper.submit", ("paper", 7))
    db.session.commit()  # audit() joins the caller's unit of work
    page = client.get("/admin/audit?action=report.").get_data(as_text=True)
    assert "report.view" in page and "paper.submit" not in page
    page = client.get(f"/admin/audit?actor={student.email}").get_data(as_text=True)
    assert "paper.submit" in page and "report.view" not in page
    assert db.session.query(AuditEvent).filter_by(action="audit.view", actor_id=admin.id).count() == 2


def test_audit_log_reads_as_words_in_the_page_language(client: FlaskClient, auth: Auth, make_user) -> None:
    admin = auth.login_as(make_user(Role.ADMIN, name="Ada Admin"))
    student = make_user(Role.STUDENT, name="Lena Schmidt")
    audit(admin, "user.update", student, {"changes": {"roles": [["student"], ["lecturer", "student"]]}})
    audit(admin, "user.deactivate", student)
    db.session.commit()
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "Konto geändert" in page and "Konto deaktiviert" in page
    assert "user.update" not in page.split("<tbody>")[1]
    assert f'<a href="/admin/users/{student.id}">Lena Schmidt</a>' in page
    assert "Ada Admin" in page
    assert "Rollen</dt><dd>Studierende*r → Lehrende*r, Studierende*r" in page
    assert "{" not in page.split("<tbody>")[1]  # no raw JSON
    post_form(client, "/language", {"language": "en", "next": "/"}, form_url="/")
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "Account changed" in page and "Student → Lecturer, Student" in page


def test_user_list_filters_by_role_and_search(client: FlaskClient, auth: Auth, make_user) -> None:
    auth.login_as(make_user(Role.ADMIN, name="Admin Person"))
    make_user(Role.LECTURER, name="Miriam Albers")
    make_user(Role.STUDENT, name="Lena Schmidt")
    page = client.get("/admin/users?role=lecturer").get_data(as_text=True)
    assert "Miriam Albers" in page and "Lena Schmidt" not in page
    page = client.get("/admin/users?q=lena").get_data(as_text=True)
    assert "Lena Schmidt" in page and "Miriam Albers" not in page
