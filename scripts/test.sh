#!/usr/bin/env bash
# The one command that builds mlwb and runs the whole test suite on a fresh Debian 12 machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ "${MLWB_SKIP_DEPS:-0}" = 1 ] || "$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
cd "${MLWB_BUILD_DIR:-$root/build}"
ctest --output-on-failure --timeout 900 -j "${MLWB_TEST_JOBS:-2}" "$@"
