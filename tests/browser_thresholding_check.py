"""What the orthonormal chapter's explorer draws in a browser, checked.

:func:`check_thresholding_chart_at` reads the Vega view of a rendered
``lessonlib.display.charts.thresholding`` chart (``el.__view__``, set by the chart's
script) and checks every drawn value against the three rules written here
with NumPy, at the slider's lambda, to 1e-9: the bars of each feature (least
squares, lasso, ridge, best subset), the bold "0" of each exact zero, the
rule lines, the shaded band, the dots and the zero counts of the label.
The browser suite calls it after moving the slider; it needs Playwright,
not lessonlib.
"""

from __future__ import annotations

import itertools
import re

import numpy as np

from vega_view import bold_zeros, drawn

_LABELS = {
    "ols": "least squares z",
    "lasso": "lasso (soft)",
    "ridge": "ridge (proportional)",
    "subset": "best subset (hard)",
}


def _rules(z: np.ndarray, lam: float) -> dict[str, np.ndarray]:
    kappa = lam / 2
    return {
        "ols": z,
        "lasso": np.sign(z) * np.maximum(np.abs(z) - kappa, 0.0),
        "ridge": z / (1 + lam),
        "subset": np.where(np.abs(z) > kappa, z, 0.0),
    }


def _close(a: object, b: object) -> None:
    np.testing.assert_allclose(np.asarray(a, float), np.asarray(b, float), rtol=1e-9, atol=1e-9)


def _by_method(
    datasets: list[list[dict]], keys: set, without: set = frozenset()
) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for rows in datasets:
        if keys <= set(rows[0]) and not without & set(rows[0]):
            label = rows[0]["method"]
            assert label not in found, f"two datasets draw {label}"
            found[label] = rows
    return found


def _check_lines(datasets: list[list[dict]], lam: float) -> None:
    """Each straight piece of a rule line is the rule at its midpoint; the
    continuous rules at every corner too; the jumps at +-lambda/2."""
    lines = _by_method(datasets, {"method", "z", "w", "piece", "e"})
    assert sorted(lines) == sorted(_LABELS.values()), sorted(lines)
    for method, label in _LABELS.items():
        rows = lines[label]
        zs = np.array([r["z"] for r in rows])
        assert np.all(np.diff(zs) >= 0) and zs[0] == -zs[-1]
        if method != "subset":
            _close([r["w"] for r in rows], _rules(zs, lam)[method])
        for a, b in itertools.pairwise(rows):
            if a["piece"] == b["piece"] and a["z"] != b["z"]:
                mid = np.array([(a["z"] + b["z"]) / 2])
                _close((a["w"] + b["w"]) / 2, _rules(mid, lam)[method])
    jumps = sorted({r["z"] for r in lines[_LABELS["subset"]] if r["keep"] == 0})
    _close(jumps, sorted({-lam / 2, lam / 2}))


def check_thresholding_chart_at(chart) -> float:
    """The drawn values of the thresholding chart equal the three rules at
    the slider's lambda (computed here from the drawn least-squares ``z``);
    returns the slider's lambda.

    Parameters
    ----------
    chart : playwright.sync_api.Locator
        The ``.lesson-chart`` element, after its view has rendered.

    Returns
    -------
    float
        lambda, the value of the slider.
    """
    signals, datasets = drawn(chart)
    lam = float(signals["lam"])
    # what the bar marks draw: each bar from w_start (0) to w_end
    bars = _by_method(datasets, {"method", "feature", "w", "w_end"})
    assert sorted(bars) == sorted(_LABELS.values()), sorted(bars)
    assert all(r["w_start"] == 0 and r["w_end"] == r["w"] for rows in bars.values() for r in rows)
    ols = bars[_LABELS["ols"]]
    z = np.array([r["z"] for r in ols])
    names = [r["feature"] for r in ols]
    rules = _rules(z, lam)
    zeros = 0
    for method, label in _LABELS.items():
        rows = bars[label]
        assert [r["feature"] for r in rows] == names
        w = np.array([r["w"] for r in rows])
        _close(w, rules[method])
        assert list(w == 0.0) == list(rules[method] == 0.0), f"{label}: exact zeros drawn as zeros"
        if method in ("lasso", "subset"):
            zeros += int(np.sum(w == 0.0))
    assert bold_zeros(chart) == zeros, "a bold 0 per exact zero"
    (band,) = [d for d in datasets if "lo" in d[0]]
    _close([band[0]["lo"], band[0]["hi"]], [-lam / 2, lam / 2])
    dots = _by_method(datasets, {"method", "z", "w"}, {"feature", "piece"})
    assert len(dots) == 3
    for method in ("lasso", "ridge", "subset"):
        rows = dots[_LABELS[method]]
        _close([r["z"] for r in rows], z)
        _close([r["w"] for r in rows], rules[method])
    _check_lines(datasets, lam)
    (header,) = [d for d in datasets if "text" in d[0]]
    counts = re.findall(r"(\d+) of (\d+) exactly 0", header[0]["text"])
    n_zero = int(np.sum(np.abs(z) <= lam / 2))
    assert counts == [(str(n_zero), str(z.size))] * 2, header[0]["text"]
    return lam
