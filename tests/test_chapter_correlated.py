"""The chapter "Correlated features and the elastic net": the selection frequencies it
prints, recomputed with scikit-learn's Lasso, ElasticNet and Ridge on the same seeded
bootstrap resamples (drawn here, not with lessonlib's code)."""

from __future__ import annotations

import re

import nbformat
import numpy as np
import pytest
from sklearn.linear_model import ElasticNet, Lasso, Ridge

from lessonlib.data import make_correlated_features
from toc import BOOK

NOTEBOOK = BOOK / "correlated.ipynb"
B, SEED, L1_RATIO, FRACTION = 200, 0, 0.5, 0.2


def _standardised_data(rho: float):
    ds = make_correlated_features(
        n=100, n_groups=2, group_size=3, rho=rho, n_noise_features=2, noise=1.0, seed=1
    )
    X = (ds.X - ds.X.mean(axis=0)) / ds.X.std(axis=0)
    return X, ds.y, ds.feature_names


def _sklearn_frequencies(rho: float) -> dict[str, np.ndarray]:
    X, y, _ = _standardised_data(rho)
    n = X.shape[0]
    a_max = np.max(np.abs((X - X.mean(axis=0)).T @ (y - y.mean()))) / n
    a_lasso, a_enet = FRACTION * a_max, FRACTION * a_max / L1_RATIO
    a_ridge = n * a_enet * (1 - L1_RATIO)
    idx = np.random.default_rng(SEED).integers(0, n, size=(B, n))
    models = {
        "lasso": Lasso(alpha=a_lasso, tol=1e-12, max_iter=1_000_000),
        "elastic net": ElasticNet(alpha=a_enet, l1_ratio=L1_RATIO, tol=1e-12, max_iter=1_000_000),
        "ridge": Ridge(alpha=a_ridge),
    }
    return {
        m: np.mean([model.fit(X[r], y[r]).coef_ != 0.0 for r in idx], axis=0)
        for m, model in models.items()
    }


def _output(cell_id: str) -> str:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    cell = next(c for c in nb.cells if c.get("id") == cell_id)
    return "".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream")


@pytest.fixture(scope="module")
def printed() -> dict[str, np.ndarray]:
    rows = re.findall(
        r"^(\w+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*$", _output("cf-resample"), flags=re.MULTILINE
    )
    _, _, names = _standardised_data(0.99)
    assert [r[0] for r in rows] == names
    table = np.array([[float(v) for v in r[1:]] for r in rows])
    return {"lasso": table[:, 0], "elastic net": table[:, 1], "ridge": table[:, 2]}


def test_printed_frequencies_match_sklearn(printed):
    reference = _sklearn_frequencies(0.99)
    for method, freq in reference.items():
        # selection is discrete; allow one borderline resample per feature (solver tolerance)
        assert np.all(np.abs(printed[method] - freq) <= 1 / B + 1e-12), method
        assert np.array_equal(printed[method], np.round(freq, 3)), method  # in fact exact


def test_the_chapters_qualitative_claims(printed):
    assert np.all(printed["ridge"] == 1.0)
    assert np.all(printed["elastic net"][:6] == 1.0)
    assert printed["lasso"][:6].min() < 0.5 < printed["lasso"][:6].max()


def test_exercise_claim_weaker_correlation_stabilises_lasso_selection():
    freq = _sklearn_frequencies(0.5)["lasso"]
    assert np.all(freq[:6] >= 0.99)


def test_full_sample_fits_match_sklearn():
    # the coefficient table of cell cf-alphas, refitted with scikit-learn
    X, y, names = _standardised_data(0.99)
    n = X.shape[0]
    a_max = np.max(np.abs((X - X.mean(axis=0)).T @ (y - y.mean()))) / n
    a_enet = FRACTION * a_max / L1_RATIO
    ref = np.column_stack(
        [
            Lasso(alpha=FRACTION * a_max, tol=1e-14, max_iter=1_000_000).fit(X, y).coef_,
            ElasticNet(alpha=a_enet, l1_ratio=L1_RATIO, tol=1e-14, max_iter=1_000_000)
            .fit(X, y)
            .coef_,
            Ridge(alpha=n * a_enet * (1 - L1_RATIO)).fit(X, y).coef_,
        ]
    )
    rows = re.findall(
        r"^(\w+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s*$",
        _output("cf-alphas"),
        flags=re.MULTILINE,
    )
    assert [r[0] for r in rows] == names
    printed = np.array([[float(v) for v in r[1:]] for r in rows])
    assert np.allclose(printed, ref, rtol=0, atol=5e-5 + 1e-9)
    # the opening's count: group features the full-sample lasso keeps
    assert int(np.sum(np.abs(ref[:6, 0]) > 1e-10)) == 5


def test_opening_mean_number_kept_and_stability_counts(printed):
    # mean number of group features kept = sum of the lasso's selection frequencies
    freq = _sklearn_frequencies(0.99)
    line = re.search(r"mean ([\d.]+), range (\d+) to (\d+) of 6", _output("cf-resample"))
    assert float(line.group(1)) == pytest.approx(freq["lasso"][:6].sum(), abs=0.05)
    # stability selection at 0.9: one lasso group feature, all six for the elastic net
    assert int(np.sum(freq["lasso"][:6] > 0.9)) == 1
    assert int(np.sum(freq["elastic net"][:6] > 0.9)) == 6


def test_irrepresentable_values_by_hand():
    # |X_{S^c}^T X_S (X_S^T X_S)^{-1} s_S| with the pseudo-inverse, and the smallest
    # eigenvalue of the correlation matrix of the support, against the printed values
    X, _, _names = _standardised_data(0.99)
    Xc = X - X.mean(axis=0)
    S, s = list(range(6)), np.array([1.0, 1, 1, -1, -1, -1])
    ref = np.abs(Xc[:, 6:].T @ np.linalg.pinv(Xc[:, S]).T @ s)
    out = _output("cf-irrep")
    got = [float(v) for v in re.findall(r"s_S\| = ([\d.]+)", out)]
    assert np.allclose(got, ref, atol=5e-5)
    assert max(got) < 1.0  # the condition holds
    eig = np.linalg.eigvalsh(np.corrcoef(X[:, S], rowvar=False))
    assert float(re.search(r"smallest ([\d.]+)", out).group(1)) == pytest.approx(eig[0], abs=5e-5)
    sd = np.sqrt(np.diag(np.linalg.inv(Xc[:, S].T @ Xc[:, S])))  # noise sd 1
    lo, hi = map(float, re.search(r"\(noise sd 1\): ([\d.]+) to ([\d.]+)", out).groups())
    assert (lo, hi) == pytest.approx((sd.min(), sd.max()), abs=5e-3)
