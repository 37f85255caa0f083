"""A small, hand-listed mutation check of lessonlib's fast test suite.

Run:  .venv/bin/python -m booktools.mutation [--only NAME ...] [--workers 2]

Each mutant below is a plausible bug: a snippet of a library file replaced by a wrong one.
The script copies the repository once into a temporary directory (without ``.venv``,
``.venv-reader``, ``_build`` and ``.git``), and for each mutant patches the file *in that
copy*, runs the fast tests there (those of ``make check``, stopping at the first failure)
and restores the file. A mutant is *killed*
when some test fails, *survived* when all pass. The repository itself is never written to.

To keep a full run short, the tests nearest the mutated file run first (the test files
named after it or naming its module, and its doctests); only a mutant they do not kill
goes on to the whole fast suite. The verdict is the same, since the nearest tests are
part of that suite.

The first list covers the input-validation and numerical-safety fixes (one mutant per
fix, named after its item); the second holds ten further bugs of the kind a tired edit
makes. The score is killed / total.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from booktools.env import ROOT, kernel_env  # the kernels' environment, in one place

PYTHON = ROOT / ".venv" / "bin" / "python"
EXCLUDE = (".venv", ".venv-reader", ".venv-lab", ".venv-cff", "_build", ".git", ".hypothesis",
           "test-artifacts")  # fmt: skip
# make check's tests (the Makefile's FAST)
MARKERS = (
    "not build and not pdf and not browser and not notebooks and not lab and not cff"
    " and not pythons"
)
TIMEOUT = 1200  # seconds per run; a run that hangs counts as killed (the suite noticed)


@dataclass(frozen=True)
class Mutant:
    name: str
    file: str
    original: str
    mutated: str
    description: str


FIXES = [
    Mutant(
        "1-no-rescaling",
        "lessonlib/simple.py",
        "    kx, ky = pow2_exponent(x), pow2_exponent(y)\n    return scaled(x, -kx)",
        "    kx, ky = 0, 0\n    return scaled(x, -kx)",
        "one-feature fits form Sxx on unscaled data (over/underflow at 1e+-200)",
    ),
    Mutant(
        "2-ridge-keeps-noise",
        "lessonlib/solvers.py",
        "keep = sigma > sigma.max(initial=0.0) * max(Xc.shape) * np.finfo(float).eps",
        "keep = sigma > 0.0",
        "ridge keeps singular values that are zero to working precision",
    ),
    Mutant(
        "3-intercept-unchecked",
        "lessonlib/solvers.py",
        '        intercept = check_real(intercept, "intercept")\n',
        "        intercept = float(intercept)\n",
        "objective / duality_gap accept a NaN or string intercept",
    ),
    Mutant(
        "4-bool-by-truthiness",
        "lessonlib/_validation.py",
        "    if not isinstance(value, (bool, np.bool_)):\n"
        '        raise TypeError(f"{name} must be a bool',
        '    if value is None:\n        raise TypeError(f"{name} must be a bool',
        "flags accepted by truthiness ('False' is true)",
    ),
    Mutant(
        "5-silent-max-iter",
        "lessonlib/solvers.py",
        "    if not converged:\n        warnings.warn(",
        "    if False:\n        warnings.warn(",
        "coordinate descent stops at max_iter without a ConvergenceWarning",
    ),
    Mutant(
        "5-tol-zero",
        "lessonlib/solvers.py",
        '"tol": check_tolerance(tol, "tol")',
        '"tol": check_penalty(tol, "tol")',
        "tol = 0 accepted (coordinate descent then runs to max_iter)",
    ),
    Mutant(
        "6-homotopy-unscaled",
        "lessonlib/path.py",
        "    kx, ky = pow2_exponent(Xc), pow2_exponent(yc)\n    if abs(kx)",
        "    kx, ky = 0, 0\n    if abs(kx)",
        "the homotopy runs on unscaled data (NaN at X * 1e-160)",
    ),
    Mutant(
        "7-divergence-ignored",
        "lessonlib/solvers.py",
        "        if not np.all(np.isfinite(w)):\n            raise ValueError(",
        "        if False:\n            raise ValueError(",
        "subgradient descent returns NaN for a huge step",
    ),
    Mutant(
        "8-no-chunks",
        "lessonlib/simple.py",
        "_CHUNK_ENTRIES = 2**20",
        "_CHUNK_ENTRIES = 2**40",
        "brute force builds grid_size x n temporaries in one piece",
    ),
    Mutant(
        "8-no-grid-cap",
        "lessonlib/simple.py",
        "    if grid_size > MAX_GRID_SIZE:",
        "    if grid_size > 10 * MAX_GRID_SIZE:",
        "brute force accepts any grid size",
    ),
    Mutant(
        "9-seed-none",
        "lessonlib/_validation.py",
        "    if value is None:\n"
        '        raise TypeError(\n            f"{name} must be an int, got None',
        "    if value is None:\n        return 0\n"
        '        raise TypeError(\n            f"{name} must be an int, got None',
        "seed=None silently replaced",
    ),
    Mutant(
        "9-negative-seed",
        "lessonlib/_validation.py",
        '    if seed < 0:\n        raise ValueError(f"{name} must be >= 0',
        '    if seed < -1:\n        raise ValueError(f"{name} must be >= 0',
        "seed=-1 reaches numpy",
    ),
    Mutant(
        "10-coef-at-truncated",
        "lessonlib/display/explore.py",
        "        if coef.size != len(self.names):",
        "        if coef.size < len(self.names):",
        "PathExplorer lets zip() truncate a too-long coef_at",
    ),
    Mutant(
        "10-flat-axis",
        "lessonlib/display/explore.py",
        "    if hi > lo:\n        return lo, hi",
        "    if hi >= lo:\n        return lo, hi",
        "an all-zero path gives identical axis limits",
    ),
    Mutant(
        "10-live-low-unnamed",
        "lessonlib/display/explore.py",
        'low, high = check_real(low, "low"), check_real(high, "high")',
        "low, high = float(low), float(high)",
        "live_explorer(low='a') fails without naming low",
    ),
    Mutant(
        "10-0d-penalty",
        "lessonlib/_validation.py",
        "    value = _item(value)\n"
        "    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):\n"
        '        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")\n'
        "    val = float(value)\n    if not np.isfinite(val):\n"
        '        raise ValueError(f"{name} must be finite, got {val}")\n'
        "    if val < 0",
        "    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):\n"
        '        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")\n'
        "    val = float(value)\n    if not np.isfinite(val):\n"
        '        raise ValueError(f"{name} must be finite, got {val}")\n'
        "    if val < 0",
        "a 0-d array penalty refused by check_penalty",
    ),
    Mutant(
        "11a-kkt-ignores-sign",
        "lessonlib/solvers.py",
        "np.abs(g - alpha * np.sign(w))",
        "np.abs(np.abs(g) - alpha)",
        "kkt_violation ignores the sign of active coefficients",
    ),
    Mutant(
        "11b-path-reversed",
        "lessonlib/display/figures/lasso_path.py",
        "                coefs[:, j],\n                linewidth=1.6,",
        "                coefs[::-1, j],\n                linewidth=1.6,",
        "plot_path_with_knots draws each path in reverse order",
    ),
    Mutant(
        "11c-gap-half-alpha",
        "lessonlib/solvers.py",
        "gap = enet_gap(Xc, yc, w, yc - Xc @ w, alpha, 0.0)",
        "gap = enet_gap(Xc, yc, w, yc - Xc @ w, alpha / 2, 0.0)",
        "subgradient descent reports the gap at alpha / 2",
    ),
    Mutant(
        "11d-ddof-1",
        "lessonlib/solvers.py",
        'col_norm2 = np.einsum("ij,ij->j", Xc, Xc) / n',
        'col_norm2 = np.einsum("ij,ij->j", Xc, Xc) / (n - 1)',
        "coordinate descent uses column norms with ddof=1",
    ),
    Mutant(
        "11d-tie-loose",
        "lessonlib/path.py",
        "_TIE = 1e-10",
        "_TIE = 1e-6",
        "knots 1e-8 apart merged into one",
    ),
    Mutant(
        "11d-tie-zero",
        "lessonlib/path.py",
        "_TIE = 1e-10",
        "_TIE = 0.0",
        "rounding-level ties split into separate knots",
    ),
    Mutant(
        "11d-rank-bound",
        "lessonlib/path.py",
        "max_active=min(p, n - 1 if fit_intercept else n)",
        "max_active=min(p, n - 1)",
        "homotopy without intercept stops one feature short of rank n",
    ),
]

NEW = [
    Mutant(
        "lasso-slope-sign",
        "lessonlib/simple.py",
        "np.where(Sxy > half, (Sxy - half) / Sxx",
        "np.where(Sxy > half, (Sxy + half) / Sxx",
        "lasso slope shrinks the wrong way",
    ),
    Mutant(
        "soft-threshold-negative",
        "lessonlib/simple.py",
        "np.where(z > t, z - t, np.where(z < -t, z + t, 0.0))",
        "np.where(z > t, z - t, np.where(z < -t, z - t, 0.0))",
        "soft-threshold pushes negative values further out",
    ),
    Mutant(
        "gap-no-rescale",
        "lessonlib/_duality.py",
        "scale = 1.0 if dual_norm <= alpha1 else alpha1 / dual_norm",
        "scale = 1.0",
        "duality gap uses an infeasible dual point",
    ),
    Mutant(
        "homotopy-no-refactor",
        "lessonlib/path.py",
        "    if leaving:  # rebuild",
        "    if False:  # rebuild",
        "the Cholesky factor is not rebuilt after a feature leaves",
    ),
    Mutant(
        "path-interpolation-swapped",
        "lessonlib/path.py",
        "coefs[inside] = (1 - t) * coefs_up[k] + t * coefs_up[k + 1]",
        "coefs[inside] = t * coefs_up[k] + (1 - t) * coefs_up[k + 1]",
        "lasso_path interpolates between knots with swapped weights",
    ),
    Mutant(
        "y-not-centred",
        "lessonlib/_centring.py",
        "Xc, yc = X - X_mean, y - y_mean",
        "Xc, yc = X - X_mean, y.copy()",
        "fit_intercept centres X but not y",
    ),
    Mutant(
        "gap-along-double-alpha",
        "lessonlib/optimality.py",
        "enet_gap(Xc, yc, w, yc - Xc @ w, alpha) for w in W",
        "enet_gap(Xc, yc, w, yc - Xc @ w, 2 * alpha) for w in W",
        "gap_along reads the gap at 2 * alpha",
    ),
    Mutant(
        "sorted-x",
        "lessonlib/data.py",
        "    x = rng.uniform(low, high, size=n)\n    y = intercept",
        "    x = np.sort(rng.uniform(low, high, size=n))\n    y = intercept",
        "make_simple_regression sorts x (the noise no longer matches the documented draw)",
    ),
    Mutant(
        "brute-force-no-snap",
        "lessonlib/simple.py",
        "if g(np.array(m)) >= -rounding:",
        "if g(np.array(m)) > 0.0:",
        "brute force never snaps a rounding-level slope to exactly 0",
    ),
    Mutant(
        "nan-accepted",
        "lessonlib/_validation.py",
        "    arr = _as_float_array(value, name)\n    if arr.ndim != 1:",
        "    arr = _as_float_array(value, name)\n    arr = np.nan_to_num(arr)\n"
        "    if arr.ndim != 1:",
        "as_float_vector turns NaN into 0 instead of refusing it",
    ),
    Mutant(
        "selection-threshold",
        "lessonlib/topics/selection.py",
        "(coefs != 0.0).mean(axis=0)",
        "(np.abs(coefs) > 1e-12).mean(axis=0)",
        "selection frequency uses a threshold instead of exact zeros",
    ),
    Mutant(
        "alpha-max-ddof",
        "lessonlib/scale.py",
        "return float(np.max(np.abs(Xc.T @ yc))) / X.shape[0]",
        "return float(np.max(np.abs(Xc.T @ yc))) / (X.shape[0] - 1)",
        "alpha_max divides by n - 1",
    ),
    # the session that added screening, the irrepresentable condition and lasso df
    Mutant(
        "strong-rule-no-2alpha",
        "lessonlib/screening.py",
        "return np.abs(g) < 2.0 * alpha - alpha_prev",
        "return np.abs(g) < alpha",
        "the strong rule discards with alpha instead of 2 alpha - alpha_prev",
    ),
    Mutant(
        "irrepresentable-no-inverse",
        "lessonlib/topics/irrepresentable.py",
        "np.linalg.solve(C_SS, s)",
        "s",
        "irrepresentable values ignore C_SS^-1",
    ),
    Mutant(
        "df-counts-intercept",
        "lessonlib/degrees_of_freedom.py",
        "    return np.sum(coefs != 0.0, axis=1)",
        "    return np.sum(coefs != 0.0, axis=1) + 1",
        "lasso degrees of freedom count the intercept",
    ),
]

# The survivors of the second audit (issue 26): bugs the suite let through, each now caught.
AUDIT: list[Mutant] = [
    Mutant(
        "screening-kkt-at-w-prev",
        "lessonlib/screening.py",
        "            g = Xc.T @ (yc - Xc @ w) / n",
        "            g = Xc.T @ (yc - Xc @ w_prev) / n",
        "the KKT check of the strong rule reads the gradient at the previous solution",
    ),
    Mutant(
        "subgradient-step-frobenius",
        "lessonlib/solvers.py",
        "np.linalg.norm(scaled(Xc, -k), 2)",
        "np.linalg.norm(scaled(Xc, -k))",
        "the default subgradient step 1/L takes L from the Frobenius norm, not sigma_max",
    ),
    Mutant(
        "resample-ridge-normal-equations",
        "lessonlib/topics/selection.py",
        "        return ridge_svd(Xc, yc, ridge_alphas)[0]",
        "        return np.linalg.solve(Xc.T @ Xc + alpha * np.eye(Xc.shape[1]), Xc.T @ yc)",
        "resampled ridge by the normal equations: equal columns get unequal coefficients",
    ),
    Mutant(
        "subgradient-unscaled-step",
        "lessonlib/solvers.py",
        "    L_k, kx = lipschitz(Xc)\n    if step is None and L_k == 0.0:",
        "    L_k, kx = float(np.linalg.norm(Xc, 2)) ** 2 / Xc.shape[0], 0\n"
        "    if step is None and L_k == 0.0:\n        L_k = 1.0\n    if False:",
        "subgradient descent on unscaled X: L underflows and a step of 1.0 is used",
    ),
    Mutant(
        "step-search-unscaled-gaps",
        "lessonlib/subgradient.py",
        "    kx, ky = pow2_exponent(X), pow2_exponent(y)\n    Xs, ys, alpha_s",
        "    kx, ky = 0, 0\n    Xs, ys, alpha_s",
        "the step search ranks gaps that overflow to inf for y near 1e200",
    ),
    Mutant(
        "lad-unscaled",
        "lessonlib/topics/absolute_loss.py",
        "    kx, ky = pow2_exponent(x), pow2_exponent(y)\n    m_s, b_s",
        "    kx, ky = 0, 0\n    m_s, b_s",
        "the LAD linear programme on unscaled data: (0, 0) below HiGHS's tolerances",
    ),
    Mutant(
        "posterior-fixed-grid",
        "lessonlib/topics/bayes.py",
        "    grid = np.linspace(shape.reach(-width), shape.reach(width), n_grid)",
        "    sd, ols = np.sqrt(sigma2 / Sxx), Sxy / Sxx\n"
        "    grid = np.linspace(min(ols, 0.0) - width * sd, max(ols, 0.0) + width * sd, n_grid)",
        "the posterior on a grid scaled to the data, not to the posterior",
    ),
    Mutant(
        "certificates-unscaled",
        "lessonlib/solvers.py",
        "    kx, ky = pow2_exponent(X), pow2_exponent(y)\n    with np.errstate",
        "    kx, ky = 0, 0\n    with np.errstate",
        "objective, duality gap and KKT check on unscaled data (overflow at 1e200)",
    ),
    Mutant(
        "bridge-square-overflow",
        "lessonlib/topics/geometry.py",
        "    if q < 1 and _times_power(lam, w, q - 1) >= 2 * a - w:",
        "    if q < 1 and (w - a) ** 2 + lam * w**q >= a**2:",
        "bridge_1d compares f(w) with a**2, which overflows for |z| > 1e154",
    ),
    Mutant(
        "noise-square-unchecked",
        "lessonlib/_validation.py",
        "    if val >= 1e154:",
        "    if val >= math.inf:",
        "a noise level whose square overflows is accepted",
    ),
    Mutant(
        "reference-named",
        "lessonlib/topics/overfitting.py",
        '        return standardised_powers(x, degree, None, names=("x", "x"))',
        '        return standardised_powers(x, degree, None, names=("x", "reference"))',
        "polynomial_features names reference, which the caller did not pass",
    ),
    Mutant(
        "pandas-nullable-refused",
        "lessonlib/_validation.py",
        "    value = _from_pandas(value, name)\n",
        "",
        "a DataFrame of nullable Int64 or Float64 columns is refused as dtype object",
    ),
    Mutant(
        "pandas-na-as-nan",
        "lessonlib/_validation.py",
        "    if np.asarray(isna()).any():",
        "    if False:",
        "a missing value in a pandas column is reported as NaN, not as missing",
    ),
    Mutant(
        "size-unchecked",
        "lessonlib/_validation.py",
        "    if math.prod(shape) > MAX_ENTRIES:",
        "    if False:",
        "a huge grid size or number of resamples reaches numpy (MemoryError)",
    ),
    Mutant(
        "cv-one-alpha",
        "lessonlib/tuning.py",
        "    fold_mse = np.reshape(model.mse_path_, (model.alphas_.size, n_splits))",
        "    fold_mse = model.mse_path_",
        "cross-validation on one alpha fails with a message about fold_mse",
    ),
    Mutant(
        "perturbed-names-sxx",
        "lessonlib/optimality.py",
        "    if not np.finfo(float).tiny <= Sxx < np.inf:",
        "    if False:",
        "perturbed slopes of an x near 1e200 fail naming Sxx, not x",
    ),
    Mutant(
        "mc-se-divides-by-r",
        "lessonlib/topics/bias_variance.py",
        "    return np.std(values, axis=0, ddof=1) / np.sqrt(values.shape[0])",
        "    return np.std(values, axis=0, ddof=1) / values.shape[0]",
        "the Monte Carlo standard error divides by R instead of sqrt(R)",
    ),
    Mutant(
        "cp-df-without-intercept",
        "lessonlib/degrees_of_freedom.py",
        "    df = n_nonzero + 1  # the intercept is a fitted parameter too",
        "    df = n_nonzero",
        "C_p's degrees of freedom leave out the intercept that sigma^2's n - p - 1 counts",
    ),
    Mutant(
        "posterior-exact-sign-slip",
        "lessonlib/topics/bayes.py",
        "    mean_neg = s * (t_neg - np.exp(log_phi - 0.5 * t_neg**2 - log_ndtr(-t_neg)))",
        "    mean_neg = s * (t_neg + np.exp(log_phi - 0.5 * t_neg**2 - log_ndtr(-t_neg)))",
        "the negative half's truncated-normal mean takes the positive half's sign",
    ),
    Mutant(
        "lad-fraction-at-squared-threshold",
        "lessonlib/topics/absolute_loss.py",
        "    absolute = np.array([lad_lasso_fit(x, y, f * lam_abs)[0] for f in t]) / m0_abs",
        "    absolute = np.array([lad_lasso_fit(x, y, f * lam_sq)[0] for f in t]) / m0_abs",
        "the absolute error is measured at the squared error's threshold (units of xy)",
    ),
    Mutant(
        "fold-splits-one-seed",
        "lessonlib/topics/fold_splits.py",
        "lasso_cv(X, y, alphas, n_splits=n_splits, seed=s)[1].alpha_min for s in checked",
        "lasso_cv(X, y, alphas, n_splits=n_splits, seed=0)[1].alpha_min for s in checked",
        "every fold split uses the same seed, so the choice never varies",
    ),
    Mutant(
        "fista-one-step-ahead",
        "lessonlib/topics/convergence.py",
        "    beta, t = np.zeros(n_iter), 1.0  # t = t_1",
        "    beta, t = np.zeros(n_iter), (1.0 + np.sqrt(5.0)) / 2.0",
        "FISTA's momentum starts from t_2, one step ahead of Beck and Teboulle's sequence",
    ),
    Mutant(
        "share-se-without-root",
        "lessonlib/topics/geometry.py",
        "    return np.sqrt(s * (1 - s) / n)",
        "    return s * (1 - s) / n",
        "the standard error of a share is its variance",
    ),
    Mutant(
        "wilson-half-width-without-quarter",
        "lessonlib/topics/recovery.py",
        "    half = z / (n + z**2) * np.sqrt(k * (n - k) / n + z**2 / 4)",
        "    half = z / (n + z**2) * np.sqrt(k * (n - k) / n)",
        "the Wilson interval loses its z^2/4 term: zero width at a share of 0 or 1",
    ),
    # the shortcuts of the exact path's third speed-up (issue 27)
    Mutant(
        "27-column-sums-any-layout",
        "lessonlib/_centring.py",
        "    if X.flags.c_contiguous and X.shape[1] > 1:",
        "    if True:",
        "the means come from einsum in every layout (not the bits of X.mean on an F-ordered X)",
    ),
    Mutant(
        "27-extreme-data-not-rescaled",
        "lessonlib/path.py",
        "_ORDINARY_EXPONENT = 64",
        "_ORDINARY_EXPONENT = 1100",
        "data near 1e-160 or 1e160 counted as ordinary: the homotopy runs on them unscaled",
    ),
]

# One or more per module of lessonlib/display/: a drawn value or a label made wrong.
DISPLAY: list[Mutant] = [
    # The display survivors of the second audit (issue 26).
    Mutant(
        "display-path-end-interp-decreasing",
        "lessonlib/display/charts/path.py",
        "np.interp(alphas, lasso.alphas[::-1], lasso.coefs[::-1, j])",
        "np.interp(alphas, lasso.alphas, lasso.coefs[:, j])",
        "path_chart interpolates on decreasing knots (audit survivor: s5 at -37.68, not -36.06)",
    ),
    Mutant(
        "display-path-fake-knot",
        "lessonlib/display/charts/path.py",
        "is_knot = np.arange(alphas.size) < keep.sum()",
        "is_knot = np.arange(alphas.size) <= keep.sum()",
        "path_chart draws a knot dot at the view's end, which is no knot (audit survivor)",
    ),
    Mutant(
        "display-cv-alpha-min-labelled-1se",
        "lessonlib/display/figures/tuning.py",
        'label=label("$\\\\alpha_{\\\\min}$", a_min, curve.i_min),',
        'label=label("$\\\\alpha_{1\\\\mathrm{SE}}$", a_min, curve.i_min),',
        "plot_cv_curve labels the alpha_min line alpha_1SE (audit survivor)",
    ),
    Mutant(
        "display-slope-axes-swapped",
        "lessonlib/display/figures/one_feature.py",
        '        ax.set_xlabel("penalty weight $\\\\lambda$")\n'
        '        ax.set_ylabel("slope $m$")\n',
        '        ax.set_xlabel("slope $m$")\n'
        '        ax.set_ylabel("penalty weight $\\\\lambda$")\n',
        "plot_slope_vs_lambda swaps its axis labels (audit survivor)",
    ),
    # lessonlib/display/figures/
    Mutant(
        "display-prior-logs-swapped",
        "lessonlib/display/figures/bayes.py",
        "lap, gau = np.log(lap), np.log(gau)",
        "lap, gau = np.log(gau), np.log(lap)",
        "plot_priors(log=True) draws each log-density under the other prior's name",
    ),
    Mutant(
        "display-posterior-shades-m-below-0",
        "lessonlib/display/figures/bayes.py",
        "            where=m > 0,\n",
        "            where=m < 0,\n",
        "plot_posterior shades m < 0 under the label P(m > 0)",
    ),
    Mutant(
        "display-bias-variance-swapped",
        "lessonlib/display/figures/bias_variance.py",
        "bias2, var = result.bias2[keep], result.variance[keep]",
        "var, bias2 = result.bias2[keep], result.variance[keep]",
        "plot_bias_variance draws the variance as the squared bias and back",
    ),
    Mutant(
        "display-lq-ball-exponent",
        "lessonlib/display/figures/corners.py",
        "np.sign(c) * np.abs(c) ** (2 / q)",
        "np.sign(c) * np.abs(c) ** (1 / q)",
        "lq_ball_boundary's first coordinate uses the wrong power: the outline is not the q ball",
    ),
    Mutant(
        "display-wedges-along-h",
        "lessonlib/display/figures/corners.py",
        "d = [Hinv @ np.array(r, dtype=float) for r in rays]",
        "d = [H @ np.array(r, dtype=float) for r in rays]",
        "plot_corner_wedges draws the wedges along H instead of H^-1 times the normal cone",
    ),
    Mutant(
        "display-geometry-solution-misnamed",
        "lessonlib/display/figures/geometry.py",
        'name = "lasso" if norm == "l1" else "ridge"',
        'name = "ridge" if norm == "l1" else "lasso"',
        "plot_constraint_geometry calls the diamond's solution the ridge solution",
    ),
    Mutant(
        "display-enet-ball-mix-swapped",
        "lessonlib/display/figures/geometry.py",
        "    a, b = mix, 1.0 - mix\n",
        "    a, b = 1.0 - mix, mix\n",
        "plot_enet_ball draws the ball of 1 - mix under the label mix",
    ),
    Mutant(
        "display-path-names-at-start",
        "lessonlib/display/figures/lasso_path.py",
        "last = int(np.argmax(x))",
        "last = int(np.argmin(x))",
        "plot_path_with_knots writes the feature names at the all-zero start of the path",
    ),
    Mutant(
        "display-sse-minimum-swapped",
        "lessonlib/display/figures/least_squares.py",
        '            [m_hat],\n            [b_hat],\n            "*",',
        '            [b_hat],\n            [m_hat],\n            "*",',
        "plot_sse_contours puts the minimum's star at (b, m) on the (m, b) axes",
    ),
    Mutant(
        "display-fitted-line-legend-swapped",
        "lessonlib/display/figures/least_squares.py",
        "least squares: $y = {m:.3f}\\\\,x {b:+.3f}$",
        "least squares: $y = {b:.3f}\\\\,x {m:+.3f}$",
        "plot_fitted_line's legend writes the intercept as the slope",
    ),
    Mutant(
        "display-loss-legend-reversed",
        "lessonlib/display/figures/one_feature.py",
        "for lam, row, m_hat, shade in zip(lambdas, loss, minimisers, shades):",
        "for lam, row, m_hat, shade in zip(lambdas[::-1], loss, minimisers, shades):",
        "plot_lasso_loss_curves labels each curve with another curve's lambda",
    ),
    Mutant(
        "display-shrinkage-band-lambda",
        "lessonlib/display/figures/one_feature.py",
        'ax.axvspan(-t, t, color=color("lasso")',
        'ax.axvspan(-2 * t, 2 * t, color=color("lasso")',
        "plot_shrinkage shades |z| <= 2t (lambda) instead of |z| <= t, where the lasso is 0",
    ),
    Mutant(
        "display-factor-labels-swapped",
        "lessonlib/display/figures/one_feature.py",
        '(ax_r, ridge, "ridge", "penalty $\\\\lambda / S_{xx}$ (ridge)"),\n'
        '            (ax_l, lasso, "lasso", "penalty $\\\\lambda / \\\\lambda^*$ (lasso)"),',
        '(ax_r, ridge, "ridge", "penalty $\\\\lambda / \\\\lambda^*$ (lasso)"),\n'
        '            (ax_l, lasso, "lasso", "penalty $\\\\lambda / S_{xx}$ (ridge)"),',
        "plot_shrinkage_factors labels each panel's axis with the other's penalty",
    ),
    Mutant(
        "display-bad-slope-drawn-as-subgradient",
        "lessonlib/display/figures/optimality.py",
        "        for k, g in enumerate(slopes):\n",
        "        for k, g in enumerate(all_slopes):\n",
        "plot_abs_supporting_lines draws the crossing slope as one more supporting line",
    ),
    Mutant(
        "display-subdifferential-half-interval",
        "lessonlib/display/figures/optimality.py",
        "            [0.0, 0.0],\n"
        "            [-1.0, 1.0],\n"
        '            color=color("lasso"),\n'
        "            linewidth=4,",
        "            [0.0, 0.0],\n"
        "            [0.0, 1.0],\n"
        '            color=color("lasso"),\n'
        "            linewidth=4,",
        "plot_abs_subdifferential draws [0, 1] at w = 0 under the label [-1, 1]",
    ),
    Mutant(
        "display-lambda-chosen-on-test-error",
        "lessonlib/display/figures/overfitting.py",
        "chosen = None if val is None else float(lambdas[np.argmin(val)])",
        "chosen = None if val is None else float(lambdas[np.argmin(test)])",
        "plot_error_curve marks the test error's best lambda as the one chosen on validation",
    ),
    Mutant(
        "display-fits-show-test-points",
        "lessonlib/display/figures/overfitting.py",
        'data.x_train, data.y_train, color=color("data")',
        'data.x_test, data.y_test, color=color("data")',
        "plot_polynomial_fits shows the test points under the label training points",
    ),
    Mutant(
        "display-paths-legend-sorted",
        "lessonlib/display/figures/paths.py",
        "        for j, name in enumerate(names):\n",
        "        for j, name in enumerate(sorted(names)):\n",
        "plot_coef_paths names the paths in alphabetical order, not in the order of the columns",
    ),
    Mutant(
        "display-zero-circles-isclose",
        "lessonlib/display/figures/_common.py",
        "    zeros = coef == 0.0\n",
        "    zeros = np.isclose(coef, 0.0)\n",
        "paths circle coefficients that are near 0 as if exactly 0",
    ),
    Mutant(
        "display-real-data-scales-swapped",
        "lessonlib/display/figures/real_data.py",
        '            (ax_ridge, r"ridge $\\alpha$ (Ridge scale)"),\n'
        '            (ax_lasso, r"lasso $\\alpha$ (Lasso scale, $1/(2n)$)"),\n',
        '            (ax_lasso, r"ridge $\\alpha$ (Ridge scale)"),\n'
        '            (ax_ridge, r"lasso $\\alpha$ (Lasso scale, $1/(2n)$)"),\n',
        "plot_ridge_lasso_paths labels each panel's axis with the other estimator's scale",
    ),
    Mutant(
        "display-ridge-halfway-at-m-ols",
        "lessonlib/display/figures/ridge.py",
        "                [s.Sxx],\n                [m_ols / 2],\n",
        "                [s.Sxx],\n                [m_ols],\n",
        "plot_ridge_slope puts its half-way point at the full least-squares slope",
    ),
    Mutant(
        "display-selection-ticks-sorted",
        "lessonlib/display/figures/selection.py",
        "ax.set_yticks(pos, names)",
        "ax.set_yticks(pos, sorted(names))",
        "plot_selection_frequencies writes the feature names beside the wrong bars",
    ),
    Mutant(
        "display-gap-passes-from-0",
        "lessonlib/display/figures/solver_history.py",
        "passes[name] = np.arange(1, g.size + 1)",
        "passes[name] = np.arange(g.size)",
        "plot_gap_history draws the gap after pass 1 at pass 0",
    ),
    Mutant(
        "display-zero-counts-step-pre",
        "lessonlib/display/figures/solver_history.py",
        'where="post"',
        'where="pre"',
        "plot_zero_counts draws each count before the pass that produced it",
    ),
    Mutant(
        "display-sparse-dense-lasso-on-ridge-r2",
        "lessonlib/display/figures/sparse_vs_dense.py",
        "axis.plot(res.lasso_train_r2, res.lasso_test_mse",
        "axis.plot(res.ridge_train_r2, res.lasso_test_mse",
        "plot_sparse_vs_dense draws the lasso's test error against ridge's training r^2",
    ),
    # lessonlib/display/charts/
    Mutant(
        "display-chart-spoken-names-swapped",
        "lessonlib/display/charts/_chart.py",
        '                "symbol": json.dumps(symbol),\n'
        '                "star_name": json.dumps(star_name),\n',
        '                "symbol": json.dumps(star_name),\n'
        '                "star_name": json.dumps(symbol),\n',
        "a chart's slider speaks its value under the reference's name, and back",
    ),
    Mutant(
        "display-path-header-ratio",
        "lessonlib/display/charts/path.py",
        "format({ALPHA_SIGNAL} / {vega_number(alpha_max)}, '.3~g')",
        "format({ALPHA_SIGNAL} / {vega_number(high)}, '.3~g')",
        "path_chart's header states alpha / high under the name alpha / alpha_max",
    ),
    Mutant(
        "display-slope-chart-loss-axes-swapped",
        "lessonlib/display/charts/slope.py",
        'x=alt.X("m:Q", title="slope m"),\n'
        '            y=alt.Y("loss:Q", title="loss (best b)", scale=alt.Scale(zero=False)),',
        'x=alt.X("m:Q", title="loss (best b)"),\n'
        '            y=alt.Y("loss:Q", title="slope m", scale=alt.Scale(zero=False)),',
        "slope_chart's loss view names its x axis the loss and its y axis the slope",
    ),
    Mutant(
        "display-thresholding-labels-swapped",
        "lessonlib/display/charts/thresholding.py",
        '    "lasso": "lasso (soft)",\n'
        '    "ridge": "ridge (proportional)",\n'
        '    "subset": "best subset (hard)",\n',
        '    "lasso": "best subset (hard)",\n'
        '    "ridge": "ridge (proportional)",\n'
        '    "subset": "lasso (soft)",\n',
        "thresholding_chart names soft thresholding best subset, and hard thresholding lasso",
    ),
    Mutant(
        "display-thresholding-print-hard-at-lambda",
        "lessonlib/display/charts/thresholding.py",
        '"subset": orthonormal.hard_threshold(z, kappa),',
        '"subset": orthonormal.hard_threshold(z, self.lam),',
        "the thresholding chart's print picture hard-thresholds at lambda instead of kappa",
    ),
    Mutant(
        "display-geometry-chart-points-recoloured",
        "lessonlib/display/charts/geometry.py",
        '            point("a1", "a2", color("lasso")),\n'
        '            point("r1", "r2", color("ridge")),\n',
        '            point("a1", "a2", color("ridge")),\n'
        '            point("r1", "r2", color("lasso")),\n',
        "geometry_chart draws the lasso's solution in ridge's colour and back",
    ),
    Mutant(
        "display-geometry-chart-header-zero-named",
        "lessonlib/display/charts/geometry.py",
        "\"datum.a1 === 0 ? ': w1 = 0 exactly' : \"",
        "\"datum.a1 === 0 ? ': w2 = 0 exactly' : \"",
        "geometry_chart's header says w2 = 0 when the lasso sets w1 to 0",
    ),
    # lessonlib/display/explore.py, tables.py, style.py
    Mutant(
        "display-explorer-counts-non-zeros",
        "lessonlib/display/explore.py",
        'self.ax_bar.set_title(f"{n_zero} of {coef.size} exactly 0"',
        'self.ax_bar.set_title(f"{coef.size - n_zero} of {coef.size} exactly 0"',
        "PathExplorer's title counts the non-zero coefficients as the exact zeros",
    ),
    Mutant(
        "display-explorer-names-reversed",
        "lessonlib/display/explore.py",
        "            b.set_yticks(y, self.names)\n            b.invert_yaxis()\n",
        "            b.set_yticks(y, self.names[::-1])\n            b.invert_yaxis()\n",
        "PathExplorer writes the feature names against the wrong bars",
    ),
    Mutant(
        "display-table-text-alphas-sorted",
        "lessonlib/display/tables.py",
        'header = [f"{float(alpha):g}" for alpha in table.index]',
        'header = [f"{float(alpha):g}" for alpha in sorted(table.index)]',
        "table_text labels its columns with the alphas sorted, not in the order of the rows",
    ),
    Mutant(
        "display-table-counts-rounded-zeros",
        "lessonlib/display/tables.py",
        'table["zeros"] = (coefs == 0.0).sum(axis=1)',
        'table["zeros"] = (np.round(coefs, decimals) == 0.0).sum(axis=1)',
        "coef_table counts coefficients that round to 0 as exact zeros",
    ),
    Mutant(
        "display-feature-style-yellow",
        "lessonlib/display/style.py",
        "_FEATURE_COLOURS = _CYCLE[:7]",
        "_FEATURE_COLOURS = _CYCLE",
        "feature_style draws a feature in yellow, too faint for a thin line on white",
    ),
    Mutant(
        "lambda-zero-at-first-lambda",
        "lessonlib/display/figures/_lambda_zero.py",
        "    x0, x_break = first_lambda / 10.0, first_lambda / np.sqrt(10.0)",
        "    x0, x_break = first_lambda, first_lambda / np.sqrt(10.0)",
        "the lambda = 0 marks stand on the first lambda drawn, not left of the break",
    ),
    Mutant(
        "ridge-chart-against-lambda-star",
        "lessonlib/display/charts/slope.py",
        '        return float(stats.Sxx), "Sxx"',
        '        return 2.0 * abs(float(stats.Sxy)), "Sxx"',
        "the ridge chart measures its lambda against the lasso's 2|Sxy| (units of xy)",
    ),
]

DISPLAY += [
    Mutant(
        "display-noise-threshold-label",
        "lessonlib/display/figures/noise.py",
        'label = f"$\\\\lambda = {lam:g}$ (threshold {lam / 2:g})"',
        'label = f"$\\\\lambda = {lam:g}$ (threshold {lam:g})"',
        "the zero-probability legend gives lambda as the threshold, not lambda / 2",
    ),
    Mutant(
        "display-phone-panels-reversed",
        "lessonlib/display/phone.py",
        "order = sorted(panels, key=_grid_position)",
        "order = sorted(panels, key=_grid_position, reverse=True)",
        "the phone rendering stacks the panels in reverse reading order",
    ),
    Mutant(
        "display-legend-below-over-the-axes",
        "lessonlib/display/figures/_legend.py",
        "bbox_to_anchor=(0.5, 0.0),",
        "bbox_to_anchor=(0.5, 1.0),",
        "legend_below hangs the legend from the top of the panel, over the data",
    ),
    Mutant(
        "display-stacked-panels-touch",
        "lessonlib/display/figures/_stacking.py",
        "STACKED_HSPACE: float = 0.07",
        "STACKED_HSPACE: float = 0.0",
        "stacked phone panels get no room between one's x label and the next one's title",
    ),
]

MUTANTS = FIXES + NEW + AUDIT + DISPLAY


def copy_repository(dest: Path) -> None:
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(*EXCLUDE), symlinks=True)


def environment(copy: Path) -> dict:
    env = dict(
        os.environ, **kernel_env(ROOT / ".venv"), PYTHONPATH=str(copy), PYTHONDONTWRITEBYTECODE="1"
    )
    return env


def check_imports_the_copy(copy: Path) -> None:
    """The venv has lessonlib installed in editable mode: make sure the copy wins."""
    out = subprocess.run(
        [str(PYTHON), "-c", "import lessonlib; print(lessonlib.__file__)"],
        cwd=copy,
        env=environment(copy),
        capture_output=True,
        text=True,
        check=True,
    )
    if not Path(out.stdout.strip()).resolve().is_relative_to(copy.resolve()):
        sys.exit(f"the tests would import {out.stdout.strip()}, not the copy in {copy}")


def nearest_tests(copy: Path, file: str) -> list[str]:
    """The test files named after ``file`` or naming its module, and ``file`` itself."""
    stem = Path(file).stem.lstrip("_")
    dotted = file.removesuffix(".py").replace("/", ".")
    tests = [
        str(test.relative_to(copy))
        for test in sorted((copy / "tests").glob("test_*.py"))
        if test.name != "test_mutation_list.py"
        and (stem in test.stem or dotted in test.read_text(encoding="utf-8"))
    ]
    return [*tests, file]


def run_tests(
    copy: Path, workers: int, paths: tuple[str, ...] = ("tests", "lessonlib")
) -> tuple[bool, str]:
    """Run the fast tests under ``paths`` in ``copy``; return (all passed, first failure)."""
    # test_mutation_list.py checks that each snippet is in the code: every mutant "fails" it
    cmd = [
        str(PYTHON),
        "-m",
        "pytest",
        *paths,
        "-m",
        MARKERS,
        "-p",
        "no:cacheprovider",
        "-x",
        "-q",
        "--ignore=tests/test_mutation_list.py",
    ]
    if workers > 1:
        cmd += ["-n", str(workers), "--dist", "loadgroup"]
    try:
        proc = subprocess.run(
            cmd, cwd=copy, env=environment(copy), capture_output=True, text=True, timeout=TIMEOUT
        )
    except subprocess.TimeoutExpired:
        return False, f"timeout after {TIMEOUT} s"
    if proc.returncode in (0, 5):  # 5: no test selected among ``paths``
        return True, ""
    failed = re.search(r"^(?:FAILED|ERROR) (.+?)(?: - .*)?$", proc.stdout, re.MULTILINE)
    return False, failed.group(1) if failed else proc.stdout.strip().splitlines()[-1]


def apply(copy: Path, mutant: Mutant) -> str:
    """Patch the copy; return the original text of the file."""
    target = copy / mutant.file
    text = target.read_text()
    count = text.count(mutant.original)
    if count != 1:
        raise ValueError(
            f"{mutant.name}: the original snippet occurs {count} times in {mutant.file}"
        )
    target.write_text(text.replace(mutant.original, mutant.mutated))
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="names of the mutants to run")
    parser.add_argument("--workers", type=int, default=2, help="pytest-xdist workers (default 2)")
    args = parser.parse_args()
    mutants = [m for m in MUTANTS if not args.only or m.name in args.only]
    with tempfile.TemporaryDirectory(prefix="lessonlib-mutants-") as tmp:
        copy = Path(tmp) / "repo"
        copy_repository(copy)
        check_imports_the_copy(copy)
        start = time.perf_counter()
        passed, why = run_tests(copy, args.workers)
        if not passed:
            sys.exit(f"the unmutated suite fails ({why}); fix that first")
        print(f"unmutated suite passes ({time.perf_counter() - start:.0f} s)\n", flush=True)
        killed = 0
        for m in mutants:
            original = apply(copy, m)
            try:
                start = time.perf_counter()
                passed, why = run_tests(copy, args.workers, tuple(nearest_tests(copy, m.file)))
                if passed:
                    passed, why = run_tests(copy, args.workers)
            finally:
                (copy / m.file).write_text(original)
            killed += not passed
            verdict = f"killed by {why}" if not passed else "SURVIVED"
            print(
                f"{m.name:28} {time.perf_counter() - start:5.0f} s  {verdict}\n"
                f"{'':28} ({m.description})",
                flush=True,
            )
    print(f"\nmutation score: {killed}/{len(mutants)} killed ({killed / len(mutants):.0%})")


if __name__ == "__main__":
    main()
