"""The over-fitting example of the *Regularization* chapter.

A few noisy points from a smooth curve, fitted with a degree-``d`` polynomial:
unpenalised least squares follows the noise (small training error, large test
error), and a penalty ``lam`` trades a little training error for much less test
error. The penalties use the article's scaling throughout the book,

    SSE(w, c) + lam * sum(w_j**2)     (ridge, L2)
    SSE(w, c) + lam * sum(|w_j|)      (lasso, L1)

with ``SSE = sum((y - Phi @ w - c)**2)`` and an unpenalised intercept ``c``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lessonlib._validation import (
    as_float_vector,
    check_choice,
    check_entries,
    check_penalty,
    check_positive_int,
    check_real,
    check_seed,
)

__all__ = [
    "SineData",
    "error_curve",
    "fit_polynomial",
    "make_sine_data",
    "polynomial_features",
    "predict_polynomial",
]


@dataclass(frozen=True)
class SineData:
    """Training, test and (optionally) validation samples of ``y = sin(2 pi x) + noise``.

    ``x_val`` and ``y_val`` are ``None`` unless :func:`make_sine_data` was asked for a
    validation sample (``n_val > 0``).
    """

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    noise: float
    x_val: np.ndarray | None = None
    y_val: np.ndarray | None = None


def make_sine_data(
    n_train: int = 12, n_test: int = 200, noise: float = 0.3, seed: int = 0, n_val: int = 0
) -> SineData:
    """Draw seeded training, test and validation sets from ``y = sin(2 pi x) + N(0, noise**2)``.

    Parameters
    ----------
    n_train, n_test : int
        Sample sizes; x is uniform on [0, 1].
    n_val : int, default=0
        Size of a validation sample (0 for none). It is drawn after the training and
        test samples, so asking for one leaves those unchanged.
    noise : float
        Standard deviation of the Gaussian noise (> 0).
    seed : int
        Seed of ``numpy.random.default_rng``, an int in ``[0, 2**32 - 1]``: the same seed
        gives the same data.

    Returns
    -------
    SineData

    Examples
    --------
    >>> d = make_sine_data(n_train=5, seed=1)
    >>> d.x_train.shape, d.y_test.shape, d.x_val
    ((5,), (200,), None)
    >>> make_sine_data(n_train=5, seed=1, n_val=7).y_val.shape
    (7,)
    """
    n_train = check_positive_int(n_train, "n_train")
    n_test = check_positive_int(n_test, "n_test")
    check_entries((n_train,), "n_train")
    check_entries((n_test,), "n_test")
    noise = check_penalty(noise, "noise", allow_zero=False)
    rng = np.random.default_rng(check_seed(seed))

    def draw(n: int) -> tuple[np.ndarray, np.ndarray]:
        x = np.sort(rng.uniform(0.0, 1.0, n))
        return x, np.sin(2 * np.pi * x) + rng.normal(0.0, noise, n)

    if isinstance(n_val, (int, np.integer)) and not isinstance(n_val, bool) and n_val == 0:
        n_val = 0
    else:
        n_val = check_positive_int(n_val, "n_val")
        check_entries((n_val,), "n_val")
    x_train, y_train = draw(n_train)
    x_test, y_test = draw(n_test)
    if n_val == 0:
        return SineData(x_train, y_train, x_test, y_test, noise)
    x_val, y_val = draw(n_val)
    return SineData(x_train, y_train, x_test, y_test, noise, x_val, y_val)


def polynomial_features(
    x: np.ndarray, degree: int, *, reference: np.ndarray | None = None
) -> np.ndarray:
    """Columns ``x, x**2, ..., x**degree``, standardised with the mean and std of ``reference``.

    Standardising matters: a penalty on ``w_j`` means nothing until the columns share
    a scale (``x**9`` on [0, 1] is tiny, so its coefficient would be huge and heavily
    penalised). Pass the training inputs as ``reference`` when transforming test inputs,
    so both use the training set's scaling.

    Parameters
    ----------
    x : array_like of shape (n,)
        Inputs, in [0, 1].
    degree : int
        Highest power (>= 1).
    reference : array_like of shape (m,), optional
        Inputs whose column means and standard deviations are used; default ``x``.

    Returns
    -------
    numpy.ndarray of shape (n, degree)

    Examples
    --------
    >>> Phi = polynomial_features([0.0, 0.5, 1.0], 2)
    >>> np.abs(Phi.mean(axis=0)).round(12).tolist(), Phi.std(axis=0).round(12).tolist()
    ([0.0, 0.0], [1.0, 1.0])
    """
    x = as_float_vector(x, "x")
    degree = check_positive_int(degree, "degree")
    if reference is None:
        return standardised_powers(x, degree, None, names=("x", "x"))
    ref = as_float_vector(reference, "reference", min_length=2)
    return standardised_powers(x, degree, ref, names=("x", "reference"))


def standardised_powers(
    x: np.ndarray, degree: int, reference: np.ndarray | None, *, names: tuple[str, str]
) -> np.ndarray:
    """:func:`polynomial_features` on checked input, its errors naming the caller's arguments.

    ``names`` are what the caller calls ``x`` and ``reference`` (``("x_test", "x_train")``
    for :func:`lessonlib.topics.bias_variance.ridge_bias_variance`); shared with that
    module, not in ``__all__``.
    """
    x_name, ref_name = names
    ref = x if reference is None else reference
    check_entries((max(x.size, ref.size), degree), "degree")
    powers = np.arange(1, degree + 1)
    with np.errstate(over="ignore", invalid="ignore"):  # overflow is refused just below
        raw_ref, raw = ref[:, None] ** powers, x[:, None] ** powers
        mean, std = raw_ref.mean(axis=0), raw_ref.std(axis=0)
    for value, name in ((std, ref_name), (raw, x_name)):
        if not np.all(np.isfinite(value)):
            raise ValueError(
                f"{name}**{degree} overflows float64 (the inputs are meant to lie in [0, 1])"
            )
    if np.any(std == 0):
        if np.unique(ref).size < 2:
            raise ValueError(f"{ref_name} must hold at least two distinct values")
        raise ValueError(
            f"the powers of {ref_name} up to {degree} lose their spread in float64 (they "
            "underflow; the inputs are meant to lie in [0, 1])"
        )
    return (raw - mean) / std


def fit_polynomial(
    x: np.ndarray, y: np.ndarray, degree: int, lam: float, penalty: str = "l2"
) -> tuple[np.ndarray, float]:
    """Fit a penalised polynomial with the article's scaling of ``lam``.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Training data.
    degree : int
        Polynomial degree.
    lam : float
        Penalty weight (>= 0) on ``SSE + lam * penalty(w)``.
    penalty : {"l2", "l1"}
        Ridge or lasso.

    Returns
    -------
    coef : numpy.ndarray of shape (degree,)
        Coefficients of the standardised powers.
    intercept : float

    Notes
    -----
    scikit-learn's (and :mod:`lessonlib.solvers`') lasso minimises
    ``SSE / (2n) + alpha * ||w||_1``; dividing the article's loss by ``2n`` shows
    ``alpha = lam / (2n)``. Their ridge minimises ``SSE + alpha * ||w||^2``, so
    ``alpha = lam``.

    Examples
    --------
    >>> d = make_sine_data(seed=0)
    >>> coef, c = fit_polynomial(d.x_train, d.y_train, 3, lam=1.0)
    >>> coef.shape
    (3,)
    """
    from lessonlib import path, scale, solvers

    x = as_float_vector(x, "x", min_length=2)
    y = as_float_vector(y, "y", min_length=2)
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same length, got {x.size} and {y.size}")
    lam = check_penalty(lam, "lam")
    Phi = polynomial_features(x, degree)
    penalty = check_choice(penalty, "penalty", ("l1", "l2"))
    if penalty == "l2" or lam == 0.0:  # at lam = 0 both penalties are plain least squares
        fit = solvers.ridge(Phi, y, lam)
        return fit.coef, float(fit.intercept)
    # The powers of x are nearly collinear, where coordinate descent crawls; the exact
    # homotopy path gives the lasso solution in a few steps instead.
    coefs, intercepts = path.lasso_path(Phi, y, [scale.lasso_alpha(lam, x.size)])
    return coefs[0], float(intercepts[0])


def predict_polynomial(
    x_new: np.ndarray, x_train: np.ndarray, coef: np.ndarray, intercept: float
) -> np.ndarray:
    """Evaluate a polynomial fitted by :func:`fit_polynomial` at ``x_new``.

    Parameters
    ----------
    x_new : array_like of shape (m,)
        Where to evaluate.
    x_train : array_like of shape (n,)
        The training inputs (they fix the standardisation of the powers).
    coef : numpy.ndarray of shape (degree,)
        Coefficients of the standardised powers, from :func:`fit_polynomial`.
    intercept : float
        The intercept, from :func:`fit_polynomial`.

    Returns
    -------
    numpy.ndarray of shape (m,)
    """
    x_new = as_float_vector(x_new, "x_new")
    x_train = as_float_vector(x_train, "x_train", min_length=2)
    coef = as_float_vector(coef, "coef")
    intercept = check_real(intercept, "intercept")
    Phi = standardised_powers(x_new, coef.size, x_train, names=("x_new", "x_train"))
    return Phi @ coef + intercept


def error_curve(
    data: SineData, degree: int, lambdas: np.ndarray, penalty: str = "l2"
) -> dict[str, np.ndarray]:
    """Training and test mean squared error of the penalised polynomial fit for each ``lam``.

    Parameters
    ----------
    data : SineData
        The training and test data, from :func:`make_sine_data`.
    degree : int
        Polynomial degree (>= 1).
    lambdas : array_like of shape (k,)
        Penalty weights (>= 0).
    penalty : {"l2", "l1"}
        Ridge or lasso.

    Returns
    -------
    dict
        ``"lambda"``, ``"train_mse"``, ``"test_mse"`` and ``"n_zero"`` (coefficients
        exactly 0.0), each an array of shape (k,); and ``"val_mse"`` when ``data`` has a
        validation sample.

    Examples
    --------
    >>> curve = error_curve(make_sine_data(seed=0), 3, [0.0, 1.0])
    >>> sorted(curve)
    ['lambda', 'n_zero', 'test_mse', 'train_mse']
    """
    lambdas = as_float_vector(lambdas, "lambdas")
    if np.any(lambdas < 0):
        raise ValueError("lambdas must be >= 0")
    train, test, val, zeros = [], [], [], []
    for lam in lambdas:
        coef, c = fit_polynomial(data.x_train, data.y_train, degree, float(lam), penalty)
        fit_train = predict_polynomial(data.x_train, data.x_train, coef, c)
        fit_test = predict_polynomial(data.x_test, data.x_train, coef, c)
        train.append(np.mean((data.y_train - fit_train) ** 2))
        test.append(np.mean((data.y_test - fit_test) ** 2))
        if data.x_val is not None:
            fit_val = predict_polynomial(data.x_val, data.x_train, coef, c)
            val.append(np.mean((data.y_val - fit_val) ** 2))
        zeros.append(int(np.sum(coef == 0.0)))
    out = {
        "lambda": lambdas,
        "train_mse": np.array(train),
        "test_mse": np.array(test),
        "n_zero": np.array(zeros),
    }
    if data.x_val is not None:
        out["val_mse"] = np.array(val)
    return out
