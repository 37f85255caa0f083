"""The chapter "Correlated features and the elastic net": the selection frequencies it
prints, recomputed with scikit-learn's Lasso, ElasticNet and Ridge on the same seeded
bootstrap resamples (drawn here, not with lessonlib's code)."""

from __future__ import annotations

import re

import nbformat
import numpy as np
import pytest
from scipy.stats import binomtest
from sklearn.linear_model import ElasticNet, Lasso, Ridge

from lessonlib.data import make_correlated_features
from toc import BOOK

NOTEBOOK = BOOK / "correlated.ipynb"
B, SEED, L1_RATIO, FRACTION = 200, 0, 0.5, 0.2
N_REC = 500  # data sets per point of cf-recovery


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


def _stdout(cell_id: str) -> str:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    cell = next(c for c in nb.cells if c.get("id") == cell_id)
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


def test_stability_bound_recomputed():
    """cf-resample-after: q = the lasso's mean number of selected features per bootstrap refit
    (scikit-learn, the same resamples), and the bound q^2 / ((2 pi - 1) p) at pi = 0.9."""
    X, y, _ = _standardised_data(0.99)
    n, p = X.shape
    a = FRACTION * np.max(np.abs((X - X.mean(0)).T @ (y - y.mean()))) / n
    idx = np.random.default_rng(SEED).integers(0, n, size=(B, n))
    q = np.mean(
        [
            np.sum(
                np.abs(Lasso(alpha=a, tol=1e-12, max_iter=1_000_000).fit(X[i], y[i]).coef_) > 1e-10
            )
            for i in idx
        ]
    )
    glued = {
        o["metadata"]["scrapbook"]["name"]: o["data"]["application/papermill.record/text/plain"]
        for c in nbformat.read(NOTEBOOK, as_version=4).cells
        for o in c.get("outputs", [])
        if "scrapbook" in o.get("metadata", {})
    }
    bound = q**2 / ((2 * 0.9 - 1) * p)
    assert bound > 2  # the chapter: more than the two noise features
    assert float(glued["cf_q_lasso"]) == pytest.approx(q, abs=0.01)
    assert float(glued["cf_ev_bound"]) == pytest.approx(bound, abs=0.01)


def _pdw_by_hand(X, y, S, alpha):
    """Step 1 with scikit-learn on the columns of S, step 2 written out."""
    w = np.zeros(X.shape[1])
    w[S] = Lasso(alpha=alpha, tol=1e-14, max_iter=1_000_000).fit(X[:, S], y).coef_
    Xc, yc = X - X.mean(0), y - y.mean()
    g = Xc.T @ (yc - Xc @ w) / len(y)
    return w, np.max(np.abs(np.delete(g, S))) / alpha


def test_primal_dual_witness_against_scikit_learn():
    from lessonlib.topics import recovery

    X, y, _ = _standardised_data(0.99)
    a_max = np.max(np.abs((X - X.mean(0)).T @ (y - y.mean()))) / len(y)
    for frac in (0.1, 0.2, 0.5):
        out = recovery.primal_dual_witness(X, y, np.arange(6), frac * a_max)
        w, dual = _pdw_by_hand(X, y, np.arange(6), frac * a_max)
        np.testing.assert_allclose(out["coef"], w, atol=1e-7)
        assert out["dual_max"] == pytest.approx(dual, rel=1e-6)
        assert np.array_equal(out["coef"] == 0.0, np.abs(w) < 1e-10)
    out = _stdout("cf-witness")
    assert float(re.search(r"alpha off S = ([\d.]+)", out).group(1)) == pytest.approx(
        _pdw_by_hand(X, y, np.arange(6), 0.2 * a_max)[1], abs=1e-4
    )


def _recovery_rows() -> list[list[str]]:
    """The ten data rows of cf-recovery's table (two header lines above them)."""
    return [line.split() for line in _stdout("cf-recovery").splitlines()[2:12]]


def test_recovery_shares_recomputed_with_scikit_learn():
    """cf-recovery: for p = 64, the same simulated data sets (drawn here with the module's
    documented recipe) fitted with scikit-learn's Lasso; exact recovery shares as printed."""
    rng = np.random.default_rng(64)
    theta = np.arange(0.25, 2.51, 0.25)
    n_grid = np.round(theta * 2 * 4 * np.log(60)).astype(int)
    shares = []
    for n in n_grid:
        hits = 0
        for _ in range(N_REC):
            X = rng.standard_normal((n, 64))
            beta = np.zeros(64)
            beta[:4] = rng.choice([-1.0, 1.0], 4)
            y = X @ beta + 0.5 * rng.standard_normal(n)
            alpha = 2 * 0.5 * np.sqrt(2 * np.log(64) / n)
            w = Lasso(alpha=alpha, tol=1e-12, max_iter=1_000_000).fit(X, y).coef_
            hits += np.array_equal(np.sign(np.where(np.abs(w) < 1e-9, 0.0, w)), np.sign(beta))
        shares.append(hits / N_REC)
    rows = _recovery_rows()
    assert [int(r[1]) for r in rows] == n_grid.tolist()
    printed = [float(r[2]) for r in rows]
    np.testing.assert_allclose(printed, shares, atol=2 / N_REC + 5e-4)  # two data sets at most


def test_group_lasso_kkt_written_out():
    """cf-group: the group lasso's KKT conditions, written here: a non-zero group has
    X_g^T r / n = alpha sqrt(p_g) w_g / ||w_g||, a zero group ||X_g^T r|| / n <= alpha sqrt(p_g)."""
    from lessonlib.topics import penalties

    X, y, _ = _standardised_data(0.99)
    n = len(y)
    blocks = [[0, 1, 2], [3, 4, 5], [6], [7]]
    Xc, yc = X - X.mean(0), y - y.mean()
    c = Xc.T @ yc / n
    a_max = max(np.linalg.norm(c[b]) / np.sqrt(len(b)) for b in blocks)
    assert penalties.group_alpha_max(X, y, blocks) == pytest.approx(a_max, rel=1e-12)
    for frac in (0.2, 0.6):
        alpha = frac * a_max
        w = penalties.group_lasso(X, y, blocks, alpha)
        g = Xc.T @ (yc - Xc @ w) / n
        for b in blocks:
            if np.any(w[b] != 0.0):
                np.testing.assert_allclose(
                    g[b], alpha * np.sqrt(len(b)) * w[b] / np.linalg.norm(w[b]), atol=1e-6
                )
            else:
                assert np.linalg.norm(g[b]) <= alpha * np.sqrt(len(b)) * (1 + 1e-9)


@pytest.mark.parametrize("z", [-6.0, -2.7, -1.3, -0.4, 0.0, 0.8, 1.7, 2.2, 3.1, 4.5])
def test_threshold_rules_minimise_their_penalised_loss(z):
    """cf-rules: each rule is the minimiser of 1/2 (w - z)^2 + penalty(w), found on a grid."""
    from lessonlib.topics import penalties

    kappa, a, gamma = 1.0, 3.7, 3.0
    w = np.linspace(-8, 8, 160_001)
    aw = np.abs(w)
    pen = {
        "lasso": kappa * aw,
        "adaptive": kappa * aw * kappa / max(abs(z), 1e-300),
        "scad": np.where(
            aw <= kappa,
            kappa * aw,
            np.where(
                aw <= a * kappa,
                (2 * a * kappa * aw - w**2 - kappa**2) / (2 * (a - 1)),
                (a + 1) * kappa**2 / 2,
            ),
        ),
        "mcp": np.where(aw <= gamma * kappa, kappa * aw - w**2 / (2 * gamma), gamma * kappa**2 / 2),
        "hard": np.where(w != 0, kappa**2 / 2, 0.0),
    }
    rules = penalties.threshold_rules([z], kappa, a=a, gamma=gamma)
    for name, p in pen.items():
        if name == "adaptive" and z == 0:
            continue
        best = w[np.argmin(0.5 * (w - z) ** 2 + p)]
        assert rules[name][0] == pytest.approx(best, abs=2e-4), name


def test_relaxed_lasso_is_least_squares_on_the_selection():
    from sklearn.linear_model import LinearRegression

    from lessonlib.topics import penalties

    rng = np.random.default_rng(3)
    X = rng.standard_normal((100, 1024))
    beta = np.zeros(1024)
    beta[:4] = [1.0, -1.0, 1.0, -1.0]
    y = X @ beta + 0.5 * rng.standard_normal(100)
    alpha = np.sqrt(2 * np.log(1024) / 100)
    sel = np.flatnonzero(
        np.abs(Lasso(alpha=alpha, tol=1e-12, max_iter=100_000).fit(X, y).coef_) > 1e-10
    )
    w = penalties.relaxed_lasso(X, y, alpha, 0.0)
    assert np.flatnonzero(w).tolist() == sel.tolist()
    np.testing.assert_allclose(w[sel], LinearRegression().fit(X[:, sel], y).coef_, atol=1e-8)
    half = penalties.relaxed_lasso(X, y, alpha, 0.5)
    ref = Lasso(alpha=0.5 * alpha, tol=1e-14, max_iter=100_000).fit(X[:, sel], y).coef_
    np.testing.assert_allclose(half[sel], ref, atol=1e-7)


def test_recovery_table_intervals_and_the_claims_on_it():
    """cf-recovery: each printed interval is SciPy's Wilson interval for its share (a count
    of 500 data sets), both curves cross 1/2 between the rescaled sizes 1 and 1.25, close
    together, and p = 1024 is steeper: lower below the crossing wherever a share is positive,
    higher above it, by less than 0.1 (the text of cf-beyond-md and the caption)."""
    rows = _recovery_rows()
    theta = np.array([float(r[0]) for r in rows])
    shares = []
    for share_col in (2, 6):
        count = np.array([round(float(r[share_col]) * N_REC) for r in rows])
        np.testing.assert_allclose([float(r[share_col]) for r in rows], count / N_REC, atol=5e-4)
        for r, k in zip(rows, count):
            lo, hi = (float(v.strip("[],")) for v in r[share_col + 1 : share_col + 3])
            ci = binomtest(int(k), N_REC).proportion_ci(confidence_level=0.95, method="wilson")
            assert (lo, hi) == pytest.approx((ci.low, ci.high), abs=5e-4)
        shares.append(count / N_REC)
    crossings = []
    for share in shares:
        k = int(np.flatnonzero(share >= 0.5)[0])
        assert theta[k - 1] == 1.0 and theta[k] == 1.25
        crossings.append(np.interp(0.5, share[k - 1 : k + 1], theta[k - 1 : k + 1]))
    assert abs(crossings[0] - crossings[1]) < 0.05
    gap = shares[1] - shares[0]
    below = (theta < 1.25) & (np.maximum(*shares) > 0)
    assert np.all(gap[below] < 0) and np.all(gap[theta >= 1.25] > 0)
    assert np.abs(gap).max() < 0.1


@pytest.mark.parametrize("trials", [1, 7, 60, 500])
@pytest.mark.parametrize("confidence", [0.8, 0.95, 0.99])
def test_share_interval_is_scipys_wilson_interval(trials, confidence):
    """recovery.share_interval against scipy.stats.binomtest(...).proportion_ci, for every
    count from 0 to the number of trials, the ends 0 and 1 included."""
    from lessonlib.topics import recovery

    k = np.arange(trials + 1)
    got = recovery.share_interval(k, trials, confidence)
    for kk, (lo, hi) in zip(k, got):
        ci = binomtest(int(kk), trials).proportion_ci(confidence_level=confidence, method="wilson")
        assert (lo, hi) == pytest.approx((ci.low, ci.high), abs=1e-12)
    assert got[0, 0] == 0.0 < got[0, 1] and got[-1, 1] == 1.0 > got[-1, 0]


def test_share_interval_covers_by_simulation():
    """The Wilson 95% interval covers the true rate in about 95% of simulated shares (at a
    rate of 0.3 and 60 trials, over 20000 draws: the coverage is within 2 points of 95%)."""
    from lessonlib.topics import recovery

    k = np.random.default_rng(5).binomial(60, 0.3, size=20_000)
    ci = recovery.share_interval(k, 60)
    coverage = np.mean((ci[:, 0] <= 0.3) & (ci[:, 1] >= 0.3))
    assert abs(coverage - 0.95) < 0.02


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"successes": [3, 11], "trials": 10}, "successes"),
        ({"successes": [-1], "trials": 10}, "successes"),
        ({"successes": [0.5], "trials": 10}, "successes"),
        ({"successes": 3, "trials": 10}, "successes"),
        ({"successes": [3], "trials": 0}, "trials"),
        ({"successes": [3], "trials": 10, "confidence": 1.0}, "confidence"),
        ({"successes": [3], "trials": 10, "confidence": 0.0}, "confidence"),
    ],
)
def test_share_interval_bad_input_names_the_argument(kwargs, name):
    from lessonlib.topics import recovery

    with pytest.raises(ValueError, match=name):
        recovery.share_interval(**kwargs)
