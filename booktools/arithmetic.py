"""Ways to run the chapters with the machine's floating-point arithmetic deliberately changed.

A stored output must not depend on the CPU it was stored on. The last bits of a BLAS
product, a NumPy reduction or a vectorised ``exp`` depend on which kernels run: OpenBLAS
picks them by CPU model (``OPENBLAS_CORETYPE`` overrides it), NumPy dispatches SIMD loops
by CPU feature (``NPY_DISABLE_CPU_FEATURES`` switches features off), and the number of
BLAS threads changes how a product is split. Each :class:`Variant` is an environment for
the kernels that nbval starts; ``tests/test_notebooks.py`` re-executes every chapter under
each variant and fails, naming the cell, on any stored output that changes.

``WHY_LASSO_VARIANTS`` chooses which variants run: unset, the two combined variants in
:data:`DEFAULT`; ``all``, every variant below (the native arithmetic, each core type and
each NumPy setting on its own); or a comma-separated list of names.
"""

from __future__ import annotations

import os
import platform
import subprocess
from dataclasses import dataclass, field

# OpenBLAS kernels of other x86-64 CPUs, newest to oldest ("Prescott" runs the SSE3 kernels
# of a 2004 Pentium 4). OpenBLAS's DYNAMIC_ARCH build, which NumPy and SciPy wheels use,
# honours the override on any x86-64 CPU, because an older kernel runs on a newer CPU.
CORE_TYPES = ("SkylakeX", "Haswell", "Zen", "Sandybridge", "Prescott")

# What NumPy's dispatcher can use above its baseline, probed in the reader's environment.
_PROBE = (
    "from numpy._core._multiarray_umath import __cpu_dispatch__ as d, __cpu_features__ as f\n"
    "print(' '.join(x for x in d if f.get(x)))"
)


@dataclass(frozen=True)
class Variant:
    """One arithmetic for the notebook kernels: a name for test ids and its environment."""

    name: str
    env: dict[str, str] = field(default_factory=dict)

    def describe(self) -> str:
        """The variant as ``NAME=value`` pairs, to paste in front of a command."""
        pairs = (f"{k}='{v}'" if " " in v else f"{k}={v}" for k, v in self.env.items())
        return " ".join(pairs) or "the machine's own settings"


def dispatched_features(python: str) -> list[str]:
    """SIMD targets that NumPy in ``python``'s environment dispatches to on this CPU."""
    done = subprocess.run([python, "-c", _PROBE], capture_output=True, text=True, check=True)
    return done.stdout.split()


def avx512_group(features: list[str]) -> list[str]:
    """The AVX-512 targets among ``features`` (NumPy >= 2.4 names the base level X86_V4)."""
    return [f for f in features if "512" in f or f == "X86_V4"]


def all_variants(python: str) -> list[Variant]:
    """Every variant that changes something on this machine, native first."""
    features = dispatched_features(python)
    avx512 = avx512_group(features)
    variants = [Variant("native")]
    # A machine that sets OPENBLAS_CORETYPE itself does so because another kernel computes
    # wrong results or crashes on its CPU: keep its choice and vary the rest.
    blas_free = "OPENBLAS_CORETYPE" not in os.environ and platform.machine() in ("x86_64", "AMD64")
    if blas_free:
        variants += [Variant(f"openblas-{c.lower()}", {"OPENBLAS_CORETYPE": c}) for c in CORE_TYPES]
    if avx512:
        variants.append(Variant("numpy-no-avx512", {"NPY_DISABLE_CPU_FEATURES": " ".join(avx512)}))
    if features:
        variants.append(
            Variant("numpy-baseline-only", {"NPY_DISABLE_CPU_FEATURES": " ".join(features)})
        )
    variants += [
        Variant("blas-1-thread", {"OPENBLAS_NUM_THREADS": "1"}),
        Variant("blas-2-threads", {"OPENBLAS_NUM_THREADS": "2"}),
    ]
    # Two variants that change several things at once, so one run covers much: an AVX2
    # machine without AVX-512 on one thread, and an SSE-era machine on two threads.
    older = {"OPENBLAS_NUM_THREADS": "1"}
    oldest = {"OPENBLAS_NUM_THREADS": "2"}
    if blas_free:
        older["OPENBLAS_CORETYPE"] = "Haswell"
        oldest["OPENBLAS_CORETYPE"] = "Prescott"
    if avx512:
        older["NPY_DISABLE_CPU_FEATURES"] = " ".join(avx512)
    if features:
        oldest["NPY_DISABLE_CPU_FEATURES"] = " ".join(features)
    variants += [Variant("avx2-machine", older), Variant("sse-machine", oldest)]
    return variants


# The machine's own arithmetic is not among them: tests/test_reader_notebooks.py runs every
# reader notebook natively in the same reader's environment and compares what each shown
# cell prints with the stored output, which is what nbval would compare (hidden cells print
# nothing; their checks run under the two variants here, and when the outputs are stored).
DEFAULT = ("avx2-machine", "sse-machine")


def selected_variants(python: str, choice: str | None = None) -> list[Variant]:
    """The variants ``WHY_LASSO_VARIANTS`` (or ``choice``) asks for; see the module docstring."""
    choice = os.environ.get("WHY_LASSO_VARIANTS", "") if choice is None else choice
    variants = all_variants(python)
    if choice == "all":
        return variants
    names = [n.strip() for n in choice.split(",") if n.strip()] or list(DEFAULT)
    by_name = {v.name: v for v in variants}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise ValueError(
            f"WHY_LASSO_VARIANTS names unknown variants {unknown}; known: {sorted(by_name)}"
        )
    return [by_name[n] for n in names]
