"""Interactive charts computed in the page: Vega-Lite specs built with Altair.

One module per explorer (:mod:`~lessonlib.display.charts.slope`, the one-feature
ridge and lasso; :mod:`~lessonlib.display.charts.path`, the exact lasso path;
:mod:`~lessonlib.display.charts.geometry`, the diamond and the disk;
:mod:`~lessonlib.display.charts.thresholding`, the rules for orthonormal features), on
what they share (:mod:`~lessonlib.display.charts._chart`: the embedding, the print
picture). The site serves Vega, Vega-Lite and vega-embed itself
(``_ext/vega_assets.py``), so a chart works offline; in a notebook outside the site a
chart loads the same versions from a CDN (:data:`VEGA_CDN`).
"""

from lessonlib.display.charts._chart import CHART_CLASS, SIGNAL, VEGA_CDN, VEGA_VERSIONS, Chart
from lessonlib.display.charts.geometry import (
    BUDGET_SIGNAL,
    RHO_SIGNAL,
    geometry_chart,
    geometry_grid,
)
from lessonlib.display.charts.path import (
    ALPHA_SIGNAL,
    LOG_SIGNAL,
    PATH_EXPRESSIONS,
    path_chart,
    path_segments,
)
from lessonlib.display.charts.slope import slope_chart, slope_expressions
from lessonlib.display.charts.thresholding import THRESHOLD_EXPRESSIONS, thresholding_chart

__all__ = [
    "ALPHA_SIGNAL",
    "BUDGET_SIGNAL",
    "CHART_CLASS",
    "LOG_SIGNAL",
    "PATH_EXPRESSIONS",
    "RHO_SIGNAL",
    "SIGNAL",
    "THRESHOLD_EXPRESSIONS",
    "VEGA_CDN",
    "VEGA_VERSIONS",
    "Chart",
    "geometry_chart",
    "geometry_grid",
    "path_chart",
    "path_segments",
    "slope_chart",
    "slope_expressions",
    "thresholding_chart",
]
