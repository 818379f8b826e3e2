"""Render a page script into a PDF, for layout fixtures that pdfbuild's flowing layout cannot
make: blank pages, pages of bare table rules, text placed beyond the page edge.

A script is UTF-8 lines (dev-only: needs reportlab):
    PAGE                       start a new page (A4 portrait)
    AT x top TEXT              draw TEXT at x, `top` points below the page's top edge
                               (a negative top puts it above the page, outside its box)
    GRID x top width rows      a ruled table of `rows` empty rows, 20 pt high, 4 columns
    # …                        a comment (an edit can turn a line into one)
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from pdfbuild import FONT  # registers the CID font

ROW = 20.0
COLUMNS = 4


def build_pages(script: str, out: Path) -> Path:
    canvas = Canvas(str(out), pagesize=A4)
    height = A4[1]
    started = False
    for raw in script.splitlines():
        parts = raw.split(" ", 3)
        if parts[0] == "PAGE":
            if started:
                canvas.showPage()
            started = True
        elif parts[0] == "AT":
            canvas.setFont(FONT, 10.5)
            canvas.drawString(float(parts[1]), height - float(parts[2]), parts[3])
        elif parts[0] == "GRID":
            x, top, width, rows = float(parts[1]), float(parts[2]), float(parts[3].split()[0]), int(parts[3].split()[1])
            xs = [x + width * i / COLUMNS for i in range(COLUMNS + 1)]
            ys = [height - top - ROW * i for i in range(rows + 1)]
            canvas.grid(xs, ys)
    canvas.save()
    return out
