#!/usr/bin/python3
"""The client side of `bench/run.sh continuous` (standard library only; see bench/continuous.md).

    continuous_client.py post MLWB DIR OUT.json [--model ID]
        starts `MLWB serve --port 0` (the production model, or --model ID), POSTs every PNG of
        DIR/truth.csv (as scripts/typed-digits.py --flat writes it) to /v1/predict as image/png,
        stops the server with SIGTERM (it must exit 0) and writes the figures and every answer
        with its true digit to OUT.json; prints the figures as one line of JSON.
    continuous_client.py label MLWB POSTED.json [--by NAME]
        labels every answered sample with its true digit, one `MLWB samples label ID CLASS --by
        NAME` per sample, N at a time; prints one line of JSON: labeled, seconds.
    continuous_client.py report DIR
        prints the table of a run from the files run.sh left in DIR (see bench/run.sh).
"""

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request


def fail(message):
    sys.exit(f"continuous: {message}")


def read_truth(folder):
    with open(os.path.join(folder, "truth.csv"), newline="") as f:
        return [(row["filename"], int(row["label"])) for row in csv.DictReader(f)]


def request(url, body=None, content_type=None):
    headers = {"Content-Type": content_type} if content_type else {}
    with urllib.request.urlopen(urllib.request.Request(url, data=body, headers=headers), timeout=60) as answer:
        return json.load(answer)


def wait_healthy(url, server):
    for _ in range(600):
        if server.poll() is not None:
            fail(f"mlwb serve exited with {server.returncode} before answering")
        try:
            return request(url + "/v1/health")
        except OSError:
            time.sleep(0.1)
    fail(f"{url} did not come up")


def post(args):
    command = [args.mlwb, "serve", "--port", "0", "--json"] + (["--model", str(args.model)] if args.model else [])
    # stdout's first line names the URL; stderr (the log) goes to a file, for a failure's message.
    with tempfile.TemporaryFile("w+") as log:
        server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log, text=True)
        try:
            url = json.loads(server.stdout.readline())["url"]
            model = wait_healthy(url, server)["model"]
            answers, start = [], time.perf_counter()
            for name, truth in read_truth(args.folder):
                with open(os.path.join(args.folder, name), "rb") as f:
                    answer = request(url + "/v1/predict", f.read(), "image/png")
                answers.append({"file": name, "truth": truth, "label": answer["label"], "sample": answer["sample"]})
            seconds = time.perf_counter() - start
        finally:
            if server.poll() is None:
                server.send_signal(signal.SIGTERM)
            server.communicate(timeout=60)
        if server.returncode != 0:
            log.seek(0)
            fail(f"mlwb serve exited with {server.returncode} after SIGTERM: {log.read()[-2000:]}")
    correct = sum(a["label"] == a["truth"] for a in answers)
    figures = {"count": len(answers), "correct": correct, "accuracy": correct / len(answers),
               "seconds": round(seconds, 2), "model": model}
    with open(args.out, "w") as f:
        json.dump(dict(figures, answers=answers), f)
    print(json.dumps(figures))


def label(args):
    with open(args.posted) as f:
        answers = json.load(f)["answers"]
    # One `samples label --file` call: every label in one transaction, as a scheduler would.
    path = args.posted + ".labels.csv"
    with open(path, "w") as f:
        f.write("id,label\n")
        for answer in answers:
            f.write(f"{answer['sample']},{answer['truth']}\n")
    start = time.perf_counter()
    done = subprocess.run([args.mlwb, "samples", "label", "--file", path, "--by", args.by],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        fail(f"samples label --file exited with {done.returncode}: {done.stderr.strip()}")
    print(json.dumps({"labeled": len(answers), "seconds": round(time.perf_counter() - start, 1)}))


def faces(group):
    """A typed-digits.py --fonts value as the faces it picks."""
    return {"train": "Sans", "heldout": "Serif", "all": "Sans+Serif"}.get(group, group)


def report(args):
    def load(name):
        with open(os.path.join(args.dir, name)) as f:
            return json.load(f)

    settings = load("settings.json")
    retrained = {kind: load(f"retrain-{kind}.json") for kind in ("fine-tuned", "scratch")}

    def accuracy(retrain, split, index):
        return retrain[split]["models"][index]["accuracy"]

    # Production's figures on the test splits are in both retrain answers; both builds hold back
    # the same samples (chosen by sample id and seed), so they must agree.
    for split in ("base", "productionTest"):
        if accuracy(retrained["fine-tuned"], split, 0) != accuracy(retrained["scratch"], split, 0):
            fail(f"production's accuracy on the {split} split differs between the two retrain runs")
    rows = [("production", retrained["scratch"]["production"], load("feed.json")["accuracy"], retrained["scratch"], 0)]
    rows += [(kind, r["model"], None, r, 1) for kind, r in (("fine-tuned", retrained["fine-tuned"]),
                                                            ("from scratch", retrained["scratch"]))]
    groups = [("heldout", f"{faces(settings['fonts'])}, fed faces")] + \
             ([("other", f"{faces(settings['otherFonts'])}, other faces")] if settings["otherFonts"] else [])
    heldout = {(g, row): load(f"{g}-{row}.json")["accuracy"] for g, _ in groups for row in ("production", "fine-tuned", "scratch")}

    columns = ["feed"] + [f"held-out ({fonts})" for _, fonts in groups] + ["production test split", "MNIST test"]
    widths = [max(len(c), 7) + 2 for c in columns]
    print(f"{'model':<24}" + "".join(f"{c:>{w}}" for c, w in zip(columns, widths)))
    for (name, model, feed, retrain, index), key in zip(rows, ("production", "fine-tuned", "scratch")):
        cells = [feed] + [heldout[(g, key)] for g, _ in groups] + \
                [accuracy(retrain, "productionTest", index), accuracy(retrain, "base", index)]
        text = ["-" if v is None else f"{100 * v:.2f}%" for v in cells]
        print(f"{f'{name} (model {model})':<24}" + "".join(f"{t:>{w}}" for t, w in zip(text, widths)))

    def mcnemar(retrain, split):
        pair = retrain[split]["pairs"][0]
        return f"{pair['onlyB']} fixed, {pair['onlyA']} broken (p = {pair['pValue']:.2g})"

    for kind, r in (("fine-tuned", retrained["fine-tuned"]), ("from scratch", retrained["scratch"])):
        print(f"McNemar, {kind} vs production: MNIST test {mcnemar(r, 'base')}; "
              f"production test split {mcnemar(r, 'productionTest')}")
    build = retrained["scratch"]["build"]
    lineage = build["lineage"]
    counts = load("counts.json")
    print(f"feed: {settings['feed']} typed digits ({faces(settings['fonts'])} faces, seed {settings['feedSeed']}) POSTed to "
          f"`mlwb serve` and answered by production; all {counts['labeled']} labeled by `mlwb samples label --by e2e` "
          f"from truth.csv, standing in for a person on the Label page")
    print(f"build: {lineage['trainSamples']} labeled samples trained on (each x{lineage['weight']}, next to "
          f"{build['base']['name']}'s {build['base']['trainCount']:,} training images), {lineage['testSamples']} held back "
          f"as the production test split; both retrains use the same build")
    print(f"typed held-out: {settings['heldout']} other digits per face group (seed {settings['heldoutSeed']}), never "
          f"labeled; {counts['samples']:,} production samples stored in all")
    with open(os.path.join(args.dir, "times.tsv")) as f:
        times = [line.split("\t") for line in f.read().splitlines()]
    print("wall times: " + ", ".join(f"{name} {float(seconds):.1f}s" for name, seconds in times))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("post")
    p.add_argument("mlwb")
    p.add_argument("folder")
    p.add_argument("out")
    p.add_argument("--model", type=int)
    p.set_defaults(run=post)
    p = commands.add_parser("label")
    p.add_argument("mlwb")
    p.add_argument("posted")
    p.add_argument("--by", default="e2e")
    p.set_defaults(run=label)
    p = commands.add_parser("report")
    p.add_argument("dir")
    p.set_defaults(run=report)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
