"""PDF/A for what the program prints: a post-process of reportlab's (and pypdf's) output.

:func:`to_pdfa` opens the PDF with pikepdf, sets the document information (title, author,
subject, keywords, dates) and ``/Lang``, optionally attaches original files (signed annexes),
and writes it with :func:`pikepdf.pdfa.save`: one sRGB OutputIntent from the profile shipped in
``resources/icc`` (zlib licence), XMP with the PDF/A identification agreeing with the Info
dictionary, annotation print flags, no JavaScript, no encryption, a trailer ``/ID``, PDF 1.7.
``pikepdf.pdfa`` validates the bytes it wrote and refuses to return a file that fails.

A document with attached originals is PDF/A-3b (PDF/A-2 only admits embedded files that are
themselves PDF/A, and a signed annex from elsewhere usually is not); any other is PDF/A-2b.

:func:`pdfa_problems` reads a PDF back and lists, in Spanish, what keeps it from being the
PDF/A it claims (structural checks of our own plus pikepdf's allowlist validator).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from mipg_desktop.documents.model import ControlBlock, RenderOptions
from mipg_desktop.i18n import _

ICC_FILE = "sRGB.icc"
OUTPUT_CONDITION = "sRGB IEC61966-2.1"
CREATOR = "MIPG Desktop"


@dataclass(frozen=True)
class ArchiveMeta:
    """What the archive copy says about itself (Info dictionary and XMP)."""

    title: str
    author: str
    subject: str
    lang: str = "es-CO"
    keywords: str = ""


def archive_meta(
    title: str, options: RenderOptions, control: ControlBlock, kind: str
) -> ArchiveMeta:
    """The metadata of a rendered document: author is the program's named user (the
    secretary), never the computer's login; subject is the entity."""
    entity = " ".join(control.entity_name.split())
    keywords = "; ".join(k for k in ("MIPG", kind, " ".join(options.subject.split())) if k)
    return ArchiveMeta(
        title=title, author=options.author or entity, subject=entity, keywords=keywords
    )


@dataclass(frozen=True)
class Original:
    """A file attached unchanged inside the PDF (AFRelationship /Source)."""

    filename: str
    data: bytes
    description: str = ""
    mime: str = "application/pdf"


@lru_cache(maxsize=1)
def srgb_profile() -> bytes:
    from mipg_desktop.resources import resource_path

    return resource_path("icc", ICC_FILE).read_bytes()


def _creation_date(doc: Any) -> datetime:
    """Keep the date the renderer wrote (reproducible renders); now when there is none."""
    from pikepdf.models.metadata import decode_pdf_date

    raw = doc.docinfo.get("/CreationDate")
    if raw is not None:
        try:
            return decode_pdf_date(str(raw))
        except ValueError:
            pass
    return datetime.now(UTC).replace(microsecond=0)


def _printable(value: str) -> str:
    """One line of text a PDF string can hold: a lone surrogate (never valid text) becomes «?»."""
    return " ".join(value.encode("utf-8", "replace").decode("utf-8").split())


def _set_info(doc: Any, meta: ArchiveMeta) -> None:
    import pikepdf
    from pikepdf.models.metadata import encode_pdf_date

    created = _creation_date(doc)
    values = {
        "/Title": meta.title,
        "/Author": meta.author,
        "/Subject": meta.subject,
        "/Keywords": meta.keywords,
        "/Creator": CREATOR,
        "/Producer": f"{CREATOR} (reportlab, pikepdf)",
    }
    info = pikepdf.Dictionary()
    for key, value in values.items():
        if value.strip():
            info[key] = pikepdf.String(_printable(value))
    info["/CreationDate"] = pikepdf.String(encode_pdf_date(created))
    info["/ModDate"] = pikepdf.String(encode_pdf_date(created))
    doc.trailer.Info = doc.make_indirect(info)
    if "/Metadata" in doc.Root:
        del doc.Root["/Metadata"]  # rebuilt from the Info dictionary just set
    with doc.open_metadata(set_pikepdf_as_editor=False) as xmp:
        xmp.load_from_docinfo(doc.docinfo, raise_failure=False)
        xmp["dc:language"] = [meta.lang]


def _attach(doc: Any, originals: Sequence[Original]) -> None:
    import pikepdf

    relationships = []
    for original in originals:
        spec = pikepdf.AttachedFileSpec(
            doc,
            original.data,
            description=original.description,
            filename=original.filename,
            mime_type=original.mime,
            relationship=pikepdf.Name.Source,
        )
        doc.attachments[original.filename] = spec
        relationships.append(doc.attachments[original.filename].obj)
    if relationships:
        doc.Root.AF = pikepdf.Array(relationships)


def to_pdfa(
    pdf: bytes, meta: ArchiveMeta, originals: Sequence[Original] = (), *, required: bool = True
) -> bytes:
    """``pdf`` as PDF/A-2b (PDF/A-3b when ``originals`` are attached).

    When the content itself cannot conform (an annex with a font that is not embedded or CMYK
    colour, a CMYK logo), pikepdf refuses: with ``required`` that error is raised; without it
    the file is written with the same metadata, /Lang and OutputIntent but no PDF/A claim, and
    :func:`pdfa_problems` says why.
    """
    import pikepdf
    from pikepdf import pdfa

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            if "/Trans" in page.obj:  # reportlab writes an empty page transition on every page
                del page.obj["/Trans"]
        _attach(doc, originals)
        _set_info(doc, meta)
        doc.Root.Lang = pikepdf.String(meta.lang)
        out = io.BytesIO()
        settings: dict[str, Any] = {
            "min_version": "1.7",
            "object_stream_mode": pikepdf.ObjectStreamMode.disable,
            "deterministic_id": True,
        }
        try:
            pdfa.save(
                doc,
                out,
                "3b" if originals else "2b",
                output_intent=srgb_profile(),
                output_condition_identifier=OUTPUT_CONDITION,
                **settings,
            )
        except pdfa.PdfaError:
            if required:
                raise
            with doc.open_metadata(set_pikepdf_as_editor=False) as xmp:
                for key in ("pdfaid:part", "pdfaid:conformance"):
                    if key in xmp:
                        del xmp[key]
            out = io.BytesIO()
            doc.save(out, **settings)
        return out.getvalue()


def claimed_flavour(pdf: bytes) -> str:
    """``"2b"``, ``"3b"``… as the XMP declares it; ``""`` when it claims no PDF/A."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return _flavour(doc)


def _flavour(doc: Any) -> str:
    meta = doc.open_metadata()
    part = str(meta.get("pdfaid:part", "") or "")
    conformance = str(meta.get("pdfaid:conformance", "") or "")
    return f"{part}{conformance.lower()}" if part else ""


def _header_version(pdf: bytes) -> tuple[int, int]:
    found = re.match(rb"%PDF-(\d)\.(\d)", pdf[:16])
    return (int(found.group(1)), int(found.group(2))) if found else (0, 0)


def _intent_problems(doc: Any) -> list[str]:
    intents = [i for i in doc.Root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFA1"]
    if not intents:
        return [_("No tiene OutputIntent PDF/A (GTS_PDFA1).")]
    profile = intents[0].get("/DestOutputProfile")
    if profile is None or int(profile.get("/N", 0)) != 3:
        return [_("El OutputIntent no trae un perfil ICC RGB (N=3).")]
    return []


def _embedded(font: Any) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True
    if font.get("/Subtype") == "/Type0":
        return all(_embedded(d) for d in font.get("/DescendantFonts", []))
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(
        key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
    )


def _fonts_in(resources: Any, seen: set[tuple[int, int]], out: set[str]) -> None:
    if resources is None:
        return
    for font in resources.get("/Font", {}).values():
        if not _embedded(font):
            out.add(str(font.get("/BaseFont", "?")).lstrip("/"))
    for xobject in resources.get("/XObject", {}).values():
        if xobject.objgen in seen or xobject.get("/Subtype") != "/Form":
            continue
        seen.add(xobject.objgen)
        _fonts_in(xobject.get("/Resources"), seen, out)


def unembedded_fonts(doc: Any) -> list[str]:
    """Fonts used on pages, in their forms and in annotation appearances, not embedded."""
    seen: set[tuple[int, int]] = set()
    out: set[str] = set()
    for page in doc.pages:
        _fonts_in(page.obj.get("/Resources"), seen, out)
        for annot in page.obj.get("/Annots", []):
            normal = annot.get("/AP", {}).get("/N")
            if normal is not None and hasattr(normal, "read_raw_bytes"):
                _fonts_in(normal.get("/Resources"), seen, out)
    return sorted(out)


HIDDEN_FLAGS = 1 | 2 | 32 | 256  # Invisible, Hidden, NoView, ToggleNoView
PRINT_FLAG = 4


def form_problems(doc: Any) -> list[str]:
    """An AcroForm is fine in PDF/A-2 when (as ours) it holds only signature fields whose
    widgets print and have an appearance, without NeedAppearances or XFA.

    pikepdf's validator does not check forms; this is the check it leaves to us.
    """
    form = doc.Root.get("/AcroForm")
    if form is None:
        return []
    problems = []
    if bool(form.get("/NeedAppearances", False)) or "/XFA" in form:
        problems.append(_("El formulario pide regenerar apariencias o usa XFA."))
    for field in form.get("/Fields", []):
        name = str(field.get("/T", "?"))
        if field.get("/FT") != "/Sig":
            problems.append(
                _("El formulario tiene un campo que no es de firma: {n}").format(n=name)
            )
            continue
        widgets = field.get("/Kids", [field])
        for widget in widgets:
            flags = int(widget.get("/F", 0))
            if not flags & PRINT_FLAG or flags & HIDDEN_FLAGS:
                problems.append(_("El campo de firma {n} no se imprime.").format(n=name))
            rect = [float(v) for v in widget.get("/Rect", [0, 0, 0, 0])]
            visible = rect[2] != rect[0] and rect[3] != rect[1]
            if visible and "/N" not in widget.get("/AP", {}):
                problems.append(_("El campo de firma {n} no tiene apariencia.").format(n=name))
    return problems


def _accepted(finding: Any, doc: Any) -> bool:
    """pikepdf reports a form as unchecked; accepted when :func:`form_problems` finds none."""
    return (
        finding.kind == "unsupported"
        and finding.where.endswith("/AcroForm")
        and not form_problems(doc)
    )


def _structure_problems(pdf: bytes, doc: Any, flavour: str) -> list[str]:
    problems: list[str] = []
    if flavour[:1] not in ("2", "3") or flavour[1:] != "b":
        problems.append(_("El XMP no declara PDF/A-2b ni PDF/A-3b (pdfaid)."))
    problems += _intent_problems(doc)
    if not str(doc.Root.get("/Lang", "")).strip():
        problems.append(_("No declara el idioma del documento (/Lang)."))
    if "/ID" not in doc.trailer:
        problems.append(_("Falta el identificador del archivo (/ID)."))
    if _header_version(pdf) < (1, 7):
        problems.append(_("La versión PDF es anterior a la 1.7."))
    if doc.is_encrypted:
        problems.append(_("El archivo está cifrado."))
    names = doc.Root.get("/Names")
    if names is not None and "/JavaScript" in names:
        problems.append(_("El archivo tiene JavaScript."))
    for font in unembedded_fonts(doc):
        problems.append(_("Fuente no incrustada: {font}").format(font=font))
    return problems + form_problems(doc)


def pdfa_problems(pdf: bytes) -> list[str]:
    """What keeps ``pdf`` from being PDF/A-2b (or the 3b it claims), in Spanish; [] if none."""
    import pikepdf
    from pikepdf import pdfa

    try:
        with pikepdf.open(io.BytesIO(pdf)) as doc:
            flavour = _flavour(doc)
            problems = _structure_problems(pdf, doc, flavour)
            checked = flavour if flavour in ("2b", "3b") else "2b"
            report = pdfa.validate_written(io.BytesIO(pdf), checked)
            findings = [f for f in report.findings if not _accepted(f, doc)]
    except pikepdf.PdfError:
        return [_("El archivo no es un PDF legible.")]
    for finding in findings:
        problems.append(
            _("Validador PDF/A de pikepdf: {rule} en {where}: {message}").format(
                rule=finding.rule, where=finding.where, message=finding.message
            )
        )
    return problems
