"""Test set-up for everything pytest collects: lessonlib's doctests as well as tests/.

Figures are drawn off-screen (Agg, in this process only: the notebooks' kernels under
nbval keep their inline backend), and every figure a test or doctest opened is closed
after it, so hundreds of figure doctests do not pile up in memory.
"""

import os

# The kernels' environment (booktools/env.py says why): set before matplotlib is imported,
# inherited by the kernels that tests start. `make` has set it already.
from booktools.env import kernel_env

for _name, _value in kernel_env().items():
    os.environ.setdefault(_name, _value)

import matplotlib  # noqa: E402  (after the kernels' environment is set, above)
import pytest  # noqa: E402  (likewise)

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
