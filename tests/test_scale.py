"""lessonlib.scale: each conversion checked against the losses written out here, and no
conversion written by hand anywhere else (library, chapters, tests, benchmarks)."""

from __future__ import annotations

import io
import json
import re
import tokenize
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import minimize, minimize_scalar
from sklearn.linear_model import ElasticNet, Lasso, Ridge

from lessonlib import scale

ROOT = Path(__file__).resolve().parent.parent
RNG = np.random.default_rng(7)
X1 = RNG.normal(size=25)
Y1 = 1.5 * X1 + RNG.normal(size=25)


def article_slope(x: np.ndarray, y: np.ndarray, lam: float, penalty: str) -> float:
    """argmin over m of SSE(m, best b) + lam * P(m), by a bounded scalar search."""
    xc, yc = x - x.mean(), y - y.mean()
    pen = abs if penalty == "l1" else np.square
    reach = 2 * abs(xc @ yc) / (xc @ xc) + 1
    res = minimize_scalar(
        lambda m: np.sum((yc - m * xc) ** 2) + lam * pen(m),
        bounds=(-reach, reach),
        method="bounded",
        options={"xatol": 1e-12},
    )
    return float(res.x)


@pytest.mark.parametrize("frac", [0.1, 0.5, 0.9])
def test_lasso_alpha_makes_sklearn_minimise_the_articles_loss(frac):
    lam = frac * 2 * abs((X1 - X1.mean()) @ (Y1 - Y1.mean()))
    coef = (
        Lasso(alpha=scale.lasso_alpha(lam, X1.size), tol=1e-14, max_iter=100_000)
        .fit(X1[:, None], Y1)
        .coef_[0]
    )
    assert coef == pytest.approx(article_slope(X1, Y1, lam, "l1"), abs=1e-6)
    assert scale.lasso_lambda(scale.lasso_alpha(lam, X1.size), X1.size) == pytest.approx(lam)


@pytest.mark.parametrize("lam", [0.5, 5.0, 50.0])
def test_ridge_alpha_makes_sklearn_minimise_the_articles_loss(lam):
    coef = Ridge(alpha=scale.ridge_alpha(lam)).fit(X1[:, None], Y1).coef_[0]
    assert coef == pytest.approx(article_slope(X1, Y1, lam, "l2"), abs=1e-6)
    assert scale.ridge_lambda(scale.ridge_alpha(lam)) == lam


def test_enet_from_lambdas_makes_sklearn_minimise_the_article_scale_loss():
    X = RNG.normal(size=(30, 3))
    y = X @ [1.0, -2.0, 0.0] + RNG.normal(size=30)
    lam1, lam2 = 8.0, 5.0
    alpha, l1_ratio = scale.enet_from_lambdas(lam1, lam2, 30)
    model = ElasticNet(alpha=alpha, l1_ratio=l1_ratio, tol=1e-14, max_iter=100_000)
    coef = model.fit(X, y).coef_
    Xc, yc = X - X.mean(axis=0), y - y.mean()

    def loss(w):
        return np.sum((yc - Xc @ w) ** 2) + lam1 * np.abs(w).sum() + lam2 * w @ w

    best = minimize(
        loss,
        coef + 0.1,
        method="Powell",
        options={"xtol": 1e-12, "ftol": 1e-14, "maxiter": 100_000},
    )
    np.testing.assert_allclose(coef, best.x, atol=1e-5)
    assert loss(coef) <= best.fun + 1e-9


def test_enet_alphas_split_as_sklearn_weighs_them():
    """At scikit-learn's solution the KKT conditions of 1/(2n) SSE + a1|w|_1 + a2/2 |w|^2
    hold with (a1, a2) = enet_alphas(alpha, l1_ratio)."""
    X = RNG.normal(size=(40, 3))
    y = X @ [2.0, 0.0, -1.0] + RNG.normal(size=40)
    alpha, l1_ratio = 0.3, 0.25
    w = ElasticNet(alpha=alpha, l1_ratio=l1_ratio, tol=1e-14, max_iter=100_000).fit(X, y).coef_
    a1, a2 = scale.enet_alphas(alpha, l1_ratio)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    g = Xc.T @ (yc - Xc @ w) / 40 - a2 * w  # = a1 * sign(w_j), or |.| <= a1 at 0
    on = w != 0
    np.testing.assert_allclose(g[on], a1 * np.sign(w[on]), atol=1e-8)
    assert np.all(np.abs(g[~on]) <= a1 + 1e-8)


def test_the_two_thresholds_agree_and_are_sharp():
    n = X1.size
    a_max = scale.alpha_max(X1[:, None], Y1)
    assert scale.lasso_alpha(scale.lambda_star(X1, Y1), n) == pytest.approx(a_max, rel=1e-14)
    assert Lasso(alpha=a_max, tol=1e-14).fit(X1[:, None], Y1).coef_[0] == 0.0
    assert Lasso(alpha=0.99 * a_max, tol=1e-14).fit(X1[:, None], Y1).coef_[0] != 0.0


def test_bad_input_names_the_argument():
    with pytest.raises(ValueError, match="lam"):
        scale.lasso_alpha(-1.0, 3)
    with pytest.raises(ValueError, match="n must be >= 1"):
        scale.lasso_alpha(1.0, 0)
    with pytest.raises(TypeError, match="n"):
        scale.lasso_alpha(1.0, 2.5)
    with pytest.raises(ValueError, match="alpha"):
        scale.lasso_lambda(-0.1, 3)
    with pytest.raises(TypeError, match="lam"):
        scale.ridge_alpha("1")
    with pytest.raises(ValueError, match="l1_ratio"):
        scale.enet_alphas(1.0, 1.5)
    with pytest.raises(ValueError, match="both 0"):
        scale.enet_from_lambdas(0.0, 0.0, 5)


# A conversion written by hand: lam / (2 n), 2 n alpha, alpha = <anything> / (2 n), or the
# elastic net's split.
HAND = [
    r"\b\w*(lam|LAM|lambda)\w*\s*/\s*\(\s*2\s*\*",
    r"\b2\s*\*\s*[\w.]+\s*\*\s*[\w.\[\]]*alpha",
    r"\balpha\s*=\s*[^,()=]+/\s*\(\s*2\s*\*",
    r"\w*alpha\w*\s*\*\s*\(\s*1(\.0)?\s*-\s*(l1_ratio|L1_RATIO|gamma)\b",
]
# lambda* = 2|Sxy| re-derived: the library and the chapters call scale.lambda_star; tests
# compute it from its definition on purpose, as an independent reference.
THRESHOLD = r"\b(lam|lambda)\w*\s*=\s*2\s*\*\s*abs\s*\("


def code_only(source: str) -> str:
    """``source`` without comments and plain strings (docstrings state the conversions in
    words); f-strings stay, since code runs inside them."""
    keep = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            continue
        is_f = tok.type == tokenize.STRING and re.match(r"[rRbB]?[fF]", tok.string)
        keep.append((tok.type, tok.string if tok.type != tokenize.STRING or is_f else '""'))
    return tokenize.untokenize(keep)


def hand_conversions(source: str, *, thresholds: bool = True) -> list[str]:
    code = code_only(source)
    return [m.group(0) for p in HAND + [THRESHOLD] * thresholds for m in re.finditer(p, code)]


def sources() -> dict[str, str]:
    files = {
        str(p.relative_to(ROOT)): p.read_text(encoding="utf-8")
        for d in ("lessonlib", "tests", "benchmarks", "scripts")
        for p in sorted((ROOT / d).rglob("*.py"))
        if p.name not in ("test_scale.py", "scale.py")
    }
    for nb in sorted((ROOT / "book").glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        for c in cells:
            if c["cell_type"] == "code":
                files[f"{nb.name}:{c.get('id')}"] = "".join(c["source"])
    return files


# SymPy substitutes lam = 2 n alpha into the derived update: symbols, which lessonlib.scale
# (numbers, validated) does not take.
SYMBOLIC = {"coordinate_descent.ipynb:cd-04"}


def test_no_conversion_is_written_by_hand():
    found = {
        name: hits
        for name, src in sources().items()
        if name not in SYMBOLIC
        and (
            hits := hand_conversions(src, thresholds=not name.startswith(("tests/", "benchmarks/")))
        )
    }
    assert len(sources()) > 200
    assert not found, f"convert with lessonlib.scale instead: {found}"


@pytest.mark.parametrize(
    "line",
    [
        "Lasso(alpha=lam / (2 * n), tol=1e-12)",
        "f'{2 * n * alphas[0]:.0f}'",
        "model = Lasso(alpha=LAM / (2 * X.shape[0]))",
        "lam_star = 2 * abs(s.Sxy)",
        "a1, a2 = alpha * l1_ratio, alpha * (1.0 - l1_ratio)",
        "Lasso(alpha=2.0 / (2 * n))",
    ],
)
def test_the_check_sees_hand_conversions(line):
    assert hand_conversions(line + "\n")


@pytest.mark.parametrize(
    "line",
    [
        "primal = r @ r / (2 * n) + alpha * np.abs(w).sum()",
        '"""alpha = lam / (2 * n) in words."""',
        "# lam / (2 * n)",
        "lasso = Lasso(alpha=scale.lasso_alpha(lam, n))",
    ],
)
def test_the_check_leaves_objectives_words_and_calls_alone(line):
    assert not hand_conversions(line + "\n")
