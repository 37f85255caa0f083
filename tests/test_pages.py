"""Every page of the built site in a real browser, at desktop and phone width.

Every page of _toc.yml is served from _build/html on 127.0.0.1 and visited at desktop and
phone size with every request to another host blocked. Each page must load with no failed
request and no console error, render all its math with the MathJax copy served by the site,
show every image with alt text, and offer a Binder launch button for its own notebook; the
checks are in tests/page_checks.py. Screenshots go to test-artifacts/screenshots/. (The
interactive tests are in tests/test_browser.py: a file of its own, so that pytest-xdist
runs the two files side by side.)
"""

from __future__ import annotations

import pytest

from page_checks import (
    CODE_COLOUR_PAGES,
    PAGES,
    SHOTS,
    VIEWPORTS,
    PageVisit,
    accessibility_violations,
    binder_problems,
    cut_code,
    equation_problems,
    figure_text_problems,
    footer_problems,
    heading_problems,
    image_problems,
    load_problems,
    load_shown_images,
    math_problems,
    math_punctuation_problems,
    phone_problems,
    printed_table_problems,
    recorded_fonts,
    squashed_images,
    visible_search_fields,
)
from toc import ROOT

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def figure_fonts():
    return recorded_fonts()


def test_code_colour_pages_are_pages_with_code():
    for docname in CODE_COLOUR_PAGES:
        assert docname in PAGES and (ROOT / f"{docname}.ipynb").exists(), docname


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("docname", [*PAGES, "search"])
def test_what_the_reader_sees(site, browser, figure_fonts, docname, viewport):
    """Every page at both widths: a screenshot to look at, figures in proportion, no
    sideways scrolling, display equations that fit the column, one search field, the
    footer's links whole, no line that starts with the punctuation after a formula, tables
    printed as text that keep their lines and scroll on a phone (everything else printed
    wraps) and look as before at 1280 px; and at
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
        assert not (cut := footer_problems(visit.page)), "\n".join(cut)
        assert not (split := math_punctuation_problems(visit.page)), "\n".join(split)
        if docname in PAGES:
            tables = printed_table_problems(visit.page, viewport, docname)
            assert not tables, "\n".join(tables)
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
