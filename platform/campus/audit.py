"""The audit log: who saw or changed what, and when. Later features call ``audit`` for every sensitive act."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from flask import has_request_context, request
from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from campus import clock
from campus.extensions import db

if TYPE_CHECKING:
    from campus.accounts.models import User


class AuditEvent(db.Model):  # type: ignore[name-defined]
    """One logged act. Rows are only ever added, never changed."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=clock.now, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    action: Mapped[str] = mapped_column(String(80), index=True)
    object_type: Mapped[str | None] = mapped_column(String(80))
    object_id: Mapped[str | None] = mapped_column(String(80))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    ip_address: Mapped[str | None] = mapped_column(String(45))

    # By name: the audit log sits below accounts (which audits sign-ins) and must not import it.
    actor: Mapped[User | None] = relationship("User")

    @property
    def object_label(self) -> str:
        """The object as "type #id", for lists."""
        if not self.object_type:
            return ""
        return f"{self.object_type} #{self.object_id}" if self.object_id else self.object_type


def _describe(obj: Any) -> tuple[str | None, str | None]:
    if obj is None:
        return None, None
    if isinstance(obj, tuple):
        return str(obj[0]), str(obj[1])
    if isinstance(obj, str):
        return obj, None
    return type(obj).__name__.lower(), str(getattr(obj, "id", "") or "")


def audit(
    actor: User | None,
    action: str,
    obj: Any = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record that ``actor`` did ``action`` to ``obj`` (a model, a ``(type, id)`` pair or a type name).

    The entry joins the current unit of work: it is stored when the view, command or job commits, and
    vanishes with the change it describes when that unit of work fails.
    ``details`` must hold no secrets and no student text: the log is kept longer than the data.
    """
    object_type, object_id = _describe(obj)
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        action=action,
        object_type=object_type,
        object_id=object_id,
        details=details or {},
        ip_address=request.remote_addr if has_request_context() else None,
    )
    db.session.add(event)
    db.session.flush()
    return event
