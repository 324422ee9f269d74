#!/usr/bin/env python3
"""Render every spbe report the way a person sees it, and list what to look at.

The check for issue 10: it writes the reports from the shipped examples with a real
``spbe`` executable, then

* renders each HTML report with headless Chromium: a full-page screenshot at 1280 px
  (desktop) and at 390 px (phone), and the A4 print (``--print-to-pdf``) as PNG pages;
* converts each Excel report through LibreOffice to PDF and then to PNG pages, which is
  what the workbook looks like on paper (page setup, fit-to-width, footer, charts);
* writes ``index.md`` in the output folder: every PNG, plus measured facts next to them
  (page width against the window, labels cut short with "…", labels outside their chart,
  labels that collide with each other or with the target line, the smallest chart text in
  screen pixels, tables that scroll inside their box or spill out of the page, the PDFs'
  fonts and the last line of each page, and the Excel page setup, footers, fonts, row
  heights, chart sizes and data labels read from the workbook itself).

It never judges: it shows. Look at the PNGs (and read the facts) before and after a change.

Reports made (paths relative to ``--examples``, default ``examples``):

* ``one-agency``: ``pematangsiantar-2021.xlsx`` with ``--plan``;
* ``many-agencies``: ``agencies-2021.xlsx``;
* ``trend``: ``pematangsiantar-20*.xlsx`` together;
* ``extra-NAME``: one report for each ``--input FILE``.

Usage (from the repository root, after ``pip install -e .``)::

    python scripts/render_reports.py                       # spbe from PATH, to build/render
    python scripts/render_reports.py --spbe .venv/bin/spbe --out build/render
    python scripts/render_reports.py --input my-agency.xlsx --lang en
    python scripts/render_reports.py --readme-shots        # also refresh docs/report-*.png
    python scripts/render_reports.py --dpi 110             # sharper PNG pages (default 60)

Other options: ``--examples DIR``, ``--only NAME`` (repeatable: one-agency, many-agencies,
trend, extra-NAME), ``--chromium PATH``, ``--docs DIR`` (where ``--readme-shots`` writes,
default ``docs``), ``--timeout S``. Relative paths are taken from the current folder. A
run of the three examples takes about 20 s. Each report's folder in ``--out`` is replaced.

Then open ``build/render/index.md`` (or the PNGs it lists). With ``--readme-shots`` it
also writes ``docs/report-html.png`` (top of the one-agency HTML at 1000x1400),
``docs/report-html-phone.png`` (its first screen at 390x844) and ``docs/report-xlsx.png``
(the first page of the one-agency workbook through LibreOffice, 90 dpi).

Tools (Debian)::

    apt-get install -y chromium libreoffice-calc poppler-utils fonts-dejavu \\
        fonts-crosextra-carlito fonts-crosextra-caladea

Carlito and Caladea are metric twins of Calibri and Cambria, so that LibreOffice wraps
text and sizes rows as Excel would; without them it substitutes DejaVu, which is wider.

How the full-page screenshot is taken: Chromium's ``--screenshot`` captures the window,
so the page is first loaded (through ``--dump-dom``) as a copy with a small probe script
that measures the page's height and the facts above; the real report is then shot with a
window exactly that tall (capped at 16384 px, noted in the index when it is). The report
itself is never changed. Headless Chromium lays out no window narrower than 500 px, so
the 390 px view is the report in a 390 px iframe (the probe checks the page really is
laid out at 390 px and stops otherwise). The PNGs are 1 CSS px per pixel. The print is
Chromium's own, without the browser's header and footer (``--no-pdf-header-footer``),
i.e. what the page's print style gives.

LibreOffice sizes rows that the file leaves unset from their content only in part; what
it shows is close to, not the same as, Excel. The facts read from the workbook (set row
heights, page setup, footer, fonts, data labels) hold for both.

Exit status: 0 when everything was rendered, 1 when some step failed (the index says
which), 2 when a tool is missing or the arguments are wrong. Every external command runs
with a timeout (``--timeout``, default 180 s).
"""

from __future__ import annotations

import argparse
import contextlib
import html
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

DESKTOP_WIDTH = 1280
PHONE_WIDTH = 390
PROBE_HEIGHT = 900
MIN_WINDOW = 500  # headless Chromium lays out no narrower window than this
MAX_HEIGHT = 16384
README_HTML = (1000, 1400)
README_PHONE = (390, 844)
README_XLSX_DPI = 90

INSTALL_HINT = (
    "install the tools with: apt-get install -y chromium libreoffice-calc poppler-utils "
    "fonts-dejavu fonts-crosextra-carlito fonts-crosextra-caladea"
)

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
]

# Runs in a throw-away copy of a report after load; writes its findings as JSON into an
# attribute of <html>, which --dump-dom then prints.
PROBE_JS = r"""
<script>
window.addEventListener('load', function () {
  var de = document.documentElement, vw = window.innerWidth;
  var out = {viewport: vw, pageWidth: de.scrollWidth,
             pageHeight: Math.max(de.scrollHeight, document.body.scrollHeight),
             charts: [], tables: [], spill: []};
  function own(t) {
    var s = '';
    t.childNodes.forEach(function (n) { if (n.nodeType === 3) { s += n.nodeValue; } });
    return s.trim();
  }
  function quad(t, svg) {
    // The text's box as four corners in the chart's own units, rotation included.
    var b = t.getBBox(), m = svg.getScreenCTM().inverse().multiply(t.getScreenCTM());
    return [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height],
            [b.x, b.y + b.height]].map(function (p) {
      return [m.a * p[0] + m.c * p[1] + m.e, m.b * p[0] + m.d * p[1] + m.f];
    });
  }
  function axes(q) {
    var out = [], i, dx, dy, n;
    for (i = 0; i < 4; i++) {
      dx = q[(i + 1) % 4][0] - q[i][0];
      dy = q[(i + 1) % 4][1] - q[i][1];
      n = Math.hypot(dx, dy) || 1;
      out.push([-dy / n, dx / n]);
    }
    return out;
  }
  function overlap(a, b) {
    // Separating axes: two convex boxes overlap (by more than 1 unit) on every axis.
    return axes(a).concat(axes(b)).every(function (ax) {
      var pa = a.map(function (p) { return p[0] * ax[0] + p[1] * ax[1]; });
      var pb = b.map(function (p) { return p[0] * ax[0] + p[1] * ax[1]; });
      return Math.min(Math.max.apply(null, pa), Math.max.apply(null, pb)) -
             Math.max(Math.min.apply(null, pa), Math.min.apply(null, pb)) > 1;
    });
  }
  function inside(x, y, q) {
    var i, d, sign = 0;
    for (i = 0; i < 4; i++) {
      var ax = q[i], bx = q[(i + 1) % 4], n = Math.hypot(bx[0] - ax[0], bx[1] - ax[1]) || 1;
      d = ((bx[0] - ax[0]) * (y - ax[1]) - (bx[1] - ax[1]) * (x - ax[0])) / n;
      if (Math.abs(d) <= 1) { return false; }
      if (sign === 0) { sign = d > 0 ? 1 : -1; } else if ((d > 0 ? 1 : -1) !== sign) {
        return false;
      }
    }
    return true;
  }
  function points(el) {
    var p = [], i;
    if (el.tagName === 'line') {
      return [[el.x1.baseVal.value, el.y1.baseVal.value],
              [el.x2.baseVal.value, el.y2.baseVal.value]];
    }
    if (!el.points) { return p; }
    for (i = 0; i < el.points.numberOfItems; i++) {
      p.push([el.points.getItem(i).x, el.points.getItem(i).y]);
    }
    if (el.tagName === 'polygon' && p.length) { p.push(p[0]); }
    return p;
  }
  function crosses(pts, r) {
    var i, k, n, x, y;
    for (i = 1; i < pts.length; i++) {
      n = Math.max(2, Math.ceil(Math.hypot(pts[i][0] - pts[i - 1][0],
                                           pts[i][1] - pts[i - 1][1])));
      for (k = 0; k <= n; k++) {
        x = pts[i - 1][0] + (pts[i][0] - pts[i - 1][0]) * k / n;
        y = pts[i - 1][1] + (pts[i][1] - pts[i - 1][1]) * k / n;
        if (inside(x, y, r)) { return true; }
      }
    }
    return false;
  }
  function named(el) {
    var f = el.closest('figure'), c = f && f.querySelector('figcaption');
    if (c) { return c.textContent.trim(); }
    return el.getAttribute('aria-label') || el.getAttribute('class') || el.tagName;
  }
  document.querySelectorAll('svg').forEach(function (svg) {
    var vb = svg.viewBox && svg.viewBox.baseVal, box = svg.getBoundingClientRect();
    if (!vb || !vb.width) { return; }
    var scale = box.width / vb.width, texts = [], minPx = 1e9;
    var targets = svg.querySelectorAll('.target, [stroke-dasharray]');
    var chart = {name: named(svg), cls: svg.getAttribute('class') || '',
                 width: Math.round(box.width), height: Math.round(box.height),
                 minTextPx: 0, truncated: [], outside: [], overlaps: [], onTarget: []};
    svg.querySelectorAll('text').forEach(function (t) {
      var b = quad(t, svg), s = own(t);
      var px = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (!s) { return; }
      minPx = Math.min(minPx, px);
      if (s.indexOf('\u2026') >= 0 || /\.\.\.$/.test(s)) { chart.truncated.push(s); }
      if (b.some(function (p) {
        return p[0] < vb.x - 0.5 || p[1] < vb.y - 0.5 || p[0] > vb.x + vb.width + 0.5 ||
               p[1] > vb.y + vb.height + 0.5;
      })) { chart.outside.push(s); }
      targets.forEach(function (el) {
        if (crosses(points(el), b)) { chart.onTarget.push(s); }
      });
      texts.forEach(function (o) {
        if (overlap(o.b, b)) { chart.overlaps.push([o.s, s]); }
      });
      texts.push({s: s, b: b});
    });
    chart.minTextPx = minPx === 1e9 ? 0 : Math.round(minPx * 10) / 10;
    out.charts.push(chart);
  });
  document.querySelectorAll('table').forEach(function (t) {
    var sec = t.closest('section'), h = sec && sec.querySelector('h2');
    var box = t.parentElement, r = t.getBoundingClientRect();
    var item = {name: h ? h.textContent.trim() : (t.getAttribute('class') || 'table'),
                width: Math.round(r.width), box: 0, inside: false, spills: false};
    var ox = getComputedStyle(box).overflowX;
    if (ox === 'auto' || ox === 'scroll') {
      item.inside = box.scrollWidth > box.clientWidth + 1;
      item.box = box.clientWidth;
    }
    item.spills = !item.inside && r.right > vw + 1;
    out.tables.push(item);
  });
  if (de.scrollWidth > vw + 1) {
    document.body.querySelectorAll('*').forEach(function (el) {
      var r = el.getBoundingClientRect(), p = el.parentElement;
      if (r.right <= vw + 1 || out.spill.length >= 8) { return; }
      if (p && p.getBoundingClientRect().right > vw + 1 && p !== document.body) { return; }
      if (el.closest('[style*="overflow"], .scroll')) { return; }
      out.spill.push(el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined
        ? '.' + el.className : '') + ' to ' + Math.round(r.right) + ' px: ' +
        (el.textContent || '').trim().slice(0, 60));
    });
  }
  de.setAttribute('data-render-probe', JSON.stringify(out));
  try {
    if (window.parent !== window) {
      window.parent.document.documentElement.setAttribute('data-render-probe',
                                                           JSON.stringify(out));
    }
  } catch (e) { /* not reachable: the answer stays in this frame */ }
});
</script>
"""


class ToolMissing(Exception):
    """A program the check needs is not installed (exit 2)."""


class StepFailed(Exception):
    """An external command failed or timed out; the run goes on with the next step."""


@dataclass
class Tools:
    spbe: str
    chromium: str
    soffice: str
    pdftoppm: str
    pdftotext: str | None
    pdffonts: str | None
    timeout: float


@dataclass
class ReportSpec:
    name: str
    title: str
    inputs: list[Path]
    extra: list[str] = field(default_factory=list)


@dataclass
class Shot:
    label: str
    path: Path
    note: str = ""


@dataclass
class Result:
    spec: ReportSpec
    shots: list[Shot] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


# -- running programs ------------------------------------------------------------------


def run(cmd: Sequence[str], timeout: float, what: str) -> str:
    """Run ``cmd`` in its own process group, killing the group on timeout; return stdout."""
    try:
        proc = subprocess.Popen(
            list(cmd),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
            start_new_session=True,
        )
    except FileNotFoundError as exc:
        raise ToolMissing(f"{cmd[0]} not found ({what}); {INSTALL_HINT}") from exc
    except PermissionError as exc:
        raise ToolMissing(f"{cmd[0]} is not executable ({what})") from exc
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        kill_group(proc)
        raise StepFailed(f"{what}: timed out after {timeout:g} s") from exc
    finally:
        # Chromium and soffice leave helpers behind; end this command's own group only.
        kill_group(proc)
    if proc.returncode != 0:
        tail = " | ".join(line for line in err.strip().splitlines()[-3:] if line)
        raise StepFailed(f"{what}: exit status {proc.returncode}: {tail}")
    return out


def kill_group(proc: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    if proc.poll() is None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.communicate(timeout=10)


def find_program(given: str | None, *names: str) -> str | None:
    if given:
        if os.sep in given:
            return given if os.access(given, os.X_OK) and Path(given).is_file() else None
        return shutil.which(given)
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def find_tools(args: argparse.Namespace) -> Tools:
    spbe = find_program(args.spbe)
    if spbe is None:
        raise ToolMissing(
            f"spbe executable not found: {args.spbe!r} (give --spbe PATH, e.g. .venv/bin/spbe)"
        )
    chromium = find_program(args.chromium, "chromium", "chromium-browser", "google-chrome")
    soffice = find_program(None, "soffice", "libreoffice")
    pdftoppm = find_program(None, "pdftoppm")
    missing = [
        name
        for name, path in (
            ("chromium", chromium),
            ("soffice (LibreOffice)", soffice),
            ("pdftoppm (poppler-utils)", pdftoppm),
        )
        if path is None
    ]
    if missing or chromium is None or soffice is None or pdftoppm is None:
        raise ToolMissing(f"missing: {', '.join(missing)}; {INSTALL_HINT}")
    return Tools(
        spbe=spbe,
        chromium=chromium,
        soffice=soffice,
        pdftoppm=pdftoppm,
        pdftotext=find_program(None, "pdftotext"),
        pdffonts=find_program(None, "pdffonts"),
        timeout=args.timeout,
    )


# -- chromium --------------------------------------------------------------------------


def chromium(tools: Tools, extra: Sequence[str], url: str, what: str) -> str:
    with tempfile.TemporaryDirectory(prefix="render-chromium-") as profile:
        cmd = [tools.chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, url]
        return run(cmd, tools.timeout, what)


def framed(page_url: str, width: int, height: int, folder: Path) -> str:
    """The URL to load for a ``width`` px viewport.

    Headless Chromium will not make a window narrower than ``MIN_WINDOW`` px (it lays a
    390 px window out at 500 px), so a narrower viewport is an iframe of exactly that size
    at the top left of a blank page; the screenshot, ``width`` px wide, is then the iframe.
    """
    if width >= MIN_WINDOW:
        return page_url
    wrapper = folder / f"frame-{width}.html"
    wrapper.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head>'
        '<body style="margin:0;background:#fff">'
        f'<iframe src="{html.escape(page_url)}" width="{width}" height="{height}" '
        'style="border:0;display:block" scrolling="no"></iframe></body></html>',
        encoding="utf-8",
    )
    return wrapper.as_uri()


def probe(tools: Tools, page: Path, width: int) -> dict[str, object]:
    """Load a copy of ``page`` with the probe script at ``width``; return its findings."""
    text = page.read_text(encoding="utf-8")
    cut = text.rfind("</body>")
    cut = cut if cut >= 0 else len(text)
    with tempfile.TemporaryDirectory(prefix="render-probe-") as tmp:
        copy = Path(tmp) / page.name
        copy.write_text(text[:cut] + PROBE_JS + text[cut:], encoding="utf-8")
        dom = chromium(
            tools,
            [
                "--dump-dom",
                "--allow-file-access-from-files",
                f"--window-size={max(width, MIN_WINDOW)},{PROBE_HEIGHT}",
            ],
            framed(copy.as_uri(), width, PROBE_HEIGHT, Path(tmp)),
            f"chromium measuring {page.name} at {width} px",
        )
    found = re.search(r'data-render-probe="([^"]*)"', dom)
    if not found:
        raise StepFailed(f"chromium measuring {page.name}: the probe gave no answer")
    data = json.loads(html.unescape(found.group(1)))
    if not isinstance(data, dict):
        raise StepFailed(f"chromium measuring {page.name}: unexpected probe answer")
    if data.get("viewport") != width:
        raise StepFailed(
            f"chromium measuring {page.name}: laid out at {data.get('viewport')} px, not {width} px"
        )
    return data


def screenshot(tools: Tools, page: Path, png: Path, width: int, height: int) -> None:
    png.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="render-frame-") as tmp:
        chromium(
            tools,
            [f"--screenshot={png}", f"--window-size={width},{height}"],
            framed(page.as_uri(), width, height, Path(tmp)),
            f"chromium screenshot of {page.name} at {width}x{height}",
        )
    if not png.is_file():
        raise StepFailed(f"chromium wrote no screenshot for {page.name}")
    if png_size(png)[0] != width:
        raise StepFailed(
            f"chromium screenshot of {page.name} is {png_size(png)[0]} px wide, not {width} px"
        )


def png_size(png: Path) -> tuple[int, int]:
    with png.open("rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return (0, 0)
    return (int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big"))


def print_pdf(tools: Tools, page: Path, pdf: Path) -> None:
    pdf.unlink(missing_ok=True)
    chromium(
        tools,
        [f"--print-to-pdf={pdf}", "--no-pdf-header-footer"],
        page.as_uri(),
        f"chromium printing {page.name}",
    )
    if not pdf.is_file():
        raise StepFailed(f"chromium wrote no PDF for {page.name}")


# -- PDF and LibreOffice ---------------------------------------------------------------


def pdf_pages(tools: Tools, pdf: Path, prefix: Path, dpi: int) -> list[Path]:
    for old in prefix.parent.glob(prefix.name + "-*.png"):
        old.unlink()
    run(
        [tools.pdftoppm, "-r", str(dpi), "-png", str(pdf), str(prefix)],
        tools.timeout,
        f"pdftoppm {pdf.name}",
    )

    def page_no(p: Path) -> int:
        return int(p.stem.rsplit("-", 1)[1])

    return sorted(prefix.parent.glob(prefix.name + "-*.png"), key=page_no)


def pdf_facts(tools: Tools, pdf: Path) -> list[str]:
    facts: list[str] = []
    if tools.pdffonts:
        out = run([tools.pdffonts, str(pdf)], tools.timeout, f"pdffonts {pdf.name}")
        names = sorted(
            {line.split()[0].split("+", 1)[-1] for line in out.splitlines()[2:] if line.strip()}
        )
        facts.append(f"fonts in the PDF: {', '.join(names) or 'none'}")
    if tools.pdftotext:
        out = run(
            [tools.pdftotext, "-layout", str(pdf), "-"], tools.timeout, f"pdftotext {pdf.name}"
        )
        pages = out.split("\f")
        if pages and not pages[-1].strip():
            pages = pages[:-1]
        for number, page in enumerate(pages, 1):
            lines = [line.strip() for line in page.splitlines() if line.strip()]
            last = re.sub(r"\s{2,}", "  ", lines[-1]) if lines else "(empty page)"
            facts.append(f"page {number}, last line: `{last[:90]}`")
    return facts


def xlsx_to_pdf(tools: Tools, xlsx: Path, outdir: Path, profile: Path) -> Path:
    pdf = outdir / (xlsx.stem + ".pdf")
    pdf.unlink(missing_ok=True)
    run(
        [
            tools.soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(xlsx),
        ],
        tools.timeout,
        f"LibreOffice converting {xlsx.name}",
    )
    if not pdf.is_file():
        raise StepFailed(f"LibreOffice wrote no PDF for {xlsx.name}")
    return pdf


# -- facts read from the workbook ------------------------------------------------------

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}
NUMBER_TEXT = re.compile(r"^\s*[-+]?\d+(?:[.,]\d+)?\s*%?\s*$")
EMU_PER_CM = 360000


def part_path(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    parts = base.rsplit("/", 1)[0].split("/") if "/" in base else []
    for piece in target.split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def rels(z: zipfile.ZipFile, part: str) -> dict[str, str]:
    folder, _, name = part.rpartition("/")
    rel = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
    if rel not in z.namelist():
        return {}
    root = ElementTree.fromstring(z.read(rel))
    return {
        r.get("Id", ""): part_path(part, r.get("Target", ""))
        for r in root.findall("pr:Relationship", NS)
    }


def xlsx_facts(xlsx: Path) -> list[str]:
    """Page setup, footers, fonts, row heights and charts, as the file states them."""
    facts: list[str] = []
    with zipfile.ZipFile(xlsx) as z:
        styles = ElementTree.fromstring(z.read("xl/styles.xml"))
        fonts = styles.findall("m:fonts/m:font", NS)
        names = [f.find("m:name", NS) for f in fonts]
        declared = sorted({n.get("val", "") for n in names if n is not None})
        unnamed = sum(1 for n in names if n is None)
        line = f"cell fonts declared: {', '.join(declared) or 'none'}"
        if unnamed:
            line += f"; {unnamed} of {len(fonts)} font records name no font"
        facts.append(line)
        book = ElementTree.fromstring(z.read("xl/workbook.xml"))
        titles = {
            d.get("localSheetId"): (d.text or "")
            for d in book.findall("m:definedNames/m:definedName", NS)
            if d.get("name") == "_xlnm.Print_Titles"
        }
        book_rels = rels(z, "xl/workbook.xml")
        for index, sheet in enumerate(book.findall("m:sheets/m:sheet", NS)):
            rid = sheet.get(f"{{{NS['r']}}}id", "")
            part = book_rels.get(rid, "")
            if part not in z.namelist():
                continue
            facts.append(sheet_facts(z, part, sheet.get("name", "?"), titles.get(str(index))))
    return facts


def sheet_facts(z: zipfile.ZipFile, part: str, name: str, titles: str | None) -> str:
    root = ElementTree.fromstring(z.read(part))
    setup = root.find("m:pageSetup", NS)
    fit = root.find("m:sheetPr/m:pageSetUpPr", NS)
    bits: list[str] = []
    if setup is not None:
        paper = {"9": "A4", "1": "Letter", None: "default paper"}.get(
            setup.get("paperSize"), f"paper {setup.get('paperSize')}"
        )
        bits.append(f"{paper} {setup.get('orientation', 'default')}")
        fit_on = fit is not None and fit.get("fitToPage") in ("1", "true")
        if fit_on:
            wide = setup.get("fitToWidth", "1")
            tall = setup.get("fitToHeight", "1")
            tall = "any number of pages" if tall == "0" else f"{tall} page(s)"
            bits.append(f"fit to {wide} page(s) wide and {tall} tall")
        else:
            bits.append("no fit-to-page")
    else:
        bits.append("no page setup")
    footer = root.find("m:headerFooter/m:oddFooter", NS)
    bits.append(f"footer `{footer.text}`" if footer is not None and footer.text else "no footer")
    bits.append(f"print titles {titles}" if titles else "no repeated rows")
    rows = root.findall("m:sheetData/m:row", NS)
    custom = sum(1 for r in rows if r.get("customHeight") in ("1", "true"))
    bits.append(f"{len(rows)} rows, {custom} with a set height")
    as_text: list[str] = []
    for cell in root.iter(f"{{{NS['m']}}}c"):
        kind = cell.get("t")
        value = ""
        if kind == "inlineStr":
            value = "".join(t.text or "" for t in cell.iter(f"{{{NS['m']}}}t"))
        elif kind == "str":
            v = cell.find("m:v", NS)
            value = v.text or "" if v is not None else ""
        if value and NUMBER_TEXT.match(value):
            as_text.append(f"{cell.get('r')}={value.strip()}")
    if as_text:
        bits.append(f"numbers stored as text: {len(as_text)} ({', '.join(as_text[:4])})")
    charts = []
    for target in rels(z, part).values():
        if "drawings/" in target and target in z.namelist():
            charts.extend(drawing_charts(z, target))
    if charts:
        bits.append("charts: " + "; ".join(charts))
    return f"sheet '{name}': " + ", ".join(bits)


def drawing_charts(z: zipfile.ZipFile, part: str) -> list[str]:
    root = ElementTree.fromstring(z.read(part))
    chart_rels = rels(z, part)
    found: list[str] = []
    for anchor in list(root):
        ext = anchor.find("xdr:ext", NS)
        if ext is None:
            ext = anchor.find(".//a:ext", NS)
        ref = anchor.find(".//c:chart", NS)
        if ref is None:
            continue
        target = chart_rels.get(ref.get(f"{{{NS['r']}}}id", ""), "")
        size = ""
        if ext is not None and ext.get("cx") and ext.get("cy"):
            width = int(ext.get("cx", "0")) / EMU_PER_CM
            height = int(ext.get("cy", "0")) / EMU_PER_CM
            size = f"{width:.1f}x{height:.1f} cm"
        kinds: list[str] = []
        labels = False
        fonts: set[str] = set()
        if target in z.namelist():
            chart = ElementTree.fromstring(z.read(target))
            plot = chart.find("c:chart/c:plotArea", NS)
            for child in list(plot) if plot is not None else []:
                tag = child.tag.rsplit("}", 1)[-1]
                if tag.endswith("Chart"):
                    kinds.append(tag[: -len("Chart")])
            for shown in chart.iter(f"{{{NS['c']}}}showVal"):
                labels = labels or shown.get("val") in ("1", "true")
            fonts = {f.get("typeface", "") for f in chart.iter(f"{{{NS['a']}}}latin")}
        found.append(
            f"{'+'.join(kinds) or 'chart'} {size}, "
            f"{'data labels' if labels else 'no data labels'}, "
            f"font {', '.join(sorted(fonts)) if fonts else 'not set'}"
        )
    return found


# -- the reports -----------------------------------------------------------------------


def specs(examples: Path, extra: Sequence[Path]) -> list[ReportSpec]:
    trend = sorted(examples.glob("pematangsiantar-20*.xlsx"))
    found = [
        ReportSpec(
            "one-agency",
            "One agency, with the plan",
            [examples / "pematangsiantar-2021.xlsx"],
            ["--plan"],
        ),
        ReportSpec("many-agencies", "Many agencies", [examples / "agencies-2021.xlsx"]),
        ReportSpec("trend", "One agency over the years", trend),
    ]
    for path in extra:
        found.append(ReportSpec(f"extra-{safe(path.stem)}", f"Extra input {path.name}", [path]))
    return found


def safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") or "input"


def write_report(tools: Tools, spec: ReportSpec, out: Path, fmt: str, lang: str | None) -> Path:
    target = out / f"report.{fmt}"
    cmd = [tools.spbe, "report", *map(str, spec.inputs), "-o", str(target), "--force"]
    cmd += spec.extra
    if lang:
        cmd += ["--lang", lang]
    run(cmd, tools.timeout, f"spbe report {spec.name} ({fmt})")
    if not target.is_file():
        raise StepFailed(f"spbe report {spec.name} ({fmt}) wrote no file")
    return target


def probe_facts(data: dict[str, object], label: str) -> list[str]:
    facts: list[str] = []
    viewport = data.get("viewport")
    width = data.get("pageWidth")
    if isinstance(width, int) and isinstance(viewport, int) and width > viewport + 1:
        facts.append(
            f"{label}: the page is {width} px wide in a {viewport} px window (it scrolls sideways)"
        )
    spill = data.get("spill")
    if isinstance(spill, list):
        facts.extend(f"{label}: sticks out: {html_text(s)}" for s in spill)
    charts = data.get("charts")
    for chart in charts if isinstance(charts, list) else []:
        if not isinstance(chart, dict):
            continue
        name = chart.get("name", "chart")
        head = (
            f"{label}: chart '{name}' {chart.get('width')}x{chart.get('height')} px, "
            f"smallest text {chart.get('minTextPx')} px"
        )
        facts.append(head)
        for key, what in (
            ("truncated", "labels cut short"),
            ("outside", "labels outside the chart"),
            ("onTarget", "labels crossed by the target line"),
            ("overlaps", "labels overlapping"),
        ):
            items = chart.get(key)
            if isinstance(items, list) and items:
                shown = [" / ".join(i) if isinstance(i, list) else str(i) for i in items]
                facts.append(
                    f"{label}:   {what} ({len(shown)}): "
                    + "; ".join(f"`{s}`" for s in shown[:10])
                    + (" …" if len(shown) > 10 else "")
                )
    tables = data.get("tables")
    for table in tables if isinstance(tables, list) else []:
        if not isinstance(table, dict):
            continue
        if table.get("inside"):
            facts.append(
                f"{label}: table in '{table.get('name')}' is {table.get('width')} px, "
                f"scrolls inside its {table.get('box')} px box"
            )
        elif table.get("spills"):
            facts.append(
                f"{label}: table in '{table.get('name')}' is {table.get('width')} px "
                "and spills out of the page"
            )
    return facts


def html_text(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_html(
    tools: Tools, page: Path, work: Path, result: Result, dpi: int, shoot_readme: bool
) -> None:
    for width, label in ((DESKTOP_WIDTH, "desktop"), (PHONE_WIDTH, "phone")):
        try:
            data = probe(tools, page, width)
            height = data.get("pageHeight")
            height = height if isinstance(height, int) and height > 0 else 4000
            note = f"{width}x{min(height, MAX_HEIGHT)}"
            if height > MAX_HEIGHT:
                note += f", cut at {MAX_HEIGHT} of {height} px"
            png = work / f"html-{label}-{width}.png"
            screenshot(tools, page, png, width, min(height, MAX_HEIGHT))
            result.shots.append(Shot(f"HTML, {label} {width} px, full page", png, note))
            result.facts.extend(probe_facts(data, f"HTML {width} px"))
        except StepFailed as exc:
            result.errors.append(str(exc))
    try:
        pdf = work / "html-print-a4.pdf"
        print_pdf(tools, page, pdf)
        pages = pdf_pages(tools, pdf, work / "html-print", dpi)
        for number, png in enumerate(pages, 1):
            result.shots.append(Shot(f"HTML printed, page {number} of {len(pages)}", png))
        result.facts.extend(f"HTML print: {f}" for f in pdf_facts(tools, pdf))
    except StepFailed as exc:
        result.errors.append(str(exc))
    if shoot_readme:
        for (width, height), name in ((README_HTML, "readme-html"), (README_PHONE, "readme-phone")):
            try:
                png = work / f"{name}.png"
                screenshot(tools, page, png, width, height)
                result.shots.append(Shot(f"README shot {width}x{height}", png))
            except StepFailed as exc:
                result.errors.append(str(exc))


def render_xlsx(
    tools: Tools,
    book: Path,
    work: Path,
    result: Result,
    dpi: int,
    profile: Path,
    shoot_readme: bool,
) -> None:
    try:
        result.facts.extend(f"Excel file: {f}" for f in xlsx_facts(book))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as exc:
        result.errors.append(f"reading {book.name}: {exc}")
    try:
        pdf = xlsx_to_pdf(tools, book, work, profile)
        final = work / "xlsx-libreoffice.pdf"
        pdf.replace(final)
        pages = pdf_pages(tools, final, work / "xlsx-page", dpi)
        for number, png in enumerate(pages, 1):
            result.shots.append(Shot(f"Excel via LibreOffice, page {number} of {len(pages)}", png))
        result.facts.extend(f"Excel print: {f}" for f in pdf_facts(tools, final))
        if shoot_readme:
            png = work / "readme-xlsx.png"
            run(
                [
                    tools.pdftoppm,
                    "-r",
                    str(README_XLSX_DPI),
                    "-png",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    str(final),
                    str(png.with_suffix("")),
                ],
                tools.timeout,
                f"pdftoppm README shot of {book.name}",
            )
            result.shots.append(Shot(f"README shot, page 1 at {README_XLSX_DPI} dpi", png))
    except StepFailed as exc:
        result.errors.append(str(exc))


def write_index(out: Path, results: Sequence[Result], tools: Tools, dpi: int) -> Path:
    lines = [
        "# Reports as a person sees them",
        "",
        f"Made by `scripts/render_reports.py` with `{tools.spbe}`. HTML: Chromium at "
        f"{DESKTOP_WIDTH} px and {PHONE_WIDTH} px, full page; printed to A4 without the "
        "browser's header and footer. Excel: LibreOffice to PDF. PDF pages at "
        f"{dpi} dpi. The facts are measured, not judged: look at the pictures.",
        "",
    ]
    for result in results:
        spec = result.spec
        lines += [f"## {spec.name}: {spec.title}", ""]
        cmd = " ".join([*(p.name for p in spec.inputs), *spec.extra])
        lines += [f"Input: `{cmd}`", ""]
        if result.errors:
            lines += ["**Failed steps:**", ""]
            lines += [f"- {html_text(e)}" for e in result.errors]
            lines.append("")
        lines += ["Pictures:", ""]
        for shot in result.shots:
            rel = shot.path.relative_to(out).as_posix()
            note = f" ({shot.note})" if shot.note else ""
            lines.append(f"- [{shot.label}]({rel}){note}")
        lines.append("")
        if result.facts:
            lines += ["Facts:", ""]
            lines += [f"- {f}" for f in result.facts]
            lines.append("")
    index = out / "index.md"
    index.write_text("\n".join(lines), encoding="utf-8")
    return index


def copy_readme_shots(results: Sequence[Result], docs: Path) -> list[Path]:
    wanted = {
        "readme-html.png": "report-html.png",
        "readme-phone.png": "report-html-phone.png",
        "readme-xlsx.png": "report-xlsx.png",
    }
    one = next((r for r in results if r.spec.name == "one-agency"), None)
    copied: list[Path] = []
    if one is None:
        return copied
    docs.mkdir(parents=True, exist_ok=True)
    for shot in one.shots:
        name = wanted.get(shot.path.name)
        if name and shot.path.is_file():
            shutil.copyfile(shot.path, docs / name)
            copied.append(docs / name)
    return copied


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Render the spbe reports with Chromium and LibreOffice into PNGs.",
    )
    parser.add_argument("--spbe", default="spbe", help="the spbe executable (default: on PATH)")
    parser.add_argument("--out", type=Path, default=Path("build/render"), help="output folder")
    parser.add_argument(
        "--examples", type=Path, default=Path("examples"), help="folder of the shipped examples"
    )
    parser.add_argument(
        "--input", type=Path, action="append", default=[], help="another input: one more report"
    )
    parser.add_argument("--lang", choices=["id", "en"], help="report language (default: spbe's)")
    parser.add_argument("--dpi", type=int, default=60, help="PNG resolution of PDF pages")
    parser.add_argument("--chromium", help="the Chromium executable (default: chromium)")
    parser.add_argument(
        "--timeout", type=float, default=180.0, help="seconds allowed to each external command"
    )
    parser.add_argument(
        "--readme-shots", action="store_true", help="also write the README's screenshots"
    )
    parser.add_argument(
        "--docs", type=Path, default=Path("docs"), help="where --readme-shots writes"
    )
    parser.add_argument(
        "--only", action="append", default=[], help="render only this report (repeatable)"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.dpi < 10 or args.dpi > 600 or args.timeout <= 0:
        print("render_reports: --dpi must be 10-600 and --timeout positive", file=sys.stderr)
        return 2
    try:
        tools = find_tools(args)
    except ToolMissing as exc:
        print(f"render_reports: {exc}", file=sys.stderr)
        return 2
    reports = specs(args.examples, args.input)
    if args.only:
        unknown = sorted(set(args.only) - {r.name for r in reports})
        if unknown:
            names = ", ".join(r.name for r in reports)
            print(
                f"render_reports: no report named {', '.join(unknown)} (known: {names})",
                file=sys.stderr,
            )
            return 2
        reports = [r for r in reports if r.name in args.only]
    missing = [str(p) for r in reports for p in r.inputs if not p.is_file()]
    missing += [str(args.examples / "pematangsiantar-20*.xlsx") for r in reports if not r.inputs]
    if missing:
        shown = ", ".join(missing)
        print(
            f"render_reports: input not found: {shown} (run from the repository root or "
            "give --examples DIR)",
            file=sys.stderr,
        )
        return 2
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    results: list[Result] = []
    try:
        with tempfile.TemporaryDirectory(prefix="render-soffice-") as profile:
            for spec in reports:
                print(f"render_reports: {spec.name} ...", file=sys.stderr)
                work = out / spec.name
                if work.is_dir():
                    shutil.rmtree(work)
                work.mkdir(parents=True)
                result = Result(spec)
                results.append(result)
                for fmt in ("html", "xlsx", "md"):
                    try:
                        report = write_report(tools, spec, work, fmt, args.lang)
                    except StepFailed as exc:
                        result.errors.append(str(exc))
                        continue
                    shots = args.readme_shots and spec.name == "one-agency"
                    if fmt == "html":
                        render_html(tools, report, work, result, args.dpi, shots)
                    elif fmt == "xlsx":
                        render_xlsx(tools, report, work, result, args.dpi, Path(profile), shots)
    except ToolMissing as exc:
        print(f"render_reports: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("render_reports: interrupted", file=sys.stderr)
        return 1
    index = write_index(out, results, tools, args.dpi)
    if args.readme_shots:
        for path in copy_readme_shots(results, args.docs):
            print(f"render_reports: wrote {path}", file=sys.stderr)
    failed = [e for r in results for e in r.errors]
    for error in failed:
        print(f"render_reports: failed: {error}", file=sys.stderr)
    count = sum(len(r.shots) for r in results)
    print(f"render_reports: {count} pictures, see {index}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
