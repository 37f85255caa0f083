"""The HTML site builds with no warning and has a page for every entry of _toc.yml."""

from __future__ import annotations

import re

import pytest

from toc import ROOT, toc_docnames

pytestmark = pytest.mark.build
HTML = ROOT / "_build" / "html"


def test_build_succeeds_without_warnings(html_build):
    log = html_build.stdout + html_build.stderr
    assert html_build.returncode == 0, log[-5000:]
    warnings = [line for line in log.splitlines() if re.search(r"WARNING|ERROR", line)]
    assert not warnings, "\n".join(warnings)


def test_every_toc_page_has_html(html_build):
    assert (HTML / "index.html").exists() or (HTML / "book" / "index.html").exists()
    for docname in toc_docnames():
        page = HTML / f"{docname}.html"
        assert page.exists(), f"{docname} produced no HTML"
        assert page.stat().st_size > 2000


def test_chapter_pages_show_their_stored_outputs(html_build):
    """The site renders the notebooks' outputs (figures as images), not just their code."""
    for docname in toc_docnames():
        if not (ROOT / f"{docname}.ipynb").exists():
            continue
        html = (HTML / f"{docname}.html").read_text(encoding="utf-8")
        assert 'class="cell_output' in html, f"{docname}: no cell output on the page"
        assert "<img" in html, f"{docname}: no figure on the page"


def page_weight(docname: str) -> int:
    """Bytes a reader downloads for a page's own content: its HTML and its images. A
    figure's two renderings (wide-figure, phone-figure: _ext/phone_figures.py) load
    lazily and only one is ever shown, so only the heavier set counts; without
    loading="lazy" both would be fetched, and both count."""
    html_path = HTML / f"{docname}.html"
    html = html_path.read_text(encoding="utf-8")
    sizes = {"wide-figure": 0, "phone-figure": 0, "": 0}
    for tag in set(re.findall(r"<img[^>]+>", html)):
        src = re.search(r'src="([^"]+)"', tag).group(1)
        if src.startswith("data:"):
            continue
        kind = re.search(r'class="(wide-figure|phone-figure)', tag)
        key = kind.group(1) if kind and 'loading="lazy"' in tag else ""
        sizes[key] += (html_path.parent / src).resolve().stat().st_size
    return html_path.stat().st_size + sizes[""] + max(sizes["wide-figure"], sizes["phone-figure"])


def test_every_page_stays_light(html_build, record_property):
    """No page, explorers included, costs a reader more than 1 MB of its own content;
    and each explorer (a chart computed in the page: its spec, data and embedding
    script) stays under 200 kB."""
    weights = {d: page_weight(d) for d in toc_docnames()}
    heaviest = max(weights, key=weights.get)
    record_property("heaviest_page", f"{heaviest}: {weights[heaviest] / 1e6:.2f} MB")
    print(f"heaviest page: {heaviest} {weights[heaviest] / 1e6:.2f} MB")
    assert weights[heaviest] < 1_000_000, weights
    with_charts = []
    for docname in weights:
        html = (HTML / f"{docname}.html").read_text(encoding="utf-8")
        blocks = re.findall(r'<div class="lesson-chart".*?</script>', html, flags=re.S)
        with_charts += [docname] * bool(blocks)
        for block in blocks:
            assert len(block.encode()) < 200_000, f"{docname}: explorer weighs {len(block)} bytes"
    assert len(with_charts) >= 3, f"explorers found only on {with_charts}"


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", fragment)).strip()


def test_citations_and_bibliography_use_the_same_labels(html_build):
    """A reader matches "[Hoerl and Kennard, 1970]" in the text to the same label in the list."""
    refs = (HTML / "book" / "references.html").read_text(encoding="utf-8")
    labels = {
        _text(m)
        for m in re.findall(
            r'<span class="label"><span class="fn-bracket">\[</span>(.*?)<span class="fn-bracket">',
            refs,
        )
    }
    assert labels and all(re.search(r", \d{4}[a-z]?$", label) for label in labels), labels
    cited = set()
    for docname in toc_docnames():
        html = (HTML / f"{docname}.html").read_text(encoding="utf-8")
        cited |= {
            _text(m)
            for m in re.findall(
                r'<a class="reference internal" href="[^"]*references\.html#[^"]*"[^>]*>(.*?)</a>',
                html,
            )
        }
    # A textual citation, {cite:t}, links only its year: "Zou and Hastie [2005]".
    years = {c for c in cited if re.fullmatch(r"\d{4}[a-z]?", c)}
    assert cited - years, "no parenthetical citation found in the chapters"
    assert cited - years <= labels, (
        f"cited as, but not labelled so: {sorted(cited - years - labels)}"
    )
    assert all(any(label.endswith(y) for label in labels) for y in years), years


def chapter_pages() -> list[str]:
    return [d for d in toc_docnames() if (ROOT / f"{d}.ipynb").exists()]


def test_launch_and_download_links_open_the_reader_notebook(html_build):
    """Binder, Colab and the ``.ipynb`` download of every chapter page name that chapter's
    reader notebook (notebooks/<chapter>.ipynb), not its MyST source, and the site serves
    the downloaded file."""
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    org_repo = config["repository"]["url"].removeprefix("https://github.com/")
    branch = config["repository"].get("branch", "main")
    for docname in chapter_pages():
        stem = docname.rsplit("/", 1)[-1]
        html = (HTML / f"{docname}.html").read_text(encoding="utf-8")
        hrefs = set(re.findall(r'href="([^"]+)"', html))
        binder = f"https://mybinder.org/v2/gh/{org_repo}/{branch}?urlpath=lab/tree/notebooks/{stem}.ipynb"
        colab = f"https://colab.research.google.com/github/{org_repo}/blob/{branch}/notebooks/{stem}.ipynb"
        assert binder in hrefs and colab in hrefs, (
            docname,
            sorted(h for h in hrefs if "ipynb" in h),
        )
        downloads = [h for h in hrefs if h.endswith(".ipynb") and not h.startswith("http")]
        assert downloads == [f"../notebooks/{stem}.ipynb"], (docname, downloads)
        served = (HTML / docname).parent / downloads[0]
        assert served.resolve().read_bytes() == (ROOT / "notebooks" / f"{stem}.ipynb").read_bytes()
        assert f"book/{stem}.ipynb" not in " ".join(
            h for h in hrefs if "mybinder" in h or "colab" in h
        )


def code_lines_shown(html: str) -> list[str]:
    """The lines of the code cells a page shows (inputs, not outputs)."""
    import html as html_module

    lines = []
    for block in re.findall(
        r'<div class="cell_input[^"]*"[^>]*>(.*?)</div>\s*</div>\s*</div>', html, flags=re.DOTALL
    ):
        text = html_module.unescape(re.sub(r"<[^>]+>", "", block))
        lines.extend(text.splitlines())
    return lines


def test_no_page_shows_glue_or_a_bare_assert(html_build, record_property):
    """The code a reader sees teaches; glue calls and checks stay in hidden cells."""
    found = {}
    for docname in chapter_pages():
        html = (HTML / f"{docname}.html").read_text(encoding="utf-8")
        lines = code_lines_shown(html)
        assert lines or docname.endswith("index"), f"{docname}: no code found on the page"
        bad = [line for line in lines if "glue(" in line or re.match(r"\s*assert\b", line)]
        if bad:
            found[docname] = bad
    record_property("glue_or_assert_lines_on_the_site", sum(map(len, found.values())))
    assert not found, found


def test_no_cross_reference_shows_raw_tex(html_build):
    """A {ref} to a section whose title has math takes the title as plain text: a reader
    saw "Scalings: \\lambda, \\alpha and units" in 16 links. Such references need their own text."""
    found = {}
    for docname in toc_docnames():
        html = (HTML / f"{docname}.html").read_text(encoding="utf-8")
        texts = re.findall(r'<span class="std std-ref">([^<]*)</span>', html)
        assert texts or not docname.endswith("simple_regression"), "no reference found"
        if bad := [t for t in texts if re.search(r"\\[A-Za-z]+|\$", t)]:
            found[docname] = bad
    assert not found, found


def test_an_html_build_after_the_pdfs_links_every_chapter_pdf(tmp_path):
    """`make book`, then `make site` on the same tree: the second HTML build must write
    every chapter page again, so that each links the chapter PDF the site now publishes
    (_ext/publish_pdf.py). The PDFs here are stand-ins: only their presence matters. Two
    chapters (`make book CHAPTERS=...`) show it as well as sixteen, in a fifth of the time."""
    import subprocess
    import sys
    from pathlib import Path

    import yaml

    from booktools.chapter_toc import chosen_toc
    from booktools.env import toc_yaml

    chapters = ["ridge", "kkt"]
    toc = tmp_path / "chapters.yml"
    toc.write_text(yaml.safe_dump(chosen_toc(toc_yaml(ROOT), chapters), sort_keys=False))

    def build() -> None:
        done = subprocess.run(
            [str(Path(sys.executable).with_name("jupyter-book")), "build", "-W", "-n",
             "--keep-going", "--toc", str(toc), "--path-output", str(tmp_path), str(ROOT)],
            cwd=ROOT, capture_output=True, text=True, timeout=900,
        )  # fmt: skip
        assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]

    build()  # make book: no PDF yet
    latex = tmp_path / "_build" / "latex"
    latex.mkdir(parents=True)
    for name in ["book", *chapters]:
        (latex / f"{name}.pdf").write_bytes(b"%PDF-1.4 stand-in\n")
    build()  # make site: the PDFs are there now
    html = tmp_path / "_build" / "html"
    for name in chapters:
        page = (html / "book" / f"{name}.html").read_text(encoding="utf-8")
        assert f'<meta name="chapter-pdf" content="pdf/{name}.pdf"' in page, name
        assert (html / "pdf" / f"{name}.pdf").exists(), name
