"""A small, hand-listed mutation check of lessonlib's fast test suite.

Run:  .venv/bin/python benchmarks/mutation_check.py [--only NAME ...] [--workers 2]

Each mutant below is a plausible bug: a snippet of a library file replaced by a wrong one.
The script copies the repository once into a temporary directory (without ``.venv``,
``.venv-reader``, ``_build`` and ``.git``), and for each mutant patches the file *in that
copy*, runs the fast tests there (``-m "not build and not pdf and not browser and not
notebooks"``, stopping at the first failure) and restores the file. A mutant is *killed*
when some test fails, *survived* when all pass. The repository itself is never written to.

The first list covers the input-validation and numerical-safety fixes (one mutant per
fix, named after its item); the second holds ten further bugs of the kind a tired edit
makes. The score is killed / total.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from _env import kernel_env  # noqa: E402  (the kernels' environment, in one place)

PYTHON = ROOT / ".venv" / "bin" / "python"
EXCLUDE = (".venv", ".venv-reader", "_build", ".git", ".hypothesis", "test-artifacts")
MARKERS = "not build and not pdf and not browser and not notebooks"
TIMEOUT = 1200  # seconds per run; a run that hangs counts as killed (the suite noticed)


@dataclass(frozen=True)
class Mutant:
    name: str
    file: str
    original: str
    mutated: str
    description: str


FIXES = [
    Mutant(
        "1-no-rescaling",
        "lessonlib/simple.py",
        "    kx, ky = pow2_exponent(x), pow2_exponent(y)\n    return scaled(x, -kx)",
        "    kx, ky = 0, 0\n    return scaled(x, -kx)",
        "one-feature fits form Sxx on unscaled data (over/underflow at 1e+-200)",
    ),
    Mutant(
        "2-ridge-keeps-noise",
        "lessonlib/solvers.py",
        "keep = sigma > sigma.max(initial=0.0) * max(Xc.shape) * np.finfo(float).eps",
        "keep = sigma > 0.0",
        "ridge keeps singular values that are zero to working precision",
    ),
    Mutant(
        "3-intercept-unchecked",
        "lessonlib/solvers.py",
        '        intercept = check_real(intercept, "intercept")\n',
        "        intercept = float(intercept)\n",
        "objective / duality_gap accept a NaN or string intercept",
    ),
    Mutant(
        "4-bool-by-truthiness",
        "lessonlib/_validation.py",
        "    if not isinstance(value, (bool, np.bool_)):\n"
        '        raise TypeError(f"{name} must be a bool',
        '    if value is None:\n        raise TypeError(f"{name} must be a bool',
        "flags accepted by truthiness ('False' is true)",
    ),
    Mutant(
        "5-silent-max-iter",
        "lessonlib/solvers.py",
        "    if not converged:\n        warnings.warn(",
        "    if False:\n        warnings.warn(",
        "coordinate descent stops at max_iter without a ConvergenceWarning",
    ),
    Mutant(
        "5-tol-zero",
        "lessonlib/solvers.py",
        '"tol": check_tolerance(tol, "tol")',
        '"tol": check_penalty(tol, "tol")',
        "tol = 0 accepted (coordinate descent then runs to max_iter)",
    ),
    Mutant(
        "6-homotopy-unscaled",
        "lessonlib/path.py",
        "    kx, ky = pow2_exponent(Xc), pow2_exponent(yc)\n    knots,",
        "    kx, ky = 0, 0\n    knots,",
        "the homotopy runs on unscaled data (NaN at X * 1e-160)",
    ),
    Mutant(
        "7-divergence-ignored",
        "lessonlib/solvers.py",
        "        if not np.all(np.isfinite(w)):\n            raise ValueError(",
        "        if False:\n            raise ValueError(",
        "subgradient descent returns NaN for a huge step",
    ),
    Mutant(
        "8-no-chunks",
        "lessonlib/simple.py",
        "_CHUNK_ENTRIES = 2**20",
        "_CHUNK_ENTRIES = 2**40",
        "brute force builds grid_size x n temporaries in one piece",
    ),
    Mutant(
        "8-no-grid-cap",
        "lessonlib/simple.py",
        "    if grid_size > MAX_GRID_SIZE:",
        "    if grid_size > 10 * MAX_GRID_SIZE:",
        "brute force accepts any grid size",
    ),
    Mutant(
        "9-seed-none",
        "lessonlib/_validation.py",
        "    if value is None:\n"
        '        raise TypeError(\n            f"{name} must be an int, got None',
        "    if value is None:\n        return 0\n"
        '        raise TypeError(\n            f"{name} must be an int, got None',
        "seed=None silently replaced",
    ),
    Mutant(
        "9-negative-seed",
        "lessonlib/_validation.py",
        '    if seed < 0:\n        raise ValueError(f"{name} must be >= 0',
        '    if seed < -1:\n        raise ValueError(f"{name} must be >= 0',
        "seed=-1 reaches numpy",
    ),
    Mutant(
        "10-coef-at-truncated",
        "lessonlib/display/explore.py",
        "        if coef.size != len(self.names):",
        "        if coef.size < len(self.names):",
        "PathExplorer lets zip() truncate a too-long coef_at",
    ),
    Mutant(
        "10-flat-axis",
        "lessonlib/display/explore.py",
        "    if hi > lo:\n        return lo, hi",
        "    if hi >= lo:\n        return lo, hi",
        "an all-zero path gives identical axis limits",
    ),
    Mutant(
        "10-live-low-unnamed",
        "lessonlib/display/explore.py",
        'low, high = check_real(low, "low"), check_real(high, "high")',
        "low, high = float(low), float(high)",
        "live_explorer(low='a') fails without naming low",
    ),
    Mutant(
        "10-0d-penalty",
        "lessonlib/_validation.py",
        "    value = _item(value)\n"
        "    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):\n"
        '        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")\n'
        "    val = float(value)\n    if not np.isfinite(val):\n"
        '        raise ValueError(f"{name} must be finite, got {val}")\n'
        "    if val < 0",
        "    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):\n"
        '        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")\n'
        "    val = float(value)\n    if not np.isfinite(val):\n"
        '        raise ValueError(f"{name} must be finite, got {val}")\n'
        "    if val < 0",
        "a 0-d array penalty refused by check_penalty",
    ),
    Mutant(
        "11a-kkt-ignores-sign",
        "lessonlib/solvers.py",
        "np.abs(g - alpha * np.sign(w))",
        "np.abs(np.abs(g) - alpha)",
        "kkt_violation ignores the sign of active coefficients",
    ),
    Mutant(
        "11b-path-reversed",
        "lessonlib/display/figures/lasso_path.py",
        "                coefs[:, j],\n                linewidth=1.6,",
        "                coefs[::-1, j],\n                linewidth=1.6,",
        "plot_path_with_knots draws each path in reverse order",
    ),
    Mutant(
        "11c-gap-half-alpha",
        "lessonlib/solvers.py",
        "gap = enet_gap(Xc, yc, w, yc - Xc @ w, alpha, 0.0)",
        "gap = enet_gap(Xc, yc, w, yc - Xc @ w, alpha / 2, 0.0)",
        "subgradient descent reports the gap at alpha / 2",
    ),
    Mutant(
        "11d-ddof-1",
        "lessonlib/solvers.py",
        'col_norm2 = np.einsum("ij,ij->j", Xc, Xc) / n',
        'col_norm2 = np.einsum("ij,ij->j", Xc, Xc) / (n - 1)',
        "coordinate descent uses column norms with ddof=1",
    ),
    Mutant(
        "11d-tie-loose",
        "lessonlib/path.py",
        "_TIE = 1e-10",
        "_TIE = 1e-6",
        "knots 1e-8 apart merged into one",
    ),
    Mutant(
        "11d-tie-zero",
        "lessonlib/path.py",
        "_TIE = 1e-10",
        "_TIE = 0.0",
        "rounding-level ties split into separate knots",
    ),
    Mutant(
        "11d-rank-bound",
        "lessonlib/path.py",
        "max_active=min(p, n - 1 if fit_intercept else n)",
        "max_active=min(p, n - 1)",
        "homotopy without intercept stops one feature short of rank n",
    ),
]

NEW = [
    Mutant(
        "lasso-slope-sign",
        "lessonlib/simple.py",
        "np.where(Sxy > half, (Sxy - half) / Sxx",
        "np.where(Sxy > half, (Sxy + half) / Sxx",
        "lasso slope shrinks the wrong way",
    ),
    Mutant(
        "soft-threshold-negative",
        "lessonlib/simple.py",
        "np.where(z > t, z - t, np.where(z < -t, z + t, 0.0))",
        "np.where(z > t, z - t, np.where(z < -t, z - t, 0.0))",
        "soft-threshold pushes negative values further out",
    ),
    Mutant(
        "gap-no-rescale",
        "lessonlib/_duality.py",
        "scale = 1.0 if dual_norm <= alpha1 else alpha1 / dual_norm",
        "scale = 1.0",
        "duality gap uses an infeasible dual point",
    ),
    Mutant(
        "homotopy-no-refactor",
        "lessonlib/path.py",
        "    if leaving:  # rebuild",
        "    if False:  # rebuild",
        "the Cholesky factor is not rebuilt after a feature leaves",
    ),
    Mutant(
        "path-interpolation-swapped",
        "lessonlib/path.py",
        "coefs[inside] = (1 - t) * coefs_up[k] + t * coefs_up[k + 1]",
        "coefs[inside] = t * coefs_up[k] + (1 - t) * coefs_up[k + 1]",
        "lasso_path interpolates between knots with swapped weights",
    ),
    Mutant(
        "y-not-centred",
        "lessonlib/_centring.py",
        "Xc, yc = X - X_mean, y - y_mean",
        "Xc, yc = X - X_mean, y.copy()",
        "fit_intercept centres X but not y",
    ),
    Mutant(
        "gap-along-double-alpha",
        "lessonlib/optimality.py",
        "enet_gap(Xc, yc, w, yc - Xc @ w, alpha) for w in W",
        "enet_gap(Xc, yc, w, yc - Xc @ w, 2 * alpha) for w in W",
        "gap_along reads the gap at 2 * alpha",
    ),
    Mutant(
        "sorted-x",
        "lessonlib/data.py",
        "    x = rng.uniform(low, high, size=n)\n    y = intercept",
        "    x = np.sort(rng.uniform(low, high, size=n))\n    y = intercept",
        "make_simple_regression sorts x (the noise no longer matches the documented draw)",
    ),
    Mutant(
        "brute-force-no-snap",
        "lessonlib/simple.py",
        "if g(np.array(m)) >= -rounding:",
        "if g(np.array(m)) > 0.0:",
        "brute force never snaps a rounding-level slope to exactly 0",
    ),
    Mutant(
        "nan-accepted",
        "lessonlib/_validation.py",
        "    arr = _as_float_array(value, name)\n    if arr.ndim != 1:",
        "    arr = _as_float_array(value, name)\n    arr = np.nan_to_num(arr)\n"
        "    if arr.ndim != 1:",
        "as_float_vector turns NaN into 0 instead of refusing it",
    ),
    Mutant(
        "selection-threshold",
        "lessonlib/topics/selection.py",
        "(coefs != 0.0).mean(axis=0)",
        "(np.abs(coefs) > 1e-12).mean(axis=0)",
        "selection frequency uses a threshold instead of exact zeros",
    ),
    Mutant(
        "alpha-max-ddof",
        "lessonlib/scale.py",
        "return float(np.max(np.abs(Xc.T @ yc))) / X.shape[0]",
        "return float(np.max(np.abs(Xc.T @ yc))) / (X.shape[0] - 1)",
        "alpha_max divides by n - 1",
    ),
    # the session that added screening, the irrepresentable condition and lasso df
    Mutant(
        "strong-rule-no-2alpha",
        "lessonlib/screening.py",
        "return np.abs(g) < 2.0 * alpha - alpha_prev",
        "return np.abs(g) < alpha",
        "the strong rule discards with alpha instead of 2 alpha - alpha_prev",
    ),
    Mutant(
        "irrepresentable-no-inverse",
        "lessonlib/topics/irrepresentable.py",
        "np.linalg.solve(C_SS, s)",
        "s",
        "irrepresentable values ignore C_SS^-1",
    ),
    Mutant(
        "df-counts-intercept",
        "lessonlib/degrees_of_freedom.py",
        "    return np.sum(coefs != 0.0, axis=1)",
        "    return np.sum(coefs != 0.0, axis=1) + 1",
        "lasso degrees of freedom count the intercept",
    ),
]

MUTANTS = FIXES + NEW


def copy_repository(dest: Path) -> None:
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(*EXCLUDE), symlinks=True)


def environment(copy: Path) -> dict:
    env = dict(
        os.environ, **kernel_env(ROOT / ".venv"), PYTHONPATH=str(copy), PYTHONDONTWRITEBYTECODE="1"
    )
    return env


def check_imports_the_copy(copy: Path) -> None:
    """The venv has lessonlib installed in editable mode: make sure the copy wins."""
    out = subprocess.run(
        [str(PYTHON), "-c", "import lessonlib; print(lessonlib.__file__)"],
        cwd=copy,
        env=environment(copy),
        capture_output=True,
        text=True,
        check=True,
    )
    if not Path(out.stdout.strip()).resolve().is_relative_to(copy.resolve()):
        sys.exit(f"the tests would import {out.stdout.strip()}, not the copy in {copy}")


def run_tests(copy: Path, workers: int) -> tuple[bool, str]:
    """Run the fast suite in ``copy``; return (all passed, first failing test or reason)."""
    # test_mutation_list.py checks that each snippet is in the code: every mutant "fails" it
    cmd = [
        str(PYTHON),
        "-m",
        "pytest",
        "tests",
        "lessonlib",
        "-m",
        MARKERS,
        "-p",
        "no:cacheprovider",
        "-x",
        "-q",
        "--ignore=tests/test_mutation_list.py",
    ]
    if workers > 1:
        cmd += ["-n", str(workers), "--dist", "loadgroup"]
    try:
        proc = subprocess.run(
            cmd, cwd=copy, env=environment(copy), capture_output=True, text=True, timeout=TIMEOUT
        )
    except subprocess.TimeoutExpired:
        return False, f"timeout after {TIMEOUT} s"
    if proc.returncode == 0:
        return True, ""
    failed = re.search(r"^(?:FAILED|ERROR) (.+?)(?: - .*)?$", proc.stdout, re.MULTILINE)
    return False, failed.group(1) if failed else proc.stdout.strip().splitlines()[-1]


def apply(copy: Path, mutant: Mutant) -> str:
    """Patch the copy; return the original text of the file."""
    target = copy / mutant.file
    text = target.read_text()
    count = text.count(mutant.original)
    if count != 1:
        raise ValueError(
            f"{mutant.name}: the original snippet occurs {count} times in {mutant.file}"
        )
    target.write_text(text.replace(mutant.original, mutant.mutated))
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="names of the mutants to run")
    parser.add_argument("--workers", type=int, default=2, help="pytest-xdist workers (default 2)")
    args = parser.parse_args()
    mutants = [m for m in MUTANTS if not args.only or m.name in args.only]
    with tempfile.TemporaryDirectory(prefix="lessonlib-mutants-") as tmp:
        copy = Path(tmp) / "repo"
        copy_repository(copy)
        check_imports_the_copy(copy)
        start = time.perf_counter()
        passed, why = run_tests(copy, args.workers)
        if not passed:
            sys.exit(f"the unmutated suite fails ({why}); fix that first")
        print(f"unmutated suite passes ({time.perf_counter() - start:.0f} s)\n", flush=True)
        killed = 0
        for m in mutants:
            original = apply(copy, m)
            try:
                start = time.perf_counter()
                passed, why = run_tests(copy, args.workers)
            finally:
                (copy / m.file).write_text(original)
            killed += not passed
            verdict = f"killed by {why}" if not passed else "SURVIVED"
            print(
                f"{m.name:28} {time.perf_counter() - start:5.0f} s  {verdict}\n"
                f"{'':28} ({m.description})",
                flush=True,
            )
    print(f"\nmutation score: {killed}/{len(mutants)} killed ({killed / len(mutants):.0%})")


if __name__ == "__main__":
    main()
