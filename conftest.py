"""Test set-up for everything pytest collects: lessonlib's doctests as well as tests/.

Figures are drawn off-screen (Agg, in this process only: the notebooks' kernels under
nbval keep their inline backend), and every figure a test or doctest opened is closed
after it, so hundreds of figure doctests do not pile up in memory.
"""

import os
import sys

# matplotlib caches the paths of its fonts in MPLCONFIGDIR (default ~/.cache/matplotlib),
# one file per matplotlib version, shared by every environment on the machine. A cache
# written by another environment that has since been deleted (a clean clone's .venv, the
# Binder check's venv) makes every later kernel warn "findfont: ... not found" on stderr.
# One cache per environment: set before matplotlib is imported, inherited by the kernels
# that nbval starts.
os.environ.setdefault("MPLCONFIGDIR", os.path.join(sys.prefix, "mplconfig"))

import matplotlib  # noqa: E402
import pytest  # noqa: E402

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
