#!/usr/bin/env bash
# Builds mlwb and makes the Debian package (mlwb_<version>_<arch>.deb) in the build folder;
# prints its path. Extra arguments go to cpack.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MLWB_BUILD_DIR:-$root/build}"
# Everything but the package's path goes to stderr, so that deb="$(scripts/package.sh)" works.
[ "${MLWB_SKIP_DEPS:-0}" = 1 ] || "$root/scripts/install-deps.sh" >&2
"$root/scripts/build.sh" >&2
cd "$build"
# The path comes from cpack's "package: <path> generated." line.
log="$(cpack -G DEB "$@" | tee /dev/stderr)"
sed -n 's/^CPack: - package: \(.*\.deb\) generated\.$/\1/p' <<<"$log"
