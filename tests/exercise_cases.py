"""For every checkable exercise (tests/test_exercises.py): the answer its worked solution
states, and typical wrong answers with what the check must say about each.

label -> (the worked solution's answer, [(a typical wrong answer, what the check says)])
"""

from __future__ import annotations

# Part I, chapters 1 to 5
PART_I = {
    "ex-lasso-numbers": (
        [0.4, 0.0, -0.4, 0.0],
        [
            ([-0.4, 0.0, 0.4, 0.0], "sign is wrong"),
            ([0.2, 0.0, -0.2, 0.0], "a factor of 2"),  # the threshold λ instead of λ/2
            ([0.4, -0.1, -0.4, 0.0], "exactly zero"),  # case (b) without the zero case
            ([0.4, 0.0, -0.4], "expected 4 values"),
            ([..., ..., ..., ...], "must be a number"),  # the starter cell as given
        ],
    ),
}

# Part II, chapters 6 to 13
PART_II: dict = {}
