"""How long one explorer update takes in a live notebook: compute + redraw (+ PNG).

Run:  .venv/bin/python benchmarks/bench_explorers.py

Each row moves an explorer through 60 penalty weights and reports the median time of
one step, side by side with a baseline run in the same process: redrawing the same
figure in full with matplotlib (what a plain ``interact`` + ``plt.plot`` cell does).
The target is 50 ms per update for the "update + PNG" column, which is what the
ipywidgets slider of :func:`lessonlib.display.explore.live_explorer` does on each move.
"""

from __future__ import annotations

import os
import platform
import statistics
import time

import matplotlib
import numpy as np

from lessonlib import data, path, scale
from lessonlib.display import explore

TARGET_MS = 50.0


def median_ms(step, values) -> float:
    step(values[0])  # warm-up: first draw builds the background
    times = []
    for v in values:
        start = time.perf_counter()
        step(v)
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def full_redraw(explorer, v) -> None:
    """The baseline: the same update, then a complete re-render of the figure."""
    explorer.update(v)
    explorer.fig.canvas.draw()


def main() -> None:
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} cpus, "
        f"python {platform.python_version()}, matplotlib {matplotlib.__version__}"
    )
    x, y = data.make_simple_regression(seed=0)
    lam_star = scale.lambda_star(x, y)
    slope = explore.SlopeExplorer(x, y, "l1", lam_max=2 * lam_star)
    lams = np.linspace(0, 2 * lam_star, 60)

    d = data.load_diabetes_standardized()
    grid = np.geomspace(0.01, 50, 60)
    coefs, _ = path.lasso_path(d.X, d.y, grid)
    paths = explore.PathExplorer(
        grid, coefs, lambda a: path.lasso_path(d.X, d.y, [a])[0][0], d.feature_names, "lasso"
    )

    print(
        f"\n{'explorer':<22}{'update+redraw':>15}{'update+PNG':>13}{'full redraw':>13}"
        f"{'ratio':>8}{'target':>10}"
    )
    for name, ex, values in [("slope (one feature)", slope, lams), ("diabetes path", paths, grid)]:
        # Each timed function is called within this iteration; ex=ex binds it all the same.
        blit = median_ms(lambda v, ex=ex: (ex.update(v), ex.redraw()), values)
        png = median_ms(lambda v, ex=ex: (ex.update(v), ex.png(90, fast=True)), values)
        ex.png(90)  # the full-redraw baseline at the same resolution
        full = median_ms(lambda v, ex=ex: full_redraw(ex, v), values)
        ok = "met" if png <= TARGET_MS else "MISSED"
        print(
            f"{name:<22}{blit:>12.1f} ms{png:>10.1f} ms{full:>10.1f} ms{png / full:>8.2f}"
            f"{f'<= {TARGET_MS:.0f} ms':>10} {ok}"
        )


if __name__ == "__main__":
    main()
