"""Documents made for the tests: well-formed papers and the hostile files a submission must survive.

Everything is generated here (no binaries are committed). PDFs are written object by object, so a test
can break exactly one thing (a truncated trailer, a page tree that loops, a missing text layer).
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib

import docx
from odfdo import Document, Paragraph

PAPER = (
    "Die Digitalisierung verändert die Soziale Arbeit. Beratung findet auch online statt, und die "
    "Dokumentation wird zunehmend in Fachverfahren geführt. Diese Arbeit untersucht, wie sich das auf "
    "die Beziehung zwischen Fachkräften und Adressatinnen auswirkt und welche Folgen das für den "
    "Datenschutz hat. "
)


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def pdf(
    pages: list[str] | None = None,
    *,
    author: str | None = None,
    xmp_author: str | None = None,
    image_only: bool = False,
    page_loop: bool = False,
    padding: int = 0,
) -> bytes:
    """A PDF with one page per entry of ``pages`` (text set in Helvetica, 60 characters a line)."""
    pages = pages if pages is not None else [PAPER * 3]
    objects: list[bytes] = [b"", b""]  # 1: catalogue, 2: page tree, filled in below
    font = 3
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    image = 4
    pixels = zlib.compress(bytes(range(256)) * 4)
    objects.append(
        b"<< /Type /XObject /Subtype /Image /Width 32 /Height 32 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
        % len(pixels)
        + pixels
        + b"\nendstream"
    )
    kids = []
    for text in pages:
        if image_only:
            content = b"q 500 0 0 700 50 50 cm /Im1 Do Q"
        else:
            lines = [text[i : i + 60] for i in range(0, len(text), 60)] or [""]
            content = (
                b"BT /F1 11 Tf 14 TL 50 780 Td "
                + b" ".join(_pdf_string(line) + b" '" for line in lines)
                + b" ET"
            )
        stream = zlib.compress(content)
        objects.append(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"
        )
        contents = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >> >>" % (contents, font, image)
        )
        kids.append(b"%d 0 R" % len(objects))
    if page_loop:
        kids.append(b"2 0 R")  # the page tree lists itself among its own pages
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(pages)
    catalogue = b"<< /Type /Catalog /Pages 2 0 R"
    if xmp_author is not None:
        xmp = (
            '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>'
            f"{xmp_author}</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"
            '<?xpacket end="w"?>'
        ).encode()
        objects.append(
            b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n" % len(xmp) + xmp + b"\nendstream"
        )
        catalogue += b" /Metadata %d 0 R" % len(objects)
    objects[0] = catalogue + b" >>"
    if padding:  # an unreferenced stream of random bytes: the file grows, its text stays the same
        noise = os.urandom(padding)
        objects.append(b"<< /Length %d >>\nstream\n" % len(noise) + noise + b"\nendstream")
    trailer_extra = b""
    if author is not None:
        objects.append(b"<< /Author " + _pdf_string(author) + b" /Title (Hausarbeit) >>")
        trailer_extra = b" /Info %d 0 R" % len(objects)
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, trailer_extra, xref)
    )
    return out.getvalue()


def encrypted_pdf(user_password: str) -> bytes:
    """A PDF encrypted with AES-256; an empty ``user_password`` opens without asking."""
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(pdf()))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_file(text: str = PAPER * 3, author: str | None = None) -> bytes:
    """A Word document with ``text`` in paragraphs and ``author`` in its core properties."""
    document = docx.Document()
    document.add_heading("Hausarbeit", 1)
    for sentence in text.split(". "):
        document.add_paragraph(sentence)
    if author:
        document.core_properties.author = author
        document.core_properties.last_modified_by = author
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt_file(text: str = PAPER * 3, author: str | None = None) -> bytes:
    """An OpenDocument text with ``text`` and ``author`` as creator in meta.xml."""
    document = Document("text")
    document.body.clear()
    for sentence in text.split(". "):
        document.body.append(Paragraph(sentence))
    if author:
        document.meta.set_initial_creator(author)
        document.meta.creator = author
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def replace_member(container: bytes, name: str, content: bytes) -> bytes:
    """``container`` (a ZIP) with member ``name`` replaced or added."""
    source = zipfile.ZipFile(io.BytesIO(container))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info, source.read(info))
        target.writestr(name, content)
    return out.getvalue()


def docx_with_document_xml(xml: str) -> bytes:
    """A DOCX whose main part is ``xml`` (for entity bombs and external entities)."""
    return replace_member(docx_file(), "word/document.xml", xml.encode())


def macro_docx() -> bytes:
    """A macro-enabled Word document (.docm structure), as if renamed to .docx."""
    document = docx_file()
    types = zipfile.ZipFile(io.BytesIO(document)).read("[Content_Types].xml").decode()
    types = types.replace(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
    )
    return replace_member(
        replace_member(document, "[Content_Types].xml", types.encode()), "word/vbaProject.bin", b"\xcc" * 512
    )


def _zip_records(name: bytes, deflated: bytes, size: int, crc: int, offset: int) -> tuple[bytes, bytes]:
    """The local header (followed by the data) and the central-directory entry of one member."""
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(deflated), size, len(name), 0)
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII",
        0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(deflated), size, len(name), 0, 0, 0, 0, 0, offset,
    )  # fmt: skip
    return local + name + deflated, central + name


def _deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def docx_bomb(gigabytes: float = 1.1) -> bytes:
    """A DOCX whose document.xml inflates to more than ``gigabytes`` GB (about 1 MB on disk).

    The zeros are compressed once and the compressed block repeated: after a full flush a deflate
    block refers to nothing before it, so the repetition is a valid stream of the whole size.
    """
    chunk = b"\0" * (16 * 2**20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = int(gigabytes * 2**30 / len(chunk)) + 1
    deflated = block * count + zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    small = zipfile.ZipFile(io.BytesIO(docx_file()))
    members = [
        (info.filename, _deflate(data := small.read(info)), len(data), zlib.crc32(data))
        for info in small.infolist()
        if info.filename != "word/document.xml"
    ]
    members.append(("word/document.xml", deflated, len(chunk) * count, crc))
    out = io.BytesIO()
    centrals = []
    for name, body, size, checksum in members:
        local, central = _zip_records(name.encode(), body, size, checksum, out.tell())
        out.write(local)
        centrals.append(central)
    start = out.tell()
    out.write(b"".join(centrals))
    out.write(
        struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(centrals), len(centrals), out.tell() - start, start, 0)
    )
    return out.getvalue()


ENTITY_BOMB = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">' for n in range(1, 10)
    )
    + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
    "<w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


def external_entity(target: str) -> str:
    """A document.xml whose text is an external entity pointing at the local file ``target``."""
    return (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY secret SYSTEM "file://{target}">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>'
        "<w:r><w:t>&secret;</w:t></w:r></w:p></w:body></w:document>"
    )


ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200
