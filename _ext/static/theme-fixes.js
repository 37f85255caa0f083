// See _ext/theme_fixes.py: both themes wire only the first .primary-toggle (and
// .secondary-toggle) in the page, a hidden one, so every other one forwards its clicks there.
document.addEventListener("DOMContentLoaded", () => {
  for (const selector of [".primary-toggle", ".secondary-toggle"]) {
    const [wired, ...others] = document.querySelectorAll(selector);
    for (const button of others) {
      button.addEventListener("click", (event) => {
        event.preventDefault();
        event.stopPropagation();
        wired.click();
      });
    }
  }
});

// "Live code" loads Thebe from a CDN and runs the page on mybinder.org. Offline the script
// never arrives and sphinx-thebe says "Loading thebe from CDN..." forever: say instead, as
// soon as the load fails (or after a few seconds without it), that a network is needed.
window.addEventListener("load", () => {
  const initThebe = window.initThebe;  // sphinx-thebe's (an async script: ready by "load")
  if (typeof initThebe !== "function") return;
  const say = (text) => {
    const button = document.querySelector(".thebe-launch-button");
    if (button && typeof window.thebelab === "undefined") button.innerText = text;
  };
  const offline = "Live code needs a network connection: it runs this page on mybinder.org. " +
    "Offline, download the notebook (download button above) and run it in Jupyter.";
  window.initThebe = () => {
    initThebe();
    if (typeof window.thebelab !== "undefined") return;
    if (!navigator.onLine) say(offline);
    const script = [...document.scripts].find((s) => s.src === THEBE_JS_URL);
    if (script) script.addEventListener("error", () => say(offline));
    setTimeout(() => say("Still loading Live code: it needs a network connection to mybinder.org."), 5000);
  };
});

// Search results quote each page's text, math included as raw TeX ("\(|S_{xy}| \le
// \lambda/2\)"). Before Sphinx's search cuts its snippet, each formula becomes plain text.
const TEX_SYMBOLS = {
  "\\lambda": "λ", "\\alpha": "α", "\\beta": "β", "\\gamma": "γ", "\\delta": "δ",
  "\\epsilon": "ε", "\\varepsilon": "ε", "\\eta": "η", "\\theta": "θ", "\\mu": "μ",
  "\\rho": "ρ", "\\sigma": "σ", "\\tau": "τ", "\\phi": "φ", "\\Sigma": "Σ",
  "\\le": "≤", "\\leq": "≤", "\\ge": "≥", "\\geq": "≥", "\\ne": "≠", "\\neq": "≠",
  "\\approx": "≈", "\\pm": "±", "\\cdot": "·", "\\times": "×", "\\sum": "∑",
  "\\infty": "∞", "\\partial": "∂", "\\in": "∈", "\\to": "→", "\\mapsto": "↦",
  "\\lVert": "‖", "\\rVert": "‖", "\\|": "‖", "\\lvert": "|", "\\rvert": "|",
  "\\min": "min", "\\max": "max", "\\operatorname": "", "\\sign": "sign",
};

function plainMath(tex) {
  return tex
    .replace(/^\s*(\\\(|\\\[|\$\$?)|(\\\)|\\\]|\$\$?)\s*$/g, "")
    .replace(/\\frac\{([^{}]*)\}\{([^{}]*)\}/g, "($1)/($2)")
    .replace(/\\[a-zA-Z]+|\\[|,;:! ]/g, (m) => TEX_SYMBOLS[m] ?? (/^\\[a-zA-Z]/.test(m) ? "" : " "))
    .replace(/[{}]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

window.addEventListener("load", () => {
  if (typeof Search === "undefined" || !Search.htmlToText) return;
  const htmlToText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const doc = new DOMParser().parseFromString(htmlString, "text/html");
    doc.querySelectorAll(".math").forEach((el) => { el.textContent = plainMath(el.textContent); });
    return htmlToText(doc.documentElement.outerHTML, anchor);
  };
});

// The bibliography is a role="list" whose entries say role="doc-biblioentry", which
// assistive technology does not take for list items: make them list items.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll('.citation-list[role="list"] > .citation').forEach((entry) => {
    entry.setAttribute("role", "listitem");
  });
});

// The download menu's ".pdf" item prints the web page; it gets the book's PDF instead
// when the site carries one (_ext/publish_pdf.py sets window.bookPdf then), and a page
// with a PDF of its own (a <meta name="chapter-pdf"> tag) also gets a link to that, above.
document.addEventListener("DOMContentLoaded", () => {
  if (!window.bookPdf) return;  // an HTML-only build: keep "print this page"
  const root = document.documentElement.dataset.content_root ?? "";
  const chapterPdf = document.querySelector('meta[name="chapter-pdf"]')?.content;
  const menuLink = (button, href, className, title, text) => {
    const link = document.createElement("a");
    link.href = href;
    link.className = className;
    link.title = title;
    link.innerHTML = button.innerHTML;
    link.querySelector(".btn__text-container").textContent = text;
    return link;
  };
  document.querySelectorAll(".btn-download-pdf-button").forEach((button) => {
    const item = button.closest("li");
    const book = menuLink(button, `${root}${window.bookPdf}`, button.className,
                          "The whole book as a PDF", chapterPdf ? ".pdf (book)" : ".pdf");
    if (chapterPdf && item) {
      const chapterItem = document.createElement("li");
      chapterItem.append(menuLink(
        button, `${root}${chapterPdf}`,
        button.className.replace("btn-download-pdf-button", "btn-download-chapter-pdf-button"),
        "This chapter as a PDF", ".pdf (chapter)"));
      item.before(chapterItem);
    }
    button.replaceWith(book);
  });
});

// A table wider than its column (a phone, the coefficient tables) scrolls sideways inside
// its output: the output gets the class "scrolls", and with it a line saying so above the
// table (theme-fixes.css), updated when the window changes size.
const markScrollingTables = () => {
  document.querySelectorAll(".cell_output .output.text_html").forEach((output) => {
    const table = output.querySelector("table");
    if (!table) return;
    const scrolls = output.scrollWidth > output.clientWidth + 1;
    output.classList.toggle("scrolls", scrolls);
    // The caption is as wide as the table: where it scrolls, a copy in the column's width
    // is shown above it, the caption itself kept for screen readers.
    const caption = table.querySelector("caption");
    if (caption && scrolls && !output.querySelector(".caption-in-column")) {
      const copy = document.createElement("p");
      copy.className = "caption-in-column";
      copy.setAttribute("aria-hidden", "true");
      copy.textContent = caption.textContent;
      table.before(copy);
    }
  });
};
document.addEventListener("DOMContentLoaded", markScrollingTables);
window.addEventListener("resize", markScrollingTables);

// sphinx-exercise writes a solution's title as "Solution to<a> Exercise 3.1</a>": the
// space sits inside the link and is underlined with it. It moves out, before the link.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".solution .admonition-title a, .solution summary a").forEach((a) => {
    const first = a.firstChild;
    if (first && first.nodeType === Node.TEXT_NODE && /^\s/.test(first.textContent)) {
      first.textContent = first.textContent.replace(/^\s+/, "");
      a.before(document.createTextNode(" "));
    }
  });
});

// A table printed as text (_ext/code_lines.py: "text-table") scrolls sideways on a narrow
// screen: where it does not fit, its output gets the class "scrolls", and with it a line
// saying so (code-lines.css). Watched for size changes: a window turned or resized, a
// folded cell opened.
document.addEventListener("DOMContentLoaded", () => {
  const mark = (output) => {
    const pre = output.querySelector("pre");
    output.classList.toggle("scrolls", !!pre && pre.scrollWidth > pre.clientWidth + 1);
  };
  const watcher = new ResizeObserver((entries) => {
    entries.forEach((entry) => mark(entry.target.closest(".text-table")));
  });
  const outputs = document.querySelectorAll(".text-table");
  outputs.forEach((output) => watcher.observe(output.querySelector("pre")));
  document.fonts.ready.then(() => outputs.forEach(mark));  // the monospace font's widths
});
