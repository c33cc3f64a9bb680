"""HTML and markdown to the case text of annotation-guide §0 (no dagster, no duckdb).

Holds the block walker for HTML pages and fragments and the markdown stripper; knows nothing
about files, encodings or front matter (that is ``documents.py``). On a page, the story the walker
picks is checked against the main text trafilatura detects (``_checked_against_main_text``): the
detector says which text is the article, the walker how it is laid out.
"""

from __future__ import annotations

import html
import json
import re
import threading
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import chain
from importlib import resources

from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction

# Blocks are what a reader sees as separate paragraphs; list-like ones stack one per line.
_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "blockquote",
                     "pre", "dt", "dd", "tr", "caption", "address"})
_LINE_BLOCKS = frozenset({"li", "dt", "dd", "tr"})
_ALWAYS_DROPPED = frozenset({"script", "style", "noscript", "template", "nav", "aside", "footer",
                             "form", "button", "select", "textarea", "iframe", "svg", "head",
                             "title"})
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "dialog"})
_PUBLISHED_META = frozenset({
    "article:published_time", "og:published_time", "date", "pubdate", "publishdate",
    "publish-date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued",
    "dcterms.created", "datepublished", "sailthru.date", "parsely-pub-date",
    "citation_publication_date",
})
# HTML collapses only its own five whitespace characters; NBSP is content (a thousands separator).
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_HTML_BLOCK_TAG = re.compile(
    r"<(?:p|div|h[1-6]|ul|ol|li|figure|figcaption|blockquote|table|section|article)\b", re.I
)


@dataclass(frozen=True)
class Page:
    """What an HTML page yields: its case text and the metadata found in it."""

    text: str
    title: str | None
    published: list[tuple[str, str]]  # (raw date string, where it was found), best first; parsed by the caller
    url: str | None
    site_name: str | None
    lang: str | None


# --- parsing: one libxml2 parse per document ---------------------------------------------------

# Comments and processing instructions are dropped while parsing (their neighbouring text joins up);
# huge_tree lifts libxml2's nesting limit from 256 to 2,048 elements.
_PARSERS = threading.local()  # an lxml parser must not be shared between threads
_UNFINISHED_TAG = re.compile(r"<[!/?A-Za-z][^<>]*\Z")
_TAG = re.compile(r"</?([A-Za-z][\w:.-]*)[^<>]*>")
# Kept when a page nests deeper than libxml2 allows and is parsed again with fewer tags: first the tags
# that make blocks, drop chrome or carry metadata; then, if that is still too deep, paragraphs alone.
_FLATTENED = (
    _BLOCKS | _ALWAYS_DROPPED | {"a", "br", "html", "body", "article", "main", "header", "meta", "link", "time"},
    frozenset({"p", "br", "script", "style", "title", "head"}),
)


def _parser() -> etree.HTMLParser:
    """This thread's parser. Every element is an ``HtmlElement`` (what trafilatura takes), chosen in C: lxml.html's
    own parser picks each element's class in Python, a tenth of the reader's time on a large page."""
    if not hasattr(_PARSERS, "parser"):
        parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, collect_ids=False,
                                  default_doctype=False, huge_tree=True)
        parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
            element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity))
        _PARSERS.parser = parser
    return _PARSERS.parser


def _too_deep(parser: etree.HTMLParser) -> bool:
    return any("depth" in entry.message.lower() for entry in parser.error_log)


def _keeping_tags(markup: str, kept: frozenset[str]) -> str:
    return _TAG.sub(lambda tag: tag[0] if tag[1].lower() in kept else "", markup)


def parse_markup(markup: str) -> HtmlElement:
    """Parse HTML (a page or a fragment) into an ``<html>`` element with its ``<body>``.

    A page cut inside a tag ("según <a href=\\"https://exam") loses the unfinished tag, which is markup,
    not text. A page nested deeper than the parser allows is parsed again with its inline and generic
    container tags removed, so the text under them is not lost.
    """
    markup = _UNFINISHED_TAG.sub("", markup)
    parser = _parser()
    for kept in (None, *_FLATTENED):
        text = markup if kept is None else _keeping_tags(markup, kept)
        root = etree.fromstring(text.encode("utf-8", "replace"), parser) if text.strip() else None
        if root is not None and not _too_deep(parser):
            break
    if root is None:
        root = etree.fromstring(b"<html><body></body></html>", parser)
    if root.find("body") is None:
        root.append(root.makeelement("body"))
    return root


@cache
def _cookie_markers() -> tuple[str, ...]:
    text = resources.files("extractors").joinpath("data", "cookie_markers.txt").read_text("utf-8")
    markers = [line.strip().lower() for line in text.splitlines()
               if line.strip() and not line.startswith("#")]
    if len(set(markers)) != len(markers):
        raise ValueError("cookie_markers.txt: duplicate marker")
    return tuple(markers)


@cache
def _cookie_pattern() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, _cookie_markers())))


def _is_dropped(element: HtmlElement, drop_header: bool) -> bool:
    tag = element.tag
    if tag in _ALWAYS_DROPPED or (drop_header and tag == "header"):
        return True
    attributes = element.attrib
    if not attributes:
        return False
    if "hidden" in attributes or attributes.get("aria-hidden") == "true":
        return True
    if attributes.get("role") in _CHROME_ROLES:
        return True
    return _is_cookie_notice(f"{attributes.get('class', '')} {attributes.get('id', '')}")


@lru_cache(maxsize=4096)
def _is_cookie_notice(names: str) -> bool:
    """Whether an element's class and id name a cookie or consent notice (pages repeat the same names)."""
    return _cookie_pattern().search(names.lower()) is not None


def _walk_blocks(root: HtmlElement, *, keep_loose: bool, drop_header: bool,
                 link_shares: list[float] | None = None) -> list[tuple[str, str]]:
    """Return ``(tag, text)`` per block of ``root`` in document order; ``link_shares``, when given, gets
    each block's share of characters inside links (related-story lists are nearly all link text).

    Iterative on purpose: pages with thousands of nested tags must not hit the recursion limit.
    Text outside any block (bylines in a ``<div>``) is kept only when ``keep_loose``.
    """
    blocks: list[tuple[str, str]] = []
    buffer: list[str] = []
    linked = 0  # characters of the buffer inside <a>
    open_blocks: list[str] = []
    in_link = 0

    def flush() -> None:
        nonlocal linked
        owner = open_blocks[-1] if open_blocks else ""
        raw = "".join(buffer)
        text = _HTML_SPACE.sub(" ", raw).strip()
        buffer.clear()
        if text and (owner or keep_loose):
            blocks.append((owner, text))
            if link_shares is not None:
                link_shares.append(min(1.0, linked / max(1, len(raw.strip()))))
        linked = 0

    def add(text: str | None) -> None:
        nonlocal linked
        if text:
            buffer.append(text)
            if in_link:
                linked += len(text.strip())

    walker = etree.iterwalk(root, events=("start", "end"))
    skipped = None  # the dropped element whose subtree the walker skips; its tail is still text
    for event, node in walker:
        if node is root:
            add(root.text if event == "start" else None)
            continue
        tag = node.tag
        if event == "start":
            if not isinstance(tag, str) or _is_dropped(node, drop_header):  # entities, dropped chrome
                walker.skip_subtree()
                skipped = node
                continue
            if tag == "br":
                buffer.append(" ")
            elif tag in _BLOCKS:
                flush()
                open_blocks.append(tag)
            elif tag == "a":
                in_link += 1
            add(node.text)
            continue
        if node is skipped:
            skipped = None
        elif tag in _BLOCKS:
            flush()
            open_blocks.pop()
        elif tag == "a":
            in_link -= 1
        add(node.tail)
    flush()
    return blocks


def _join_blocks(blocks: list[tuple[str, str]]) -> str:
    parts: list[str] = []
    for i, (tag, text) in enumerate(blocks):
        if i:
            stacked = tag in _LINE_BLOCKS and blocks[i - 1][0] in _LINE_BLOCKS
            parts.append("\n" if stacked else "\n\n")
        parts.append(text)
    return "".join(parts)


def html_fragment_text(fragment: str) -> str:
    """Return the blocks of an HTML fragment (HTML inside markdown), loose text included.

    >>> html_fragment_text("<p>US$ <b>68 120</b> millones</p><p>Second &amp; last</p>")
    'US$ 68 120 millones\\n\\nSecond & last'
    """
    return _join_blocks(_walk_blocks(parse_markup(fragment).find("body"), keep_loose=True, drop_header=False))


def _first(root: HtmlElement, tag: str) -> HtmlElement | None:
    return next(root.iter(tag), None)


def _inside(element: HtmlElement, tags: tuple[str, ...]) -> bool:
    return next(element.iterancestors(*tags), None) is not None


def _text_of(element: HtmlElement) -> str:
    return _HTML_SPACE.sub(" ", element.text_content()).strip()


def _meta(root: HtmlElement, names: frozenset[str]) -> str | None:
    for tag in root.iter("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or tag.get("http-equiv") or "").lower()
        if key in names and (tag.get("content") or "").strip():
            return tag.get("content").strip()
    return None


def _json_ld_published(root: HtmlElement) -> str | None:
    for script in root.iter("script"):
        if script.get("type") != "application/ld+json":
            continue
        try:
            pending = [json.loads(script.text or "")]
        except (ValueError, RecursionError):
            continue
        while pending:
            item = pending.pop()
            if isinstance(item, dict):
                if isinstance(item.get("datePublished"), str):
                    return item["datePublished"]
                pending.extend(item.values())
            elif isinstance(item, list):
                pending.extend(reversed(item))
    return None


def _published_candidates(root: HtmlElement, container: HtmlElement, json_ld: str | None) -> list[tuple[str, str]]:
    """Where the page states its date, best first: the story's ``<time datetime>``, the publication meta tags
    (``article:published_time`` and kin), JSON-LD ``datePublished``. A date in the URL is not read: the
    annotation guide's article date is what the file states (§2), and the gold leaves such pages undated."""
    time_value = next((tag.get("datetime") for tag in container.iter("time") if tag.get("datetime") is not None), None)
    found = [(time_value, "time"), (_meta(root, _PUBLISHED_META), "meta"), (json_ld, "json_ld")]
    return [(value, source) for value, source in found if value]


def _story(root: HtmlElement) -> tuple[HtmlElement, list[tuple[str, str]], list[float]]:
    """Pick the element holding the story (``<article>``, ``<main>``, ``<body>``); return it, its blocks and
    each block's share of link text."""
    # Nested articles (comments) belong to their outer article; only outer ones compete.
    articles = [tag for _, tag in zip(range(10), root.iter("article"), strict=False)
                if not _inside(tag, ("article",))]
    container = _first(root, "main")
    if container is None:
        container = root.find("body")
    # Inside <article> or <main> a <header> holds the headline; in <body> it is the site's.
    drop_header = not articles and container.tag != "main"

    def walk(element: HtmlElement, keep_loose: bool = False) -> tuple[HtmlElement, list[tuple[str, str]], list[float]]:
        shares: list[float] = []
        blocks = _walk_blocks(element, keep_loose=keep_loose, drop_header=drop_header and element is container,
                              link_shares=shares)
        return element, blocks, shares

    candidates = [walk(tag) for tag in articles] or [walk(container)]
    # Teaser cards are articles too: the story is the one with the most text.
    story = max(candidates, key=lambda found: sum(len(text) for _, text in found[1]))
    return story if story[1] else walk(story[0], keep_loose=True)


_WORD = re.compile(r"\w+")
_SHINGLE = 4
AGREEMENT = 0.8  # the story's blocks and the detected main text must each cover this share of the other
KEPT_BLOCK = 0.5  # a block is main text when this share of its shingles is still unclaimed in the main text
MAX_CHECKED_ELEMENTS = 20_000  # trafilatura's main-content pass grows with the square of a page's paragraphs
MIN_MAIN_WORDS = 25  # a detected main text shorter than a paragraph is no evidence against the walker's story
LINK_LIST = 0.7  # a block with this share of its characters inside links is navigation (related stories, tags)
_ALWAYS_KEPT = frozenset({"h1", "figcaption"})  # the headline and captions are the article's (guide §0)


def _shingles(text: str, size: int = _SHINGLE) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return set(_runs(words, min(size, len(words)))) if words else set()


def _runs(words: list[str], size: int = _SHINGLE) -> zip:
    """Every run of ``size`` consecutive words (zip of shifted lists: no slicing)."""
    return zip(*(words[i:] for i in range(size)), strict=False)


class _MainText:
    """The page's detected main text, claimed block by block in page order: a block is held when most of its
    4-word shingles (or, under four words, the whole phrase) are in the main text and not yet claimed by an
    earlier block, so a headline or teaser repeated around the page is kept once, not at every copy."""

    def __init__(self, text: str):
        self.words = _WORD.findall(text.lower())
        self.shingles = Counter(_runs(self.words))
        self.phrases: Counter[tuple[str, ...]] | None = None  # runs of one to three words, counted when first asked

    def claims(self, text: str) -> bool:
        words = _WORD.findall(text.lower())
        if len(words) < _SHINGLE:
            if self.phrases is None:
                self.phrases = Counter(chain.from_iterable(_runs(self.words, size) for size in range(1, _SHINGLE)))
            phrase = tuple(words)
            if not words or self.phrases[phrase] <= 0:
                return False
            self.phrases[phrase] -= 1
            return True
        own = Counter(_runs(words))
        available = self.shingles
        held = {shingle: min(count, available[shingle]) for shingle, count in own.items() if available.get(shingle)}
        if sum(held.values()) < KEPT_BLOCK * (len(words) - _SHINGLE + 1):
            return False
        for shingle, count in held.items():
            available[shingle] -= count
        return True


def _main_text(root: HtmlElement) -> str | None:
    """The page's main text as trafilatura finds it (heuristics tuned on real news pages; its fast mode, which
    skips the readability and jusText fallbacks, scores higher on the web benchmark), or None. It works on a
    copy of the tree; only which text is main is used, never its layout."""
    import trafilatura

    try:
        return trafilatura.extract(root, fast=True, include_comments=False, include_tables=True,
                                   deduplicate=False) or None
    except (ValueError, RecursionError, TypeError):
        return None


def _checked_against_main_text(root: HtmlElement, blocks: list[tuple[str, str]],
                               link_shares: list[float]) -> list[tuple[str, str]]:
    """The blocks of the article that the page's detected main text holds, laid out by the block walker.

    When the story the walker picked agrees with the main text, its blocks are filtered; otherwise (the
    walker's ``<article>`` was a teaser, a comment or an empty box, or the story sits in ``<div>``s with
    ``<br>``) the blocks of the whole page are, and the story's headline is kept first. Either way the
    headline and captions stay (guide §0), and link-dense blocks go even where the main text has them.
    """
    if root.xpath("count(//*)") > MAX_CHECKED_ELEMENTS:
        return blocks  # 12 times the largest page of the web benchmark: no news page; the walker's story stands
    detected = _main_text(root)
    if not detected or len(_WORD.findall(detected)) < MIN_MAIN_WORDS:
        return blocks
    main = _MainText(detected)
    story = _shingles(" ".join(text for tag, text in blocks if tag != "h1"))
    main_shingles = main.shingles.keys()  # the main text has at least MIN_MAIN_WORDS words
    agree = bool(story) and len(story & main_shingles) >= AGREEMENT * max(len(story), len(main_shingles))
    if agree:
        return [(tag, text) for (tag, text), share in zip(blocks, link_shares, strict=True)
                if tag in _ALWAYS_KEPT or (share < LINK_LIST and main.claims(text))]
    shares: list[float] = []
    walked = _walk_blocks(root.find("body"), keep_loose=True, drop_header=False, link_shares=shares)
    kept = [(tag, text) for (tag, text), share in zip(walked, shares, strict=True)
            if tag != "h1" and share < LINK_LIST and main.claims(text)]
    headline = [block for block in blocks if block[0] == "h1"][:1]
    return headline + kept if kept else blocks


def parse_html_page(markup: str) -> Page:
    """Return the §0 text of an HTML page (its ``<article>``) and its metadata.

    >>> page = parse_html_page('<html lang="es"><title>T | Gestión</title><nav><p>Menu</p></nav>'
    ...     '<article><h1>Sube 5 %</h1><div>Redacción</div><ul><li>a</li><li>b</li></ul></article>')
    >>> page.text, page.title, page.site_name, page.lang
    ('Sube 5 %\\n\\na\\nb', 'Sube 5 %', 'Gestión', 'es')
    """
    root = parse_markup(markup)
    json_ld_published = _json_ld_published(root)
    # Scripts and styles are never text (the walker drops them, and so does trafilatura, after copying them):
    # removed once here, with their tails kept, they cost neither anything more.
    etree.strip_elements(root, "script", "style", "noscript", with_tail=False)
    container, blocks, link_shares = _story(root)
    blocks = _checked_against_main_text(root, blocks, link_shares)
    if not any(tag == "h1" for tag, _ in blocks):
        # The headline often sits above the <article>, in the page's own header.
        heading = _first(root, "h1")
        if heading is not None and not _inside(heading, ("nav", "footer", "aside")):
            text = _text_of(heading)
            blocks[:0] = [("h1", text)] if text else []
    title_tag = _first(root, "title")
    head_title = _text_of(title_tag) if title_tag is not None else ""
    page_title, _, site = head_title.rpartition(" | ")
    if not page_title:  # no " | Site" suffix
        page_title, site = head_title, ""
    canonical = next((link.get("href") for link in root.iter("link")
                      if "canonical" in (link.get("rel") or "").split() and link.get("href") is not None), None)
    url = canonical or _meta(root, frozenset({"og:url"}))
    return Page(
        text=_join_blocks(blocks),
        title=next((text for tag, text in blocks if tag == "h1"), None)
        or _meta(root, frozenset({"og:title", "twitter:title"})) or page_title or None,
        published=_published_candidates(root, container, json_ld_published),
        url=url,
        site_name=_meta(root, frozenset({"og:site_name"})) or site or None,
        lang=root.get("lang") or _meta(root, frozenset({"og:locale", "content-language", "dc.language", "language"}))
        or None,
    )


_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\([^()\n]*\)")
_LINK = re.compile(r"\[([^\[\]\n]*)\]\([^()\n]*\)")
# Emphasis markers must hug their text (CommonMark flanking), so "5 * 3 * 2" is left alone;
# negated classes keep every pattern linear on a line of 100,000 asterisks.
_EMPHASIS = (
    re.compile(r"(?<!\\)\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*"),
    re.compile(r"(?<![\\\w])__(?=\S)([^_\n]+?)(?<=\S)__(?!\w)"),
    re.compile(r"(?<![\\*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s\\])\*"),
    re.compile(r"(?<![\\\w])_(?=[^\s_])([^_\n]+?)(?<=[^\s\\])_(?!\w)"),
    re.compile(r"~~(?=\S)([^~\n]+?)(?<=\S)~~"),
    re.compile(r"`([^`\n]+)`"),
)
_INLINE_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def strip_inline_markdown(text: str) -> str:
    """Drop images, link targets, emphasis, inline code and inline HTML from markdown text.

    >>> strip_inline_markdown("**US$ 5 mil** en [Andina](https://andina.pe) ![x](a.png)")
    'US$ 5 mil en Andina '
    >>> strip_inline_markdown("5 * 3 * 2 and snake_case_name, \\\\*kept\\\\*")
    '5 * 3 * 2 and snake_case_name, *kept*'
    """
    text = _LINK.sub(r"\1", _IMAGE.sub("", text))
    for pattern in _EMPHASIS:
        text = pattern.sub(r"\1", text)
    return html.unescape(_ESCAPE.sub(r"\1", _INLINE_TAG.sub("", text)))


def _is_rule(stripped: str) -> bool:
    """``---``, ``***``, ``___``, setext ``===`` and table ``|---|:--|`` rows render as no text."""
    marks = stripped.replace(" ", "")
    if "|" in marks and "-" in marks and set(marks) <= set("|-:"):
        return True
    return len(marks) >= 3 and len(set(marks)) == 1 and marks[0] in "-*_="


def _strip_line_markers(line: str) -> str:
    stripped = line.strip()
    if stripped.startswith(">"):
        stripped = stripped.lstrip("> \t")
    hashes = len(stripped) - len(stripped.lstrip("#"))
    if 1 <= hashes <= 6 and stripped[hashes:hashes + 1] in (" ", ""):
        stripped = stripped[hashes:].strip()
        closing = stripped.rstrip("#")
        if closing != stripped and (not closing or closing.endswith(" ")):
            stripped = closing.rstrip()
    elif stripped[:2] in ("- ", "* ", "+ "):
        stripped = stripped[2:].lstrip()
    return stripped


def strip_markdown(body: str) -> str:
    """Return a markdown body as plain blocks: markers, emphasis, links and images removed.

    >>> strip_markdown("## Crecimiento\\n\\n- uvas (+14,4 %)\\n- *paltas*\\n\\n*Foto: Andina*")
    'Crecimiento\\n\\nuvas (+14,4 %)\\npaltas\\n\\nFoto: Andina'
    >>> strip_markdown("<p>One</p><p>Two</p>\\n\\n---\\n\\n![chart](c.png)")
    'One\\n\\nTwo'
    """
    blocks: list[str] = []
    for raw_block in re.split(r"\n[ \t]*\n", body):
        if not raw_block.strip():
            continue
        if _HTML_BLOCK_TAG.search(raw_block):
            blocks.append(html_fragment_text(raw_block))
            continue
        lines = [_strip_line_markers(line) for line in raw_block.split("\n")
                 if not line.strip().startswith("```") and not _is_rule(line.strip())]
        # Inline patterns never cross a line end, so one pass per block is enough (and fast).
        cleaned = strip_inline_markdown("\n".join(lines)).split("\n")
        blocks.append("\n".join(line.strip() for line in cleaned if line.strip()))
    return "\n\n".join(block for block in blocks if block)
