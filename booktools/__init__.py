"""The tools that build and check the book (not the book's library, which is lessonlib).

One module a job: :mod:`booktools.env` (the kernels' environment and the table of
contents), :mod:`booktools.arithmetic` (the CPU settings the chapters are re-run under),
:mod:`booktools.outputs` (``make outputs``), :mod:`booktools.notebooks` (``make
notebooks``' copy into notebooks/), :mod:`booktools.chapter_toc` (``CHAPTERS=...``),
:mod:`booktools.edition` (cutting an edition), :mod:`booktools.artefacts` (the builds the
tests read). Run a tool as ``python -m booktools.<module>`` from the repository's root;
the tests import them (pytest puts the root on the path, pyproject.toml).
"""
