"""XML inside documents, parsed without DTDs, entity expansion or external references (defusedxml).

Every XML member of a container is checked here before python-docx or odfdo (both built on lxml)
read it, so a billion-laughs bomb or an entity pointing at a local file never reaches them.
"""

from __future__ import annotations

import zipfile
from typing import IO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring, iterparse

from .outcome import Reason, Refused

_BOM = b"\xef\xbb\xbf"


def parse(data: bytes) -> Element:
    """Parse a small XML member (e.g. ``[Content_Types].xml``) safely."""
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise Refused(Reason.XML_UNSAFE) from error
    except ParseError as error:
        raise Refused(Reason.OFFICE_DAMAGED) from error


def check_stream(stream: IO[bytes]) -> None:
    """Parse an XML stream to its end, element by element, keeping no tree (memory stays flat)."""
    try:
        for _event, element in iterparse(
            stream, events=("end",), forbid_dtd=True, forbid_entities=True, forbid_external=True
        ):
            element.clear()
    except DefusedXmlException as error:
        raise Refused(Reason.XML_UNSAFE) from error
    except ParseError as error:
        raise Refused(Reason.OFFICE_DAMAGED) from error


def _is_xml(head: bytes) -> bool:
    return head.removeprefix(_BOM).lstrip()[:1] == b"<"


def check_members(archive: zipfile.ZipFile) -> None:
    """Check every member that is XML by content (whatever its name), as the parsers would read it."""
    for info in archive.infolist():
        if info.is_dir():
            continue
        with archive.open(info) as member:
            is_xml = _is_xml(member.read(64))
        if is_xml:
            with archive.open(info) as member:
                check_stream(member)
