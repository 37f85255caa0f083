"""What the page sweeps check on a built page in Chromium (tests/test_pages.py at desktop
width, tests/test_pages_phone.py on a phone), and the visit the interactive tests share
(tests/test_browser.py).

Each ``*_problems`` function reads one aspect of an open page as the reader's browser laid
it out and returns the problems it found as sentences (an empty list when there are none).
"""

from __future__ import annotations

import functools
import itertools
import re
from urllib.parse import urlparse

import yaml

from chromium import OFF_SITE
from stored_figures import stored_figures
from toc import ROOT, toc_docnames

HTML = ROOT / "_build" / "html"
SHOTS = ROOT / "test-artifacts" / "screenshots"
THEME_CONSOLE_NOISE = {"Got invalid theme mode: . Resetting to auto."}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


class PageVisit:
    """One page loaded with other hosts blocked, recording what went wrong."""

    def __init__(self, browser, url: str, viewport: dict):
        self.blocked, self.failed, self.errors = [], [], []
        self.context = browser.new_context(viewport=viewport, device_scale_factor=2)
        self.page = self.context.new_page()
        # Only requests that leave the site are intercepted (and refused): routing every
        # request through Python would make each of a page's ~50 local requests wait
        # for this process.
        self.page.route(OFF_SITE, self._refuse)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url}: {r.failure}"))
        self.page.on(
            "response", lambda r: r.status >= 400 and self.failed.append(f"{r.url}: {r.status}")
        )
        self.page.goto(url, wait_until="networkidle")
        # MathJax typesets asynchronously; wait until it says it is done.
        self.page.wait_for_function(
            "() => !window.MathJax || (window.MathJax.startup && window.MathJax.startup.promise"
            " && (window.__mjdone || (window.MathJax.startup.promise.then("
            "() => window.__mjdone = true), false)))",
            timeout=30_000,
        )

    def _console(self, message):
        if message.type == "error" and message.text not in THEME_CONSOLE_NOISE:
            self.errors.append(message.text)

    def _refuse(self, route):
        self.blocked.append(route.request.url)
        route.abort()

    def close(self):
        self.context.close()


def repository() -> tuple[str, str]:
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    return config["repository"]["url"], config["repository"].get("branch", "main")


PAGES = toc_docnames()


# What every page must satisfy, checked in one visit per page and width (the sweeps of
# tests/test_pages*.py: loading a page costs more than all these checks together).
# Each returns what is wrong, as messages.


def load_problems(visit) -> list[str]:
    return (
        [f"requests to other hosts: {visit.blocked}"] * bool(visit.blocked)
        + [f"failed requests: {visit.failed}"] * bool(visit.failed)
        + [f"console errors: {visit.errors}"] * bool(visit.errors)
    )


def math_problems(visit) -> list[str]:
    counts = visit.page.evaluate("""() => {
        const math = [...document.querySelectorAll('.math')];
        return {math: math.length,
                rendered: math.filter(m => m.querySelector('mjx-container')
                                           || m.tagName === 'MJX-CONTAINER').length,
                errors: document.querySelectorAll('mjx-merror, [data-mjx-error]').length};
    }""")
    found = []
    if counts["rendered"] != counts["math"] or counts["errors"]:
        found.append(f"math not rendered: {counts}")
    if re.search(r"\$\$|\\\(|\\\[", visit.page.inner_text("article")):
        found.append("raw TeX left on the page")
    return found


# Each display equation: how wide MathJax drew it, the width of its column, and into how
# many lines MathJax broke it to fit (MathJax 4, displayOverflow "linebreak").
DISPLAY_EQUATIONS = """() => [...document.querySelectorAll('mjx-container[display="true"]')]
 .map(c => {
  const math = c.querySelector('mjx-math');
  return {tex: (math.getAttribute('data-latex') || '').trim().slice(0, 80),
          width: math.getBoundingClientRect().width,
          column: c.parentElement.getBoundingClientRect().width,
          lines: math.querySelectorAll(':scope > mjx-linestack > mjx-linebox').length || 1};
})"""


def equation_problems(page, viewport: str) -> list[str]:
    """No display equation wider than its column, and none that MathJax had to break, at
    any width, the phone's included: every equation too wide for a phone's column has line
    breaks of its author's (``aligned`` lines, a label above its formula), so MathJax never
    breaks one at an operator of its own choosing."""
    found = []
    for eq in page.evaluate(DISPLAY_EQUATIONS):
        if eq["width"] > eq["column"] + 1:
            found.append(f"{eq['width']:.0f}px in a {eq['column']:.0f}px column: {eq['tex']}")
        if eq["lines"] > 1:
            found.append(f"broken into {eq['lines']} lines to fit ({viewport}): {eq['tex']}")
    return found


@functools.cache  # read once per test process
def recorded_fonts() -> dict[str, tuple[float, float]]:
    """Each figure PNG of the book (by the SHA-256 that names its file on the site) -> its
    smallest font size (points) and resolution (dpi): the page's rendering and the phone's."""
    fonts = {}
    for page, phone in stored_figures():
        for rendering in (page, phone):
            if rendering is not None:
                fonts[rendering.sha256] = (rendering.font_pt, rendering.dpi)
    return fonts


SHOWN_IMAGES = """() => [...document.querySelectorAll('article img')]
  .filter(i => i.getBoundingClientRect().width > 0)
  .map(i => ({src: i.getAttribute('src'), drawn: i.getBoundingClientRect().width,
              natural: i.naturalWidth, figure: !!i.closest('figure')}))"""


def figure_text_problems(page, fonts: dict) -> list[str]:
    """Every figure shown: its smallest text at least 9 CSS px as drawn (points x dpi / 72
    pixels in the PNG, times the ratio of drawn to natural width)."""
    found = []
    for img in page.evaluate(SHOWN_IMAGES):
        sha = img["src"].rsplit("/", 1)[-1].removesuffix(".png")
        if sha not in fonts:
            if img["figure"]:
                found.append(f"a figure with no recorded font size: {img['src']}")
            continue
        points, dpi = fonts[sha]
        if not points:
            found.append(f"a figure stored without its font size or phone PNG: {img['src']}")
            continue
        px = points * dpi / 72 * img["drawn"] / img["natural"]
        if px < 9.0:
            found.append(f"text {px:.1f} CSS px (< 9) in {img['src']}")
    return found


CUT_CODE = """() => [...document.querySelectorAll('article pre')]
  .filter(e => e.getBoundingClientRect().width > 0 && e.scrollWidth > e.clientWidth + 1)
  .map(e => `${e.scrollWidth - e.clientWidth}px cut off: ${e.textContent.slice(0, 60)}`)"""


def cut_code(page) -> list[str]:
    """Code and outputs whose longest line (79 columns at most) does not fit its box."""
    return page.evaluate(CUT_CODE)


LOAD_SHOWN_IMAGES = """async () => {
  const shown = [...document.querySelectorAll('article img')]
    .filter(i => i.getBoundingClientRect().width > 0);
  shown.forEach(i => { i.loading = 'eager'; });
  await Promise.all(shown.map(i => i.complete ? null
    : new Promise(done => { i.onload = i.onerror = done; })));
}"""


def load_shown_images(page) -> None:
    """Load every image the page shows, below the fold too: figures load lazily (only the
    rendering a screen shows is fetched), and the checks read what each one draws."""
    page.evaluate(LOAD_SHOWN_IMAGES)


def image_problems(visit) -> list[str]:
    images = visit.page.evaluate("""() => [...document.querySelectorAll('article img')]
        .filter(i => i.getBoundingClientRect().width > 0).map(
        i => ({src: i.getAttribute('src'), alt: (i.getAttribute('alt') || '').trim(),
               ok: i.complete && i.naturalWidth > 0}))""")
    found = []
    for img in images:
        if not img["ok"]:
            found.append(f"image did not load: {img['src']}")
        if not img["alt"] or img["alt"].startswith("<"):
            found.append(f"image without alt text: {img['src']}")
        elif re.fullmatch(r"_?images?/?.*\.png|\S+\.png", img["alt"]):
            found.append(f"alt is a file name: {img}")
    return found


def binder_problems(visit, docname: str) -> list[str]:
    if not (ROOT / f"{docname}.ipynb").exists():
        return []  # not a notebook
    url, branch = repository()
    org_repo = urlparse(url).path.strip("/")
    stem = docname.rsplit("/", 1)[-1]  # the chapter's reader notebook, not its MyST source
    expected = (
        f"https://mybinder.org/v2/gh/{org_repo}/{branch}?urlpath=lab/tree/notebooks/{stem}.ipynb"
    )
    hrefs = visit.page.eval_on_selector_all(
        "a[href*='mybinder.org']", "els => els.map(e => e.href)"
    )
    return [] if expected in hrefs else [f"no Binder link to {expected}: {hrefs}"]


def heading_problems(visit) -> list[str]:
    levels = visit.page.eval_on_selector_all(
        "article h1, article h2, article h3, article h4, article h5, article h6",
        "els => els.map(e => +e.tagName[1])",
    )
    if not (levels and levels[0] == 1 and levels.count(1) == 1):
        return [f"not one h1 first: {levels}"]
    jumps = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    return [f"heading levels skip: {jumps}"] if jumps else []


def squashed_images(page) -> list[dict]:
    """Images shown on the page whose drawn aspect ratio differs from the file's by > 2 %."""
    return page.evaluate("""() => [...document.querySelectorAll('article img')].map(i => {
        const r = i.getBoundingClientRect();
        return {src: i.getAttribute('src').slice(-24), drawn: [r.width, r.height],
                natural: [i.naturalWidth, i.naturalHeight]};
      }).filter(i => i.drawn[0] > 0 && i.drawn[1] > 0 && i.natural[1] > 0
                && Math.abs((i.drawn[0] / i.drawn[1])
                            / (i.natural[0] / i.natural[1]) - 1) > 0.02)""")


def visible_search_fields(page) -> int:
    """Search boxes and buttons a reader can see (the theme hides some copies with CSS)."""
    return page.evaluate("""() => [...document.querySelectorAll(
        '.search-button__button, input[type=search], #searchbox input, form.bd-search input')]
        .filter(e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);
                       return r.width > 0 && r.height > 0
                              && s.visibility !== 'hidden'; }).length""")


WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# The colours of highlighted code come from one Pygments style per mode, the same on every
# page, and checking each code token's contrast costs axe more than the rest of a page
# together. These pages, the ones with the most varied code (comments, f-strings,
# keywords, numbers, strings, decorators, literal library source), have their code
# checked in both modes; on the others the code cells' input is left out of the colour
# rules only.
CODE_COLOUR_PAGES = ("book/lasso", "book/coordinate_descent", "book/diabetes", "book/lasso_path")


def accessibility_violations(page, *, code_colours: bool = True) -> dict[str, list[str]]:
    """Serious and critical WCAG 2.1 AA violations axe-core finds, in light and dark mode.

    Every rule runs in light mode; the theme changes colours only, so dark mode runs the
    colour rules. ``code_colours=False`` leaves the code cells' input out of the colour
    rules (see ``CODE_COLOUR_PAGES``). Only violations are reported: axe then skips the
    details of every passing node.
    """
    from axe_playwright_python.sync_playwright import Axe

    found = {}
    # Colours fade between modes; axe must see the settled ones.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    colour_context = None if code_colours else {"exclude": [[".cell_input"]]}
    for theme in ("light", "dark"):
        page.evaluate(
            "t => { document.documentElement.dataset.theme = t;"
            " document.documentElement.dataset.mode = t; }",
            theme,
        )
        runs = [(colour_context, {"type": "rule", "values": COLOUR_RULES}, {})]
        if theme == "light" and code_colours:  # one run: WCAG's tags hold the colour rules
            runs = [(None, WCAG_AA, {})]
        elif theme == "light":
            runs.append(
                (
                    None,
                    WCAG_AA,
                    {
                        "color-contrast": {"enabled": False},
                        "link-in-text-block": {"enabled": False},
                    },
                )
            )
        for context, run_only, rules in runs:
            result = Axe().run(
                page,
                context=context,
                options={"runOnly": run_only, "rules": rules, "resultTypes": ["violations"]},
            )
            for v in result.response["violations"]:
                if v["impact"] in ("serious", "critical"):
                    targets = [" ".join(map(str, n["target"])) for n in v["nodes"][:3]]
                    found[f"{theme}: {v['id']}"] = targets
    return found


PHONE_PROBLEMS = """() => {
  const found = [];
  for (const pre of document.querySelectorAll('.bd-article div.highlight pre')) {
    if (!pre.offsetParent) continue;  // a hidden cell's input (hide-input, folded)
    if (pre.scrollWidth > pre.clientWidth + 1 && !pre.closest('.text-table'))
      found.push(`code or output ${pre.scrollWidth - pre.clientWidth}px wider than its column: `
                 + pre.textContent.slice(0, 60));
    const size = parseFloat(getComputedStyle(pre).fontSize);
    if (size < 12) found.push(`code set at ${size}px: ` + pre.textContent.slice(0, 40));
  }
  for (const out of document.querySelectorAll('.cell_output .output.text_html')) {
    if (!out.querySelector('table') || out.scrollWidth <= out.clientWidth + 1) continue;
    if (!out.classList.contains('scrolls') || getComputedStyle(out).overflowX !== 'auto')
      found.push('a table wider than the column with no scroll cue');
    if (out.querySelector('caption') && !out.querySelector('.caption-in-column'))
      found.push('a scrolling table whose caption is cut');
  }
  const h1 = document.querySelector('.bd-article h1');
  const number = h1 && h1.querySelector('.section-number');
  if (number && number.nextSibling) {
    const range = document.createRange();
    range.selectNodeContents(h1);
    const rects = [...range.getClientRects()];
    const top = number.getBoundingClientRect().top;
    const words = range.cloneRange();
    words.setStartAfter(number);
    const first = words.getClientRects()[0];
    if (first && first.top > top + 2) found.push('the chapter number stands alone above its title');
  }
  return found;
}"""


def phone_problems(page) -> list[str]:
    """At 390 px: code and outputs within their column at a readable size (a table printed
    as text excepted: ``printed_table_problems``), wide tables that say they scroll and keep
    their caption in view, the chapter number on its title's line."""
    return page.evaluate(PHONE_PROBLEMS)


# Each code block and output shown: whether it is a table printed as text (_ext/code_lines.py
# marks it "text-table" and its rows "trow"), whether it scrolls sideways and shows the cue
# that says so (the line above it, the shadow at its edge), the styles a table's output
# could differ in from any other output (not the font size: that follows the box's width),
# and each line: a table row or not, how many lines it was laid out in (the distinct tops
# of its text's boxes), and whether its text runs past its own box (a line is a block box
# as wide as the output's: the wrapping one's spaces at a break hang past it harmlessly,
# and count in no scroll width).
PRINTED_LINES = """() => {
  const STYLES = ['overflowX', 'whiteSpace', 'backgroundImage', 'paddingLeft', 'fontFamily'];
  return [...document.querySelectorAll('.bd-article div.highlight pre')]
    .filter(pre => pre.offsetParent).map(pre => {
      const output = pre.closest('.output'), style = getComputedStyle(pre);
      const cue = output && getComputedStyle(output, '::before');
      const lines = [...pre.querySelectorAll(':scope > span.cl')].map(span => {
        const range = document.createRange();
        range.selectNodeContents(span);
        const rects = [...range.getClientRects()].filter(r => r.width > 0);
        return {row: span.classList.contains('trow'),
                text: span.textContent.replace(/\\n$/, ''),
                lines: new Set(rects.map(r => Math.round(r.top))).size,
                overflows: span.scrollWidth > span.clientWidth + 1};
      });
      return {output: !!output, table: !!pre.closest('.text-table'),
              scrolls: pre.scrollWidth > pre.clientWidth + 1,
              marked: !!output && output.classList.contains('scrolls'),
              line_above: cue && cue.content !== 'none' && cue.display !== 'none',
              shadow: style.backgroundImage.includes('radial-gradient'),
              style: Object.fromEntries(STYLES.map(k => [k, style[k]])),
              lines};
    });
}"""

# Pages whose printed tables are wider than a phone's column (kkt's three-alpha table,
# lasso's table of cases, diabetes's sign changes), with prose printed in the same outputs
# and code lines longer than the phone's column.
PRINTED_TABLE_PAGES = ("book/kkt", "book/lasso", "book/diabetes")


def printed_table_problems(page, viewport: str, docname: str) -> list[str]:
    """A table printed as text: on a phone each of its rows stays one line and the output
    scrolls sideways, saying so above it and with a shadow at its edge; the cue shows only
    where it scrolls. Every other line, code or prose output, wraps to the column rather
    than running past it. At 1280 px the table's output looks like any other output and
    fits. A page of PRINTED_TABLE_PAGES must have all of these to show."""
    blocks = page.evaluate(PRINTED_LINES)
    found = []
    for b in blocks:
        head = b["lines"][0]["text"][:50] if b["lines"] else ""
        for line in b["lines"]:
            if line["row"] and line["lines"] != 1:
                found.append(f"a table row laid out in {line['lines']} lines: {line['text']}")
            if viewport == "phone" and not line["row"] and line["overflows"]:
                found.append(f"a line runs past its box instead of wrapping: {line['text']}")
        cue = {k: b[k] for k in ("marked", "line_above", "shadow")}
        if b["table"] and b["scrolls"] and not all(cue.values()):
            found.append(f"a printed table scrolls without its cue {cue}: {head}")
        if b["table"] and not b["scrolls"] and (b["marked"] or b["line_above"]):
            found.append(f"a printed table that fits says it scrolls: {head}")
        if viewport == "desktop" and b["table"] and b["scrolls"]:
            found.append(f"a printed table scrolls at 1280 px: {head}")
    plain = [b["style"] for b in blocks if b["output"] and not b["table"]]
    if viewport == "desktop" and plain:
        found += [
            f"a table's output is styled unlike the others at 1280 px: {b['style']} {plain[0]}"
            for b in blocks
            if b["table"] and b["style"] != plain[0]
        ]
    if docname in PRINTED_TABLE_PAGES and viewport == "phone":
        wrapped = [
            b["output"] for b in blocks for ln in b["lines"] if not ln["row"] and ln["lines"] > 1
        ]
        if not any(b["table"] and b["scrolls"] for b in blocks):
            found.append("no printed table that scrolls sideways on this page")
        if not (True in wrapped and False in wrapped):
            found.append(f"no wrapped output line and wrapped code line: {wrapped}")
    return found


# Each inline formula followed, in the same block of text, by punctuation (",", ".", ";",
# ":", ")", ...) whose first character is laid out on a later line than the formula's end.
MATH_PUNCTUATION = """() => {
  const found = [];
  const article = document.querySelector('.bd-article');
  if (!article) return found;  // the search page
  const block = e => e.closest('p, li, td, th, dt, dd, caption, figcaption, h1, h2, h3, h4');
  for (const math of article.querySelectorAll('span.math')) {
    if (!math.offsetParent) continue;  // in a folded solution
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    walker.currentNode = math;
    let text = walker.nextNode();
    while (text && math.contains(text)) text = walker.nextNode();
    if (!text || !/^[,.;:)\\]!?]/.test(text.data) || block(text.parentElement) !== block(math))
      continue;
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, 1);
    const mark = range.getBoundingClientRect();
    const rects = [...math.getClientRects()].filter(r => r.width > 0);
    if (rects.length && mark.height && mark.top >= rects[rects.length - 1].bottom - 2)
      found.push(`a line starts with "${text.data.slice(0, 10)}" after `
                 + Array.from(math.textContent).slice(0, 30).join(''));
  }
  return found;
}"""


def math_punctuation_problems(page) -> list[str]:
    """No line begins with the punctuation that closes an inline formula."""
    return page.evaluate(MATH_PUNCTUATION)


# The page footer's "Previous" and "Next" links, their titles and arrows: each part drawn
# (a link hides what overflows it) that is not wholly inside both its link and the viewport.
FOOTER_LINKS = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll('.prev-next-area a')].filter(a => a.offsetParent)
    .flatMap(a => {
      const link = a.getBoundingClientRect();
      return [a, ...a.querySelectorAll('svg, i, .prev-next-title, .prev-next-subtitle')]
        .filter(e => { const r = e.getBoundingClientRect();
                       return r.width > 0 && (r.left < Math.max(0, link.left) - 0.5
                                              || r.right > Math.min(width, link.right) + 0.5); })
        .map(e => `${a.className}: ${e.tagName} ${e.textContent.trim().slice(0, 30)} cut`);
    });
}"""


def footer_problems(page) -> list[str]:
    """The footer's links to the previous and next pages are whole, arrows included."""
    return page.evaluate(FOOTER_LINKS)


def check_at_any_width(visit, docname: str, viewport: str) -> None:
    """What a page must show at every width (tests/test_pages.py, tests/test_pages_phone.py):
    a screenshot to look at, figures in proportion and their text readable, no sideways
    scrolling, display equations that fit the column, one search field, the footer's links
    whole, no line that starts with the punctuation after a formula, and tables printed as
    text that keep their lines (and scroll on a phone) while everything else printed wraps."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{docname.replace('/', '_')}-{viewport}.png"
    visit.page.screenshot(path=str(path), full_page=False)
    assert path.stat().st_size > 10_000
    load_shown_images(visit.page)
    overflow = visit.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"page is {overflow}px wider than the {viewport} viewport"
    assert not squashed_images(visit.page), "figures drawn out of proportion"
    assert not (wide := equation_problems(visit.page, viewport)), "\n".join(wide)
    tiny = figure_text_problems(visit.page, recorded_fonts())
    assert not tiny, "\n".join(tiny)
    assert visible_search_fields(visit.page) == 1
    assert not (cut := footer_problems(visit.page)), "\n".join(cut)
    assert not (split := math_punctuation_problems(visit.page)), "\n".join(split)
    if docname in PAGES:
        tables = printed_table_problems(visit.page, viewport, docname)
        assert not tables, "\n".join(tables)
