"""Raw article files to ``Article`` records whose body is the case text of annotation-guide §0.

Holds decoding (binary sniff, charset, mojibake repair), front matter, publication dates and
the per-format dispatch; HTML and markdown rendering live in ``markup.py``. No dagster, no duckdb.
"""

from __future__ import annotations

import codecs
import datetime
import os
import re
import stat
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

import ftfy
from ftfy.badness import is_bad
import yaml
from charset_normalizer import from_bytes

from extractors.language import LANGUAGES, detect_language
from extractors.lexicon import LexiconError, read_toml
from extractors.markup import parse_html_page, strip_inline_markdown, strip_markdown

SUPPORTED_SUFFIXES = frozenset({".txt", ".html", ".htm", ".md", ".markdown"})
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_FORMATS = {".txt": "txt", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}
# Bump a format's version whenever its reader gives different text or metadata for the same bytes: files
# read by an older version are read again on the next run (test_reader_output_changes_only_with_its_version
# in tests/extractors/test_documents.py pins each version to a digest of the reader's output).
READER_VERSIONS = {"txt": "1", "md": "2", "html": "2"}
_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"%PDF-", b"PK\x03\x04",
          b"\x1f\x8b", b"\xd0\xcf\x11\xe0", b"7z\xbc\xaf", b"Rar!\x1a", b"\x7fELF")
_FENCES = {"+++": "toml", "---": "yaml"}
# Datelines are short; a long line opening with "Date" is a sentence about dates (or palms).
_DATELINE_MAX = 100
_DATE_KEYS = ("date", "publishDate", "published", "published_at", "pubDate")


@dataclass(frozen=True)
class Article:
    """One article: the §0 case text plus what the file says about itself."""

    title: str | None
    body: str
    lang: str
    published_at: datetime.date | None
    source_url: str | None
    source_name: str | None
    encoding: str
    repaired: bool
    format: str
    dropped_fields: str | None = None  # what the file gave that could not be used, and why
    published_source: str | None = None  # where published_at came from (front_matter, time, meta, ...)


def reader_version(path: str) -> str | None:
    """``format/version`` of the reader for a file name (``html/2``); None for a file no reader reads.

    >>> reader_version("lima/exports.HTM"), reader_version("notes.pdf")
    ('html/2', None)
    """
    file_format = _FORMATS.get(os.path.splitext(path)[1].lower())
    return f"{file_format}/{READER_VERSIONS[file_format]}" if file_format else None


class DocumentError(Exception):
    """A file that cannot become an article."""

    def __init__(self, stage: str, reason: str):
        super().__init__(reason)
        self.stage = stage  # "read" | "decode" | "parse"
        self.reason = reason

    def __reduce__(self):  # the default would call __init__ with one argument
        return type(self), (self.stage, self.reason)


def read_document(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read one raw file into an ``Article``; a file over ``max_bytes`` is refused unread."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError("parse", f"unsupported extension {suffix or '(none)'!r}")
    return parse_document(read_bytes(path, max_bytes=max_bytes), suffix)


def read_bytes(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A file's bytes; one over ``max_bytes`` is refused (``DocumentError``) without reading it all.

    The file is opened without blocking and its type checked on the open handle, so a FIFO, device or
    socket put in its place after the scan is refused at once instead of blocking the run forever."""
    try:
        with open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise DocumentError("read", f"file is {size} bytes, over the {max_bytes}-byte cap")
            data = handle.read(max_bytes + 1)  # the file may have grown since stat
    except OSError as error:
        raise DocumentError("read", f"cannot read file: {error.strerror or error}") from error
    if len(data) > max_bytes:
        raise DocumentError("read", f"file is over the {max_bytes}-byte cap")
    return data


def open_regular(path: str | os.PathLike) -> BinaryIO:
    """Open a regular file for reading without ever blocking; anything else raises ``DocumentError``."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise DocumentError("read", "not a regular file (a FIFO, device or socket)")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def decode_bytes(data: bytes, *, repair: bool = True) -> tuple[str, str, bool]:
    """Return ``(text, encoding, repaired)``: decoded, line ends ``\\n``, mojibake repaired (unless not
    ``repair``: an HTML page is repaired after its text is extracted, not across its scripts).

    >>> decode_bytes("\\ufeffexportación\\r\\n".encode("utf-8"))
    ('exportación\\n', 'utf-8-sig', False)
    >>> decode_bytes("exportación".encode("cp1252"))
    ('exportación', 'cp1252', False)
    >>> decode_bytes("PROMPERÚ".encode("utf-8").decode("cp1252").encode("utf-8"))
    ('PROMPERÚ', 'utf-8', True)
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:  # the one text encoding that legitimately carries NUL bytes
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as error:
            raise DocumentError("decode", "invalid UTF-16") from error
    elif b"\x00" in data or data.startswith(_MAGIC):
        raise DocumentError("decode", "binary content (NUL bytes or a known binary signature)")
    else:
        text, encoding = _decode_text(data)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    fixed = repair_mojibake(text) if repair else text
    return fixed.removeprefix("\ufeff"), encoding, fixed != text


def repair_mojibake(text: str) -> str:
    """Repair mojibake line by line, so one mojibake line is repaired even when the others are clean.

    fix_encoding (unlike fix_text) leaves quotes, dashes and NBSP as they are. ASCII lines cannot hold
    mojibake, and a line ftfy's own badness test passes is what fix_encoding returns unchanged: both are
    skipped before the call.

    >>> repair_mojibake("exportaciÃ³n\\nok")
    'exportación\\nok'
    """
    return "".join(line if line.isascii() or not is_bad(line) else ftfy.fix_encoding(line)
                   for line in text.splitlines(keepends=True))


def _decode_text(data: bytes) -> tuple[str, str]:
    encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and error.start >= len(data) - 3:
            return data[: error.start].decode(encoding), encoding  # a file cut inside its last character
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is not None:
        return str(best), best.encoding
    return data.decode("latin-1"), "latin-1"


def _normalise_lines(text: str) -> str:
    """Apply the §0 line rules: trailing spaces stripped, blank runs collapsed, ends trimmed.

    >>> _normalise_lines("\\n\\nTitle  \\n \\n\\xa0\\n\\n  Body stays indented\\n\\n")
    'Title\\n\\n  Body stays indented'
    """
    lines: list[str] = []
    for line in text.split("\n"):
        line = line.rstrip()
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip("\n")


def _split_front_matter(text: str) -> tuple[dict[str, Any] | None, str]:
    """Return ``(front matter, body)``; ``(None, text)`` when the text has no front matter.

    >>> _split_front_matter('+++\\ntitle = "Sube"\\n+++\\n\\nCuerpo')
    ({'title': 'Sube'}, '\\nCuerpo')
    >>> _split_front_matter("--- not a fence\\nBody")
    (None, '--- not a fence\\nBody')
    """
    first, _, rest = text.partition("\n")
    kind = _FENCES.get(first.rstrip())
    if kind is None:
        return None, text
    lines = rest.split("\n")
    end = next((i for i, line in enumerate(lines) if line.rstrip() == first.rstrip()), None)
    if end is None:
        raise DocumentError("parse", f"{kind.upper()} front matter is not closed")
    source = "\n".join(lines[:end])
    try:
        meta = tomllib.loads(source) if kind == "toml" else yaml.load(source, Loader=_TextDateLoader)  # noqa: S506
    except RecursionError as error:  # its message depends on the caller's stack depth: not part of the reason
        raise DocumentError("parse", f"bad {kind.upper()} front matter: nested too deeply to read") from error
    except (tomllib.TOMLDecodeError, yaml.YAMLError, ValueError, OverflowError) as error:
        raise DocumentError("parse", f"bad {kind.upper()} front matter: {error}") from error
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise DocumentError("parse", f"{kind.upper()} front matter is not a mapping")
    return meta, "\n".join(lines[end + 1:])


@dataclass(frozen=True)
class _DateRules:
    markers: tuple[str, ...]
    numeric: re.Pattern[str]
    day_first: bool
    named: tuple[re.Pattern[str], ...]
    months: dict[str, int]


@cache
def _date_rules(lang: str) -> _DateRules:
    data = read_toml(lang, "publication.toml",
                     keys=frozenset({"markers", "numeric_order", "connectors", "months"}))
    if data["numeric_order"] not in ("mdy", "dmy") or len(data["months"]) != 12:
        raise LexiconError(f"{lang}/publication.toml: numeric_order mdy|dmy and 12 months")
    months = {name: number for number, names in enumerate(data["months"], 1) for name in names}
    if len(months) != sum(len(names) for names in data["months"]):
        raise LexiconError(f"{lang}/publication.toml: a month name is listed twice")
    names = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    joins = "".join(rf"(?:{re.escape(word)}\s+)?" for word in data["connectors"])
    return _DateRules(
        markers=tuple(marker.lower() for marker in data["markers"]),
        numeric=re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)"),
        day_first=data["numeric_order"] == "dmy",
        named=(
            re.compile(rf"\b(?P<mon>{names})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
                       rf"{joins}(?P<year>\d{{4}})\b", re.I),
            re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th|º|°)?\s+{joins}(?P<mon>{names})\.?,?"
                       rf"\s+{joins}(?P<year>\d{{4}})\b", re.I),
        ),
        months=months,
    )


def _parse_date(text: str, lang: str) -> datetime.date | None:
    """Return the first date in ``text``; numeric dates are read in ``lang``'s order.

    >>> _parse_date("4/30/2025", "en"), _parse_date("23/9/2019", "es")
    (datetime.date(2025, 4, 30), datetime.date(2019, 9, 23))
    >>> _parse_date("Posted by IM Editor | January 24, 2008", "en")
    datetime.date(2008, 1, 24)
    >>> _parse_date("2025-03-04T21:15:18Z", "es"), _parse_date("sin fecha", "es")
    (datetime.date(2025, 3, 4), None)
    """
    candidates: list[tuple[int, int, int]] = [
        (int(y), int(m), int(d))
        for y, m, d in re.findall(r"(?<!\d)(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)", text)
    ]
    rules = _date_rules(lang)
    for a, b, year in rules.numeric.findall(text):
        day, month = (a, b) if rules.day_first else (b, a)
        candidates.append((int(year), int(month), int(day)))
    for other in sorted(LANGUAGES, key=lambda code: code != lang):
        for pattern in _date_rules(other).named:
            for match in pattern.finditer(text):
                month = _date_rules(other).months[match["mon"].lower()]
                candidates.append((int(match["year"]), month, int(match["day"])))
    for year, month, day in candidates:
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    return None


def _date_from_lines(text: str) -> datetime.date | None:
    """Find a date on a line opening with a publication marker ("Published:", "Publicado:")."""
    for line in text.split("\n"):
        head = line.lstrip().lower()
        if len(head) > _DATELINE_MAX:
            continue
        for lang in LANGUAGES:
            for marker in _date_rules(lang).markers:
                if head.startswith(marker) and not head[len(marker):len(marker) + 1].isalpha():
                    found = _parse_date(line.lstrip()[len(marker):], lang)
                    if found:
                        return found
    return None


def _date_value(value: Any, lang: str) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return _parse_date(value, lang) if isinstance(value, str) else None


def _language(declared: Any, body: str) -> str:
    code = re.split(r"[-_]", declared.strip().lower())[0] if isinstance(declared, str) else ""
    return code if code in LANGUAGES else detect_language(body)


def _one_line(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(line.strip() for line in value.splitlines() if line.strip()) or None


def _absolute_url(*candidates: Any) -> str | None:
    return next((url for url in candidates
                 if isinstance(url, str) and url.startswith(("http://", "https://"))), None)


def _front_matter_article(meta: dict[str, Any], body: str) -> dict[str, Any]:
    title, summary = _one_line(meta.get("title")), _one_line(meta.get("summary"))
    parts = [title, summary and strip_inline_markdown(summary).strip(), strip_markdown(body)]
    text = _normalise_lines("\n\n".join(part for part in parts if part))
    lang = _language(meta.get("lang") or meta.get("language"), text)
    return {
        "body": text,
        "title": title or text.split("\n", 1)[0],
        "lang": lang,
        "published_at": [(meta.get(key), "front_matter") for key in _DATE_KEYS],
        "source_url": _absolute_url(meta.get("source_link"), meta.get("url")),
        "source_name": _one_line(meta.get("source")),
    }


def _txt_article(text: str) -> dict[str, Any]:
    body = _normalise_lines(text)
    return {"body": body, "title": body.split("\n", 1)[0].strip(), "lang": detect_language(body),
            "published_at": None, "source_url": None, "source_name": None}


def _html_article(text: str) -> dict[str, Any]:
    try:
        page = parse_html_page(text)
    except RecursionError as error:
        raise DocumentError("parse", "HTML is nested too deeply to read") from error
    # mojibake is repaired in the page's text, not across its markup and scripts (a third of the time)
    text, title, site = (repair_mojibake(value) if value else value for value in (page.text, page.title, page.site_name))
    body = _normalise_lines(text)
    return {"body": body, "title": title, "lang": _language(page.lang, body), "published_at": page.published,
            "source_url": page.url, "source_name": site,
            "repaired": (text, title, site) != (page.text, page.title, page.site_name)}


def parse_document(data: bytes, suffix: str) -> Article:
    """Turn the bytes of one raw file into an ``Article``; ``suffix`` picks the format.

    >>> parse_document(b"Exports up 5%\\n\\nPublished: 4/30/2025\\n", ".txt").published_at
    datetime.date(2025, 4, 30)
    """
    suffix = suffix.lower() if suffix.startswith(".") else f".{suffix.lower()}"
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError("parse", f"unsupported extension {suffix!r}")
    file_format = _FORMATS[suffix]
    text, encoding, repaired = decode_bytes(data, repair=file_format != "html")
    if not text.strip():
        raise DocumentError("parse", "empty file (no bytes or only whitespace)")
    if file_format == "html":
        fields = _html_article(text)
        repaired = fields.pop("repaired")
    elif file_format == "md":
        meta, body = _split_front_matter(text)
        fields = _front_matter_article(meta or {}, body)
    else:
        # A .txt is kept whole, unless it is a front-matter export (like seed 000): the gold
        # text of such a file is the rendered article, so it is read like a .md file.
        try:
            meta, body = _split_front_matter(text)
        except DocumentError:
            meta = None
        exported = meta is not None and "title" in meta
        fields = _front_matter_article(meta, body) if exported else _txt_article(text)
    if not fields["body"]:
        raise DocumentError("parse", f"no text in the {file_format} file")
    fields["published_at"], source, dropped = _publication_date(fields["published_at"] or [], fields["lang"])
    if fields["published_at"] is None:
        dated = _date_from_lines(fields["body"])
        if dated and _EARLIEST_DATE <= dated <= _LATEST_DATE:
            fields["published_at"], source = dated, "dateline"
    fields = {key: _unicode_text(value) if isinstance(value, str) else value for key, value in fields.items()}
    return Article(encoding=encoding, repaired=repaired, format=file_format, dropped_fields=dropped,
                   published_source=source, **fields)


def _publication_date(declared: list[tuple[Any, str]], lang: str) -> tuple[datetime.date | None, str | None, str | None]:
    """The first declared date that is a real date within 1900–2100, and a note on any declared value
    dropped on the way (a CMS placeholder "0000-00-00", "2024-02-30", "9999-12-31"): the field goes,
    never the article.

    >>> _publication_date([("0000-00-00", "front_matter")], "en")
    (None, None, "published_at: '0000-00-00' is not a date")
    """
    notes = []
    for value, source in declared:
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        found = _date_value(value, lang)
        if found is not None and _EARLIEST_DATE <= found <= _LATEST_DATE:
            return found, source, "; ".join(notes) or None
        shown = _unicode_text(str(value).strip())[:80]
        notes.append(f"published_at: {shown!r} is " + ("not a date" if found is None else "outside 1900-2100"))
    return None, None, "; ".join(notes) or None


def _unicode_text(text: str) -> str:
    """Replace what no database stores as text, keeping every offset: a lone surrogate (a YAML
    "\\ud800" escape) becomes U+FFFD, a NUL a space."""
    return _UNSTORABLE.sub(lambda match: " " if match.group() == "\0" else "\ufffd", text)


_UNSTORABLE = re.compile("[\ud800-\udfff\0]")
# A publication date outside these is a CMS placeholder or a typo; the article keeps no date.
_EARLIEST_DATE, _LATEST_DATE = datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)


class _TextDateLoader(yaml.SafeLoader):
    """YAML's safe loader with dates left as text, so that an impossible one ("2024-02-30",
    "0000-00-00") is read (and dropped) like any other date string instead of failing the file."""


_TextDateLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
