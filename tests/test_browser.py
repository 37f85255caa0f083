"""The built site in a real browser, used: menus, explorer charts and their sliders, search,
the download menu, pages opened from the file system. Debian's Chromium, driven by
Playwright, fully offline (every page of the site, as it loads: tests/test_pages.py).
"""

from __future__ import annotations

import re

import pytest

from chromium import OFF_SITE
from page_checks import HTML, VIEWPORTS, PageVisit
from toc import ROOT
from vega_view import bold_zeros, drawn

pytestmark = pytest.mark.browser


def test_off_site_pattern():
    assert OFF_SITE.match("https://cdn.jsdelivr.net/x.js")
    assert OFF_SITE.match("http://127.0.0.1.evil.example/x")
    assert not OFF_SITE.match("http://127.0.0.1:8000/book/lasso.html")
    assert not OFF_SITE.match("data:image/png;base64,iVBO")


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
