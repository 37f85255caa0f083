#!/usr/bin/env bash
# Install one group of Debian packages from scripts/debian-packages.txt, when any is missing.
# Usage: scripts/install-debian.sh tex|browser
# As root it runs apt-get; otherwise it prints the exact command to run and fails.
set -euo pipefail
group=${1:?usage: install-debian.sh tex|browser}
here=$(cd "$(dirname "$0")" && pwd)
pkgs=$(sed -n "s/^${group}:[[:space:]]*//p" "$here/debian-packages.txt")
[ -n "$pkgs" ] || { echo "install-debian.sh: no group '$group' in debian-packages.txt" >&2; exit 2; }
missing=()
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages for '$group'. Install them with:" >&2
  echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages for '$group': ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
