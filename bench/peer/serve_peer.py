#!/usr/bin/python3
"""Python peer of `mlwb serve`: the same exported model (`mlwb export`, TorchScript) behind
FastAPI + uvicorn with the same JSON contract for single images:

  POST /v1/predict  {"pixels": [784 numbers in 0..1]}
                    → {"class", "label", "probabilities", "model", "sample"}
  GET  /v1/health   {"status": "ok", "model": id, "answered": n}

Each answer is stored first, as a straightforward service would: one INSERT and commit per
request into SQLite (WAL, synchronous=NORMAL: the settings mlwb's own database uses).
The pixels become the model input as mlwb makes it: round(v·255)/255.

  serve_peer.py MODEL.pt --port N [--db FILE] [--model-id ID] [--workers N]
Debian: python3-fastapi python3-uvicorn python3-torch (python3-uvloop python3-httptools make
uvicorn use its fast loop and parser).
"""
import argparse
import json
import os
import sqlite3
import time

import torch
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

args = None
model = None
classes = []
geometry = (1, 28, 28)
db = None
answered = 0
app = FastAPI()


def load():
    global model, classes, geometry, db
    torch.set_num_threads(1)
    extra = {"model.json": ""}
    model = torch.jit.load(args.model, _extra_files=extra)
    model.eval()
    info = json.loads(extra["model.json"]) if extra["model.json"] else {}
    classes = info.get("classNames", [str(i) for i in range(10)])
    geometry = (info.get("channels", 1), info.get("height", 28), info.get("width", 28))
    db = sqlite3.connect(args.db, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA busy_timeout=5000")
    db.execute("""CREATE TABLE IF NOT EXISTS samples (
                    id INTEGER PRIMARY KEY, created REAL NOT NULL, model_id INTEGER NOT NULL,
                    input BLOB NOT NULL, predicted INTEGER NOT NULL, probabilities TEXT NOT NULL)""")
    db.commit()
    with torch.no_grad():
        model(torch.zeros(1, *geometry))


@app.on_event("startup")
def startup():
    if model is None:
        load()


def refuse(message, status=400):
    return JSONResponse({"error": message}, status_code=status)


@app.post("/v1/predict")
async def predict(request: Request):
    global answered
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        return refuse("send application/json", 415)
    try:
        body = json.loads(await request.body())
    except ValueError as e:
        return refuse(f"the body is not valid JSON: {e}")
    pixels = body.get("pixels") if isinstance(body, dict) else None
    size = geometry[0] * geometry[1] * geometry[2]
    if not isinstance(pixels, list) or len(pixels) != size:
        return refuse(f"give {size} pixels")
    try:
        x = torch.tensor(pixels, dtype=torch.float64)
    except (TypeError, ValueError):
        return refuse("pixels must be numbers")
    if not bool(((x >= 0) & (x <= 1)).all()):
        return refuse("pixels must be in [0, 1]")
    input_u8 = (x * 255).round().to(torch.uint8)
    with torch.no_grad():
        p = model((input_u8.to(torch.float32) / 255).view(1, *geometry))[0]
    label = int(p.argmax())
    probabilities = p.tolist()
    cursor = db.execute(
        "INSERT INTO samples (created, model_id, input, predicted, probabilities) VALUES (?, ?, ?, ?, ?)",
        (time.time(), args.model_id, input_u8.numpy().tobytes(), label, json.dumps(probabilities)))
    db.commit()
    answered += 1
    return {"class": classes[label], "label": label, "probabilities": probabilities,
            "model": args.model_id, "sample": cursor.lastrowid}


@app.get("/v1/health")
async def health():
    return {"status": "ok", "model": args.model_id, "answered": answered}


def main():
    global args
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--db", default="serve_peer.sqlite")
    parser.add_argument("--model-id", type=int, default=0)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    if args.workers > 1:
        # Each worker process imports this module again: hand the arguments over.
        os.environ["SERVE_PEER_ARGS"] = json.dumps(vars(args))
        uvicorn.run("serve_peer:app", host="127.0.0.1", port=args.port, workers=args.workers,
                    log_level="warning", access_log=False)
    else:
        load()
        uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
elif "SERVE_PEER_ARGS" in os.environ:
    args = argparse.Namespace(**json.loads(os.environ["SERVE_PEER_ARGS"]))
