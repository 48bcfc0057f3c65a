#!/usr/bin/env bash
# Runs contract_test.py with the pinned Prism. Exits 77 (skipped, and says
# why) only when Prism is not installed.
set -euo pipefail
python=$1 root=$2 portal=$3 pki=$4
prism="$root/tests/tooling/node_modules/.bin/prism"
if [[ ! -x "$prism" ]]; then
  echo "SKIPPED: Prism is not installed; run scripts/setup-deps node"
  exit 77
fi
exec "$python" "$root/tests/portal/standalone/contract_test.py" "$portal" "$pki" "$root/docs/protocol/openapi.yaml" "$prism"
