#!/bin/sh
# Refresh the Vega, Vega-Lite and vega-embed scripts the site serves itself
# (_ext/static/vega/, committed; _ext/vega_assets.py adds them to the pages
# with a chart). The pages never fetch them from a CDN, so the site works
# offline. Run this only to move to other versions: change the pins below,
# run it, rebuild the site and run the browser suite.
set -eu
VEGA=5.33.0
VEGA_LITE=5.23.0
VEGA_EMBED=6.29.0
here=$(cd "$(dirname "$0")/.." && pwd)
dest="$here/_ext/static/vega"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$dest"
for spec in "vega@$VEGA:vega.min.js" "vega-lite@$VEGA_LITE:vega-lite.min.js" \
            "vega-embed@$VEGA_EMBED:vega-embed.min.js"; do
    pkg=${spec%%:*}
    file=${spec#*:}
    name=${pkg%@*}
    (cd "$tmp" && npm pack --silent "$pkg" > /dev/null)
    mkdir -p "$tmp/$name"
    tar -xzf "$tmp/$name-${pkg#*@}.tgz" -C "$tmp/$name"
    cp "$tmp/$name/package/build/$file" "$dest/$file"
    cp "$tmp/$name/package/LICENSE" "$dest/LICENSE-$name"
done
printf 'vega %s\nvega-lite %s\nvega-embed %s\n' "$VEGA" "$VEGA_LITE" \
    "$VEGA_EMBED" > "$dest/VERSIONS"
ls -l "$dest"
