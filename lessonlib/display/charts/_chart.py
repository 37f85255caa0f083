"""What every chart of the book shares: the embedding and the print picture.

A :class:`Chart` is a Vega-Lite specification with the HTML that embeds it
(vega-embed, served by the site itself: ``_ext/vega_assets.py``; in a notebook
outside the site, the same versions from a CDN, :data:`VEGA_CDN`), a PNG of
small multiples for print (the PDF's picture) and a short ``text/plain``
(what nbval compares).
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    pass

__all__ = ["CHART_CLASS", "SIGNAL", "VEGA_CDN", "VEGA_VERSIONS", "Chart", "vega_number"]

# The chart's slider: its Vega signal, and the class the site looks for.
SIGNAL = "lam"
CHART_CLASS = "lesson-chart"

_SCRIPT = """<script>(function () {
  var el = document.getElementById(%(id)s);
  if (window.vegaEmbed) { draw(); return; }
  /* A notebook outside the book's site (JupyterLab, Colab, VS Code): the same
     versions of Vega from a CDN, loaded as globals even where RequireJS is. */
  var urls = %(cdn)s, amd = window.define;
  window.define = undefined;
  (function next(i) {
    if (i === urls.length) { window.define = amd; draw(); return; }
    var s = document.createElement("script");
    s.src = urls[i];
    s.onload = function () { next(i + 1); };
    s.onerror = function () {
      window.define = amd;
      el.textContent = "This chart needs Vega, which could not be loaded.";
    };
    document.head.appendChild(s);
  })(0);
  function draw() {
  var spec = %(spec)s, rows = spec.vconcat;
  if (el.clientWidth < 600 && rows) {
    /* a phone: one column, each view as wide as the screen allows */
    spec.vconcat = [].concat.apply([], rows.map(function (r) {
      return r.hconcat || [r]; }));
    spec.vconcat.forEach(function (v) { v.width = 290; });
  } else if (el.clientWidth < 600 && spec.width === spec.height &&
             spec.width > 290) {
    /* a phone, one square view (equal scales): it stays square */
    spec.width = spec.height = 290;
  }
  vegaEmbed(el, spec, {actions: false, renderer: "svg"}).then(
    function (result) {
      var view = result.view,
        inputs = el.querySelectorAll("input[type=range]"),
        more = %(more)s;
      el.__view__ = view;
      function say() {
        var v = view.signal(%(signal)s);
        inputs[0].setAttribute("aria-valuetext", %(symbol)s + " = " +
          Number(v.toPrecision(5)) +
          " = " + (v / %(star)s).toPrecision(3) + " " + %(star_name)s);
        more.forEach(function (s, i) {
          inputs[i + 1].setAttribute("aria-valuetext", s[1] + " = " +
            Number(view.signal(s[0]).toPrecision(5)));
        });
      }
      inputs[0].setAttribute("aria-label", %(aria)s);
      more.forEach(function (s, i) {
        inputs[i + 1].setAttribute("aria-label", s[2]);
      });
      [].forEach.call(inputs, function (input) {
        input.addEventListener("input", function () {
          view.runAsync().then(say);
        });
      });
      say();
    }).catch(function (err) { el.textContent = String(err); });
  }
})();</script>"""

# The versions the site serves (_ext/static/vega/VERSIONS), for a notebook without the site.
VEGA_VERSIONS = {"vega": "5.33.0", "vega-lite": "5.23.0", "vega-embed": "6.29.0"}
VEGA_CDN = tuple(
    f"https://cdn.jsdelivr.net/npm/{name}@{version}/build/{name}.min.js"
    for name, version in VEGA_VERSIONS.items()
)


# The slider sits above the views, next to the label the chart writes
# (lambda and lambda/lambda*), which replaces Vega's own raw number.
_STYLE = (
    "<style>.lesson-chart .vega-bind input[type=range] + span"
    "{display:none}.lesson-chart .vega-bind input[type=range]"
    "{width:22em;max-width:60vw}.lesson-chart.vega-embed"
    "{display:flex;flex-direction:column}.lesson-chart .vega-bindings"
    "{order:-1;margin-bottom:0.5em}</style>"
)


class Chart:
    """A Vega-Lite chart with its print picture and a short text.

    Parameters
    ----------
    spec : dict
        The Vega-Lite specification (JSON-ready).
    png : bytes
        Small multiples for print (the PDF picks ``image/png``).
    summary : str
        Deterministic ``text/plain`` (no raw floats).
    name : str
        Page-unique id suffix (letters, digits, ``-``).
    aria : str
        Accessible name of the slider.
    lam_star : float
        The slider's text states ``value / lam_star``.
    signal, symbol, star_name : str
        The Vega signal the slider sets (or a signal computed from it), and
        how the slider's text names it and ``lam_star``.
    more_sliders : sequence of (str, str, str), optional
        Further sliders, in the order of the spec's params after the first:
        ``(signal, symbol, aria)`` each; their text states
        ``symbol = value``.

    Notes
    -----
    On a screen narrower than 600 px the views of a ``vconcat`` are stacked
    in one column, 290 px wide; a single square view (equal ``width`` and
    ``height``, e.g. equal scales on both axes) becomes 290 by 290.

    Examples
    --------
    >>> c = Chart({"mark": "point"}, b"", "A chart.", "demo", "lambda")
    >>> c.dom_id, 'class="lesson-chart"' in c.html
    ('chart-demo', True)
    """

    def __init__(
        self,
        spec: dict,
        png: bytes,
        summary: str,
        name: str,
        aria: str,
        lam_star: float = 1.0,
        *,
        signal: str = SIGNAL,
        symbol: str = "λ",
        star_name: str = "λ*",
        more_sliders: Sequence[tuple[str, str, str]] = (),
    ) -> None:
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*", name):
            raise ValueError(f"name must be letters, digits and '-', got {name!r}")
        self.spec, self.png, self.summary = spec, png, summary
        self.dom_id = f"chart-{name}"
        text = json.dumps(spec, allow_nan=False).replace("</", "<\\/")
        self.html = (
            f'<div class="{CHART_CLASS}" id="{self.dom_id}" '
            f'style="max-width:100%;overflow-x:auto"></div>'
            + _STYLE
            + _SCRIPT
            % {
                "id": json.dumps(self.dom_id),
                "spec": text,
                "aria": json.dumps(aria),
                "signal": json.dumps(signal),
                "symbol": json.dumps(symbol),
                "star_name": json.dumps(star_name),
                "more": json.dumps([list(m) for m in more_sliders], ensure_ascii=False),
                "star": vega_number(lam_star),
                "cdn": json.dumps(list(VEGA_CDN)),
            }
        )

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict:
        return {
            "text/html": self.html,
            "image/png": base64.b64encode(self.png).decode(),
            "text/plain": self.summary,
        }


def vega_number(v: float) -> str:
    """A float as a Vega literal that reads back as the same double."""
    return repr(float(v))
