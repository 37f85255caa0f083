"""The chapter "The whole lasso path": its printed knots, entry order and drop event,
recomputed from scikit-learn's ``lars_path`` without any of lessonlib's code."""

from __future__ import annotations

import re

import nbformat
import numpy as np
import pytest
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Lasso, lars_path

from toc import BOOK

NOTEBOOK = BOOK / "lasso_path.ipynb"


@pytest.fixture(scope="module")
def sklearn_events() -> tuple[list[tuple[float, str, str]], list[str]]:
    """(alpha, kind, feature) of every event, and the entry order, from lars_path alone."""
    bunch = load_diabetes(scaled=False)
    X = (bunch.data - bunch.data.mean(axis=0)) / bunch.data.std(axis=0)
    Xc, yc = X - X.mean(axis=0), bunch.target - bunch.target.mean()
    alphas, _, coefs = lars_path(Xc, yc, method="lasso")
    names = list(bunch.feature_names)
    nonzero = coefs != 0.0  # (p, knots)
    events = []
    # at alpha_max the largest |correlation| enters
    for k in range(1, alphas.size):
        for j in np.flatnonzero(nonzero[:, k - 1] & ~nonzero[:, k]):
            events.append((alphas[k], "leave", names[j]))
        for j in np.flatnonzero(~nonzero[:, k - 1] & nonzero[:, k]):
            events.append((alphas[k - 1], "enter", names[j]))
    events.sort(key=lambda e: -e[0])
    order = []
    for _, kind, name in events:
        if kind == "enter" and name not in order:
            order.append(name)
    return events, order


def _output(cell_id: str) -> str:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    cell = next(c for c in nb.cells if c.get("id") == cell_id)
    return "".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream")


def test_printed_knot_table_matches_lars_path(sklearn_events):
    events, _ = sklearn_events
    rows = re.findall(
        r"^\s*(\d+)\s+([\d.]+)\s+(enter|leave)\s+(\w+)\s+(\d+)\s*$",
        _output("lp-knots"),
        flags=re.MULTILINE,
    )
    assert len(rows) == len(events) == 12
    for (step, alpha, kind, name, _), (a_ref, k_ref, n_ref) in zip(rows, events):
        assert (kind, name) == (k_ref, n_ref), step
        assert alpha == f"{a_ref:.4f}", step


def test_printed_entry_order_matches_lars_path(sklearn_events):
    _, order = sklearn_events
    line = next(s for s in _output("lp-knots").splitlines() if s.startswith("entry order:"))
    assert line == "entry order: " + ", ".join(order)
    assert order[:3] == ["bmi", "s5", "bp"]  # as Efron et al. (2004) report


def test_printed_leave_and_reentry_match_lars_path(sklearn_events):
    events, _ = sklearn_events
    leaves = [e for e in events if e[1] == "leave"]
    assert len(leaves) == 1
    a_leave, _, name = leaves[0]
    a_back = max(a for a, k, n in events if k == "enter" and n == name and a < a_leave)
    expected = (
        f"lasso: {name} leaves at alpha = {a_leave:.4f} and re-enters at alpha = {a_back:.4f}"
    )
    assert expected in _output("lp-lar").splitlines()


def test_chapter_reports_agreement_with_sklearn():
    out = _output("lp-sklearn") + _output("lp-midpoint") + _output("lp-lar")
    for claim in (
        "same knots and coefficients (to 1e-8): True",
        "formula at midpoint == average of knots (1e-12): True",
        "same entry order and first 10 knots (1e-8): True",
    ):
        assert claim in out


def _diabetes():
    bunch = load_diabetes(scaled=False)
    X = (bunch.data - bunch.data.mean(axis=0)) / bunch.data.std(axis=0)
    return X, bunch.target


def test_alpha_max_and_midpoint_against_sklearn():
    # the first knot is max_j |x_j^T y_c| / n; the midpoint of the printed segment is
    # scikit-learn's coordinate-descent Lasso there (the check the chapter no longer prints)
    X, y = _diabetes()
    n = y.size
    first = re.search(r"^\s*1\s+([\d.]+)\s+enter", _output("lp-knots"), flags=re.MULTILINE)
    assert float(first.group(1)) == pytest.approx(np.abs(X.T @ (y - y.mean())).max() / n, abs=5e-5)
    seg = re.search(
        r"alpha from ([\d.]+) down to ([\d.]+), midpoint ([\d.]+)", _output("lp-midpoint")
    )
    alphas, _, coefs = lars_path(X - X.mean(0), y - y.mean(), method="lasso")
    k = int(np.argmin(np.abs(alphas - float(seg.group(1)))))
    a_mid = 0.5 * (alphas[k] + alphas[k + 1])
    w = Lasso(alpha=a_mid, tol=1e-14, max_iter=100_000).fit(X, y).coef_
    assert np.allclose(w, 0.5 * (coefs[:, k] + coefs[:, k + 1]), rtol=0, atol=1e-8)


def test_uniqueness_claims(sklearn_events):
    # full column rank (so G is positive definite) and one event per knot of lars_path
    X, y = _diabetes()
    Xc = X - X.mean(0)
    eig = np.linalg.eigvalsh(Xc.T @ Xc / y.size)
    out = _output("lp-unique")
    assert f"rank of the centred X: {np.linalg.matrix_rank(Xc)} of 10" in out
    assert float(re.search(r"eigenvalue of G: ([\d.]+)", out).group(1)) == pytest.approx(
        eig[0], abs=5e-5
    )
    assert eig[0] > 0
    events, _ = sklearn_events
    knots = [a for a, _, _ in events]
    assert len(set(knots)) == len(knots) and "events per knot: at most 1" in out


def test_with_an_intercept_at_most_n_minus_1_nonzeros():
    """lp-wide: with an intercept the path of 10 observations of 30 features never has more
    than n - 1 = 9 non-zero coefficients, and scikit-learn's lars_path on the centred data
    (a separate implementation) gives the same counts."""
    import re

    from sklearn.linear_model import lars_path

    rng = np.random.default_rng(0)
    X = rng.standard_normal((10, 30))
    y = X[:, :3] @ np.array([2.0, -1.0, 1.0]) + rng.standard_normal(10)
    _, _, coefs = lars_path(X - X.mean(0), y - y.mean(), method="lasso")
    counts = np.count_nonzero(np.abs(coefs) > 1e-10, axis=0)
    assert counts.max() == 9
    printed = re.search(r"at the knots: \[([\d, ]+)\]", _output("lp-wide")).group(1)
    assert [int(v) for v in printed.split(",")] == counts.tolist()
    # without an intercept the bound is n = 10
    _, _, coefs0 = lars_path(X, y, method="lasso")
    assert np.count_nonzero(np.abs(coefs0) > 1e-10, axis=0).max() == 10


def test_the_prose_names_what_the_included_code_uses():
    """lp-algo-md describes the lines it includes: the code keeps G_A = G[:, A] (not all of
    G), marks a root of the wrong kind NaN, and the step turns it into -inf."""
    import nbformat

    source = (BOOK.parent / "lessonlib" / "path.py").read_text()

    def included(marker):
        return source.split(f"book:{marker}-start", 1)[1].split(f"book:{marker}-end", 1)[0]

    for marker in ("segment", "correlations", "roots", "step", "events", "loop"):
        assert source.count(f"# book:{marker}-start") == 1, marker
    assert "G_A.dot(u_A)" in included("correlations") and "NaN" in included("roots")
    assert "= -np.inf" in included("step") and "G," not in included("correlations")
    nb = nbformat.read(BOOK / "lasso_path.ipynb", as_version=4)
    text = next(c.source for c in nb.cells if c.get("id") == "lp-algo-md")
    assert "`G_A`" in text and "NaN" in text and "-\\infty" in text
    assert "`G` is $G$" not in text and "gets $-\\infty$" not in text


def test_printed_deltas_are_minus_the_slopes_of_lars_path():
    """lp-drop: on every segment where s3 is active, delta_j is minus the slope dw_j/dalpha
    of scikit-learn's lars_path (a separate implementation), and it has the sign opposite to
    w_j exactly on the segments from s4's entry down to s3's drop."""
    X, y = _diabetes()
    alphas, _, coefs = lars_path(X - X.mean(0), y - y.mean(), method="lasso")
    j = list(load_diabetes().feature_names).index("s3")
    rows = re.findall(
        r"^\s*([\d.]+)\s+([\d.]+)\s+([-+]\d)\s+([-+][\d.]+)\s+([-+][\d.]+)\s+([-+][\d.]+)$",
        _output("lp-drop"),
        flags=re.MULTILINE,
    )
    expected = []
    for k in range(alphas.size - 1):
        w_top, w_bottom = coefs[j, k], coefs[j, k + 1]
        if np.abs(w_top + w_bottom) > 1e-10:  # s3 active on the segment
            slope = (w_top - w_bottom) / (alphas[k] - alphas[k + 1])
            expected.append((alphas[k], alphas[k + 1], np.sign(w_top + w_bottom), -slope))
    assert len(rows) == len(expected) == 8
    for row, (top, bottom, sign, delta) in zip(rows, expected):
        assert float(row[0]) == pytest.approx(top, abs=5e-5)
        assert float(row[1]) == pytest.approx(bottom, abs=5e-5)
        assert float(row[2]) == sign
        assert float(row[3]) == pytest.approx(delta, abs=5e-3)
    opposite = [float(r[2]) * float(r[3]) < 0 for r in rows]
    assert opposite == [False] * 4 + [True] * 3 + [False]
