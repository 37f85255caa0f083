"""``LassoPath.at``: a path computed once, read at any alphas, against scikit-learn's Lasso."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from sklearn.linear_model import Lasso

from lessonlib.path import lasso_homotopy, lasso_path
from lessonlib.scale import alpha_max
from lessonlib.topics.entry_order import bootstrap_fits
from problems import PROBLEMS, close, diabetes


@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("name", ["diabetes", "n>p", "correlated"])
def test_at_random_alphas_matches_sklearn_lasso(name: str, fit_intercept: bool) -> None:
    X, y = PROBLEMS[name]()
    path = lasso_homotopy(X, y, fit_intercept=fit_intercept)
    top = float(path.alphas[0])
    # random alphas in any order, a few above alpha_max (all zeros there)
    alphas = np.random.default_rng(7).uniform(0.01, 1.2, size=8) * top
    coefs, intercepts = path.at(alphas)
    assert coefs.shape == (alphas.size, X.shape[1]) and intercepts.shape == alphas.shape
    for a, w, c in zip(alphas, coefs, intercepts):
        ref = Lasso(alpha=a, fit_intercept=fit_intercept, tol=1e-13, max_iter=1_000_000).fit(X, y)
        close(w, ref.coef_, 1e-8)
        assert c == pytest.approx(ref.intercept_, rel=1e-8, abs=1e-8)
    assert np.all(coefs[alphas >= top] == 0.0)


def test_at_equals_lasso_path_which_uses_it() -> None:
    X, y = diabetes()
    alphas = alpha_max(X, y) * np.array([0.9, 0.02, 0.4, 1.5])
    path = lasso_homotopy(X, y, alpha_min=float(alphas.min()))
    for got, want in zip(path.at(alphas), lasso_path(X, y, alphas)):
        assert np.array_equal(got, want)


def test_at_without_means_interpolates_the_intercepts() -> None:
    X, y = diabetes()
    path = lasso_homotopy(X, y)
    bare = dataclasses.replace(path, x_mean=None, y_mean=0.0)
    alphas = np.array([2 * path.alphas[0], *np.linspace(0.0, path.alphas[0], 7)])
    _, intercepts = bare.at(alphas)
    ref = [
        Lasso(alpha=a, tol=1e-13, max_iter=1_000_000).fit(X, y).intercept_
        if a > 0
        else np.mean(y) - np.linalg.lstsq(X - X.mean(0), y - y.mean(), rcond=None)[0] @ X.mean(0)
        for a in alphas
    ]
    assert intercepts == pytest.approx(ref, rel=1e-8, abs=1e-8)


def test_at_refuses_alphas_beyond_the_end() -> None:
    X, y = diabetes()
    top = alpha_max(X, y)
    with pytest.raises(ValueError, match="alpha_min"):
        lasso_homotopy(X, y, alpha_min=0.5 * top).at([0.4 * top])
    with pytest.raises(ValueError, match="max_steps"):
        lasso_homotopy(X, y, max_steps=2).at([0.0])
    with pytest.raises(ValueError, match="alphas"):
        lasso_homotopy(X, y).at([-1.0])


def test_bootstrap_fits_lasso_rows_match_sklearn() -> None:
    X, y = diabetes()
    a = 0.05 * alpha_max(X, y)
    boot = bootstrap_fits(X, y, lasso_alpha=a, ridge_alpha=1.0, n_boot=3, seed=1)
    for rows, w in zip(boot.rows, boot.lasso_coefs):
        ref = Lasso(alpha=a, tol=1e-13, max_iter=1_000_000).fit(X[rows], y[rows])
        close(w, ref.coef_, 1e-8)


def test_the_lasso_path_chapter_includes_code_between_markers_that_exist() -> None:
    import json
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    cells = json.loads((root / "book" / "lasso_path.ipynb").read_text(encoding="utf-8"))
    text = "".join("".join(c["source"]) for c in cells["cells"] if c["cell_type"] == "markdown")
    source = (root / "lessonlib" / "path.py").read_text(encoding="utf-8")
    pairs = re.findall(r":start-after: (book:\S+)\n:end-before: (book:\S+)", text)
    assert len(pairs) == 6
    for start, end in pairs:
        assert source.count(f"# {start}") == 1 and source.count(f"# {end}") == 1, start
        shown = source.split(f"# {start}")[1].split(f"# {end}")[0]
        assert 3 <= shown.count("\n") <= 25, start  # a readable excerpt, not a whole module
