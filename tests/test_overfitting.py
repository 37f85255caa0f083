"""The Regularization chapter's over-fitting example, checked against scikit-learn."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg
from sklearn.linear_model import Lasso, Ridge
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

from lessonlib import scale
from lessonlib.topics import overfitting

DATA = overfitting.make_sine_data(n_train=12, n_test=200, noise=0.3, seed=0)
DEGREE = 9


class LeastSquares:
    """Unpenalised least squares by SciPy's SVD solver (gelsd).

    scikit-learn's ``LinearRegression`` truncates tiny singular values, and the degree-9
    powers are ill-conditioned enough (condition number ~5e6) that it then returns a fit
    with a larger training SSE than the true minimiser, so it is not the reference here.
    """

    def fit(self, X, y):
        self.x_mean, self.y_mean = X.mean(axis=0), y.mean()
        self.coef_ = scipy.linalg.lstsq(X - self.x_mean, y - self.y_mean, lapack_driver="gelsd")[0]
        self.intercept_ = self.y_mean - self.x_mean @ self.coef_
        return self

    def predict(self, X):
        return X @ self.coef_ + self.intercept_


def sklearn_features(x_train, x):
    """The standardised powers of x, built with scikit-learn's own transformers."""
    poly = PolynomialFeatures(DEGREE, include_bias=False).fit(x_train[:, None])
    scaler = StandardScaler().fit(poly.transform(x_train[:, None]))
    return scaler.transform(poly.transform(x[:, None]))


def test_data_is_seeded_and_shaped():
    again = overfitting.make_sine_data(n_train=12, n_test=200, noise=0.3, seed=0)
    other = overfitting.make_sine_data(n_train=12, n_test=200, noise=0.3, seed=1)
    assert np.array_equal(DATA.y_train, again.y_train)
    assert not np.array_equal(DATA.y_train, other.y_train)
    assert DATA.x_train.shape == (12,) and DATA.x_test.shape == (200,)
    assert np.all((DATA.x_test >= 0) & (DATA.x_test <= 1))


def test_polynomial_features_match_scikit_learn():
    ours = overfitting.polynomial_features(DATA.x_test, DEGREE, reference=DATA.x_train)
    np.testing.assert_allclose(
        ours, sklearn_features(DATA.x_train, DATA.x_test), rtol=1e-10, atol=1e-10
    )


@pytest.mark.parametrize("lam", [0.0, 1e-4, 0.05, 3.0, 100.0])
def test_ridge_fit_matches_scikit_learn(lam):
    X = sklearn_features(DATA.x_train, DATA.x_train)
    ref = LeastSquares().fit(X, DATA.y_train) if lam == 0 else Ridge(alpha=lam).fit(X, DATA.y_train)
    coef, c = overfitting.fit_polynomial(DATA.x_train, DATA.y_train, DEGREE, lam, "l2")
    np.testing.assert_allclose(coef, ref.coef_, rtol=1e-6, atol=1e-6)
    assert c == pytest.approx(ref.intercept_, abs=1e-8)


@pytest.mark.parametrize("lam", [0.1, 1.0, 5.0])
def test_lasso_fit_matches_scikit_learn_with_alpha_lam_over_2n(lam):
    X = sklearn_features(DATA.x_train, DATA.x_train)
    ref = Lasso(alpha=scale.lasso_alpha(lam, 12), tol=1e-14, max_iter=10_000_000).fit(
        X, DATA.y_train
    )
    coef, _c = overfitting.fit_polynomial(DATA.x_train, DATA.y_train, DEGREE, lam, "l1")
    np.testing.assert_allclose(coef, ref.coef_, atol=1e-6)
    # exact zeros agree: the homotopy's zeros are where scikit-learn's are
    assert np.array_equal(coef == 0.0, ref.coef_ == 0.0)


def test_error_curve_agrees_with_direct_computation():
    lambdas = [0.0, 0.01, 10.0]
    curve = overfitting.error_curve(DATA, DEGREE, lambdas, "l2")
    for k, lam in enumerate(lambdas):
        X = sklearn_features(DATA.x_train, DATA.x_train)
        model = LeastSquares() if lam == 0 else Ridge(alpha=lam)
        model.fit(X, DATA.y_train)
        test_pred = model.predict(sklearn_features(DATA.x_train, DATA.x_test))
        assert curve["test_mse"][k] == pytest.approx(
            np.mean((DATA.y_test - test_pred) ** 2), rel=1e-6
        )
        assert curve["train_mse"][k] == pytest.approx(
            np.mean((DATA.y_train - model.predict(X)) ** 2), rel=1e-5, abs=1e-10
        )


def test_ridge_training_error_never_decreases_with_lambda():
    curve = overfitting.error_curve(DATA, DEGREE, np.logspace(-6, 3, 25), "l2")
    assert np.all(np.diff(curve["train_mse"]) >= -1e-12)
    # and the test error is U-shaped: its minimum is strictly inside the grid
    best = int(np.argmin(curve["test_mse"]))
    assert 0 < best < 24


def test_lasso_gives_exact_zeros_where_ridge_gives_none():
    ridge = overfitting.error_curve(DATA, DEGREE, [0.5], "l2")
    lasso = overfitting.error_curve(DATA, DEGREE, [0.5], "l1")
    assert ridge["n_zero"][0] == 0
    assert lasso["n_zero"][0] > 0


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: overfitting.make_sine_data(n_train=0), "n_train"),
        (lambda: overfitting.make_sine_data(noise=-1.0), "noise"),
        # the argument the caller passed is named: x here, reference only when given
        (lambda: overfitting.polynomial_features([0.5, 0.5], 2), "^x must hold at least two"),
        (
            lambda: overfitting.polynomial_features([0.1, 0.2], 2, reference=[0.5, 0.5]),
            "^reference must hold at least two",
        ),
        (
            lambda: overfitting.predict_polynomial([0.1], [0.5, 0.5], [1.0, 2.0], 0.0),
            "^x_train must hold at least two",
        ),
        (lambda: overfitting.polynomial_features([0.1, 0.2], 0), "degree"),
        (lambda: overfitting.fit_polynomial([0.1, 0.2, 0.3], [1.0, 2.0], 2, 1.0), "same length"),
        (lambda: overfitting.fit_polynomial([0.1, 0.2, 0.3], [1.0, 2.0, 3.0], 2, -1.0), "lam"),
        (
            lambda: overfitting.fit_polynomial([0.1, 0.2, 0.3], [1.0, 2.0, 3.0], 2, 1.0, "l3"),
            "penalty",
        ),
        (lambda: overfitting.error_curve(DATA, 3, [1.0, -1.0]), "lambdas"),
    ],
)
def test_bad_input_is_named(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_error_curve_figure_draws_the_curve_it_returns():
    import matplotlib.pyplot as plt

    from lessonlib.display import figures

    data = overfitting.make_sine_data(seed=0, n_val=30)
    curve = overfitting.error_curve(data, DEGREE, [0.0, 1e-3, 0.1, 10.0], "l2")
    ax, drawn = figures.plot_error_curve(curve)
    train_line, val_line, test_line = ax.get_lines()[:3]
    # the lambda = 0 entry cannot sit on a log axis and is left out
    np.testing.assert_array_equal(train_line.get_xdata(), [1e-3, 0.1, 10.0])
    np.testing.assert_array_equal(val_line.get_ydata(), curve["val_mse"][1:])
    np.testing.assert_array_equal(test_line.get_ydata(), curve["test_mse"][1:])
    # the marked lambda is the validation choice, not the test optimum
    assert drawn["chosen_lambda"] == curve["lambda"][1:][np.argmin(curve["val_mse"][1:])]
    assert ax.get_lines()[3].get_xdata()[0] == drawn["chosen_lambda"]  # the marker line
    assert ax.get_xscale() == "log"
    plt.close("all")


def test_polynomial_fits_figure_evaluates_the_fits():
    import matplotlib.pyplot as plt

    from lessonlib.display import figures

    fit = overfitting.fit_polynomial(DATA.x_train, DATA.y_train, DEGREE, 0.05)
    ax, drawn = figures.plot_polynomial_fits(DATA, {"ridge": fit})
    X = sklearn_features(DATA.x_train, drawn["x"])
    ref = Ridge(alpha=0.05).fit(sklearn_features(DATA.x_train, DATA.x_train), DATA.y_train)
    np.testing.assert_allclose(drawn["curves"]["ridge"], ref.predict(X), atol=1e-6)
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["true curve", "ridge"]
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), np.sin(2 * np.pi * drawn["x"]))
    plt.close("all")
