"""The mails of the feature, through the core mail service (composed now, delivered after the commit).

Students hear of their booking, every change, a cancellation, a waitlist offer and an invitation;
panel members of changes and cancellations; everyone concerned gets a reminder 24 hours before
(jobs.send_reminders) and examiners a daily agenda (jobs.send_agendas).
"""

from __future__ import annotations

from campus import mail
from campus.accounts.models import User

from .models import Defence, Invitation
from .service.windows import Window


def _links(win: Window, defence: Defence) -> dict[str, str]:
    return {
        "ics": mail.external_url("defences.defence_ics", defence_id=defence.id),
        "page": mail.external_url("defences.window", **win.parts),
    }


def booked(win: Window, defence: Defence) -> None:
    """Confirmation to the student."""
    mail.send(defence.student, "defences/confirmation", win=win, defence=defence, **_links(win, defence))


def changed(win: Window, defence: Defence) -> None:
    """A new time or panel: the student and the panel."""
    for person in [defence.student, *defence.examiners]:
        mail.send(person, "defences/changed", win=win, defence=defence, **_links(win, defence))


def cancelled(
    win: Window, defence: Defence, actor: User | None, former_panel: list[User] | None = None
) -> None:
    """A cancellation: the student (asked to rebook when staff cancelled) and the panel, but never
    the person who cancelled."""
    by_staff = actor is not None and actor.id != defence.student_id
    people = [defence.student, *(former_panel or defence.examiners)]
    for person in people:
        if actor is not None and person.id == actor.id:
            continue
        rebook = by_staff and person.id == defence.student_id
        mail.send(
            person, "defences/cancelled", win=win, defence=defence, rebook=rebook, **_links(win, defence)
        )


def offered(win: Window, defence: Defence) -> None:
    """A freed place offered to the next student on the waitlist."""
    mail.send(defence.student, "defences/offer", win=win, defence=defence, **_links(win, defence))


def invited(win: Window, invitation: Invitation) -> None:
    """An invitation to book (windows by invitation)."""
    page = mail.external_url("defences.window", **win.parts)
    mail.send(invitation.student, "defences/invitation", win=win, page=page)
