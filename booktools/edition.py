"""Cut an edition of the book (a fixed version a class can rely on), or reopen main after it.

Usage::

    python -m booktools.edition 2027.1      # the release commit of edition 2027.1
    python -m booktools.edition --reopen    # back to the development version

An edition is a git tag, ``v2027.1``, on a commit whose ``_config.yml`` names that tag as
``repository.branch``: the launch buttons (Binder, Colab) and the reader notebooks' install
cell then pin the tag, and the PDF's title page and the site's footer print "edition
2027.1" (_ext/book_identity.py). This script makes that commit's edits: ``_config.yml``,
``CITATION.cff`` (version and date) and ``CHANGELOG.md`` (the "Unreleased" section becomes
the edition's). It prints the rest, which CONTRIBUTING.md ("Cutting an edition") explains:
``make notebooks``, ``make test``, commit, tag, and ``--reopen`` afterwards.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EDITION = re.compile(r"^\d{4}\.\d+$")
BRANCH_LINE = re.compile(r"^(  branch: )(\S+)$", flags=re.MULTILINE)


def set_ref(root: Path, ref: str, today: datetime.date) -> None:
    """Point _config.yml and CITATION.cff at git ref ``ref`` (a tag, or ``main``)."""
    config = root / "_config.yml"
    text = config.read_text(encoding="utf-8")
    if len(BRANCH_LINE.findall(text)) != 1:
        raise ValueError(f"{config}: expected one `  branch:` line under repository")
    config.write_text(BRANCH_LINE.sub(rf"\g<1>{ref}", text), encoding="utf-8")

    cff = root / "CITATION.cff"
    text = cff.read_text(encoding="utf-8")
    text = re.sub(r'^version: ".*"$', f'version: "{ref}"', text, flags=re.MULTILINE)
    text = re.sub(r"^date-released: .*\n", "", text, flags=re.MULTILINE)
    if ref != "main":
        text = text.replace(f'version: "{ref}"\n', f'version: "{ref}"\ndate-released: "{today}"\n')
    cff.write_text(text, encoding="utf-8")


def close_changelog(root: Path, tag: str, today: datetime.date) -> None:
    """The changelog's "Unreleased" section becomes the edition's; a new one opens above."""
    path = root / "CHANGELOG.md"
    text = path.read_text(encoding="utf-8")
    if "## Unreleased" not in text:
        raise ValueError(f"{path}: no '## Unreleased' section to close")
    path.write_text(
        text.replace("## Unreleased", f"## Unreleased\n\n## {tag} ({today})", 1), encoding="utf-8"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("edition", nargs="?", help="the edition, YEAR.N (e.g. 2027.1)")
    group.add_argument("--reopen", action="store_true", help="back to the development version")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    today = datetime.date.today()
    if args.reopen:
        set_ref(args.root, "main", today)
        print("Back on main. Now: make notebooks && git commit -am 'Reopen main'")
        return 0
    if not EDITION.match(args.edition):
        parser.error(f"the edition is YEAR.N, e.g. 2027.1; got {args.edition!r}")
    tag = f"v{args.edition}"
    set_ref(args.root, tag, today)
    close_changelog(args.root, tag, today)
    print(
        f"Edition {args.edition} set. Now:\n"
        "  make notebooks && make test\n"
        f"  git commit -am 'Edition {args.edition}' && git tag {tag}\n"
        "  python -m booktools.edition --reopen && make notebooks\n"
        "  git commit -am 'Reopen main after the edition'"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
