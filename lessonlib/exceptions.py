"""Warnings that ``lessonlib`` raises (scikit-learn's ``sklearn.exceptions`` habit).

One job: the warning classes a chapter or a test can filter or expect by name.
"""

from __future__ import annotations

__all__ = ["ConvergenceWarning"]


class ConvergenceWarning(UserWarning):
    """An iterative solver stopped at its iteration limit before its stopping rule held.

    The result it returns is the last iterate, which may be far from optimal; its
    ``converged`` attribute is False. Raise the iteration limit, loosen ``tol``, or
    increase the penalty (a tiny penalty with more features than samples converges
    slowly).
    """
