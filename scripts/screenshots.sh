#!/usr/bin/env bash
# Screenshots of every page of the real window for the README, taken under Xvfb:
#   scripts/screenshots.sh [output folder, default docs/screenshots]
# Builds a throw-away workspace the way a user would (MNIST and Fashion-MNIST ingested, two
# models trained, the better one promoted, a paused queue with a grid of runs), starts mlwb
# on it under Xvfb, walks the pages with xdotool and grabs the window with ImageMagick. MNIST
# test digits imported as PNG files are the production samples of the Label page; for the
# Monitor page, 880 more test digits and then 500 noisy ones are sent to the API as JSON pixels.
# Needs a built mlwb (scripts/build.sh), xvfb-run, xdotool, imagemagick and python3.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mlwb="${MLWB_BUILD_DIR:-$root/build}/app/mlwb"
out="$(realpath -m "${1:-$root/docs/screenshots}")"
data="${MLWB_DATA_DIR:-$HOME/.cache/mlwb/data}"
for tool in xvfb-run xdotool import convert python3; do
  command -v "$tool" >/dev/null || { echo "screenshots.sh: $tool is missing (apt-get install xvfb xdotool imagemagick)" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export MLWB_WORKSPACE="$work/workspace" MLWB_LOG_LEVEL=warn
export XDG_CONFIG_HOME="$work/config" # the window's first start: default layout, English

"$root/scripts/fetch-data.sh" "$data/mnist" >/dev/null
"$mlwb" data ingest "$data/mnist" --name mnist >/dev/null
"$mlwb" data ingest /usr/share/datasets/fashion-mnist --name fashion-mnist --classes fashion >/dev/null
"$mlwb" train --data mnist --model mlp --epochs 1 >/dev/null
"$mlwb" train --data mnist --model lite --epochs 1 --lr 0.01 --schedule onecycle >/dev/null
"$mlwb" promote best >/dev/null
"$mlwb" eval 2 >/dev/null # the corruption curves of the Robustness tab
# Production samples to label: 120 MNIST test digits as PNG files (every other one enlarged
# and dark on light, as a camera sees paper), answered by the production model.
mkdir -p "$work/digits"
# (head first: tail | head would die of SIGPIPE under pipefail)
head -c $((16 + 784 * 120)) "$data/mnist/t10k-images-idx3-ubyte" | tail -c +17 >"$work/digits.gray"
convert -size 28x$((28 * 120)) -depth 8 gray:"$work/digits.gray" -crop 28x28 +repage "$work/digits/digit-%03d.png"
for png in "$work"/digits/digit-*[02468].png; do convert "$png" -negate -filter point -resize 400% "$png"; done
"$mlwb" samples import "$work/digits" >/dev/null
"$mlwb" queue pause >/dev/null # shown, not run
"$mlwb" queue add --data mnist,fashion-mnist --model cnn,lite --lr 0.001,0.003 --epochs 2 >/dev/null
"$mlwb" queue add --data fashion-mnist --model lite --epochs 3 --priority 2 >/dev/null
"$mlwb" queue hold 3 >/dev/null
mkdir -p "$out"
# The Monitor page's production: digits of a seeded shuffle of the MNIST test set (its two
# halves were written by different people) posted to the API as JSON pixels, the model input
# itself; with Gaussian noise of sigma added for drift.
cat >"$work/feed.py" <<'EOF'
import json, random, sys, urllib.request
images, port, first, count, sigma = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
raw = open(images, "rb").read()[16:]
order = list(range(len(raw) // 784))
random.Random(1).shuffle(order)
noise = random.Random(first)
for start in range(first, first + count, 50):
    batch = []
    for k in order[start:min(start + 50, first + count)]:
        pixels = [p / 255 + (noise.gauss(0, sigma) if sigma > 0 else 0) for p in raw[k * 784:(k + 1) * 784]]
        batch.append({"pixels": [round(min(1.0, max(0.0, v)), 4) for v in pixels]})
    request = urllib.request.Request("http://127.0.0.1:%d/v1/predict" % port, json.dumps({"images": batch}).encode(),
                                     {"Content-Type": "application/json"})
    urllib.request.urlopen(request).read()
EOF

export mlwb out work data
unset MLWB_LOG_LEVEL # the window's log panel as a user sees it
xvfb-run -a -s "-screen 0 1400x900x24" bash -euo pipefail -c '
  "$mlwb" & app=$!
  window=$(xdotool search --sync --onlyvisible --class mlwb | head -1)
  xdotool windowmove "$window" 0 0 windowsize "$window" 1280 800 windowfocus "$window"
  sleep 3
  shot() { sleep "$2"; import -window "$window" "$out/$1.png"; echo "$out/$1.png"; }
  page=1
  for name in data train evaluate models sensor label monitor; do
    xdotool key --window "$window" "ctrl+$page"
    shot "$name" 2
    if [ "$name" = data ]; then
      xdotool key --window "$window" alt+a # the Augmentation tab
      shot data-augmentation 2
      xdotool key --window "$window" alt+s # back to Samples
    fi
    if [ "$name" = train ]; then
      xdotool key --window "$window" alt+q # the Queue tab
      shot train-queue 1
    fi
    if [ "$name" = evaluate ]; then
      sleep 2 # the stored evaluation opens off the UI thread
      xdotool mousemove --window "$window" 295 487 click 1 # the cell true 7, predicted 2
      shot evaluate-cell 1
      for tab in failures:325 label-errors:408 robustness:502; do # tab name:x position
        xdotool mousemove --window "$window" "${tab#*:}" 89 click 1
        shot "evaluate-${tab%%:*}" 1
      done
    fi
    if [ "$name" = sensor ]; then
      # a 7 in two strokes, through the cheap-webcam preset, captured and labelled
      stroke() { xdotool mousemove --window "$window" "$1" "$2" mousedown 1; shift 2
                 while [ $# -ge 2 ]; do xdotool mousemove --window "$window" "$1" "$2"; sleep 0.02; shift 2; done
                 xdotool mouseup 1; }
      stroke 213 121 253 119 303 118 353 118 398 121 378 170 350 230 322 290 300 330
      stroke 250 225 300 222 350 222
      xdotool mousemove --window "$window" 606 87 click 1; sleep 0.5; xdotool key Down Return
      sleep 1
      xdotool mousemove --window "$window" 1228 39 click 1 # Capture
      sleep 1
      xdotool key --window "$window" 7
      shot sensor 2 # again, now with the drawing
    fi
    if [ "$name" = label ]; then
      xdotool key --window "$window" space space # the two most uncertain digits get their guess
      shot label 1 # again, with the session counted
      xdotool key --window "$window" g shift+Right shift+Right # the grid, three thumbnails selected
      shot label-grid 1
      xdotool key --window "$window" g
      # production goes on: 880 test digits, then 500 noisy ones, through the API
      "$mlwb" serve --port 8799 >/dev/null 2>&1 & server=$!
      sleep 3
      python3 "$work/feed.py" "$data/mnist/t10k-images-idx3-ubyte" 8799 0 880 0
      python3 "$work/feed.py" "$data/mnist/t10k-images-idx3-ubyte" 8799 880 500 0.3
      kill "$server"; wait "$server" || true
    fi
    if [ "$name" = monitor ]; then
      xdotool key --window "$window" alt+w ctrl+a # windows of 250 samples
      xdotool type --window "$window" 250
      xdotool key --window "$window" Return
      shot monitor 4 # again, with the new samples in windows of 250
      xdotool mousemove --window "$window" 240 428 click 1 # the newest alert
      xdotool key --window "$window" Return
      shot monitor-label 3 # its window in the Label queue, most drifting first
    fi
    if [ "$name" = models ]; then
      xdotool mousemove --window "$window" 300 108 click 1
      xdotool keydown ctrl mousemove --window "$window" 300 138 click 1 keyup ctrl
      xdotool key --window "$window" ctrl+k # compare the two
      shot models-compare 6
    fi
    page=$((page + 1))
  done
  kill "$app"; wait "$app" || true
'
