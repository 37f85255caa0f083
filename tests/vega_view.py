"""What a chart's Vega view draws, read in the browser: shared by every browser check of a
chart (tests/test_browser.py, tests/browser_geometry_check.py,
tests/browser_thresholding_check.py)."""

from __future__ import annotations

import json

# Every dataset of the view after it has run, as plain rows (numbers and strings only), and
# its signals (the sliders' values among them).
VIEW = """async (el) => {
  const view = el.__view__;
  await view.runAsync();
  const names = Object.keys(view.getState({data: vega.truthy,
                                            signals: vega.falsy}).data);
  const data = {};
  for (const name of names) {
    data[name] = view.data(name).map((row) => Object.fromEntries(
      Object.entries(row).filter(
        ([, v]) => ["number", "string"].includes(typeof v))));
  }
  const signals = {};
  for (const [k, v] of Object.entries(view.getState({signals: vega.truthy}).signals)) {
    if (typeof v === "number") signals[k] = v;
  }
  return {data: data, signals: signals};
}"""

# The bold "0" a chart writes for each exact zero.
BOLD_ZEROS = (
    "el => [...el.querySelectorAll('text')].filter("
    "t => t.textContent === '0' && t.getAttribute('font-weight') === 'bold').length"
)


def drawn(chart) -> tuple[dict[str, float], list[list[dict]]]:
    """The view's numeric signals and each distinct dataset it draws.

    ``chart`` is a Playwright locator of a ``.lesson-chart`` element whose view has run.
    Vega keeps a view's inline data and the same data after its transforms under two
    names: each distinct dataset is returned once.
    """
    state = chart.evaluate(VIEW)
    unique = {json.dumps(rows, sort_keys=True): rows for rows in state["data"].values() if rows}
    return state["signals"], list(unique.values())


def bold_zeros(chart) -> int:
    """How many bold "0" labels (exact zeros) the chart shows."""
    return chart.evaluate(BOLD_ZEROS)
