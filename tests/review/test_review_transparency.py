"""Transparency towards students: the notice on the hand-in page and the receipt, the privacy notice."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from review_setup import PAGE, People, hand_in

from assignments.review.demo_texts import PRACTICE
from support import Auth

NOTICE = "Endgültig abgegebene Arbeiten werden auf diesem Server analysiert"


def test_students_are_told_on_the_hand_in_page_and_the_receipt(
    client: FlaskClient, people: People, outbox
) -> None:
    Auth(client).login_as(people.student)
    page = client.get(PAGE).get_data(as_text=True)
    assert NOTICE in page and 'href="/review/model-card"' in page and 'href="/review/privacy"' in page
    Auth(client).logout()
    submission = hand_in(client, people.student, PRACTICE.encode())
    Auth(client).login_as(people.student)
    version = submission.latest
    assert NOTICE in client.get(f"/submissions/versions/{version.id}/receipt").get_data(as_text=True)
    assert NOTICE in client.get(f"/submissions/versions/{version.id}/receipt.txt").get_data(as_text=True)
    (mail,) = outbox.to(people.student.email)
    assert NOTICE in outbox.text(mail) and "https://campus.test/review/model-card" in outbox.text(mail)
    privacy = client.get("/review/privacy").get_data(as_text=True)
    assert "auf der Abgabeseite und auf der Quittung" in privacy


def test_a_programme_can_tell_students_in_the_privacy_notice_only(
    app: Flask, client: FlaskClient, people: People
) -> None:
    app.config.update(
        REVIEW_STUDENT_NOTICE=False, REVIEW_PRIVACY_NOTE="Fragen an datenschutz@hochschule.example"
    )
    Auth(client).login_as(people.student)
    assert NOTICE not in client.get(PAGE).get_data(as_text=True)
    privacy = client.get("/review/privacy").get_data(as_text=True)
    assert "in diesem Datenschutzhinweis" in privacy and "datenschutz@hochschule.example" in privacy


@pytest.mark.parametrize("url", ["/review/model-card", "/review/privacy"])
def test_the_public_pages_open_without_signing_in_in_both_languages(client: FlaskClient, url: str) -> None:
    german = client.get(url)
    assert german.status_code == 200 and 'lang="de"' in german.get_data(as_text=True)
    english = client.get(url, headers={"Accept-Language": "en"})
    assert english.status_code == 200
