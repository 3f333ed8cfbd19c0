#!/usr/bin/env bash
# The action's first step: installs csp from the action's own checkout (the version the
# workflow names), with its locked dependencies; "npm ci" also builds it (the prepare script).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f dist/main.js ] && [ -d node_modules ]; then
  echo "csp $(node bin/csp.cjs --version) is already installed in $(pwd)."
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
echo "Installed csp $(node bin/csp.cjs --version)."
