"""The built site in a real browser: Debian's Chromium, driven by Playwright, fully offline.

Every page of _toc.yml is served from _build/html on 127.0.0.1 and visited at desktop and
phone size with every request to another host blocked. Each page must load with no failed
request and no console error, render all its math with the MathJax copy served by the site,
show every image with alt text, and offer a Binder launch button for its own notebook.
Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from book import ROOT, toc_docnames

pytestmark = pytest.mark.browser

HTML = ROOT / "_build" / "html"
SHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
# Flags for a root, headless, network-less machine: no sandbox (root), and no background
# traffic to Google's services, which this machine cannot reach.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Logged as an error by pydata-sphinx-theme on every first visit, when the browser has no
# stored light/dark preference yet; the theme then uses "auto". Nothing is wrong.
THEME_CONSOLE_NOISE = {"Got invalid theme mode: . Resetting to auto."}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def site(html_build):
    assert html_build.returncode == 0, (html_build.stdout + html_build.stderr)[-3000:]
    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(QuietHandler, directory=str(HTML))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run `make test` or scripts/install-debian.sh browser")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Any URL but this machine's own pages and inline data.
OFF_SITE = re.compile(r"^(?!(?:https?://(?:127\.0\.0\.1|localhost)[:/])|data:|blob:|about:)")


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
        self.page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.url}: {r.status}"))
        self.page.goto(url, wait_until="networkidle")
        # MathJax typesets asynchronously; wait until it says it is done.
        self.page.wait_for_function(
            "() => !window.MathJax || (window.MathJax.startup && window.MathJax.startup.promise"
            " && (window.__mjdone || (window.MathJax.startup.promise.then(() => window.__mjdone = true), false)))",
            timeout=30_000)

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
    return ([f"requests to other hosts: {visit.blocked}"] * bool(visit.blocked)
            + [f"failed requests: {visit.failed}"] * bool(visit.failed)
            + [f"console errors: {visit.errors}"] * bool(visit.errors))


def math_problems(visit) -> list[str]:
    counts = visit.page.evaluate("""() => {
        const math = [...document.querySelectorAll('.math')];
        return {math: math.length,
                rendered: math.filter(m => m.querySelector('mjx-container') || m.tagName === 'MJX-CONTAINER').length,
                errors: document.querySelectorAll('mjx-merror, [data-mjx-error]').length};
    }""")
    found = []
    if counts["rendered"] != counts["math"] or counts["errors"]:
        found.append(f"math not rendered: {counts}")
    if re.search(r"\$\$|\\\(|\\\[", visit.page.inner_text("article")):
        found.append("raw TeX left on the page")
    return found


def image_problems(visit) -> list[str]:
    images = visit.page.evaluate("""() => [...document.querySelectorAll('article img')].map(
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
    expected = f"https://mybinder.org/v2/gh/{org_repo}/{branch}?urlpath=lab/tree/{docname}.ipynb"
    hrefs = visit.page.eval_on_selector_all("a[href*='mybinder.org']", "els => els.map(e => e.href)")
    return [] if expected in hrefs else [f"no Binder link to {expected}: {hrefs}"]


def heading_problems(visit) -> list[str]:
    levels = visit.page.eval_on_selector_all(
        "article h1, article h2, article h3, article h4, article h5, article h6",
        "els => els.map(e => +e.tagName[1])")
    if not (levels and levels[0] == 1 and levels.count(1) == 1):
        return [f"not one h1 first: {levels}"]
    jumps = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    return [f"heading levels skip: {jumps}"] if jumps else []


def squashed_images(page) -> list[dict]:
    """Images shown on the page whose drawn aspect ratio differs from the file's by > 2 %."""
    return page.evaluate("""() => [...document.querySelectorAll('article img')].map(i => {
        const r = i.getBoundingClientRect();
        return {src: i.getAttribute('src').slice(-24), drawn: [r.width, r.height],
                natural: [i.naturalWidth, i.naturalHeight]};
      }).filter(i => i.drawn[0] > 0 && i.drawn[1] > 0 && i.natural[1] > 0
                && Math.abs((i.drawn[0] / i.drawn[1]) / (i.natural[0] / i.natural[1]) - 1) > 0.02)""")


def visible_search_fields(page) -> int:
    """Search boxes and buttons a reader can see (the theme hides some copies with CSS)."""
    return page.evaluate("""() => [...document.querySelectorAll(
        '.search-button__button, input[type=search], #searchbox input, form.bd-search input')]
        .filter(e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);
                       return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'; }).length""")


WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def accessibility_violations(page) -> dict[str, list[str]]:
    """Serious and critical WCAG 2.1 AA violations axe-core finds, in light and dark mode."""
    from axe_playwright_python.sync_playwright import Axe

    found = {}
    # Colours fade between modes; axe must see the settled ones.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    for theme in ("light", "dark"):
        page.evaluate("t => { document.documentElement.dataset.theme = t;"
                      " document.documentElement.dataset.mode = t; }", theme)
        # Only the violations: axe then skips the details of every passing node. The theme
        # changes colours only, so in dark mode only the rules that judge colours run.
        run_only = (WCAG_AA if theme == "light" else
                    {"type": "rule", "values": ["color-contrast", "link-in-text-block"]})
        result = Axe().run(page, options={"runOnly": run_only, "resultTypes": ["violations"]})
        for v in result.response["violations"]:
            if v["impact"] in ("serious", "critical"):
                targets = [" ".join(map(str, n["target"])) for n in v["nodes"][:3]]
                found[f"{theme}: {v['id']}"] = targets
    return found


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("docname", [*PAGES, "search"])
def test_what_the_reader_sees(site, browser, docname, viewport):
    """Every page at both widths: a screenshot to look at, figures in proportion, no
    sideways scrolling, one search field; and at desktop width: no request to another host,
    no failed request or console error, all math rendered, every image loaded with alt
    text, the Binder link of a notebook page, headings in order, and no serious
    accessibility violation (axe-core, WCAG 2.1 AA) in light or dark mode."""
    visit = PageVisit(browser, f"{site}/{docname}.html", VIEWPORTS[viewport])
    try:
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{docname.replace('/', '_')}-{viewport}.png"
        visit.page.screenshot(path=str(path), full_page=False)
        assert path.stat().st_size > 10_000
        overflow = visit.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"page is {overflow}px wider than the {viewport} viewport"
        assert not squashed_images(visit.page), "figures drawn out of proportion"
        assert visible_search_fields(visit.page) == 1
        if viewport == "desktop":  # the same page at another width: the same colours and roles
            problems = load_problems(visit)
            if docname in PAGES:  # a page of the book (the search page has no article)
                problems += (math_problems(visit) + image_problems(visit)
                             + binder_problems(visit, docname) + heading_problems(visit))
            assert not problems, "\n".join(problems)
            assert not accessibility_violations(visit.page)
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
    in light and dark mode (the dark site shows HTML outputs on a light panel)."""
    visit = PageVisit(browser, f"{site}/book/diabetes.html", VIEWPORTS["desktop"])
    try:
        for theme in ("light", "dark"):
            visit.page.evaluate("t => { document.documentElement.dataset.theme = t;"
                                " document.documentElement.dataset.mode = t; }", theme)
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


EXPLORER_PAGES = ["book/ridge", "book/lasso", "book/diabetes"]


def test_explorer_pages_are_the_ones_with_explorers():
    found = [f"book/{p.stem}" for p in sorted((ROOT / "book").glob("*.ipynb"))
             if "lambda-explorer" in p.read_text()]
    assert sorted(found) == sorted(EXPLORER_PAGES)


@pytest.mark.parametrize("docname", EXPLORER_PAGES)
def test_lambda_explorer_control_changes_the_frame(site, browser, docname):
    visit = PageVisit(browser, f"{site}/{docname}.html", VIEWPORTS["desktop"])
    try:
        explorer_frames_change(visit)
    finally:
        visit.close()


def explorer_frames_change(visit) -> None:
    explorers = visit.page.query_selector_all(".lambda-explorer")
    assert explorers
    for root in explorers:
        img, slider, label = (root.query_selector(s) for s in ("img", "input[type=range]", "output"))
        before = (img.get_attribute("src"), img.get_attribute("alt"), label.inner_text())
        last = slider.get_attribute("max")
        slider.evaluate("(el, v) => { el.value = v; el.dispatchEvent(new Event('input')); }", last)
        after = (img.get_attribute("src"), img.get_attribute("alt"), label.inner_text())
        assert all(a != b for a, b in zip(before, after)), "the slider did not change the frame"
        assert img.evaluate("i => i.complete && i.naturalWidth > 0")
        root.query_selector("button").click()  # Play steps through the frames
        visit.page.wait_for_timeout(900)
        assert img.get_attribute("src") != after[0]


def test_live_code_says_offline_that_it_needs_a_network(site, browser):
    """Other hosts are blocked here, as offline: Live code must say so, not spin forever."""
    visit = PageVisit(browser, f"{site}/book/lasso.html", VIEWPORTS["desktop"])
    try:
        page = visit.page
        page.get_by_role("button", name="Launch interactive content").click()
        page.locator(".btn-launch-thebe").click()
        page.wait_for_function("() => /network connection/.test("
                               "document.querySelector('.thebe-launch-button')?.innerText || '')",
                               timeout=8_000)
        assert "mybinder.org" in page.locator(".thebe-launch-button").inner_text()
    finally:
        visit.close()


def test_search_snippets_show_no_raw_tex(site, browser):
    visit = PageVisit(browser, f"{site}/search.html?q=threshold", VIEWPORTS["desktop"])
    try:
        page = visit.page
        page.wait_for_function("() => document.querySelectorAll('#search-results li p.context')"
                               ".length >= 3", timeout=15_000)
        page.wait_for_timeout(500)  # the last snippets
        snippets = page.eval_on_selector_all("#search-results li p.context",
                                             "els => els.map(e => e.innerText)")
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
    page.wait_for_function("() => window.MathJax && window.MathJax.startup"
                           " && document.querySelectorAll('mjx-container').length > 10",
                           timeout=30_000)
    assert not errors, errors
    page.close()
