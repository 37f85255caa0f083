"""Every figure the book draws.

Each function takes ``ax=None``: it draws into the given Axes, or makes a new figure
(white background, the book's style from :mod:`lessonlib.style`) only when none is
given. Each returns ``(ax, data)``, where ``data`` holds the arrays it plotted, so a
chapter can print them and a test can check them. matplotlib is imported inside
the functions; the numbers come from :mod:`lessonlib.simple`.
"""

# One module per topic; each chapter's figures are importable from ``lessonlib.figures``.
# A new topic adds its module here, with its names in __all__.
from lessonlib.figures.geometry import constrained_solution, plot_constraint_geometry
from lessonlib.figures.one_feature import (
    plot_lasso_loss_curves,
    plot_shrinkage,
    plot_slope_vs_lambda,
)
from lessonlib.figures.overfitting import plot_error_curve, plot_polynomial_fits
from lessonlib.figures.paths import plot_coef_paths

__all__ = [
    "plot_slope_vs_lambda",
    "plot_lasso_loss_curves",
    "plot_shrinkage",
    "plot_coef_paths",
    "plot_constraint_geometry",
    "constrained_solution",
    "plot_error_curve",
    "plot_polynomial_fits",
]
