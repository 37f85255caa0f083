"""lessonlib.display.charts.thresholding: the orthonormal explorer, evaluated here.

tests/vega_eval.py runs each view's embedded data through its Vega
expressions in Python, at many lambdas; what comes out is compared with
the three rules written here with NumPy (soft, proportional and hard
thresholding), with scikit-learn's Lasso and Ridge fitted on an orthonormal
design, and with best subset found by trying every support (written here).
The chapter's stored chart is checked against the chart its cell builds.
"""

from __future__ import annotations

import ast
import itertools
import json
import re

import nbformat
import numpy as np
import pytest
from sklearn.linear_model import Lasso, LinearRegression, Ridge

import vega_eval
from lessonlib import scale
from lessonlib.display.charts import SIGNAL, VEGA_CDN, thresholding
from lessonlib.display.charts.thresholding import METHODS, thresholding_chart
from lessonlib.display.style import color
from lessonlib.topics import orthonormal
from toc import BOOK

# An orthonormal design made here (QR of centred Gaussian columns).
N, P = 40, 5
_RNG = np.random.default_rng(7)
_G = _RNG.standard_normal((N, P))
X = np.linalg.qr(_G - _G.mean(axis=0))[0]  # spans centred columns
Y = 2.0 + X @ np.array([2.5, -1.6, 0.9, 0.25, -0.05]) + 0.2 * _RNG.standard_normal(N)
Z = X.T @ Y
LAM_STAR = 2 * float(np.max(np.abs(Z)))
LAM_MAX = 1.3 * LAM_STAR
LABELS = list(METHODS.values())


def no_tie(lam: float) -> bool:
    """lambda is off every threshold 2|z_j| (where the rules tie)."""
    return bool(np.min(np.abs(lam - 2 * np.abs(Z))) > 1e-6)


LAMS = [float(lam) for lam in np.linspace(0.0, LAM_MAX, 53) if no_tie(lam)]


def soft(z, lam):
    return np.sign(z) * np.maximum(np.abs(z) - lam / 2, 0.0)


def proportional(z, lam):
    return np.asarray(z) / (1 + lam)


def hard(z, lam):
    return np.where(np.abs(z) > lam / 2, z, 0.0)


RULES = {
    "ols": lambda z, lam: np.asarray(z, float),
    "lasso": soft,
    "ridge": proportional,
    "subset": hard,
}


def sklearn_coef(lam: float, method: str) -> np.ndarray:
    """scikit-learn at the book's lambda: Lasso alpha = lam/(2n), Ridge
    alpha = lam."""
    if lam == 0.0 or method == "ols":
        model = LinearRegression()
    elif method == "lasso":
        model = Lasso(alpha=scale.lasso_alpha(lam, N), tol=1e-14, max_iter=100_000)
    else:
        model = Ridge(alpha=lam)
    return model.fit(X, Y).coef_


def best_subset(lam0: float) -> np.ndarray:
    """min SSE + lam0 * |support| over every support, by least squares."""
    Xc, yc = X - X.mean(axis=0), Y - Y.mean()
    best, coef = np.inf, np.zeros(P)
    for size in range(P + 1):
        for support in itertools.combinations(range(P), size):
            w = np.zeros(P)
            if support:
                cols = list(support)
                w[cols] = np.linalg.lstsq(Xc[:, cols], yc, rcond=None)[0]
            value = float(np.sum((yc - Xc @ w) ** 2)) + lam0 * size
            if value < best:
                best, coef = value, w
    return coef


@pytest.fixture(scope="module")
def chart():
    return thresholding_chart(
        Z, LAM_MAX, name="t", start=0.5 * LAM_STAR, print_values=[LAM_STAR / 2]
    )


def mark_type(unit: dict) -> str:
    mark = unit["mark"]
    return mark if isinstance(mark, str) else mark["type"]


def views(spec: dict, lam: float, kind: str) -> dict[str, list[list[dict]]]:
    """Evaluated rows of every ``kind`` mark, by the method it draws."""
    found: dict[str, list[list[dict]]] = {}
    for unit in vega_eval.units(spec):
        if mark_type(unit) != kind:
            continue
        values = unit["data"]["values"]
        if "method" in values[0]:  # the inline data names the method
            found.setdefault(values[0]["method"], []).append(vega_eval.rows(unit, {SIGNAL: lam}))
    return found


def bars(spec: dict, lam: float) -> dict[str, np.ndarray]:
    """Each method's bars, one per feature, in feature order."""
    out = {}
    for label, (rows,) in views(spec, lam, "bar").items():
        assert [r["feature"] for r in rows] == [f"x{j + 1}" for j in range(len(rows))]
        out[label] = np.array([r["w"] for r in rows])
    return out


def test_design_is_orthonormal_and_centred():
    np.testing.assert_allclose(X.T @ X, np.eye(P), atol=1e-12)
    np.testing.assert_allclose(X.sum(axis=0), 0.0, atol=1e-12)


def test_the_slider_is_lambda_from_0_to_lam_max(chart):
    (param,) = chart.spec["params"]
    assert param["name"] == SIGNAL and param["value"] == 0.5 * LAM_STAR
    assert param["bind"]["input"] == "range" and param["bind"]["min"] == 0.0
    assert param["bind"]["max"] == LAM_MAX
    assert param["bind"]["step"] <= LAM_MAX / 500


@pytest.mark.parametrize("method", list(METHODS))
def test_bars_are_the_closed_forms_and_independent_fits(chart, method):
    label = METHODS[method]
    for lam in LAMS:
        w = bars(chart.spec, lam)[label]
        np.testing.assert_allclose(w, RULES[method](Z, lam), rtol=1e-12, atol=1e-15)
        if method == "subset":
            ref = best_subset((lam / 2) ** 2)
            np.testing.assert_allclose(w, ref, rtol=0, atol=1e-9)
            assert list(w == 0.0) == list(ref == 0.0)
        else:
            ref = sklearn_coef(lam, method)
            np.testing.assert_allclose(w, ref, rtol=0, atol=1e-8)
            assert list(w == 0.0) == list(np.abs(ref) < 1e-10)


def test_exact_zeros_are_zeros_and_get_a_bold_0(chart):
    seen = set()
    for lam in LAMS:
        zero = np.abs(Z) <= lam / 2  # computed here
        now = bars(chart.spec, lam)
        for method in ("lasso", "subset"):
            w = now[METHODS[method]]
            assert list(w == 0.0) == list(zero)
            assert not np.any(np.signbit(w[zero])), "0, not -0"
            (texts,) = views(chart.spec, lam, "text")[METHODS[method]]
            assert [r["feature"] for r in texts] == [f"x{j + 1}" for j in range(P) if zero[j]]
            assert all(r["w"] == 0.0 for r in texts)
        seen.add(int(zero.sum()))
        # ridge and least squares: never 0 (no z_j is 0), and no bold 0
        assert np.all(now[METHODS["ridge"]] != 0.0)
        assert set(views(chart.spec, lam, "text")) == {METHODS["lasso"], METHODS["subset"]}
    assert seen == set(range(P + 1)), "the slider reaches every count"


def test_the_zero_marks_are_a_bold_0(chart):
    texts = [
        u
        for u in vega_eval.units(chart.spec)
        if mark_type(u) == "text" and "method" in u["data"]["values"][0]
    ]
    assert len(texts) == 2
    for unit in texts:
        assert {"calculate": "'0'", "as": "t"} in unit["transform"]
        assert unit["encoding"]["text"]["field"] == "t"
        assert unit["mark"]["fontWeight"] == "bold"
        assert unit["transform"][-2] == {"filter": "datum.w === 0"}


def segment_checks(rows: list[dict], lam: float, method: str) -> int:
    """Each straight piece of a drawn line, between two corners, is the
    rule there: checked at its midpoint (off the jumps)."""
    checked = 0
    for a, b in itertools.pairwise(rows):
        if a["piece"] != b["piece"] or a["z"] == b["z"]:
            continue
        mid = (a["z"] + b["z"]) / 2
        rule = float(RULES[method](np.array([mid]), lam)[0])
        assert (a["w"] + b["w"]) / 2 == pytest.approx(rule, rel=1e-12, abs=1e-12)
        checked += 1
    return checked


def test_rule_lines_are_the_rules(chart):
    reach = 1.1 * max(float(np.max(np.abs(Z))), LAM_MAX / 2)
    for lam in LAMS:
        lines = views(chart.spec, lam, "line")
        assert sorted(lines) == sorted(LABELS)
        for method, label in METHODS.items():
            (rows,) = lines[label]
            zs = [r["z"] for r in rows]
            assert zs[0] == -reach and zs[-1] == reach
            assert zs == sorted(zs)
            assert segment_checks(rows, lam, method) >= 1
            if method != "subset":  # continuous: every corner is the rule
                np.testing.assert_allclose(
                    [r["w"] for r in rows], RULES[method](np.array(zs), lam), rtol=1e-12, atol=1e-15
                )
        # the hard rule's corners: the jumps sit at +-lam/2
        (hard_rows,) = lines[METHODS["subset"]]
        jumps = sorted({r["z"] for r in hard_rows if r["keep"] == 0})
        assert jumps == sorted({-lam / 2, lam / 2})


def test_band_and_dots(chart):
    for lam in LAMS:
        (band,) = [
            vega_eval.rows(u, {SIGNAL: lam})
            for u in vega_eval.units(chart.spec)
            if mark_type(u) == "rect"
        ]
        assert band == [{"one": 1, "lo": -lam / 2, "hi": lam / 2}]
        dots = views(chart.spec, lam, "point")
        assert sorted(dots) == sorted(LABELS[1:])
        for method in ("lasso", "ridge", "subset"):
            (rows,) = dots[METHODS[method]]
            np.testing.assert_array_equal([r["z"] for r in rows], Z)
            np.testing.assert_allclose(
                [r["w"] for r in rows], RULES[method](Z, lam), rtol=1e-12, atol=1e-15
            )


def label_counts(chart, lam: float) -> list[int]:
    """The header's counts of exact zeros, evaluated at ``lam``."""
    text = json.dumps(chart.spec, ensure_ascii=False)
    found = re.findall(r"format\((\(abs\([^']*\)), 'd'\)", text)
    return [vega_eval.evaluate(e, {}, {SIGNAL: lam}) for e in found]


def test_label_states_lambda_its_ratio_and_the_zero_counts(chart):
    text = json.dumps(chart.spec, ensure_ascii=False)
    assert f"format({SIGNAL}, ',.4~r')" in text
    assert f"format({SIGNAL} / {LAM_STAR!r}, '.3~r') + ' λ*" in text
    assert "κ = λ/2" in text and "none exactly 0" in text
    for lam in LAMS:
        assert label_counts(chart, lam) == 2 * [int(np.sum(np.abs(Z) <= lam / 2))]


def test_outputs_html_png_and_text_without_raw_floats(chart):
    bundle = chart._repr_mimebundle_()
    assert set(bundle) == {"text/html", "image/png", "text/plain"}
    assert bundle["image/png"].startswith("iVBORw0KGgo")
    assert vega_eval.spec_from_html(bundle["text/html"]) == json.loads(json.dumps(chart.spec))
    html = bundle["text/html"].replace("https://vega.github.io/schema/vega-lite/v5", "")
    for url in VEGA_CDN:  # Vega for a notebook without the site, nothing else
        html = html.replace(url, "")
    assert "http" not in html
    assert bundle["text/plain"] == (
        "Thresholding explorer: slider for lambda from 0 to 1.3 lambda*; 5 features."
    )
    assert len(bundle["text/html"].encode()) < 40_000


def test_at_the_threshold_both_rules_give_exactly_0():
    """|z| = lambda/2 exactly (dyadic numbers): soft gives 0 by continuity,
    hard gives 0 by the book's rule 1(|z| > kappa); so do the counts."""
    z = [1.0, -0.5, 0.25]
    c = thresholding_chart(z, 4.0, name="tie", print_values=[1.0])
    for lam, zeros in ((2.0, 3), (1.0, 2), (0.5, 1)):
        now = bars(c.spec, lam)
        for method in ("lasso", "subset"):
            w = now[METHODS[method]]
            assert int(np.sum(w == 0.0)) == zeros
            np.testing.assert_array_equal(w, RULES[method](np.array(z), lam))
        assert label_counts(c, lam) == [zeros, zeros]


def test_a_zero_z_counts_for_ridge_too():
    c = thresholding_chart([1.0, 0.0], 4.0, name="z", print_values=[1.0])
    assert "1 of 2 exactly 0" in json.dumps(c.spec, ensure_ascii=False)
    assert bars(c.spec, 1.0)[METHODS["ridge"]].tolist() == [0.5, 0.0]


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="z"):
        thresholding_chart([0.0, 0.0], 1.0, name="t")
    with pytest.raises(ValueError, match="names"):
        thresholding_chart([1.0, 2.0], 1.0, name="t", names=["a"])
    with pytest.raises(ValueError, match="name"):
        thresholding_chart([1.0], 1.0, name="1 bad")
    with pytest.raises((ValueError, TypeError), match="lam_max"):
        thresholding_chart([1.0], -1.0, name="t")
    with pytest.raises(ValueError, match="start"):
        thresholding_chart([1.0], 1.0, name="t", start=2.0)


# ------------------------------------------------- what the texts say, read as a browser would

# The legend's words for each rule, written here: a label swapped in the chart must show.
WORDS = {
    "least squares z": "ols",
    "lasso (soft)": "lasso",
    "ridge (proportional)": "ridge",
    "best subset (hard)": "subset",
}


def test_each_legend_label_names_its_rule(chart):
    (rules,) = [u for u in vega_eval.units(chart.spec) if mark_type(u) == "line"][:1]
    scale = rules["encoding"]["color"]["scale"]
    assert sorted(scale["domain"]) == sorted(WORDS)
    hues = dict(zip(scale["domain"], scale["range"]))
    assert hues["lasso (soft)"] == color("lasso") and hues["ridge (proportional)"] == color("ridge")
    for lam in LAMS[::4]:
        now = bars(chart.spec, lam)
        for label, method in WORDS.items():
            np.testing.assert_allclose(now[label], RULES[method](Z, lam), rtol=1e-12, atol=1e-15)
        for label, rows in views(chart.spec, lam, "line").items():
            (rows,) = rows
            mid = [(a["z"] + b["z"]) / 2 for a, b in itertools.pairwise(rows) if a["z"] != b["z"]]
            assert segment_checks(rows, lam, WORDS[label]) == len(mid)


def test_the_header_says_lambda_kappa_and_each_rules_zero_count(chart):
    (header,) = [
        r["text"]
        for u in vega_eval.units(chart.spec)
        if mark_type(u) == "text"
        for r in vega_eval.text_rows(u, {SIGNAL: 0.0})
        if "text" in r
    ]
    for lam in LAMS:
        (text,) = [
            r["text"]
            for u in vega_eval.units(chart.spec)
            if mark_type(u) == "text"
            for r in vega_eval.text_rows(u, {SIGNAL: lam})
            if "text" in r
        ]
        zeros = int(np.sum(np.abs(Z) <= lam / 2))  # soft and hard thresholding's zeros
        fmt = vega_eval.d3_format
        assert text.split("|") == [
            f"λ = {fmt(lam, ',.4~r')} = {fmt(lam / LAM_STAR, '.3~r')} λ*",
            f"lasso: κ = λ/2 = {fmt(lam / 2, ',.4~r')}, {zeros} of {P} exactly 0",
            f"ridge: z/(1 + λ) = z/{fmt(1 + lam, ',.4~r')}, none exactly 0",
            f"best subset, λ₀ = κ²: {zeros} of {P} exactly 0",
        ]
    assert header.startswith("λ = 0 = 0 λ*")


def test_axes_and_views_name_what_they_show(chart):
    titles: dict[str, set] = {}
    for u in vega_eval.units(chart.spec):
        for channel in ("x", "y"):
            enc = u.get("encoding", {}).get(channel, {})
            if enc.get("title"):
                titles.setdefault(enc["field"], set()).add(enc["title"])
    assert titles == {
        "z": {"least-squares estimate z"},
        "lo": {"least-squares estimate z"},
        "w": {"penalised estimate", "coefficient"},
    }
    rules, coefficients = chart.spec["vconcat"][1]["hconcat"]
    assert rules["title"] == "the three rules; dots: our features"
    assert coefficients["title"] == "coefficients (0: exactly 0)"


@pytest.mark.parametrize("lam", [0.0, 0.6 * LAM_STAR, 1.2 * LAM_STAR])
def test_the_print_picture_draws_the_rules_and_the_bars(lam):
    """The PDF's picture (thresholding._Picture, drawn by small_multiples): its lines are the
    rules written here, its bars the coefficients, each exact zero written "0"."""
    import matplotlib.pyplot as plt

    picture = thresholding._Picture(
        Z, [f"x{j + 1}" for j in range(P)], 1.1 * float(np.abs(Z).max())
    )
    picture.update(lam)
    _, (left, right) = plt.subplots(1, 2)
    picture._draw_rules(left)
    picture._draw_bars(right)
    lines = {ln.get_label(): ln for ln in left.get_lines()}
    assert sorted(lines) == sorted(WORDS)
    for label, method in WORDS.items():
        z, w = np.asarray(lines[label].get_xydata(), float).T
        ok = ~np.isnan(w)  # the hard rule is cut at its jumps
        np.testing.assert_allclose(w[ok], RULES[method](z[ok], lam), rtol=1e-12, atol=1e-15)
    assert [t.get_text() for t in left.get_legend().get_texts()] == list(lines)
    assert left.get_xlabel() == "least-squares z" and left.get_ylabel() == "penalised estimate"
    widths = {}
    for container in right.containers:
        (method,) = [
            m for m in WORDS.values() if color_of(m) == container.patches[0].get_facecolor()
        ]
        widths[method] = np.array([p.get_width() for p in container.patches])
    for method in WORDS.values():
        np.testing.assert_allclose(widths[method], RULES[method](Z, lam), rtol=1e-12, atol=1e-15)
    zeros = int(np.sum(np.abs(Z) <= lam / 2))
    assert sum(t.get_text() == " 0" for t in right.texts) == 2 * zeros
    assert [t.get_text() for t in right.get_yticklabels()] == [f"x{j + 1}" for j in range(P)]


def color_of(method: str) -> tuple:
    from matplotlib.colors import to_rgba

    return to_rgba({"ols": color("guide"), "subset": color("hard")}.get(method) or color(method))


# ------------------------------------------------- the chapter's own chart

CHAPTER = BOOK / "orthonormal.ipynb"
CHART_CELL = "orth-explorer"


def chapter_chart() -> tuple[dict, object, nbformat.NotebookNode]:
    """The chapter's data cell and LAM line, then its chart cell, run
    here as a kernel would."""
    nb = nbformat.read(CHAPTER, as_version=4)
    cells = {c.get("id"): c for c in nb.cells}
    ns: dict = {"np": np, "orthonormal": orthonormal, "thresholding": thresholding}
    exec(cells["orth-design"].source, ns)
    (lam_line,) = [
        line
        for c in nb.cells
        if c.cell_type == "code"
        for line in c.source.splitlines()
        if line.startswith("LAM, LAM0 = ")
    ]
    exec(lam_line, ns)
    tree = ast.parse(cells[CHART_CELL].source)
    last = tree.body.pop()
    exec(compile(tree, "chart cell", "exec"), ns)
    view = eval(compile(ast.Expression(last.value), "chart", "eval"), ns)
    return ns, view, cells[CHART_CELL]


def test_chapter_chart_is_stored_and_is_what_its_cell_builds(capsys):
    ns, view, cell = chapter_chart()
    # The chart's wiring is hidden (its output shown), and nbval does not compare it:
    # this file checks it instead.
    assert set(cell.metadata["tags"]) == {"remove-input", "nbval-ignore-output"}
    (out,) = [o for o in cell.outputs if "text/html" in o.get("data", {})]
    assert out.data["text/plain"] == view.summary
    assert out.data["image/png"]
    stored = vega_eval.spec_from_html(out.data["text/html"])
    z = ns["z"]
    (param,) = stored["params"]
    assert param["value"] == ns["LAM"]  # starts at the chapter's lambda
    for lam in np.linspace(0.0, param["bind"]["max"], 17):
        mine, theirs = bars(stored, lam), bars(view.spec, lam)
        for label in LABELS:
            np.testing.assert_allclose(mine[label], theirs[label], rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(mine[METHODS["ols"]], z, rtol=1e-12)
        np.testing.assert_allclose(mine[METHODS["lasso"]], soft(z, lam), rtol=1e-12, atol=1e-15)


def test_chapter_chart_at_its_lambda_is_the_chapters_table():
    """At the chapter's lambda = 2 the chart shows the three fits the
    chapter's table printed, and the zeros its prose counts."""
    ns, view, _ = chapter_chart()
    lam = ns["LAM"]
    now = bars(view.spec, lam)
    X_, y_ = ns["X"], ns["y"]
    n = X_.shape[0]
    lasso = Lasso(alpha=scale.lasso_alpha(lam, n), tol=1e-14, max_iter=100_000).fit(X_, y_).coef_
    np.testing.assert_allclose(now[METHODS["lasso"]], lasso, atol=1e-8)
    np.testing.assert_allclose(now[METHODS["ridge"]], Ridge(alpha=lam).fit(X_, y_).coef_, atol=1e-9)
    assert int(np.sum(now[METHODS["lasso"]] == 0.0)) == 3
    assert int(np.sum(now[METHODS["subset"]] == 0.0)) == 3
