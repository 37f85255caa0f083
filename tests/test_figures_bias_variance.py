"""lessonlib.display.figures.bias_variance: each drawn curve is what its label says.

The simulation is repeated here with scikit-learn (the same noise draws, one multi-output
``Ridge`` per lambda on standardised powers of x), and each line of the figure is compared
with the quantity its legend entry names.
"""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex
from sklearn.linear_model import Ridge
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

from figure_view import entry, horizontal_at, legend, vertical_at, xy
from lambda_zero_view import check_mark, lambda_zero_marks, tick_labelled_zero
from lessonlib.display.figures import plot_bias_variance
from lessonlib.topics.bias_variance import ridge_bias_variance

X_TRAIN = np.sort(np.random.default_rng(5).uniform(0.0, 1.0, 12))
X_TEST = np.linspace(0.0, 1.0, 40)
LAMBDAS = np.array([0.0, 1e-6, 1e-4, 1e-2, 1.0, 100.0])
NOISE, N_REP, SEED = 0.3, 40, 3


def reference(noise: float = NOISE) -> dict[str, np.ndarray]:
    """Squared bias, variance and test errors by scikit-learn, on the same noise draws."""
    rng = np.random.default_rng(SEED)
    f_train, f_test = np.sin(2 * np.pi * X_TRAIN), np.sin(2 * np.pi * X_TEST)
    Y = f_train + rng.normal(0.0, noise, (N_REP, X_TRAIN.size))
    Y_new = f_test + rng.normal(0.0, noise, (N_REP, X_TEST.size))
    poly = PolynomialFeatures(9, include_bias=False)
    scaler = StandardScaler().fit(poly.fit_transform(X_TRAIN[:, None]))
    A = scaler.transform(poly.transform(X_TRAIN[:, None]))
    A_test = scaler.transform(poly.transform(X_TEST[:, None]))
    out: dict[str, list] = {"bias2": [], "variance": [], "simulated": []}
    for lam in LAMBDAS[1:]:
        pred = Ridge(alpha=lam, solver="svd").fit(A, Y.T).predict(A_test).T  # (R, m)
        mean = pred.mean(axis=0)
        out["bias2"].append(np.mean((mean - f_test) ** 2))
        out["variance"].append(np.mean(np.mean((pred - mean) ** 2, axis=0)))
        out["simulated"].append(np.mean((Y_new - pred) ** 2))
    return {k: np.array(v) for k, v in out.items()}


def least_squares_terms() -> dict[str, float]:
    """The three terms at lambda = 0, each data set fitted by numpy's polyfit (raw powers)."""
    rng = np.random.default_rng(SEED)
    f_train, f_test = np.sin(2 * np.pi * X_TRAIN), np.sin(2 * np.pi * X_TEST)
    Y = f_train + rng.normal(0.0, NOISE, (N_REP, X_TRAIN.size))
    pred = np.array([np.polyval(np.polyfit(X_TRAIN, y, 9), X_TEST) for y in Y])
    bias2 = float(np.mean((pred.mean(axis=0) - f_test) ** 2))
    variance = float(np.mean(pred.var(axis=0)))
    return {"squared bias": bias2, "variance": variance, "test error": NOISE**2 + bias2 + variance}


@pytest.fixture(scope="module")
def drawn():
    bv = ridge_bias_variance(
        X_TRAIN, X_TEST, LAMBDAS, rng=np.random.default_rng(SEED), noise=NOISE, n_rep=N_REP
    )
    ax, _ = plot_bias_variance(bv)
    return ax, reference()


def test_bias_and_variance_trade_off_here(drawn):  # else a swap of the two would not show
    _, ref = drawn
    assert ref["bias2"][-1] > 10 * ref["variance"][-1]
    assert ref["variance"][0] > 10 * ref["bias2"][0]


def test_each_curve_is_the_quantity_its_label_names(drawn):
    ax, ref = drawn
    lams = LAMBDAS[1:]  # lambda = 0 has no place on a log axis
    expected = NOISE**2 + ref["bias2"] + ref["variance"]
    for line, values in (
        (entry(ax, "squared bias")[1], ref["bias2"]),
        (legend(ax)["variance"], ref["variance"]),
        (entry(ax, "noise + bias")[1], expected),
        (entry(ax, "measured on new data")[1], ref["simulated"]),
    ):
        np.testing.assert_array_equal(xy(line)[:, 0], lams)
        np.testing.assert_allclose(xy(line)[:, 1], values, rtol=1e-8)
    _, noise = entry(ax, "noise variance")
    assert horizontal_at(ax) == [noise.get_ydata()[0]] == [pytest.approx(NOISE**2, rel=1e-15)]


def test_the_marked_lambda_has_the_lowest_expected_error(drawn):
    ax, ref = drawn
    best = LAMBDAS[1:][np.argmin(NOISE**2 + ref["bias2"] + ref["variance"])]
    text, line = entry(ax, "lowest expected test error")
    assert vertical_at(ax) == [line.get_xdata()[0]] == [best]
    assert text == "lowest expected test error"  # no value: a shared legend would show one
    assert written_beside(ax, best) == [f"$\\lambda = {best:.2g}$"]
    assert ax.get_xscale() == "log" and "\\lambda" in ax.get_xlabel()
    assert "squared error" in ax.get_ylabel() and f"{N_REP} simulated" in ax.get_title()


def written_beside(ax, x: float) -> list[str]:
    """The texts anchored at data x = ``x`` (the value written beside a vertical line)."""
    return [
        t.get_text()
        for t in ax.texts
        if hasattr(t, "xy") and float(t.xy[0]) == x and t.xycoords[0] == "data"
    ]


def test_two_panels_side_by_side_each_write_their_own_lambda():
    """Two panels whose lowest expected errors sit at different lambdas (noise 0.3 and
    1.5; bests by scikit-learn), with one legend for both as the chapter draws them: each
    panel's line and written value are its own, and the legend names no value."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2)
    bests = []
    for ax, noise in zip(axes, (NOISE, 1.5)):
        bv = ridge_bias_variance(
            X_TRAIN, X_TEST, LAMBDAS, rng=np.random.default_rng(SEED), noise=noise, n_rep=N_REP
        )
        _, data = plot_bias_variance(bv, ax=ax, legend_loc=None)
        ref = reference(noise)
        best = LAMBDAS[1:][np.argmin(noise**2 + ref["bias2"] + ref["variance"])]
        assert vertical_at(ax) == [best] and data["best_lambda"] == best
        assert written_beside(ax, best) == [f"$\\lambda = {best:.2g}$"] == [data["best_text"]]
        bests.append(best)
    assert bests[0] != bests[1]  # else the test could not tell the panels apart
    shared = fig.legend(*axes[0].get_legend_handles_labels())
    assert "lowest expected test error" in [t.get_text() for t in shared.texts]
    assert not any("=" in t.get_text() and "lowest" in t.get_text() for t in shared.texts)
    plt.close(fig)


def test_least_squares_is_marked_left_of_the_log_axis(drawn):
    """lambda = 0 stands one decade left of the first lambda, under a tick labelled 0: the
    squared bias at its height, the variance and the test error (far above the curves) on
    the top edge with their values written, each in its curve's colour."""
    ax, _ = drawn
    marks, ref = lambda_zero_marks(ax), least_squares_terms()
    assert set(marks) == set(ref)
    x0 = tick_labelled_zero(ax)
    assert x0 == pytest.approx(LAMBDAS[1] / 10) and ax.get_xlim()[0] < x0
    for name, value in ref.items():
        assert marks[name]["x"] == x0
        check_mark(marks[name], value, ax, rtol=1e-5)
    assert marks["variance"]["edge"] == "top"
    assert marks["variance"]["color"] == to_hex(legend(ax)["variance"].get_color())
    assert marks["test error"]["color"] == to_hex(entry(ax, "noise + bias")[1].get_color())
    assert entry(ax, "least squares")[0] == "$\\lambda = 0$ (least squares)"


def test_bad_input_is_named():
    with pytest.raises(TypeError, match="result"):
        plot_bias_variance({"lambdas": [1.0]})
