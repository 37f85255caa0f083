"""Every figure the book draws.

Each function takes ``ax=None``: it draws into the given Axes, or makes a new figure
(white background, the book's style from :mod:`lessonlib.display.style`) only when none is
given. Each returns ``(ax, data)``, where ``data`` holds the arrays it plotted, so a
chapter can print them and a test can check them. matplotlib is imported inside
the functions; the numbers come from :mod:`lessonlib.simple`.
"""

# One module per topic; each chapter's figures are importable from ``lessonlib.display.figures``.
# A new topic adds its module here, with its names in __all__.
from lessonlib.display.figures.bayes import plot_estimates_vs_sxy, plot_posterior, plot_priors
from lessonlib.display.figures.bias_variance import plot_bias_variance
from lessonlib.display.figures.corners import plot_bridge_rules, plot_corner_wedges, plot_lq_balls
from lessonlib.display.figures.geometry import (
    plot_constraint_geometry,
    plot_enet_ball,
)
from lessonlib.display.figures.lasso_path import plot_path_with_knots
from lessonlib.display.figures.least_squares import plot_fitted_line, plot_sse_contours
from lessonlib.display.figures.noise import plot_recovery, plot_zero_probability
from lessonlib.display.figures.one_feature import (
    plot_lasso_loss_curves,
    plot_shrinkage,
    plot_shrinkage_factors,
    plot_slope_vs_lambda,
)
from lessonlib.display.figures.optimality import plot_abs_subdifferential, plot_abs_supporting_lines
from lessonlib.display.figures.overfitting import plot_error_curve, plot_polynomial_fits
from lessonlib.display.figures.paths import plot_coef_paths
from lessonlib.display.figures.real_data import plot_ridge_lasso_paths, plot_ridge_svd
from lessonlib.display.figures.ridge import plot_ridge_crossing, plot_ridge_slope
from lessonlib.display.figures.selection import plot_selection_frequencies
from lessonlib.display.figures.solver_history import (
    plot_gap_history,
    plot_rates,
    plot_zero_counts,
)
from lessonlib.display.figures.sparse_vs_dense import plot_sparse_vs_dense
from lessonlib.display.figures.tuning import plot_cv_curve

__all__ = [  # noqa: RUF022 (grouped by chapter, as the book reads)
    # one feature (the article's chapters)
    "plot_error_curve",
    "plot_polynomial_fits",
    "plot_fitted_line",
    "plot_sse_contours",
    "plot_ridge_slope",
    "plot_ridge_crossing",
    "plot_slope_vs_lambda",
    "plot_lasso_loss_curves",
    "plot_shrinkage",
    "plot_shrinkage_factors",
    "plot_bias_variance",
    "plot_sparse_vs_dense",
    # several features and paths
    "plot_coef_paths",
    "plot_ridge_lasso_paths",
    "plot_ridge_svd",
    "plot_path_with_knots",
    "plot_selection_frequencies",
    "plot_cv_curve",
    # geometry, optimality, solvers, Bayes
    "plot_constraint_geometry",
    "plot_enet_ball",
    "plot_lq_balls",
    "plot_bridge_rules",
    "plot_corner_wedges",
    "plot_abs_supporting_lines",
    "plot_abs_subdifferential",
    "plot_gap_history",
    "plot_zero_counts",
    "plot_rates",
    "plot_zero_probability",
    "plot_recovery",
    "plot_priors",
    "plot_posterior",
    "plot_estimates_vs_sxy",
]
