#!/usr/bin/env bash
# Builds the unit and GUI tests with AddressSanitizer + UndefinedBehaviorSanitizer
# (-DMLWB_SANITIZE=ON) into their own build dir and runs them. Extra arguments go to ctest,
# e.g. `scripts/sanitize.sh -R test_idx_reader`. A full build takes long (the torch
# translation units): this is a script to run before a release, not part of CI.
#
# libtorch, Qt and the other prebuilt libraries are not instrumented. ASan tolerates that: the
# executables link the ASan runtime themselves, so it comes first, and the uninstrumented code
# simply goes unchecked. Leaks found inside those libraries (never in ours) are suppressed in
# scripts/sanitize.supp.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MLWB_ASAN_BUILD_DIR:-$root/build-asan}"
jobs="${MLWB_BUILD_JOBS:-2}"

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMLWB_SANITIZE=ON \
      "${launcher[@]}" >/dev/null

# Only the test executables of the two labels: the app, the benchmarks and the CLI tests
# (which drive the app binary) would double the build for little.
labels='^(unit|gui)$'
mapfile -t targets < <(ctest --test-dir "$build" -N -L "$labels" | awk '/Test +#/ {print $3}')
cmake --build "$build" -j "$jobs" --target "${targets[@]}"

# halt_on_error: the first report fails the test, with a stack trace, instead of scrolling by.
# detect_leaks: LeakSanitizer at exit, minus third-party leaks in sanitize.supp.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_string_checks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$root/scripts/sanitize.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
cd "$build"
ctest -L "$labels" --output-on-failure --timeout 1800 -j "${MLWB_TEST_JOBS:-2}" "$@"
