"""Test set-up for everything pytest collects: lessonlib's doctests as well as tests/.

Figures are drawn off-screen (Agg, in this process only: the notebooks' kernels under
nbval keep their inline backend), and every figure a test or doctest opened is closed
after it, so hundreds of figure doctests do not pile up in memory.
"""

import os
import sys
from pathlib import Path

# The kernels' environment (scripts/_env.py says why): set before matplotlib is imported,
# inherited by the kernels that nbval starts. `make` has set it already.
sys.path.insert(0, str(Path(__file__).resolve().parent / "scripts"))
from _env import kernel_env

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


# How `make test`'s two pytest-xdist workers share the work. pytest-xdist's `loadfile`
# keeps a test file on one worker, so the three notebook runs (one per arithmetic, each a
# minute or more) queued up on one worker and the browser pages on the other while the
# first sat idle. Here each of those runs and each page check is a unit of its own that
# either worker takes; every other file stays whole (its module fixtures are set up once).
# Units go out in collection order (tests/conftest.py puts the slow files first), not
# pytest-xdist's default of the units with most tests first.
SPLIT_PER_TEST = (
    "tests/test_notebooks.py::test_stored_outputs_hold",
    "tests/test_browser.py::test_what_the_reader_sees",
    "tests/test_reader_notebooks.py::test_reader_notebook_runs",
)


def pytest_xdist_make_scheduler(config, log):
    """A `loadfile` scheduler that splits the long tests in :data:`SPLIT_PER_TEST` apart."""
    if config.getoption("dist") != "loadfile":
        return None  # another --dist asked for explicitly: pytest-xdist's own
    from xdist.scheduler import LoadScopeScheduling

    class Scheduler(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            if nodeid.startswith(SPLIT_PER_TEST):
                return nodeid
            return nodeid.split("::", 1)[0]

    config.option.loadscopereorder = False
    return Scheduler(config, log)
