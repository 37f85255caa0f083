"""Exact rescaling by powers of two, so closed forms and solvers work at any float64 scale.

Multiplying a float by ``2**k`` changes only its exponent: no rounding happens unless the
result leaves the normal range. So a computation run on ``x * 2**-k`` (with ``k`` chosen
to bring ``max|x|`` into ``[0.5, 1)``) and scaled back gives *bit for bit* the result of
the unscaled computation whenever that one neither overflows nor underflows -- and a
finite, accurate one when it would have. Sums of squares of data near ``1e200`` overflow
and of data near ``1e-200`` underflow; after this rescaling neither does.
"""

from __future__ import annotations

import math

import numpy as np


def pow2_exponent(a: np.ndarray) -> int:
    """The ``k`` with ``max|a| / 2**k`` in ``[0.5, 1)``; 0 when ``a`` is all zeros."""
    # max|a|, without a copy of |a| (the reductions of a.max() without their Python wrapper)
    top = float(max(np.maximum.reduce(a, axis=None), -np.minimum.reduce(a, axis=None)))
    return math.frexp(top)[1] if top > 0.0 else 0


def scaled(a: np.ndarray, k: int, out: np.ndarray | None = None) -> np.ndarray:
    """``a * 2**k`` elementwise (exact while the results stay normal), into ``out`` if given.

    Where ``2**k`` is itself a double (``-1074 <= k <= 1023``) this is one multiplication
    by it: the exact product rounded once, as ``numpy.ldexp`` rounds it (the same bits,
    subnormal, infinite and NaN results included), at a fraction of the cost (``ldexp``
    calls the C library once per entry).
    """
    if -1074 <= k <= 1023:
        return np.multiply(a, math.ldexp(1.0, k), out=out)
    return np.ldexp(a, k, out=out)


def ldexp(value: float, k: int) -> float:
    """``value * 2**k`` as a float, ``+-inf`` where it overflows (no exception, no warning)."""
    try:
        return math.ldexp(value, k)
    except OverflowError:
        return math.copysign(math.inf, value)
