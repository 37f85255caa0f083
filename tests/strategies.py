"""Hypothesis strategies for regression problems ``(X, y)``: the inputs where numerical code breaks.

Well-conditioned random data alone never find the bugs of a solver; these strategies draw
them, but also the corners. A problem is drawn in layers, each a small strategy below whose
docstring says why its case matters:

1. :func:`sizes` -- ``(n, p)``: tiny ``n`` (2 or 3), a single feature, more features than
   samples;
2. a design: :func:`gaussian_designs` (well conditioned) or :func:`integer_designs` (exact
   ties, readable counterexamples);
3. :func:`degenerate_columns` -- duplicated, flipped, collinear and constant columns, put in
   at random positions;
4. :func:`responses` -- ``y``: a sparse signal with or without noise, noise alone, small
   integers, or a constant;
5. :func:`powers_of_ten` -- ``X`` and/or ``y`` multiplied by ``10**k`` with ``|k| <= 150``.

:func:`regression_problems` puts the layers together and :func:`one_feature_problems` does
the same for one non-constant feature (``lessonlib.simple``). Both draw a :class:`Problem`
whose ``repr`` is Python that rebuilds it, so a failing example can be pasted into
``@example(problem=Problem(...))``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

__all__ = [
    "Problem",
    "degenerate_columns",
    "designs",
    "gaussian_designs",
    "integer_designs",
    "one_feature_problems",
    "powers_of_ten",
    "regression_problems",
    "responses",
    "sizes",
]


@dataclass(frozen=True, eq=False)
class Problem:
    """A drawn regression problem: features ``X`` (n, p), response ``y`` (n,), and notes.

    ``notes`` say how the problem was made (``"gaussian 3x5"``, ``"duplicate of 0 at 2"``,
    ``"X * 1e-150"``), so a failure report says which corner it is in. ``X`` and ``y``
    may be given as nested lists (as the ``repr`` prints them).
    """

    X: np.ndarray
    y: np.ndarray
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "X", np.array(self.X, dtype=float))
        object.__setattr__(self, "y", np.array(self.y, dtype=float))
        object.__setattr__(self, "notes", tuple(self.notes))

    @property
    def n(self) -> int:
        """Number of samples."""
        return self.X.shape[0]

    @property
    def p(self) -> int:
        """Number of features."""
        return self.X.shape[1]

    def __repr__(self) -> str:
        # tolist() gives Python floats, whose repr round-trips exactly
        return f"Problem(X={self.X.tolist()!r}, y={self.y.tolist()!r}, notes={self.notes!r})"

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        """How Hypothesis prints a failing example: the exact ``repr``, not numpy's rounding."""
        printer.text(repr(self))


# ------------------------------------------------------------------------------ 1. sizes


def sizes(max_n: int = 12, max_p: int = 8) -> st.SearchStrategy[tuple[int, int]]:
    """``(n, p)``, with the corners drawn often.

    * ``n = 2`` or ``3``: with an intercept, ``n = 2`` leaves one dimension -- every
      centred column is a multiple of ``(1, -1)``, so all features are collinear -- and
      ``n = 3`` leaves two; the lasso path can hold at most ``n - 1`` features.
    * ``p = 1``: a single feature, where the lasso is a soft-threshold in closed form and
      an off-by-one in a loop over features shows.
    * ``p > n`` (frequent for small ``n``): ``X^T X`` is singular, the least-squares fit
      interpolates, and the lasso path stops growing at ``rank(X_c)`` features.
    """
    n = st.one_of(st.sampled_from([2, 3]), st.integers(4, max(4, max_n)))
    p = st.just(1) if max_p == 1 else st.one_of(st.just(1), st.integers(2, max_p))
    return st.tuples(n, p)


# ------------------------------------------------------------------------------ 2. designs


@st.composite
def gaussian_designs(draw: st.DrawFn, n: int, p: int) -> np.ndarray:
    """Independent Gaussian columns, each scaled (0.1 to 10) and shifted (-5 to 5).

    The well-conditioned baseline that every solver must get right (with ``n > p`` the
    lasso solution is unique and the objective strongly convex). The shifts exercise the
    centring (the intercept), the unequal column scales the column norms that every
    coordinate update divides by. Drawn from a seed: Hypothesis shrinks the seed.
    """
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    scale = 10.0 ** rng.uniform(-1.0, 1.0, p)
    shift = rng.uniform(-5.0, 5.0, p)
    return rng.standard_normal((n, p)) * scale + shift


def integer_designs(n: int, p: int) -> st.SearchStrategy[np.ndarray]:
    """Small integers (-3 to 3).

    Exact ties that random reals never give: equal correlations (features that enter
    the lasso path at the same knot), equal columns and constant columns by chance,
    ``x_j^T y = 0``. Counterexamples shrink to small readable matrices.
    """
    return hnp.arrays(np.float64, (n, p), elements=st.integers(-3, 3).map(float))


def designs(n: int, p: int) -> st.SearchStrategy[tuple[np.ndarray, str]]:
    """A design of either kind, with its name for the notes."""
    return st.one_of(
        gaussian_designs(n, p).map(lambda X: (X, "gaussian")),
        integer_designs(n, p).map(lambda X: (X, "integers")),
    )


# ------------------------------------------------------------------------- 3. degeneracies


def _duplicate(draw: st.DrawFn, X: np.ndarray) -> tuple[np.ndarray, str]:
    """An exact copy of a column, possibly negated and shifted.

    Duplicated columns make the lasso solution non-unique (any split of a weight between
    the copies, with the right signs, is optimal) and ``X^T X`` singular; the homotopy
    must refuse the copy instead of dividing by zero, and the elastic net must split the
    weight equally. With an intercept the shift is invisible; without one the shifted
    copy is a different feature.
    """
    j = draw(st.integers(0, X.shape[1] - 1))
    sign = draw(st.sampled_from([1.0, -1.0]))
    shift = draw(st.sampled_from([0.0, 0.0, 2.0, -0.7]))
    return sign * X[:, j] + shift, f"duplicate of {j} (x{sign:+g} {shift:+g})"


def _collinear(draw: st.DrawFn, X: np.ndarray) -> tuple[np.ndarray, str]:
    """A combination ``a x_i + b x_k`` of two columns (a multiple of one when ``p = 1``).

    ``X_c`` is rank deficient although no two columns are equal, so no pairwise check
    finds it: the homotopy must refuse the column only once the columns it depends on are
    active. With ``|a| + |b| > 1`` the combination can be the cheaper way to fit ``y``
    (its L1 cost is lower), so the solver must not simply keep the originals.
    """
    coef = st.sampled_from([1.0, -1.0, 2.0, -0.5, 0.5])
    i, k = draw(st.integers(0, X.shape[1] - 1)), draw(st.integers(0, X.shape[1] - 1))
    a, b = draw(coef), draw(coef)
    if i == k:
        return a * X[:, i], f"collinear {a:g} x{i}"
    return a * X[:, i] + b * X[:, k], f"collinear {a:g} x{i} {b:+g} x{k}"


def _constant(draw: st.DrawFn, X: np.ndarray) -> tuple[np.ndarray, str]:
    """A constant column (0, or between 1e-3 and 10 in size).

    Once centred it is zero: it carries no information and its coefficient must be 0
    (a naive coordinate update divides by its norm, 0). Its mean is not always exactly
    representable (``0.1 * 3 / 3 != 0.1``), so naive centring leaves noise of ~1e-17
    that a solver may fit with a huge coefficient. Without an intercept it is an
    ordinary feature. (Not tinier: a column 1e-17 the size of the others moves the lasso
    path only at alphas below the rounding error of the correlations.)
    """
    size = st.floats(1e-3, 10.0)
    c = draw(st.one_of(st.sampled_from([0.0, 0.1, 1.0 / 3.0, -2.5]), size, size.map(lambda v: -v)))
    return np.full(X.shape[0], c), f"constant {c!r}"


_DEGENERACIES = {"duplicate": _duplicate, "collinear": _collinear, "constant": _constant}


@st.composite
def degenerate_columns(
    draw: st.DrawFn, X: np.ndarray, max_extra: int = 2
) -> tuple[np.ndarray, list[str]]:
    """``X`` with 0 to ``max_extra`` degenerate columns inserted at random positions.

    Inserted, not appended: the homotopy breaks ties in favour of the lower index, so a
    copy that comes before its original takes another code path.
    """
    kinds = draw(st.lists(st.sampled_from(sorted(_DEGENERACIES)), max_size=max_extra))
    notes = []
    for kind in kinds:
        column, note = _DEGENERACIES[kind](draw, X)
        at = draw(st.integers(0, X.shape[1]))
        X = np.insert(X, at, column, axis=1)
        notes.append(f"{note} at {at}")
    return X, notes


# ----------------------------------------------------------------------------- 4. responses


@st.composite
def responses(draw: st.DrawFn, X: np.ndarray) -> tuple[np.ndarray, str]:
    """A response ``y`` for the design ``X``, of one of four kinds.

    * ``signal``: ``X w`` for a sparse ``w`` plus noise of size 0, 0.1 or 1. Without noise
      the least-squares fit interpolates and residuals at small alpha are rounding noise.
    * ``noise``: independent of ``X``; correlations are small and knots close together.
    * ``integers``: exact ties with an integer design, ``x_j^T y = 0`` exactly.
    * ``constant``: ``y_c = 0``, so ``alpha_max = 0`` and every coefficient is 0 at every
      alpha; relative tolerances have nothing to be relative to.
    """
    n, p = X.shape
    kind = draw(st.sampled_from(["signal", "noise", "integers", "constant"]))
    if kind == "integers":
        y = draw(hnp.arrays(np.float64, n, elements=st.integers(-3, 3).map(float)))
        return y, "y integers"
    if kind == "constant":
        c = draw(st.sampled_from([0.0, 0.1, -7.3]))
        return np.full(n, c), f"y constant {c!r}"
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    if kind == "noise":
        return rng.standard_normal(n) + rng.uniform(-5, 5), "y noise"
    w = rng.choice([0.0, 0.0, 1.0, -2.5], size=p)
    sigma = draw(st.sampled_from([0.0, 0.1, 1.0]))
    return X @ w + sigma * rng.standard_normal(n) + 1.0, f"y signal, noise {sigma:g}"


# -------------------------------------------------------------------------------- 5. scales


def powers_of_ten() -> st.SearchStrategy[int]:
    """An exponent ``k`` for a factor ``10**k``, ``|k| <= 150``; 0 and +-150 drawn often.

    At ``1e+-150`` sums of squares are near ``1e+-300``, still float64, but products of
    four entries (``X^T X X^T y``) and squares of sums of squares are not: a solver must
    rescale or it overflows to inf or underflows to 0. ``10**k`` is not a power of two,
    so the factor also rounds every entry (duplicates stay exact duplicates).
    """
    return st.one_of(st.just(0), st.sampled_from([-150, 150]), st.integers(-150, 150))


# ------------------------------------------------------------------------------- problems


@st.composite
def regression_problems(
    draw: st.DrawFn,
    *,
    max_n: int = 12,
    max_p: int = 6,
    degenerate: bool = True,
    scaled: bool = True,
) -> Problem:
    """A regression problem built from the layers above (see the module docstring).

    ``degenerate=False`` leaves out the degenerate columns, ``scaled=False`` the powers of
    ten. With degenerate columns ``p`` can reach ``max_p + 2``.
    """
    n, p = draw(sizes(max_n, max_p))
    X, design = draw(designs(n, p))
    notes = [f"{design} {n}x{p}"]
    if degenerate:
        X, more = draw(degenerate_columns(X))
        notes += more
    y, how = draw(responses(X))
    notes.append(how)
    if scaled:
        kx, ky = draw(powers_of_ten()), draw(powers_of_ten())
        X, y = X * 10.0**kx, y * 10.0**ky
        notes += [f"X * 1e{kx}"] * (kx != 0) + [f"y * 1e{ky}"] * (ky != 0)
    return Problem(X, y, tuple(notes))


@st.composite
def one_feature_problems(draw: st.DrawFn, *, max_n: int = 12) -> Problem:
    """One feature that is not constant (``lessonlib.simple`` refuses a constant ``x``).

    All the layers except the degenerate columns; an integer design that came out
    constant gets ``0, 1, ..., n-1`` added.
    """
    n, _ = draw(sizes(max_n, 1))
    X, design = draw(designs(n, 1))
    notes = [f"{design} {n}x1"]
    if np.all(X[:, 0] == X[0, 0]):
        X = X + np.arange(n)[:, None]
        notes.append("+ arange")
    y, how = draw(responses(X))
    kx, ky = draw(powers_of_ten()), draw(powers_of_ten())
    notes += [how] + [f"X * 1e{kx}"] * (kx != 0) + [f"y * 1e{ky}"] * (ky != 0)
    return Problem(X * 10.0**kx, y * 10.0**ky, tuple(notes))
