#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ (clang, ASan + UBSan) into build-fuzz/, replays the
# regression inputs of tests/data/fuzz/<target>/, then fuzzes each target for a while.
#   scripts/fuzz.sh                 every target, 30 s each
#   scripts/fuzz.sh 300             every target, 300 s each
#   scripts/fuzz.sh 60 idx npz      only these targets
# Fails (exit 1) on any crash, sanitizer report, leak, timeout (-timeout) or memory blow-up
# (-rss_limit_mb / -malloc_limit_mb); the input that did it is copied into
# tests/data/fuzz/<target>/, where every later run replays it (minimise it first with
# build-fuzz/fuzz_<target> -minimize_crash=1 -runs=10000 <input>, if it is large). Per target it prints
# executions per second, total executions, coverage gained, and the artefacts.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-30}"
[ $# -gt 0 ] && shift
build="${MLWB_FUZZ_BUILD_DIR:-$root/build-fuzz}"
all_targets=(idx idx_gz inflate npy zip npz png_fast png_csv class_folders cifar model_spec manifest http_request)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

cxx="${MLWB_FUZZ_CXX:-$(command -v clang++-14 || command -v clang++ || true)}"
[ -n "$cxx" ] || { echo "fuzz.sh: clang++ not found (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }
configure=()
command -v ninja >/dev/null && configure+=(-G Ninja)
command -v ccache >/dev/null && configure+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [ ! -f "$build/CMakeCache.txt" ]; then
    nice -n 10 cmake -S "$root/fuzz" -B "$build" "${configure[@]}" -DCMAKE_CXX_COMPILER="$cxx" >/dev/null
fi
nice -n 10 cmake --build "$build" -j "${MLWB_FUZZ_JOBS:-2}" --target $(printf 'fuzz_%s ' "${targets[@]}")

# Sanitizer reports are fatal and readable; leaks are checked after every input.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"

max_len_of() {
    case "$1" in
        cifar) echo 16384 ;;          # a CIFAR record alone is 3,073 bytes
        npz | png_csv | class_folders) echo 8192 ;;
        *) echo 4096 ;;
    esac
}

# An input of at most 16 KB has no business making one allocation of 512 MB (the readers
# cap inflating at what the declared shape needs), using 2.5 GB in all (ASan's own
# bookkeeping included), or running 10 s.
limits=(-timeout=10 -rss_limit_mb=2560 -malloc_limit_mb=512)

failed=0
report=()
for t in "${targets[@]}"; do
    exe="$build/fuzz_$t"
    [ -x "$exe" ] || { echo "fuzz.sh: no target $t (known: ${all_targets[*]})" >&2; exit 2; }
    regressions="$root/tests/data/fuzz/$t"
    corpus="$build/corpus/$t"     # grows from run to run; the seeds stay in fuzz/corpus/
    artifacts="$build/artifacts/$t"
    log="$build/logs/$t.log"
    mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
    rm -f "$artifacts"/*

    # 1. Every input that once failed must now pass. Those under tests/data/fuzz/open/<target>/
    #    are known bugs not fixed yet: replayed and counted, but they do not fail the run
    #    (move one up to tests/data/fuzz/<target>/ once it is fixed).
    replay="no regression inputs"
    mapfile -t inputs < <(find "$regressions" -maxdepth 1 -type f 2>/dev/null | sort)
    if [ ${#inputs[@]} -gt 0 ]; then
        if "$exe" "${limits[@]}" "${inputs[@]}" >"$build/logs/$t.replay.log" 2>&1; then
            replay="${#inputs[@]} regression inputs pass"
        else
            replay="REGRESSION FAILS (see $build/logs/$t.replay.log)"
            failed=1
        fi
    fi
    open_failing=0
    while IFS= read -r input; do
        "$exe" "${limits[@]}" "$input" >/dev/null 2>&1 || open_failing=$((open_failing + 1))
    done < <(find "$root/tests/data/fuzz/open/$t" -maxdepth 1 -type f 2>/dev/null | sort)
    [ "$open_failing" = 0 ] || replay+=", $open_failing known open bug(s) still fail"

    # 2. Fuzz.
    status=ok
    if ! "$exe" -max_total_time="$seconds" -max_len="$(max_len_of "$t")" "${limits[@]}" \
        -print_final_stats=1 -artifact_prefix="$artifacts/" \
        "$corpus" "$root/fuzz/corpus/$t" >"$log" 2>&1; then
        status=FAILED
        failed=1
    fi
    stat() { awk -v key="stat::$1:" '$1 == key { value = $2 } END { print value }' "$log"; }
    execs=$(stat number_of_executed_units)
    rate=$(stat average_exec_per_sec)
    added=$(stat new_units_added)
    rss=$(stat peak_rss_mb)
    # Coverage (edges) when the corpus was loaded and at the last status line.
    cov_start=$(awk '/INITED cov:/ { for (i = 1; i < NF; ++i) if ($i == "cov:") { print $(i + 1); exit } }' "$log")
    cov_end=$(awk '/^#[0-9]+.*cov:/ { for (i = 1; i < NF; ++i) if ($i == "cov:") value = $(i + 1) } END { print value }' "$log")
    found=""
    for a in "$artifacts"/*; do
        [ -e "$a" ] || continue
        mkdir -p "$regressions"
        cp "$a" "$regressions/$(basename "$a")"
        found+=" $(basename "$a")"
    done
    if [ "$status" != ok ]; then
        grep -m3 -E 'ERROR: |runtime error|MLWB_FUZZ_CHECK|SUMMARY' "$log" | sed "s/^/    /" || true
    fi
    report+=("$(printf '%-14s %-6s %7s exec/s %10s runs  cov %s→%s (+%s inputs)  %s MB  %s%s' "$t" "$status" \
        "${rate:-?}" "${execs:-?}" "${cov_start:-?}" "${cov_end:-?}" "${added:-?}" "${rss:-?}" "$replay" \
        "${found:+  artefacts:$found → tests/data/fuzz/$t/}")")
    echo "${report[-1]}"
done

echo
echo "fuzz.sh: ${seconds} s per target, logs in $build/logs/"
printf '%s\n' "${report[@]}"
if [ "$failed" != 0 ]; then
    echo "fuzz.sh: FAILED: a crash, leak, timeout or memory blow-up (inputs in tests/data/fuzz/<target>/)" >&2
    exit 1
fi
