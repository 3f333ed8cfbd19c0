#!/usr/bin/env bash
# The action's check: "csp validate --format github" (each finding becomes an annotation
# on its line), then a job summary: the counts and the findings, and what the pull request
# changes in the record. Inputs arrive as INPUT_RECORDS, INPUT_STRICT and INPUT_BASE;
# GitHub sets GITHUB_ACTION_PATH, GITHUB_WORKSPACE and GITHUB_STEP_SUMMARY.
set -uo pipefail

csp() { node "$GITHUB_ACTION_PATH/bin/csp.cjs" "$@"; }
cd "${GITHUB_WORKSPACE:-.}" || exit 2

records=(--records "${INPUT_RECORDS:-records}")
strict=()
if [ "${INPUT_STRICT:-false}" = "true" ]; then strict=(--strict); fi

# The base as GitHub names it ("main") is the remote's copy of that branch (origin/main).
base=()
if [ -n "${INPUT_BASE:-}" ]; then
  if git rev-parse --verify --quiet "refs/remotes/origin/${INPUT_BASE}^{commit}" >/dev/null; then
    base=(--base "origin/${INPUT_BASE}")
  elif git rev-parse --verify --quiet "${INPUT_BASE}^{commit}" >/dev/null; then
    base=(--base "${INPUT_BASE}")
  elif git fetch --no-tags --quiet origin "+refs/heads/${INPUT_BASE}:refs/remotes/origin/${INPUT_BASE}"; then
    base=(--base "origin/${INPUT_BASE}")
  else
    echo "::error title=csp::The branch to compare with, ${INPUT_BASE}, is not in this checkout. Check out with fetch-depth: 0 (actions/checkout)."
    exit 2
  fi
fi

code=0
csp validate "${records[@]}" "${strict[@]}" "${base[@]}" --format github || code=$?

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  {
    if [ "$code" -le 1 ]; then
      csp validate "${records[@]}" "${strict[@]}" "${base[@]}" --format md
    else
      printf '## The record check\n\ncsp could not read the record: the step'"'"'s log says why.\n'
    fi
    if [ "${#base[@]}" -gt 0 ] && [ "$code" -le 1 ]; then
      echo
      csp changes "${records[@]}" "${base[@]}" --format md
    fi
  } >>"$GITHUB_STEP_SUMMARY" || true
fi
exit "$code"
