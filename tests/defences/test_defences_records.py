"""The protocol: suggested questions carried in, signatures, lock, correction, PDF and the event."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from assignments.defences.pdf import protocol_pdf
from assignments.defences.service import booking, records, units
from assignments.defences.service.errors import DefenceError
from assignments.defences.service.times import minute
from campus import events
from campus.extensions import db


def held_defence(world):  # type: ignore[no-untyped-def]
    world.offer(0)
    student = world.students[0]
    records.attach_suggested_questions(world.win, student, [("Wie sind Sie auf These 2 gekommen?", "Absatz 3 …")],
                                       world.lecturer)  # fmt: skip
    db.session.commit()
    return units.run(lambda: booking.book(world.win, student, minute(world.at(0, "09:00"))), booking.taken)


def fill(protocol, defence) -> None:  # type: ignore[no-untyped-def]
    records.update_protocol(
        protocol, defence.examiners[0], started_at=defence.starts_at, ended_at=defence.ends_at,
        panel=[e.id for e in defence.examiners], questions=[*protocol.questions, {"text": "Warum Überwachung?",
        "suggested_id": None, "asked": True, "note": "Gut begründet, größtenteils schlüssig."}],
        notes="Die Studentin erläuterte ihre Quellen ausführlich.", outcome="confirmed", grade_effect="Keine Änderung.",
    )  # fmt: skip


def test_signed_by_both_locks_emits_the_outcome_and_exports_a_pdf(world) -> None:  # type: ignore[no-untyped-def]
    defence = held_defence(world)
    protocol = records.start_protocol(defence, defence.examiners[0])
    assert (
        protocol.questions[0]["text"] == "Wie sind Sie auf These 2 gekommen?"
        and protocol.questions[0]["suggested_id"]
    )
    fill(protocol, defence)
    received: list[dict[str, object]] = []
    events.subscribe(
        world.app, events.defence_outcome_recorded, lambda _app, **payload: received.append(payload)
    )
    assert records.sign(protocol, defence, defence.examiners[0]) is False
    assert records.sign(protocol, defence, defence.examiners[1]) is True
    db.session.commit()
    assert protocol.is_locked
    assert received and received[-1]["outcome"] == "confirmed" and received[-1]["defence_id"] == defence.id
    with pytest.raises(DefenceError, match="gesperrt"):
        fill(protocol, defence)
    text = "".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO(protocol_pdf(world.win, defence, protocol))).pages
    )
    assert "Prüfungsprotokoll" in text
    for word in ("Überwachung", "größtenteils", "Prüfer", "Ölmann", "Urheberschaft bestätigt"):
        assert word in text, word
    later = records.correct(protocol, defence.examiners[1], "Tippfehler in den Notizen")
    assert later.version == 2 and later.previous_id == protocol.id and not later.is_locked


def test_an_edit_clears_signatures_and_only_the_panel_signs(world, make_user) -> None:  # type: ignore[no-untyped-def]
    from campus.accounts.models import Role

    defence = held_defence(world)
    protocol = records.start_protocol(defence, defence.examiners[0])
    fill(protocol, defence)
    records.sign(protocol, defence, defence.examiners[0])
    fill(protocol, defence)
    assert protocol.signatures == []
    with pytest.raises(DefenceError, match="Nur die Prüfenden"):
        records.sign(protocol, defence, make_user(Role.EXAMINER))


def test_the_defence_and_its_outcome_name_the_students_submission(world) -> None:  # type: ignore[no-untyped-def]
    from assignments.submissions.service.assignments import find
    from assignments.submissions.service.hand_in import ensure_submission

    defence = held_defence(world)  # booked before anything was handed in
    assert defence.submission_id is None
    paper = ensure_submission(find(*world.win.key.split("/")), world.students[0])
    later = world.make_student()
    later_paper = ensure_submission(find(*world.win.key.split("/")), later)
    db.session.commit()
    assert booking.book(world.win, later, minute(world.at(0, "10:00"))).submission_id == later_paper.id
    protocol = records.start_protocol(defence, defence.examiners[0])
    fill(protocol, defence)
    received: list[dict[str, object]] = []
    events.subscribe(
        world.app, events.defence_outcome_recorded, lambda _app, **payload: received.append(payload)
    )
    for examiner in defence.examiners:
        records.sign(protocol, defence, examiner)
    db.session.commit()
    assert received[-1]["submission_id"] == paper.id == defence.submission_id
