"""SymPy derivations of the one-feature closed forms in :mod:`lessonlib.simple`.

The derivation chapter displays these step by step. Each derivation starts FROM THE
LOSS, nothing assumed: the summand ``(y_i - m x_i - b)**2`` is expanded and summed
term by term, which writes ``SSE(m, b)`` with the raw sums as symbols

    n, Sum_x = sum(x), Sum_y = sum(y), Sum_xx = sum(x**2), Sum_xy = sum(x*y), Sum_yy = sum(y**2).

Then ``sympy.diff`` gives the stationarity equations, ``sympy.solve`` solves them,
and the answer is rewritten with the means and centred sums of the book

    xbar = Sum_x/n, ybar = Sum_y/n, Sxx = Sum_xx - n xbar**2, Sxy = Sum_xy - n xbar ybar,
    Syy = Sum_yy - n ybar**2.

The article's convention (no 1/2, no 1/n): lasso ``SSE + lam*|m|``, ridge ``SSE + lam*m**2``.
The lasso's ``|m|`` is not differentiable at 0, so it is done in three cases: ``m > 0``
and ``m < 0`` (where ``|m|`` is ``m`` or ``-m``), each solution kept only where it is
consistent with its assumption, and ``m = 0`` from the one-sided derivatives of the loss
at 0 (``sympy.limit`` of difference quotients): 0 is a minimiser iff the right derivative
is >= 0 and the left one <= 0, which ``sympy.reduce_inequalities`` solves for ``Sxy``.
Nothing of the case ``m = 0`` is typed in: :func:`derive_lasso` takes the weights of the
SSE and of the penalty as arguments, and the derived condition changes with them.

For display, :func:`as_written` prints a result the way a person writes it, cut into
lines on request, and :func:`labelled` sets a step with its label on a line above it:
the chapters show every display that is too wide for a phone's column in lines of their
own choosing, never broken by MathJax where it happens to run out of room.

SymPy is imported at the top of this module; ``import lessonlib`` does not import it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import sympy as sp

__all__ = [
    "Derivation",
    "LassoCase",
    "Sum_x",
    "Sum_xx",
    "Sum_xy",
    "Sum_y",
    "Sum_yy",
    "Sxx",
    "Sxy",
    "Syy",
    "as_written",
    "b",
    "derive_lasso",
    "derive_ols",
    "derive_ridge",
    "labelled",
    "lam",
    "m",
    "n",
    "xbar",
    "ybar",
]

# Symbols of the book. Sxx > 0 (x not constant), lam >= 0.
m, b = sp.symbols("m b", real=True)
lam = sp.Symbol("lambda", nonnegative=True)
n = sp.Symbol("n", positive=True, integer=True)
xbar, ybar = sp.symbols(r"\bar{x} \bar{y}", real=True)
Sxx = sp.Symbol("S_xx", positive=True)
Sxy = sp.Symbol("S_xy", real=True)
Syy = sp.Symbol("S_yy", nonnegative=True)
Sum_x, Sum_y, Sum_xx, Sum_xy, Sum_yy = sp.symbols(
    r"\Sigma{x} \Sigma{y} \Sigma{x^2} \Sigma{xy} \Sigma{y^2}", real=True
)
_x_i, _y_i = sp.symbols("x_i y_i", real=True)
_L = sp.Symbol("L")

# raw sums -> means and centred sums
_CENTRE = {
    Sum_x: n * xbar,
    Sum_y: n * ybar,
    Sum_xx: Sxx + n * xbar**2,
    Sum_xy: Sxy + n * xbar * ybar,
    Sum_yy: Syy + n * ybar**2,
}


@dataclass(frozen=True)
class LassoCase:
    """One of the lasso's three cases.

    ``name`` is ``"m > 0"``, ``"m < 0"`` or ``"m = 0"``; ``assumption`` the relation
    assumed for ``m``; ``stationarity`` the equation solved (for ``m = 0`` the
    subgradient condition ``0 in [...]``); ``slope`` the resulting slope; and
    ``condition`` when that slope is consistent with the assumption.
    """

    name: str
    assumption: sp.Basic
    stationarity: sp.Basic
    slope: sp.Expr
    condition: sp.Basic


@dataclass(frozen=True)
class Derivation:
    """A derivation for display: ``steps`` in order, and the results.

    Attributes
    ----------
    name : str
        ``"OLS"``, ``"ridge"`` or ``"lasso"``.
    loss : sympy.Expr
        The loss in terms of ``n`` and the raw sums.
    steps : list of (str, sympy object)
        Label and expression/equation of each step, in reading order.
    intercept : sympy.Eq
        ``b = ybar - m*xbar``.
    slope : sympy.Expr
        The slope in ``Sxx, Sxy, lam`` (a ``Piecewise`` for the lasso).
    cases : list of LassoCase
        The lasso's three cases; empty for OLS and ridge.
    """

    name: str
    loss: sp.Expr
    steps: list[tuple[str, sp.Basic]]
    intercept: sp.Eq
    slope: sp.Expr
    cases: list[LassoCase] = field(default_factory=list)

    def lambdify_slope(self) -> Callable[..., float | np.ndarray]:
        """The slope as a NumPy function ``f(Sxx, Sxy, lam)``, broadcasting its arguments.

        Examples
        --------
        >>> f = derive_ridge().lambdify_slope()
        >>> f(2.0, 5.0, 3.0)
        1.0
        """
        raw = sp.lambdify((Sxx, Sxy, lam), self.slope, modules="numpy")

        def slope(Sxx_: object, Sxy_: object, lam_: object) -> float | np.ndarray:
            args = [np.asarray(a, dtype=float) for a in (Sxx_, Sxy_, lam_)]
            shape = np.broadcast(*args).shape
            out = np.broadcast_to(np.asarray(raw(*args), dtype=float), shape)
            return float(out) if out.ndim == 0 else out.copy()

        return slope


def _sse_in_sums() -> sp.Expr:
    """Expand ``(y_i - m x_i - b)**2`` and sum each monomial over i."""
    summand = sp.Poly(sp.expand((_y_i - m * _x_i - b) ** 2), _x_i, _y_i)
    sums = {(0, 0): n, (1, 0): Sum_x, (0, 1): Sum_y, (2, 0): Sum_xx, (1, 1): Sum_xy, (0, 2): Sum_yy}
    return sp.Add(*(coef * sums[powers] for powers, coef in summand.terms()))


# The default weight of the SSE: the article's loss has none in front.
_ONE = sp.Integer(1)


def _centre(expr: sp.Basic) -> sp.Basic:
    """Rewrite raw sums as means and centred sums, and tidy up."""
    return sp.simplify(sp.expand(expr.subs(_CENTRE)))


def _smooth_derivation(
    penalty: sp.Expr, sse_weight: sp.Expr = _ONE
) -> tuple[sp.Expr, list, sp.Eq, sp.Expr, sp.Eq]:
    """Minimise sse_weight*SSE + penalty (differentiable in m).

    Returns loss, steps, b-eq, slope, dL/dm=0.
    """
    loss = sse_weight * _sse_in_sums() + penalty
    steps: list[tuple[str, sp.Basic]] = [("loss L(m, b) written with the sums", sp.Eq(_L, loss))]
    dL_db = sp.Eq(sp.diff(loss, b), 0)
    (b_sums,) = sp.solve(dL_db, b)
    intercept = sp.Eq(b, _centre(b_sums))
    steps += [
        ("dL/db = 0", dL_db),
        ("solve for b", sp.Eq(b, b_sums)),
        ("with the means xbar = Sum_x/n, ybar = Sum_y/n", intercept),
    ]
    profile = _centre(loss.subs(b, b_sums))
    dL_dm = sp.Eq(sp.diff(loss, m).subs(b, b_sums), 0)
    (m_sums,) = sp.solve(dL_dm, m)
    slope = sp.factor(_centre(m_sums))
    stationarity = sp.Eq(_centre(sp.diff(profile, m)), 0)
    steps += [
        ("put b in: the loss as a function of m (centred sums)", sp.Eq(_L, sp.expand(profile))),
        ("dL/dm = 0 with that b", dL_dm),
        ("solve for m", sp.Eq(m, m_sums)),
        ("with Sxx = Sum_xx - n xbar^2, Sxy = Sum_xy - n xbar ybar", stationarity),
        ("slope", sp.Eq(m, slope)),
    ]
    return loss, steps, intercept, slope, stationarity


def derive_ols() -> Derivation:
    """Derive least squares: ``m = Sxy/Sxx``, ``b = ybar - m*xbar``.

    Returns
    -------
    Derivation

    Examples
    --------
    >>> d = derive_ols()
    >>> d.slope
    S_xy/S_xx
    >>> d.intercept.rhs
    -\\bar{x}*m + \\bar{y}
    """
    loss, steps, intercept, slope, _ = _smooth_derivation(sp.Integer(0))
    return Derivation("OLS", loss, steps, intercept, slope)


def derive_ridge() -> Derivation:
    """Derive ridge, loss ``SSE + lam*m**2``: ``m = Sxy/(Sxx + lam)``.

    Returns
    -------
    Derivation

    Examples
    --------
    >>> derive_ridge().slope
    S_xy/(S_xx + lambda)
    """
    loss, steps, intercept, slope, _ = _smooth_derivation(lam * m**2)
    return Derivation("ridge", loss, steps, intercept, slope)


def derive_lasso(*, sse_weight: object = 1, penalty_weight: object = None) -> Derivation:
    """Derive the lasso, loss ``sse_weight*SSE + penalty_weight*|m|``, in three cases.

    Parameters
    ----------
    sse_weight : number or sympy expression, optional
        Positive factor in front of the sum of squared errors: 1 (the article, default),
        ``sympy.Rational(1, 2)``, or ``1/(2*n)`` (scikit-learn).
    penalty_weight : sympy expression, optional
        Non-negative weight of ``|m|``; the symbol ``lam`` by default.

    Returns
    -------
    Derivation
        ``.cases`` holds the cases ``m > 0``, ``m < 0``, ``m = 0``; ``.slope`` is the
        ``Piecewise`` that combines them.

    Notes
    -----
    For ``m > 0`` replace ``|m|`` by ``m``, differentiate and solve: ``m = (Sxy - lam/2)/Sxx``
    (article's weights), which is > 0 exactly when ``Sxy > lam/2``. For ``m < 0`` likewise
    with ``-m``: ``m = (Sxy + lam/2)/Sxx`` when ``Sxy < -lam/2``. For ``m = 0`` the loss of
    ``m`` alone (best ``b`` put in) is differentiated from each side at 0 as the limit of a
    difference quotient, giving ``-2 Sxy + lam`` (right) and ``-2 Sxy - lam`` (left); 0 is a
    minimiser iff the right one is >= 0 and the left one <= 0, i.e. 0 lies in the
    subdifferential ``[left, right]``. SymPy solves these two inequalities for ``Sxy``;
    their solution is a symmetric interval, written ``|Sxy| <= lam/2``.

    Examples
    --------
    >>> d = derive_lasso()
    >>> [c.name for c in d.cases]
    ['m > 0', 'm < 0', 'm = 0']
    >>> d.cases[0].slope, d.cases[0].condition
    ((2*S_xy - lambda)/(2*S_xx), S_xy > lambda/2)
    >>> d.cases[2].condition
    Abs(S_xy) <= lambda/2
    >>> derive_lasso(sse_weight=sp.Rational(1, 2)).cases[2].condition
    Abs(S_xy) <= lambda
    """
    c = sp.sympify(sse_weight)
    w = lam if penalty_weight is None else sp.sympify(penalty_weight)
    if c.is_positive is not True:
        raise ValueError(f"sse_weight must be positive, got {sse_weight!r}")
    if w.is_nonnegative is not True:
        raise ValueError(f"penalty_weight must be non-negative, got {penalty_weight!r}")
    loss_abs = c * _sse_in_sums() + w * sp.Abs(m)
    steps: list[tuple[str, sp.Basic]] = [
        ("loss L(m, b) written with the sums", sp.Eq(_L, loss_abs))
    ]
    cases: list[LassoCase] = []
    intercept = None
    for name, assumption, sign in [("m > 0", m > 0, 1), ("m < 0", m < 0, -1)]:
        # under the assumption |m| = sign*m, and the loss is differentiable
        _, case_steps, intercept, slope, stationarity = _smooth_derivation(sign * w * m, c)
        condition = _consistency(slope, sign)
        cases.append(LassoCase(name, assumption, stationarity, slope, condition))
        steps += [(f"case {name}: {label}", expr) for label, expr in case_steps[1:]]
        steps.append((f"case {name}: consistent with {name} iff", condition))

    # m = 0: the loss of m alone, best b put in (dL/db does not involve |m|)
    (b_best,) = sp.solve(sp.diff(loss_abs, b), b)
    profile = _centre(loss_abs.subs(b, b_best))
    h = sp.Symbol("h", positive=True)
    right = sp.limit((profile.subs(m, h) - profile.subs(m, 0)) / h, h, 0, "+")
    left = sp.limit((profile.subs(m, 0) - profile.subs(m, -h)) / h, h, 0, "+")
    subgradients = sp.Interval(left, right)
    zero_in = sp.Contains(0, subgradients)
    uphill = sp.And(right >= 0, left <= 0)
    solved = sp.reduce_inequalities([right >= 0, left <= 0], Sxy)
    zero_condition = _as_abs_bound(solved)
    cases.append(LassoCase("m = 0", sp.Eq(m, 0), zero_in, sp.Integer(0), zero_condition))
    steps += [
        ("case m = 0: the loss of m alone", sp.Eq(_L, sp.expand(profile))),
        ("case m = 0: subgradient of L at m = 0", subgradients),
        ("case m = 0: 0 is a minimiser iff", zero_in),
        ("case m = 0: that is", uphill),
        ("case m = 0: solved for Sxy", solved),
        ("case m = 0: i.e.", zero_condition),
    ]
    slope = sp.Piecewise(
        (cases[0].slope, cases[0].condition), (cases[1].slope, cases[1].condition), (0, True)
    )
    steps.append(("slope", sp.Eq(m, slope)))
    return Derivation("lasso", loss_abs, steps, intercept, slope, cases)


def _as_abs_bound(condition: sp.Basic) -> sp.Basic:
    """Write ``lo <= Sxy <= hi`` as ``|Sxy| <= hi`` when SymPy proves ``lo == -hi``.

    Any other condition is returned unchanged.
    """
    if not isinstance(condition, sp.And) or len(condition.args) != 2:
        return condition
    lower = upper = None
    for rel in condition.args:
        rel = rel.canonical if isinstance(rel, sp.Rel) else rel
        if isinstance(rel, sp.GreaterThan) and rel.lhs == Sxy:
            lower = rel.rhs
        elif isinstance(rel, sp.LessThan) and rel.lhs == Sxy:
            upper = rel.rhs
    if lower is None or upper is None or sp.simplify(lower + upper) != 0:
        return condition
    return sp.Abs(Sxy) <= upper


def _consistency(slope: sp.Expr, sign: int) -> sp.Basic:
    """The condition on Sxy under which ``slope`` has the assumed sign.

    ``sign*slope > 0`` iff ``sign*slope*Sxx > 0`` (Sxx > 0), which is linear in Sxy:
    it holds on one side of its root, the side where its Sxy-coefficient points.
    """
    linear = sp.expand(sign * slope * Sxx)
    (root,) = sp.solve(sp.Eq(linear, 0), Sxy)
    return Sxy > root if sp.diff(linear, Sxy) > 0 else Sxy < root


def _positive_first(expr: sp.Basic) -> sp.Basic:
    """``expr`` with every sum that SymPy would print starting with a minus starting with
    its first positive term instead (``ybar - xbar*m``, not ``-xbar*m + ybar``); SymPy's
    order otherwise. Printed with ``order="none"``."""
    if expr.is_Atom:
        return expr
    args = [_positive_first(a) for a in expr.args]
    if isinstance(expr, sp.Add):
        return sp.Add(*_ordered_terms(expr), evaluate=False)
    return expr.func(*args, evaluate=False) if isinstance(expr, (sp.Mul, sp.Pow)) else expr


def _ordered_terms(expr: sp.Add) -> list[sp.Basic]:
    """The terms of a sum in the order :func:`as_written` prints them."""
    terms = [_positive_first(t) for t in expr.as_ordered_terms()]
    plus = next((t for t in terms if not t.could_extract_minus_sign()), None)
    if terms[0].could_extract_minus_sign() and plus is not None:
        terms.remove(plus)
        terms.insert(0, plus)
    return terms


def _written(expr: sp.Basic) -> str:
    if isinstance(expr, sp.Equality):
        return f"{_written(expr.lhs)} = {_written(expr.rhs)}"
    if isinstance(expr, (sp.Ge, sp.Le, sp.Gt, sp.Lt)):
        sign = {sp.Ge: r"\ge", sp.Le: r"\le", sp.Gt: ">", sp.Lt: "<"}[type(expr)]
        return f"{_written(expr.lhs)} {sign} {_written(expr.rhs)}"
    if isinstance(expr, sp.And):
        return _written_and(expr)
    if isinstance(expr, sp.Piecewise):
        rows = [
            rf"{_written(value)} & \text{{if }} {_written(cond)}"
            for value, cond in expr.args
            if cond is not sp.true
        ] + [rf"{_written(v)} & \text{{otherwise}}" for v, c in expr.args if c is sp.true]
        return r"\begin{cases}" + r" \\ ".join(rows).replace(r"\frac", r"\dfrac") + r"\end{cases}"
    return sp.latex(_positive_first(expr), order="none")


def _written_and(expr: sp.And) -> str:
    """Two bounds on one expression as one chained inequality, others joined by "and"."""
    parts = list(expr.args)
    if len(parts) == 2 and all(isinstance(p, (sp.Ge, sp.Le)) for p in parts):
        lows = [p.rhs if isinstance(p, sp.Ge) else p.lhs for p in parts]
        highs = [p.lhs if isinstance(p, sp.Ge) else p.rhs for p in parts]
        for middle in set(lows) & set(highs):
            low = next(p for p in parts if middle in (p.lhs, p.rhs) and _is_lower(p, middle))
            high = next(p for p in parts if p is not low)
            lo = low.rhs if low.lhs == middle else low.lhs
            hi = high.rhs if high.lhs == middle else high.lhs
            return rf"{_written(lo)} \le {_written(middle)} \le {_written(hi)}"
    return r" \quad\text{and}\quad ".join(_written(p) for p in parts)


def _is_lower(rel: sp.Basic, middle: sp.Basic) -> bool:
    """Whether ``rel`` bounds ``middle`` from below (``middle >= a`` or ``a <= middle``)."""
    return (isinstance(rel, sp.Ge) and rel.lhs == middle) or (
        isinstance(rel, sp.Le) and rel.rhs == middle
    )


def as_written(expr: sp.Basic, *, lines: int = 1) -> str:
    r"""LaTeX of a derived result as a person writes it, not in SymPy's term order.

    Sums start with their positive terms, two bounds on one quantity become one chained
    inequality (``-a <= x <= a``, not ``x >= -a ∧ x <= a``), other conjunctions read
    "and", and a piecewise result is a ``cases`` block with full-size fractions. The
    expression itself is SymPy's, unchanged: only how it is printed.

    Parameters
    ----------
    expr : sympy.Basic
        An expression, an equation, an inequality, a conjunction or a ``Piecewise``.
    lines : int, optional
        1 (default): one line. More: a formula too wide for a phone's column is cut at
        the ``+`` and ``-`` signs of its sum (of an equation, the side that is a sum,
        the right-hand one if both are) into that many lines of about equal length,
        in an ``aligned`` block, flush left, each line after the first indented.

    Returns
    -------
    str
        LaTeX (without surrounding ``$``).

    Raises
    ------
    ValueError
        If ``lines`` is not a whole number from 1 to the number of terms of the sum,
        or is more than 1 for a formula with no sum to cut.

    Examples
    --------
    >>> m, xbar, ybar, lam, S = sp.symbols(r"m \bar{x} \bar{y} lambda S_{xy}")
    >>> print(as_written(sp.Eq(sp.Symbol("b"), -xbar * m + ybar)))
    b = \bar{y} - \bar{x} m
    >>> print(as_written(sp.And(S >= -lam / 2, S <= lam / 2)))
    - \frac{\lambda}{2} \le S_{xy} \le \frac{\lambda}{2}
    >>> print(as_written(sp.Eq(sp.Symbol("L"), S**2 - 2 * S * m + m**2 + lam * m**2), lines=2))
    \begin{aligned}&L = S_{xy}^{2} - 2 S_{xy} m\\&\quad {}+ \lambda m^{2} + m^{2}\end{aligned}
    """
    rows = _written_rows(expr, lines)
    return rows[0] if len(rows) == 1 else _aligned(rows)


# How a line that continues the one above starts: indented, and with "{}" so that the
# + or - it starts with is spaced as a binary operator, not as a sign.
_CONTINUED = r"\quad {}"


def _aligned(rows: list[str]) -> str:
    """Rows of LaTeX, flush left, one under the other."""
    return r"\begin{aligned}" + r"\\".join("&" + row for row in rows) + r"\end{aligned}"


def _written_rows(expr: sp.Basic, lines: int) -> list[str]:
    """:func:`as_written` of ``expr`` cut into ``lines`` rows (see there)."""
    if isinstance(lines, bool) or not isinstance(lines, int) or lines < 1:
        raise ValueError(f"lines must be a whole number >= 1, got {lines!r}")
    if lines == 1:
        return [_written(expr)]
    if isinstance(expr, sp.Equality) and isinstance(expr.rhs, sp.Add):
        return _cut_sum(expr.rhs, lines, head=f"{_written(expr.lhs)} = ")
    if isinstance(expr, sp.Equality) and isinstance(expr.lhs, sp.Add):
        return _cut_sum(expr.lhs, lines, tail=f" = {_written(expr.rhs)}")
    if isinstance(expr, sp.Add):
        return _cut_sum(expr, lines)
    raise ValueError(f"lines={lines} needs a sum to cut (or an equation with one), got {expr}")


def _cut_sum(expr: sp.Add, lines: int, head: str = "", tail: str = "") -> list[str]:
    """``head``, the terms of ``expr`` and ``tail``, cut into ``lines`` rows at the signs
    between terms, where the longest row (:func:`_visible_length`) is shortest."""
    pieces = []
    for k, term in enumerate(_ordered_terms(expr)):
        text = sp.latex(term, order="none")
        negative = text.startswith("-")
        body = text[1:].lstrip() if negative else text
        pieces.append(f"- {body}" if negative else body if k == 0 else f"+ {body}")
    if lines > len(pieces):
        raise ValueError(f"lines must be at most the {len(pieces)} terms of the sum, got {lines}")

    def rows(cuts: tuple[int, ...]) -> list[str]:
        out = [" ".join(pieces[a:b]) for a, b in itertools.pairwise((0, *cuts, len(pieces)))]
        out[0], out[-1] = head + out[0], out[-1] + tail
        return out

    best = min(  # on a tie, the longer first rows
        itertools.combinations(range(1, len(pieces)), lines - 1),
        key=lambda cuts: (max(_visible_length(row) for row in rows(cuts)), [-c for c in cuts]),
    )
    first, *rest = rows(best)
    return [first] + [_CONTINUED + row for row in rest]


def _visible_length(tex: str) -> int:
    r"""A rough width of LaTeX: its characters, a command (``\lambda``) as one, without
    braces, spaces and ``\left``/``\right``."""
    return len(re.sub(r"\\[a-zA-Z]+", "x", re.sub(r"\\(left|right)\b|[{}\s]", "", tex)))


def labelled(
    label: str,
    formula: sp.Basic | str | Sequence[sp.Basic | str],
    *,
    lines: int = 1,
    wrap: int = 38,
) -> str:
    r"""LaTeX of a labelled step: the label on a line of its own, the formula under it.

    Label and formula are flush left in one ``aligned`` block, so that a derivation's
    steps read down the page the same way on a wide screen and in a phone's column.

    Parameters
    ----------
    label : str
        Plain text, with any mathematics between ``$`` signs as in Markdown
        (``"set $\partial L/\partial b = 0$"``); a colon is added. A label longer than
        ``wrap`` characters is broken after its commas (outside ``$...$``).
    formula : sympy.Basic, str, or a sequence of them
        A SymPy result (printed with :func:`as_written`) or LaTeX; a sequence puts
        each item on a line of its own. A LaTeX item that starts with ``"+ "`` or
        ``"- "`` continues the line above, indented as :func:`as_written` indents.
    lines : int, optional
        Lines to cut each SymPy formula into (see :func:`as_written`); default 1.
    wrap : int, optional
        Longest label line, in characters; 38 (default) fit a phone's column.

    Returns
    -------
    str
        LaTeX (without surrounding ``$``), for ``IPython.display.Math``.

    Raises
    ------
    ValueError
        If ``label`` is empty, has an unmatched ``$``, or has ``\``, ``^`` or ``~``
        outside ``$...$``; if ``wrap`` < 1; or from :func:`as_written` for ``lines``.

    Examples
    --------
    >>> print(labelled("with the means", sp.Eq(b, ybar - xbar * m)))
    \begin{aligned}&\text{with the means:}\\&b = \bar{y} - \bar{x} m\end{aligned}
    >>> print(labelled("solve for $b$, a long label", "b = 1", wrap=20))
    \begin{aligned}&\text{solve for }b\text{,}\\&\text{a long label:}\\&b = 1\end{aligned}
    """
    if not isinstance(label, str) or not label.strip():
        raise ValueError(f"label must be non-empty text, got {label!r}")
    if isinstance(wrap, bool) or not isinstance(wrap, int) or wrap < 1:
        raise ValueError(f"wrap must be a whole number >= 1, got {wrap!r}")
    if label.count("$") % 2:
        raise ValueError(f"label has an unmatched $: {label!r}")
    items = [formula] if isinstance(formula, (str, sp.Basic)) else list(formula)
    rows = [_label_tex(line) for line in _label_lines(label + ":", wrap)]
    for item in items:
        if isinstance(item, str):
            rows.append(_CONTINUED + item if item.startswith(("+ ", "- ")) else item)
        else:
            rows += _written_rows(item, lines)
    return _aligned(rows)


def _label_lines(label: str, wrap: int) -> list[str]:
    """``label`` cut after its commas outside ``$...$`` into lines of at most ``wrap``
    characters where it can be."""
    pieces, start, math = [], 0, False
    for k, char in enumerate(label):
        math ^= char == "$"
        if char == "," and not math and label[k + 1 : k + 2] == " ":
            pieces.append(label[start : k + 1])
            start = k + 2
    pieces.append(label[start:])
    lines = [pieces[0]]
    for piece in pieces[1:]:
        if len(lines[-1]) + 1 + len(piece) <= wrap:
            lines[-1] += " " + piece
        else:
            lines.append(piece)
    return lines


def _label_tex(line: str) -> str:
    r"""One line of a label as LaTeX: text in ``\text{}``, ``$...$`` as mathematics."""
    out = []
    for k, part in enumerate(line.split("$")):
        if k % 2:
            out.append(part)
            continue
        if any(char in part for char in "\\^~"):
            raise ValueError(f"label text may not hold \\, ^ or ~ outside $...$: {line!r}")
        for char in "&%#_{}":
            part = part.replace(char, "\\" + char)
        if part:
            out.append(rf"\text{{{part}}}")
    return "".join(out)
