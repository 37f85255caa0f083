"""SymPy derivations agree with the closed forms and with brute-force minimisation."""

from __future__ import annotations

import re

import numpy as np
import pytest
import sympy as sp

from lessonlib import derive as D
from lessonlib import simple as S


@pytest.fixture(scope="module")
def derivations() -> dict[str, D.Derivation]:
    return {"ols": D.derive_ols(), "ridge": D.derive_ridge(), "lasso": D.derive_lasso()}


def data(seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(100 + seed)
    n = int(rng.integers(3, 30))
    x = rng.uniform(-5, 5, size=n)
    y = rng.choice([-1.0, 1.0]) * rng.uniform(0.1, 2) * x + rng.normal(size=n) * 2 + 3
    return x, y


def test_symbols_have_the_stated_assumptions():
    assert D.Sxx.is_positive
    assert D.lam.is_nonnegative
    assert D.m.is_real and D.b.is_real and D.Sxy.is_real


def test_sse_in_sums_equals_the_loss_on_data():
    # the symbolic loss with the sums substituted equals sum((y - m x - b)^2) on real numbers
    d = D.derive_ols()
    x, y = data(0)
    values = {
        D.n: x.size,
        D.Sum_x: x.sum(),
        D.Sum_y: y.sum(),
        D.Sum_xx: x @ x,
        D.Sum_xy: x @ y,
        D.Sum_yy: y @ y,
        D.m: 0.7,
        D.b: -1.3,
    }
    assert float(d.loss.subs(values)) == pytest.approx(np.sum((y - 0.7 * x + 1.3) ** 2))


def test_results_in_closed_form(derivations):
    Sxx, Sxy, lam = D.Sxx, D.Sxy, D.lam
    assert sp.simplify(derivations["ols"].slope - Sxy / Sxx) == 0
    assert sp.simplify(derivations["ridge"].slope - Sxy / (Sxx + lam)) == 0
    for d in derivations.values():
        assert sp.simplify(d.intercept.rhs - (D.ybar - D.m * D.xbar)) == 0
        assert d.intercept.lhs == D.b
    cases = {c.name: c for c in derivations["lasso"].cases}
    assert list(cases) == ["m > 0", "m < 0", "m = 0"]
    assert sp.simplify(cases["m > 0"].slope - (Sxy - lam / 2) / Sxx) == 0
    assert sp.simplify(cases["m < 0"].slope - (Sxy + lam / 2) / Sxx) == 0
    assert cases["m = 0"].slope == 0
    assert cases["m > 0"].condition == (Sxy > lam / 2)
    assert cases["m < 0"].condition == (Sxy < -lam / 2)
    # each case's slope solves its own stationarity equation
    for name in ["m > 0", "m < 0"]:
        c = cases[name]
        assert sp.simplify(c.stationarity.lhs.subs(D.m, c.slope) - c.stationarity.rhs) == 0


def test_zero_case_condition_is_the_subgradient_condition(derivations):
    zero = derivations["lasso"].cases[2]
    interval = zero.stationarity.args[1]
    for Sxy in np.linspace(-3, 3, 25):
        for lam in [0.0, 1.0, 2.0, 4.0, 6.0]:
            subs = {D.Sxy: Sxy, D.lam: lam}
            in_interval = bool(interval.subs(subs).contains(0))
            assert in_interval == bool(zero.condition.subs(subs))
            assert in_interval == (abs(Sxy) <= lam / 2)


def test_cases_cover_every_Sxy_exactly_once(derivations):
    for Sxy in np.linspace(-3, 3, 61):
        for lam in [0.0, 1.0, 2.0, 4.0]:
            subs = {D.Sxy: Sxy, D.lam: lam}
            hits = [bool(c.condition.subs(subs)) for c in derivations["lasso"].cases]
            assert sum(hits) == 1, (Sxy, lam)


def test_steps_are_labelled_sympy_objects(derivations):
    for d in derivations.values():
        assert len(d.steps) >= 5
        for label, expr in d.steps:
            assert isinstance(label, str) and label
            assert isinstance(expr, sp.Basic)
            sp.latex(expr)  # displayable
    labels = [label for label, _ in derivations["lasso"].steps]
    assert any("m = 0" in label for label in labels)
    assert isinstance(derivations["lasso"].slope, sp.Piecewise)


@pytest.mark.parametrize("seed", range(10))
def test_lambdified_slopes_match_closed_forms_and_brute_force(derivations, seed):
    x, y = data(seed)
    s = S.sufficient_stats(x, y)
    scale = np.sqrt(s.Syy / s.Sxx)
    ls = S.lambda_star(x, y)
    lambdas = [0.0, 0.5 * ls, ls * (1 - 1e-7), ls, ls * (1 + 1e-7), 2 * ls]
    f = {k: d.lambdify_slope() for k, d in derivations.items()}
    assert f["ols"](s.Sxx, s.Sxy, 0.0) == pytest.approx(S.ols_fit(x, y)[0], rel=1e-12)
    for lam in lambdas:
        m_lasso = S.lasso_fit(x, y, lam)[0]
        m_ridge = S.ridge_fit(x, y, lam)[0]
        sym_lasso = f["lasso"](s.Sxx, s.Sxy, lam)
        assert sym_lasso == pytest.approx(m_lasso, rel=1e-12, abs=1e-15)
        assert (sym_lasso == 0.0) == (m_lasso == 0.0)
        assert f["ridge"](s.Sxx, s.Sxy, lam) == pytest.approx(m_ridge, rel=1e-12)
        assert S.brute_force_fit(x, y, lam, "l1")[0] == pytest.approx(sym_lasso, abs=1e-6 * scale)
        assert S.brute_force_fit(x, y, lam, "l2")[0] == pytest.approx(m_ridge, abs=1e-6 * scale)
    # vectorised over lambda, like lessonlib.simple
    lams = np.array(lambdas)
    np.testing.assert_allclose(f["lasso"](s.Sxx, s.Sxy, lams), S.lasso_slope(s.Sxx, s.Sxy, lams))
    np.testing.assert_allclose(f["ridge"](s.Sxx, s.Sxy, lams), S.ridge_slope(s.Sxx, s.Sxy, lams))
    assert f["ols"](s.Sxx, s.Sxy, lams).shape == lams.shape


def test_lambdify_returns_float_for_scalars(derivations):
    out = derivations["lasso"].lambdify_slope()(2.0, 5.0, 12.0)
    assert isinstance(out, float) and out == 0.0


# ------------------------------------------------ the case m = 0 is derived, not typed in
def _profile_minimiser_is_zero(x, y, sse_weight, weight):
    """Brute force: is m = 0 the best slope of sse_weight*SSE + weight*|m| on a fine grid?

    The intercept is profiled out (b = mean(y - m x)); the grid contains 0 exactly.
    """
    ms = np.linspace(-3.0, 3.0, 6001)
    resid = y[None, :] - ms[:, None] * x[None, :]
    resid -= resid.mean(axis=1, keepdims=True)
    loss = sse_weight * np.sum(resid**2, axis=1) + weight * np.abs(ms)
    return ms[np.argmin(loss)] == 0.0


@pytest.mark.parametrize(
    "sse_weight, penalty_factor, threshold_factor",
    # hand-worked: c*SSE + k*lam*|m| has one-sided derivatives -2c Sxy +- k lam at 0,
    # so m = 0 iff |Sxy| <= k*lam/(2c)
    [
        (1, 1, sp.Rational(1, 2)),
        (sp.Rational(1, 2), 1, 1),
        (3, 1, sp.Rational(1, 6)),
        (1, 4, 2),
        (sp.Rational(1, 2), 3, 3),
    ],
)
def test_zero_case_is_derived_for_other_weights(sse_weight, penalty_factor, threshold_factor):
    d = D.derive_lasso(sse_weight=sse_weight, penalty_weight=penalty_factor * D.lam)
    zero = d.cases[2]
    assert zero.condition == (sp.Abs(D.Sxy) <= threshold_factor * D.lam)
    interval = zero.stationarity.args[1]
    assert sp.simplify(interval.start - (-2 * sse_weight * D.Sxy - penalty_factor * D.lam)) == 0
    assert sp.simplify(interval.end - (-2 * sse_weight * D.Sxy + penalty_factor * D.lam)) == 0
    # the smooth cases move with the weights too, and meet the flat piece at the threshold
    plus = d.cases[0]
    assert plus.condition == (D.Sxy > threshold_factor * D.lam)
    assert sp.simplify(plus.slope.subs(D.Sxy, threshold_factor * D.lam)) == 0


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("sse_weight, penalty_factor", [(1, 1), (0.5, 1), (1, 4), (3, 1)])
def test_derived_zero_condition_agrees_with_brute_force(seed, sse_weight, penalty_factor):
    x, y = data(seed)
    x = (x - x.mean()) / x.std()  # keep the minimiser inside the grid
    y = (y - y.mean()) / y.std()
    sxy = float(np.sum((x - x.mean()) * (y - y.mean())))
    d = D.derive_lasso(sse_weight=sp.nsimplify(sse_weight), penalty_weight=penalty_factor * D.lam)
    boundary = 2 * sse_weight * abs(sxy) / penalty_factor  # the lam at which m hits 0
    for frac in [0.3, 0.8, 1.2, 2.0]:  # away from the tie at the boundary
        lam = frac * boundary
        derived = bool(d.cases[2].condition.subs({D.Sxy: sxy, D.lam: lam}))
        assert derived == _profile_minimiser_is_zero(x, y, sse_weight, penalty_factor * lam)
        assert derived == (frac > 1)


def test_scikit_learn_weights_give_n_alpha():
    alpha = sp.Symbol("alpha", positive=True)
    d = D.derive_lasso(sse_weight=1 / (2 * D.n), penalty_weight=alpha)
    assert d.cases[2].condition == (sp.Abs(D.Sxy) <= D.n * alpha)


def test_derive_lasso_checks_its_weights():
    with pytest.raises(ValueError, match="sse_weight"):
        D.derive_lasso(sse_weight=0)
    with pytest.raises(ValueError, match="penalty_weight"):
        D.derive_lasso(penalty_weight=-D.lam)


def test_piecewise_is_the_soft_threshold_also_on_the_boundary(derivations):
    # moved from the chapter: random pairs and pairs exactly on lambda = 2|Sxy|
    rng = np.random.default_rng(1)
    sxy = np.concatenate([rng.uniform(-5, 5, 500), rng.uniform(-5, 5, 200)])
    lam = np.concatenate([rng.uniform(0, 12, 500), 2 * np.abs(sxy[500:])])
    got = derivations["lasso"].lambdify_slope()(2.5, sxy, lam)
    ref = np.sign(sxy) * np.maximum(np.abs(sxy) - lam / 2, 0.0) / 2.5  # written here
    np.testing.assert_allclose(got, ref, rtol=1e-14, atol=0)
    assert np.array_equal(got == 0.0, ref == 0.0)
    assert np.all(got[500:] == 0.0)


# ------------------------------------------- displays: a label above, long formulas broken
def _rows(tex: str) -> list[str]:
    r"""The rows of an ``aligned`` block, each without its leading ``&`` (a ``cases`` block
    inside a row stays whole)."""
    assert tex.startswith(r"\begin{aligned}") and tex.endswith(r"\end{aligned}"), tex
    body = tex[len(r"\begin{aligned}") : -len(r"\end{aligned}")]
    rows, depth, row = [], 0, ""
    for token in re.split(r"(\\begin\{\w+\}|\\end\{\w+\}|\\\\)", body):
        depth += token.startswith(r"\begin{") - token.startswith(r"\end{")
        if token == r"\\" and depth == 0:
            rows, row = [*rows, row], ""
        else:
            row += token
    rows.append(row)
    assert all(r.startswith("&") for r in rows), rows
    return [r[1:] for r in rows]


def _one_line(rows: list[str]) -> str:
    r"""Rows joined back into one line: the continuation marks dropped, spaces normalised."""
    text = " ".join(row.removeprefix(r"\quad {}") for row in rows)
    return " ".join(text.split())


def _balanced(tex: str) -> bool:
    depth = 0
    for char in tex.replace(r"\{", "").replace(r"\}", ""):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def test_labelled_puts_the_label_on_a_line_above_the_formula(derivations):
    for d in derivations.values():
        for label, step in d.steps:
            if "_" in label or "^" in label:
                continue  # derive's own labels spell Sum_x, xbar^2: no mathematics there
            tex = D.labelled(label, step)
            assert _balanced(tex), tex
            rows = _rows(tex)
            assert rows[-1] == D.as_written(step)  # the formula unchanged, on its own line
            label_rows = rows[:-1]
            assert all(r.startswith(r"\text{") and r.endswith("}") for r in label_rows)
            text = " ".join(r[len(r"\text{") : -1] for r in label_rows)
            assert text == label + ":"


def test_labelled_label_mathematics_and_text():
    tex = D.labelled(r"2. set $\partial L/\partial b = 0$", "x = 1")
    assert _rows(tex) == [r"\text{2. set }\partial L/\partial b = 0\text{:}", "x = 1"]
    # TeX's special characters in the text are escaped, so the label reads as written
    assert _rows(D.labelled("with Sum_x & 5%", "x"))[0] == r"\text{with Sum\_x \& 5\%:}"
    # a sequence of formulas: one line each; a LaTeX line opening with a sign continues
    # the one above (indented, the sign binary), a SymPy formula is never touched
    rows = _rows(D.labelled("two lines", ["a + b", "+ c", D.Sxy - D.lam]))
    assert rows == [r"\text{two lines:}", "a + b", r"\quad {}+ c", D.as_written(D.Sxy - D.lam)]
    that_is = next(e for label, e in D.derive_lasso().steps if label.endswith("that is"))
    assert D.as_written(that_is).startswith("-")
    assert _rows(D.labelled("that is", that_is))[1] == D.as_written(that_is)


def test_long_labels_wrap_after_a_comma():
    from lessonlib.topics import lasso_cases

    labels = [label for case in lasso_cases.CASES for label, _ in lasso_cases.case_steps(case)]
    assert any(len(label) + 1 > 38 for label in labels)  # the wrapping is exercised
    for label in labels:
        rows = _rows(D.labelled(label, "x"))[:-1]
        texts = [r[len(r"\text{") : -1] for r in rows]
        assert " ".join(texts) == label + ":"
        assert all(len(t) <= 38 for t in texts), texts
        assert all(t.endswith(",") for t in texts[:-1])  # broken only after commas
    # no comma, no break, however long; a comma inside $...$ is not a place to break
    assert len(_rows(D.labelled("a" * 60, "x"))) == 2
    assert len(_rows(D.labelled("$S_{xx}, S_{xy}$ and so on, for long", "x", wrap=10))) == 3


@pytest.mark.parametrize("lines", [2, 3])
def test_as_written_in_lines_keeps_every_term_in_order(derivations, lines):
    """Cut into lines, a formula reads, joined up again, exactly as SymPy prints it on one
    line: no term lost, added or moved, every sign kept."""
    checked = 0
    for d in derivations.values():
        for _, step in d.steps:
            sides = [s for s in getattr(step, "args", ())[:2] if isinstance(s, sp.Add)]
            if not isinstance(step, sp.Equality) or not sides:
                continue
            side = step.rhs if isinstance(step.rhs, sp.Add) else step.lhs
            if len(side.args) < lines:
                with pytest.raises(ValueError, match="lines"):
                    D.as_written(step, lines=lines)
                continue
            rows = _rows(D.as_written(step, lines=lines))
            assert len(rows) == lines
            assert all(r.startswith((r"\quad {}+ ", r"\quad {}- ")) for r in rows[1:]), rows
            assert _one_line(rows) == " ".join(D.as_written(step).split())
            checked += 1
    assert checked >= 6


def test_as_written_cuts_the_side_that_is_a_sum(derivations):
    ridge = dict(derivations["ridge"].steps)
    loss = ridge["loss L(m, b) written with the sums"]  # L = (a sum): cut the right side
    rows = _rows(D.as_written(loss, lines=2))
    assert rows[0].startswith("L = ") and not rows[1].endswith("= 0")
    stationary = ridge["dL/dm = 0 with that b"]  # (a sum) = 0: cut the left side
    rows = _rows(D.as_written(stationary, lines=2))
    assert rows[-1].endswith(" = 0") and not rows[0].startswith("L")
    # the lines are of about equal length: the longer is less than twice the shorter
    sizes = [len(r) for r in _rows(D.as_written(loss, lines=2))]
    assert max(sizes) < 2 * min(sizes), sizes
    # one line is as_written itself
    assert D.as_written(loss, lines=1) == D.as_written(loss)


def test_bad_lines_labels_and_wraps_are_refused():
    with pytest.raises(ValueError, match="lines"):
        D.as_written(D.Sxy + D.lam, lines=0)
    with pytest.raises(ValueError, match="lines"):
        D.as_written(D.Sxy + D.lam, lines=True)
    with pytest.raises(ValueError, match="lines"):
        D.as_written(D.Sxy + D.lam, lines=3)  # two terms
    with pytest.raises(ValueError, match="lines"):
        D.as_written(sp.Eq(D.m, D.Sxy / D.Sxx), lines=2)  # no sum to cut
    with pytest.raises(ValueError, match="label"):
        D.labelled("", "x")
    with pytest.raises(ValueError, match="label"):
        D.labelled("an unmatched $x", "x")
    with pytest.raises(ValueError, match="label"):
        D.labelled(r"a \macro outside math", "x")
    with pytest.raises(ValueError, match="wrap"):
        D.labelled("label", "x", wrap=0)
