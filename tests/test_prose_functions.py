"""Every library function that Part II's prose names is the function the code calls.

The prose names functions as ``module.function`` in code spans (```scale.alpha_max```,
```lessonlib.path.lasso_homotopy```). Each must exist and be *defined* in the module it
is named with (``solvers.alpha_max`` would be wrong even if ``solvers`` imported it), and a
function the chapter's code calls under another module's name is a slip of the prose.
"""

from __future__ import annotations

import importlib
import inspect
import re

import nbformat
import pytest

from toc import BOOK

PART_II = [
    "geometry",
    "kkt",
    "orthonormal",
    "coordinate_descent",
    "lasso_path",
    "bayesian",
    "correlated",
    "choosing_lambda",
]
# module names a chapter's prose may use for lessonlib's modules
MODULES = {
    "lessonlib": "lessonlib",
    "data": "lessonlib.data",
    "derive": "lessonlib.derive",
    "optimality": "lessonlib.optimality",
    "path": "lessonlib.path",
    "scale": "lessonlib.scale",
    "screening": "lessonlib.screening",
    "simple": "lessonlib.simple",
    "solvers": "lessonlib.solvers",
    "subgradient": "lessonlib.subgradient",
    "tuning": "lessonlib.tuning",
    "degrees_of_freedom": "lessonlib.degrees_of_freedom",
    "exercises": "lessonlib.exercises",
    "geometry": "lessonlib.topics.geometry",
    "orthonormal": "lessonlib.topics.orthonormal",
    "bayes": "lessonlib.topics.bayes",
    "selection": "lessonlib.topics.selection",
    "irrepresentable": "lessonlib.topics.irrepresentable",
    "convergence": "lessonlib.topics.convergence",
    "recovery": "lessonlib.topics.recovery",
    "penalties": "lessonlib.topics.penalties",
    "figures": "lessonlib.display.figures",
    "charts": "lessonlib.display.charts",
}
NAME = re.compile(r"`(?:lessonlib\.)?((?:topics\.|display\.)?[a-z_]+)\.([a-z_][a-z0-9_]*)`")


def _markdown(chapter: str) -> str:
    nb = nbformat.read(BOOK / f"{chapter}.ipynb", as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def _code(chapter: str) -> str:
    nb = nbformat.read(BOOK / f"{chapter}.ipynb", as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


def problems(markdown: str, code: str) -> list[str]:
    """What is wrong with the ``module.function`` names of ``markdown``."""
    found = []
    for module, name in sorted(set(NAME.findall(markdown))):
        short = module.split(".")[-1]
        if short == "lessonlib":  # a module: `lessonlib.simple`
            try:
                importlib.import_module(f"lessonlib.{name}")
            except ImportError:
                found.append(f"`lessonlib.{name}` is no module")
            continue
        if short not in MODULES:
            continue  # not a lessonlib module (a method such as `model.fit`)
        mod = importlib.import_module(MODULES[short])
        if not hasattr(mod, name):
            found.append(f"`{module}.{name}` does not exist")
            continue
        obj = getattr(mod, name)
        defined = getattr(obj, "__module__", mod.__name__)
        if (inspect.isfunction(obj) or inspect.isclass(obj)) and not (
            defined == mod.__name__ or mod.__name__.endswith("figures")
        ):
            found.append(f"`{module}.{name}` is defined in {defined}")
        calls = set(re.findall(rf"\b(\w+)\.{name}\(", code))
        if calls and short not in calls:
            found.append(f"the prose says `{module}.{name}`, the code calls {sorted(calls)}")
    return found


@pytest.mark.parametrize("chapter", PART_II)
def test_named_functions_are_the_ones_the_code_calls(chapter):
    assert not problems(_markdown(chapter), _code(chapter)), chapter


def test_the_slip_of_issue_25_would_be_caught():
    """kkt-19 said `solvers.alpha_max` where the code calls `scale.alpha_max`."""
    found = problems("We compute it with `solvers.alpha_max`.", "a = scale.alpha_max(X, y)")
    assert found and "does not exist" in found[0]
    found = problems("with `solvers.objective`", "v = scale.objective(X)")
    assert found == ["the prose says `solvers.objective`, the code calls ['scale']"]
    assert problems("with `scale.alpha_max`", "a = scale.alpha_max(X, y)") == []
