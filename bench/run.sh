#!/usr/bin/env bash
# Benchmarks: prints figures and ratios against the Python peer measured in the same run.
#   bench/run.sh [ingest|throughput|accuracy|latency|responsiveness|evaluate|all|serve|continuous|time99|steps]
# `time99` (not part of `all`): the time-to-99% recipe, best of MLWB_BENCH_REPEATS runs (default 3) each side.
# `steps` (not part of `all`): where a training step's time goes (mlwb_bench_step), before and after.
# Needs a Release build (scripts/build.sh) and Debian's python3-torch (/usr/bin/python3).
# `serve` (not part of `all`) also needs wrk, python3-fastapi and python3-uvicorn: bench/serve.md.
# `continuous` (not part of `all`): the continuous-training loop end to end on typed digits: bench/continuous.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MLWB_BUILD_DIR:-$root/build}"
mlwb="$build/app/mlwb"
py=/usr/bin/python3
data="${MLWB_DATA_DIR:-$HOME/.cache/mlwb/data}"
what="${1:-all}"
threads="${MLWB_BENCH_THREADS:-2}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export MLWB_WORKSPACE="$work/workspace" MLWB_LOG_LEVEL=warn

"$root/scripts/fetch-data.sh" "$data/mnist" >/dev/null
spec_of() { "$py" -c "import json,sys; print(json.dumps(json.load(open(sys.argv[1]))))" "$root/core/models/builtin/$1.json" > "$work/$1.json"; echo "$work/$1.json"; }
field() { "$py" -c "import json,sys; d=json.load(sys.stdin); print(eval('d'+sys.argv[1]))" "$1"; }
ratio() { "$py" -c "import sys; print(f'{float(sys.argv[1])/float(sys.argv[2]):.2f}')" "$1" "$2"; }

"$mlwb" data ingest "$data/mnist" --name mnist --json > "$work/ingest.json"

if [[ $what == ingest || $what == all ]]; then
  idx_s=$(field "['seconds']" < "$work/ingest.json")
  peer_idx=$("$py" -c "
import sys,time; sys.path.insert(0,'$root/bench/peer'); from mnist_peer import read_idx, find
t=time.perf_counter(); [read_idx(find('$data/mnist', s)) for s in ('train-images-idx3-ubyte','train-labels-idx1-ubyte','t10k-images-idx3-ubyte','t10k-labels-idx1-ubyte')]; print(time.perf_counter()-t)")
  echo "ingest IDX (70,000 images): mlwb ${idx_s}s (parse + hash + store), Python/numpy parse only ${peer_idx}s"
  if [ ! -f "$data/mnist-png/test/groundtruth.csv" ]; then
    echo "writing 70,000 PNGs to $data/mnist-png (once)..." >&2
    "$py" "$root/bench/make_png_folder.py" "$data/mnist" "$data/mnist-png"
  fi
  sync; 
  png_s=$("$mlwb" data ingest "$data/mnist-png" --name mnist-png --format png-csv --json | field "['seconds']")
  peer_png=$("$py" "$root/bench/peer/png_ingest_peer.py" "$data/mnist-png" | field "['seconds']")
  echo "ingest 70,000 PNGs + CSV: mlwb ${png_s}s, Python/PIL loop ${peer_png}s  → mlwb is $(ratio "$peer_png" "$png_s")× faster"
fi

if [[ $what == throughput || $what == all ]]; then
  # (Not $work/cnn.json: spec_of writes the cnn spec there.)
  "$mlwb" train --data mnist --model cnn --epochs 1 --batch-size 128 --threads "$threads" --json > "$work/cnn-fp32.json"
  ours=$(field "['epochs'][0]['imagesPerSecond']" < "$work/cnn-fp32.json")
  peer=$("$py" "$root/bench/peer/mnist_peer.py" --data "$data/mnist" --spec "$(spec_of cnn)" --epochs 1 --batch-size 128 --threads "$threads" | field "['epochs'][0]['images_per_second']")
  echo "cnn training throughput, batch 128, $threads threads: mlwb ${ours} img/s, Python ${peer%.*} img/s → ratio $(ratio "$ours" "$peer")"
  tuned=$("$py" "$root/bench/peer/mnist_peer.py" --data "$data/mnist" --spec "$(spec_of cnn)" --epochs 1 --batch-size 128 --threads "$threads" --channels-last | field "['epochs'][0]['images_per_second']")
  echo "  (Python with channels-last, the layout mlwb trains in: ${tuned%.*} img/s → ratio $(ratio "$ours" "$tuned"))"
  # Mixed precision (bf16 autocast): both sides at their best, and test accuracy after the epoch against fp32's.
  "$mlwb" train --data mnist --model cnn --epochs 1 --batch-size 128 --threads "$threads" --precision bf16 --json > "$work/cnn-bf16.json"
  ours_bf16=$(field "['epochs'][0]['imagesPerSecond']" < "$work/cnn-bf16.json")
  "$py" "$root/bench/peer/mnist_peer.py" --data "$data/mnist" --spec "$(spec_of cnn)" --epochs 1 --batch-size 128 --threads "$threads" --channels-last --bf16 > "$work/peer-bf16.json"
  peer_bf16=$(field "['epochs'][0]['images_per_second']" < "$work/peer-bf16.json")
  echo "cnn training throughput in bf16, batch 128, $threads threads: mlwb ${ours_bf16} img/s (fp32 ${ours}: $(ratio "$ours_bf16" "$ours")×), Python channels-last + bf16 ${peer_bf16%.*} img/s → ratio $(ratio "$ours_bf16" "$peer_bf16"); against Python fp32 as configured by default: $(ratio "$ours_bf16" "$peer")"
  echo "  test accuracy after one epoch: mlwb fp32 $(field "['accuracy']" < "$work/cnn-fp32.json"), bf16 $(field "['accuracy']" < "$work/cnn-bf16.json"); Python bf16 $(field "['epochs'][0]['test_accuracy']" < "$work/peer-bf16.json")"
  cp "$work/cnn-fp32.json" "$work/last-model.json"
fi

if [[ $what == accuracy || $what == time99 || $what == all ]]; then
  # The recipe for >= 99.0% test accuracy in the least wall time: "fast-99" in
  # core/training/TrainRecipes.cpp (see README: "Benchmarks"). Wall time from `mlwb train` to its
  # exit (model registered with its test accuracy and F1); the peer's from process start too
  # (interpreter and torch import included) and as it measures itself (load, train, test pass).
  recipe=(--recipe fast-99) # lite, 1 epoch, batch 128, one-cycle to 0.02, precision auto
  peer_recipe=(--spec "$(spec_of lite)" --epochs 1 --batch-size 128 --lr 0.02 --schedule onecycle --channels-last --bf16)
  repeats=1
  [[ $what != time99 ]] || repeats="${MLWB_BENCH_REPEATS:-3}"
  now() { date +%s.%N; }
  since() { "$py" -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$(now)"; }
  best() { tr ' ' '\n' | sort -g | head -n1; }
  ours_walls="" ours_accs="" peer_walls="" peer_inner="" peer_accs=""
  for _ in $(seq 1 "$repeats"); do
    start=$(now)
    "$mlwb" train --data mnist "${recipe[@]}" --threads "$threads" --json > "$work/best.json"
    ours_walls+=" $(since "$start")"
    ours_accs+=" $(field "['accuracy']" < "$work/best.json")/$(field "['macroF1']" < "$work/best.json" | cut -c1-6)"
    start=$(now)
    "$py" "$root/bench/peer/mnist_peer.py" --data "$data/mnist" "${peer_recipe[@]}" --threads "$threads" > "$work/peer-best.json"
    peer_walls+=" $(since "$start")"
    peer_inner+=" $(field "['wall_seconds']" < "$work/peer-best.json" | cut -c1-5)"
    peer_accs+=" $(field "['epochs'][-1]['test_accuracy']" < "$work/peer-best.json")"
  done
  ours_train=$(field "['epochs'][-1]['seconds']+sum(e['seconds'] for e in d['epochs'][:-1])" < "$work/best.json")
  echo "time to >= 99% test accuracy (recipe fast-99: ${recipe[*]}), $repeats run(s) each, load average $(cut -d' ' -f1 /proc/loadavg):"
  echo "  mlwb: best $(echo $ours_walls | best)s wall (runs:${ours_walls}; last run trained ${ours_train}s) → test accuracy/macro-F1${ours_accs}"
  echo "  Python peer (channels-last + bf16 autocast): best $(echo $peer_walls | best)s wall from process start (runs:${peer_walls}; as it measures itself:${peer_inner}) → test accuracy${peer_accs}"
  cp "$work/best.json" "$work/last-model.json"
fi

if [[ $what == steps ]]; then
  # One training step's time, where it goes: data, forward (+ loss), backward, optimizer; with
  # replicas also the wait for the slower one and the combination. "Before" is how each network
  # trained before ghost batch norm and bf16 (lite: one network on $threads intra-op threads;
  # cnn: replicas in fp32); "after" is the fast-99 recipe's way (replicas, bf16).
  step=("$build/bench/mlwb_bench_step")
  steps="${MLWB_BENCH_STEPS:-150}"
  echo "training step, batch 128, $threads threads (load average $(cut -d' ' -f1 /proc/loadavg)):"
  for run in "lite $threads 128 $steps 0 fp32" "lite $threads 128 $steps 0 bf16" "lite $threads 128 $steps 1 fp32" "lite $threads 128 $steps 1 bf16" \
             "lite 1 64 $steps 0 bf16" "cnn $threads 128 $steps 1 fp32" "cnn $threads 128 $steps 1 bf16"; do
    # shellcheck disable=SC2086
    echo "  $("${step[@]}" $run)"
  done
fi

if [[ $what == latency || $what == all ]]; then
  [ -f "$work/last-model.json" ] || "$mlwb" train --data mnist --model cnn --epochs 1 --threads "$threads" --json > "$work/last-model.json"
  model=$(field "['model']" < "$work/last-model.json")
  ours=$("$build/bench/mlwb_bench_predict" "$MLWB_WORKSPACE" "$model" mnist 2000)
  "$mlwb" export --model "$model" "$work/model.pt" >/dev/null
  peer=$("$py" "$root/bench/peer/predict_latency_peer.py" "$work/model.pt" 2000)
  echo "single-image prediction (1 thread): mlwb $ours; Python TorchScript $peer"
  ms3() { "$py" -c "import json,sys; d=json.load(sys.stdin); print(f'{eval(\"d\"+sys.argv[1]):.3f}')" "$1"; }
  echo "  one image through the classifier, p50 / p99 ms: mlwb fp32 $(echo "$ours" | ms3 "['single_image']['fp32']['p50_ms']") / $(echo "$ours" | ms3 "['single_image']['fp32']['p99_ms']"), bf16 $(echo "$ours" | ms3 "['single_image']['bf16']['p50_ms']") / $(echo "$ours" | ms3 "['single_image']['bf16']['p99_ms']"); Python fp32 $(echo "$peer" | ms3 "['p50_ms']") / $(echo "$peer" | ms3 "['p99_ms']"), bf16 $(echo "$peer" | ms3 "['bf16']['p50_ms']") / $(echo "$peer" | ms3 "['bf16']['p99_ms']")"
fi

if [[ $what == responsiveness || $what == all ]]; then
  # The window, its Train page and a cnn run started from it; a real X server (Xvfb) where
  # there is one, as it draws like a desktop's, else the offscreen platform.
  ui=("$build/bench/mlwb_bench_ui" "$MLWB_WORKSPACE" --seconds "${MLWB_BENCH_UI_SECONDS:-20}" --threads "$threads")
  if command -v xvfb-run >/dev/null; then
    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24" "${ui[@]}" > "$work/ui.json"
  else
    QT_QPA_PLATFORM=offscreen "${ui[@]}" > "$work/ui.json"
  fi
  "$py" - "$work/ui.json" "$threads" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
delay, replot, update = d["event_loop_delay_ms"], d["replot_ms"], d["plot_update_ms"]
print(f"UI responsiveness while cnn trains on {sys.argv[2]} threads ({d['platform']}, {d['images_per_second']:.0f} img/s, "
      f"load {d['load_average_1m']}): event-loop delay p50 {delay['p50']:.1f} ms, p99 {delay['p99']:.1f} ms (target < 50); "
      f"plot replot p50 {replot['p50']:.1f} ms, p99 {replot['p99']:.1f} ms (on a core p99 {d['replot_cpu_ms']['p99']:.1f} ms), "
      f"poll + replots p99 {update['p99']:.1f} ms (target < 10); {d['plot_updates_per_second']:.1f} refreshes/s")
PY
fi

if [[ $what == evaluate || $what == all ]]; then
  # The Evaluate page on MNIST's 10,000 test images: open a stored evaluation, show a cell's
  # and a row's images, scroll a gallery of every test image. No Python peer: no Python tool
  # has such a page; the figures are absolute.
  "$mlwb" train --data mnist --model mlp --epochs 1 --threads "$threads" --json > "$work/eval-model.json"
  QT_QPA_PLATFORM=offscreen "$build/bench/mlwb_bench_evaluate" "$MLWB_WORKSPACE" > "$work/evaluate.json"
  "$py" - "$work/evaluate.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(f"Evaluate page, {d['testImages']:,} test images ({d['platform']}): open the stored evaluation {d['openMs']:.0f} ms; "
      f"a cell's {d['cellImages']} images {d['cellMs']:.1f} ms, a row's {d['rowImages']:,} {d['rowMs']:.1f} ms; "
      f"a gallery of all {d['testImages']:,} scrolled top to bottom in {d['scrollRepaints']} pages: {d['scrollPassMs']:.0f} ms, "
      f"{d['msPerRepaint']:.1f} ms per page")
PY
fi

if [[ $what == serve ]]; then
  # The HTTP API under load on loopback: wrk posting one 28×28 JSON image, 32 connections,
  # against `mlwb serve` and against the FastAPI peer on the same exported model.
  command -v wrk >/dev/null || { echo "serve: needs wrk (see bench/serve.md)" >&2; exit 1; }
  "$py" -c "import fastapi, uvicorn" 2>/dev/null || { echo "serve: needs python3-fastapi and python3-uvicorn (see bench/serve.md)" >&2; exit 1; }
  seconds="${MLWB_BENCH_SERVE_SECONDS:-20}"
  [ -f "$work/last-model.json" ] || "$mlwb" train --data mnist --model cnn --epochs 1 --threads "$threads" --json > "$work/last-model.json"
  model=$(field "['model']" < "$work/last-model.json")
  "$mlwb" promote "$model" --min-f1 0 --no-beat-production --json > /dev/null
  "$mlwb" export --model "$model" "$work/model.pt" > /dev/null
  # MNIST's first test image (a 7), as a Python client would send it.
  "$py" -c "
import json, sys; sys.path.insert(0, '$root/bench/peer'); from mnist_peer import read_idx, find
x = read_idx(find('$data/mnist', 't10k-images-idx3-ubyte'))[0].reshape(-1)
print(json.dumps({'pixels': [int(v) / 255 for v in x]}), end='')" > "$work/serve-body.json"
  export MLWB_SERVE_BODY="$work/serve-body.json"
  free_port() { "$py" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"; }
  rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
  wait_health() { for _ in $(seq 1 300); do curl -sf "$1/v1/health" > /dev/null 2>&1 && return 0; sleep 0.2; done; echo "serve: $1 did not come up" >&2; return 1; }
  load() { # load URL NAME SECONDS: wrk's report in $work/wrk-NAME.txt, the machine's CPU in $work/cpu-NAME.txt
    head -n1 /proc/stat > "$work/cpu-$2.txt"
    timeout $(( $3 + 30 )) wrk -t2 -c32 -d"$3"s --latency -s "$root/bench/serve.lua" "$1" > "$work/wrk-$2.txt"
    head -n1 /proc/stat >> "$work/cpu-$2.txt"
  }
  # How the two cores were spent during a load: on these shared virtual machines the share the
  # hypervisor took (steal) decides the figures more than anything else.
  cpu_split() {
    awk 'NR == 1 {for (i = 2; i <= 9; i++) a[i] = $i} NR == 2 {for (i = 2; i <= 9; i++) {d[i] = $i - a[i]; t += d[i]}}
         END {printf "%.0f%% idle, %.0f%% stolen by the hypervisor", 100 * d[5] / t, 100 * d[9] / t}' "$1"
  }
  figures() { # requests/s, p50 ms, p99 ms, requests, errors of one wrk report
    "$py" - "$1" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(label):
    m = re.search(r"^\s*" + label + r"\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
total = int(re.search(r"(\d+) requests in", text).group(1))
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
errors = (int(bad.group(1)) if bad else 0) + (sum(int(g) for g in sock.groups()) if sock else 0)
print(f"{rate:.0f} {ms('50%'):.2f} {ms('99%'):.2f} {total} {errors}")
PY
  }

  # mlwb: its URL from the first line it prints.
  "$mlwb" serve --port 0 --json > "$work/serve.out" 2> "$work/serve.err" &
  pid=$!
  for _ in $(seq 1 300); do [ -s "$work/serve.out" ] && break; sleep 0.2; done
  url=$(head -n1 "$work/serve.out" | field "['url']")
  wait_health "$url"
  timeout 30 wrk -t2 -c32 -d2s -s "$root/bench/serve.lua" "$url" > /dev/null # warm-up
  rss_before=$(rss_kb "$pid")
  load "$url" mlwb "$seconds"
  read -r ours_rate ours_p50 ours_p99 ours_total ours_errors <<< "$(figures "$work/wrk-mlwb.txt")"
  served=$ours_total
  while (( served < 100000 )); do # the RSS figure is after at least 100,000 requests
    load "$url" mlwb-more 5
    served=$(( served + $(figures "$work/wrk-mlwb-more.txt" | cut -d' ' -f4) ))
  done
  rss_after=$(rss_kb "$pid")
  kill -TERM "$pid"
  wait "$pid" || { echo "serve: mlwb serve did not stop cleanly" >&2; cat "$work/serve.err" >&2; }

  # The peer: one uvicorn worker (the straightforward service), then two (one per core).
  peer_url() { echo "http://127.0.0.1:$1"; }
  for workers in 1 2; do
    port=$(free_port)
    "$py" "$root/bench/peer/serve_peer.py" "$work/model.pt" --port "$port" --db "$work/peer-$workers.sqlite" \
      --model-id "$model" --workers "$workers" > "$work/peer.out" 2>&1 &
    peer=$!
    wait_health "$(peer_url "$port")"
    timeout 30 wrk -t2 -c32 -d2s -s "$root/bench/serve.lua" "$(peer_url "$port")" > /dev/null
    load "$(peer_url "$port")" "peer-$workers" "$seconds"
    kill -TERM "$peer"; wait "$peer" 2>/dev/null || true
  done
  read -r peer_rate peer_p50 peer_p99 peer_total peer_errors <<< "$(figures "$work/wrk-peer-1.txt")"
  read -r peer2_rate peer2_p50 peer2_p99 peer2_total peer2_errors <<< "$(figures "$work/wrk-peer-2.txt")"
  echo "HTTP predict, one 28×28 JSON image per request, wrk -t2 -c32 ${seconds}s on loopback ($(nproc) cores):"
  echo "  mlwb serve: ${ours_rate} req/s, p50 ${ours_p50} ms, p99 ${ours_p99} ms, ${ours_errors} errors of ${ours_total} ($(cpu_split "$work/cpu-mlwb.txt"))"
  echo "  FastAPI + uvicorn + TorchScript + SQLite, 1 worker: ${peer_rate} req/s, p50 ${peer_p50} ms, p99 ${peer_p99} ms, ${peer_errors} errors → mlwb $(ratio "$ours_rate" "$peer_rate")× the requests/s ($(cpu_split "$work/cpu-peer-1.txt"))"
  echo "  the same with 2 workers: ${peer2_rate} req/s, p50 ${peer2_p50} ms, p99 ${peer2_p99} ms, ${peer2_errors} errors → mlwb $(ratio "$ours_rate" "$peer2_rate")× ($(cpu_split "$work/cpu-peer-2.txt"))"
  echo "  mlwb serve RSS: $(( rss_before / 1024 )) MiB before, $(( rss_after / 1024 )) MiB after ${served} requests"
fi

if [[ $what == continuous ]]; then
  # The continuous-training loop through the CLI on digits that are not MNIST's: production
  # answers typed digits over HTTP, every answer is labeled, retrain (fine-tuned and from
  # scratch), and all three models on a typed held-out set, the production test split and
  # MNIST's test split: bench/continuous.md. MLWB_BENCH_KEEP=DIR keeps the files.
  out="$work/continuous"; mkdir -p "$out"
  client=("$py" "$root/bench/continuous_client.py")
  fonts="${MLWB_BENCH_TYPED_FONTS-heldout}" other="${MLWB_BENCH_TYPED_OTHER-train}" # typed-digits.py --fonts groups
  feed="${MLWB_BENCH_TYPED_FEED:-1000}" heldout="${MLWB_BENCH_TYPED_HELDOUT:-1000}"
  timed() { # timed NAME COMMAND...: runs it, adds "NAME seconds" to times.tsv
    local name=$1 start; shift; start=$(date +%s.%N)
    "$@"
    "$py" -c "import sys, time; print(f'{sys.argv[1]}\t{time.time() - float(sys.argv[2]):.1f}')" "$name" "$start" >> "$out/times.tsv"
  }
  typed() { "$py" "$root/scripts/typed-digits.py" "$out/$1" --count "$2" --seed "$3" --fonts "$4" --flat 2> "$out/$1.log" || { cat "$out/$1.log" >&2; return 1; }; }
  "$py" -c "import json, sys; a = sys.argv[1:]; print(json.dumps({'fonts': a[0], 'otherFonts': a[1], 'feed': int(a[2]), 'feedSeed': 1, 'heldout': int(a[3]), 'heldoutSeed': 2}))" \
    "$fonts" "$other" "$feed" "$heldout" > "$out/settings.json"
  typed feed "$feed" 1 "$fonts"
  typed heldout "$heldout" 2 "$fonts"
  [[ -z $other ]] || typed other "$heldout" 2 "$other"
  heldout_of() { # heldout_of ROW [--model ID]: the typed held-out sets through that model
    "${client[@]}" post "$mlwb" "$out/heldout" "$out/heldout-$1.json" "${@:2}" > /dev/null
    [[ -z $other ]] || "${client[@]}" post "$mlwb" "$out/other" "$out/other-$1.json" "${@:2}" > /dev/null
  }

  # 1. Production: the 99% recipe on MNIST, promoted.
  timed "train production" "$mlwb" train --data mnist --model lite --epochs 2 --batch-size 128 --lr 0.01 --schedule onecycle \
    --threads "$threads" --json > "$out/production.json"
  "$mlwb" promote "$(field "['model']" < "$out/production.json")" --min-f1 0 --json > /dev/null
  # 2. The feed through the HTTP API (every answer is a production sample), then the held-out sets.
  timed "POST feed" "${client[@]}" post "$mlwb" "$out/feed" "$out/feed.json" > /dev/null
  timed "POST held-out (production)" heldout_of production
  # 3. Every fed sample labeled with its true digit, as a person on the Label page would.
  timed "label feed" "${client[@]}" label "$mlwb" "$out/feed.json" --by e2e > /dev/null
  # 4. Retrain both ways from the same labels; production stays production.
  timed "retrain --fine-tune" "$mlwb" retrain --fine-tune --threads "$threads" --json > "$out/retrain-fine-tuned.json"
  timed "retrain from scratch" "$mlwb" retrain --threads "$threads" --json > "$out/retrain-scratch.json"
  timed "POST held-out (fine-tuned)" heldout_of fine-tuned --model "$(field "['model']" < "$out/retrain-fine-tuned.json")"
  timed "POST held-out (scratch)" heldout_of scratch --model "$(field "['model']" < "$out/retrain-scratch.json")"
  "$py" -c "import json, sys; print(json.dumps({'labeled': int(sys.argv[1]), 'samples': int(sys.argv[2])}))" \
    "$("$mlwb" samples list --labeled --limit 1 --json | field "['total']")" \
    "$("$mlwb" samples list --limit 1 --json | field "['total']")" > "$out/counts.json"
  "${client[@]}" report "$out"
  [[ -z ${MLWB_BENCH_KEEP:-} ]] || cp -r "$out" "$MLWB_BENCH_KEEP" # the answers and JSON, for a closer look
fi
