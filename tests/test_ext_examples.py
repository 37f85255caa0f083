"""The examples in the Sphinx extensions' docstrings (_ext/), run as tests: pytest collects
doctests from lessonlib only, and these examples pin the rules the extensions apply to
every page (which output lines are table rows, which characters stay with a formula)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["code_lines", "math_punctuation"]


@pytest.mark.parametrize("name", MODULES)
def test_the_examples_in_the_docstrings_hold(name):
    module = importlib.import_module(name)
    failed, tried = doctest.testmod(module, report=True)
    assert tried >= 3, f"{name} has only {tried} examples"
    assert failed == 0, f"{failed} of {tried} examples in _ext/{name}.py fail"
