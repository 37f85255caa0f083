"""Bias, variance and test error of the ridge fit, measured by simulation.

The *Regularization* chapter says that a penalty lowers the test error. This module
measures why: it draws many training sets from a known model, fits the degree-``d``
ridge polynomial of :mod:`lessonlib.topics.overfitting` to each, and splits the expected test
error at fixed inputs ``x`` into its three parts,

    E[(y_new - f_hat(x))**2] = noise**2 + (E f_hat(x) - f(x))**2 + Var f_hat(x),

noise, squared bias and variance, averaged over the test inputs. The true curve is
``f(x) = sin(2 pi x)``; the training inputs stay fixed and only the noise is redrawn
(a fixed design), so every fit uses the same standardised powers of ``x``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._validation import as_float_vector, check_penalty, check_positive_int

__all__ = ["BiasVariance", "ridge_bias_variance"]


@dataclass(frozen=True)
class BiasVariance:
    """Squared bias, variance and test error of a ridge fit, one entry per ``lam``.

    Attributes
    ----------
    lambdas : numpy.ndarray of shape (k,)
        Penalty weights, in the article's scaling ``SSE + lam * ||w||^2``.
    bias2 : numpy.ndarray of shape (k,)
        Mean over the test inputs of ``(mean over data sets of f_hat(x) - f(x))**2``.
    variance : numpy.ndarray of shape (k,)
        Mean over the test inputs of the variance of ``f_hat(x)`` over data sets
        (divisor ``n_rep``).
    noise_var : float
        ``noise**2``, the error that no fit can remove.
    expected_mse : numpy.ndarray of shape (k,)
        ``noise_var + bias2 + variance``.
    simulated_mse : numpy.ndarray of shape (k,)
        The test error measured directly: each fit against new noisy responses at the
        test inputs, averaged over inputs and data sets.
    n_rep : int
        Number of simulated training sets.
    """

    lambdas: np.ndarray
    bias2: np.ndarray
    variance: np.ndarray
    noise_var: float
    expected_mse: np.ndarray
    simulated_mse: np.ndarray
    n_rep: int


def _truth(x: np.ndarray) -> np.ndarray:
    return np.sin(2 * np.pi * x)


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

    Examples
    --------
    >>> x = np.linspace(0.0, 1.0, 12)
    >>> bv = ridge_bias_variance(x, np.linspace(0.0, 1.0, 5), [0.0, 1.0],
    ...                          rng=np.random.default_rng(0), n_rep=20)
    >>> bool(bv.bias2[0] < bv.bias2[1] and bv.variance[0] > bv.variance[1])
    True
    """
    from lessonlib.topics.overfitting import polynomial_features

    x_train = as_float_vector(x_train, "x_train", min_length=2)
    x_test = as_float_vector(x_test, "x_test")
    lambdas = as_float_vector(lambdas, "lambdas")
    if np.any(lambdas < 0):
        raise ValueError(f"lambdas must be >= 0, got {lambdas[lambdas < 0][0]}")
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, got {type(rng).__name__}")
    degree = check_positive_int(degree, "degree")
    noise = check_penalty(noise, "noise", allow_zero=False)
    n_rep = check_positive_int(n_rep, "n_rep")
    if n_rep < 2:
        raise ValueError(f"n_rep must be >= 2 to estimate a variance, got {n_rep}")

    Phi = polynomial_features(x_train, degree)  # centred on x_train
    Phi_test = polynomial_features(x_test, degree, reference=x_train)
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

    mean_pred = pred.mean(axis=1)  # (k, m)
    bias2 = np.mean((mean_pred - f_test) ** 2, axis=1)
    variance = np.mean(pred.var(axis=1), axis=1)
    simulated = np.mean((Y_new - pred) ** 2, axis=(1, 2))
    return BiasVariance(
        lambdas, bias2, variance, noise**2, noise**2 + bias2 + variance, simulated, n_rep
    )
