"""Every glossary term is linked, with a {term} role, where a chapter first uses it.

For each chapter notebook and each term of book/glossary.md: if the term occurs in the
chapter's markdown prose (case-insensitive, whole word, also as a simple plural), its FIRST
occurrence must be a ``{term}`` role pointing at it (``{term}`lasso``` or
``{term}`the lasso path <lasso path>```). Not prose, and so not searched: math, inline code,
code and math blocks, directive lines and their option lines, headings, links and
cross-reference roles ({cite}, {doc}, {ref}, {numref}, {eq}, {glue}, ...), HTML and labels.
Where a longer term contains a shorter one ("lasso path", "lasso"), the longer wins.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

BOOK = Path(__file__).resolve().parents[1] / "book"
CHAPTERS = sorted(BOOK.glob("*.ipynb"))

# (chapter stem, exact text): passages where a link would be wrong. Their words are not
# searched, so the term's next use must be linked instead. Every entry says why.
ALLOWLIST: dict[tuple[str, str], str] = {
    (
        "regularization",
        "*Why Does Lasso (L1) Regression Create Sparsity?*",
    ): "the title of the article the book follows, quoted: a title is not our prose",
}

# Terms in capitals are matched with their case ("MAP" is not the word "map").
ROLE = re.compile(r"\{([a-z:-]+)\}`([^`]*)`")
FENCE = re.compile(r"^(\s*)(`{3,}|:{3,})\s*(\{[^}]*\}|[\w+-]*)")
PROSE_DIRECTIVES = {
    "{admonition}",
    "{note}",
    "{tip}",
    "{important}",
    "{warning}",
    "{caution}",
    "{attention}",
    "{hint}",
    "{seealso}",
    "{exercise}",
    "{solution}",
    "{solution-start}",
    "{exercise-start}",
    "{figure}",
    "{glue:figure}",
    "{margin}",
    "{sidebar}",
    "{dropdown}",
    "{topic}",
    "{epigraph}",
    "{div}",
    "{card}",
    "{prf:definition}",
    "{danger}",
    "{error}",
}


def glossary_terms() -> list[str]:
    text = (BOOK / "glossary.md").read_text(encoding="utf-8")
    block = text.split("```{glossary}", 1)[1].split("```", 1)[0]
    return [
        line.strip()
        for line in block.splitlines()
        if line.strip() and not line[0].isspace() and not line.startswith(":")
    ]


def markdown_of(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "\n\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def prose_mask(text: str) -> list[bool]:
    """``True`` for each character of ``text`` that is prose (searched for terms)."""
    keep = [True] * len(text)

    def drop(start: int, end: int) -> None:
        keep[start:end] = [False] * (end - start)

    # line-based: fences, directive and option lines, headings, labels, HTML lines
    pos = 0
    stack: list[tuple[str, bool]] = []  # (closing fence, body is prose)
    option_zone = False
    for line in text.splitlines(keepends=True):
        end = pos + len(line)
        stripped = line.strip()
        m = FENCE.match(line)
        if stack and stripped and m and m.group(2) == stack[-1][0] and not m.group(3):
            stack.pop()
            drop(pos, end)
        elif m and (not stack or stack[-1][1]):
            fence, info = m.group(2), m.group(3)
            stack.append((fence, info in PROSE_DIRECTIVES))
            drop(pos, end)
            option_zone = True
        elif (stack and not stack[-1][1]) or (
            option_zone and (re.match(r"\s*:[\w-]+:", line) or stripped == "---")
        ):
            drop(pos, end)
        else:
            option_zone = False
            if stripped.startswith(("#", "<")) or re.match(r"\s*\(.*\)=\s*$", line):
                drop(pos, end)
        pos = end
    # inline: display and inline math, code, links, roles other than {term}, comments
    for pattern in (
        r"\$\$.*?\$\$",
        r"(?<!\\)\$[^$\n]+?\$",
        r"``.*?``",
        r"`[^`\n]*`",
        r"!?\[[^\]\n]*\]\([^)\n]*\)",
        r"<https?://[^>]*>",
        r"<!--.*?-->",
    ):
        for m in re.finditer(pattern, text, flags=re.S):
            drop(*m.span())
    for m in ROLE.finditer(text):  # roles after code: their backticks look like code
        drop(*m.span())
    return keep


def term_pattern(term: str) -> re.Pattern[str]:
    forms = [term, term + "s", term + "es"]
    if term.endswith("y"):
        forms.append(term[:-1] + "ies")
    alternatives = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    words = rf"(?<![\w-])(?:{alternatives})(?![\w-])"
    return re.compile(words, 0 if term.isupper() else re.I)


def first_uses(text: str, terms: list[str]) -> dict[str, tuple[int, bool, str]]:
    """Each term's first occurrence: (position, is a {term} role, the words there)."""
    keep = prose_mask(text)
    found: dict[str, tuple[int, bool, str]] = {}
    for m in ROLE.finditer(text):
        if m.group(1) == "term":
            inner = m.group(2)
            target = re.search(r"<([^<>]+)>\s*$", inner)
            name = (target.group(1) if target else inner).strip().lower()
            for term in terms:
                if term.lower() == name and term not in found:
                    found[term] = (m.start(), True, m.group(0))
    taken = list(keep)
    for term in sorted(terms, key=len, reverse=True):  # the longer term wins
        for m in term_pattern(term).finditer(text):
            if all(taken[m.start() : m.end()]):
                taken[m.start() : m.end()] = [False] * (m.end() - m.start())
                if term not in found or m.start() < found[term][0]:
                    found[term] = (m.start(), False, m.group(0))
                break
        # later plain uses of the term must not be found by a shorter one either
        for m in term_pattern(term).finditer(text):
            if all(taken[m.start() : m.end()]):
                taken[m.start() : m.end()] = [False] * (m.end() - m.start())
    return found


def chapter_text(path: Path) -> str:
    """The chapter's markdown with the allowlisted passages blanked (positions kept)."""
    text = markdown_of(path)
    for (stem, passage), _ in ALLOWLIST.items():
        if stem == path.stem:
            text = text.replace(passage, " " * len(passage))
    return text


def unlinked_first_uses(path: Path) -> list[str]:
    text = chapter_text(path)
    return [
        f"{term!r} first used unlinked as {words!r}: ...{text[max(0, at - 40) : at + 40]!r}..."
        for term, (at, linked, words) in sorted(first_uses(text, glossary_terms()).items())
        if not linked
    ]


def test_the_glossary_has_terms():
    terms = glossary_terms()
    assert len(terms) > 20 and "lasso" in terms and "lasso path" in terms


def test_the_scanner_finds_what_it_should():
    terms = ["lasso", "lasso path", "knot", "MAP"]
    text = (
        "# The lasso\n\nA $lasso$ and `lasso` and [lasso](x.md) and {doc}`lasso`.\n"
        ":::{admonition} lasso\n:class: tip\nThe {term}`knots <knot>` of the lasso path.\n"
        ":::\n\nThe lasso, the map and a knot; MAP.\n"
    )
    uses = first_uses(text, terms)
    assert uses["knot"][1] and not uses["lasso path"][1]
    assert text[uses["lasso"][0] :].startswith("lasso, the map")  # not in heading, math...
    assert uses["MAP"][2] == "MAP"
    assert first_uses("Two {term}`lassos <lasso>`, one lasso.", terms)["lasso"][1]
    assert not first_uses("Two lassos, one {term}`lasso`.", terms)["lasso"][1]


def test_the_allowlist_is_needed():
    for (stem, passage), why in ALLOWLIST.items():
        assert why and (BOOK / f"{stem}.ipynb").exists()
        assert passage in markdown_of(BOOK / f"{stem}.ipynb"), f"{stem}: {passage!r} is gone"
        assert first_uses(passage, glossary_terms()), f"{passage!r} holds no glossary term"


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_glossary_terms_are_linked_at_first_use(path):
    problems = unlinked_first_uses(path)
    assert not problems, "\n".join(problems)
