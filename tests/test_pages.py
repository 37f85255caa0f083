"""Every page of the built site in a real browser at desktop width (1280 px).

Every page of _toc.yml is served from _build/html on 127.0.0.1 with every request to
another host blocked. At every width a page must pass tests/page_checks.py's
``check_at_any_width``; at desktop width it must also load with no failed request and no
console error, render all its math with the MathJax copy served by the site, show every
image with alt text, offer a Binder launch button for its own notebook, have its headings
in order and no serious accessibility violation. Screenshots go to
test-artifacts/screenshots/. (The phone's sweep is tests/test_pages_phone.py and the
interactive tests are tests/test_browser.py: files of their own, so that pytest-xdist's two
workers share them.)
"""

from __future__ import annotations

import pytest

from page_checks import (
    CODE_COLOUR_PAGES,
    PAGES,
    VIEWPORTS,
    PageVisit,
    accessibility_violations,
    binder_problems,
    check_at_any_width,
    cut_code,
    heading_problems,
    image_problems,
    load_problems,
    math_problems,
)
from toc import ROOT

pytestmark = pytest.mark.browser


def test_code_colour_pages_are_pages_with_code():
    for docname in CODE_COLOUR_PAGES:
        assert docname in PAGES and (ROOT / f"{docname}.ipynb").exists(), docname


@pytest.mark.parametrize("docname", [*PAGES, "search"])
def test_what_the_reader_sees_on_a_desktop(site, browser, docname):
    """Every page at 1280 px: what every width must show, and no request to another host,
    no failed request or console error, all math rendered, every image loaded with alt
    text, the Binder link of a notebook page, headings in order, and no serious
    accessibility violation (axe-core, WCAG 2.1 AA) in light or dark mode."""
    visit = PageVisit(browser, f"{site}/{docname}.html", VIEWPORTS["desktop"])
    try:
        check_at_any_width(visit, docname, "desktop")
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
        assert not accessibility_violations(visit.page, code_colours=docname in CODE_COLOUR_PAGES)
    finally:
        visit.close()
