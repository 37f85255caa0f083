"""For every checkable exercise (tests/test_exercises.py): the answer its worked solution
states, and typical wrong answers with what the check must say about each.

label -> (the worked solution's answer, [(a typical wrong answer, what the check says)])
"""

from __future__ import annotations

# Part I, chapters 1 to 5
PART_I = {
    "ex-reg-scalings": (
        [6.0, 60.0, 240.0],
        [
            ([3.0, 30.0, 120.0], "a factor of 2"),  # n alpha: the 2 of 2n forgotten
            ([0.05, 0.5, 2.0], "2n = 120"),  # alpha itself, unconverted
            ([6.0, 60.0], "expected 3 values"),
        ],
    ),
    "ex-simple-numbers": (
        [0.6, 2.2],
        [
            ([1.2, 0.4], "2 of 2 values are off"),  # raw sums: a line through the origin
            ([0.6, 5.8], "1 of 2 values are off"),  # b = ybar + m xbar
            ([-0.6, -2.2], "sign is wrong"),
        ],
    ),
    "ex-ridge-fraction": (
        [1204.5, 2710.13],
        [
            ([1505.63, 3011.26], "2 of 2 values are off"),  # lam = S_xx / phi
            ([75.2814, 33.4584], "2 of 2 values are off"),  # lam = S_xx phi / (1 - phi)
            ([2710.13], "expected 2 values"),
        ],
    ),
    "ex-diabetes-half": (
        [3.78384, 1778.7],
        [
            ([1.94521, 42.1747], "2 of 2 values are off"),  # d itself, not d^2
            ([0.00856073, 4.02421], "2 of 2 values are off"),  # eigenvalues of X^T X / n
            ([1778.7, 3.78384], "2 of 2 values are off"),  # first and last swapped
        ],
    ),
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
PART_II: dict = {
    "ex-geo-converse": (
        [23.9498, 0.399163],
        [
            ([11.9749, 0.199581], "half the right size"),  # |x_j^T r|, the 2 of the SSE forgotten
            ([23.9498, 23.9498], "1 of 2 values are off"),  # lambda given for alpha
            ([23.9498], "expected 2 values"),
        ],
    ),
    "ex-cf-witness": (
        [0.3305, 3],
        [
            ([0.3305, 1], "1 of 2 values are off"),  # at the chapter's 0.2 alpha_max
            ([0.6610, 3], "1 of 2 values are off"),  # |g_j| / (alpha / 2)
            ([0.3305], "expected 2 values"),
        ],
    ),
    "ex-cf-group": (
        [3.0793, 3],
        [
            ([5.3334, 3], "1 of 2 values are off"),  # without the sqrt(p_g)
            ([3.0793, 1], "1 of 2 values are off"),  # one feature, as for the lasso
            ([3.0793], "expected 2 values"),
        ],
    ),
    "ex-bayes-scale": (
        [360, 9],
        [
            ([180, 4.5], "half the right size"),  # sigma^2 / nu: the Gaussian's factor
            ([360, 18], "1 of 2 values are off"),  # lambda / n
            ([360], "expected 2 values"),
        ],
    ),
    "ex-orth-zero": (
        [1.6311, 0.006559],
        [
            ([0.8155, 0.006559], "1 of 2 values are off"),  # the threshold kappa, not lambda
            ([1.6311, 0.993441], "1 of 2 values are off"),  # P(w_5 = 0), not kept
            ([1.6311], "expected 2 values"),
        ],
    ),
    "ex-kkt-gapsafe": (
        [0.7326, 4],
        [
            ([0.5180, 4], "1 of 2 values are off"),  # sqrt(gap / n), the 2 forgotten
            ([0.7326, 0], "not the right entries are exactly zero"),  # ||x_j|| taken as 1
            ([1.4651, 8], "twice the right size"),
        ],
    ),
    "ex-lp-first-segment": (
        [42.3003, 2.8597],
        [
            ([42.3003, -2.8597], "1 of 2 values are off"),  # alpha - alpha_max
            ([45.16, 2.8597], "1 of 2 values are off"),  # the first knot, alpha_max
            ([42.3003], "expected 2 values"),
        ],
    ),
    "ex-cd-rates": (
        [298669, 1093, 119, 27],
        [
            ([597337, 1093, 119, 27], "1 of 4 values are off"),  # L R^2 / k, the 2 forgotten
            ([298669, 1093, 118, 26], "2 of 4 values are off"),  # argmax without the + 1
            ([298669, 1093], "expected 4 values"),
        ],
    ),
    "ex-cv-se": (
        [10.1101, 4],
        [
            ([5.6853, 5], "2 of 2 values are off"),  # the one-SE rule with the SE not doubled
            ([10.1101, 5], "1 of 2 values are off"),  # the count at alpha_1se
            ([1.0108, 7], "2 of 2 values are off"),  # alpha_min, where the rule starts
            ([10.1101], "expected 2 values"),
        ],
    ),
}
