"""Interactive charts computed in the page: Vega-Lite specs built with Altair.

One module per explorer (:mod:`~lessonlib.charts.slope`, the one-feature
ridge and lasso; :mod:`~lessonlib.charts.path`, the exact lasso path;
:mod:`~lessonlib.charts.geometry`, the diamond and the disk;
:mod:`~lessonlib.charts.thresholding`, the rules for orthonormal features), on
what they share (:mod:`~lessonlib.charts._chart`: the embedding, the print
picture). The site serves Vega, Vega-Lite and vega-embed itself
(``_ext/vega_assets.py``), so a chart works offline.
"""

from lessonlib.charts._chart import CHART_CLASS, SIGNAL, Chart
from lessonlib.charts.geometry import BUDGET_SIGNAL, RHO_SIGNAL, geometry_chart, geometry_grid
from lessonlib.charts.path import (
    ALPHA_SIGNAL,
    LOG_SIGNAL,
    PATH_EXPRESSIONS,
    path_chart,
    path_segments,
)
from lessonlib.charts.slope import slope_chart, slope_expressions
from lessonlib.charts.thresholding import THRESHOLD_EXPRESSIONS, thresholding_chart

__all__ = [
    "ALPHA_SIGNAL",
    "BUDGET_SIGNAL",
    "CHART_CLASS",
    "LOG_SIGNAL",
    "PATH_EXPRESSIONS",
    "RHO_SIGNAL",
    "SIGNAL",
    "THRESHOLD_EXPRESSIONS",
    "Chart",
    "geometry_chart",
    "geometry_grid",
    "path_chart",
    "path_segments",
    "slope_chart",
    "slope_expressions",
    "thresholding_chart",
]
