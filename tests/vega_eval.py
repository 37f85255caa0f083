"""A small evaluator for the Vega-Lite specs of lessonlib.display.charts, in Python.

It runs each view's inline data through its ``calculate`` and ``flatten``
transforms, evaluating every numeric expression with Python's own
arithmetic (``max``, ``abs`` and ``+ - * /`` read the same in Vega's
expression language and in Python; ``datum.f`` is an attribute). It does not
import lessonlib: the tests compare what it computes with scikit-learn and
closed forms written in the tests.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

# Functions of Vega's expression language that the specs use, in Python.
FUNCTIONS = {"max": max, "min": min, "abs": abs, "pow": pow}


def units(spec: dict, data: dict | None = None, transform: tuple = ()) -> Iterator[dict]:
    """Every single view (a spec with a mark) in a (v/h)concat/layer tree,
    with the data and transforms a layer passes down to it (Vega-Lite: a
    view without data uses its layer's; the layer's transforms run first)."""
    data = spec.get("data", data)
    transform = (*transform, *spec.get("transform", []))
    if "mark" in spec:
        yield {**spec, "data": data, "transform": list(transform)}
    for key in ("vconcat", "hconcat", "concat", "layer"):
        inherit = key == "layer"
        for child in spec.get(key, []):
            yield from units(child, data if inherit else None, transform if inherit else ())


def evaluate(expr: str, row: dict, signals: dict) -> Any:
    if re.search(r"[?'\"]|format\(", expr):
        raise ValueError(f"not a numeric expression: {expr}")
    names = {**FUNCTIONS, **signals, "datum": SimpleNamespace(**row)}
    return eval(expr, {"__builtins__": {}}, names)


def rows(unit: dict, signals: dict) -> list[dict]:
    """The unit's data after its numeric transforms (text ones skipped)."""
    out = [dict(r) for r in unit["data"]["values"]]
    for step in unit.get("transform", []):
        if "calculate" in step:
            expr = step["calculate"]
            if re.search(r"format\(|'", expr):
                continue
            for r in out:
                r[step["as"]] = evaluate(expr, r, signals)
        elif "filter" in step:
            expr = step["filter"].replace("&&", " and ").replace("===", "==")
            out = [r for r in out if evaluate(expr, r, signals)]
        elif "flatten" in step:
            (field,) = step["flatten"]
            out = [{**r, field: v} for r in out for v in r[field]]
        else:
            raise ValueError(f"unknown transform {step}")
    return out


def spec_from_html(markup: str) -> dict:
    """The spec a chart's HTML passes to vegaEmbed."""
    text = re.search(r"var spec = (\{.*\}), rows = spec", markup, flags=re.S).group(1)
    return json.loads(text.replace("<\\/", "</"))
