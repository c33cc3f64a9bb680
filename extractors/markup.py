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
from dataclasses import dataclass
from functools import cache
from importlib import resources

from bs4 import BeautifulSoup, NavigableString, Tag

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


@cache
def _cookie_markers() -> tuple[str, ...]:
    text = resources.files("extractors").joinpath("data", "cookie_markers.txt").read_text("utf-8")
    markers = [line.strip().lower() for line in text.splitlines()
               if line.strip() and not line.startswith("#")]
    if len(set(markers)) != len(markers):
        raise ValueError("cookie_markers.txt: duplicate marker")
    return tuple(markers)


def _is_dropped(tag: Tag, drop_header: bool) -> bool:
    if tag.name in _ALWAYS_DROPPED or (drop_header and tag.name == "header"):
        return True
    if tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    if tag.get("role") in _CHROME_ROLES:
        return True
    names = " ".join([*(tag.get("class") or ()), tag.get("id") or ""]).lower()
    return any(marker in names for marker in _cookie_markers())


def _walk_blocks(root: Tag, *, keep_loose: bool, drop_header: bool,
                 link_shares: list[float] | None = None) -> list[tuple[str, str]]:
    """Return ``(tag, text)`` per block of ``root`` in document order; ``link_shares``, when given, gets
    each block's share of characters inside links (related-story lists are nearly all link text).

    Iterative on purpose: pages with 100,000 nested tags must not hit the recursion limit.
    Text outside any block (bylines in a ``<div>``) is kept only when ``keep_loose``.
    """
    blocks: list[tuple[str, str]] = []
    buffer: list[str] = []
    linked = [0]  # characters of the buffer inside <a>
    open_blocks: list[str] = []
    in_link = [0]

    def flush() -> None:
        owner = open_blocks[-1] if open_blocks else ""
        raw = "".join(buffer)
        text = _HTML_SPACE.sub(" ", raw).strip()
        buffer.clear()
        if text and (owner or keep_loose):
            blocks.append((owner, text))
            if link_shares is not None:
                link_shares.append(min(1.0, linked[0] / max(1, len(raw.strip()))))
        linked[0] = 0

    stack: list[tuple[Tag, int]] = [(root, 0)]
    while stack:
        node, index = stack.pop()
        if index >= len(node.contents):
            if node.name in _BLOCKS and node is not root:
                flush()
                open_blocks.pop()
            elif node.name == "a" and node is not root:
                in_link[0] -= 1
            continue
        stack.append((node, index + 1))
        child = node.contents[index]
        if isinstance(child, Tag):
            if _is_dropped(child, drop_header):
                continue
            if child.name == "br":
                buffer.append(" ")
            elif child.name in _BLOCKS:
                flush()
                open_blocks.append(child.name)
            elif child.name == "a":
                in_link[0] += 1
            stack.append((child, 0))
        elif type(child) is NavigableString:  # comments, CDATA, doctypes are subclasses
            buffer.append(str(child))
            if in_link[0]:
                linked[0] += len(str(child).strip())
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
    soup = BeautifulSoup(fragment, "html.parser")
    return _join_blocks(_walk_blocks(soup, keep_loose=True, drop_header=False))


def _meta(soup: BeautifulSoup, names: frozenset[str]) -> str | None:
    for tag in soup.find_all("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or tag.get("http-equiv") or "").lower()
        if key in names and tag.get("content", "").strip():
            return tag["content"].strip()
    return None


def _json_ld_published(soup: BeautifulSoup) -> str | None:
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            pending = [json.loads(script.string or "")]
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


def _published_candidates(soup: BeautifulSoup, time_tag: Tag | None) -> list[tuple[str, str]]:
    """Where the page states its date, best first: the story's ``<time datetime>``, the publication meta tags
    (``article:published_time`` and kin), JSON-LD ``datePublished``. A date in the URL is not read: the
    annotation guide's article date is what the file states (§2), and the gold leaves such pages undated."""
    found = [(time_tag["datetime"] if time_tag else None, "time"), (_meta(soup, _PUBLISHED_META), "meta"),
             (_json_ld_published(soup), "json_ld")]
    return [(value, source) for value, source in found if value]


def _story(soup: BeautifulSoup) -> tuple[Tag, list[tuple[str, str]]]:
    """Pick the element holding the story (``<article>``, ``<main>``, ``<body>``) and its blocks."""
    # Nested articles (comments) belong to their outer article; only outer ones compete.
    articles = [tag for tag in soup.find_all("article", limit=10)
                if tag.find_parent("article") is None]
    root = soup.find("main") or soup.find("body") or soup
    candidates = [(tag, _walk_blocks(tag, keep_loose=False, drop_header=False)) for tag in articles]
    # Inside <article> or <main> a <header> holds the headline; in <body> it is the site's.
    drop_header = not articles and root.name != "main"
    if not candidates:
        candidates = [(root, _walk_blocks(root, keep_loose=False, drop_header=drop_header))]
    # Teaser cards are articles too: the story is the one with the most text.
    container, blocks = max(candidates, key=lambda found: sum(len(text) for _, text in found[1]))
    if not blocks:
        blocks = _walk_blocks(container, keep_loose=True, drop_header=drop_header)
    return container, blocks


_UNFINISHED_TAG = re.compile(r"<[!/?A-Za-z][^<>]*\Z")
_WORD = re.compile(r"\w+")
_SHINGLE = 4
AGREEMENT = 0.8  # the story's blocks and the detected main text must each cover this share of the other
KEPT_BLOCK = 0.5  # a block of the page is main text when this share of its shingles is in the main text
LINK_LIST = 0.5  # a block with this share of its characters in links, and none of the main text, is a link list


def _shingles(text: str, size: int = _SHINGLE) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    size = min(size, len(words))
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)} if size else set()


def _main_text(markup: str) -> str | None:
    """The page's main text as trafilatura finds it (heuristics tuned on real news pages), or None; only
    which text is main is used, never its layout."""
    import trafilatura

    try:
        return trafilatura.extract(markup, include_comments=False, include_tables=True, deduplicate=False) or None
    except (ValueError, RecursionError, TypeError):
        return None


def _checked_against_main_text(markup: str, soup: BeautifulSoup, container: Tag,
                               blocks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The story's blocks when they agree with the page's detected main text; otherwise the page's blocks that
    the main text holds, in page order, laid out by the block walker (the headline kept first).

    The walker picks the outer ``<article>`` with most text: right on tidy pages, wrong where that
    element is a teaser, a comment or an empty box, or where the story sits in ``<div>``s with ``<br>``."""
    main = _main_text(markup)
    if not main:
        return blocks
    main_shingles = _shingles(main)
    story = _shingles(" ".join(text for tag, text in blocks if tag != "h1"))
    if story and len(story & main_shingles) >= AGREEMENT * max(len(story), len(main_shingles)):
        # they agree: the story stays as the walker laid it out, less its link lists the main text lacks
        # (related stories, tags); subheads, captions and source lines that are not links stay
        shares: list[float] = []
        walked = _walk_blocks(container, keep_loose=False, drop_header=False, link_shares=shares)
        link_lists = {(tag, text) for (tag, text), share in zip(walked, shares, strict=True)
                      if tag != "h1" and share >= LINK_LIST and not (_shingles(text) & main_shingles)}
        return [block for block in blocks if block not in link_lists]
    root = soup.find("body") or soup
    kept = []
    for tag, text in _walk_blocks(root, keep_loose=True, drop_header=False):
        own = _shingles(text)
        if tag != "h1" and own and len(own & main_shingles) >= KEPT_BLOCK * len(own):
            kept.append((tag, text))
    headline = [block for block in blocks if block[0] == "h1"][:1]
    return headline + kept if kept else blocks


def parse_html_page(markup: str) -> Page:
    """Return the §0 text of an HTML page (its ``<article>``) and its metadata.

    >>> page = parse_html_page('<html lang="es"><title>T | Gestión</title><nav><p>Menu</p></nav>'
    ...     '<article><h1>Sube 5 %</h1><div>Redacción</div><ul><li>a</li><li>b</li></ul></article>')
    >>> page.text, page.title, page.site_name, page.lang
    ('Sube 5 %\\n\\na\\nb', 'Sube 5 %', 'Gestión', 'es')
    """
    # a page cut inside a tag ("según <a href=\"https://exam", "Unidos.</p"): the unfinished tag is
    # markup, not text, and would otherwise reach the body
    soup = BeautifulSoup(_UNFINISHED_TAG.sub("", markup), "html.parser")
    container, blocks = _story(soup)
    blocks = _checked_against_main_text(markup, soup, container, blocks)
    if not any(tag == "h1" for tag, _ in blocks):
        # The headline often sits above the <article>, in the page's own header.
        heading = soup.find("h1")
        if heading is not None and heading.find_parent(["nav", "footer", "aside"]) is None:
            text = _HTML_SPACE.sub(" ", heading.get_text()).strip()
            blocks[:0] = [("h1", text)] if text else []
    title_tag = soup.find("title")
    head_title = _HTML_SPACE.sub(" ", title_tag.get_text()).strip() if title_tag else ""
    page_title, _, site = head_title.rpartition(" | ")
    if not page_title:  # no " | Site" suffix
        page_title, site = head_title, ""
    time_tag = container.find("time", attrs={"datetime": True})
    canonical = soup.find("link", rel="canonical", href=True)
    url = (canonical["href"] if canonical else None) or _meta(soup, frozenset({"og:url"}))
    html_tag = soup.find("html")
    return Page(
        text=_join_blocks(blocks),
        title=next((text for tag, text in blocks if tag == "h1"), None)
        or _meta(soup, frozenset({"og:title", "twitter:title"})) or page_title or None,
        published=_published_candidates(soup, time_tag),
        url=url,
        site_name=_meta(soup, frozenset({"og:site_name"})) or site or None,
        lang=(html_tag.get("lang") if html_tag else None)
        or _meta(soup, frozenset({"og:locale", "content-language", "dc.language", "language"})) or None,
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
