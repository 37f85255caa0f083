"""Input checks at the boundary of every public ``lessonlib`` function.

Public functions call these once, up front, so that bad input fails loudly with a
message that names the argument and what was wrong (scikit-learn's ``check_array``
habit); the numerical code behind them then trusts its input.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable

import numpy as np
from numpy.typing import ArrayLike

from lessonlib.exceptions import ConvergenceWarning

__all__ = [
    "MAX_ENTRIES",
    "ConvergenceWarning",
    "as_float_matrix",
    "as_float_vector",
    "check_Xy",
    "check_bool",
    "check_choice",
    "check_coef",
    "check_entries",
    "check_fraction",
    "check_nonnegative_vector",
    "check_path_table",
    "check_penalties",
    "check_penalty",
    "check_positive_int",
    "check_real",
    "check_same_length",
    "check_seed",
    "check_std",
    "check_tolerance",
]


def _from_pandas(value: object, name: str) -> object:
    """A pandas Series, DataFrame or array as a NumPy array; anything else unchanged.

    ``numpy.asarray`` turns a DataFrame with pandas' nullable columns (``Int64``,
    ``Float64``, ``boolean``) into an ``object`` array, and a missing value into NaN or
    ``pd.NA``. So a missing value is refused by name first, then each column is taken at
    its NumPy dtype (pandas is not imported: anything with ``isna`` and ``to_numpy`` is
    treated this way).
    """
    isna, to_numpy = getattr(value, "isna", None), getattr(value, "to_numpy", None)
    if not (callable(isna) and callable(to_numpy)):
        return value
    if np.asarray(isna()).any():
        raise ValueError(f"{name} contains missing values (NA or NaN); drop or fill them first")
    frame_dtypes = getattr(value, "dtypes", None) if hasattr(value, "columns") else None
    columns = [getattr(value, "dtype", None)] if frame_dtypes is None else list(frame_dtypes)
    dtypes = [getattr(dtype, "numpy_dtype", dtype) for dtype in columns]
    if not all(isinstance(dtype, np.dtype) for dtype in dtypes):
        return np.asarray(value)  # categories, strings: refused below by their dtype
    if any(isinstance(dtype, np.dtype) and dtype.kind == "b" for dtype in dtypes):
        raise TypeError(f"{name} must be numeric, got booleans")
    return to_numpy(dtype=np.result_type(*dtypes))


def _as_float_array(value: object, name: str) -> np.ndarray:
    """Convert ``value`` to a float64 array, rejecting non-numeric input by name."""
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be numeric, got a string")
    value = _from_pandas(value, name)
    try:
        arr = np.asarray(value)
    except Exception as exc:  # ragged lists and the like
        raise TypeError(f"{name} must be a numeric array: {exc}") from None
    if arr.dtype.kind == "f":  # real floats (the usual case) need none of the checks below
        return arr.astype(np.float64, copy=True)
    if arr.dtype == bool:
        raise TypeError(f"{name} must be numeric, got booleans")
    if not (np.issubdtype(arr.dtype, np.number)):
        raise TypeError(f"{name} must be numeric, got dtype {arr.dtype}")
    if np.issubdtype(arr.dtype, np.complexfloating):
        raise TypeError(f"{name} must be real, got complex values")
    return arr.astype(np.float64, copy=True)


def _item(value: object) -> object:
    """A 0-d array as its Python scalar, so ``np.array(0.5)`` is accepted wherever ``0.5`` is."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return value.item()
    return value


def _check_finite(arr: np.ndarray, name: str) -> None:
    if not np.isfinite(arr).all():
        bad = "NaN" if np.isnan(arr).any() else "inf"
        raise ValueError(f"{name} must be finite, but contains {bad}")


def as_float_vector(value: object, name: str, *, min_length: int = 1) -> np.ndarray:
    """Return ``value`` as a finite 1-D float64 array.

    Parameters
    ----------
    value : array_like
        The input to check.
    name : str
        The argument's name, used in error messages.
    min_length : int, default=1
        Fewest entries accepted.

    Returns
    -------
    numpy.ndarray
        A new 1-D float64 array.

    Raises
    ------
    TypeError
        If ``value`` is not numeric.
    ValueError
        If it is not 1-D, is shorter than ``min_length`` or holds NaN/inf.
    """
    arr = _as_float_array(value, name)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got an array of shape {arr.shape}")
    if arr.size < min_length:
        what = "empty" if arr.size == 0 else f"of length {arr.size}"
        raise ValueError(f"{name} must have at least {min_length} entries, got one {what}")
    _check_finite(arr, name)
    return arr


def as_float_matrix(value: object, name: str, *, min_rows: int = 1) -> np.ndarray:
    """Return ``value`` as a finite 2-D float64 array of shape (n_samples, n_features).

    Parameters
    ----------
    value : array_like
        The input to check.
    name : str
        The argument's name, used in error messages.
    min_rows : int, default=1
        Fewest rows (samples) accepted.

    Returns
    -------
    numpy.ndarray
        A new 2-D float64 array.

    Raises
    ------
    TypeError
        If ``value`` is not numeric.
    ValueError
        If it is not 2-D, has no columns, too few rows, or holds NaN/inf.
    """
    arr = _as_float_array(value, name)
    if arr.ndim != 2:
        raise ValueError(
            f"{name} must be 2-D (n_samples, n_features), got an array of shape {arr.shape}"
        )
    if arr.shape[0] < min_rows:
        raise ValueError(f"{name} must have at least {min_rows} rows, got {arr.shape[0]}")
    if arr.shape[1] == 0:
        raise ValueError(f"{name} must have at least one column, got shape {arr.shape}")
    _check_finite(arr, name)
    return arr


def check_real(value: object, name: str) -> float:
    """Return a finite real scalar of any sign (a 0-d array is accepted too).

    Raises
    ------
    TypeError
        If ``value`` is not a real number (booleans included).
    ValueError
        If it is NaN or infinite.
    """
    value = _item(value)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    val = float(value)
    if not np.isfinite(val):
        raise ValueError(f"{name} must be finite, got {val}")
    return val


# The most entries lessonlib allocates in one array (512 MiB of float64): a count that one
# argument sets (a grid size, a number of resamples) is checked against it up front, so a
# typo gives a ValueError naming the argument instead of a MemoryError (or swapping).
MAX_ENTRIES = 2**26


def check_entries(shape: tuple[int, ...], name: str) -> None:
    """Raise ``ValueError`` naming ``name`` if an array of ``shape`` would be too large.

    Parameters
    ----------
    shape : tuple of int
        The shape of the largest array the argument ``name`` makes the function allocate.
    name : str
        The argument that sets it, used in the error message.

    Raises
    ------
    ValueError
        If the array would hold more than :data:`MAX_ENTRIES` entries.

    Examples
    --------
    >>> check_entries((200, 30), "n_resamples")
    >>> try:
    ...     check_entries((10**9, 30), "n_resamples")
    ... except ValueError as exc:
    ...     print(str(exc)[:60])
    n_resamples is too large: it asks for an array of 1000000000
    """
    if math.prod(shape) > MAX_ENTRIES:
        dims = " x ".join(str(int(d)) for d in shape)
        raise ValueError(
            f"{name} is too large: it asks for an array of {dims} entries, more than the "
            f"{MAX_ENTRIES} (2**26) that lessonlib allocates at once"
        )


def check_same_length(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    """Raise ``ValueError`` unless ``a`` and ``b`` have the same number of rows."""
    if a.shape[0] != b.shape[0]:
        raise ValueError(
            f"{name_a} and {name_b} must have the same length, got {a.shape[0]} and {b.shape[0]}"
        )


def check_penalty(value: object, name: str, *, allow_zero: bool = True) -> float:
    """Return a penalty weight (lambda, alpha) as a float, checking it is finite and >= 0.

    Parameters
    ----------
    value : float or 0-d array
        The penalty weight.
    name : str
        The argument's name, used in error messages.
    allow_zero : bool, default=True
        Whether 0 is accepted.

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If ``value`` is not a real number.
    ValueError
        If it is NaN, infinite, negative, or zero when ``allow_zero`` is False.
    """
    value = _item(value)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    val = float(value)
    if not np.isfinite(val):
        raise ValueError(f"{name} must be finite, got {val}")
    if val < 0 or (val == 0 and not allow_zero):
        bound = ">= 0" if allow_zero else "> 0"
        raise ValueError(f"{name} must be {bound}, got {val}")
    return val


def check_positive_int(value: object, name: str) -> int:
    """Return ``value`` as an int, checking it is an integer >= 1."""
    value = _item(value)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    if value < 1:
        raise ValueError(f"{name} must be >= 1, got {value}")
    return int(value)


def check_fraction(value: object, name: str, *, low: float = 0.0, high: float = 1.0) -> float:
    """Return ``value`` as a float in the closed interval [low, high]."""
    value = _item(value)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    val = float(value)
    if not (low <= val <= high):
        raise ValueError(f"{name} must be in [{low}, {high}], got {val}")
    return val


def check_bool(value: object, name: str) -> bool:
    """Return ``value`` as a bool, accepting only ``True`` / ``False`` (or NumPy's bools).

    A truthiness test would read the string ``"False"`` as true, so nothing else passes.

    Parameters
    ----------
    value : bool or numpy.bool_
        The flag to check.
    name : str
        The argument's name, used in error messages.

    Returns
    -------
    bool

    Raises
    ------
    TypeError
        If ``value`` is not a bool (strings, None and integers included).

    Examples
    --------
    >>> check_bool(np.True_, "fit_intercept")
    True
    >>> check_bool("False", "fit_intercept")
    Traceback (most recent call last):
    ...
    TypeError: fit_intercept must be a bool, got 'False'
    """
    value = _item(value)
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a bool, got {value!r}")
    return bool(value)


_SEED_MAX = 2**32 - 1


def check_seed(value: object, name: str = "seed") -> int:
    """Return a random seed as an int in ``[0, 2**32 - 1]``.

    Every random draw in the book is seeded, so a re-run prints the same numbers; ``None``
    (fresh entropy on every call) is therefore refused. The range is the one scikit-learn's
    ``random_state`` accepts, so one rule serves it and ``numpy.random.default_rng``.

    Parameters
    ----------
    value : int
        The seed (a Python or NumPy integer, not a bool).
    name : str, default="seed"
        The argument's name, used in error messages.

    Returns
    -------
    int

    Raises
    ------
    TypeError
        If ``value`` is None, a bool, a float or anything else that is not an integer.
    ValueError
        If it is negative or larger than ``2**32 - 1``.

    Examples
    --------
    >>> check_seed(np.int64(3))
    3
    >>> check_seed(-1)
    Traceback (most recent call last):
    ...
    ValueError: seed must be >= 0, got -1
    """
    value = _item(value)
    if value is None:
        raise TypeError(
            f"{name} must be an int, got None: the book's outputs are reproducible "
            "only with a fixed seed, so pass one (e.g. 0)"
        )
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {type(value).__name__} {value!r}")
    seed = int(value)
    if seed < 0:
        raise ValueError(f"{name} must be >= 0, got {value}")
    if seed > _SEED_MAX:
        raise ValueError(f"{name} must be <= 2**32 - 1 = {_SEED_MAX}, got {value}")
    return seed


def check_tolerance(value: object, name: str) -> float:
    """Return a tolerance or step size as a float, checking it is finite and > 0.

    (A penalty weight may be 0 and is checked by :func:`check_penalty`; a tolerance or
    step of 0 never ends or never moves.)
    """
    val = check_real(value, name)
    if val <= 0:
        raise ValueError(f"{name} must be > 0, got {val}")
    return val


def check_std(value: object, name: str) -> float:
    """Return a standard deviation (noise) as a float: finite, > 0, and with a finite square.

    The square is the variance the caller reports (``noise**2``, the error no fit can
    remove); above ``1e154`` it is not a float64 (and Python's ``**`` raises
    ``OverflowError``), so such a value is refused by name.

    Examples
    --------
    >>> check_std(0.5, "noise")
    0.5
    >>> check_std(1e200, "noise")
    Traceback (most recent call last):
    ...
    ValueError: noise must be < 1e154 (its square must be a float64), got 1e+200
    """
    val = check_penalty(value, name, allow_zero=False)
    if val >= 1e154:
        raise ValueError(f"{name} must be < 1e154 (its square must be a float64), got {val:g}")
    return val


def check_nonnegative_vector(value: object, name: str) -> np.ndarray:
    """Return ``value`` as a finite 1-D float64 array of values ``>= 0`` (alphas, lambdas)."""
    arr = as_float_vector(value, name)
    if np.any(arr < 0):
        raise ValueError(f"{name} must be >= 0, got {arr[arr < 0][0]}")
    return arr


def check_penalties(value: ArrayLike, name: str) -> float | np.ndarray:
    """A penalty weight: a scalar ``>= 0`` (a 0-d array too) as a float, or a 1-D array of them."""
    if np.ndim(value) == 0:
        return check_penalty(value, name)
    return check_nonnegative_vector(value, name)


def check_choice(value: object, name: str, choices: tuple[str, ...]) -> str:
    """Return ``value``, checking it is one of the strings ``choices`` (``"l1"``, ``"l2"``)."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, one of {choices}, got {type(value).__name__}")
    if value not in choices:
        raise ValueError(f"{name} must be one of {choices}, got {value!r}")
    return value


def check_Xy(X: object, y: object) -> tuple[np.ndarray, np.ndarray]:
    """Validate the data once: ``X`` is (n, p), ``y`` is (n,), both finite (float64 copies)."""
    X = as_float_matrix(X, "X")
    y = as_float_vector(y, "y")
    check_same_length(X, y, "X", "y")
    return X, y


def check_coef(coef: object, p: int, name: str = "coef") -> np.ndarray:
    """Return a coefficient vector with one finite entry per column of ``X`` (``p`` of them)."""
    w = as_float_vector(coef, name)
    if w.shape[0] != p:
        raise ValueError(f"{name} must have one entry per column of X ({p}), got {w.shape[0]}")
    return w


def check_path_table(
    x: ArrayLike, coefs: ArrayLike, feature_names: Iterable[object], x_name: str
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """A path's table validated: ``x`` (k,), ``coefs`` (k, p) and ``p`` feature names.

    Parameters
    ----------
    x : array_like of shape (k,)
        Where the path is evaluated (alphas, lambdas, ...).
    coefs : array_like of shape (k, p)
        One row of coefficients per entry of ``x``.
    feature_names : iterable of str
        The ``p`` names.
    x_name : str
        How the error messages name ``x``.

    Returns
    -------
    x, coefs : numpy.ndarray
    names : list of str
    """
    x = as_float_vector(x, x_name)
    coefs = as_float_matrix(coefs, "coefs")
    if coefs.shape[0] != x.size:
        raise ValueError(
            f"coefs must have one row per entry of {x_name} ({x.size}), got shape {coefs.shape}"
        )
    names = [str(name) for name in feature_names]
    if len(names) != coefs.shape[1]:
        raise ValueError(f"feature_names must have {coefs.shape[1]} names, got {len(names)}")
    return x, coefs, names
