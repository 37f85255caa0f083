"""Three reader notebooks rendered as a plain notebook front end renders them, in Chromium.

``jupyter nbconvert --to html`` (JupyterLab's template) turns a reader notebook into the
page JupyterLab would show; MathJax (the copy the site serves, configured for ``$...$``
as notebook front ends are) typesets its maths. The notebooks carry no outputs, so each
is given the chapter's stored outputs first, cell by cell where the code is the same
(tests/test_reader_notebooks.py checks that running the notebook prints the same). The
page must show the learning objectives as a titled block, each solution collapsed under
its exercise, display formulas typeset with no error, and figures. Screenshots go to
test-artifacts/screenshots/reader-<chapter>.png.
"""

from __future__ import annotations

import json

import nbformat
import pytest

from chromium import OFF_SITE, launched, served
from toc import BOOK, ROOT

pytestmark = pytest.mark.browser

SHOTS = ROOT / "test-artifacts" / "screenshots"
MATHJAX = ROOT / "_ext" / "static" / "mathjax"
CHAPTERS = ["regularization", "lasso", "lasso_path"]
# A notebook front end's maths: $...$ inline, $$...$$ displayed (JupyterLab, Colab).
MATHJAX_CONFIG = {
    "tex": {
        "inlineMath": [["$", "$"], ["\\(", "\\)"]],
        "displayMath": [["$$", "$$"], ["\\[", "\\]"]],
        "processEscapes": True,
    },
    # as the site configures the same copy (_ext/offline_mathjax.py): its fonts, and no
    # speech engine, which the vendored copy leaves out
    "loader": {"paths": {"mathjax-newcm": "[mathjax]/fonts/mathjax-newcm-font"}},
    "options": {
        "menuOptions": {
            "settings": {"assistiveMml": True, "enrich": False, "speech": False, "braille": False}
        }
    },
}


def with_chapter_outputs(stem: str, charts: bool = False) -> nbformat.NotebookNode:
    """The reader notebook with the chapter's stored outputs where its code is the same
    (a chart as its picture, or with ``charts`` as the chart itself)."""
    nb = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
    chapter = nbformat.read(BOOK / f"{stem}.ipynb", as_version=4)
    by_id = {c.get("id"): c for c in chapter.cells if c.cell_type == "code"}
    for cell in nb.cells:
        original = by_id.get(cell.get("id"))
        if cell.cell_type == "code" and original is not None and original.source == cell.source:
            cell.outputs = [
                o
                for o in original.outputs
                if "application/vnd.jupyter.widget-view+json" not in o.get("data", {})
            ]
            for output in cell.outputs:  # a chart: its picture (its script loads Vega)
                if not charts and "lesson-chart" in output.get("data", {}).get("text/html", ""):
                    del output.data["text/html"]
    return nb


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    from nbconvert import HTMLExporter

    folder = tmp_path_factory.mktemp("reader-html")
    (folder / "mathjax").symlink_to(MATHJAX, target_is_directory=True)
    # The template also loads require.js from a CDN, for widgets: offline, an empty stand-in.
    (folder / "require.js").write_text("", encoding="utf-8")
    exporter = HTMLExporter(
        template_name="lab", mathjax_url="mathjax/tex-chtml.js", require_js_url="require.js"
    )
    for stem in CHAPTERS:
        body, _ = exporter.from_notebook_node(with_chapter_outputs(stem))
        (folder / f"{stem}.html").write_text(body, encoding="utf-8")
    body, _ = exporter.from_notebook_node(with_chapter_outputs("lasso", charts=True))
    (folder / "lasso-chart.html").write_text(body, encoding="utf-8")
    with served(folder) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with launched() as chromium:
        yield chromium


def open_page(browser, url: str, routes: dict | None = None) -> tuple[object, list[str]]:
    """The page loaded offline (``routes``: URL pattern -> handler, answered first)."""
    problems: list[str] = []
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.add_init_script(f"window.MathJax = {json.dumps(MATHJAX_CONFIG)};")
    page.route(OFF_SITE, lambda route: (problems.append(route.request.url), route.abort()))
    for pattern, handler in (routes or {}).items():
        page.route(pattern, handler)  # a later route is asked first
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("requestfailed", lambda r: problems.append(f"{r.url}: {r.failure}"))
    page.goto(url, wait_until="networkidle")
    page.wait_for_function(
        "() => window.MathJax && MathJax.startup && MathJax.startup.promise"
        " && (window.__mjdone || (MathJax.startup.promise.then(() => window.__mjdone = true),"
        " false))",
        timeout=30_000,
    )
    return page, problems


@pytest.mark.parametrize("stem", CHAPTERS)
def test_reader_notebook_renders(pages, browser, stem):
    page, problems = open_page(browser, f"{pages}/{stem}.html")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"reader-{stem}.png"), full_page=True)
    assert not problems, problems

    objectives = page.locator("blockquote strong", has_text="Learning objectives")
    assert objectives.count() == 1 and objectives.first.is_visible()
    assert page.locator("blockquote li").count() >= 3  # the objectives, as a list

    # Solutions, and the prose's dropdowns ("How we checked"), are closed as on the website.
    details = page.locator("details")
    solutions = 0
    for i in range(details.count()):
        item = details.nth(i)
        summary = item.locator("summary").inner_text()
        assert item.evaluate("d => !d.open"), f"{summary!r} is open"
        assert not item.locator("p").first.is_visible(), f"the text of {summary!r} shows"
        solutions += summary.startswith("Solution to Exercise")
    headings = page.locator("h3", has_text="Exercise")
    assert solutions >= 2 and headings.count() == solutions

    nb = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
    displays = sum(c.source.count("$$") // 2 for c in nb.cells if c.cell_type == "markdown")
    assert displays >= 1
    assert page.locator("mjx-container[display='true']").count() == displays
    assert page.locator("mjx-merror").count() == 0, "MathJax could not typeset a formula"
    prose = page.locator(".jp-RenderedMarkdown").all_inner_texts()
    assert not any("$$" in t or "\\frac" in t for t in prose), "raw TeX shows"

    images = page.locator(".jp-OutputArea-output img")
    assert images.count() >= 1
    assert all(images.nth(i).evaluate("i => i.naturalWidth > 100") for i in range(images.count()))


def test_the_included_library_code_is_shown(pages, browser):
    page, problems = open_page(browser, f"{pages}/lasso_path.html")
    assert not problems, problems
    code = "\n".join(page.locator(".jp-RenderedMarkdown pre").all_inner_texts())
    assert "def " in code or "for " in code, code[:300]


def test_a_chart_draws_in_a_notebook_with_vega_from_the_cdn(pages, browser):
    """Outside the site a chart loads Vega from a CDN (lessonlib.display.charts): here the
    CDN's addresses are answered with the copies the site serves."""
    from lessonlib.display.charts import VEGA_CDN

    asked = []

    def cdn(route):
        asked.append(route.request.url)
        name = route.request.url.rsplit("/", 1)[-1]
        route.fulfill(path=str(ROOT / "_ext" / "static" / "vega" / name))

    page, problems = open_page(browser, f"{pages}/lasso-chart.html", dict.fromkeys(VEGA_CDN, cdn))
    chart = page.locator(".lesson-chart")
    chart.locator("svg").first.wait_for(timeout=15_000)
    page.screenshot(path=str(SHOTS / "reader-lasso-chart.png"), full_page=False)
    assert asked == list(VEGA_CDN)
    assert not problems, problems
    assert chart.locator("input[type=range]").count() == 1
