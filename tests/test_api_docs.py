"""Every public function and class of lessonlib is documented in numpydoc form.

Types are mypy's (``disallow_untyped_defs``), docstrings' presence and parameter
descriptions ruff's (D1, D417): tests/test_static_analysis.py runs both.

Public means: listed in its module's ``__all__`` (or, for modules without one, not
starting with an underscore and defined in that module).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import lessonlib


def public_objects():
    # with the prefix, walk_packages imports each subpackage and walks into it too
    names = [
        m.name
        for m in pkgutil.walk_packages(lessonlib.__path__, "lessonlib.")
        if not m.name.split(".")[-1].startswith("_")
    ]
    for modname in names:
        module = importlib.import_module(modname)
        exported = getattr(module, "__all__", None)
        for name, obj in vars(module).items():
            if not (inspect.isfunction(obj) or inspect.isclass(obj)):
                continue
            if getattr(obj, "__module__", None) != modname:
                continue  # imported from elsewhere; checked where it is defined
            if (exported is not None and name in exported) or (
                exported is None and not name.startswith("_")
            ):
                yield f"{modname}.{name}", obj


OBJECTS = dict(public_objects())


def test_there_are_public_objects():
    assert len(OBJECTS) > 50


@pytest.mark.parametrize("qualname", sorted(OBJECTS))
def test_documented_with_numpydoc_sections(qualname):
    """What ruff and mypy do not check: a docstring that says something, and, for a
    function with parameters, a numpydoc Parameters (or Returns) section. That every public
    object has a docstring and every listed parameter a description is ruff's D1 and D417;
    that every function is fully typed is mypy's disallow_untyped_defs."""
    obj = OBJECTS[qualname]
    doc = inspect.getdoc(obj) or ""
    assert len(doc.split()) >= 5, f"{qualname} has no real docstring"
    if inspect.isfunction(obj):
        params = [
            p for p in inspect.signature(obj).parameters if p not in ("self", "args", "kwargs")
        ]
        if params:
            assert "Parameters" in doc or "Returns" in doc, (
                f"{qualname}: no numpydoc Parameters/Returns section"
            )
