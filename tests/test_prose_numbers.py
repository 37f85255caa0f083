"""Every decimal number the prose states about a computed result is glued.

A number typed into a chapter's text is checked by nothing: re-run the chapter on another
machine, or change its data, and the text goes on claiming the old value. A number the
text takes from a code cell with MyST glue (``glue("name", round(x, 2), display=False)``
in code, ``{glue:text}`name:.2f``` in the text) is the number the cell computed, and nbval
compares the glued value on every run. This module finds the decimals a chapter's Markdown
states in any other way.

The rule, applied to the Markdown cells of every chapter notebook:

* Ignored: glue roles and every other role (``{cite}``, ``{numref}``, ``{term}``, ...),
  link targets and URLs, and numbers that name a place in a cited work (``section 7.10``,
  ``Table 3.4``). Years and other integers are never flagged: the rule is about decimals.
* Inline code: a code span is code (``Lasso(alpha=9)``, ``== 0.0``, a printed array),
  not a claim, and its numbers are ignored, unless the span is nothing but a number
  (```-0.4```, ```0.00```): then it is a value quoted in prose and counts as prose.
* Math: a math span (``$...$`` or ``$$...$$``) that is more than a number is a formula.
  Its numbers are parameters the text chose (``$\\lambda = 25$``, ``$\\rho = 0.99$``,
  ``$0.99\\lambda^*$``) or steps of a derivation done in the text
  (``$m = (6 - 2)/10 = 0.4$``) and are not flagged, with one exception: a decimal that is
  the whole right-hand side of ``\\approx`` (``$\\lambda^* \\approx 106.7$``) is an
  approximate *result* and is flagged. A math span that is only a number, perhaps with a
  sign or a leading ``=`` (``$-37.6$``, ``$0.5$``, ``$= 0.5$``), is a number set in math
  type and counts as prose.
* Prose: every other decimal (``15.03``, ``0.5``, ``about $-37.6$``) is flagged unless
  ``ALLOWED`` lists it for that chapter, with the reason it is not a computed result: a
  parameter the chapter chose, a definition, or a constant quoted from elsewhere.

Counts written as integers or words ("uses only four features") cannot be told apart
from parameters ("30 bootstrap resamples") by a pattern, so they are not checked here;
chapters glue them all the same (CONTRIBUTING.md, "Computation").
"""

from __future__ import annotations

import re

import nbformat
import pytest

from toc import ROOT, chapter_notebooks

NOTEBOOKS = chapter_notebooks()
IDS = [str(p.relative_to(ROOT)) for p in NOTEBOOKS]

# (chapter, number) -> why the number is not a computed result. "*" is every chapter.
# Numbers are written as the text writes them, with an ASCII minus.
ALLOWED: dict[tuple[str, str], str] = {
    # The floating-point zero literal that the book tests against (`== 0.0`): a
    # definition of "exactly zero", not a computed value.
    ("*", "0.0"): "the literal 0.0 of `== 0.0`",
    # The way the lasso table prints an exact zero at two decimals; the prose explains
    # that every printed 0.00 is a true zero (a hidden cell checks it).
    ("diabetes", "0.00"): "how the table prints a zero",
    # alpha = 0.01 is the smallest penalty of the lasso table and of the path grid,
    # chosen in the code (lasso_alphas, lasso_grid).
    ("diabetes", "0.01"): "chosen smallest alpha of the lasso grids",
    # alpha = 0.5 and 0.1 are columns of the lasso table (lasso_alphas), chosen inputs
    # at which the text points out where s3 is zero.
    ("diabetes", "0.5"): "a chosen alpha of the lasso table",
    ("diabetes", "0.1"): "a chosen alpha of the lasso table",
    # The way the coefficient table prints an exact zero at four decimals.
    ("regularization", "0.0000"): "how the table prints a zero",
    # rho = 0.9 is the population correlation passed to make_correlated_features; the
    # sample correlation the cell prints is another number.
    ("ridge", "0.9"): "chosen population correlation rho",
    # Exercise solution (c), worked by hand in the same solution: (-6 + 2)/10.
    ("lasso", "-0.4"): "exercise answer derived by hand in the text",
    # bad_slope=1.5 is the slope of the line the figure draws to cut through the graph,
    # an input of the figure cell.
    ("kkt", "1.5"): "chosen slope of the failing line in the figure",
    # Exercise solution: the objective falls at rate |g_2| - alpha = 2.5 - 2, worked by
    # hand from the exercise's own numbers.
    ("kkt", "0.5"): "exercise answer derived by hand in the text",
    # Exercise solution: soft and hard thresholds of the given z = 1.001 at t = 1, by hand.
    ("orthonormal", "0.001"): "exercise answer derived by hand in the text",
    ("orthonormal", "1.001"): "exercise input z and its hard-threshold value",
    # The spacing of the brute-force grid np.linspace(-40, 40, 8001), an input.
    ("coordinate_descent", "0.01"): "spacing of the chosen search grid",
    # l1_ratio r = 0.5 and the fraction 0.2 of alpha_max are the penalty rule the chapter
    # chooses (L1_RATIO, FRACTION); rho = 0.99 is the population correlation of the data.
    ("correlated", "0.5"): "chosen l1_ratio",
    ("correlated", "0.2"): "chosen fraction of alpha_max",
    ("correlated", "0.99"): "chosen population correlation rho",
}

DECIMAL = re.compile(r"(?<![\w.])-?\d+\.\d+(?![\d.]*\d)")
ONLY_NUMBER = re.compile(r"\s*[-+=]?\s*-?\d+(?:\.\d*)?\s*")
# Roles: {glue:text}`x:.2f`, {cite:t}`key`, {numref}`fig-x`, ...
ROLE = re.compile(r"\{[\w:-]+\}`[^`]*`")
CODE = re.compile(r"`([^`\n]+)`")
DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
INLINE_MATH = re.compile(r"\$([^$\n]+)\$")
LINK_TARGET = re.compile(r"\]\([^)]*\)|https?://\S+")
CITED_PLACE = re.compile(
    r"(?:section|table|theorem|figure|chapter|equation|eq\.|§)\s*$", re.IGNORECASE
)
# A decimal that is the whole right-hand side of an approximation (not followed by an
# operator that would make it part of a formula): $\lambda^* \approx 106.7$.
APPROX = re.compile(r"(?:\\approx|≈)\s*(-?\d+\.\d+)(?!\s*(?:[\d./*^_{(]|\\(?:cdot|times|frac)))")


def _normalise(text: str) -> str:
    return text.replace("\u2212", "-")


def stray_numbers(markdown: str) -> list[tuple[str, str]]:
    """The decimals ``markdown`` states outside glue, formulas and code, with context.

    Returns ``(number, context)`` pairs, the number written with an ASCII minus.

    >>> [n for n, _ in stray_numbers("s3 entered at about 15.03, at $\\\\lambda = 2.5$")]
    ['15.03']
    """
    text = _normalise(markdown)
    found: list[tuple[str, str]] = []
    placeholder = " "

    def math(match: re.Match) -> str:
        body = match.group(1)
        if ONLY_NUMBER.fullmatch(body):  # a number set in math type: prose
            return f" {body.strip().lstrip('=')} "
        # a formula: only an approximate result counts
        found.extend((m.group(1), match.group(0)) for m in APPROX.finditer(body))
        return placeholder

    def code(match: re.Match) -> str:
        body = match.group(1)
        return f" {body.strip()} " if ONLY_NUMBER.fullmatch(body) else placeholder

    text = ROLE.sub(placeholder, text)
    text = LINK_TARGET.sub(placeholder, text)
    text = CODE.sub(code, text)
    text = DISPLAY_MATH.sub(math, text)
    text = INLINE_MATH.sub(math, text)
    for m in DECIMAL.finditer(text):
        if CITED_PLACE.search(text[max(0, m.start() - 12) : m.start()]):
            continue
        context = text[max(0, m.start() - 40) : m.end() + 20].replace("\n", " ")
        found.append((m.group(0), context))
    return found


def chapter_markdown(path) -> str:
    nb = nbformat.read(path, as_version=4)
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def allowed(chapter: str, number: str) -> bool:
    return (chapter, number) in ALLOWED or ("*", number) in ALLOWED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_prose_states_no_typed_in_decimal(path):
    chapter = path.stem
    stray = [
        (n, ctx) for n, ctx in stray_numbers(chapter_markdown(path)) if not allowed(chapter, n)
    ]
    assert not stray, (
        f"{chapter}: typed-in decimals (glue them from the cell that computes them, rewrite "
        "the sentence without the number, or add a commented entry to ALLOWED if the number "
        "is a parameter, a definition or a quoted constant):\n"
        + "\n".join(f"  {n!r} in ...{ctx}..." for n, ctx in stray)
    )


def test_every_allowed_number_is_still_in_its_chapter():
    """A stale entry would silently allow a number the chapter no longer states."""
    stated = {p.stem: {n for n, _ in stray_numbers(chapter_markdown(p))} for p in NOTEBOOKS}
    for (chapter, number), reason in ALLOWED.items():
        assert reason
        chapters = stated.values() if chapter == "*" else [stated.get(chapter, set())]
        assert any(number in s for s in chapters), f"{(chapter, number)} is no longer stated"


GLUE_ROLE = re.compile(r"\{glue(?::\w+)?\}`([\w-]+)(?::[^`]*)?`")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_glue_role_has_a_stored_value(path):
    nb = nbformat.read(path, as_version=4)
    stored = {
        out.metadata["scrapbook"]["name"]
        for c in nb.cells
        if c.cell_type == "code"
        for out in c.outputs
        if "scrapbook" in out.get("metadata", {})
    }
    used = set(GLUE_ROLE.findall(chapter_markdown(path)))
    assert used <= stored, f"glue roles without a stored value: {sorted(used - stored)}"


# ------------------------------------------------------------- the rule on known cases


@pytest.mark.parametrize(
    "sentence, flagged",
    [
        # typed-in results that the chapters once stated (all now glued or rewritten)
        ("there `s3` is no longer active (it entered at about 15.03), so", ["15.03"]),
        ("`s1` starts at about $-37.6$ and ends positive", ["-37.6"]),
        ("starts at about $\u221237.6$ and ends positive", ["-37.6"]),
        ("because $\\lambda = 360 > \\lambda^* = 2|S_{xy}| \\approx 106.7$. You can", ["106.7"]),
        ("the grid's largest zero sits at $0.5$); for", ["0.5"]),
        ("with mixing parameter $r$ = `l1_ratio` $= 0.5$.", ["0.5"]),
        ("a printed `0.0000` and a quoted `-0.4`", ["0.0000", "-0.4"]),
        # not results: glue, formulas, code, cited places, integers
        ("near $\\lambda =$ {glue:text}`lam_best:.2g` (test MSE {glue:text}`x:.3f`)", []),
        ("at $0.99\\lambda^*$ it is still positive; $\\rho = 0.99$; $m = (6 - 2)/10 = 0.4$", []),
        ("solve it: $w^{0.1} \\approx 0.02/11$, but", []),
        ("the formula would give $(6 - 7)/10 = -0.1 < 0$, contradicting", []),
        ("`Lasso(alpha=9).fit(x[:, None], y).coef_[0] == 0.0` and `lam2 = 0.5`", []),
        ("{cite:t}`hastie2009esl` (section 7.10) and Table 3.4 of the same book", []),
        ("30 bootstrap resamples of the 442 patients in 2004", []),
        ("$$\n\\alpha = 0.5 \\cdot \\alpha_{\\max}\n$$", []),
        ("see [the licence](https://creativecommons.org/licenses/by/4.0/)", []),
    ],
)
def test_the_rule_on_known_sentences(sentence, flagged):
    assert [n for n, _ in stray_numbers(sentence)] == flagged
