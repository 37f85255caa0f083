"""Bias, variance and test error of the ridge and lasso fits, exactly and by simulation.

The *Regularization* chapter says that a penalty lowers the test error. This module
shows why: it splits the expected test error of the degree-``d`` penalised polynomial of
:mod:`lessonlib.topics.overfitting` at fixed inputs ``x`` into its three parts,

    E[(y_new - f_hat(x))**2] = noise**2 + (E f_hat(x) - f(x))**2 + Var f_hat(x),

noise, squared bias and variance, averaged over the test inputs. The true curve is
``f(x) = sin(2 pi x)``; the training inputs stay fixed and only the noise is redrawn
(a fixed design), so every fit uses the same standardised powers of ``x``.

Ridge is a linear smoother, ``f_hat = L y``, so its two terms are exact:
``E f_hat = L f`` and ``Var f_hat(x_t) = noise**2 ||L_t||^2``
(:func:`exact_ridge_bias_variance`). The lasso is not linear in ``y``; its terms are
measured by simulation (:func:`lasso_bias_variance`), as are ridge's by
:func:`ridge_bias_variance`, which the exact values check. A simulated term is a mean over
the ``n_rep`` data sets, so it carries a Monte Carlo standard error
(:func:`monte_carlo_se`): the squared bias plus the variance is exactly the mean over the
data sets of each fit's mean squared distance from ``f``, and the variance is, to first
order, the mean of each fit's squared distance from the average fit. Simulations drawn
from the same seed fit the same data sets, so two penalties can be compared data set by
data set (``BiasVariance.fit_error``): the two errors rise and fall together, and the
standard error of their difference is far smaller than that of either.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._validation import (
    as_float_vector,
    check_entries,
    check_positive_int,
    check_std,
)

__all__ = [
    "BiasVariance",
    "exact_ridge_bias_variance",
    "lasso_bias_variance",
    "monte_carlo_se",
    "ridge_bias_variance",
]


@dataclass(frozen=True)
class BiasVariance:
    """Squared bias, variance and test error of a penalised fit, one entry per ``lam``.

    Attributes
    ----------
    lambdas : numpy.ndarray of shape (k,)
        Penalty weights, in the article's scaling ``SSE + lam * P(w)``.
    bias2 : numpy.ndarray of shape (k,)
        Mean over the test inputs of ``(E f_hat(x) - f(x))**2``; in a simulation
        ``E`` is the mean over the data sets.
    variance : numpy.ndarray of shape (k,)
        Mean over the test inputs of the variance of ``f_hat(x)``; in a simulation,
        over the data sets with divisor ``n_rep``.
    noise_var : float
        ``noise**2``, the error that no fit can remove.
    expected_mse : numpy.ndarray of shape (k,)
        ``noise_var + bias2 + variance``.
    simulated_mse : numpy.ndarray of shape (k,) or None
        The test error measured directly: each fit against new noisy responses at the
        test inputs, averaged over inputs and data sets; None when exact.
    n_rep : int
        Number of simulated training sets; 0 when the terms are exact.
    penalty : str
        ``"l2"`` (ridge) or ``"l1"`` (lasso).
    expected_mse_se, variance_se, simulated_mse_se : numpy.ndarray of shape (k,) or None
        Monte Carlo standard errors of ``expected_mse``, ``variance`` and
        ``simulated_mse`` (:func:`monte_carlo_se` of the per-data-set terms); None when
        the terms are exact.
    fit_error : numpy.ndarray of shape (k, n_rep) or None
        Each simulated fit's mean squared distance from ``f`` over the test inputs, one
        column per data set; its mean over the data sets is ``bias2 + variance``. Two
        simulations drawn from the same seed use the same data sets (column ``r`` of each),
        so the difference of two rows is a paired comparison. None when exact.
    """

    lambdas: np.ndarray
    bias2: np.ndarray
    variance: np.ndarray
    noise_var: float
    expected_mse: np.ndarray
    simulated_mse: np.ndarray | None
    n_rep: int
    penalty: str = "l2"
    expected_mse_se: np.ndarray | None = None
    variance_se: np.ndarray | None = None
    simulated_mse_se: np.ndarray | None = None
    fit_error: np.ndarray | None = None


def _truth(x: np.ndarray) -> np.ndarray:
    return np.sin(2 * np.pi * x)


def monte_carlo_se(per_rep: ArrayLike) -> np.ndarray:
    """Monte Carlo standard error of a mean over independent repetitions.

    The mean of ``R`` independent draws has standard deviation ``sigma / sqrt(R)``; the
    standard error estimates it with the sample standard deviation (divisor ``R - 1``).

    Parameters
    ----------
    per_rep : array_like of shape (R,) or (R, k)
        One value per repetition (first axis), for one quantity or for ``k`` of them.

    Returns
    -------
    numpy.ndarray of shape () or (k,)
        ``std(per_rep, axis=0, ddof=1) / sqrt(R)``.

    Raises
    ------
    ValueError
        When ``per_rep`` has fewer than two repetitions or a value that is not finite.

    Examples
    --------
    >>> float(monte_carlo_se([1.0, 3.0, 5.0, 7.0]))
    1.2909944487358056
    """
    values = np.asarray(per_rep, dtype=float)
    if values.ndim not in (1, 2):
        raise ValueError(f"per_rep must be 1- or 2-dimensional, got {values.ndim} dimensions")
    if values.shape[0] < 2:
        raise ValueError(f"per_rep must hold at least 2 repetitions, got {values.shape[0]}")
    if not np.all(np.isfinite(values)):
        raise ValueError("per_rep must be finite")
    return np.std(values, axis=0, ddof=1) / np.sqrt(values.shape[0])


def _simulated(
    lambdas: np.ndarray,
    pred: np.ndarray,
    f_test: np.ndarray,
    Y_new: np.ndarray,
    noise: float,
    penalty: str,
) -> BiasVariance:
    """The terms of the predictions ``pred`` (k, R, m) of R simulated fits per ``lam``.

    The standard errors come from per-data-set terms whose means are the estimates: each
    fit's mean squared distance from ``f`` (mean: squared bias + variance), from the
    average fit (mean: the variance) and from the new responses (mean: the measured error).
    """
    mean_pred = pred.mean(axis=1)  # (k, m)
    bias2 = np.mean((mean_pred - f_test) ** 2, axis=1)
    variance = np.mean(pred.var(axis=1), axis=1)
    simulated = np.mean((Y_new - pred) ** 2, axis=(1, 2))
    off = np.mean((pred - f_test) ** 2, axis=2)  # (k, R)
    spread = np.mean((pred - mean_pred[:, None]) ** 2, axis=2)  # (k, R)
    measured = np.mean((Y_new - pred) ** 2, axis=2)  # (k, R)
    return BiasVariance(
        lambdas=lambdas,
        bias2=bias2,
        variance=variance,
        noise_var=noise**2,
        expected_mse=noise**2 + bias2 + variance,
        simulated_mse=simulated,
        n_rep=pred.shape[1],
        penalty=penalty,
        expected_mse_se=monte_carlo_se(off.T),
        variance_se=monte_carlo_se(spread.T),
        simulated_mse_se=monte_carlo_se(measured.T),
        fit_error=off,
    )


def ridge_bias_variance(
    x_train: ArrayLike,
    x_test: ArrayLike,
    lambdas: ArrayLike,
    *,
    rng: np.random.Generator,
    degree: int = 9,
    noise: float = 0.3,
    n_rep: int = 200,
) -> BiasVariance:
    """Simulate ``n_rep`` training sets and decompose the ridge fit's test error.

    Each training set is ``y = sin(2 pi x_train) + N(0, noise**2)``; each fit is the ridge
    polynomial of :func:`lessonlib.topics.overfitting.fit_polynomial` (powers of ``x``
    standardised on ``x_train``, unpenalised intercept). All data sets and all ``lam`` are
    solved at once through one SVD.

    Parameters
    ----------
    x_train : array_like of shape (n,)
        Training inputs, fixed across data sets.
    x_test : array_like of shape (m,)
        Inputs at which bias, variance and test error are measured.
    lambdas : array_like of shape (k,)
        Penalty weights (>= 0), article's scaling.
    rng : numpy.random.Generator
        Source of the noise: first an ``(n_rep, n)`` array for the training responses,
        then an ``(n_rep, m)`` array for the new test responses, both
        ``rng.normal(0, noise, ...)``. Pass ``numpy.random.default_rng(seed)``.
    degree : int, default=9
        Highest power of ``x``.
    noise : float, default=0.3
        Noise standard deviation (> 0).
    n_rep : int, default=200
        Number of simulated training sets.

    Returns
    -------
    BiasVariance
        With the Monte Carlo standard errors of the simulated terms.

    Examples
    --------
    >>> x = np.linspace(0.0, 1.0, 12)
    >>> bv = ridge_bias_variance(x, np.linspace(0.0, 1.0, 5), [0.0, 1.0],
    ...                          rng=np.random.default_rng(0), n_rep=20)
    >>> bool(bv.bias2[0] < bv.bias2[1] and bv.variance[0] > bv.variance[1])
    True
    """
    from lessonlib.topics.overfitting import standardised_powers

    x_train = as_float_vector(x_train, "x_train", min_length=2)
    x_test = as_float_vector(x_test, "x_test")
    lambdas = as_float_vector(lambdas, "lambdas")
    if np.any(lambdas < 0):
        raise ValueError(f"lambdas must be >= 0, got {lambdas[lambdas < 0][0]}")
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, got {type(rng).__name__}")
    degree = check_positive_int(degree, "degree")
    noise = check_std(noise, "noise")
    n_rep = check_positive_int(n_rep, "n_rep")
    if n_rep < 2:
        raise ValueError(f"n_rep must be >= 2 to estimate a variance, got {n_rep}")

    Phi = standardised_powers(x_train, degree, None, names=("x_train", "x_train"))
    Phi_test = standardised_powers(x_test, degree, x_train, names=("x_test", "x_train"))
    # the coefficients (k, R, p) and predictions (k, R, m) of every lam and data set
    check_entries((lambdas.size, n_rep, max(degree, x_train.size, x_test.size)), "n_rep")
    f_train, f_test = _truth(x_train), _truth(x_test)
    Y = f_train + rng.normal(0.0, noise, (n_rep, x_train.size))  # (R, n)
    Y_new = f_test + rng.normal(0.0, noise, (n_rep, x_test.size))  # (R, m)

    U, d, Vt = np.linalg.svd(Phi, full_matrices=False)
    ybar = Y.mean(axis=1, keepdims=True)  # intercepts
    UtY = (Y - ybar) @ U  # (R, r)
    # ridge: w = V diag(d / (d^2 + lam)) U^T y_c, for every lam and data set at once
    shrink = d / (d**2 + lambdas[:, None])  # (k, r)
    coefs = np.einsum("kr,Rr,rp->kRp", shrink, UtY, Vt)  # (k, R, p)
    pred = coefs @ Phi_test.T + ybar  # (k, R, m)

    return _simulated(lambdas, pred, f_test, Y_new, noise, "l2")


def _fixed_design(
    x_train: ArrayLike, x_test: ArrayLike, lambdas: ArrayLike, degree: int, noise: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Checked inputs: the training and test powers, the lambdas and the noise."""
    from lessonlib.topics.overfitting import standardised_powers

    x_train = as_float_vector(x_train, "x_train", min_length=2)
    x_test = as_float_vector(x_test, "x_test")
    lambdas = as_float_vector(lambdas, "lambdas")
    if np.any(lambdas < 0):
        raise ValueError(f"lambdas must be >= 0, got {lambdas[lambdas < 0][0]}")
    degree = check_positive_int(degree, "degree")
    noise = check_std(noise, "noise")
    Phi = standardised_powers(x_train, degree, None, names=("x_train", "x_train"))
    Phi_test = standardised_powers(x_test, degree, x_train, names=("x_test", "x_train"))
    return Phi, Phi_test, lambdas, noise


def exact_ridge_bias_variance(
    x_train: ArrayLike,
    x_test: ArrayLike,
    lambdas: ArrayLike,
    *,
    degree: int = 9,
    noise: float = 0.3,
) -> BiasVariance:
    """Squared bias and variance of the ridge polynomial, exactly (no simulation).

    With the powers of ``x_train`` standardised (centred columns ``Phi``) and an
    unpenalised intercept, the ridge prediction at the test inputs is linear in ``y``:
    ``f_hat = L y`` with ``L = 1 1^T / n + Phi_t (Phi^T Phi + lam I)^{-1} Phi^T``. For
    ``y = f + noise`` with independent noise, ``E f_hat = L f`` and the variance at
    test input ``t`` is ``noise**2 * ||L_t||^2`` (row ``t`` of ``L``).

    Parameters
    ----------
    x_train : array_like of shape (n,)
        Training inputs, fixed.
    x_test : array_like of shape (m,)
        Inputs at which the terms are averaged.
    lambdas : array_like of shape (k,)
        Penalty weights (>= 0), article's scaling ``SSE + lam ||w||^2``; 0 is least
        squares (the minimum-norm solution when the powers are collinear).
    degree : int, default=9
        Highest power of ``x``.
    noise : float, default=0.3
        Noise standard deviation (> 0).

    Returns
    -------
    BiasVariance
        With ``simulated_mse=None`` and ``n_rep=0``.

    Examples
    --------
    >>> x = np.linspace(0.0, 1.0, 12)
    >>> bv = exact_ridge_bias_variance(x, np.linspace(0.0, 1.0, 5), [0.0, 1.0])
    >>> bool(bv.bias2[0] < bv.bias2[1] and bv.variance[0] > bv.variance[1])
    True
    """
    Phi, Phi_test, lambdas, noise = _fixed_design(x_train, x_test, lambdas, degree, noise)
    n = Phi.shape[0]
    f_train = _truth(as_float_vector(x_train, "x_train"))
    f_test = _truth(as_float_vector(x_test, "x_test"))
    U, d, Vt = np.linalg.svd(Phi, full_matrices=False)
    keep = d > d[0] * Phi.shape[0] * np.finfo(float).eps  # the rank, as lstsq would
    U, d, Vt = U[:, keep], d[keep], Vt[keep]
    TV = Phi_test @ Vt.T  # (m, r)
    bias2, variance = np.empty(lambdas.size), np.empty(lambdas.size)
    for i, lam in enumerate(lambdas):
        L = TV @ ((d / (d**2 + lam))[:, None] * U.T) + 1.0 / n  # (m, n)
        bias2[i] = np.mean((L @ f_train - f_test) ** 2)
        variance[i] = noise**2 * np.mean(np.sum(L**2, axis=1))
    return BiasVariance(
        lambdas, bias2, variance, noise**2, noise**2 + bias2 + variance, None, 0, "l2"
    )


def _lasso_fits(Phi: np.ndarray, y: np.ndarray, lambdas: np.ndarray) -> np.ndarray:
    """Lasso coefficients (k, p) of centred ``Phi`` at each ``lam``, each checked.

    ``lam = 0`` is least squares (minimum norm); a positive ``lam`` is solved by the exact
    path and must satisfy the optimality (KKT) conditions to a relative ``1e-6``.
    """
    from lessonlib import path, scale

    n = Phi.shape[0]
    yc = y - y.mean()
    coefs = np.zeros((lambdas.size, Phi.shape[1]))
    zero = lambdas == 0.0
    if zero.any():
        coefs[zero] = np.linalg.lstsq(Phi, yc, rcond=None)[0]
    if zero.all():
        return coefs
    alphas = np.array([scale.lasso_alpha(float(lam), n) for lam in lambdas[~zero]])
    fits = path.lasso_path(Phi, y, alphas)[0]
    g = (yc - fits @ Phi.T) @ Phi / n  # (k, p): covariance of each power with the residual
    bound = np.where(fits != 0.0, np.abs(g - alphas[:, None] * np.sign(fits)), np.abs(g))
    slack = np.where(fits != 0.0, 0.0, alphas[:, None])
    bad = np.max(bound - slack, axis=1) > 1e-6 * alphas
    if bad.any():
        lam = float(lambdas[~zero][np.argmax(bad)])
        raise ValueError(
            f"the exact lasso path lost accuracy at lam = {lam:.3g} on these nearly collinear "
            "powers (its optimality conditions fail); use larger lambdas"
        )
    coefs[~zero] = fits
    return coefs


def lasso_bias_variance(
    x_train: ArrayLike,
    x_test: ArrayLike,
    lambdas: ArrayLike,
    *,
    rng: np.random.Generator,
    degree: int = 9,
    noise: float = 0.3,
    n_rep: int = 1000,
) -> BiasVariance:
    """Simulate ``n_rep`` training sets and decompose the lasso fit's test error.

    As :func:`ridge_bias_variance`, with the lasso polynomial (article's scaling
    ``SSE + lam ||w||_1``, solved by :func:`lessonlib.path.lasso_path` at
    ``alpha = lam / (2n)``, every fit checked against the lasso's optimality conditions)
    in place of ridge. The lasso is not linear in ``y``, so there is no exact formula to
    use instead; with divisor ``n_rep`` the variance is biased low and the squared bias
    high, each by the variance divided by ``n_rep``.

    Parameters
    ----------
    x_train : array_like of shape (n,)
        Training inputs, fixed across data sets.
    x_test : array_like of shape (m,)
        Inputs at which bias, variance and test error are measured.
    lambdas : array_like of shape (k,)
        Penalty weights (>= 0), article's scaling; 0 is least squares.
    rng : numpy.random.Generator
        Source of the noise, drawn as in :func:`ridge_bias_variance`.
    degree : int, default=9
        Highest power of ``x``.
    noise : float, default=0.3
        Noise standard deviation (> 0).
    n_rep : int, default=1000
        Number of simulated training sets (>= 2).

    Returns
    -------
    BiasVariance
        With the Monte Carlo standard errors of the simulated terms.

    Raises
    ------
    ValueError
        When a fit fails the lasso's optimality conditions (the exact path loses accuracy
        at very small ``lam`` on nearly collinear powers).

    Examples
    --------
    >>> x = np.linspace(0.0, 1.0, 12)
    >>> bv = lasso_bias_variance(x, np.linspace(0.0, 1.0, 5), [0.0, 1.0],
    ...                          rng=np.random.default_rng(0), n_rep=20)
    >>> bool(bv.bias2[0] < bv.bias2[1] and bv.variance[0] > bv.variance[1])
    True
    """
    Phi, Phi_test, lambdas, noise = _fixed_design(x_train, x_test, lambdas, degree, noise)
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, got {type(rng).__name__}")
    n_rep = check_positive_int(n_rep, "n_rep")
    if n_rep < 2:
        raise ValueError(f"n_rep must be >= 2 to estimate a variance, got {n_rep}")
    check_entries((lambdas.size, n_rep, max(Phi.shape[0], Phi_test.shape[0])), "n_rep")
    f_train = _truth(as_float_vector(x_train, "x_train"))
    f_test = _truth(as_float_vector(x_test, "x_test"))
    Y = f_train + rng.normal(0.0, noise, (n_rep, f_train.size))  # (R, n)
    Y_new = f_test + rng.normal(0.0, noise, (n_rep, f_test.size))  # (R, m)
    pred = np.empty((lambdas.size, n_rep, f_test.size))
    for r in range(n_rep):  # the powers are centred, so the intercept is the mean of y
        pred[:, r] = _lasso_fits(Phi, Y[r], lambdas) @ Phi_test.T + Y[r].mean()
    return _simulated(lambdas, pred, f_test, Y_new, noise, "l1")
