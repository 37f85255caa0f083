"""The checks of the chapters' computational exercises (:mod:`lessonlib.exercises`), one
module per part of the book; importing this registers them all."""

from lessonlib.topics import exercise_checks_part_i, exercise_checks_part_ii

__all__ = ["exercise_checks_part_i", "exercise_checks_part_ii"]
