"""Every page of the built site in a real browser on a phone (390 px wide).

What every width must show (tests/page_checks.py's ``check_at_any_width``), and what a phone
adds: code and outputs within their column at a readable size (tables printed as text
scroll instead, with a cue), wide tables that say they scroll and keep their caption in
view, and the chapter number on its title's line. The desktop's sweep is
tests/test_pages.py.
"""

from __future__ import annotations

import pytest

from page_checks import (
    PAGES,
    VIEWPORTS,
    PageVisit,
    check_at_any_width,
    phone_problems,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("docname", [*PAGES, "search"])
def test_what_the_reader_sees_on_a_phone(site, browser, docname):
    visit = PageVisit(browser, f"{site}/{docname}.html", VIEWPORTS["phone"])
    try:
        check_at_any_width(visit, docname, "phone")
        assert not (small := phone_problems(visit.page)), "\n".join(small)
    finally:
        visit.close()
