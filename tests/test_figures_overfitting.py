"""lessonlib.display.figures.overfitting: the error curve and the polynomial fits, as drawn.

Every drawn error and fitted curve is recomputed here with scikit-learn (powers of x,
``StandardScaler`` and ``Ridge`` at the book's lambda, which is Ridge's alpha).
"""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex
from sklearn.linear_model import Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, PolynomialFeatures, StandardScaler

from figure_view import entry, legend, vertical_at, xy
from lambda_zero_view import check_mark, lambda_zero_marks, tick_labelled_zero
from lessonlib.display.figures import plot_error_curve, plot_polynomial_fits
from lessonlib.topics import overfitting

DEGREE = 9
DATA = overfitting.make_sine_data(seed=0)
LAMBDAS = np.array([0.0, 1e-6, 1e-4, 1e-3, 1e-2, 0.1, 1.0, 10.0])


def sk_ridge(lam: float, data=DATA):
    """Ridge on the standardised powers of x, fitted on the training points."""
    model = make_pipeline(
        FunctionTransformer(lambda x: np.asarray(x, float).reshape(-1, 1)),
        PolynomialFeatures(DEGREE, include_bias=False),
        StandardScaler(),
        Ridge(alpha=lam, solver="svd"),
    )
    return model.fit(data.x_train, data.y_train)


def mse(model, x, y) -> float:
    return float(np.mean((y - model.predict(x)) ** 2))


def test_error_curves_are_scikit_learns_and_the_validation_choice_is_marked():
    data = overfitting.make_sine_data(n_train=12, n_test=200, noise=0.3, seed=0, n_val=30)
    lambdas = np.concatenate([[0.0], np.logspace(-6, 3, 37)])
    curve = overfitting.error_curve(data, DEGREE, lambdas, "l2")
    ax, _ = plot_error_curve(curve)
    lams = lambdas[1:]  # lambda = 0 has no place on a log axis
    models = [sk_ridge(lam, data) for lam in lams]
    train = [mse(m, data.x_train, data.y_train) for m in models]
    val = [mse(m, data.x_val, data.y_val) for m in models]
    test = [mse(m, data.x_test, data.y_test) for m in models]
    for label, ref in (("training error", train), ("validation error", val), ("test error", test)):
        line = legend(ax)[label]
        np.testing.assert_array_equal(xy(line)[:, 0], lams)
        np.testing.assert_allclose(xy(line)[:, 1], ref, rtol=1e-6)
    chosen = lams[int(np.argmin(val))]
    assert chosen != lams[int(np.argmin(test))]  # else marking the test optimum would pass
    text, line = entry(ax, "chosen on validation")
    assert vertical_at(ax) == [line.get_xdata()[0]] == [chosen]
    assert f"\\lambda = {chosen:.2g}" in text
    assert ax.get_xscale() == "log" and "\\lambda" in ax.get_xlabel()
    assert "squared error" in ax.get_ylabel()


def test_error_curve_without_validation_marks_nothing():
    curve = overfitting.error_curve(DATA, DEGREE, LAMBDAS, "l2")
    ax, drawn = plot_error_curve(curve)
    assert drawn["chosen_lambda"] is None and drawn["val_mse"] is None
    assert vertical_at(ax) == []
    assert list(legend(ax)) == ["training error", "test error", "$\\lambda = 0$ (least squares)"]
    assert set(lambda_zero_marks(ax)) == {"training error", "test error"}


def test_least_squares_is_marked_left_of_the_log_axis_with_its_errors():
    """lambda = 0 has no place on a log axis: its three errors (least squares by numpy's
    polyfit on the raw powers; scikit-learn's LinearRegression loses half the digits on these
    nearly collinear columns) stand one decade left of the first lambda, under a tick
    labelled 0; the test and validation errors, far above the curves, sit on the top edge
    with their values written."""
    data = overfitting.make_sine_data(n_train=12, n_test=200, noise=0.3, seed=0, n_val=30)
    lambdas = np.concatenate([[0.0], np.logspace(-6, 3, 37)])
    ax, drawn = plot_error_curve(overfitting.error_curve(data, DEGREE, lambdas, "l2"))
    poly = np.polyfit(data.x_train, data.y_train, DEGREE)
    ref = {
        name: float(np.mean((y - np.polyval(poly, x)) ** 2))
        for name, x, y in (
            ("training error", data.x_train, data.y_train),
            ("validation error", data.x_val, data.y_val),
            ("test error", data.x_test, data.y_test),
        )
    }
    marks = lambda_zero_marks(ax)
    assert set(marks) == set(ref)
    x0 = tick_labelled_zero(ax)
    assert x0 == pytest.approx(1e-7) and ax.get_xlim()[0] < x0
    for name, value in ref.items():
        assert marks[name]["x"] == x0
        assert marks[name]["color"] == to_hex(legend(ax)[name].get_color())
        check_mark(marks[name], value, ax, rtol=1e-5)
    assert marks["test error"]["edge"] == "top" and marks["training error"]["edge"] is None
    assert entry(ax, "least squares")[0] == "$\\lambda = 0$ (least squares)"
    np.testing.assert_allclose(
        list(drawn["lambda0"]["values"].values()), list(ref.values()), rtol=1e-5
    )


def test_polynomial_fits_are_scikit_learns_with_the_truth_and_the_points():
    lams = {"nearly least squares": 1e-8, "ridge": 1e-3, "heavy ridge": 10.0}
    fits = {
        k: overfitting.fit_polynomial(DATA.x_train, DATA.y_train, DEGREE, v)
        for k, v in lams.items()
    }
    ax, _ = plot_polynomial_fits(DATA, fits)
    assert list(legend(ax)) == ["true curve", *lams, "training points"]
    _, truth = entry(ax, "true curve")
    x, y = xy(truth).T
    np.testing.assert_allclose(y, np.sin(2 * np.pi * x), rtol=1e-15, atol=1e-15)
    assert x.min() == 0.0 and x.max() == 1.0
    for label, lam in lams.items():
        x, y = xy(legend(ax)[label]).T
        np.testing.assert_allclose(y, sk_ridge(lam).predict(x), rtol=1e-6, atol=1e-6)
    _, points = entry(ax, "training points")
    np.testing.assert_array_equal(
        points.get_offsets(), np.column_stack([DATA.x_train, DATA.y_train])
    )
    assert ax.get_xlabel() == "$x$" and ax.get_ylabel() == "$y$"
    assert f"Degree-{DEGREE}" in ax.get_title()


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="same length"):
        plot_error_curve({"lambda": [1.0, 2.0], "train_mse": [1.0], "test_mse": [1.0, 2.0]})
    with pytest.raises(ValueError, match="positive lambda"):
        plot_error_curve({"lambda": [0.0], "train_mse": [1.0], "test_mse": [1.0]})
