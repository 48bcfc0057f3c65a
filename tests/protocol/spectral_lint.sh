#!/usr/bin/env bash
# Lints docs/protocol/openapi.yaml with the pinned Spectral; any warning fails.
# Exits 77 (skipped, and says why) only when Spectral is not installed.
set -euo pipefail
root=$1
spectral="$root/tests/tooling/node_modules/.bin/spectral"
if [[ ! -x "$spectral" ]]; then
  echo "SKIPPED: Spectral is not installed; run scripts/setup-deps node"
  exit 77
fi
cd "$root"
exec "$spectral" lint --fail-severity=warn --ruleset .spectral.yaml docs/protocol/openapi.yaml
