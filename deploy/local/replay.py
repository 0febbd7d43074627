#!/usr/bin/env python3
"""Rebuilds a service's projections through its ops API, drawing progress, and compares checksums.

usage: replay.py <port> <token> [<projection>]

Exit status 0 when every rebuild ended with the rebuilt model's checksum equal to the live one's
at the same position; 1 otherwise.
"""
import json
import sys
import time
import urllib.error
import urllib.request


def call(method, url, token):
    request = urllib.request.Request(url, method=method, headers={"Authorization": "Bearer " + token})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        body = error.read()
        try:
            return error.code, json.loads(body)
        except ValueError:
            return error.code, {"message": body.decode(errors="replace")}


def bar(status, width=30):
    read, total = status["eventsRead"], max(status["eventsTotal"], 1)
    done = min(width, width * read // total)
    left = status["secondsLeft"]
    eta = "" if left < 0 else f" ~{left}s left"
    if status.get("stalledSince"):
        # Reading nothing though events are left: the broker is away (docs/runbooks).
        eta = f" waiting for Kafka since {status['stalledSince']}"
    return (f"\r  [{'#' * done}{'-' * (width - done)}] {read}/{status['eventsTotal']} events"
            f"  {status['eventsPerSecond']}/s{eta}  {status['state'].lower():<10}")


def replay(base, token, name):
    code, started = call("POST", f"{base}/ops/v1/projections/{name}/rebuild", token)
    if code != 202:
        print(f"{name}: refused ({code}): {started.get('message', started)}")
        return False
    print(f"{name}: rebuilding beside the live model")
    while True:
        code, status = call("GET", f"{base}/ops/v1/projections/{name}/rebuild", token)
        if code != 200:
            print(f"\n{name}: progress unavailable ({code}): {status}")
            return False
        sys.stdout.write(bar(status))
        sys.stdout.flush()
        if status["state"] in ("DONE", "FAILED"):
            break
        time.sleep(0.3)
    print()
    if status["state"] == "FAILED":
        print(f"  failed: {status['error']}")
        return False
    per_topic = {}
    for partition, offset in status["position"].items():
        topic = partition.rsplit("-", 1)[0]
        per_topic[topic] = per_topic.get(topic, 0) + offset
    position = ", ".join(f"{topic} {offsets}" for topic, offsets in sorted(per_topic.items()))
    equal = status["liveChecksum"] == status["rebuiltChecksum"]
    print(f"  at the live position (offsets summed per topic): {position}")
    print(f"  live checksum    {status['liveChecksum']}")
    print(f"  rebuilt checksum {status['rebuiltChecksum']}  {'equal' if equal else 'DIFFERENT'}")
    return equal


def main():
    port, token = sys.argv[1], sys.argv[2]
    wanted = sys.argv[3] if len(sys.argv) > 3 else None
    base = f"http://127.0.0.1:{port}"
    code, listing = call("GET", f"{base}/ops/v1/projections", token)
    if code != 200:
        print(f"the service answered {code}: {listing}")
        return 1
    names = [p["name"] for p in listing["items"]
             if wanted is None or p["name"] == wanted or p["name"].endswith("." + wanted)]
    if not listing["items"]:
        print("no projections here: this service keeps its state in its own event streams only")
        return 0
    if not names:
        known = ", ".join(p["name"] for p in listing["items"]) or "none"
        print(f"no projection {wanted or ''} here (projections: {known})")
        return 1
    results = [replay(base, token, name) for name in names]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
