"""What the reader sees: figures, interactive charts, explorers, tables and their style.

``figures`` (matplotlib figures, one module per chapter or theme), ``charts``
(Vega-Lite charts computed in the page), ``explore`` (ipywidgets explorers and
the pictures the charts print), ``tables`` (coefficient tables in HTML and
LaTeX) and ``style`` (the book's colours, per-feature palette and matplotlib
settings). They draw what ``lessonlib`` and ``lessonlib.topics`` compute and
never compute a result of their own.
"""
