"""pdfminer within bounds while a PDF is read.

- A corrupted Flate stream: pdfminer recovers it byte by byte, appending to a bytes object
  (quadratic: one flipped bit in a 3 MB font took minutes). Here the same bytes come out in
  linear time: chunks, and byte by byte only across the chunk where the data goes bad.
- A stream may inflate to at most MAX_STREAM bytes; past that the page is reported as
  damaged instead of filling memory (a zip bomb in a content stream).
- pdfminer's and pdfplumber's warnings ("Data-loss while decompressing corrupted data", …)
  are collected with the page they came from instead of being printed by the hundred;
  `--verbose` shows them (logging's own handlers still receive them).
"""

from __future__ import annotations

import logging
import warnings
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace

import pdfminer.pdftypes

from budget_audit import deadline
from budget_audit.errors import AuditError

MAX_STREAM = 64 * 1024 * 1024
_CHUNK = 1 << 16
_LOGGERS = ("pdfminer", "pdfplumber")


class StreamTooLarge(AuditError):
    """A stream inflates past MAX_STREAM."""


def _room(size: int) -> int:
    if size > MAX_STREAM:
        raise StreamTooLarge(f"数据流解压后超过 {MAX_STREAM >> 20} MB")
    return MAX_STREAM - size + 1


def _decompress(data: bytes, *args: object) -> bytes:
    """zlib.decompress with a cap on the output."""
    d = zlib.decompressobj(*args)  # type: ignore[arg-type]
    out = d.decompress(data, _room(0))
    if d.unconsumed_tail:
        _room(MAX_STREAM + 1)
    if not d.eof:
        raise zlib.error("incomplete or truncated stream")  # as zlib.decompress says
    return out


def _decompress_corrupted(data: bytes) -> bytes:
    """pdfminer's recovery of a stream with a bad checksum, in linear time, same result:
    everything that inflates before the first bad byte; an error if that byte is not
    within the last 3 (the checksum)."""
    d = zlib.decompressobj()
    out = bytearray()
    for start in range(0, len(data), _CHUNK):
        deadline.check()
        chunk = data[start:start + _CHUNK]
        before = d.copy()
        try:
            out += d.decompress(chunk)
        except zlib.error:
            d = before
            for i in range(len(chunk)):
                try:
                    out += d.decompress(chunk[i:i + 1])
                except zlib.error:
                    if start + i < len(data) - 3:
                        raise
                    logging.getLogger("pdfminer.pdftypes").warning("Data-loss while decompressing corrupted data")
                    return bytes(out)
        _room(len(out))
    return bytes(out)


# what pdfminer.pdftypes sees as `zlib` while a PDF is read
_ZLIB = SimpleNamespace(decompress=_decompress, decompressobj=zlib.decompressobj, error=zlib.error)


class PageWarnings(logging.Handler):
    """The libraries' warnings, each with the page being read when it was logged."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.page = 0
        self.seen: dict[tuple[int, str], int] = {}

    def emit(self, record: logging.LogRecord) -> None:
        key = (self.page, _reason(record.getMessage()))
        self.seen[key] = self.seen.get(key, 0) + 1

    def problems(self) -> list[str]:
        """One line per page and reason: '第 5 页：数据流损坏（解压时丢失数据）'."""
        return [f"{'第 %d 页' % page if page else '文件结构'}：{reason}" for page, reason in self.seen]


_REASONS = (("Data-loss while decompressing", "数据流损坏（解压时丢失数据）"),
            ("Not adding object", "交叉引用表损坏"),
            ("MediaBox missing", "页面缺少 MediaBox"),
            ("FontBBox", "字体描述不完整"),
            ("Could not set text", "文字属性有误"))


def _reason(message: str) -> str:
    for english, chinese in _REASONS:
        if english in message:
            return chinese
    return "结构有误（" + " ".join(message.split())[:60] + "）"


@contextmanager
def bounded_pdfminer() -> Iterator[PageWarnings]:
    """pdfminer with the bounds above; yields the collector of its warnings."""
    saved = pdfminer.pdftypes.zlib, pdfminer.pdftypes.decompress_corrupted
    pdfminer.pdftypes.zlib = _ZLIB  # type: ignore[assignment]
    pdfminer.pdftypes.decompress_corrupted = _decompress_corrupted
    collector = PageWarnings()
    for name in _LOGGERS:
        logging.getLogger(name).addHandler(collector)  # a handler: logging's last resort stays silent
    try:
        with warnings.catch_warnings(record=True) as caught:  # pdfminer's `warn()` calls, kept quiet too
            warnings.simplefilter("always")
            yield collector
        for w in caught:
            collector.seen.setdefault((0, _reason(str(w.message))), 1)
    finally:
        for name in _LOGGERS:
            logging.getLogger(name).removeHandler(collector)
        pdfminer.pdftypes.zlib, pdfminer.pdftypes.decompress_corrupted = saved  # type: ignore[assignment]
