"""Document classification and indicator links (never touches the database).

``analyse(doc, facts, linker)`` is the one call ingest makes per document: the document type with its dates, then the
indicator links found with that type as context.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from extract.model import DocClass, Document, Fact, Link

if TYPE_CHECKING:
    from classifiers.linker import IndicatorLinker


def analyse(doc: Document, facts: list[Fact], linker: "IndicatorLinker") -> tuple[DocClass, list[Link]]:
    """Classify ``doc`` and link it to catalog indicators. A document without text (a photo, a scan whose OCR
    found nothing) is classified from its file and folder names with a low confidence. A bound compilation
    (资料汇编) keeps the type of its first document, with a cue listing the documents it holds."""
    from dataclasses import replace

    from classifiers.doctype import classify_document
    from classifiers.sections import compilation_cue, split_sections

    docclass = classify_document(doc, facts)
    sections = split_sections(doc, facts)
    if sections:  # a bound compilation: say so, and link each part with its own type and dates
        docclass = replace(docclass, cues=docclass.cues + (compilation_cue(sections),))
    return docclass, linker.link(doc, facts, docclass, sections)


__all__ = ["analyse"]
