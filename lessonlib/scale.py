"""The penalty's two scales, and every conversion between them.

The book writes the article's losses, with no ``1/2`` or ``1/n`` in front::

    lasso   SSE + lam * ||w||_1          ridge   SSE + lam * ||w||_2^2
    elastic net   SSE + lam1 * ||w||_1 + lam2 * ||w||_2^2

scikit-learn (and :mod:`lessonlib.solvers`, :mod:`lessonlib.path`) writes ``alpha``::

    Lasso        1/(2n) SSE + alpha * ||w||_1
    Ridge        SSE + alpha * ||w||_2^2
    ElasticNet   1/(2n) SSE + alpha * l1_ratio * ||w||_1
                        + alpha * (1 - l1_ratio) / 2 * ||w||_2^2

Multiplying the ``Lasso`` objective by ``2n`` gives the article's loss with
``lam = 2 n alpha``; ``Ridge`` is the article's loss as it stands, so
``alpha = lam``. Every conversion in the library, the chapters and the tests
goes through the functions here (``tests/test_scale.py`` refuses one written by
hand). The two thresholds are computed beside the data they need and offered
here under the same roof: :func:`lambda_star` (the one-feature lasso slope is
exactly 0 from ``lam = 2|Sxy|`` on, computed by :func:`lessonlib.simple.lambda_star`
from its overflow-safe sums) and :func:`alpha_max` (every lasso coefficient is
0 from ``alpha = max_j |x_j^T y_c| / n`` on);
``lasso_alpha(lambda_star(x, y), n) == alpha_max(x[:, None], y)``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._centring import center
from lessonlib._validation import (
    check_bool,
    check_fraction,
    check_penalty,
    check_positive_int,
    check_Xy,
)
from lessonlib.simple import lambda_star

__all__ = [
    "alpha_max",
    "enet_alphas",
    "enet_from_lambdas",
    "lambda_star",
    "lasso_alpha",
    "lasso_lambda",
    "ridge_alpha",
    "ridge_lambda",
]


def lasso_alpha(lam: float, n: int) -> float:
    """scikit-learn's ``Lasso`` alpha for the article's ``lam``: ``lam / (2n)``.

    Parameters
    ----------
    lam : float
        The article's penalty weight, >= 0.
    n : int
        Number of samples, >= 1.

    Returns
    -------
    float

    Examples
    --------
    >>> lasso_alpha(10.0, 5)
    1.0
    """
    return check_penalty(lam, "lam") / (2 * check_positive_int(n, "n"))


def lasso_lambda(alpha: float, n: int) -> float:
    """The article's ``lam`` for scikit-learn's ``Lasso`` alpha: ``2 n alpha``.

    Parameters
    ----------
    alpha : float
        ``Lasso(alpha=...)``, >= 0.
    n : int
        Number of samples, >= 1.

    Returns
    -------
    float

    Examples
    --------
    >>> lasso_lambda(1.0, 5)
    10.0
    """
    return 2 * check_positive_int(n, "n") * check_penalty(alpha, "alpha")


def ridge_alpha(lam: float) -> float:
    """scikit-learn's ``Ridge`` alpha for the article's ``lam``: the same number.

    ``Ridge`` minimises ``SSE + alpha ||w||^2``, with no ``1/n`` or ``1/2``:
    the article's ridge loss as it stands.

    Parameters
    ----------
    lam : float
        The article's penalty weight, >= 0.

    Returns
    -------
    float

    Examples
    --------
    >>> ridge_alpha(3.0)
    3.0
    """
    return check_penalty(lam, "lam")


def ridge_lambda(alpha: float) -> float:
    """The article's ``lam`` for scikit-learn's ``Ridge`` alpha: the same number.

    Parameters
    ----------
    alpha : float
        ``Ridge(alpha=...)``, >= 0.

    Returns
    -------
    float

    Examples
    --------
    >>> ridge_lambda(3.0)
    3.0
    """
    return check_penalty(alpha, "alpha")


def enet_alphas(alpha: float, l1_ratio: float) -> tuple[float, float]:
    """The elastic net's two weights ``(alpha1, alpha2)`` in scikit-learn's scale.

    ``ElasticNet(alpha, l1_ratio)`` minimises ``1/(2n) SSE + alpha1 ||w||_1 +
    alpha2 / 2 ||w||_2^2`` with ``alpha1 = alpha * l1_ratio`` and
    ``alpha2 = alpha * (1 - l1_ratio)``.

    Parameters
    ----------
    alpha : float
        >= 0.
    l1_ratio : float
        In [0, 1] (the book's gamma).

    Returns
    -------
    alpha1, alpha2 : float

    Examples
    --------
    >>> enet_alphas(2.0, 0.25)
    (0.5, 1.5)
    """
    alpha = check_penalty(alpha, "alpha")
    l1_ratio = check_fraction(l1_ratio, "l1_ratio")
    return alpha * l1_ratio, alpha * (1.0 - l1_ratio)


def enet_from_lambdas(lam1: float, lam2: float, n: int) -> tuple[float, float]:
    """scikit-learn's ``(alpha, l1_ratio)`` for ``SSE + lam1 ||w||_1 + lam2 ||w||_2^2``.

    Dividing the article-scale loss by ``2n`` gives ``alpha1 = lam1 / (2n)`` and
    ``alpha2 / 2 = lam2 / (2n)``, so ``alpha = (lam1 + 2 lam2) / (2n)`` and
    ``l1_ratio = lam1 / (lam1 + 2 lam2)``.

    Parameters
    ----------
    lam1, lam2 : float
        The weights of the L1 and the squared L2 penalty, >= 0, not both 0.
    n : int
        Number of samples, >= 1.

    Returns
    -------
    alpha, l1_ratio : float

    Examples
    --------
    >>> enet_from_lambdas(2.0, 1.0, 2)
    (1.0, 0.5)
    """
    lam1, lam2 = check_penalty(lam1, "lam1"), check_penalty(lam2, "lam2")
    total = lam1 + 2 * lam2
    if total == 0.0:
        raise ValueError("lam1 and lam2 are both 0: no penalty, so no l1_ratio")
    return total / (2 * check_positive_int(n, "n")), lam1 / total


def alpha_max(X: ArrayLike, y: ArrayLike, *, fit_intercept: bool = True) -> float:
    """The smallest alpha at which every lasso coefficient is zero.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features.
    y : array_like of shape (n,)
        Response.
    fit_intercept : bool, default=True
        Centre ``X`` and ``y`` first.

    Returns
    -------
    float

    Notes
    -----
    :math:`w = 0` is optimal iff :math:`|x_j^\\top y_c| / n \\le \\alpha` for every j
    (the KKT conditions at zero), so

    .. math:: \\alpha_{\\max} = \\max_j \\frac{|x_{c,j}^\\top (y - \\bar y)|}{n}.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0], [3.0, 1.0]])
    >>> y = np.array([1.0, 2.0, 5.0, 6.0])
    >>> alpha_max(X, y)
    2.25
    """
    X, y = check_Xy(X, y)
    Xc, yc, _, _ = center(X, y, check_bool(fit_intercept, "fit_intercept"))
    return float(np.max(np.abs(Xc.T @ yc))) / X.shape[0]
