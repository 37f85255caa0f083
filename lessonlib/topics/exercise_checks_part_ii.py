"""The checks of Part II's computational exercises (chapters 6 to 13; :mod:`lessonlib.exercises`).

One function per exercise, registered under the exercise's label: it computes the right
answer from the chapter's data and closed forms, so no answer is written here either.
"""

from __future__ import annotations

import numpy as np

from lessonlib.exercises import checker


@checker("ex-cv-se")
def cv_se_doubled() -> np.ndarray:
    """Chapter 13: the one-SE rule with twice the standard error at alpha_min, on the
    chapter's 10-fold curve (seed 0, 61 alphas): the alpha it picks and its feature count."""
    from lessonlib import data, tuning

    d = data.load_diabetes_standardized()
    alphas = tuning.alpha_grid(d.X, d.y, n_alphas=61, ratio=1e-3)
    _, curve = tuning.lasso_cv(d.X, d.y, alphas, n_splits=10, seed=0)
    threshold = curve.mean[curve.i_min] + 2 * curve.se[curve.i_min]
    alpha_new = float(curve.alphas[curve.mean <= threshold].max())
    k_new = int(tuning.selected_features(d.X, d.y, alpha_new).sum())
    return np.array([alpha_new, k_new], dtype=float)


@checker("ex-cd-rates", rtol=1e-3)
def cd_rates() -> np.ndarray:
    """Chapter 9: gradient evaluations that the ISTA and FISTA guarantees need for an excess
    objective of 1e-2 on the diabetes lasso at alpha = 2, and those the two runs needed."""
    from lessonlib import data, path, solvers
    from lessonlib.topics import convergence

    d = data.load_diabetes_standardized()
    w_star = path.lasso_path(d.X, d.y, [2.0])[0][0]
    best = solvers.objective(d.X, d.y, w_star, 2.0)
    eps, R2 = 1e-2, float(w_star @ w_star)
    ista = convergence.proximal_gradient(d.X, d.y, 2.0, n_iter=2000)
    fista = convergence.proximal_gradient(d.X, d.y, 2.0, n_iter=2000, accelerated=True)
    L = float(ista["lipschitz"])
    return np.array(
        [
            np.ceil(L * R2 / (2 * eps)),
            np.ceil(np.sqrt(2 * L * R2 / eps) - 1),
            np.argmax(ista["objective"] - best <= eps) + 1,
            np.argmax(fista["objective"] - best <= eps) + 1,
        ],
        dtype=float,
    )


@checker("ex-lp-first-segment")
def lp_first_segment() -> np.ndarray:
    """Chapter 10: the second knot of the diabetes lasso path and the bmi coefficient there."""
    from lessonlib import data, path

    d = data.load_diabetes_standardized()
    lp = path.lasso_homotopy(d.X, d.y)
    return np.array([lp.alphas[1], lp.coefs[1, d.feature_names.index("bmi")]])


@checker("ex-kkt-gapsafe")
def kkt_gap_safe() -> np.ndarray:
    """Chapter 7: the Gap Safe radius of w = 0 at 0.8 alpha_max on the diabetes data, and
    the number of features the rule discards there."""
    from lessonlib import data, optimality, scale, screening

    d = data.load_diabetes_standardized()
    alpha, w = 0.8 * scale.alpha_max(d.X, d.y), np.zeros(d.X.shape[1])
    gap = optimality.dual_certificate(d.X, d.y, w, alpha)["gap"]
    radius = np.sqrt(2 * gap / d.X.shape[0])
    return np.array([radius, screening.gap_safe_discards(d.X, d.y, w, alpha).sum()])


@checker("ex-orth-zero")
def orth_zero() -> np.ndarray:
    """Chapter 8: the lambda at which the lasso keeps beta = 1.2 with probability 0.9 when
    sigma = 0.3, and the probability that it then keeps a zero coefficient."""
    from scipy.special import ndtri

    from lessonlib.topics import orthonormal

    lam = 2 * (1.2 + 0.3 * float(ndtri(0.1)))
    return np.array([lam, 1.0 - orthonormal.zero_probability([0.0], 0.3, lam)[0]])


@checker("ex-bayes-scale", n=20)
def bayes_scale() -> np.ndarray:
    """Chapter 11: the lasso penalty of a Laplace prior with scale 0.05 when sigma^2 = 9, in
    the article's scaling and in scikit-learn's (n = 20)."""
    from lessonlib import scale

    lam = 2 * 9.0 / 0.05  # lambda = 2 sigma^2 / nu, the chapter's derivation
    return np.array([lam, scale.lasso_alpha(lam, 20)])


def _correlated_data() -> tuple[np.ndarray, np.ndarray]:
    """Chapter 12's data: two groups of three near-copies and two noise features, standardised."""
    from lessonlib import data

    ds = data.make_correlated_features(
        n=100, n_groups=2, group_size=3, rho=0.99, n_noise_features=2, noise=1.0, seed=1
    )
    return (ds.X - ds.X.mean(axis=0)) / ds.X.std(axis=0), ds.y


@checker("ex-cf-witness")
def cf_witness() -> np.ndarray:
    """Chapter 12: the primal-dual witness on the six group features at 0.5 alpha_max: the
    largest |g_j| / alpha off the support, and the restricted coefficients that are zero."""
    from lessonlib import scale
    from lessonlib.topics import recovery

    X, y = _correlated_data()
    out = recovery.primal_dual_witness(X, y, np.arange(6), 0.5 * scale.alpha_max(X, y))
    coef = np.asarray(out["coef"], dtype=float)
    dual_max = float(np.asarray(out["dual_max"]))
    return np.array([dual_max, np.sum(coef[:6] == 0.0)])


@checker("ex-cf-group")
def cf_group() -> np.ndarray:
    """Chapter 12: the group lasso's alpha_max for the chapter's groups, and the size of the
    group that attains it."""
    from lessonlib.topics import penalties

    X, y = _correlated_data()
    blocks = [[0, 1, 2], [3, 4, 5], [6], [7]]
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    sizes = [np.linalg.norm(Xc[:, b].T @ yc) / (len(y) * np.sqrt(len(b))) for b in blocks]
    return np.array([penalties.group_alpha_max(X, y, blocks), len(blocks[int(np.argmax(sizes))])])


@checker("ex-geo-converse", n=30)
def geo_converse() -> np.ndarray:
    """Chapter 6: the penalty at which the penalised lasso has the constrained solution of
    the chapter's first figure (budget half of ||w_ols||_1), in both scalings."""
    from lessonlib import scale
    from lessonlib.topics import geometry

    P = geometry.random_problems(1, n_samples=30, seed=9)
    X, y, w_ols, H = P.X[0], P.y[0], P.w_ols[0], P.hessian[0]
    w = geometry.constrained_solution(w_ols, H, 0.5 * np.abs(w_ols).sum(), "l1")
    j = int(np.flatnonzero(w)[0])
    alpha = abs(float(X[:, j] @ (y - X @ w))) / 30  # |x_j^T r| / n, scikit-learn's scaling
    return np.array([scale.lasso_lambda(alpha, 30), alpha])
