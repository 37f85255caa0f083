"""lessonlib.display.figures.sparse_vs_dense: test error against training r^2, as drawn.

The simulation is repeated here with scikit-learn (``Lasso``, ``Ridge``, ``r2_score``) on the
same random draws, the test error written out as noise + intercept^2 + ||w - beta||^2.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import Lasso, Ridge
from sklearn.metrics import r2_score

from figure_view import horizontal_at, legend, xy
from lessonlib.display.figures import plot_sparse_vs_dense
from lessonlib.topics.sparse_vs_dense import lasso_ridge_test_error

TRUTHS = {"sparse truth": [2.0, -1.5, 0.0, 0.0, 0.0, 0.0], "dense truth": [0.6] * 6}
LASSO_ALPHAS = [0.02, 0.1, 0.3, 1.0]
RIDGE_ALPHAS = [0.1, 10.0, 100.0, 1000.0]
NOISE, N_TRAIN, N_REP = 0.8, 30, 3


def reference(beta, seed) -> dict[str, np.ndarray]:
    beta = np.asarray(beta)
    rng = np.random.default_rng(seed)
    out = {k: np.zeros(4) for k in ("lasso_r2", "lasso_mse", "ridge_r2", "ridge_mse")}
    for _ in range(N_REP):
        X = rng.standard_normal((N_TRAIN, beta.size))
        y = X @ beta + rng.normal(0.0, NOISE, N_TRAIN)
        for name, models in (
            ("lasso", [Lasso(alpha=a, tol=1e-12, max_iter=100_000) for a in LASSO_ALPHAS]),
            ("ridge", [Ridge(alpha=a) for a in RIDGE_ALPHAS]),
        ):
            for k, model in enumerate(models):
                model.fit(X, y)
                out[f"{name}_r2"][k] += r2_score(y, model.predict(X)) / N_REP
                err = NOISE**2 + model.intercept_**2 + np.sum((model.coef_ - beta) ** 2)
                out[f"{name}_mse"][k] += err / N_REP
    return out


@pytest.fixture(scope="module")
def drawn():
    results = {
        title: lasso_ridge_test_error(
            beta,
            LASSO_ALPHAS,
            RIDGE_ALPHAS,
            rng=np.random.default_rng(k),
            n_train=N_TRAIN,
            noise=NOISE,
            n_rep=N_REP,
        )
        for k, (title, beta) in enumerate(TRUTHS.items())
    }
    axes, _ = plot_sparse_vs_dense(results)
    return axes


def test_each_panel_draws_its_truths_two_curves(drawn):
    assert [ax.get_title() for ax in drawn] == list(TRUTHS)
    for k, (ax, beta) in enumerate(zip(drawn, TRUTHS.values())):
        ref = reference(beta, k)
        lines = {ln.get_label(): ln for ln in ax.get_lines()}
        for name in ("lasso", "ridge"):
            r2, mse = xy(lines[name]).T
            np.testing.assert_allclose(r2, ref[f"{name}_r2"], rtol=1e-7)
            np.testing.assert_allclose(mse, ref[f"{name}_mse"], rtol=1e-6)
        assert horizontal_at(ax) == [pytest.approx(NOISE**2)]
        assert lines["noise variance"].get_ydata()[0] == pytest.approx(NOISE**2)
        assert ax.get_xlabel() == "$r^2$ on the training data"
    # the one legend and the one y label, on the first panel
    assert list(legend(drawn[0])) == ["lasso", "ridge", "noise variance"]
    assert drawn[0].get_ylabel() == "test mean squared error" and drawn[1].get_ylabel() == ""


def test_bad_input_is_named():
    with pytest.raises(TypeError, match="SparseDenseResult"):
        plot_sparse_vs_dense({"a": 1})
