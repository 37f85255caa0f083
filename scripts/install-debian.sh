#!/usr/bin/env bash
# Install groups of Debian packages from scripts/debian-packages.txt, when any is missing.
# Usage: scripts/install-debian.sh [--report] GROUP...      (groups: tex, browser)
# As root it runs apt-get. Otherwise it prints the exact command to run and fails; with
# --report it instead prints that advice as one line on stdout and succeeds, so `make test`
# can run everything else first and say at the end what it could not run.
set -euo pipefail
report=false
if [ "${1:-}" = "--report" ]; then report=true; shift; fi
[ $# -gt 0 ] || { echo "usage: install-debian.sh [--report] tex|browser..." >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
missing=()
for group in "$@"; do
  pkgs=$(sed -n "s/^${group}:[[:space:]]*//p" "$here/debian-packages.txt")
  [ -n "$pkgs" ] || { echo "install-debian.sh: no group '$group' in debian-packages.txt" >&2; exit 2; }
  for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  advice="sudo apt-get install -y --no-install-recommends ${missing[*]}"
  if $report; then
    echo "tests that need Debian packages ($*) were skipped; missing: ${missing[*]}. Install them with: $advice"
    exit 0
  fi
  echo "Missing Debian packages for '$*'. Install them with:" >&2
  echo "  $advice" >&2
  exit 1
fi
echo "Installing Debian packages for '$*': ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
