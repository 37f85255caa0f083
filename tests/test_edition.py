"""A fixed edition: cutting one (booktools/edition.py) pins every link to its tag.

The fast tests run the script on copies of the files it edits. The build test cuts edition
2099.1 in a copy of _config.yml and builds the site, the reader notebooks and the LaTeX
with it (``jupyter-book build --config``), for two chapters: every chapter page's Binder and
Colab links, and every reader notebook's install cell, must name the tag ``v2099.1``, and
the footer and the PDF's title page must say "edition 2099.1".
"""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

from booktools.chapter_toc import chosen_toc
from booktools.edition import main as cut
from booktools.env import toc_yaml
from toc import ROOT

TAG = "v2099.1"


@pytest.fixture
def copy(tmp_path) -> Path:
    for name in ("_config.yml", "CITATION.cff", "CHANGELOG.md"):
        shutil.copyfile(ROOT / name, tmp_path / name)
    return tmp_path


def test_cutting_an_edition_sets_the_tag_everywhere_it_is_named(copy):
    assert cut(["2099.1", "--root", str(copy)]) == 0
    config = yaml.safe_load((copy / "_config.yml").read_text())
    assert config["repository"]["branch"] == TAG
    cff = yaml.safe_load((copy / "CITATION.cff").read_text())
    assert cff["version"] == TAG and cff["date-released"] == str(datetime.date.today())
    changelog = (copy / "CHANGELOG.md").read_text()
    assert re.search(
        rf"^## Unreleased\n\n## {re.escape(TAG)} \(\d{{4}}-\d\d-\d\d\)$", changelog, re.M
    )
    # everything else in the config is as it was
    original = yaml.safe_load((ROOT / "_config.yml").read_text())
    original["repository"]["branch"] = TAG
    assert config == original


def test_reopening_main_undoes_the_pins(copy):
    cut(["2099.1", "--root", str(copy)])
    assert cut(["--reopen", "--root", str(copy)]) == 0
    for name in ("_config.yml", "CITATION.cff"):
        assert (copy / name).read_text() == (ROOT / name).read_text(), name


def test_an_edition_must_be_year_dot_number(copy, capsys):
    with pytest.raises(SystemExit):
        cut(["27.1", "--root", str(copy)])
    assert "YEAR.N" in capsys.readouterr().err


# Two chapters show the pinning as well as sixteen, in a fifth of the build time.
CHAPTERS = ["lasso", "kkt"]


def build(config: Path, out: Path, *builder: str) -> None:
    done = subprocess.run(
        [
            str(Path(sys.executable).with_name("jupyter-book")),
            "build",
            "-W",
            "-n",
            "--keep-going",
            "--config",
            str(config),
            "--toc",
            str(config.with_name("chapters.yml")),
            "--path-output",
            str(out),
            *builder,
            str(ROOT),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]


@pytest.mark.build
def test_an_editions_build_pins_every_link_to_its_tag(copy, tmp_path_factory):
    cut(["2099.1", "--root", str(copy)])
    # The copy sits elsewhere: the paths it gives relative to itself become absolute.
    config = copy / "_config.yml"
    config.write_text(config.read_text().replace(": _ext/", f": {ROOT / '_ext'}/"))
    toc = chosen_toc(toc_yaml(ROOT), CHAPTERS)
    config.with_name("chapters.yml").write_text(yaml.safe_dump(toc, sort_keys=False))
    out = tmp_path_factory.mktemp("edition")
    build(copy / "_config.yml", out)
    build(copy / "_config.yml", out, "--builder", "custom", "--custom-builder", "notebooks")
    build(copy / "_config.yml", out, "--builder", "latex")
    org_repo = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]["url"]
    org_repo = org_repo.removeprefix("https://github.com/")
    for stem in CHAPTERS:
        page = (out / "_build" / "html" / "book" / f"{stem}.html").read_text()
        assert f"mybinder.org/v2/gh/{org_repo}/{TAG}?urlpath=" in page, stem
        assert f"colab.research.google.com/github/{org_repo}/blob/{TAG}/" in page, stem
        assert "/main?urlpath" not in page and "/blob/main/" not in page, stem
        assert "edition 2099.1" in page, stem
        for edition in ("", "student/"):
            nb = nbformat.read(out / "_build" / "notebooks" / f"{edition}{stem}.ipynb", 4)
            install = next(c for c in nb.cells if c.cell_type == "code").source
            assert f'"{TAG}"' in install and "$REF" in install, stem
    tex = (out / "_build" / "latex" / "book.tex").read_text()
    assert "\\newcommand{\\bookedition}{Edition 2099.1}" in tex
    assert "{\\large \\bookedition\\par}" in tex
