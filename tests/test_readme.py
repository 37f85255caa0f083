"""The README's commands exist, its addresses are the ones _config.yml sets, and the
website's build installs no test tool."""

from __future__ import annotations

import re

import yaml

from toc import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))

# What only testing needs: none of it may be installed to build the website.
TEST_TOOLS = {
    "pytest",
    "pytest-xdist",
    "nbval",
    "hypothesis",
    "playwright",
    "axe-playwright-python",
    "ruff",
    "mypy",
    "nbconvert",
    "nbclient",
}


def make_targets() -> set[str]:
    return set(re.findall(r"^([a-z][a-z-]*):", MAKEFILE, flags=re.MULTILINE))


def requirements(name: str) -> set[str]:
    """Every package a requirements file names, following its ``-r`` includes."""
    found: set[str] = set()
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            found |= requirements(line[3:].strip())
        elif line and not line.startswith("-"):
            found.add(re.split(r"[<>=!~\[ ;@]", line, maxsplit=1)[0].lower())
    return found


def test_every_make_command_in_the_readme_exists():
    commands = set(re.findall(r"`make ([a-z][a-z-]*)", README))
    assert {"book", "test", "lab"} <= commands
    missing = commands - make_targets()
    assert not missing, f"the README names make targets the Makefile lacks: {missing}"


def test_readme_opens_with_read_run_build_in_that_order():
    headings = re.findall(r"^## (.+)$", README, flags=re.MULTILINE)
    assert headings[:3] == ["Read it", "Run it", "Build and test it"], headings


def test_the_build_installs_no_test_tool():
    build = requirements("requirements-build.txt")
    assert "jupyter-book" in build and "numpy" in build
    assert not build & TEST_TOOLS, build & TEST_TOOLS
    assert TEST_TOOLS - {"nbconvert", "nbclient"} <= requirements("requirements-dev.txt")


def test_the_lab_environment_is_the_readers_plus_jupyterlab():
    assert requirements("requirements-lab.txt") == requirements("requirements.txt") | {"jupyterlab"}


def test_readme_addresses_follow_the_config():
    site = CONFIG["html"]["baseurl"]
    repo = CONFIG["repository"]["url"]
    branch = CONFIG["repository"].get("branch", "main")
    org_repo = repo.removeprefix("https://github.com/")
    assert site in README and f"{site}why-lasso-creates-sparsity.pdf" in README
    launches = re.findall(r"\((https://(?:mybinder\.org|colab\.research)[^)]+)\)", README)
    assert len(launches) == 2, launches
    for url in launches:
        assert f"/{org_repo}/" in url and f"/{branch}" in url, url
        notebook = re.search(r"(notebooks/[\w/]+\.ipynb)$", url).group(1)
        assert (ROOT / notebook).exists(), url
    # no other address of the book's own hosts than the configured ones
    for url in re.findall(
        r"https://why-lasso[^\s)>]*|https://github\.com/why-lasso[^\s)>]*", README
    ):
        assert url.startswith((site, repo)), url
