"""The coefficient table as HTML, LaTeX and text (lessonlib.display.tables.CoefTable).

Which cells are exact zeros is judged against scikit-learn's own coefficients (Lasso and
lars_path at the same alphas, on data standardised here), never against lessonlib.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import numpy as np
import pytest
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Lasso, lars_path

from lessonlib.display.tables import (
    EXACT_ZERO_TEXT,
    ZERO_COLOUR_DARK,
    ZERO_COLOUR_LIGHT,
    CoefTable,
    table_text,
)

ALPHAS = [50.0, 30.0, 20.0, 10.0, 5.0, 1.0, 0.5, 0.1, 0.01]


class Cells(HTMLParser):
    """Rows of (tag, attributes, text) for every th/td; also notes table and caption."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[tuple[str, dict[str, str | None], str]]] = []
        self.tags: list[str] = []
        self.caption = ""
        self._cell: tuple[str, dict[str, str | None]] | None = None
        self._text = ""
        self._in_caption = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell, self._text = (tag, dict(attrs)), ""
        elif tag == "caption":
            self._in_caption = True

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append((*self._cell, self._text))
            self._cell = None
        elif tag == "caption":
            self._in_caption = False

    def handle_data(self, data):
        if self._cell is not None:
            self._text += data
        if self._in_caption:
            self.caption += data


def parse(html: str) -> Cells:
    parser = Cells()
    parser.feed(html)
    return parser


def right_aligned(attrs: dict[str, str | None]) -> bool:
    style = (attrs.get("style") or "").replace(" ", "")
    return "text-align:right" in style


@pytest.fixture(scope="module")
def sk_fits() -> tuple[np.ndarray, list[str]]:
    """scikit-learn's lasso coefficients at ALPHAS, on the diabetes data standardised here."""
    bunch = load_diabetes(scaled=False)
    X = (bunch.data - bunch.data.mean(axis=0)) / bunch.data.std(axis=0)
    y = bunch.target.astype(float)
    coefs = np.array([Lasso(alpha=a, tol=1e-12, max_iter=100_000).fit(X, y).coef_ for a in ALPHAS])
    # lars_path gives the same active sets: its zeros are the same cells (round-off of
    # a dropped coefficient aside, hence the 1e-10).
    knots, _, path = lars_path(X - X.mean(axis=0), y - y.mean(), method="lasso")
    for k, a in enumerate(ALPHAS):
        if a >= knots[0]:
            assert np.all(coefs[k] == 0.0)
            continue
        i = np.searchsorted(-knots, -a)  # knots[i - 1] > a >= knots[i]
        t = (knots[i - 1] - a) / (knots[i - 1] - knots[i])
        interp = (1 - t) * path[:, i - 1] + t * path[:, i]
        assert np.array_equal(np.abs(interp) > 1e-10, coefs[k] != 0.0)
    return coefs, list(bunch.feature_names)


def test_html_is_a_table_with_one_row_per_alpha(sk_fits):
    coefs, names = sk_fits
    page = parse(CoefTable(ALPHAS, coefs, names, decimals=2, caption="Lasso")._repr_html_())
    assert "table" in page.tags and "thead" in page.tags and "tbody" in page.tags
    assert page.caption == "Lasso"
    header, *body = page.rows
    assert [text for _, _, text in header] == ["alpha", *names, "zeros"]
    assert all(tag == "th" and attrs.get("scope") == "col" for tag, attrs, _ in header)
    assert len(body) == len(ALPHAS)
    for alpha, row in zip(ALPHAS, body):
        assert len(row) == len(names) + 2
        assert row[0][0] == "th" and row[0][1].get("scope") == "row"
        assert float(row[0][2]) == alpha
        assert all(right_aligned(attrs) for _, attrs, _ in row)


def test_html_marks_exactly_the_exact_zeros(sk_fits):
    coefs, names = sk_fits
    body = parse(CoefTable(ALPHAS, coefs, names, decimals=2)._repr_html_()).rows[1:]
    for k, row in enumerate(body):
        cells = row[1:-1]
        marked = [
            attrs.get("title") == EXACT_ZERO_TEXT
            and attrs.get("aria-label") == EXACT_ZERO_TEXT
            and "exact-zero" in (attrs.get("class") or "")
            for _, attrs, _ in cells
        ]
        assert marked == list(coefs[k] == 0.0)
        for (_, _, text), value, is_zero in zip(cells, coefs[k], marked):
            if is_zero:
                assert text == "0"
            else:
                assert float(text.replace("\u2212", "-")) == pytest.approx(value, abs=0.005)
        assert int(row[-1][2]) == int(np.sum(coefs[k] == 0.0))
    # the lasso table has both kinds of row: all zero and none zero
    assert (coefs[0] == 0.0).all() and (coefs[-1] != 0.0).all()


def test_a_tiny_non_zero_keeps_its_decimals_and_sign():
    t = CoefTable([1.0], [[0.0, -1e-9, 1e-9, -0.0]], ["a", "b", "c", "d"], decimals=3)
    (row,) = parse(t._repr_html_()).rows[1:]
    texts = [text for _, _, text in row[1:-1]]
    # -0.0 == 0.0, so it is an exact zero too
    assert texts == ["0", "\u22120.000", "0.000", "0"]
    assert row[-1][2] == "2"
    latex = t._repr_latex_()
    assert latex.count(r"\textcolor{gray}{0}") == 2
    assert "$-$0.000" in latex


def test_latex_is_a_tabular_with_the_right_columns(sk_fits):
    coefs, names = sk_fits
    latex = CoefTable(ALPHAS, coefs, names, decimals=2)._repr_latex_()
    spec = re.search(r"\\begin\{tabular\}\{([^}]*)\}", latex).group(1)
    assert spec.replace("|", "") == "r" * (len(names) + 2)
    assert latex.rstrip().endswith(r"\end{tabular}}")
    # no blank line: Sphinx would split the math block there
    assert "\n\n" not in latex
    body = latex.split(r"\hline")[2].strip().splitlines()
    assert len(body) == len(ALPHAS)
    for k, line in enumerate(body):
        cells = [c.strip() for c in line.removesuffix(r"\\").split("&")]
        assert len(cells) == len(names) + 2
        zeros = [c == r"\textcolor{gray}{0}" for c in cells[1:-1]]
        assert zeros == list(coefs[k] == 0.0)
    # the caption above the table, as on the web page
    assert (
        r"\multicolumn{12}{l}{\textit{Coefficients at each alpha; a grey 0 is exactly zero.}}"
        in latex
    )
    # the PDF has no booktabs; the fonts are shrunk so that 12 columns fit the text width
    assert "toprule" not in latex and r"\footnotesize" in latex


def test_latex_escapes_special_characters():
    latex = CoefTable([1.0], [[1.0, 2.0]], ["a_b", "50%"], decimals=1)._repr_latex_()
    assert r"a\_b" in latex and r"50\%" in latex


def test_text_is_table_text(sk_fits):
    coefs, names = sk_fits
    t = CoefTable(ALPHAS, coefs, names, decimals=2)
    assert repr(t) == table_text(t.frame)
    assert max(len(line) for line in repr(t).splitlines()) <= 79


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted([luminance(a), luminance(b)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_helper_is_right():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize(
    "colour, background",
    [
        (ZERO_COLOUR_LIGHT, "#ffffff"),
        (ZERO_COLOUR_LIGHT, "#ced6dd"),  # pydata-sphinx-theme's output panel in dark mode
        (ZERO_COLOUR_DARK, "#121212"),  # JupyterLab's dark theme
        (ZERO_COLOUR_DARK, "#14181e"),
    ],
)
def test_zero_colour_passes_wcag_aa(colour, background):
    assert contrast(colour, background) >= 4.5


def test_html_uses_both_colours_and_tabular_figures():
    html = CoefTable([1.0], [[0.0]], ["a"])._repr_html_()
    assert ZERO_COLOUR_LIGHT in html and ZERO_COLOUR_DARK in html
    # the site's dark mode keeps HTML outputs on a light panel: no dark-mode override
    # there, only for JupyterLab's dark theme
    assert "data-theme=dark" not in html and "data-jp-theme-light=false" in html
    assert "tabular-nums" in html


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"caption": 3}, TypeError, "caption"),
        ({"decimals": 0}, ValueError, "decimals"),
    ],
)
def test_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        CoefTable([1.0], [[1.0]], ["a"], **kwargs)


def test_text_columns_are_labelled_with_their_alpha_and_rows_with_their_feature(sk_fits):
    coefs, names = sk_fits
    order = [3, 0, 8, 5, 1, 7, 2, 6, 4]  # the alphas in no particular order: kept as given
    alphas = [ALPHAS[k] for k in order]
    text = repr(CoefTable(alphas, coefs[order], names, decimals=2))
    header, *lines = text.splitlines()
    assert header.split() == ["alpha", *[f"{a:g}" for a in alphas]]
    assert [line.split()[0] for line in lines] == [*names, "zeros"]
    for j, line in enumerate(lines[:-1]):
        shown = [float(v) for v in line.split()[1:]]
        np.testing.assert_allclose(shown, coefs[order, j], rtol=0, atol=0.005 + 1e-12)
    zeros = [int(v) for v in lines[-1].split()[1:]]
    assert zeros == [int(np.sum(coefs[k] == 0.0)) for k in order]


def test_latex_header_and_rows_name_what_they_hold(sk_fits):
    coefs, names = sk_fits
    latex = CoefTable(ALPHAS, coefs, names, decimals=2)._repr_latex_()
    head, body = latex.split(r"\hline")[1:3]
    assert [c.strip() for c in head.strip().removesuffix(r"\\").split("&")] == [
        "alpha",
        *[n.replace("_", r"\_") for n in names],
        "zeros",
    ]
    for alpha, row, line in zip(ALPHAS, coefs, body.strip().splitlines()):
        cells = [c.strip() for c in line.removesuffix(r"\\").split("&")]
        assert float(cells[0]) == alpha and int(cells[-1]) == int(np.sum(row == 0.0))
        for cell, value in zip(cells[1:-1], row):
            if value != 0.0:
                assert float(cell.replace("$-$", "-")) == pytest.approx(value, abs=0.005)


def test_a_coefficient_that_rounds_to_0_is_not_counted_as_a_zero():
    t = CoefTable([2.0, 1.0], [[0.0, 1e-6], [-2e-4, 0.5]], ["a", "b"], decimals=3)
    assert t.frame["zeros"].tolist() == [1, 0]
    assert repr(t).splitlines()[-1].split() == ["zeros", "1", "0"]
