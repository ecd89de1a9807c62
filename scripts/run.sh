#!/usr/bin/env bash
# The one command that sets everything up on a fresh Debian 12 machine and starts mlwb:
# installs packages, builds, fetches and verifies MNIST and Fashion-MNIST, ingests them into
# the default workspace (nothing new is stored when they are already there), opens the window.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ "${MLWB_SKIP_DEPS:-0}" = 1 ] || "$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
mlwb="${MLWB_BUILD_DIR:-$root/build}/app/mlwb"
data="${MLWB_DATA_DIR:-$HOME/.cache/mlwb/data}"
"$root/scripts/fetch-data.sh" "$data/mnist"
"$mlwb" data ingest "$data/mnist" --name mnist
"$mlwb" data ingest /usr/share/datasets/fashion-mnist --name fashion-mnist --classes fashion
exec "$mlwb" "$@"
