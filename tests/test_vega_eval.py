"""tests/vega_eval.py reads a chart's texts as a browser does: d3-format and the expressions.

The expected strings are d3-format's documented behaviour (https://d3js.org/d3-format):
"~" trims insignificant zeros, "," groups thousands, negative numbers take the minus sign
U+2212, a negative value that rounds to zero loses its sign, and "g" is JavaScript's
``toPrecision`` (exponent notation from 1e-7 down, and from 10^precision up).
"""

from __future__ import annotations

import pytest

from vega_eval import d3_format, expression

MINUS = "\u2212"


@pytest.mark.parametrize(
    "value, spec, text",
    [
        (1234.5678, ",.4~f", "1,234.5678"),
        (1468.9432, ",.4~r", "1,469"),
        (1.2, ".4r", "1.200"),
        (0.0123456, ",.3~r", "0.0123"),
        (99999, ",.3~r", "100,000"),
        (2.0, ",.4~f", "2"),
        (0.5, ",.4~f", "0.5"),
        (-1.5, ".4f", f"{MINUS}1.5000"),
        (-0.00001, ".2f", "0.00"),
        (0.125, ".2f", "0.13"),  # JavaScript's toFixed: a tie goes away from zero
        (0.1, ".3f", "0.100"),
        (0.000222, ".3~g", "0.000222"),
        (1.0, ".3~g", "1"),
        (9.999, ".3~g", "10"),
        (123456.0, ".3~g", "1.23e+5"),
        (1.2345e-7, ".3~g", "1.23e-7"),
        (3.0, "d", "3"),
        (2.5, "d", "3"),
    ],
)
def test_d3_format(value, spec, text):
    assert d3_format(value, spec) == text


def test_expressions_join_text_choose_and_count_like_javascript():
    row, signals = {"a1": 0.0, "a2": -1.0}, {"lam": 4.0}
    assert expression("'λ = ' + format(lam, ',.4~f')", row, signals) == "λ = 4"
    assert expression("datum.a1 === 0 ? 'w1 = 0' : 'no'", row, signals) == "w1 = 0"
    assert expression("datum.a1 === 0 && datum.a2 === 0 ? 'both' : 'one'", row, signals) == "one"
    # booleans add up as numbers, as the header's zero counts do
    count = "format((abs(3.0) <= lam / 2) + (abs(-1.0) <= lam / 2), 'd') + ' of 2'"
    assert expression(count, row, signals) == "1 of 2"
    assert expression("-lam / 2 + pow(10, 2)", row, signals) == 98.0
    assert expression("[1, 2]", row, signals) == [1.0, 2.0]
    assert expression("'x' + 1.5 + 2", row, signals) == "x1.52"  # left to right, as in JS
    with pytest.raises(ValueError, match="unknown"):
        expression("unknown(1)", row, signals)
