"""What the chapter "Coordinate descent: how solvers land on exact zeros" relies on.

References are independent of lessonlib's solvers: scikit-learn's Lasso, the objective
evaluated with NumPy, brute-force grids, and the duality gap's defining property.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import Lasso

from lessonlib import data, optimality, path, scale, simple, solvers
from lessonlib.display.figures.solver_history import plot_gap_history, plot_zero_counts


@pytest.fixture(scope="module")
def diabetes():
    d = data.load_diabetes_standardized()
    return d.X, d.y, d.feature_names


def lasso_objective(X, y, w, alpha):
    """1/(2n)||y_c - X_c w||^2 + alpha ||w||_1, straight from the definition."""
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    r = yc - Xc @ w
    return r @ r / (2 * len(y)) + alpha * np.abs(w).sum()


def test_coordinate_stats_by_hand():
    X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0], [3.0, 1.0]])
    y = np.array([1.0, 2.0, 5.0, 6.0])
    # centred: x0 = (-1.5, -0.5, 0.5, 1.5), x1 = (0, -1, 1, 0), y = (-2.5, -1.5, 1.5, 2.5)
    assert optimality.coordinate_stats(X, y, [0.0, 1.0], 0) == (5.0, 8.0)
    # r_1 = y - 7 x0 = (8, 2, -2, -8), so x1^T r_1 = -2 - 2 = -4
    assert optimality.coordinate_stats(X, y, [7.0, 0.0], 1) == pytest.approx((2.0, -4.0))


@pytest.mark.parametrize("j", range(10))
def test_coordinate_update_matches_sklearn_and_grid(diabetes, j):
    X, y, _ = diabetes
    n, alpha = X.shape[0], 2.0
    w = np.random.default_rng(j).normal(0.0, 10.0, X.shape[1])
    Sxx, Sxy = optimality.coordinate_stats(X, y, w, j)
    update = simple.lasso_slope(Sxx, Sxy, scale.lasso_lambda(alpha, n))
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    r_j = yc - Xc @ w + Xc[:, j] * w[j]
    ref = Lasso(alpha=alpha, fit_intercept=False, tol=1e-14).fit(Xc[:, [j]], r_j).coef_[0]
    assert update == pytest.approx(ref, abs=1e-8)
    assert (update == 0.0) == (ref == 0.0)
    grid = np.linspace(update - 1, update + 1, 2001)
    trial = np.tile(w, (grid.size, 1))
    trial[:, j] = grid
    values = [lasso_objective(X, y, t, alpha) for t in trial]
    assert abs(grid[int(np.argmin(values))] - update) <= 1e-3 + 1e-12


def test_one_coordinate_objective_is_the_article_loss(diabetes):
    X, y, _ = diabetes
    n, alpha, j = X.shape[0], 2.0, 3
    w = path.lasso_path(X, y, [5.0])[0][0]
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    r_j = yc - Xc @ w + Xc[:, j] * w[j]
    ts = np.linspace(-20, 20, 9)
    ours = []
    for t in ts:
        v = w.copy()
        v[j] = t
        ours.append(2 * n * lasso_objective(X, y, v, alpha))
    article = simple.profile_loss(ts, Xc[:, j], r_j, scale.lasso_lambda(alpha, n), penalty="l1")
    diff = np.asarray(ours) - article
    np.testing.assert_allclose(diff, diff[0], atol=1e-6 * np.abs(article).max())


def test_lasso_cd_matches_sklearn_and_exact_path(diabetes):
    X, y, _ = diabetes
    fit = solvers.lasso_cd(X, y, 2.0, record_history=True)
    w_sk = Lasso(alpha=2.0, tol=1e-14, max_iter=100_000).fit(X, y).coef_
    w_exact = path.lasso_path(X, y, [2.0])[0][0]
    assert fit.converged and fit.gap < 1e-8
    assert np.max(np.abs(fit.coef - w_sk)) <= 1e-8
    assert np.max(np.abs(fit.coef - w_exact)) <= 1e-8
    assert np.array_equal(fit.coef == 0.0, w_sk == 0.0)
    assert int(np.sum(fit.coef == 0.0)) == 3
    assert fit.history["n_zero"][-1] == 3


def test_subgradient_descent_has_no_exact_zero(diabetes):
    X, y, _ = diabetes
    sg = solvers.subgradient_descent(X, y, 2.0, n_iter=2000, record_history=True)
    assert np.count_nonzero(sg.coef == 0.0) == 0
    assert np.count_nonzero(sg.history["coef"] == 0.0) == 0
    w_sk = Lasso(alpha=2.0, tol=1e-14, max_iter=100_000).fit(X, y).coef_
    excess = lasso_objective(X, y, sg.coef, 2.0) - lasso_objective(X, y, w_sk, 2.0)
    assert 0 < excess < 1.0


def test_gap_along_bounds_the_suboptimality(diabetes):
    X, y, _ = diabetes
    alpha = 2.0
    w_sk = Lasso(alpha=alpha, tol=1e-14, max_iter=100_000).fit(X, y).coef_
    best = lasso_objective(X, y, w_sk, alpha)
    rows = np.random.default_rng(1).normal(0.0, 10.0, (20, X.shape[1]))
    gaps = optimality.gap_along(X, y, rows, alpha)
    sub = np.array([lasso_objective(X, y, w, alpha) - best for w in rows])
    assert np.all(gaps >= sub - 1e-8)
    assert optimality.gap_along(X, y, w_sk[None, :], alpha)[0] < 1e-6


def test_gap_along_matches_duality_gap_row_by_row(diabetes):
    X, y, _ = diabetes
    rows = np.random.default_rng(2).normal(0.0, 10.0, (30, X.shape[1]))
    rows[:3] = 0.0
    rows[3] = solvers.lasso_cd(X, y, 2.0).coef
    ref = np.array([solvers.duality_gap(X, y, w, 2.0) for w in rows])
    np.testing.assert_allclose(optimality.gap_along(X, y, rows, 2.0), ref, rtol=1e-9, atol=1e-9)
    # a response the features cannot explain at all: w = 0 is optimal, gap 0
    X0 = np.array([[1.0], [-1.0], [1.0], [-1.0]])
    y0 = np.array([1.0, 1.0, -1.0, -1.0])
    assert optimality.gap_along(X0, y0, [[0.0]], 0.1)[0] == pytest.approx(0.0, abs=1e-15)


def test_figure_functions_return_their_data():
    ax, d = plot_gap_history({"a": [10.0, 1.0, 0.0], "b": [5.0, 4.0]}, log_x=True)
    assert d["gaps"]["a"].tolist() == [10.0, 1.0, 1e-16]
    assert d["passes"]["b"].tolist() == [1, 2]
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    ax, d = plot_zero_counts({"a": [0, 1, 2]}, p=3, target=2)
    assert d["n_zero"]["a"].tolist() == [0, 1, 2] and d["target"] == 2
    import matplotlib.pyplot as plt

    plt.close("all")


def test_validation():
    with pytest.raises(TypeError, match="gaps"):
        plot_gap_history([1.0])
    with pytest.raises(ValueError, match="gaps"):
        plot_gap_history({"a": [-1.0]})
    with pytest.raises(ValueError, match="n_zero"):
        plot_zero_counts({"a": [0, 4]}, p=3)
    with pytest.raises(ValueError, match="p must"):
        plot_zero_counts({"a": [0]}, p=0)
    with pytest.raises(ValueError, match="j must"):
        optimality.coordinate_stats(np.ones((3, 2)), np.arange(3.0), [0.0, 0.0], 2)
    with pytest.raises(TypeError, match="j must"):
        optimality.coordinate_stats(np.ones((3, 2)), np.arange(3.0), [0.0, 0.0], 1.0)


# ---------------------------------------------------------------- issue 13: certificate


def gap_by_hand(X, y, w, alpha):
    """P(w) - D(theta), theta the rescaled residual, written out from the definitions."""
    n = len(y)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    r = yc - Xc @ w
    theta = r / n * min(1.0, alpha / np.max(np.abs(Xc.T @ r / n)))
    primal = r @ r / (2 * n) + alpha * np.abs(w).sum()
    dual = (yc @ yc - (yc - n * theta) @ (yc - n * theta)) / (2 * n)
    return primal - dual, theta


def test_weak_duality_for_random_feasible_points(diabetes):
    X, y, _ = diabetes
    n, alpha = X.shape[0], 2.0
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    rng = np.random.default_rng(5)
    for _ in range(50):
        w = rng.normal(0.0, 10.0, X.shape[1])
        theta = rng.standard_normal(n)
        theta *= alpha / np.max(np.abs(Xc.T @ theta))  # feasible: ||X^T theta||_inf = alpha
        primal = lasso_objective(X, y, w, alpha)
        dual = (yc @ yc - (yc - n * theta) @ (yc - n * theta)) / (2 * n)
        assert primal >= dual - 1e-9


def test_dual_certificate_against_formula_and_sklearn(diabetes):
    X, y, _ = diabetes
    alpha = 2.0
    w_sk = Lasso(alpha=alpha, tol=1e-14, max_iter=100_000).fit(X, y).coef_
    for w in (np.zeros(X.shape[1]), w_sk, np.random.default_rng(3).normal(0, 5, 10)):
        cert = optimality.dual_certificate(X, y, w, alpha)
        gap, theta = gap_by_hand(X, y, w, alpha)
        assert cert["gap"] == pytest.approx(gap, rel=1e-9, abs=1e-9)
        np.testing.assert_allclose(cert["theta"], theta, rtol=1e-12, atol=1e-15)
        assert cert["dual_norm"] <= alpha * (1 + 1e-12)
        assert cert["gap"] >= -1e-9
        assert cert["gap"] == pytest.approx(solvers.duality_gap(X, y, w, alpha), abs=1e-8)
    # at scikit-learn's optimum: s = 1 and the gap vanishes
    cert = optimality.dual_certificate(X, y, w_sk, alpha)
    assert cert["scale"] == pytest.approx(1.0, abs=1e-9) and abs(cert["gap"]) < 1e-6


def test_gap_is_continuous_at_the_solution(diabetes):
    # the chapter: moving the three zeros of the solution by 1e-4 gives a small gap
    X, y, _ = diabetes
    w = Lasso(alpha=2.0, tol=1e-14, max_iter=100_000).fit(X, y).coef_.copy()
    assert int(np.sum(w == 0.0)) == 3
    w[w == 0.0] = 1e-4 * np.array([1.0, -1.0, 1.0])
    gap, _ = gap_by_hand(X, y, w, 2.0)
    assert 1e-3 < gap < 1e-2  # the chapter prints 0.0065
    # the gap bounds the excess objective, which is positive
    best = lasso_objective(X, y, Lasso(alpha=2.0, tol=1e-14, max_iter=100_000).fit(X, y).coef_, 2.0)
    assert 0 < lasso_objective(X, y, w, 2.0) - best <= gap


def test_tuned_subgradient_descent_is_still_slow(diabetes):
    from lessonlib import subgradient

    X, y, _ = diabetes
    alpha = 2.0
    factors = [0.25, 0.5, 1.0, 2.0, 4.0]
    search = subgradient.step_search(X, y, alpha, factors, n_iter=2000)
    Xc = X - X.mean(axis=0)
    L = np.linalg.svd(Xc, compute_uv=False)[0] ** 2 / X.shape[0]
    assert search.lipschitz == pytest.approx(L, rel=1e-12)
    gaps = []
    for f in factors:  # every run re-judged with the gap written out above
        fit = solvers.subgradient_descent(X, y, alpha, step=f / L, n_iter=2000)
        gaps.append(gap_by_hand(X, y, fit.coef, alpha)[0])
    np.testing.assert_allclose(search.gaps, gaps, rtol=1e-8)
    assert search.best_factor == factors[int(np.argmin(gaps))] == 2.0
    sg = search.best
    assert np.count_nonzero(sg.history["coef"] == 0.0) == 0
    # coordinate descent, 41 passes, certifies to 1e-12 relative; the tuned subgradient
    # descent after 2000 passes is still orders of magnitude worse
    cd = solvers.lasso_cd(X, y, alpha)
    assert cd.n_iter == 41 and gap_by_hand(X, y, cd.coef, alpha)[0] < 1e-8
    assert min(gaps) > 0.1
    w_sk = Lasso(alpha=alpha, tol=1e-14, max_iter=100_000).fit(X, y).coef_
    assert 0.01 < np.max(np.abs(sg.coef - w_sk)) < 0.1


def test_chapter_shows_the_library_loop_literally():
    from pathlib import Path

    import nbformat

    root = Path(__file__).resolve().parent.parent
    source = (root / "lessonlib" / "solvers.py").read_text()
    start, end = "# [book: cd-epochs-start]", "# [book: cd-epochs-end]"
    assert source.count(start) == 1 and source.count(end) == 1
    shown = source.split(start, 1)[1].split(end, 1)[0]
    assert "_soft_threshold(rho, alpha1)" in shown and "r -= (w_new - w[j]) * x_j" in shown
    nb = nbformat.read(root / "book" / "coordinate_descent.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "```{literalinclude} ../lessonlib/solvers.py" in text
    assert f':start-after: "{start}"' in text and f':end-before: "{end}"' in text


def _stdout(cell_id: str) -> str:
    from pathlib import Path

    import nbformat

    nb = nbformat.read(
        Path(__file__).resolve().parent.parent / "book" / "coordinate_descent.ipynb", 4
    )
    cell = next(c for c in nb.cells if c.get("id") == cell_id)
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


def test_scikit_learn_computes_its_gap_at_the_same_dual_point(diabetes):
    """cd-09: scikit-learn's Lasso reports the duality gap of the chapter's dual point (the
    residual shrunk to feasibility), here after 1 to 5 epochs, well before the optimum."""
    import warnings

    X, y, _ = diabetes
    for epochs in (1, 2, 3, 5):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # stopped on max_iter on purpose
            m = Lasso(alpha=2.0, max_iter=epochs, tol=1e-20).fit(X, y)
        gap, _ = gap_by_hand(X, y, m.coef_, 2.0)
        assert m.dual_gap_ == pytest.approx(gap, rel=1e-9)
        assert gap > 1.0


def test_work_is_counted_in_gradient_evaluations_for_both(diabetes):
    """cd-11: coordinate descent used 2 evaluations per epoch (an epoch and its gap), 82 in
    all; 2000 subgradient steps are about 24 times that, not fifty."""
    import re

    X, y, _ = diabetes
    epochs = int(re.search(r"epochs: (\d+)", _stdout("cd-10")).group(1))
    assert epochs == solvers.lasso_cd(X, y, 2.0).n_iter == 41
    assert round(2000 / (2 * epochs)) == 24


def _ista(X, y, alpha, n_iter, accelerated):
    """ISTA / FISTA written out here: a gradient step from the data, then the threshold.

    FISTA as Beck and Teboulle (2009) state it: y_1 = x_0, t_1 = 1, and for k >= 1
    x_k = p_L(y_k), t_{k+1} = (1 + sqrt(1 + 4 t_k^2)) / 2,
    y_{k+1} = x_k + (t_k - 1) / t_{k+1} (x_k - x_{k-1}).
    """
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    n = len(y)
    L = np.linalg.svd(Xc, compute_uv=False)[0] ** 2 / n

    def p_L(v):
        z = v + Xc.T @ (yc - Xc @ v) / n / L
        return np.sign(z) * np.maximum(np.abs(z) - alpha / L, 0.0)

    x_prev = np.zeros(X.shape[1])  # x_0
    y_k, t_k, values = x_prev, 1.0, []  # y_1 = x_0, t_1 = 1
    for _ in range(n_iter):
        x_k = p_L(y_k)
        values.append(lasso_objective(X, y, x_k, alpha))
        if accelerated:
            t_next = (1 + np.sqrt(1 + 4 * t_k * t_k)) / 2
            y_k = x_k + (t_k - 1) / t_next * (x_k - x_prev)
            t_k = t_next
        else:
            y_k = x_k
        x_prev = x_k
    return np.array(values), x_prev, L


def test_fista_momentum_is_beck_and_teboulle_sequence():
    """Step k + 1 starts from x_k + (t_k - 1) / t_{k+1} (x_k - x_{k-1}), t_1 = 1: the first
    two steps have no momentum, and the weights follow the recursion, not one step ahead."""
    from lessonlib.topics import convergence

    beta = convergence.fista_momentum(50)
    t = [1.0]  # t_1
    for _ in range(50):
        t.append((1 + np.sqrt(1 + 4 * t[-1] ** 2)) / 2)
    expected = [0.0] + [(t[k] - 1) / t[k + 1] for k in range(49)]  # beta_1, beta_k+1
    np.testing.assert_allclose(beta, expected, rtol=1e-15, atol=0)
    assert beta[0] == beta[1] == 0.0 and beta[2] == pytest.approx((np.sqrt(5) - 1) / 2 / t[2])
    # t_k grows like (k + 1) / 2, so the weight tends to 1
    assert np.all(np.diff(beta[1:]) > 0) and 0.9 < beta[-1] < 1


@pytest.mark.parametrize("accelerated", [False, True])
def test_proximal_gradient_against_an_independent_run_and_sklearn(diabetes, accelerated):
    from lessonlib.topics import convergence

    X, y, _ = diabetes
    run = convergence.proximal_gradient(X, y, 2.0, n_iter=400, accelerated=accelerated)
    values, _, L = _ista(X, y, 2.0, 400, accelerated)
    np.testing.assert_allclose(run["objective"], values, rtol=1e-10)
    assert float(run["lipschitz"]) == pytest.approx(L, rel=1e-12)
    w_sk = Lasso(alpha=2.0, tol=1e-14, max_iter=100_000).fit(X, y).coef_
    np.testing.assert_allclose(run["coef"][-1], w_sk, atol=1e-6)
    assert np.array_equal(run["coef"][-1] == 0.0, np.abs(w_sk) < 1e-12)
    # the guarantees of Beck and Teboulle, with P* and w* from scikit-learn
    k = np.arange(1, 401)
    best, R2 = lasso_objective(X, y, w_sk, 2.0), float(w_sk @ w_sk)
    bound = 2 * L * R2 / (k + 1) ** 2 if accelerated else L * R2 / (2 * k)
    assert np.all(values - best <= bound + 1e-9)


def test_subgradient_bound_written_out(diabetes):
    """(R^2 + G_k^2 sum eta_i^2) / (2 sum eta_i) with G_k the largest subgradient norm used."""
    from lessonlib.topics import convergence

    X, y, _ = diabetes
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    n, alpha, eta0 = len(y), 2.0, 0.3
    run = solvers.subgradient_descent(X, y, alpha, step=eta0, n_iter=50, record_history=True)
    W = run.history["coef"]
    got = convergence.subgradient_bound(X, y, alpha, W, eta0, 9.0)
    G2, s1, s2, w_prev = 0.0, 0.0, 0.0, np.zeros(X.shape[1])
    for i in range(50):
        sub = Xc.T @ (Xc @ w_prev - yc) / n + alpha * np.sign(w_prev)
        G2 = max(G2, float(sub @ sub))
        eta = eta0 / np.sqrt(i + 1)
        s1, s2 = s1 + eta, s2 + eta**2
        assert got[i] == pytest.approx((9.0 + G2 * s2) / (2 * s1), rel=1e-12)
        w_prev = W[i]


def test_rates_table_recomputed(diabetes):
    """cd-rates: the printed errors and guarantees at 10, 100, 1000 and 2000 evaluations,
    from the test's own ISTA and FISTA and scikit-learn's optimum; every guarantee holds."""
    import re

    X, y, _ = diabetes
    w_sk = Lasso(alpha=2.0, tol=1e-14, max_iter=100_000).fit(X, y).coef_
    best, R2 = lasso_objective(X, y, w_sk, 2.0), float(w_sk @ w_sk)
    lines = _stdout("cd-rates").splitlines()
    at = [10, 100, 1000, 2000]
    for name, acc in (("ISTA", False), ("FISTA", True)):
        values, _, L = _ista(X, y, 2.0, 2000, acc)
        i = next(i for i, line in enumerate(lines) if line.startswith(name + " "))
        shown = re.findall(r"< 1e-10|\d\.\de[+-]\d+", lines[i])
        bounds = re.findall(r"\d\.\de[+-]\d+", lines[i + 1])
        assert len(shown) == len(bounds) == 4 and "guarantee" in lines[i + 1]
        for k, s, b in zip(at, shown, bounds):
            err = values[k - 1] - best
            if s == "< 1e-10":
                assert err < 1e-9
            else:
                assert float(s) == pytest.approx(err, rel=0.06)
            g = 2 * L * R2 / (k + 1) ** 2 if acc else L * R2 / (2 * k)
            assert float(b) == pytest.approx(g, rel=0.06) and err <= g


def test_zero_identification_against_sklearn(diabetes):
    """cd-ident: just above the knot where s4 enters, s4 is exactly 0 at scikit-learn's
    solution too, with the slack the table prints; the slack shrinks with alpha / knot - 1."""
    from sklearn.linear_model import lars_path

    from lessonlib.topics import convergence

    X, y, names = diabetes
    j = names.index("s4")
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    alphas, _, coefs = lars_path(Xc, yc, method="lasso")
    k = int(np.flatnonzero(coefs[j] != 0.0)[0])  # s4 becomes non-zero after knot k - 1
    knot = alphas[k - 1]
    above = np.array([1e-1, 1e-2, 1e-4])
    out = convergence.zero_identification(X, y, knot * (1 + above), j)
    for a, slack, final in zip(above, out["slack"], out["final"]):
        w = Lasso(alpha=knot * (1 + a), tol=1e-14, max_iter=100_000).fit(X, y).coef_
        g = Xc[:, j] @ (yc - Xc @ w) / len(y)
        assert abs(w[j]) < 1e-12 and final == 0.0
        assert slack == pytest.approx(1 - abs(g) / (knot * (1 + a)), rel=1e-4)
    assert np.all(np.diff(out["last_nonzero"]) > 0)


def test_plot_rates_draws_each_error_with_its_guarantee_dashed():
    """fig-cd-rates: what is drawn, read back from the Axes' lines."""
    import matplotlib.pyplot as plt

    from lessonlib.display.figures import plot_rates

    errors = {"cd": [1.0, 0.01, -1e-14], "ista": [2.0, 1.0, 0.5, 0.25]}
    bounds = {"ista": [4.0, 2.0, 4 / 3, 1.0]}
    ax, _ = plot_rates(errors, bounds=bounds, cost={"cd": 2, "ista": 1}, floor=1e-12)
    solid = [ln for ln in ax.get_lines() if ln.get_linestyle() == "-"]
    dashed = [ln for ln in ax.get_lines() if ln.get_linestyle() == "--"]
    assert [ln.get_label() for ln in solid] == ["cd", "ista"]
    np.testing.assert_array_equal(solid[0].get_xdata(), [2, 4, 6])  # an epoch counts two
    np.testing.assert_array_equal(solid[0].get_ydata(), [1.0, 0.01, 1e-12])  # floored
    np.testing.assert_array_equal(dashed[0].get_ydata(), bounds["ista"])
    assert dashed[0].get_color() == solid[1].get_color() != solid[0].get_color()
    assert ax.get_legend().get_title().get_text() == "dashed: guarantee"
    assert ax.get_xscale() == ax.get_yscale() == "log"
    ax2, d2 = plot_rates(errors, log_x=False, max_x=3)
    assert ax2.get_xscale() == "linear" and d2["x"]["ista"].tolist() == [1, 2, 3]
    assert ax2.get_legend().get_title().get_text() == ""
    with pytest.raises(ValueError, match="bounds"):
        plot_rates(errors, bounds={"other": [1.0]})
    plt.close("all")
