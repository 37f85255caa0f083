"""How to cite the book: CITATION.cff is valid and says what _config.yml says.

The title, the authors, the site, the repository and the edition are set once in
_config.yml (_ext/book_identity.py turns them into the PDF's metadata, the footer and the
home page's "How to cite"); CITATION.cff repeats them in the Citation File Format for
GitHub and reference managers, so this test holds the two together.
"""

from __future__ import annotations

import subprocess

import pytest
import yaml

from toc import ROOT

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
CFF = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_says_what_the_config_says():
    assert CFF["cff-version"] == "1.2.0"
    assert CFF["title"].startswith(CONFIG["title"])
    assert [a["name"] for a in CFF["authors"]] == [CONFIG["author"]]
    assert CFF["url"] == CONFIG["html"]["baseurl"]
    assert CFF["repository-code"] == CONFIG["repository"]["url"]
    assert CFF["version"] == CONFIG["repository"]["branch"]
    assert set(CFF["license"]) == {"CC-BY-4.0", "MIT"}
    assert " ".join(CFF["abstract"].split()) == " ".join(CONFIG["description"].split())


def test_home_page_tells_how_to_cite():
    index = (ROOT / "book" / "index.md").read_text(encoding="utf-8")
    assert "## How to cite" in index and "{{ citation }}" in index
    assert "CITATION.cff" in index


@pytest.mark.cff
def test_citation_file_is_valid_cff():
    cffconvert = ROOT / ".venv-cff" / "bin" / "cffconvert"
    if not cffconvert.exists():
        pytest.fail("cffconvert is missing: run `make cff` (make test does)", pytrace=False)
    done = subprocess.run(
        [str(cffconvert), "--validate", "-i", str(ROOT / "CITATION.cff")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "valid" in done.stdout


@pytest.mark.cff
def test_cffconvert_refuses_an_invalid_file(tmp_path):
    """The validation can fail: a field the format does not have is refused."""
    bad = tmp_path / "CITATION.cff"
    bad.write_text((ROOT / "CITATION.cff").read_text() + "\nedition-of: nonsense\n")
    done = subprocess.run(
        [str(ROOT / ".venv-cff" / "bin" / "cffconvert"), "--validate", "-i", str(bad)],
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
