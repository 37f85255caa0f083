#!/bin/sh
# Refresh the MathJax 4 files the site serves itself (_ext/static/mathjax/,
# committed; _ext/offline_mathjax.py points Sphinx at them). MathJax 4 breaks
# a display equation wider than the column into lines (MathJax 3 could not),
# and no page fetches it from a CDN, so math renders offline. Only what the
# pages can use is kept: the TeX-to-HTML component, the assistive-MathML
# extension, the TeX extensions the autoloader may fetch for rarer macros,
# and the New Computer Modern web fonts with their dynamic character data.
# Run this only to move to another version: change the pin, run it, rebuild
# the site and run the browser suite.
set -eu
MATHJAX=4.1.3
here=$(cd "$(dirname "$0")/.." && pwd)
dest="$here/_ext/static/mathjax"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "mathjax@$MATHJAX" \
    "@mathjax/mathjax-newcm-font@$MATHJAX" > /dev/null)
mkdir -p "$tmp/mj" "$tmp/font"
tar -xzf "$tmp/mathjax-$MATHJAX.tgz" -C "$tmp/mj"
tar -xzf "$tmp/mathjax-mathjax-newcm-font-$MATHJAX.tgz" -C "$tmp/font"
rm -rf "$dest"
mkdir -p "$dest/a11y" "$dest/input/tex" "$dest/fonts/mathjax-newcm-font/chtml"
cp "$tmp/mj/package/tex-chtml.js" "$tmp/mj/package/LICENSE" "$dest/"
cp "$tmp/mj/package/a11y/assistive-mml.js" "$dest/a11y/"
cp -r "$tmp/mj/package/input/tex/extensions" "$dest/input/tex/"
cp -r "$tmp/font/package/chtml/woff2" "$tmp/font/package/chtml/dynamic" \
    "$dest/fonts/mathjax-newcm-font/chtml/"
printf 'mathjax %s\n@mathjax/mathjax-newcm-font %s\n' "$MATHJAX" "$MATHJAX" \
    > "$dest/VERSIONS"
cat > "$dest/NOTICE" <<NOTICE
MathJax $MATHJAX and its New Computer Modern font data, copied unchanged from
the npm packages mathjax and @mathjax/mathjax-newcm-font (versions in
VERSIONS) by scripts/vendor-mathjax.sh. Copyright (c) The MathJax Consortium.
Both packages are distributed under the Apache License 2.0 (their
package.json); the licence text is in LICENSE. The web fonts are MathJax's
conversion of the New Computer Modern fonts.
NOTICE
du -sh "$dest"
