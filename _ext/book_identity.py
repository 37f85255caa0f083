"""Who wrote the book, which edition it is and how to cite it, said alike everywhere.

Set once, in _config.yml: the title (``title``), the authors (``author``), the summary
(``description``), the published site (``html.baseurl``) and the edition, which is the git
ref the book's links pin (``repository.branch``): ``main`` between editions, the tag of an
edition (``v2027.1``) in its release commit (CONTRIBUTING.md, "Cutting an edition"). From
them this extension makes

* the PDF's metadata (Title, Author, Subject, Keywords) and a ``\\bookedition`` macro that
  the title page prints;
* the site's footer line: the edition and the licences;
* the MyST substitutions ``{{ edition }}`` and ``{{ citation }}`` (the home page's "How to
  cite").

CITATION.cff says the same in the Citation File Format (tests/test_citation.py checks both).
"""

from __future__ import annotations

import datetime
import html
import re
from pathlib import Path
from typing import Any

import yaml
from sphinx.application import Sphinx

EDITION_TAG = re.compile(r"^v(\d{4}\.\d+)$")
KEYWORDS = "lasso, ridge regression, sparsity, L1 penalty, regularization, textbook"


def edition_label(ref: str) -> str:
    """How the book names the edition of git ref ``ref``.

    >>> edition_label("v2027.1"), edition_label("main")
    ('edition 2027.1', 'development version (main)')
    """
    match = EDITION_TAG.match(ref)
    return f"edition {match.group(1)}" if match else f"development version ({ref})"


def citation(title: str, author: str, ref: str, url: str, year: int) -> str:
    """The book's citation, author-year, as the home page prints it.

    >>> citation("T", "A", "v2027.1", "https://x/", 2027)
    'A (2027). *T: an executable textbook*, edition 2027.1. https://x/'
    """
    return f"{author} ({year}). *{title}: an executable textbook*, {edition_label(ref)}. {url}"


def _book_config(app: Sphinx) -> dict:
    return yaml.safe_load((Path(app.srcdir) / "_config.yml").read_text(encoding="utf-8"))


def _tex(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def identify(app: Sphinx, config: Any) -> None:
    """Fill the PDF's metadata, the footer and the substitutions from the book's config."""
    book = _book_config(app)
    title, author = config.html_title or book["title"], config.author or book["author"]
    ref = (config.html_theme_options or {}).get("repository_branch", "main")
    url = config.html_baseurl
    year = int(book.get("copyright") or datetime.date.today().year)
    subject = " ".join(book.get("description", "").split())
    label = edition_label(ref)

    config.latex_elements = dict(config.latex_elements or {})
    config.latex_elements["preamble"] = (
        config.latex_elements.get("preamble", "")
        + "\n\\hypersetup{"
        + f"pdftitle={{{_tex(title)}}}, pdfauthor={{{_tex(author)}}}, "
        + f"pdfsubject={{{_tex(subject)}}}, pdfkeywords={{{KEYWORDS}}}}}\n"
        + f"\\newcommand{{\\bookedition}}{{{_tex(label[:1].upper() + label[1:])}}}\n"
    )
    cite = citation(title, author, ref, url, year)
    config.myst_substitutions = {
        **(config.myst_substitutions or {}),
        "edition": label,
        "citation": cite,
    }
    options = dict(config.html_theme_options or {})
    options["extra_footer"] = (
        f"<p>{html.escape(title)}, {html.escape(label)}. "
        "Text and figures CC BY 4.0, code MIT; the home page says how to cite it.</p>"
    )
    config.html_theme_options = options


def setup(app: Sphinx) -> dict:
    # early: MyST reads its substitutions, and the theme its options, after config-inited
    app.connect("config-inited", identify, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
