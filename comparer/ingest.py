"""The one input gate: bytes and a file name in, `Article` records out (SPEC sections 2 and 8).

Everything after this module can trust its input: text is decoded, newlines are "\\n", paragraphs
of HTML, PDF and .docx inputs are separated by a blank line, and every article has a source and an
outlet. What cannot be read raises `IngestError(name, reason)` with a short human reason; no
library exception escapes.

Two families of functions:

- `read_path` / `read_bytes` return the articles of one input and raise `IngestError` when the input
  is unusable as a whole. Bad rows of a bulk .csv/.jsonl file are left out.
- `load_bytes` / `load_inputs` never raise for bad input: they return `(articles, errors)`, the
  errors holding both whole inputs that failed and bulk rows that failed (named `FILE#ROW`).
  The app (uploaded bytes) and the CLI (paths) use these, so one bad input never stops a batch.

`read_bytes(data, name)` goes through these stages in order:
  1. the type, from the extension of `name` (`SUPPORTED`);
  2. the size (`MAX_FILE_BYTES` for documents, `MAX_BULK_BYTES` for .csv/.jsonl) and emptiness;
  3. the format's reader: decoding and binary detection for text, trafilatura (with an lxml
     fallback) for HTML, pypdf for PDF, python-docx behind a zip-bomb check for .docx, the csv
     module / json for bulk files;
  4. the article checks: some text, at most `MAX_TEXT_CHARS` characters.

Heavy libraries (trafilatura, lxml, pypdf, python-docx, charset-normalizer) are imported inside the
functions that need them, so `import comparer.ingest` stays fast.
"""
from __future__ import annotations

import codecs
import csv
import functools
import io
import json
import logging
import os
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

from comparer.errors import IngestError
from comparer.models import Article

__all__ = [
    "MAX_BULK_BYTES",
    "MAX_FILE_BYTES",
    "MAX_TEXT_CHARS",
    "SUPPORTED",
    "expand_paths",
    "load_bytes",
    "load_inputs",
    "outlet_from_name",
    "read_bytes",
    "read_path",
]

MAX_FILE_BYTES = 50 * 1024**2
"""Largest document input (.txt, .md, .html, .htm, .pdf, .docx)."""
MAX_BULK_BYTES = 500 * 1024**2
"""Largest bulk input (.csv, .jsonl)."""
MAX_TEXT_CHARS = 5_000_000
"""Longest text of one article."""
MAX_DOCX_UNZIPPED = 200 * 1024**2
"""Largest total uncompressed size a .docx may declare (zip-bomb guard)."""
MAX_ZIP_RATIO = 100
"""Largest compression ratio of one .docx member over 1 MB (zip-bomb guard)."""
SUPPORTED = (".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".csv", ".jsonl")
BULK = (".csv", ".jsonl")

_MB = 1024**2
_SUPPORTED_HINT = "use .txt, .md, .html, .pdf, .docx, .csv or .jsonl"
_CONTROL_SHARE = 0.01  # decoded text with more control characters than this is binary data
_NOT_TEXT = "not text: looks like binary data"
# the control characters that make a text binary data: C0 but tab and newlines, DEL and C1 (in Latin-1)
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0e, 0x20), *range(0x7f, 0xa0)])
_CHUNK = 1_000_000


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def read_path(path: str | Path) -> list[Article]:
    """Read one file into its articles; raise `IngestError` naming the path when it is unusable.

    The type is checked from the extension and the size with `stat` before anything is read.
    """
    return read_bytes(_read_file(path), str(path))


def read_bytes(data: bytes, name: str) -> list[Article]:
    """Turn one input (its bytes and its file name or path) into its articles.

    A list because a bulk .csv/.jsonl file holds one article a row. Raises `IngestError(name,
    reason)` when the input is unusable as a whole. Bad rows of a bulk file are left out here; use
    `load_bytes` to have them reported as errors named `FILE#ROW`.
    """
    articles, row_errors = _ingest(data, name)
    if not articles:
        first = row_errors[0]
        raise IngestError(name, f"no usable rows ({len(row_errors)} failed; first: {first.source}: {first.reason})")
    return articles


def load_bytes(data: bytes, name: str) -> tuple[list[Article], list[IngestError]]:
    """Like `read_bytes`, but never raises for bad input: returns `(articles, errors)`.

    `errors` holds either the one error of an unusable input (named `name`) or the errors of the
    bad rows of a bulk file (named `FILE#ROW`), whose good rows are in `articles`.
    """
    try:
        return _ingest(data, name)
    except IngestError as error:
        return [], [error]


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Expand the paths a user gave into the files to read, in a stable order.

    Files are kept as given (even of an unsupported type, so that they are reported). Directories
    are walked recursively in sorted order, skipping hidden files and folders (".name"), files
    named README* or LICENSE*, files of unsupported types and symlinked folders. Paths that do not
    exist are kept as they are, so that reading them reports the error. A file met twice is kept
    once.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        files = _walk(path) if path.is_dir() else [path]
        for file in files:
            key = Path(os.path.abspath(file))
            if key not in seen:
                seen.add(key)
                found.append(file)
    return found


def load_inputs(paths: Iterable[str | Path]) -> tuple[list[Article], list[IngestError]]:
    """Read every file under `paths` (see `expand_paths`); return `(articles, errors)`.

    One bad input never stops the batch: its error is collected and the others are read. Errors
    of whole files are named by the path; errors of bulk rows by `FILE#ROW`.
    """
    articles: list[Article] = []
    errors: list[IngestError] = []
    for path in expand_paths(paths):
        found, failed = load_file(path)
        articles.extend(found)
        errors.extend(failed)
    return articles, errors


def load_file(path: str | Path, name: str | None = None) -> tuple[list[Article], list[IngestError]]:
    """One file of `load_inputs`: its articles and errors, never raising. It is read from `path`
    and named `name` (default: the path as given), so that a worker of the Dask engine, in another
    folder, reads a file at its absolute path under the name the user gave it."""
    name = str(path) if name is None else name
    try:
        data = _read_file(path, name)
    except IngestError as error:
        return [], [error]
    return load_bytes(data, name)


def outlet_from_name(name: str) -> str:
    """Derive an outlet name from a file name: `kyiv-dispatch.html` -> `Kyiv Dispatch`.

    The stem is split on "-", "_", "." and spaces; each all-lowercase word is capitalised, other
    words (`BBC`, `McClatchy`) are kept as they are.
    """
    stem = Path(_base_name(name)).stem or _base_name(name)
    words = [word for word in re.split(r"[-_.\s]+", stem) if word]
    pretty = [word[:1].upper() + word[1:] if word.islower() else word for word in words]
    return " ".join(pretty) or stem


# --------------------------------------------------------------------------------------------
# Dispatch
# --------------------------------------------------------------------------------------------


def _ingest(data: bytes, name: str) -> tuple[list[Article], list[IngestError]]:
    """Read one input: its articles and the errors of its bad bulk rows; raise if unusable."""
    extension = _extension(name)
    _check_type(extension, name)
    _check_size(len(data), extension, name)
    if not data:
        raise IngestError(name, "empty file")
    if extension in BULK:
        articles, row_errors = (_read_csv if extension == ".csv" else _read_jsonl)(data, name)
        _check_rows(name, len(articles), row_errors)
        return articles, row_errors
    readers = {".txt": _read_text, ".md": _read_text, ".html": _read_html, ".htm": _read_html,
               ".pdf": _read_pdf, ".docx": _read_docx}
    return [readers[extension](data, name)], []


def _check_rows(name: str, n_articles: int, row_errors: list[IngestError]) -> None:
    """Raise when a bulk file has no row at all (no article, and no bad row to report)."""
    if not n_articles and not row_errors:
        raise IngestError(name, "no rows")


def _read_file(path: str | Path, name: str | None = None) -> bytes:
    """The bytes of a file, after checking its type and size; `IngestError` naming the path (or `name`)."""
    name = str(path) if name is None else name
    extension = _extension(name)
    if not os.path.lexists(path):
        raise IngestError(name, "no such file")
    _check_type(extension, name)
    try:
        stat = os.stat(path)
        if not os.path.isfile(path):
            raise IngestError(name, "not a file")
        _check_size(stat.st_size, extension, name)
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise IngestError(name, "no such file") from None
    except PermissionError:
        raise IngestError(name, "cannot read: permission denied") from None
    except OSError as error:
        raise IngestError(name, f"cannot read: {error.strerror or error}") from None


def _check_type(extension: str, name: str) -> None:
    if extension not in SUPPORTED:
        what = f"file type {extension}" if extension else "file type (no extension)"
        raise IngestError(name, f"unsupported {what} ({_SUPPORTED_HINT})")


def _check_size(size: int, extension: str, name: str) -> None:
    limit = MAX_BULK_BYTES if extension in BULK else MAX_FILE_BYTES
    if size > limit:
        raise IngestError(name, f"file is {size / _MB:.1f} MB, over the {limit // _MB} MB limit")


def _extension(name: str) -> str:
    path = urlsplit(name).path if "://" in name else name
    return Path(path).suffix.lower()


@functools.lru_cache(maxsize=64)  # asked for each row of a bulk file, of the same name
def _base_name(name: str) -> str:
    """The file name without folders (`source` of an article); a URL is kept whole."""
    if "://" in name:
        return name
    return Path(name).name or name


def _walk(folder: Path) -> list[Path]:
    files: list[Path] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for file_name in names:
            upper = file_name.upper()
            if file_name.startswith(".") or upper.startswith(("README", "LICENSE")):
                continue
            if Path(file_name).suffix.lower() in SUPPORTED:
                files.append(Path(root) / file_name)
    return sorted(files, key=lambda p: p.parts)


def _document(text: str, name: str, *, outlet: str | None = None, title: str | None = None,
              published: str | None = None) -> Article:
    """The Article of a one-article input, after the text checks."""
    if not text.strip():
        raise IngestError(name, "no text")
    _check_text_length(len(text), name)
    return Article(text=text, source=_base_name(name), outlet=outlet or outlet_from_name(name),
                   title=title or None, published=published)


def _check_text_length(length: int, name: str) -> None:
    if length > MAX_TEXT_CHARS:
        raise IngestError(name, f"text is {length:,} characters, over the {MAX_TEXT_CHARS:,} limit")


def _short(error: BaseException) -> str:
    """A library exception as a short reason."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text if len(text) <= 120 else text[:117] + "..."


# --------------------------------------------------------------------------------------------
# Text: decoding
# --------------------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _decode(data: bytes, name: str) -> str:
    """Decode text bytes of an unknown encoding; raise `IngestError` for binary data.

    Order: a byte-order mark; strict UTF-8; UTF-16 without a BOM (recognised by its NUL bytes);
    UTF-8 lines mixed with Windows-1252 lines; then charset-normalizer, with Windows-1252 preferred when it is as plausible as the detector's
    pick (short Western texts fool detectors; Latin-1 text decodes the same under Windows-1252).
    """
    text = _decode_bytes(data, name)
    if text.startswith("\ufeff"):
        text = text[1:]
    if _control_share_over(text, _CONTROL_SHARE):
        raise IngestError(name, _NOT_TEXT)
    return text


def _control_counts(text: str):
    """The control characters (other than tab, newlines, form feed) of each _CHUNK of `text`, in
    chunks so that a copy of a part of the text is made at a time. Counted at bytes' speed (a search
    of [\x00-\x08\x0e-\x1f\x7f-\x9f] would try each character against its set): all are below
    U+0100, so the Latin-1 bytes of the text, with "?" for each character past it, hold them all."""
    for start in range(0, len(text), _CHUNK):
        raw = text[start:start + _CHUNK].encode("latin-1", "replace")
        yield len(raw) - len(raw.translate(None, _CONTROL_BYTES))


def _control_share_over(text: str, share: float) -> bool:
    """Whether control characters (other than tab, newlines, form feed) exceed `share` of `text`."""
    limit = share * max(len(text), 1)
    count = 0
    for found in _control_counts(text):  # binary data: told from its first chunks
        count += found
        if count > limit:
            return True
    return False


def _decode_bytes(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                raise IngestError(name, f"not text: invalid {encoding.upper()} after its byte-order mark") from None
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise IngestError(name, _NOT_TEXT)
        return utf16
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mixed = _mixed_utf8(data)
    if mixed is not None:
        return mixed
    return _decode_legacy(data, name)


def _mixed_utf8(data: bytes) -> str | None:
    """Text pasted together from UTF-8 and Windows-1252 sources: each line in its own encoding.

    Only when some non-ASCII line is valid UTF-8 (a wholly Windows-1252 or other legacy text has
    none, and is left to the detector) and every other line decodes as Windows-1252.
    """
    lines: list[str] = []
    utf8 = legacy = False
    for line in data.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
            utf8 = utf8 or not line.isascii()
        except UnicodeDecodeError:
            try:
                lines.append(line.decode("cp1252"))
            except UnicodeDecodeError:
                return None
            legacy = True
    return "\n".join(lines) if utf8 and legacy else None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: mostly-ASCII text leaves NUL in every other byte."""
    if len(data) % 2:
        return None
    half = len(data) // 2
    odd_nuls = data[1::2].count(0)
    even_nuls = data[0::2].count(0)
    for nuls, other, encoding in ((odd_nuls, even_nuls, "utf-16-le"), (even_nuls, odd_nuls, "utf-16-be")):
        if nuls >= 0.7 * half and other <= 0.05 * half:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _decode_legacy(data: bytes, name: str) -> str:
    """Bytes that are not UTF-8: a single- or multi-byte legacy encoding, detected."""
    from charset_normalizer import from_bytes

    try:
        matches = from_bytes(data)
    except Exception as error:  # the detector must not decide what escapes
        raise IngestError(name, f"not text: {_short(error)}") from None
    best = matches.best()
    western = _western_1252(data)
    if western is not None:
        by_encoding = {match.encoding: match for match in matches}
        cp1252 = by_encoding.get("cp1252")
        if best is None or best.encoding in ("cp1252", "latin_1", "ascii"):
            return western
        if cp1252 is not None and cp1252.chaos <= best.chaos + 0.05:
            return western
        if cp1252 is None and best.coherence < 0.2:  # the detector recognised no language
            return western
    if best is None:
        raise IngestError(name, _NOT_TEXT)
    return str(best)


def _western_1252(data: bytes) -> str | None:
    """The Windows-1252 reading of `data` if it decodes and looks like Western text, else None.

    Western-European text is mostly ASCII letters; Cyrillic or Greek bytes read as Windows-1252
    give words made wholly of accented letters, which this refuses.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [ch for ch in text[:_CHUNK] if ch.isalpha()]
    if not letters:
        return text
    accented = sum(1 for ch in letters if ord(ch) > 127)
    return text if accented <= 0.3 * len(letters) else None


def _normalise_newlines(text: str) -> str:
    if "\r" not in text:  # most texts: one look for it (at memchr speed), not two replacements
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------------------------
# .txt / .md
# --------------------------------------------------------------------------------------------


def _read_text(data: bytes, name: str) -> Article:
    """Plain text or Markdown, kept as it is but for newlines ("\\n") and the BOM."""
    text = _normalise_newlines(_decode(data, name))
    return _document(text, name, title=_first_line_title(text))


def _first_line_title(text: str) -> str | None:
    """The first line as a title when it looks like a headline (short, no final punctuation)."""
    lines = text.lstrip().split("\n", 2)
    first = lines[0].strip().lstrip("#").strip()
    followed_by_break = len(lines) == 1 or not lines[1].strip()
    if first and len(first) <= 200 and followed_by_break and not first.endswith((".", ",", ";", ":")):
        return first
    return None


# --------------------------------------------------------------------------------------------
# .html / .htm
# --------------------------------------------------------------------------------------------

_MAX_HTML_DEPTH = 256  # libxml2's limit without XML_PARSE_HUGE
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
# page furniture removed before extraction (the title, in an <h1>, is never inside these)
_DROP_XPATH = (
    "//script|//style|//noscript|//template|//nav|//footer|//aside|//form|//iframe|//svg"
    "|//button|//select|//header[not(.//h1)]"
    "|//*[@role='navigation' or @role='contentinfo' or @role='complementary' or @role='search']"
    "|//*[@role='banner'][not(.//h1)]|//*[@aria-hidden='true']"
)
_FURNITURE_WORDS = frozenset(
    "nav navbar navigation menu footer sidebar breadcrumb breadcrumbs cookie cookies newsletter "
    "subscribe subscription paywall advert advertisement ad ads promo social share sharing "
    "related comment comments masthead".split()
)
_BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre table tr thead tbody tfoot caption "
    "section article main header figure figcaption address hr".split()
)


def _read_html(data: bytes, name: str) -> Article:
    """Main text and metadata of a web page, without navigation, ads, footers or comments.

    Page furniture is dropped first (by tag, role, and class/id words such as `nav` or `footer`),
    then trafilatura extracts the main text, title, site name and date; when it finds nothing (a
    short page) the text of <article>, <main> or <body> is taken instead. One paragraph per block,
    paragraphs separated by a blank line, and the text begins with the title.
    """
    from lxml import etree, html as lxml_html

    _quiet("trafilatura")
    _quiet("htmldate")
    text = _normalise_newlines(_decode_html(data, name))
    text = _NOT_XML.sub("", _XML_DECLARATION.sub("", text, count=1))  # lxml refuses these
    parser = lxml_html.HTMLParser()  # one per page: its error log is the page's own
    try:
        tree = lxml_html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as error:
        if not text.strip():
            raise IngestError(name, "no text") from None
        raise IngestError(name, f"corrupt HTML: {_short(error)}") from None
    if any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in parser.error_log):
        # libxml2 stops reading below 256 levels of elements, so the text there would be lost silently
        raise IngestError(name, f"HTML nested too deeply (over {_MAX_HTML_DEPTH} levels of elements)")
    try:
        body, title, outlet, published = _html_parts(tree)
    except Exception as error:  # lxml on pathological markup: no library exception escapes
        raise IngestError(name, f"corrupt HTML: {_short(error)}") from None
    paragraphs = [" ".join(line.split()) for line in body.split("\n")]
    paragraphs = [p for p in paragraphs if p and p.strip("|")]
    if not paragraphs:
        raise IngestError(name, "no article text found in the page")
    if title and not _same_start(paragraphs[0], title):
        paragraphs.insert(0, title)
    return _document("\n\n".join(paragraphs), name, outlet=outlet or outlet_from_name(name),
                     title=title, published=published)


def _html_parts(tree) -> tuple[str, str | None, str | None, str | None]:
    """The body text (one block a line), title, site name and ISO date of a parsed page."""
    import trafilatura
    from trafilatura.metadata import extract_metadata
    from trafilatura.settings import set_date_params

    _drop_furniture(tree)
    date_params = set_date_params(False)  # dates from the page's metadata only, not its text
    try:
        document = trafilatura.bare_extraction(
            _copy(tree), include_comments=False, include_tables=True, with_metadata=True,
            date_extraction_params=date_params)
    except Exception:  # trafilatura failing on odd markup: fall back to our own clean-up
        document = None
    if document is not None and (document.text or "").strip():
        body = document.text
    else:
        try:
            document = extract_metadata(_copy(tree), date_config=date_params)
        except Exception:
            document = None
        body = _html_text(tree)
    title = _clean(getattr(document, "title", None))
    outlet = _clean(getattr(document, "sitename", None)) or _meta_content(tree, "og:site_name")
    return body, title, outlet, _iso_date(getattr(document, "date", None))


def _decode_html(data: bytes, name: str) -> str:
    """Decode HTML: a BOM, else the <meta> charset (if it decodes), else as any text."""
    if not any(data.startswith(bom) for bom, _ in _BOMS):
        match = _META_CHARSET.search(data[:4096])
        if match:
            label = match.group(1).decode("ascii").lower()
            # as browsers do (WHATWG): Latin-1 and ASCII labels mean Windows-1252
            if label in ("iso-8859-1", "iso8859-1", "latin1", "latin-1", "ascii", "us-ascii"):
                label = "cp1252"
            try:
                if not codecs.lookup(label).name.startswith("utf-16"):
                    return data.decode(label)
            except (LookupError, UnicodeDecodeError):
                pass
    return _decode(data, name)


def _copy(tree):
    from copy import deepcopy

    return deepcopy(tree)


def _drop_furniture(tree) -> None:
    """Remove navigation, headers, footers, asides, forms, ads and scripts from the tree."""
    for element in tree.xpath(_DROP_XPATH):
        if element.getparent() is not None:
            element.drop_tree()
    total = len(tree.text_content())
    for element in list(tree.iter()):
        if not isinstance(element.tag, str) or element.tag in ("html", "body", "article", "main"):
            continue
        words = re.split(r"[\s_-]+", f"{element.get('class', '')} {element.get('id', '')}".lower())
        if not _FURNITURE_WORDS.intersection(words):
            continue
        # a wrapper named e.g. "has-sidebar" that holds the article itself is kept
        if element.xpath(".//h1|.//article|.//main") or len(element.text_content()) > 0.3 * total:
            continue
        if element.getparent() is not None:
            element.drop_tree()


def _html_text(tree) -> str:
    """Our own text of a page trafilatura found nothing in: <article>, <main> or <body>.

    One line per block element; table cells joined with " | ".
    """
    candidates = tree.xpath("//article|//main")
    root = max(candidates, key=lambda el: len(el.text_content())) if candidates else None
    if root is None or not root.text_content().strip():
        bodies = tree.xpath("//body")
        root = bodies[0] if bodies else tree
    parts: list[str] = []
    _walk_html(root, parts)
    lines = []
    for line in "".join(parts).split("\n"):
        cells = [" ".join(cell.split()) for cell in line.split("\t")]
        lines.append(" | ".join(cell for cell in cells if cell))
    return "\n".join(line for line in lines if line)


def _walk_html(element, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""  # comments have no text to keep
    block = tag in _BLOCK_TAGS
    if block or tag == "br":
        parts.append("\n")
    if tag and element.text:
        parts.append(element.text)
    for child in element:
        _walk_html(child, parts)
    if tag in ("td", "th"):
        parts.append("\t")
    if block:
        parts.append("\n")
    if element.tail:
        parts.append(element.tail)


def _meta_content(tree, prop: str) -> str | None:
    values = tree.xpath(f"//meta[@property='{prop}' or @name='{prop}']/@content")
    return _clean(values[0]) if values else None


def _same_start(paragraph: str, title: str) -> bool:
    def norm(s: str) -> str:
        return " ".join(s.split()).casefold()
    return norm(paragraph).startswith(norm(title))


# --------------------------------------------------------------------------------------------
# .pdf
# --------------------------------------------------------------------------------------------

_PARAGRAPH_END = (".", "!", "?", ":", "\u201d", '"')
_CONTINUES = (",", ";", "-", "\u2013", "\u2014", "(")
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)


def _read_pdf(data: bytes, name: str) -> Article:
    """The text layer of every page, reflowed into paragraphs; the title from the metadata."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    _quiet("pypdf")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except DependencyError:
                raise IngestError(name, "encrypted PDF (AES: opening it needs the 'cryptography' package)") from None
            if not opened:
                raise IngestError(name, "encrypted PDF")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = _clean(reader.metadata.title) if reader.metadata else None
    except IngestError:
        raise
    except Exception as error:
        raise IngestError(name, f"corrupt PDF: {_short(error)}") from None
    if not any(page.strip() for page in pages):
        raise IngestError(name, "PDF has no text layer (scanned? OCR is not supported)")
    return _document(_reflow(pages), name, title=title)


def _quiet(logger_name: str) -> None:
    """Keep a library's warnings about broken files off stderr unless the app configures logging."""
    logger = logging.getLogger(logger_name)
    if not any(isinstance(handler, logging.NullHandler) for handler in logger.handlers):
        logger.addHandler(logging.NullHandler())


def _reflow(pages: list[str]) -> str:
    """Join the lines a PDF wrapped back into paragraphs separated by a blank line.

    A paragraph ends at a blank line, after a line ending in . ! ? : or a closing quote, and after a
    short line (under 60 % of the usual line width, such as a heading) unless the next line goes on
    in lowercase. Page numbers at the top or bottom of a page are dropped; a word hyphenated at a
    line end is joined without a space.
    """
    lines: list[str] = []
    for page in pages:
        page_lines = [line.strip() for line in _normalise_newlines(page).split("\n")]
        while page_lines and not page_lines[0]:
            page_lines.pop(0)
        while page_lines and not page_lines[-1]:
            page_lines.pop()
        if page_lines and _PAGE_NUMBER.match(page_lines[0]):
            page_lines.pop(0)
        if page_lines and _PAGE_NUMBER.match(page_lines[-1]):
            page_lines.pop()
        lines.extend(page_lines)
    widths = sorted(len(line) for line in lines if line)
    usual = widths[int(0.9 * (len(widths) - 1))] if widths else 0
    paragraphs: list[str] = []
    current = ""
    previous = ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
            current = previous = ""
            continue
        if current:
            short = len(previous) < 0.6 * usual and not previous.endswith(_CONTINUES)
            if short and not line[0].islower():
                paragraphs.append(current)
                current = ""
        if not current:
            current = line
        elif current.endswith("-") and len(current) > 1 and current[-2].isalnum():
            current += line
        else:
            current += " " + line
        previous = line
        if line.endswith(_PARAGRAPH_END):
            paragraphs.append(current)
            current = previous = ""
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


# --------------------------------------------------------------------------------------------
# .docx
# --------------------------------------------------------------------------------------------


def _read_docx(data: bytes, name: str) -> Article:
    """Paragraphs and table rows (cells joined with " | ") in document order; title from properties."""
    _check_zip(data, name)
    try:
        import docx
        from docx.table import Table

        document = docx.Document(io.BytesIO(data))
        blocks: list[str] = []
        for item in document.iter_inner_content():
            if isinstance(item, Table):
                blocks.extend(_table_rows(item))
            else:
                blocks.extend(line.strip() for line in item.text.split("\n"))
        title = _clean(document.core_properties.title)
    except Exception as error:
        raise IngestError(name, f"corrupt .docx: {_short(error)}") from None
    text = "\n\n".join(block for block in blocks if block)
    return _document(text, name, title=title)


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:  # a merged cell is repeated: keep it once
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            text = " ".join(cell.text.split())
            if text:
                cells.append(text)
        rows.append(" | ".join(cells))
    return rows


def _check_zip(data: bytes, name: str) -> None:
    """Refuse what is not a zip archive, and zip bombs, from the declared sizes (nothing inflated).

    Python's zipfile never inflates more than a member's declared size, so the declared sizes
    bound what python-docx can unpack.
    """
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise IngestError(name, "corrupt .docx: an old Word .doc file (save it as .docx)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise IngestError(name, "corrupt .docx: not a zip archive") from None
    total = sum(member.file_size for member in members)
    if total > MAX_DOCX_UNZIPPED:
        raise IngestError(name, f".docx unpacks to {total / _MB:.0f} MB, over the "
                                f"{MAX_DOCX_UNZIPPED // _MB} MB limit (zip bomb?)")
    for member in members:
        if member.file_size > _MB and member.file_size > MAX_ZIP_RATIO * max(member.compress_size, 1):
            raise IngestError(name, f".docx member {member.filename} is compressed over "
                                    f"{MAX_ZIP_RATIO} times (zip bomb?)")


# --------------------------------------------------------------------------------------------
# Bulk: .csv / .jsonl
# --------------------------------------------------------------------------------------------


def _read_csv(data: bytes, name: str) -> tuple[list[Article], list[IngestError]]:
    """One article a record; header names matched case-insensitively; `,`, `;` or tab separated.

    Rows are numbered from 1 over data records (the header and blank lines are not rows).
    """
    text = _decode(data, name)
    delimiter = _csv_delimiter(text)
    old_limit = csv.field_size_limit()
    csv.field_size_limit(MAX_BULK_BYTES)  # a long text is a row error below, not a csv.Error
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            header = next(reader, None)
        except csv.Error as error:
            raise IngestError(name, f"corrupt CSV: {_short(error)}") from None
        columns = [column.strip().lower() for column in header or []]
        if "text" not in columns:
            raise IngestError(name, "CSV has no 'text' column")
        articles: list[Article] = []
        errors: list[IngestError] = []
        row = 0
        while True:
            try:
                record = next(reader, None)
            except csv.Error as error:
                errors.append(IngestError(_row_name(name, row + 1),
                                          f"corrupt CSV, rows from here on not read: {_short(error)}"))
                break
            if record is None:
                break
            if not any(field.strip() for field in record):
                continue
            row += 1
            fields: dict[str, object] = {}
            for column, value in zip(columns, record):
                fields.setdefault(column, value)
            _add_row(fields, name, row, articles, errors)
    finally:
        csv.field_size_limit(old_limit)
    return articles, errors


def _csv_delimiter(text: str) -> str:
    """The separator whose split of the header line gives a `text` column (`,` by default)."""
    header = text.split("\n", 1)[0]
    for delimiter in (",", ";", "\t"):
        if "text" in (cell.strip().strip('"').lower() for cell in header.split(delimiter)):
            return delimiter
    return ","


def _read_jsonl(data: bytes, name: str) -> tuple[list[Article], list[IngestError]]:
    """One JSON object a line; blank lines are not rows."""
    articles, errors, objects, with_text = _jsonl_rows(_decode(data, name), name, 0)
    _check_jsonl(name, errors, objects, with_text)
    return articles, errors


def _jsonl_rows(text: str, name: str, rows_before: int) -> tuple[list[Article], list[IngestError], int, int]:
    """The articles and row errors of JSON lines (rows numbered on from `rows_before`), how many rows
    are JSON objects and how many of those have a `text` field."""
    articles: list[Article] = []
    errors: list[IngestError] = []
    row = rows_before
    objects = with_text = 0
    for line in text.split("\n"):  # not splitlines(): JSON strings may hold U+2028
        line = line.rstrip("\r")
        if not line.strip():
            continue
        row += 1
        try:
            fields = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as error:
            errors.append(IngestError(_row_name(name, row), f"broken JSON: {_short(error)}"))
            continue
        if not isinstance(fields, dict):
            errors.append(IngestError(_row_name(name, row), "not a JSON object"))
            continue
        objects += 1
        with_text += "text" in fields
        _add_row(fields, name, row, articles, errors)
    return articles, errors, objects, with_text


def _check_jsonl(name: str, errors: list[IngestError], objects: int, with_text: int) -> None:
    """Raise when a whole JSONL file is unusable (from what `_jsonl_rows` found in all of it)."""
    if objects and not with_text:
        raise IngestError(name, "JSONL has no 'text' field")
    if not objects and errors:
        raise IngestError(name, f"not JSON lines (row 1: {errors[0].reason})")


# --------------------------------------------------------------------------------------------
# A large .jsonl in chunks (the Dask engine's partitions): the same articles and errors as reading
# it whole, each chunk read on its own
# --------------------------------------------------------------------------------------------


def jsonl_chunks(size: int, chunk_bytes: int) -> list[tuple[int, int]]:
    """Byte ranges [start, end) that cut a file of `size` bytes into chunks of about `chunk_bytes`.
    A chunk holds the lines that start in its range (see `jsonl_chunk_bytes`)."""
    chunk_bytes = max(1, chunk_bytes)
    return [(start, min(start + chunk_bytes, size)) for start in range(0, size, chunk_bytes)] or [(0, 0)]


def jsonl_chunk_bytes(path: str | Path, start: int, end: int) -> bytes:
    """The whole lines of a file that start at a byte in [start, end): chunks of one file, read
    in order, put it back together."""
    with open(path, "rb") as handle:
        if start > 0:
            handle.seek(start - 1)
            handle.readline()  # the end of a line that started before `start`: the previous chunk's
        position = handle.tell()
        if position >= end:
            return b""
        data = handle.read(end - position)
        if data and not data.endswith(b"\n"):
            data += handle.readline()
        return data


def _chunk_text(data: bytes, first: bool) -> str | None:
    """A chunk's text when it is read as the whole file would be, by strict UTF-8 (without the
    byte-order mark of the file's first chunk), else None (the file must then be read whole)."""
    if first and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    if b"\x00" in data:  # read whole, UTF-16 without a byte-order mark is looked for
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text[1:] if first and text.startswith("\ufeff") else text


def scan_jsonl_chunk(path: str | Path, start: int, end: int) -> tuple[bool, int, int, int]:
    """What a chunk adds to the checks of the whole file: (strict UTF-8, rows, characters, control
    characters). Reading a chunk (`read_jsonl_chunk`) needs the rows of the chunks before it."""
    text = _chunk_text(jsonl_chunk_bytes(path, start, end), start == 0)
    if text is None:
        return False, 0, 0, 0
    rows = sum(1 for line in text.split("\n") if line.rstrip("\r").strip())
    return True, rows, len(text), sum(_control_counts(text))


def jsonl_chunks_usable(scans: Sequence[tuple[bool, int, int, int]]) -> list[int] | None:
    """From every chunk's `scan_jsonl_chunk`: the rows before each chunk, when the chunks can be read
    apart (strict UTF-8, not binary), else None (read the file whole: `load_inputs` decides)."""
    if not all(utf8 for utf8, _, _, _ in scans):
        return None
    chars = sum(n for _, _, n, _ in scans)
    if sum(c for _, _, _, c in scans) > _CONTROL_SHARE * max(chars, 1):
        return None
    before, total = [], 0
    for _, rows, _, _ in scans:
        before.append(total)
        total += rows
    return before


def read_jsonl_chunk(path: str | Path, start: int, end: int, rows_before: int, name: str | None = None
                     ) -> tuple[list[Article], list[IngestError], int, int]:
    """A chunk's articles and row errors (rows numbered on from `rows_before`, named after `name`,
    default the path), its JSON objects and objects with a `text` field: `finish_jsonl_chunks`
    makes the file's result from those."""
    name = str(path) if name is None else name
    text = _chunk_text(jsonl_chunk_bytes(path, start, end), start == 0)
    if text is None:  # the file changed since it was scanned
        raise IngestError(name, "changed while it was read")
    return _jsonl_rows(text, name, rows_before)


def finish_jsonl_chunks(name: str, errors: list[IngestError], objects: int, with_text: int,
                        n_articles: int) -> list[IngestError]:
    """The errors of a JSONL file read in chunks (the chunks' row errors, in order; its totals of
    objects and articles): those of reading it whole, where the file as a whole is unusable."""
    try:
        _check_jsonl(name, errors, objects, with_text)
        _check_rows(name, n_articles, errors)
    except IngestError as error:
        return [error]
    return errors


def _row_name(name: str, row: int) -> str:
    return f"{_base_name(name)}#{row}"


def _add_row(fields: dict, name: str, row: int, articles: list[Article],
             errors: list[IngestError]) -> None:
    """Append the row's Article to `articles`, or its error to `errors`."""
    source = _row_name(name, row)
    text = fields.get("text")
    if text is None:
        errors.append(IngestError(source, "no 'text' field"))
        return
    if not isinstance(text, str):
        errors.append(IngestError(source, "'text' is not a string"))
        return
    text = _normalise_newlines(text)
    if not text.strip():
        errors.append(IngestError(source, "empty text"))
        return
    if len(text) > MAX_TEXT_CHARS:
        errors.append(IngestError(source, f"text is {len(text):,} characters, over the "
                                          f"{MAX_TEXT_CHARS:,} limit"))
        return
    url = _clean(fields.get("url"))
    outlet = _clean(fields.get("outlet")) or _host(url) or source
    articles.append(Article(text=text, source=source, outlet=outlet, title=_clean(fields.get("title")),
                            published=_iso_date(fields.get("published")), url=url))


def _clean(value: object) -> str | None:
    """A stripped string (numbers as text), or None when empty or not a scalar."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _host(url: str | None) -> str | None:
    """The host of a URL without a leading "www." (`https://www.bbc.co.uk/x` -> `bbc.co.uk`)."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host[4:] if host.startswith("www.") else host


_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y",
                 "%A, %d %B %Y", "%A, %B %d, %Y", "%d.%m.%Y", "%Y/%m/%d")


def _iso_date(value: object) -> str | None:
    """An ISO date (YYYY-MM-DD) from common date forms, or None when unknown or ambiguous.

    ISO dates and timestamps, RFC 2822 (`Fri, 23 Sep 2022 09:15:00 +0300`) and spelled-out forms
    (`23 September 2022`, `September 23, 2022`) are read; `03/05/2013` is not (day or month first?).
    """
    text = _clean(value)
    if not text:
        return None
    match = _ISO_DATE.match(text)
    if match:
        try:
            return date(*map(int, match.groups())).isoformat()
        except ValueError:
            return None
    for form in _DATE_FORMATS:
        try:
            return datetime.strptime(text, form).date().isoformat()
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None
