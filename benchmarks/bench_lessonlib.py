"""Benchmark lessonlib's lasso paths and import cost against scikit-learn / NumPy.

Run:  .venv/bin/python benchmarks/bench_lessonlib.py

Prints one table: the median time of several repeats for lessonlib and for the reference,
their ratio, and the target ratio. Every task starts from the raw (uncentred) data, so the
scikit-learn side includes centring ``X`` and ``y`` (its ``lars_path`` and ``lasso_path``
have no intercept of their own). BLAS runs on one thread for both sides (threadpoolctl),
which makes the timings reproducible on a small shared machine.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

import numpy as np
import scipy
import sklearn
from sklearn.datasets import load_diabetes
from sklearn.linear_model import lars_path
from sklearn.linear_model import lasso_path as sk_lasso_path
from threadpoolctl import threadpool_limits

from lessonlib.path import lasso_homotopy, lasso_path
from lessonlib.scale import alpha_max
from lessonlib.solvers import kkt_violation

REPEATS = 7


def _loops(func: Callable[[], object]) -> int:
    """How many calls make one measurement last >= 0.05 s (after a warm-up call)."""
    func()
    loops = 1
    while True:
        start = time.perf_counter()
        for _ in range(loops):
            func()
        if time.perf_counter() - start >= 0.05:
            return loops
        loops *= 2


def compare(
    ours: Callable[[], object], ref: Callable[[], object], repeats: int = REPEATS
) -> tuple[float, float]:
    """Median seconds per call of both, measured alternately so load changes hit both."""
    funcs = (ours, ref)
    loops = [_loops(f) for f in funcs]
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeats):
        for f, n, out in zip(funcs, loops, times):
            start = time.perf_counter()
            for _ in range(n):
                f()
            out.append((time.perf_counter() - start) / n)
    return statistics.median(times[0]), statistics.median(times[1])


def compare_processes(ours: str, ref: str, runs: int = 11) -> tuple[float, float]:
    """Median wall time of fresh ``python -c code`` processes, run alternately."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for code, out in zip((ours, ref), times):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            out.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def diabetes() -> tuple[np.ndarray, np.ndarray]:
    X, y = load_diabetes(return_X_y=True, scaled=False)
    return (X - X.mean(axis=0)) / X.std(axis=0), y


def synthetic(n: int = 2000, p: int = 100, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    w = np.zeros(p)
    w[:10] = rng.uniform(-3, 3, 10)
    return X, X @ w + rng.standard_normal(n)


def sk_exact(X: np.ndarray, y: np.ndarray):
    return lars_path(X - X.mean(axis=0), y - y.mean(), method="lasso")


def sk_grid(X: np.ndarray, y: np.ndarray, alphas: np.ndarray) -> np.ndarray:
    return sk_lasso_path(X - X.mean(axis=0), y - y.mean(), alphas=alphas, tol=1e-10)[1].T


def max_kkt(X: np.ndarray, y: np.ndarray, coefs: np.ndarray, alphas: np.ndarray) -> float:
    return max(kkt_violation(X, y, w, a) for w, a in zip(coefs, alphas))


def main() -> None:
    # One BLAS thread for both sides: on a small shared machine multi-threaded BLAS makes
    # the timings bimodal (threads spin while the other core is busy).
    threadpool_limits(1)
    print(
        f"machine : {platform.platform()} | {platform.processor() or platform.machine()}"
        f" | cpus={os.cpu_count()}"
    )
    print(
        f"python {platform.python_version()} | numpy {np.__version__} | scipy {scipy.__version__}"
        f" | scikit-learn {sklearn.__version__}"
        f" | OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}"
    )
    print(
        f"timings : median of {REPEATS} repeats, lessonlib and reference measured alternately,"
        " BLAS limited to 1 thread for both\n"
    )

    rows = []
    notes = []
    # The targets are set for the diabetes data; the synthetic problem is reported only.
    for label, (X, y), targets in [
        ("diabetes (442 x 10)", diabetes(), (1.5, 0.5)),
        ("synthetic (2000 x 100)", synthetic(), (None, None)),
    ]:
        ours, ref = compare(lambda X=X, y=y: lasso_homotopy(X, y), lambda X=X, y=y: sk_exact(X, y))
        knots = lasso_homotopy(X, y).alphas.size
        rows.append((f"exact path, {label}", "lars_path(lasso)", ours, ref, targets[0]))
        notes.append(f"{label}: {knots} knots")

        alphas = alpha_max(X, y) * np.logspace(0, -3, 100)
        ours, ref = compare(
            lambda X=X, y=y, a=alphas: lasso_path(X, y, a),
            lambda X=X, y=y, a=alphas: sk_grid(X, y, a),
        )
        rows.append((f"100 alphas, {label}", "lasso_path(tol=1e-10)", ours, ref, targets[1]))
        notes.append(
            f"{label}: max KKT violation over 100 alphas -- lessonlib "
            f"{max_kkt(X, y, lasso_path(X, y, alphas)[0], alphas):.1e}, scikit-learn "
            f"{max_kkt(X, y, sk_grid(X, y, alphas), alphas):.1e}"
        )

    ours, ref = compare_processes("import lessonlib", "import numpy")
    rows.append(("python -c 'import lessonlib'", "import numpy", ours, ref, 1.5))
    ours, ref = compare_processes("import lessonlib.solvers, lessonlib.path", "import numpy")
    rows.append(("import lessonlib.solvers, lessonlib.path", "import numpy", ours, ref, 1.5))

    head = (
        f"{'task':<40} {'reference':<24} {'lessonlib':>11} {'reference':>11}"
        f" {'ratio':>7} {'target':>7}  ok"
    )
    print(head)
    print("-" * len(head))
    for task, ref_name, ours, ref, target in rows:
        ratio = ours / ref
        ok = "-" if target is None else ("yes" if ratio <= target else "NO")
        shown = "-" if target is None else f"<={target}"
        print(
            f"{task:<40} {ref_name:<24} {ours * 1e3:>9.2f}ms {ref * 1e3:>9.2f}ms "
            f"{ratio:>7.2f} {shown:>7}  {ok}"
        )
    print()
    for note in notes:
        print(note)


if __name__ == "__main__":
    main()
