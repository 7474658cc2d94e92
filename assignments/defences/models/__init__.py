"""The defences' tables: windows and availability, bookings and their claims, records."""

from .booking import ACTIVE, CalendarToken, DaySeat, Defence, ExaminerClaim, PanelSeat, WaitlistEntry
from .record import OUTCOMES, PlanProposal, Protocol, ProtocolSignature, SuggestedQuestion
from .window import Accommodation, Availability, ExaminerLimit, Invitation

__all__ = [
    "ACTIVE",
    "OUTCOMES",
    "Accommodation",
    "Availability",
    "CalendarToken",
    "DaySeat",
    "Defence",
    "ExaminerClaim",
    "ExaminerLimit",
    "Invitation",
    "PanelSeat",
    "PlanProposal",
    "Protocol",
    "ProtocolSignature",
    "SuggestedQuestion",
    "WaitlistEntry",
]
