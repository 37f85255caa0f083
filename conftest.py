"""Test set-up for everything pytest collects: lessonlib's doctests as well as tests/.

Figures are drawn off-screen (Agg, in this process only: the notebooks' kernels under
nbval keep their inline backend), and every figure a test or doctest opened is closed
after it, so hundreds of figure doctests do not pile up in memory.
"""

import matplotlib
import pytest

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
