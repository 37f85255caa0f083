"""Data sets of the book: the diabetes data, standardised, and seeded synthetic data.

Every generator takes a ``seed`` and draws from ``numpy.random.default_rng(seed)``,
so a chapter re-run prints the same numbers. Nothing is downloaded: the diabetes
data ship with scikit-learn, which is imported only inside
:func:`load_diabetes_standardized`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._validation import (
    as_float_vector,
    check_entries,
    check_fraction,
    check_positive_int,
    check_real,
    check_seed,
)

__all__ = [
    "Dataset",
    "load_diabetes_standardized",
    "make_correlated_features",
    "make_simple_regression",
]


@dataclass(frozen=True)
class Dataset:
    """A design matrix with its target.

    Attributes
    ----------
    X : numpy.ndarray of shape (n, p)
        Features (read-only).
    y : numpy.ndarray of shape (n,)
        Target (read-only).
    feature_names : list of str
        One name per column of ``X``.
    description : str
        Where the data come from and how they were transformed.
    coef : numpy.ndarray of shape (p,) or None
        The true coefficients, for synthetic data; ``None`` for real data.
    """

    X: np.ndarray
    y: np.ndarray
    feature_names: list[str]
    description: str
    coef: np.ndarray | None = None


def _read_only(a: np.ndarray) -> np.ndarray:
    a = np.array(a, dtype=float)
    a.setflags(write=False)
    return a


def load_diabetes_standardized() -> Dataset:
    """The diabetes data (442 patients, 10 baseline measurements) with standardised columns.

    Returns
    -------
    Dataset
        ``X`` has every column with mean 0 and *population* standard deviation 1
        (``ddof=0``: divided by ``n``, not ``n - 1``); ``y`` is the raw target, a
        measure of disease progression one year later (not centred; fit an intercept).

    Notes
    -----
    Loaded with ``sklearn.datasets.load_diabetes(scaled=False)`` (bundled, no download)
    and standardised here as :math:`(x_{ij} - \\bar x_j) / s_j`,
    :math:`s_j^2 = \\frac1n \\sum_i (x_{ij} - \\bar x_j)^2`.

    Examples
    --------
    >>> d = load_diabetes_standardized()
    >>> d.X.shape, d.feature_names[:3]
    ((442, 10), ['age', 'sex', 'bmi'])
    >>> bool(abs(d.X.std(axis=0) - 1).max() < 1e-12)
    True
    """
    from sklearn.datasets import load_diabetes

    bunch = load_diabetes(scaled=False)
    X = np.asarray(bunch.data, dtype=float)
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    description = (
        "scikit-learn's diabetes data (Efron et al. 2004, 'Least Angle Regression'): "
        f"{X.shape[0]} patients, {X.shape[1]} baseline variables, each standardised to "
        "mean 0 and population standard deviation 1 (ddof=0); target y is the raw "
        "disease-progression score one year after baseline (not centred)."
    )
    return Dataset(_read_only(X), _read_only(bunch.target), list(bunch.feature_names), description)


def make_simple_regression(
    n: int = 30,
    slope: float = 2.0,
    intercept: float = 1.0,
    noise: float = 1.0,
    x_range: tuple[float, float] = (0.0, 10.0),
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """One feature: ``y = intercept + slope*x + noise*e``, ``x`` uniform on ``x_range``.

    Parameters
    ----------
    n : int, default=30
        Number of points, >= 2.
    slope, intercept : float
        The true line.
    noise : float, default=1.0
        Standard deviation of the Gaussian noise ``e``, >= 0.
    x_range : (float, float), default=(0, 10)
        Interval for ``x``, low < high.
    seed : int, default=0
        Seed for ``numpy.random.default_rng``: an int in ``[0, 2**32 - 1]`` (``None`` is
        refused: the book's outputs must come out the same on every run).

    Returns
    -------
    x, y : numpy.ndarray of shape (n,)

    Notes
    -----
    The recipe, in this order, from one generator ``rng = numpy.random.default_rng(seed)``::

        x = rng.uniform(low, high, size=n)
        y = intercept + slope * x + noise * rng.standard_normal(n)

    Examples
    --------
    >>> x, y = make_simple_regression(n=5, seed=1)
    >>> x.shape, y.shape
    ((5,), (5,))
    >>> bool((make_simple_regression(seed=1)[1] == make_simple_regression(seed=1)[1]).all())
    True
    """
    n = check_positive_int(n, "n")
    if n < 2:
        raise ValueError(f"n must be >= 2 for a line, got {n}")
    slope, intercept = check_real(slope, "slope"), check_real(intercept, "intercept")
    noise = check_real(noise, "noise")
    if noise < 0:
        raise ValueError(f"noise must be >= 0, got {noise}")
    bounds = as_float_vector(x_range, "x_range")
    if bounds.size != 2 or not bounds[0] < bounds[1]:
        raise ValueError(f"x_range must be (low, high) with low < high, got {x_range}")
    low, high = bounds
    check_entries((n,), "n")
    rng = np.random.default_rng(check_seed(seed))
    x = rng.uniform(low, high, size=n)
    y = intercept + slope * x + noise * rng.standard_normal(n)
    return x, y


def make_correlated_features(
    n: int = 100,
    n_groups: int = 2,
    group_size: int = 3,
    rho: float = 0.9,
    n_noise_features: int = 2,
    coef: ArrayLike | None = None,
    noise: float = 1.0,
    seed: int = 0,
) -> Dataset:
    """Groups of strongly correlated features plus pure-noise features.

    Parameters
    ----------
    n : int, default=100
        Number of samples.
    n_groups, group_size : int, default=2, 3
        Number of correlated groups and columns per group.
    rho : float in [0, 1], default=0.9
        Population correlation between two columns of the same group.
    n_noise_features : int, default=2
        Independent standard-normal columns after the groups (may be 0).
    coef : array_like of shape (p,), optional
        True coefficients, ``p = n_groups*group_size + n_noise_features``. Default:
        ``+1`` on every column of group 0, ``-1`` on group 1, ``+1`` on group 2, ...;
        0 on the noise features.
    noise : float, default=1.0
        Standard deviation of the Gaussian noise in ``y``, >= 0.
    seed : int, default=0
        Seed for ``numpy.random.default_rng``, an int in ``[0, 2**32 - 1]``.

    Returns
    -------
    Dataset
        ``X`` (n, p), ``y = X @ coef + noise*e`` (no intercept), names like ``"g0_1"``
        and ``"noise_0"``, and ``coef`` the truth.

    Notes
    -----
    Column ``j`` of group ``g`` is :math:`\\sqrt{\\rho}\\,z_g + \\sqrt{1-\\rho}\\,e_j` with
    independent standard normals, so each column has variance 1 and two columns of a
    group have correlation :math:`\\rho` (columns of different groups: 0). The sample
    correlation is only about ``rho``; ``X`` is not re-standardised.

    Examples
    --------
    >>> d = make_correlated_features(n=2000, rho=0.8, seed=0)
    >>> d.X.shape, d.feature_names[:4]
    ((2000, 8), ['g0_0', 'g0_1', 'g0_2', 'g1_0'])
    >>> bool(abs(np.corrcoef(d.X[:, 0], d.X[:, 1])[0, 1] - 0.8) < 0.05)
    True
    """
    n = check_positive_int(n, "n")
    n_groups = check_positive_int(n_groups, "n_groups")
    group_size = check_positive_int(group_size, "group_size")
    rho = check_fraction(rho, "rho")
    seed = check_seed(seed)
    if isinstance(n_noise_features, bool) or not isinstance(n_noise_features, (int, np.integer)):
        kind = type(n_noise_features).__name__
        raise TypeError(f"n_noise_features must be an integer, got {kind}")
    if n_noise_features < 0:
        raise ValueError(f"n_noise_features must be >= 0, got {n_noise_features}")
    noise = check_real(noise, "noise")
    if noise < 0:
        raise ValueError(f"noise must be >= 0, got {noise}")
    p = n_groups * group_size + int(n_noise_features)
    check_entries((n, p), "n x (n_groups * group_size + n_noise_features)")
    if coef is None:
        signs = np.where(np.arange(n_groups) % 2 == 0, 1.0, -1.0)
        coef = np.concatenate([np.repeat(signs, group_size), np.zeros(int(n_noise_features))])
    else:
        coef = as_float_vector(coef, "coef")
        if coef.size != p:
            raise ValueError(f"coef must have {p} entries (one per feature), got {coef.size}")

    rng = np.random.default_rng(seed)
    latent = rng.standard_normal((n, n_groups))
    own = rng.standard_normal((n, n_groups * group_size))
    grouped = np.sqrt(rho) * np.repeat(latent, group_size, axis=1) + np.sqrt(1 - rho) * own
    X = np.hstack([grouped, rng.standard_normal((n, int(n_noise_features)))])
    y = X @ coef + noise * rng.standard_normal(n)
    names = [f"g{g}_{j}" for g in range(n_groups) for j in range(group_size)]
    names += [f"noise_{k}" for k in range(int(n_noise_features))]
    description = (
        f"synthetic: {n_groups} groups of {group_size} features with within-group "
        f"correlation {rho}, {n_noise_features} independent noise features, "
        f"y = X @ coef + {noise} * N(0, 1), seed {seed}"
    )
    return Dataset(_read_only(X), _read_only(y), names, description, _read_only(coef))
