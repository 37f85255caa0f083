"""The checks of Part II's computational exercises (chapters 6 to 13; :mod:`lessonlib.exercises`).

One function per exercise, registered under the exercise's label: it computes the right
answer from the chapter's data and closed forms, so no answer is written here either.
"""

from __future__ import annotations
