"""Students never see a score, a band or a probability: a walk over every page a student can reach."""

from __future__ import annotations

import re
from collections import deque

from flask.testing import FlaskClient
from review_setup import People, hand_in

from assignments.review.demo_texts import CHATBOT
from assignments.review.service.analysis import current_report
from support import Auth, csrf_token

LINK = re.compile(r'href="(/[^"#]*)')
SKIP = ("/logout", "/static/")
BAND_WORDS = ("Nachgespräch empfohlen", "Kein Hinweis", "kein Hinweis", "Keine ausreichende Grundlage",
              "keine Aussage", "Follow-up conversation", "No indication")  # fmt: skip
# The model card explains the method, probability included; no other page a student sees speaks of one.
SCORE_WORDS = ("Wahrscheinlichkeit", "probability", "Schwellenwert")
CARD = "/review/model-card"


def walk(client: FlaskClient, limit: int = 300) -> dict[str, str]:
    """Every HTML page reachable by links from the dashboard, by URL."""
    seen: dict[str, str] = {}
    todo = deque(["/"])
    while todo and len(seen) < limit:
        url = todo.popleft()
        if url in seen or url.startswith(SKIP):
            continue
        response = client.get(url)
        html = response.status_code == 200 and response.content_type.startswith("text/html")
        seen[url] = page = response.get_data(as_text=True) if html else ""
        response.close()  # downloads are streamed files
        todo.extend(link.replace("&amp;", "&") for link in LINK.findall(page))
    return seen


def test_no_student_page_shows_a_score_band_or_probability(
    client: FlaskClient, people: People, outbox
) -> None:
    submission = hand_in(client, people.student, CHATBOT.encode())
    report = current_report(submission)
    assert report is not None and report.probability is not None
    Auth(client).login_as(people.lecturer)
    token = csrf_token(client, f"/review/reports/{submission.id}")
    client.post(f"/review/reports/{submission.id}/decide", data={
        "csrf_token": token, "action": "discuss", "reason": "Bitte im Gespräch klären.", "invite": "y",
        "questions-0-include": "y", "questions-0-passage": "1", "questions-0-text": "Wie entstand Abschnitt 1?"})  # fmt: skip
    Auth(client).logout()
    Auth(client).login_as(people.student)
    pages = walk(client)
    numbers = (f"{report.probability:.2f}".replace(".", ","), f"{report.probability:.4f}",
               f"{report.probability:.3f}".replace(".", ","))  # fmt: skip
    assert f"/review/discussion/{submission.id}" in pages and "/review/model-card" in pages
    assert "Wie entstand Abschnitt 1?" in pages[f"/review/discussion/{submission.id}"]
    assert len([u for u, html in pages.items() if html]) > 8, sorted(pages)
    for url, html in pages.items():
        for word in (*BAND_WORDS, *numbers, *(() if url == CARD else SCORE_WORDS)):
            assert word not in html, f"{word!r} on {url}"
    assert client.get(f"/review/reports/{submission.id}").status_code == 404
    bodies = [outbox.text(m) for m in outbox.to(people.student.email)]
    (body,) = [b for b in bodies if "/review/discussion/" in b]
    assert f"https://campus.test/review/discussion/{submission.id}" in body
    assert not any(word in body for word in (*BAND_WORDS, *numbers))


def test_another_student_cannot_read_the_discussion(client: FlaskClient, people: People) -> None:
    submission = hand_in(client, people.student, CHATBOT.encode())
    Auth(client).login_as(people.student)
    assert client.get(f"/review/discussion/{submission.id}").status_code == 404  # nothing decided yet
    Auth(client).logout()
    Auth(client).login_as(people.classmate)
    assert client.get(f"/review/discussion/{submission.id}").status_code == 404
