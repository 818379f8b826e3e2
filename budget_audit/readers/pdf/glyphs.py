"""Glyphs out of pdfminer: the page's characters as small dicts, and ruling graphics left
where pdfplumber's `find_tables` looks for them.

The only module that touches pdfminer's internals: while a PDF is read, pdfminer's
interpreter is given a faster content-stream parser (see `_faster_pdfminer`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pdfminer.pdfinterp
from pdfminer.layout import LTChar, LTContainer, LTCurve
from pdfminer.pdftypes import stream_value
from pdfminer.psparser import KWD, LIT, PSEOF, PSLiteral

from budget_audit.errors import AuditError
from budget_audit.readers.pdf.model import Char


def _page_chars(page: Any) -> list[Char]:
    """The page's glyphs as small dicts (text, x0, x1, top, bottom, size).

    pdfplumber's `page.chars` turns every pdfminer object into a dict of ~20 resolved
    attributes (~20% of the reading time); the reader uses six. Glyphs are converted here
    with pdfplumber's own arithmetic; ruling graphics (rects, lines, curves) still go
    through `page.process_object` into the page's object cache, so `find_tables` sees
    exactly what it would have. Objects pdfplumber did not build (no `layout`) use `chars`.
    """
    layout = getattr(page, "layout", None)
    if layout is None:
        return page.chars
    mb_x0, mb_top = page.mediabox[:2]
    height = page.height
    norm = page.pdf.unicode_norm
    chars: list[Char] = []
    graphics: dict[str, list[dict[str, Any]]] = {}
    for obj in _layout_objects(layout):
        if isinstance(obj, LTChar):
            text = obj.get_text()
            chars.append(
                {
                    "text": unicodedata.normalize(norm, text) if norm is not None else text,
                    "x0": obj.x0 + mb_x0,
                    "x1": obj.x1 + mb_x0,
                    "top": (height - obj.y1) + mb_top,  # the same float arithmetic as pdfplumber
                    "bottom": (height - obj.y0) + mb_top,
                    "size": obj.size,
                }
            )
        elif isinstance(obj, LTCurve):  # LTRect and LTLine too
            attr = page.process_object(obj)
            graphics.setdefault(attr["object_type"], []).append(attr)
    page._objects = graphics  # pdfplumber's cache behind page.rects/lines/curves/edges
    return chars


def _layout_objects(objs: Any) -> Iterator[Any]:
    """Leaf objects of a pdfminer layout, inside figures too (as pdfplumber without laparams)."""
    for obj in objs:
        if isinstance(obj, LTContainer):
            yield from _layout_objects(obj)
        else:
            yield obj


# Interpreting content streams is ~80% of the reading time, and most of that is pdfminer's
# byte-at-a-time PostScript tokenizer (a dozen Python calls per token). While a PDF is
# read, pdfminer's interpreter is given a parser that tokenizes each stream with one regex,
# producing exactly the objects pdfminer's parser would. Anything outside the common
# subset (inline images, `#` escapes in names, procedures, odd hex strings, an array or
# string spanning two streams, ...) sends the page back to pdfminer's own parser, so the
# result never depends on this shortcut.


@contextmanager
def _faster_pdfminer() -> Iterator[None]:
    """Give pdfminer's interpreter the fast parser while reading (it looks the name up at
    each page), then put pdfminer's own back."""
    original = pdfminer.pdfinterp.PDFContentParser
    if original is _FastContentParser:  # a nested or concurrent read swapped it and will restore it
        yield
        return
    pdfminer.pdfinterp.PDFContentParser = _FastContentParser  # type: ignore[misc]
    try:
        yield
    finally:
        pdfminer.pdfinterp.PDFContentParser = original  # type: ignore[misc]


class _Unsupported(Exception):
    """Content the fast tokenizer leaves to pdfminer."""


class _FastContentParser(pdfminer.pdfinterp.PDFContentParser):
    """pdfminer's content parser with the objects of all streams tokenized up front."""

    def __init__(self, streams: Any) -> None:
        super().__init__(streams)  # raises PSEOF on an empty page, as pdfminer expects
        try:
            objects = []
            for stream in streams:  # pdfminer ends a token at a stream boundary too
                objects.extend(_content_objects(stream_value(stream).get_data()))
        except AuditError:  # the time limit or a stream bound: not for pdfminer to retry
            raise
        except Exception:  # _Unsupported, or a broken stream: let pdfminer meet it its way
            self._objects: list[tuple[int, Any]] | None = None
        else:
            objects.reverse()  # popped from the end
            self._objects = objects

    def nextobject(self) -> tuple[int, Any]:
        if self._objects is None:
            return super().nextobject()
        if not self._objects:
            raise PSEOF("Unexpected EOF")
        return self._objects.pop()


# pdfminer's token rules (psparser.PSBaseParser), not the PDF spec's: a number is a sign or
# digit, digits and at most one dot (or a dot and digits) and ends at any other byte; a
# keyword starts with an ASCII letter and runs to a delimiter or blank. A name at the very
# end of a stream may go on in the next one (pdfminer carries an empty "/" over). `*+`
# (possessive) keeps the regex from shortening a name to dodge the look-ahead. A hex
# string's closing ">" is read like any other ">": with a following ">" it closes a
# dictionary (so "<</A<0A>>>" is the dictionary it looks like), alone it is skipped.
_TOKEN = re.compile(
    rb"""[\s\x00]+ | %[^\r\n]* | >(?!>|\Z)
    | (?P<num>[-+0-9][0-9]*(?:\.[0-9]*)?|\.[0-9]*)
    | /(?P<name>[^#/%\[\]()<>{}\s]*+)(?!\#|\Z)
    | (?P<kw>[A-Za-z][^#/%\[\]()<>{}\s]*|['"])
    | (?P<open><<|\[) | (?P<close>>>|\])
    | <(?P<hex>[0-9A-Fa-f\s]*)(?=>)
    | (?P<str>\()""",
    re.X,
)
_BLANK = re.compile(rb"\s")
_STRING_STOP = re.compile(rb"[()\\]")
_ESCAPE = re.compile(rb"\\(?:([0-7]{1,3})|(.))", re.S)
_ESCAPES = {b"b": b"\b", b"t": b"\t", b"n": b"\n", b"f": b"\f", b"r": b"\r", b"(": b"(", b")": b")", b"\\": b"\\"}
_INLINE_IMAGE = {KWD(b"BI"), KWD(b"ID"), KWD(b"EI")}


def _content_objects(data: bytes) -> list[tuple[int, Any]]:
    """The top-level objects of one content stream, as pdfminer's nextobject() returns them."""
    out: list[tuple[int, Any]] = []
    open_: list[tuple[bytes, int, list[tuple[int, Any]]]] = []  # (bracket, position, outer list)
    items = out
    pos, end, match = 0, len(data), _TOKEN.match
    while pos < end:
        m = match(data, pos)
        if m is None:
            raise _Unsupported(pos)
        start, pos, kind = pos, m.end(), m.lastgroup
        if kind is None:  # blanks, comment
            continue
        value = m.group(kind)
        if kind == "open":
            open_.append((value, start, items))
            items = []
            continue
        if kind == "close":
            if not open_ or (open_[-1][0] == b"[") != (value == b"]"):
                raise _Unsupported(start)
            _, start, outer = open_.pop()
            obj = [v for _, v in items] if value == b"]" else _dict(items)
            items = outer
        elif kind == "str":
            obj, pos = _literal_string(data, pos)
        else:
            obj = _scalar(kind, value)
        items.append((start, obj))
    if open_:
        raise _Unsupported(end)
    return out


def _scalar(kind: str, value: bytes) -> Any:
    if kind == "num":  # PDF geometry operands, typed exactly as pdfminer types them (not money)
        try:
            return float(value) if b"." in value else int(value)
        except ValueError:  # a lone sign or dot, which pdfminer silently drops
            raise _Unsupported(value) from None
    if kind == "kw":
        if value in (b"true", b"false"):
            return value == b"true"
        if (kw := KWD(value)) in _INLINE_IMAGE:  # binary image data in the stream: pdfminer's job
            raise _Unsupported(value)
        return kw
    if kind == "name":
        try:
            return LIT(str(value, "utf-8"))
        except UnicodeDecodeError:
            return LIT(value)
    digits = _BLANK.sub(b"", value)  # hex string
    if len(digits) % 2:  # pdfminer reads a last lone digit differently from the spec
        raise _Unsupported(value)
    return bytes.fromhex(digits.decode())


def _dict(items: list[tuple[int, Any]]) -> dict[str, Any]:
    """<< /Key value ... >> with pdfminer's key names."""
    if len(items) % 2:
        raise _Unsupported(items[0][0] if items else 0)
    out = {}
    for (_, key), (_, value) in zip(items[::2], items[1::2]):
        if not isinstance(key, PSLiteral):
            raise _Unsupported(key)
        out[key.name if isinstance(key.name, str) else str(key.name)] = value
    return out


def _literal_string(data: bytes, pos: int) -> tuple[bytes, int]:
    """A (string) starting after its "(": balanced parentheses kept, escapes as pdfminer reads them."""
    depth, start, escaped = 1, pos, False
    while depth:
        m = _STRING_STOP.search(data, pos)
        if m is None:  # runs on past the stream: pdfminer joins it with the next one
            raise _Unsupported(start)
        c, pos = m.group(), m.end()
        if c == b"\\":
            escaped, pos = True, pos + 1
        else:
            depth += 1 if c == b"(" else -1
    raw = data[start : pos - 1]
    if escaped and b"\\\r" in raw:  # pdfminer skips a backslash-CRLF unless its 4 KB buffer splits it
        raise _Unsupported(start)
    return (_ESCAPE.sub(_unescape, raw) if escaped else raw), pos


def _unescape(m: re.Match[bytes]) -> bytes:
    """pdfminer: \\n etc., octal (at most \\377), and any other escape, backslash-newline
    included, drops the character after the backslash too."""
    octal, c = m.groups()
    if octal is None:
        return _ESCAPES.get(c, b"")
    if int(octal, 8) > 255:
        raise _Unsupported(octal)  # pdfminer fails an assertion there
    return bytes((int(octal, 8),))
