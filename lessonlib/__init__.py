"""Shared library behind the textbook *Why Lasso Creates Sparsity*.

Each module has one job, and chapters import the one they need::

    from lessonlib import simple      # closed forms for one feature (the article's loss)
    from lessonlib import derive      # SymPy derivations of those closed forms
    from lessonlib import solvers     # ridge, lasso and elastic net for several features
    from lessonlib import path        # the exact lasso path (homotopy / LARS-lasso)
    from lessonlib import data        # diabetes data and seeded synthetic data
    from lessonlib import figures     # every figure the book draws
    from lessonlib import exceptions  # ConvergenceWarning, raised by iterative solvers

``import lessonlib`` itself imports only NumPy: SymPy, scikit-learn and matplotlib
are imported inside the modules or functions that need them.
"""

__version__ = "0.1.0"
