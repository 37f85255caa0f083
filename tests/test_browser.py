"""The built site in a real browser: Debian's Chromium, driven by Playwright, fully offline.

Every page of _toc.yml is served from _build/html on 127.0.0.1 and visited at desktop and
phone size with every request to another host blocked. Each page must load with no failed
request and no console error, render all its math with the MathJax copy served by the site,
show every image with alt text, and offer a Binder launch button for its own notebook.
Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import itertools
import re
from urllib.parse import urlparse

import pytest
import yaml

from chromium import OFF_SITE, launched, served
from stored_figures import stored_figures
from toc import ROOT, toc_docnames
from vega_view import bold_zeros, drawn

pytestmark = pytest.mark.browser

HTML = ROOT / "_build" / "html"
SHOTS = ROOT / "test-artifacts" / "screenshots"
THEME_CONSOLE_NOISE = {"Got invalid theme mode: . Resetting to auto."}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def site(html_build):
    assert html_build.returncode == 0, (html_build.stdout + html_build.stderr)[-3000:]
    with served(HTML) as url:
        yield url


@pytest.fixture(scope="module")
def figure_fonts():
    return recorded_fonts()


@pytest.fixture(scope="module")
def browser():
    with launched() as chromium:
        yield chromium


def test_off_site_pattern():
    assert OFF_SITE.match("https://cdn.jsdelivr.net/x.js")
    assert OFF_SITE.match("http://127.0.0.1.evil.example/x")
    assert not OFF_SITE.match("http://127.0.0.1:8000/book/lasso.html")
    assert not OFF_SITE.match("data:image/png;base64,iVBO")


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


# What every page must satisfy, checked in one visit per page at desktop width (in
# test_what_the_reader_sees: loading a page costs more than all these checks together).
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


def test_code_colour_pages_are_pages_with_code():
    for docname in CODE_COLOUR_PAGES:
        assert docname in PAGES and (ROOT / f"{docname}.ipynb").exists(), docname


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
        if theme == "light":
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
    if (pre.scrollWidth > pre.clientWidth + 1)
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
    """At 390 px: code and outputs within their column at a readable size, wide tables that
    say they scroll and keep their caption in view, the chapter number on its title's line."""
    return page.evaluate(PHONE_PROBLEMS)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("docname", [*PAGES, "search"])
def test_what_the_reader_sees(site, browser, figure_fonts, docname, viewport):
    """Every page at both widths: a screenshot to look at, figures in proportion, no
    sideways scrolling, display equations that fit the column, one search field; and at
    desktop width: no request to another host, no failed request or console error, all math
    rendered, every image loaded with alt text, the Binder link of a notebook page, headings
    in order, and no serious accessibility violation (axe-core, WCAG 2.1 AA) in light or
    dark mode."""
    visit = PageVisit(browser, f"{site}/{docname}.html", VIEWPORTS[viewport])
    try:
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{docname.replace('/', '_')}-{viewport}.png"
        visit.page.screenshot(path=str(path), full_page=False)
        assert path.stat().st_size > 10_000
        load_shown_images(visit.page)
        overflow = visit.page.evaluate(
            "() => document.documentElement.scrollWidth - window.innerWidth"
        )
        assert overflow <= 1, f"page is {overflow}px wider than the {viewport} viewport"
        assert not squashed_images(visit.page), "figures drawn out of proportion"
        assert not (wide := equation_problems(visit.page, viewport)), "\n".join(wide)
        assert not (tiny := figure_text_problems(visit.page, figure_fonts)), "\n".join(tiny)
        assert visible_search_fields(visit.page) == 1
        if viewport == "phone":
            assert not (small := phone_problems(visit.page)), "\n".join(small)
        if viewport == "desktop":  # the same page at another width: the same colours and roles
            problems = load_problems(visit)
            if docname in PAGES:  # a page of the book (the search page has no article)
                problems += (
                    math_problems(visit)
                    + image_problems(visit)
                    + binder_problems(visit, docname)
                    + heading_problems(visit)
                    + cut_code(visit.page)
                )
            assert not problems, "\n".join(problems)
            assert not accessibility_violations(
                visit.page, code_colours=docname in CODE_COLOUR_PAGES
            )
    finally:
        visit.close()


def _visible(page, selector: str):
    """The first element matching ``selector`` that a reader can see."""
    return page.locator(f"{selector} >> visible=true").first


ZERO_CELLS = """() => {
  const lum = rgb => { const [r, g, b] = rgb.match(/[\\d.]+/g).slice(0, 3).map(v => {
      v = v / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const behind = e => { for (; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c; }
    return 'rgb(255, 255, 255)'; };
  return [...document.querySelectorAll('table.lessonlib-coef')].map(t => {
    const column = t.closest('.cell_output') || t.parentElement;
    const ratios = [...t.querySelectorAll('td.exact-zero')].map(z => {
      const [a, b] = [lum(getComputedStyle(z).color), lum(behind(z))].sort((x, y) => y - x);
      return (a + 0.05) / (b + 0.05); });
    return {width: t.getBoundingClientRect().width, column: column.clientWidth,
            zeros: ratios.length, worst: Math.min(...ratios, 21)};
  });
}"""


def test_coefficient_tables_fit_the_column_and_their_zeros_are_legible(site, browser):
    """The diabetes chapter's tables at 1280 px: every column visible without scrolling,
    and each grey "exactly zero" 0 at WCAG AA contrast against what is really behind it,
    in light and dark mode (on the page's own background in both)."""
    visit = PageVisit(browser, f"{site}/book/diabetes.html", VIEWPORTS["desktop"])
    try:
        for theme in ("light", "dark"):
            visit.page.evaluate(
                "t => { document.documentElement.dataset.theme = t;"
                " document.documentElement.dataset.mode = t; }",
                theme,
            )
            tables = visit.page.evaluate(ZERO_CELLS)
            assert len(tables) == 2 and tables[1]["zeros"] > 0, tables
            for t in tables:
                assert t["width"] <= t["column"] + 1, f"{theme}: table wider than its column: {t}"
                assert t["worst"] >= 4.5, f"{theme}: a grey zero fails WCAG AA: {t}"
    finally:
        visit.close()


def test_phone_menu_opens_the_contents_and_navigates(site, browser):
    visit = PageVisit(browser, f"{site}/book/lasso.html", VIEWPORTS["phone"])
    try:
        page = visit.page
        _visible(page, ".primary-toggle").click()
        dialog = page.locator("#pst-primary-sidebar-modal")
        dialog.wait_for(state="visible", timeout=5_000)
        dialog.get_by_role("link", name=re.compile("geometry of sparsity")).click()
        page.wait_for_url("**/book/geometry.html", timeout=10_000)
    finally:
        visit.close()


def test_phone_page_contents_button_opens_the_page_contents(site, browser):
    visit = PageVisit(browser, f"{site}/book/lasso.html", VIEWPORTS["phone"])
    try:
        _visible(visit.page, ".secondary-toggle").click()
        dialog = visit.page.locator("#pst-secondary-sidebar-modal")
        dialog.wait_for(state="visible", timeout=5_000)
        assert dialog.get_by_role("link", name=re.compile("Summary")).count() >= 1
    finally:
        visit.close()


def test_desktop_menu_button_hides_and_shows_the_sidebar(site, browser):
    visit = PageVisit(browser, f"{site}/book/lasso.html", VIEWPORTS["desktop"])
    try:
        page, sidebar = visit.page, visit.page.locator("#pst-primary-sidebar")
        assert sidebar.is_visible()
        _visible(page, ".primary-toggle").click()
        sidebar.wait_for(state="hidden", timeout=5_000)
        _visible(page, ".primary-toggle").click()
        sidebar.wait_for(state="visible", timeout=5_000)
    finally:
        visit.close()


# Pages with an explorer: a chart computed in the page (lessonlib.display.charts), with
# what it draws: a one-feature fit ("l1", "l2"), the exact lasso path, the three
# thresholding rules of orthonormal features, or the constrained solutions of the
# geometry chapter (two sliders; its own test below).
CHART_PAGES = {
    "book/ridge": "l2",
    "book/lasso": "l1",
    "book/diabetes": "path",
    "book/orthonormal": "thresholding",
    "book/geometry": "geometry",
}
ONE_SLIDER = {page: kind for page, kind in CHART_PAGES.items() if kind != "geometry"}


def test_explorer_pages_are_the_ones_with_explorers():
    notebooks = sorted((ROOT / "book").glob("*.ipynb"))
    assert not [p.stem for p in notebooks if "lambda-explorer" in p.read_text()]
    charts = [f"book/{p.stem}" for p in notebooks if 'class=\\"lesson-chart\\"' in p.read_text()]
    assert sorted(charts) == sorted(CHART_PAGES)


def chart_state(chart) -> tuple[float, list[list[dict]]]:
    """The slider's lambda (0 on a chart without one) and the drawn data."""
    signals, datasets = drawn(chart)
    return signals.get("lam", 0), datasets


def check_chart_at(chart, penalty: str) -> float:
    """The drawn slope, fitted line and lowest loss equal the closed forms
    computed here from the drawn points, at the slider's lambda, to 1e-9."""
    import numpy as np

    lam, datasets = chart_state(chart)
    (points,) = [d for d in datasets if set(d[0]) == {"x", "y"}]
    x = np.array([r["x"] for r in points])
    y = np.array([r["y"] for r in points])
    xc, yc = x - x.mean(), y - y.mean()
    sxx, sxy = float(xc @ xc), float(xc @ yc)
    if penalty == "l1":
        m = float(np.sign(sxy) * max(abs(sxy) - lam / 2, 0.0) / sxx)
    else:
        m = sxy / (sxx + lam)
    (line,) = [d for d in datasets if "yy" in d[0]]
    for r in line:
        assert r["slope"] == pytest.approx(m, rel=1e-9, abs=1e-12)
        assert r["yy"] == pytest.approx(y.mean() + m * (r["xx"] - x.mean()), rel=1e-9)
    (lowest,) = [d for d in datasets if "loss" in d[0] and len(d) == 1]
    pen = lam * abs(m) if penalty == "l1" else lam * m * m
    sse = float(np.sum((yc - m * xc) ** 2))
    assert lowest[0]["loss"] == pytest.approx(sse + pen, rel=1e-9)
    (current,) = [d for d in datasets if "g" in d[0] and "slope" in d[0] and len(d) == 1]
    assert current[0]["g"] == lam and current[0]["slope"] == line[0]["slope"]
    return lam


def check_path_chart_at(chart, penalty: str) -> float:
    """The drawn bars equal the exact lasso path (lessonlib.path) at the
    slider's alpha to 1e-9, and meet the KKT conditions computed here."""
    import numpy as np

    from lessonlib import data, path

    alpha = chart.evaluate("el => el.__view__.signal('alpha')")
    _lam, datasets = chart_state(chart)
    # what the bar marks draw: each bar from coef_start (0) to coef_end
    (bars,) = [d for d in datasets if "coef_end" in d[0]]
    assert all(r["coef_start"] == 0 and r["coef_end"] == r["coef"] for r in bars)
    d = data.load_diabetes_standardized()
    assert [r["feature"] for r in bars] == list(d.feature_names)
    w = np.array([r["coef"] for r in bars])
    knots = path.lasso_homotopy(d.X, d.y)  # linear between knots: interpolate
    exact = np.array(
        [np.interp(alpha, knots.alphas[::-1], knots.coefs[::-1, j]) for j in range(d.X.shape[1])]
    )
    np.testing.assert_allclose(w, exact, rtol=1e-9, atol=1e-9)
    assert list(w == 0.0) == list(exact == 0.0), "exact zeros drawn as zeros"
    Xc, yc = d.X - d.X.mean(axis=0), d.y - d.y.mean()
    g = Xc.T @ (yc - Xc @ w) / d.X.shape[0]
    assert np.all(np.abs(g) <= alpha * (1 + 1e-9))
    assert bold_zeros(chart) == int(np.sum(w == 0.0)), "a bold 0 for each exact zero"
    return float(np.log10(alpha))


def drag_thumb_to_a_quarter(page, slider) -> None:
    """Drag the slider's thumb with the mouse from the right end to a quarter of its range."""
    box = slider.bounding_box()
    mid = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] - 4, mid)
    page.mouse.down()
    page.mouse.move(box["x"] + 0.25 * box["width"], mid, steps=8)
    page.mouse.up()


def assert_nothing_went_wrong(visit) -> None:
    """No request left the site, none failed, and the console logged no error."""
    assert not visit.blocked and not visit.failed and not visit.errors, (
        visit.blocked,
        visit.failed,
        visit.errors,
    )


def open_chart(browser, url: str):
    """The page's visit, its chart (a Playwright locator) once its Vega view runs."""
    visit = PageVisit(browser, url, VIEWPORTS["desktop"])
    visit.page.wait_for_function(
        "() => document.querySelector('.lesson-chart')"
        " && document.querySelector('.lesson-chart').__view__",
        timeout=15_000,
    )
    return visit, visit.page.locator(".lesson-chart")


@pytest.mark.parametrize("docname", sorted(ONE_SLIDER))
def test_chart_slider_moves_every_view_to_the_closed_form(site, browser, docname):
    """One visit: keyboard, a set value and a drag each move the slider; every
    view then shows the closed form (or the exact path) at the new value;
    nothing leaves the site; no console error."""
    from browser_thresholding_check import check_thresholding_chart_at

    penalty = CHART_PAGES[docname]
    check = {
        "path": check_path_chart_at,
        "thresholding": lambda chart, _: check_thresholding_chart_at(chart),
    }.get(penalty, check_chart_at)
    visit, chart = open_chart(browser, f"{site}/{docname}.html")
    try:
        page = visit.page
        slider = chart.locator("input[type=range]")
        assert slider.get_attribute("aria-label")[0] in "λα"
        low, top = float(slider.get_attribute("min")), float(slider.get_attribute("max"))
        step, start = float(slider.get_attribute("step")), float(slider.input_value())
        assert check(chart, penalty) == pytest.approx(start, rel=1e-9)
        slider.focus()
        at_top = abs(start - top) < step / 2  # the diabetes slider starts at its top
        for _ in range(3):
            page.keyboard.press("ArrowLeft" if at_top else "ArrowRight")
        moved = start - 3 * step if at_top else start + 3 * step
        assert check(chart, penalty) == pytest.approx(moved, rel=1e-6)
        for frac in (0.37, 0.66, 0.9, 1.0):
            value = low + frac * (top - low)
            slider.evaluate(
                "(e, v) => { e.value = v; e.dispatchEvent(new Event('input')); }", str(value)
            )
            assert check(chart, penalty) == pytest.approx(value, abs=1e-3 * (top - low))
            ratio = re.search(r"= ([0-9.]+) (λ|α|Sxx)", slider.get_attribute("aria-valuetext"))
            assert ratio, slider.get_attribute("aria-valuetext")
        drag_thumb_to_a_quarter(page, slider)
        dragged = (check(chart, penalty) - low) / (top - low)
        assert 0.1 < dragged < 0.4, dragged
        assert_nothing_went_wrong(visit)
    finally:
        visit.close()


def test_geometry_sliders_move_the_solutions_to_the_exact_ones(site, browser):
    """Budget and correlation, by keyboard, by value and by dragging: the drawn lasso and
    ridge solutions and their loss contours stay the exact constrained solutions (checked
    against solvers written in tests/browser_geometry_check.py); no console error."""
    from browser_geometry_check import check_geometry_chart_at

    visit, chart = open_chart(browser, f"{site}/book/geometry.html")
    try:
        page = visit.page
        budget, rho = chart.locator("input[type=range]").all()
        for slider in (budget, rho):
            assert slider.get_attribute("aria-label") and slider.get_attribute("aria-valuetext")
        start = check_geometry_chart_at(chart)
        assert start == pytest.approx(float(budget.input_value()))
        budget.focus()
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        step = float(budget.get_attribute("step"))
        assert check_geometry_chart_at(chart) == pytest.approx(start + 3 * step)
        rho.focus()
        page.keyboard.press("End")
        assert float(rho.input_value()) == float(rho.get_attribute("max"))
        check_geometry_chart_at(chart)
        for value in ("0.1", "0.55", "1.95"):  # on the budget's grid
            budget.evaluate(
                "(e, v) => { e.value = v; e.dispatchEvent(new Event('input')); }", value
            )
            assert check_geometry_chart_at(chart) == pytest.approx(float(value))
        drag_thumb_to_a_quarter(page, budget)
        top = float(budget.get_attribute("max"))
        assert 0.1 * top < check_geometry_chart_at(chart) < 0.4 * top
        assert_nothing_went_wrong(visit)
    finally:
        visit.close()


def test_live_code_says_offline_that_it_needs_a_network(site, browser):
    """Other hosts are blocked here, as offline: Live code must say so, not spin forever."""
    visit = PageVisit(browser, f"{site}/book/lasso.html", VIEWPORTS["desktop"])
    try:
        page = visit.page
        page.get_by_role("button", name="Launch interactive content").click()
        page.locator(".btn-launch-thebe").click()
        page.wait_for_function(
            "() => /network connection/.test("
            "document.querySelector('.thebe-launch-button')?.innerText || '')",
            timeout=8_000,
        )
        assert "mybinder.org" in page.locator(".thebe-launch-button").inner_text()
    finally:
        visit.close()


def test_search_snippets_show_no_raw_tex(site, browser):
    visit = PageVisit(browser, f"{site}/search.html?q=threshold", VIEWPORTS["desktop"])
    try:
        page = visit.page
        page.wait_for_function(
            "() => document.querySelectorAll('#search-results li p.context').length >= 3",
            timeout=15_000,
        )
        page.wait_for_timeout(500)  # the last snippets
        snippets = page.eval_on_selector_all(
            "#search-results li p.context", "els => els.map(e => e.innerText)"
        )
        assert any("λ" in s for s in snippets), snippets[:5]
        raw = [s for s in snippets if re.search(r"\\[a-zA-Z()\[\]]", s)]
        assert not raw, raw[:3]
    finally:
        visit.close()


@pytest.mark.pdf  # the site publishes the PDF when TeX built it (make site)
def test_home_page_and_download_menu_link_the_pdf(site, browser):
    visit = PageVisit(browser, f"{site}/book/index.html", VIEWPORTS["desktop"])
    try:
        page = visit.page
        href = page.locator("article a[href$='.pdf']").first.get_attribute("href")
        pdf = (HTML / "book" / href).resolve()
        assert pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-", href
        page.goto(f"{site}/book/lasso.html", wait_until="networkidle")
        menu_item = page.locator("a.btn-download-pdf-button")
        assert menu_item.count() == 1, "the download menu's .pdf item still prints the page"
        assert (HTML / "book" / menu_item.get_attribute("href")).resolve() == pdf
    finally:
        visit.close()


def test_pages_open_from_the_file_system(browser, html_build):
    """The site also works opened straight from disk (file://), math included."""
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((HTML / "book" / "lasso.html").as_uri(), wait_until="load")
    page.wait_for_function(
        "() => window.MathJax && window.MathJax.startup"
        " && document.querySelectorAll('mjx-container').length > 10",
        timeout=30_000,
    )
    assert not errors, errors
    page.close()


@pytest.mark.parametrize("docname", sorted(CHART_PAGES))
def test_on_a_phone_the_slider_stays_in_view_beside_the_last_panel(site, browser, docname):
    """At 390 px a chart's panels are stacked (about 880 px): scrolled so that its last
    panel is in view, the chart's slider must still be on screen, so a reader can drag it
    and watch the panel it moves."""
    visit = PageVisit(browser, f"{site}/{docname}.html", VIEWPORTS["phone"])
    try:
        page = visit.page
        chart = page.locator(".lesson-chart").first
        chart.locator("svg").first.wait_for()
        box = chart.bounding_box()
        bottom = box["y"] + box["height"] + page.evaluate("window.scrollY")
        page.evaluate("y => window.scrollTo(0, y)", bottom - VIEWPORTS["phone"]["height"] + 40)
        slider = chart.locator("input[type=range]").first.bounding_box()
        header = page.evaluate(
            "() => document.querySelector('.bd-header-article, header')"
            ".getBoundingClientRect().bottom"
        )
        assert slider["y"] >= header - 1, f"the slider is under the header: {slider}"
        assert slider["y"] + slider["height"] <= VIEWPORTS["phone"]["height"], slider
    finally:
        visit.close()
