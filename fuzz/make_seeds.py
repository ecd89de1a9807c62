#!/usr/bin/env python3
"""Writes the seed corpora fuzz/corpus/<target>/ : tiny valid files of every format the
readers take (and a few near misses), built from the formats' specifications with the
standard library only. Run again after changing it; scripts/fuzz.sh does not need it."""
import gzip
import json
import os
import shutil
import struct
import zlib

ROOT = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(ROOT, "corpus")
SEP = b"\n====\n"  # FuzzSupport.h: kPartSeparator


def write(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def pixel(i, y, x, c=0):
    return (i * 37 + y * 11 + x * 5 + c * 83) % 256


# --- IDX ---------------------------------------------------------------------------------
def idx_images(n, h, w):
    body = bytes(pixel(i, y, x) for i in range(n) for y in range(h) for x in range(w))
    return struct.pack(">IIII", 0x803, n, h, w) + body


def idx_labels(labels):
    return struct.pack(">II", 0x801, len(labels)) + bytes(labels)


def gz(data):
    return gzip.compress(data, mtime=0)


# --- zip / npy ---------------------------------------------------------------------------
def raw_deflate(data):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def zip_archive(entries, zip64=False):
    """entries: (name, data, deflate). As Python's zipfile writes it; zip64 puts the sizes in
    zip64 extra fields as NumPy's savez does."""
    out, central = b"", b""
    for name, data, deflate in entries:
        name = name.encode()
        stored = raw_deflate(data) if deflate else data
        method = 8 if deflate else 0
        crc = zlib.crc32(data)
        offset = len(out)
        extra = struct.pack("<HHQQ", 1, 16, len(data), len(stored)) if zip64 else b""
        sizes = struct.pack("<II", 0xFFFFFFFF, 0xFFFFFFFF) if zip64 else struct.pack("<II", len(stored), len(data))
        out += struct.pack("<IHHHHHI", 0x04034B50, 45 if zip64 else 20, 0, method, 0, 0x21, crc) + sizes
        out += struct.pack("<HH", len(name), len(extra)) + name + extra + stored
        central += struct.pack("<IHHHHHHI", 0x02014B50, 45, 45 if zip64 else 20, 0, method, 0, 0x21, crc) + sizes
        central += struct.pack("<HHHHHII", len(name), len(extra), 0, 0, 0, 0, offset) + name + extra
    central_offset = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), central_offset, 0)
    return out


def npy(descr, shape, data, version=1):
    dims = ", ".join(str(d) for d in shape)
    shape_text = "(" + dims + ("," if len(shape) == 1 else "") + ")"
    header = ("{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, shape_text)).encode("latin1")
    prefix = 10 if version == 1 else 12
    while (prefix + len(header) + 1) % 64:
        header += b" "
    header += b"\n"
    length = struct.pack("<H", len(header)) if version == 1 else struct.pack("<I", len(header))
    return b"\x93NUMPY" + bytes([version, 0]) + length + header + data


def u8_images(n, h, w, c=1):
    return bytes(pixel(i, y, x, ch) for i in range(n) for y in range(h) for x in range(w) for ch in range(c))


# --- PNG ---------------------------------------------------------------------------------
def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png(width, height, channels, filters=(0,), extra_chunks=(), seed=0):
    """Rows with the given filter types (cycled); any bytes after a filter byte are a valid
    filtered row, so every file here decodes."""
    colour = 0 if channels == 1 else 2
    rows = b""
    for y in range(height):
        rows += bytes([filters[y % len(filters)]])
        rows += bytes(pixel(seed, y, x // channels, x % channels) for x in range(width * channels))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0)
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
    for kind, body in extra_chunks:
        out += chunk(kind, body)
    return out + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def pgm(width, height):
    return b"P5\n%d %d\n255\n" % (width, height) + bytes(pixel(0, y, x) for y in range(height) for x in range(width))


def bmp(width, height):
    """24-bit, bottom-up, rows padded to 4 bytes."""
    row = (3 * width + 3) // 4 * 4
    pixels = b"".join(bytes(pixel(1, y, x // 3, x % 3) for x in range(3 * width)) + bytes(row - 3 * width)
                      for y in range(height))
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, len(pixels), 2835, 2835, 0, 0)
    return b"BM" + struct.pack("<IHHI", 14 + len(info) + len(pixels), 0, 0, 14 + len(info)) + info + pixels


def main():
    shutil.rmtree(CORPUS, ignore_errors=True)

    # IDX, raw and gzip'd, with and without the test pair.
    images, labels = idx_images(3, 4, 4), idx_labels([0, 7, 9])
    test_images, test_labels = idx_images(2, 4, 4), idx_labels([1, 2])
    write("idx", "train", images + SEP + labels)
    write("idx", "train_test", images + SEP + labels + SEP + test_images + SEP + test_labels)
    write("idx", "train_gz", gz(images) + SEP + gz(labels))
    write("idx", "mixed_gz", gz(images) + SEP + labels + SEP + test_images + SEP + gz(test_labels))
    write("idx", "truncated", images[:-3] + SEP + labels)
    # fuzz_idx_gz: mode byte (low nibble images, high nibble labels), level, images, labels.
    write("idx_gz", "both_gz", bytes([0x11, 6]) + images + SEP + labels)
    write("idx_gz", "labels_raw", bytes([0x01, 9]) + images + SEP + labels)
    write("idx_gz", "two_members", bytes([0x33, 1]) + images + SEP + labels)
    write("idx_gz", "junk_after", bytes([0x15, 6]) + images + SEP + labels)
    write("idx_gz", "bomb_shape", bytes([0x11, 9]) + struct.pack(">IIII", 0x803, 1, 4, 4) + bytes(2000) + SEP + idx_labels([0]))

    # zlib layer: byte 0 the function, byte 1 the limit (2^(b%23) - 1 + b//23).
    text = bytes(range(31))
    write("inflate", "gunzip", bytes([0, 5]) + gz(text))
    write("inflate", "gunzip_members", bytes([0, 1]) + gz(text) + gz(text))
    write("inflate", "raw_exact", bytes([1, 5]) + raw_deflate(text))
    write("inflate", "raw_prefix", bytes([2, 3]) + raw_deflate(bytes(1000)))

    # .npy
    write("npy", "u1_2x3", npy("|u1", (2, 3), bytes(range(6))))
    write("npy", "i8_3", npy("<i8", (3,), struct.pack("<qqq", 1, -2, 3)))
    write("npy", "be_i4_v2", npy(">i4", (2, 1), struct.pack(">ii", 5, -6), version=2))
    write("npy", "bool_v3", npy("|b1", (4,), bytes([0, 1, 1, 0]), version=3))
    write("npy", "scalar", npy("<u2", (), b"\x01\x00"))

    # zip container
    a, b = npy("|u1", (2, 2), bytes(4)), b"hello, zip"
    write("zip", "stored", zip_archive([("a.npy", a, False), ("b.txt", b, False)]))
    write("zip", "deflated", zip_archive([("a.npy", a, True), ("b.txt", b * 20, True)]))
    write("zip", "zip64", zip_archive([("a.npy", a, True)], zip64=True))
    write("zip", "empty", zip_archive([]))

    # Keras .npz
    x, y = npy("|u1", (3, 4, 4), u8_images(3, 4, 4)), npy("<i8", (3,), struct.pack("<qqq", 0, 5, 9))
    xt, yt = npy("|u1", (2, 4, 4), u8_images(2, 4, 4)), npy("|u1", (2, 1), bytes([1, 2]))
    write("npz", "train", zip_archive([("x_train.npy", x, False), ("y_train.npy", y, False)]))
    write("npz", "train_test_deflated", zip_archive([("x_train.npy", x, True), ("y_train.npy", y, True),
                                                     ("x_test.npy", xt, True), ("y_test.npy", yt, True)]))
    write("npz", "rgb_zip64", zip_archive([("x_train.npy", npy("|u1", (2, 3, 3, 3), u8_images(2, 3, 3, 3)), False),
                                           ("y_train.npy", npy("<u2", (2,), struct.pack("<HH", 3, 4)), False)], zip64=True))

    # Fast PNG path: every filter type, grey and RGB, an ancillary chunk, a tRNS it refuses.
    write("png_fast", "grey_filters", png(5, 5, 1, filters=(0, 1, 2, 3, 4)))
    write("png_fast", "rgb_filters", png(3, 5, 3, filters=(4, 3, 2, 1, 0)))
    write("png_fast", "grey_text", png(2, 2, 1, extra_chunks=((b"tEXt", b"k\0v"),)))
    write("png_fast", "rgb_trns", png(2, 2, 3, extra_chunks=((b"tRNS", b"\0\0\0\0\0\0"),)))
    write("png_fast", "wide_row", png(40, 1, 3, filters=(1,)))

    # groundtruth.csv (part 0) and images 0.png, 1.png, ... (parts 1..).
    grey = [png(4, 4, 1, filters=(0, 1, 2, 4), seed=i) for i in range(3)]
    write("png_csv", "names", b"file,label\n0.png,cat\n1.png,dog\n2.png,cat\n" + SEP + SEP.join(grey))
    write("png_csv", "numbers", b"0.png,0\n1.png,3\n" + SEP + SEP.join(grey[:2]))
    write("png_csv", "quoted", b"\xef\xbb\xbf\"file\",\"label\"\n\"0.png\",\"a \"\"b\"\"\"\n1.png, c ,extra\n" + SEP + SEP.join(grey[:2]))
    write("png_csv", "outside", b"file,label\n0.png,a\nlink.png,b\n../outside.png,a\n" + SEP + grey[0])
    write("png_csv", "rgb", b"0.png,x\n1.png,y\n" + SEP + png(3, 3, 3, seed=1) + SEP + png(3, 3, 3, seed=2))

    # Class folders: part 0 the tree, then the files' contents in order.
    write("class_folders", "flat", b"cat/a.png\ncat/b.png\ndog/c.png\n" + SEP + SEP.join(grey))
    write("class_folders", "split", b"train/cat/a.png\ntrain/dog/b.png\ntest/cat/c.png\n" + SEP + SEP.join(grey))
    write("class_folders", "loop", b"cat/a.png\ncat/loop -> ..\ndog/\nself -> .\n" + SEP + grey[0])
    # Formats OpenCV decodes (PGM, BMP), whatever the name says.
    write("class_folders", "pgm_bmp", b"a/x.pgm\nb/y.bmp\nb/z.png\n" + SEP + pgm(4, 4) + SEP + bmp(4, 4) + SEP + bmp(4, 4))
    write("class_folders", "rgb_mixed", b"a/x.png\nb/y.png\n" + SEP + png(3, 3, 3, seed=4) + SEP + grey[1])

    # CIFAR-10: one 3,073-byte record per batch, and class names.
    record = bytes([3]) + bytes(pixel(0, y, x, c) for c in range(3) for y in range(32) for x in range(32))
    write("cifar", "train", record)
    write("cifar", "train_test_meta", record + SEP + bytes([1]) + record[1:] + SEP + b"a\nb\nc\nd\n")

    # Model specs: the built-in ones and a few more.
    builtin = os.path.join(ROOT, "..", "core", "models", "builtin")
    for name in sorted(os.listdir(builtin)):
        with open(os.path.join(builtin, name), "rb") as f:
            write("model_spec", name, f.read())
    write("model_spec", "every_layer.json", json.dumps({"name": "all", "description": "every layer", "layers": [
        {"type": "conv2d", "out": 4, "kernel": 3, "stride": 1, "padding": 1, "bias": False},
        {"type": "batchnorm2d"}, {"type": "relu"}, {"type": "maxpool2d", "kernel": 2},
        {"type": "avgpool2d", "kernel": 2, "stride": 1}, {"type": "globalavgpool"}, {"type": "flatten"},
        {"type": "dropout", "p": 0.25}, {"type": "linear", "out": 8}, {"type": "batchnorm1d"},
        {"type": "linear", "out": "classes", "bias": True}]}).encode())
    write("model_spec", "wide.json", json.dumps({"name": "wide", "layers": [
        {"type": "conv2d", "out": 1000, "kernel": 1, "padding": 1000}, {"type": "flatten"},
        {"type": "linear", "out": "classes"}]}).encode())

    # Stored data set folder: manifest, images.u8, labels.u8, subsets.u8, version fields.
    manifest = {"manifestVersion": 1, "id": "fuzz", "channels": 1, "height": 2, "width": 2,
                "files": {"images.u8": 12, "labels.u8": 3, "subsets.u8": 3}}
    write("manifest", "intact", json.dumps(manifest).encode() + SEP + bytes(range(12)) + SEP + bytes([0, 1, 1])
          + SEP + bytes([0, 0, 1]) + SEP + b"1 2 2 2 1 2")
    manifest["files"] = {"images.u8": 24, "labels.u8": 2, "subsets.u8": 2}
    write("manifest", "rgb", json.dumps(manifest).encode() + SEP + bytes(range(24)) + SEP + bytes([0, 0])
          + SEP + bytes([0, 1]) + SEP + b"3 2 2 1 1 1")
    write("manifest", "newer", b'{"manifestVersion": 2}' + SEP + SEP + SEP)
    http_request_seeds()


def http_request_seeds():
    """HTTP requests as a client sends them: byte 0 picks the body limit (1 << b % 17), byte 1
    the cuts (fuzz_http_request.cpp)."""
    get = b"GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n"
    post = (b"POST /v1/predict?x=1 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Authorization: Bearer t\r\nContent-Length: 11\r\n\r\n{\"pixels\":0}")
    chunked = (b"POST /v1/predict HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
               b"5;ext=1\r\nhello\r\nA\r\n0123456789\r\n0\r\nTrailer: x\r\n\r\n")
    write("http_request", "get", bytes([16, 0]) + get)
    write("http_request", "pipelined", bytes([16, 7]) + post + get + chunked + b"\r\n" + get)
    write("http_request", "chunked_small_limit", bytes([3, 3]) + chunked + get)
    write("http_request", "too_large_dropped", bytes([4, 1]) + b"POST / HTTP/1.1\r\nContent-Length: 40\r\n\r\n"
          + b"x" * 40 + get)
    write("http_request", "expect", bytes([16, 2]) + b"POST / HTTP/1.1\r\nExpect: 100-continue\r\n"
          b"Content-Length: 3\r\n\r\nabc" + get)
    write("http_request", "http10_lf", bytes([16, 5]) + b"GET http://x/v1/%6dodel HTTP/1.0\nConnection: keep-alive\n\n" + get)
    write("http_request", "both_framings", bytes([16, 9]) + b"POST / HTTP/1.1\r\nContent-Length: 3\r\n"
          b"Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
    write("http_request", "bad_header", bytes([16, 4]) + b"GET / HTTP/1.1\r\nBad Header: 1\r\n\r\n" + get)


if __name__ == "__main__":
    main()
