"""The declarations a student gives with a version: independent work, and a structured AI-use record.

The AI-use declaration is either "no AI tools" or one row per tool with its purposes and where it was
used; the assignment's ``ai_policy`` decides what is acceptable. What the student agreed to is stored
verbatim with the version (the text and its SHA-256), so a later edit of edition.toml changes nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from campus.courses.content.manifest import AssignmentSpec

PURPOSES = {
    "ideas": _l("Finding ideas"),
    "literature": _l("Literature search"),
    "outline": _l("Outline"),
    "translation": _l("Translation"),
    "language": _l("Language editing"),
    "drafting": _l("Drafting text"),
    "code": _l("Code"),
    "other": _l("Other"),
}
MAX_TOOLS = 10


@dataclass(frozen=True)
class ToolUse:
    """One AI tool: its name, what it was used for, and where in the paper."""

    tool: str
    purposes: tuple[str, ...]
    where: str


@dataclass(frozen=True)
class AiDeclaration:
    """Either ``no_ai`` or the tools used."""

    no_ai: bool
    tools: tuple[ToolUse, ...] = field(default_factory=tuple)


def independence_text(spec: AssignmentSpec) -> str:
    """The declaration of independent work the student confirms (the edition's, else the standard)."""
    return spec.declaration or _(
        "I declare that I wrote this paper on my own, that I used no sources or aids other than those I "
        "have named, and that I marked every passage taken from other works, word for word or in sense, "
        "as such. The paper has not been submitted for another examination."
    )


def ai_text(spec: AssignmentSpec) -> str:
    """The explanation above the AI-use declaration (the edition's, else the standard for the policy)."""
    if spec.ai_declaration:
        return spec.ai_declaration
    if spec.ai_policy == "none":
        return _("AI tools (such as ChatGPT, DeepL Write or Copilot) may not be used for this paper.")
    if spec.ai_policy == "free":
        return _("AI tools may be used freely for this paper; declaring them is voluntary but welcome.")
    return _(
        "AI tools (such as ChatGPT, DeepL Write or Copilot) may be used for this paper if every use is "
        "declared: which tool, for what, and where in the paper."
    )


def policy_problem(spec: AssignmentSpec, declaration: AiDeclaration) -> str | None:
    """Why ``declaration`` does not fit the assignment's AI policy, or None."""
    if not declaration.no_ai and not declaration.tools and spec.ai_policy != "free":
        return _("Please declare either that you used no AI tools, or each tool you used.")
    if declaration.no_ai and declaration.tools:
        return _("You declared no AI tools and listed tools: please choose one.")
    if declaration.tools and spec.ai_policy == "none":
        return _("AI tools are not allowed for this assignment.")
    return None


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record(spec: AssignmentSpec, declaration: AiDeclaration) -> dict[str, Any]:
    """The declarations as stored with a version (JSON): texts agreed to, with their hashes, and the tools."""
    independence, ai = independence_text(spec), ai_text(spec)
    return {
        "independence": {"text": independence, "sha256": _digest(independence), "confirmed": True},
        "ai": {
            "policy": spec.ai_policy,
            "text": ai,
            "sha256": _digest(ai),
            "no_ai": declaration.no_ai,
            "tools": [
                {"tool": use.tool, "purposes": list(use.purposes), "where": use.where}
                for use in declaration.tools
            ],
        },
    }


def purpose_labels(purposes: list[str]) -> str:
    """The purposes of a stored tool row, translated, for pages, receipts and mails."""
    return ", ".join(str(PURPOSES.get(p, p)) for p in purposes)
