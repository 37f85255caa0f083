"""A small evaluator for the Vega-Lite specs of lessonlib.display.charts, in Python.

It runs each view's inline data through its ``calculate`` and ``flatten``
transforms, evaluating every numeric expression with Python's own
arithmetic (``max``, ``abs`` and ``+ - * /`` read the same in Vega's
expression language and in Python; ``datum.f`` is an attribute).
:func:`expression` and :func:`text_rows` read the labels too (text,
``format``, ``?:``), as a browser would. It does not import lessonlib: the
tests compare what it computes with scikit-learn and closed forms written
in the tests.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
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


# ---------------------------------------------------------------- every expression, text too
#
# ``evaluate`` above reads numeric expressions with Python's eval. The charts' labels are
# Vega expressions too: strings joined with ``+``, ``format(x, spec)``, ``a ? b : c``,
# ``===`` and ``&&``. ``expression`` parses that subset of Vega's expression language
# (JavaScript's precedence) and evaluates it as a browser would: ``format`` is d3-format's
# (a minus sign U+2212, JavaScript's rounding of ties away from zero), ``+`` joins text
# when either side is text, ``round`` is JavaScript's ``Math.round``.

_TOKEN = re.compile(
    r"\s*(?:(?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(?P<str>'(?:[^'\\]|\\.)*')"
    r"|(?P<name>[A-Za-z_][A-Za-z_0-9]*)|(?P<op>===|!==|<=|>=|&&|\|\||[-+*/%<>!?:(),.\[\]]))"
)
# Binary operators from the loosest to the tightest (JavaScript's precedence).
_LEVELS = (("||",), ("&&",), ("===", "!=="), ("<", "<=", ">", ">="), ("+", "-"), ("*", "/", "%"))
_MINUS = "\u2212"  # d3-format's minus sign


def _tokens(expr: str) -> list[str]:
    out, at = [], 0
    while at < len(expr.rstrip()):
        m = _TOKEN.match(expr, at)
        if not m or m.end() == at:
            raise ValueError(f"cannot read {expr[at:]!r} in {expr!r}")
        out.append(m.group(m.lastgroup))
        at = m.end()
    return out


class _Parser:
    """A recursive-descent parser that returns a function of (datum, signals)."""

    def __init__(self, expr: str) -> None:
        self.expr, self.toks, self.at = expr, _tokens(expr), 0

    def peek(self) -> str | None:
        return self.toks[self.at] if self.at < len(self.toks) else None

    def take(self, want: str | None = None) -> str:
        tok = self.peek()
        if tok is None or (want is not None and tok != want):
            raise ValueError(f"expected {want or 'more'} at token {self.at} of {self.expr!r}")
        self.at += 1
        return tok

    def parse(self):
        node = self.ternary()
        if self.peek() is not None:
            raise ValueError(f"unexpected {self.peek()!r} in {self.expr!r}")
        return node

    def ternary(self):
        cond = self.binary(0)
        if self.peek() != "?":
            return cond
        self.take("?")
        yes = self.ternary()
        self.take(":")
        no = self.ternary()
        return lambda env: yes(env) if _truthy(cond(env)) else no(env)

    def binary(self, level: int):
        if level == len(_LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek() in _LEVELS[level]:
            op, right = self.take(), self.binary(level + 1)
            left = _binary(op, left, right)
        return left

    def unary(self):
        if self.peek() in ("-", "+", "!"):
            op, arg = self.take(), self.unary()
            if op == "!":
                return lambda env: not _truthy(arg(env))
            return (lambda env: -arg(env)) if op == "-" else arg
        return self.primary()

    def primary(self):
        tok = self.take()
        if tok == "(":
            node = self.ternary()
            self.take(")")
            return node
        if tok == "[":
            items = self.arguments("]")
            return lambda env: [f(env) for f in items]
        if tok[0] == "'":
            text = re.sub(r"\\(.)", r"\1", tok[1:-1])
            return lambda env: text
        if tok[0].isdigit() or tok[0] == ".":
            value = float(tok)
            return lambda env: value
        if tok == "datum":
            self.take(".")
            field = self.take()
            return lambda env: env[0][field]
        if tok in ("true", "false"):
            return lambda env: tok == "true"
        if self.peek() == "(":
            self.take("(")
            args = self.arguments(")")
            return lambda env: _call(tok, [f(env) for f in args])
        return lambda env: env[1][tok]

    def arguments(self, close: str) -> list:
        items = []
        while self.peek() != close:
            items.append(self.ternary())
            if self.peek() != close:
                self.take(",")
        self.take(close)
        return items


def _truthy(v: Any) -> bool:
    return v not in (0, 0.0, "", None, False) and not (isinstance(v, float) and v != v)


def _text(v: Any) -> str:
    """JavaScript's String(v) for the values the charts join to text."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)) and float(v).is_integer():
        return str(int(v))
    return str(v)


def _strictly_equal(a: Any, b: Any) -> bool:
    """JavaScript's ``===``: numbers by value (0 === -0), anything else by type and value."""

    def number(v: Any) -> bool:
        return isinstance(v, (int, float)) and not isinstance(v, bool)

    if number(a) and number(b):
        return a == b
    return type(a) is type(b) and a == b


def _binary(op: str, left, right):
    def plus(a: Any, b: Any) -> Any:
        if isinstance(a, str) or isinstance(b, str):
            return _text(a) + _text(b)
        return a + b

    ops = {
        "+": plus,
        "-": lambda a, b: a - b,
        "*": lambda a, b: a * b,
        "/": lambda a, b: a / b,
        "%": lambda a, b: math.fmod(a, b),
        "<": lambda a, b: a < b,
        "<=": lambda a, b: a <= b,
        ">": lambda a, b: a > b,
        ">=": lambda a, b: a >= b,
        "===": _strictly_equal,
        "!==": lambda a, b: not _strictly_equal(a, b),
    }
    if op == "&&":
        return lambda env: (lambda a: right(env) if _truthy(a) else a)(left(env))
    if op == "||":
        return lambda env: (lambda a: a if _truthy(a) else right(env))(left(env))
    fn = ops[op]
    return lambda env: fn(left(env), right(env))


def _call(name: str, args: list) -> Any:
    table = {
        "max": max,
        "min": min,
        "abs": abs,
        "pow": pow,
        "sqrt": math.sqrt,
        "cos": math.cos,
        "sin": math.sin,
        "round": lambda x: float(math.floor(x + 0.5)),  # JavaScript's Math.round
        "format": d3_format,
    }
    if name not in table:
        raise ValueError(f"function {name}() is not one vega_eval knows")
    return table[name](*args)


def _round_half_up(x: float, places: int) -> Decimal:
    """|x| to ``places`` decimals, ties away from zero (JavaScript's toFixed)."""
    return abs(Decimal(x)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _to_precision(x: float, p: int) -> str:
    """JavaScript's |x|.toPrecision(p)."""
    if x == 0:
        return "0" + ("." + "0" * (p - 1) if p > 1 else "")
    d = abs(Decimal(x))
    e = d.adjusted()
    r = d.scaleb(-e).quantize(Decimal(1).scaleb(-(p - 1)), rounding=ROUND_HALF_UP)
    if r >= 10:
        e, r = e + 1, (r / 10).quantize(Decimal(1).scaleb(-(p - 1)), rounding=ROUND_HALF_UP)
    digits = str(r).replace(".", "")
    if e < -6 or e >= p:
        mant = digits[0] + ("." + digits[1:] if p > 1 else "")
        return f"{mant}e{'+' if e >= 0 else '-'}{abs(e)}"
    if e >= 0:
        return digits[: e + 1] + ("." + digits[e + 1 :] if p > e + 1 else "")
    return "0." + "0" * (-e - 1) + digits


def d3_format(value: float, spec: str) -> str:
    """d3-format's ``format(spec)(value)`` for the specifiers the charts use:
    ``[,][.precision][~](f|g|d|r)`` (``r``: ``precision`` significant digits, in fixed
    notation)."""
    m = re.fullmatch(r"(,?)(?:\.(\d+))?(~?)([fgdr])", spec)
    if not m:
        raise ValueError(f"format specifier {spec!r} is not one vega_eval knows")
    comma, precision, trim, kind = m.groups()
    value = float(value)
    negative = value < 0 or (value == 0 and math.copysign(1, value) < 0)
    if kind == "d":
        body = str(math.floor(abs(value) + 0.5))
    elif kind == "f":
        body = f"{_round_half_up(value, int(precision or 6)):f}"
    elif kind == "r":
        significant = Decimal(_to_precision(abs(value), int(precision or 6)))
        body = format(significant, "f")
    else:
        body = _to_precision(value, int(precision or 6))
    if trim and "." in body:
        mant, _, exp = body.partition("e")
        mant = mant.rstrip("0").rstrip(".")
        body = mant + ("e" + exp if exp else "")
    if comma:
        whole, dot, rest = body.partition(".")
        body = f"{int(whole):,}" + dot + rest
    if negative and float(re.sub(r"[^0-9.e+-]", "", body) or 0) == 0:
        negative = False  # d3 hides the sign of a value that rounds to 0
    return (_MINUS if negative else "") + body


def expression(expr: str, row: dict, signals: dict) -> Any:
    """A Vega expression (numbers or text) on one data row, at ``signals``."""
    return _Parser(expr).parse()((row, signals))


def text_rows(unit: dict, signals: dict) -> list[dict]:
    """The unit's data after all its transforms, text ones included (by :func:`expression`)."""
    out = [dict(r) for r in (unit.get("data") or {}).get("values", [{}])]
    for step in unit.get("transform", []):
        if "calculate" in step:
            for r in out:
                r[step["as"]] = expression(step["calculate"], r, signals)
        elif "filter" in step:
            out = [r for r in out if _truthy(expression(step["filter"], r, signals))]
        elif "flatten" in step:
            (field,) = step["flatten"]
            out = [{**r, field: v} for r in out for v in r[field]]
        else:
            raise ValueError(f"unknown transform {step}")
    return out
