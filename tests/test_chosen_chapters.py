"""A chosen set of chapters builds with warnings as errors and has no dead link.

Each syllabus of the instructors' page ("Suggested syllabi") is built on its own, as
``make book CHAPTERS="..."`` builds it (booktools/chapter_toc.py, ``--toc``); every link in
the built site that stays on the site must reach a file, and an anchor on it, and a
reference to a chapter left out must go to that chapter on the published site
(_ext/chapters_left_out.py).
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urldefrag

import pytest
import yaml

from booktools.chapter_toc import chosen_toc
from booktools.env import toc_yaml
from toc import ROOT, toc_parts

pytestmark = pytest.mark.build

BASE_URL = yaml.safe_load((ROOT / "_config.yml").read_text())["html"]["baseurl"]


def numbered_chapters() -> list[str]:
    return [Path(d).name for caption, docs in toc_parts() if caption != "Reference" for d in docs]


def syllabi() -> dict[str, list[str]]:
    """unit -> its chapters' file names, from the instructors' page's table."""
    page = (ROOT / "book" / "instructors.md").read_text(encoding="utf-8")
    page = page.split("## Suggested syllabi", 1)[1].split("\n## ", 1)[0]
    chapters = numbered_chapters()
    found = {}
    for unit, spec in re.findall(r"^\| ([^|]+?) \| ([^|]+?) \| [^|]+\|$", page, flags=re.M):
        if unit in ("unit", "---"):
            continue
        numbers: list[int] = []
        if spec.startswith("all"):
            numbers = list(range(1, len(chapters) + 1))
        for piece in re.findall(r"\d+\s*[–-]\s*\d+|\d+", spec if not numbers else ""):
            ends = [int(n) for n in re.split(r"[–-]", piece)]
            numbers += list(range(ends[0], ends[-1] + 1))
        found[unit] = [chapters[n - 1] for n in numbers]
    return found


SYLLABI = syllabi()


def test_the_instructors_page_has_the_syllabi():
    assert len(SYLLABI) >= 3, SYLLABI
    assert any(len(c) < len(numbered_chapters()) for c in SYLLABI.values())


def dead_links(site: Path) -> list[str]:
    """Links between the site's own pages (and images, scripts) that reach nothing."""
    dead = []
    for page in site.rglob("*.html"):
        if "_static" in page.parts:
            continue  # the theme's templates, not pages
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r'(?:href|src)="([^"]+)"', text):
            target = html.unescape(target)
            if re.match(r"^[a-z]+:|^//|^#$", target):
                continue  # another site, mailto:, or the page's top
            path, anchor = urldefrag(target)
            path = path.split("?", 1)[0]  # a cache-busting query
            file = (page.parent / unquote(path)).resolve() if path else page
            if not file.exists():
                dead.append(f"{page.relative_to(site)}: {target}")
            elif anchor and file.suffix == ".html":
                ids = set(re.findall(r'id="([^"]+)"', file.read_text(encoding="utf-8")))
                if unquote(anchor) not in ids:
                    dead.append(f"{page.relative_to(site)}: {target} (no such anchor)")
    return dead


@pytest.mark.parametrize("unit", sorted(SYLLABI))
def test_a_syllabus_builds_and_links_only_to_what_exists(unit, tmp_path):
    chapters = SYLLABI[unit]
    toc = tmp_path / "toc.yml"
    toc.write_text(yaml.safe_dump(chosen_toc(toc_yaml(ROOT), chapters)))
    done = subprocess.run(
        [
            str(Path(sys.executable).with_name("jupyter-book")),
            "build",
            "-W",
            "-n",
            "--keep-going",
            "--toc",
            str(toc),
            "--path-output",
            str(tmp_path),
            str(ROOT),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    site = tmp_path / "_build" / "html"
    built = {p.stem for p in (site / "book").glob("*.html")}
    assert set(chapters) <= built
    left_out = set(numbered_chapters()) - set(chapters)
    assert not left_out & built, left_out & built
    assert not dead_links(site)
    if left_out:
        pages = " ".join(p.read_text() for p in (site / "book").glob("*.html"))
        linked = set(re.findall(rf'href="{re.escape(BASE_URL)}book/(\w+)\.html', pages))
        assert linked & left_out, "no reference to a chapter left out was linked to the site"
