"""Reads .docx files back with python-docx, as a word processor's library
sees them, and prints what the Word tests assert on, as JSON (one object per
file given): paragraphs with their style, tables, pictures with alt text,
header and footer, the document's language and page size.

Run by tests/suite/docx.rs; python-docx comes from PyPI (.ci/run installs it).
"""

import json
import sys
import zipfile

import docx
from docx.oxml.ns import qn


def paragraph(p):
    ppr = p._p.pPr
    return {
        "style": p.style.name if p.style is not None else None,
        "text": p.text,
        "bidi": ppr is not None and ppr.find(qn("w:bidi")) is not None,
    }


def table(t):
    return {
        "style": t.style.name if t.style is not None else None,
        "bidi": t._tbl.tblPr.find(qn("w:bidiVisual")) is not None,
        "rows": [[cell.text for cell in row.cells] for row in t.rows],
    }


def read(path):
    document = docx.Document(path)
    section = document.sections[0]
    styles = document.styles.element
    lang = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    pictures = []
    for shape in document.inline_shapes:
        doc_pr = shape._inline.docPr
        pictures.append({
            "name": doc_pr.get("name"),
            "alt": doc_pr.get("descr"),
            "width_emu": int(shape.width),
            "height_emu": int(shape.height),
        })
    with zipfile.ZipFile(path) as package:
        xml = {name: package.read(name).decode("utf-8") for name in package.namelist() if name.endswith(".xml")}
    header = "\n".join(p.text for p in section.header.paragraphs)
    footer = "\n".join(p.text for p in section.footer.paragraphs)
    paragraphs = [paragraph(p) for p in document.paragraphs]
    tables = [table(t) for t in document.tables]
    texts = [p["text"] for p in paragraphs]
    for t in tables:
        for row in t["rows"]:
            texts.extend(row)
    texts.extend([header, footer])
    texts.extend(p["alt"] or "" for p in pictures)
    return {
        "paragraphs": paragraphs,
        "tables": tables,
        "pictures": pictures,
        "header": header,
        "footer": footer,
        "footer_xml": xml.get("word/footer1.xml", ""),
        "header_xml": xml.get("word/header1.xml", ""),
        "document_xml": xml.get("word/document.xml", ""),
        "lang": lang.get(qn("w:val")) if lang is not None else None,
        "bidi_lang": lang.get(qn("w:bidi")) if lang is not None else None,
        "page_width": int(section.page_width),
        "page_height": int(section.page_height),
        "title": document.core_properties.title,
        "language": document.core_properties.language,
        "text": "\n".join(texts),
    }


print(json.dumps([read(path) for path in sys.argv[1:]], ensure_ascii=False))
