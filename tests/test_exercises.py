"""The exercises a student checks in code (lessonlib.exercises): each check accepts the worked
solution's answer, says what is off in typical wrong answers, never prints the answer,
and runs in the reader's environment.

:data:`CASES` (tests/exercise_cases.py) gives, for every checkable exercise, the answer its
worked solution states (the test finds those numbers in the solution's text) and typical
wrong answers with what the check must say about them.
"""

from __future__ import annotations

import re
import subprocess

import nbformat
import numpy as np
import pytest

from exercise_cases import PART_I, PART_II
from lessonlib import exercises
from toc import BOOK, toc_notebooks

CASES = {**PART_I, **PART_II}


def exercise_sources() -> dict[str, str]:
    """label -> the text of its exercise and solution directives, for every exercise."""
    found = {}
    for path in toc_notebooks():
        text = "\n".join(
            c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"
        )
        for match in re.finditer(r"^(`{3,})\{exercise\}.*?^\1$", text, flags=re.M | re.S):
            label = re.search(r":label: (\S+)", match.group(0)).group(1)
            solution = re.search(
                rf"^(`{{3,}})\{{solution\}} {re.escape(label)}\n.*?^\1$", text, flags=re.M | re.S
            )
            found[label] = match.group(0) + "\n" + (solution.group(0) if solution else "")
    return found


EXERCISES = exercise_sources()
COMPUTATIONAL = sorted(
    label for label, text in EXERCISES.items() if ":class: computational" in text
)


def test_every_computational_exercise_has_a_check_and_a_case():
    assert COMPUTATIONAL, "no exercise is marked :class: computational"
    assert exercises.registered() == COMPUTATIONAL
    assert sorted(CASES) == COMPUTATIONAL


@pytest.mark.parametrize("label", COMPUTATIONAL)
def test_the_starter_cell_calls_the_check_of_its_exercise(label):
    assert f'check("{label}", answer)' in EXERCISES[label]
    assert "from lessonlib.exercises import check" in EXERCISES[label]


@pytest.mark.parametrize("label", sorted(CASES))
def test_check_accepts_the_worked_solution(label, capsys):
    answer, _ = CASES[label]
    solution = EXERCISES[label].split("{solution}", 1)[1]
    for value in answer:
        assert f"{value:g}" in solution.replace("−", "-"), f"{value:g} not in the solution"
    exercises.check(label, answer)
    assert capsys.readouterr().out.strip() == "Right."


@pytest.mark.parametrize(
    ("label", "wrong", "says"),
    [(label, wrong, says) for label, (_, cases) in CASES.items() for wrong, says in cases],
)
def test_check_says_what_is_off_without_the_answer(label, wrong, says, capsys):
    answer, _ = CASES[label]
    exercises.check(label, wrong)
    out = capsys.readouterr().out
    assert out.startswith("Not yet:") and says in out, out
    for value in np.atleast_1d(answer):
        if value != 0:
            assert f"{value:g}" not in out, f"the check gives the answer away: {out}"


def test_an_unknown_label_is_refused_by_name():
    with pytest.raises(ValueError, match="ex-no-such"):
        exercises.check("ex-no-such", 1.0)


@pytest.mark.notebooks
def test_checks_run_in_the_readers_environment():
    from reader import require_reader

    python = require_reader()
    calls = "".join(f"check({label!r}, {CASES[label][0]!r})\n" for label in sorted(CASES))
    done = subprocess.run(
        [str(python), "-c", "from lessonlib.exercises import check\n" + calls],
        capture_output=True,
        text=True,
        cwd=BOOK,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:-1] == ["Right."] * len(CASES), done.stdout
