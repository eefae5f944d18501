"""Rebuild the binary articles of the sample corpus (data/*.pdf, data/*.docx) from their sources.

    python scripts/build_sample.py             # writes data/NAME.pdf and data/NAME.docx
    python scripts/build_sample.py --out DIR   # writes them into DIR instead

Each source `scripts/sample_sources/NAME.txt` is a header of `key: value` lines (`format: pdf` or
`format: docx`; the document properties `title`, `author`, `subject`; `date`, an ISO date and time
in UTC that dates the file), a line `---`, then the article as blocks separated by blank lines:

    # text            the headline
    ## text           a subheading
    > text            a standfirst, in italics
    a | b | c         a block of two or more lines that all hold " | " is a table, its first row
                      the header (.docx only); the block just before a table is its caption
    anything else     a paragraph; the first block is the masthead and, in a PDF, the second is
                      set as the dateline under it

`expected_text(source)` is the text a reader of the built file should get back: the blocks without
their markers, one paragraph a block, table rows as `a | b | c`. tests/test_sample_corpus.py checks
that the committed files still read as their sources say.

PDFs use fpdf2's core fonts, which only hold Latin-1 characters: PDF sources are written with
straight quotes and plain hyphens (the build refuses anything else). Builds are reproducible: the
document dates come from the sources and the .docx zip entries carry a fixed timestamp.
"""
from __future__ import annotations

import argparse
import io
import sys
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "scripts" / "sample_sources"
DATA = ROOT / "data"
FORMATS = ("pdf", "docx")
#: the date of a built file whose source gives none
DEFAULT_DATE = datetime(2022, 9, 25, 12, 0, 0, tzinfo=timezone.utc)
#: the timestamp of every entry of a built .docx (zip) archive
_ZIP_DATE = (2022, 9, 25, 12, 0, 0)


@dataclass
class Block:
    kind: str  # "masthead", "headline", "subheading", "standfirst", "paragraph", "caption", "table"
    text: str = ""
    rows: list[list[str]] | None = None


@dataclass
class Source:
    name: str
    format: str
    title: str
    author: str
    subject: str
    date: datetime
    blocks: list[Block]


def parse_source(path: Path) -> Source:
    """Read one source file (see the module docstring); ValueError naming the file if malformed."""
    text = path.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n---\n")
    if not sep:
        raise ValueError(f"{path}: no '---' line after the header")
    meta = {}
    for line in head.splitlines():
        key, colon, value = line.partition(":")
        if not colon:
            raise ValueError(f"{path}: header line without ':': {line!r}")
        meta[key.strip().lower()] = value.strip()
    if meta.get("format") not in FORMATS:
        raise ValueError(f"{path}: format must be one of {', '.join(FORMATS)}")
    try:
        date = datetime.fromisoformat(meta["date"]).replace(tzinfo=timezone.utc) if "date" in meta else DEFAULT_DATE
    except ValueError:
        raise ValueError(f"{path}: date is not an ISO date and time: {meta['date']!r}") from None
    chunks = [chunk.strip() for chunk in body.split("\n\n") if chunk.strip()]
    blocks = []
    for i, chunk in enumerate(chunks):
        lines = chunk.splitlines()
        if len(lines) > 1 and all(" | " in line for line in lines):
            if meta["format"] != "docx":
                raise ValueError(f"{path}: tables are for .docx sources only")
            blocks.append(Block("table", rows=[[cell.strip() for cell in line.split(" | ")] for line in lines]))
            continue
        chunk = " ".join(chunk.split())
        if chunk.startswith("## "):
            blocks.append(Block("subheading", chunk[3:]))
        elif chunk.startswith("# "):
            blocks.append(Block("headline", chunk[2:]))
        elif chunk.startswith("> "):
            blocks.append(Block("standfirst", chunk[2:]))
        else:
            blocks.append(Block("masthead" if i == 0 else "paragraph", chunk))
    for before, block in zip(blocks, blocks[1:]):
        if block.kind == "table" and before.kind == "paragraph":
            before.kind = "caption"
    return Source(name=path.stem, format=meta["format"], title=meta.get("title", ""),
                  author=meta.get("author", ""), subject=meta.get("subject", ""), date=date, blocks=blocks)


def expected_text(source: Source) -> str:
    """The article text the built file holds: one paragraph a block, table rows as `a | b | c`."""
    parts = []
    for block in source.blocks:
        if block.kind == "table":
            parts.extend(" | ".join(row) for row in block.rows)
        else:
            parts.append(block.text)
    return "\n\n".join(parts)


def sources() -> list[Source]:
    return [parse_source(path) for path in sorted(SOURCES.glob("*.txt"))]


# --- PDF ------------------------------------------------------------------------------------------

def build_pdf(source: Source) -> bytes:
    """A one-column newspaper page with fpdf2's core fonts (Latin-1 text only)."""
    from fpdf import FPDF

    for block in source.blocks:
        for text in [block.text, *(cell for row in block.rows or [] for cell in row)]:
            bad = sorted({ch for ch in text if ord(ch) > 0xFF})
            if bad:
                raise ValueError(f"{source.name}: characters outside Latin-1 in a PDF source: {''.join(bad)!r}")

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title(source.title)
    pdf.set_author(source.author)
    pdf.set_subject(source.subject)
    pdf.set_creator("scripts/build_sample.py")
    pdf.set_producer("fpdf2")
    pdf.set_creation_date(source.date)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    styles = {  # kind: (family, style, size, line height, space after, align)
        "masthead": ("Times", "B", 26, 11, 1, "C"),
        "headline": ("Helvetica", "B", 19, 8.5, 4, "L"),
        "standfirst": ("Helvetica", "I", 12, 6, 5, "L"),
        "subheading": ("Helvetica", "B", 12, 6, 2, "L"),
        "paragraph": ("Times", "", 11, 5.2, 3, "J"),
    }
    for i, block in enumerate(source.blocks):
        if i == 1 and block.kind == "paragraph":  # the dateline under the masthead, between rules
            y = pdf.get_y()
            pdf.line(pdf.l_margin, y, pdf.l_margin + width, y)
            pdf.set_font("Helvetica", "", 9)
            pdf.multi_cell(width, 6, block.text, align="C", new_x="LMARGIN", new_y="NEXT")
            y = pdf.get_y()
            pdf.line(pdf.l_margin, y, pdf.l_margin + width, y)
            pdf.ln(6)
            continue
        family, style, size, height, after, align = styles[block.kind]
        pdf.set_font(family, style, size)
        pdf.multi_cell(width, height, block.text, align=align, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(after)
    return bytes(pdf.output())


# --- DOCX -----------------------------------------------------------------------------------------

def build_docx(source: Source) -> bytes:
    """A Word document with a masthead, a title, a standfirst, body paragraphs and tables."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    props = document.core_properties
    props.title, props.author, props.subject = source.title, source.author, source.subject
    props.last_modified_by, props.revision = source.author, 1
    props.created = props.modified = props.last_printed = source.date.replace(tzinfo=None)
    for block in source.blocks:
        if block.kind == "masthead":
            paragraph = document.add_paragraph()
            run = paragraph.add_run(block.text)
            run.bold, run.font.size = True, Pt(16)
        elif block.kind == "headline":
            document.add_heading(block.text, level=0)
        elif block.kind == "subheading":
            document.add_heading(block.text, level=2)
        elif block.kind == "standfirst":
            document.add_paragraph().add_run(block.text).italic = True
        elif block.kind == "caption":
            document.add_paragraph(block.text, style="Caption")
        elif block.kind == "table":
            table = document.add_table(rows=0, cols=len(block.rows[0]))
            table.style = "Table Grid"
            for n, cells in enumerate(block.rows):
                row = table.add_row()
                for cell, text in zip(row.cells, cells):
                    cell.text = text
                    if n == 0:
                        cell.paragraphs[0].runs[0].bold = True
                    elif text.isdigit():
                        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            document.add_paragraph(block.text)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip_dates(buffer.getvalue())


def _fixed_zip_dates(data: bytes) -> bytes:
    """The same zip archive with every entry dated `_ZIP_DATE`, so that rebuilds give the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# --- command line ---------------------------------------------------------------------------------

def build(source: Source) -> bytes:
    return build_pdf(source) if source.format == "pdf" else build_docx(source)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Rebuild data/*.pdf and data/*.docx from scripts/sample_sources/.")
    parser.add_argument("--out", type=Path, default=DATA, help="folder to write into (default: data/)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        built = [(source, build(source)) for source in sources()]
    except ValueError as error:
        print(f"build_sample: {error}", file=sys.stderr)
        return 1
    for source, data in built:
        target = args.out / f"{source.name}.{source.format}"
        target.write_bytes(data)
        print(f"wrote {target} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
