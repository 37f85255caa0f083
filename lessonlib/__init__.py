"""Shared library behind the textbook *Why Lasso Creates Sparsity*.

Three layers, one folder each, each importing only the ones above it:

* ``lessonlib`` itself, the general library a chapter builds on::

      from lessonlib import simple      # closed forms for one feature (the article's loss)
      from lessonlib import derive      # SymPy derivations of those closed forms
      from lessonlib import solvers     # ridge, lasso and elastic net for several features
      from lessonlib import path        # the exact lasso path (homotopy / LARS-lasso)
      from lessonlib import scale       # the article's lambda and scikit-learn's alpha
      from lessonlib import data        # diabetes data and seeded synthetic data

  with ``optimality``, ``screening``, ``tuning``, ``degrees_of_freedom``,
  ``subgradient`` and ``exceptions``;
* ``lessonlib.topics``: what a single chapter computes (``from lessonlib.topics
  import bayes``);
* ``lessonlib.display``: what the reader sees, figures, charts, explorers, tables
  and style (``from lessonlib.display import figures``).

``import lessonlib`` itself imports only NumPy: SymPy, scikit-learn and matplotlib
are imported inside the modules or functions that need them.
"""

__version__ = "0.1.0"
