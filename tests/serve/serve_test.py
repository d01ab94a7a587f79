#!/usr/bin/env python3
"""The page over HTTP, compressed: starts scripts/serve on the built page and asks for every file
its service worker lists (and sw.js) under many Accept-Encoding values, checking the coding
chosen, the headers and that the decoded bytes are the original's. Then makes the deployable
folder with scripts/dist and checks that a plain static server without content codings
(python3 -m http.server) sends every original as it is.
Usage: serve_test.py WEB_DIR  (needs Debian's brotli to decode)"""
import gzip
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WEB = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build/web"))
failures = []
checks = 0


def check(ok, what):
    global checks
    checks += 1
    if not ok:
        failures.append(what)


def unbrotli(data):
    return subprocess.run(["brotli", "-d", "-c"], input=data, capture_output=True, check=True).stdout


DECODE = {"br": unbrotli, "gzip": gzip.decompress, None: lambda b: b}
# What each kind of file must be sent as, written out here rather than taken from the server.
TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
         ".css": "text/css; charset=utf-8", ".wasm": "application/wasm",
         ".data": "application/octet-stream"}


def build_files(web):
    """Every file the service worker lists, and the worker itself."""
    text = open(os.path.join(web, "sw.js"), encoding="utf-8").read()
    m = re.search(r"const MANIFEST = (\{.*?\});\n", text)
    assert m, f"{web}/sw.js holds no file list"
    return list(json.loads(m.group(1))["files"]) + ["sw.js"]


def start(cmd, pattern):
    """Starts a server and returns (process, port) from the line it prints."""
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    line = p.stdout.readline()
    m = re.search(pattern, line)
    if not m:
        p.kill()
        sys.exit(f"serve_test: {' '.join(cmd)} printed {line!r}")
    return p, int(m.group(1))


def request(port, path, headers, method="GET"):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request(method, path, headers=headers)
    r = c.getresponse()
    body = r.read()
    c.close()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, body


def get(port, path, accept):
    # http.client adds Accept-Encoding: identity unless told otherwise; None sends no such header.
    headers = {} if accept is None else {"Accept-Encoding": accept}
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.putrequest("GET", path, skip_accept_encoding=True)
    for k, v in headers.items():
        c.putheader(k, v)
    c.endheaders()
    r = c.getresponse()
    body = r.read()
    c.close()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, body


# [SECTION] scripts/serve: the coding each Accept-Encoding gets (None: no Content-Encoding;
# 406: nothing acceptable).
CASES = [
    (None, None),
    ("br", "br"),
    ("gzip", "gzip"),
    ("identity", None),
    ("", None),
    ("gzip, deflate, br", "br"),           # what Chromium sends
    ("gzip, deflate, br, zstd", "br"),
    ("BR", "br"),
    ("x-gzip", "gzip"),
    ("deflate", None),
    ("br;q=0, gzip", "gzip"),
    ("br;q=0.5, gzip;q=0.8", "gzip"),
    ("br;q=0.8, gzip;q=0.8", "br"),
    ("br;q=0.001", "br"),                  # a named coding, however low, wins over the unnamed original
    ("br;q=0, gzip;q=0", None),
    ("br;q=0, gzip;q=0, identity", None),
    ("identity;q=0, gzip", "gzip"),
    ("identity;q=0.9, gzip;q=0.5", None),
    ("*", "br"),
    ("gzip;q=0, *;q=0.1", "br"),
    ("br;q=abc, gzip", "gzip"),            # a malformed q drops its token
    ("br;q=2, gzip", "gzip"),              # so does one out of range
    ("identity;q=0", 406),
    ("*;q=0", 406),
    ("br;q=0, gzip;q=0, identity;q=0", 406),
]

files = build_files(WEB)
serve, port = start([sys.executable, os.path.join(ROOT, "scripts/serve"), WEB, "0"], r"127\.0\.0\.1:(\d+)/")
try:
    for name in files:
        path = os.path.join(WEB, name)
        original = open(path, "rb").read()
        for suffix in (".br", ".gz"):
            check(os.path.isfile(path + suffix), f"{name}{suffix}: the build wrote no such copy")
            if os.path.isfile(path + suffix):
                check(os.path.getsize(path + suffix) < len(original), f"{name}{suffix} is not smaller")
        for url in (["/", "/" + name] if name == "index.html" else ["/" + name]):
            for accept, want in CASES:
                label = f"GET {url} with Accept-Encoding {accept!r}"
                status, h, body = get(port, url, accept)
                if want == 406:
                    check(status == 406, f"{label}: status {status}, expected 406")
                    continue
                check(status == 200, f"{label}: status {status}")
                check(h.get("content-encoding") == want, f"{label}: Content-Encoding {h.get('content-encoding')}, expected {want}")
                check(h.get("content-type") == TYPES[os.path.splitext(name)[1]], f"{label}: Content-Type {h.get('content-type')}")
                check(h.get("content-length") == str(len(body)), f"{label}: Content-Length {h.get('content-length')}, body {len(body)} B")
                check("accept-encoding" in h.get("vary", "").lower(), f"{label}: Vary {h.get('vary')}")
                check(h.get("cache-control") == "no-cache", f"{label}: Cache-Control {h.get('cache-control')}")
                check(bool(h.get("etag")), f"{label}: no ETag")
                if want is not None:
                    sent = open(path + {"br": ".br", "gzip": ".gz"}[want], "rb").read()
                    check(body == sent, f"{label}: not the bytes of the precompressed copy")
                    check(len(body) < len(original), f"{label}: {len(body)} B sent for {len(original)} B")
                got = h.get("content-encoding")
                check(got in DECODE and DECODE[got](body) == original, f"{label}: decoded bytes differ from {name}")
        # HEAD, and a revalidation: each form has its own ETag, so a 304 only for the same form.
        status, h, body = request(port, "/" + name, {"Accept-Encoding": "br"}, "HEAD")
        check(status == 200 and body == b"" and h.get("content-length") == str(os.path.getsize(path + ".br")),
              f"HEAD /{name}: status {status}, Content-Length {h.get('content-length')}, {len(body)} B of body")
        etag_br = h.get("etag")
        status, h, body = request(port, "/" + name, {"Accept-Encoding": "br", "If-None-Match": etag_br})
        check(status == 304 and body == b"" and h.get("etag") == etag_br and "accept-encoding" in h.get("vary", "").lower(),
              f"/{name} revalidated with its Brotli ETag: status {status}, ETag {h.get('etag')}")
        status, h, body = request(port, "/" + name, {"Accept-Encoding": "gzip", "If-None-Match": etag_br})
        check(status == 200 and h.get("content-encoding") == "gzip" and h.get("etag") != etag_br,
              f"/{name} asked as gzip with the Brotli ETag: status {status}, Content-Encoding {h.get('content-encoding')}")
    status, _, _ = get(port, "/no-such-file.js", "br")
    check(status == 404, f"a missing file: status {status}, expected 404")
finally:
    serve.terminate()
    serve.wait()

# [SECTION] A file whose gzip copy would not be smaller has none (scripts/precompress), and
# scripts/serve then negotiates between the forms that exist.
with tempfile.TemporaryDirectory(prefix="statelab-tiny-") as tmp:
    page = b'<!doctype html><html><body><script src="a.js"></script></body></html>\n'
    with open(os.path.join(tmp, "index.html"), "wb") as f:
        f.write(page)
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts/precompress"), tmp], check=True, capture_output=True)
    check(os.path.isfile(os.path.join(tmp, "index.html.br")) and not os.path.exists(os.path.join(tmp, "index.html.gz")),
          f"a {len(page)} B page: copies {sorted(os.listdir(tmp))}, expected only the Brotli one")
    tiny, port = start([sys.executable, os.path.join(ROOT, "scripts/serve"), tmp, "0"], r"127\.0\.0\.1:(\d+)/")
    try:
        for accept, want in (("gzip", None), ("gzip, br", "br"), ("br;q=0, gzip", None), ("gzip, identity;q=0", 406)):
            status, h, body = get(port, "/", accept)
            got = 406 if status == 406 else h.get("content-encoding")
            check(got == want and (status == 406 or DECODE[got](body) == page),
                  f"tiny page with Accept-Encoding {accept!r}: {status} {got}, expected {want}")
        # The original rewritten after its copies: the stale Brotli copy is not sent.
        page = page.replace(b"a.js", b"b.js")
        with open(os.path.join(tmp, "index.html"), "wb") as f:
            f.write(page)
        status, h, body = get(port, "/", "br")
        check(status == 200 and h.get("content-encoding") is None and body == page,
              f"a page newer than its Brotli copy: {status} {h.get('content-encoding')}, expected the new original")
    finally:
        tiny.terminate()
        tiny.wait()

# [SECTION] scripts/dist, served by a static server that knows nothing of content codings.
with tempfile.TemporaryDirectory(prefix="statelab-dist-") as tmp:
    out = os.path.join(tmp, "dist")
    r = subprocess.run([sys.executable, os.path.join(ROOT, "scripts/dist"), WEB, out], capture_output=True, text=True)
    check(r.returncode == 0, f"scripts/dist failed: {r.stdout}{r.stderr}")
    check("brotli_static" in r.stdout and "precompressed br gzip" in r.stdout,
          f"scripts/dist does not say how to host the folder: {r.stdout}")
    for name in files:
        for suffix in ("", ".br", ".gz"):
            a, b = os.path.join(WEB, name + suffix), os.path.join(out, name + suffix)
            check(os.path.isfile(b) and open(a, "rb").read() == open(b, "rb").read(), f"dist/{name}{suffix} is not the build's")
    plain, port = start([sys.executable, "-u", "-m", "http.server", "--bind", "127.0.0.1", "--directory", out, "0"],
                        r"port (\d+)")
    try:
        for name in files:
            status, h, body = get(port, "/" + name, "gzip, deflate, br")
            check(status == 200 and "content-encoding" not in h and body == open(os.path.join(WEB, name), "rb").read(),
                  f"http.server, /{name}: status {status}, Content-Encoding {h.get('content-encoding')}, not the original")
        _, h, _ = get(port, "/statelab.wasm", "br")
        check(h.get("content-type") == "application/wasm", f"http.server sends statelab.wasm as {h.get('content-type')}")
    finally:
        plain.terminate()
        plain.wait()

for f in failures:
    print("FAIL:", f)
print(f"serve_test: {len(files)} files, {checks} checks, {len(failures)} failed")
sys.exit(1 if failures else 0)
