"""Interactive charts computed in the page: Vega-Lite specs built with Altair.

One module per explorer (:mod:`~lessonlib.charts.slope`, the one-feature
ridge and lasso; :mod:`~lessonlib.charts.path`, the exact lasso path), on
what they share (:mod:`~lessonlib.charts._chart`: the embedding, the print
picture). The site serves Vega, Vega-Lite and vega-embed itself
(``_ext/vega_assets.py``), so a chart works offline.
"""

from lessonlib.charts._chart import CHART_CLASS, SIGNAL, Chart
from lessonlib.charts.path import (ALPHA_SIGNAL, LOG_SIGNAL, PATH_EXPRESSIONS,
                                   path_chart, path_segments)
from lessonlib.charts.slope import slope_chart, slope_expressions

__all__ = ["ALPHA_SIGNAL", "CHART_CLASS", "LOG_SIGNAL", "PATH_EXPRESSIONS",
           "SIGNAL", "Chart", "path_chart", "path_segments", "slope_chart",
           "slope_expressions"]
