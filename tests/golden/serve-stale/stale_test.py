#!/usr/bin/env python3
"""tests/golden/serve-stale/stale_test.py LATE: serve the case's store, ask
for the storyline of the first reports, add LATE (a report of the same
storyline), and check the stale-then-fresh answers of /api/stories/ID.
Prints one line per check; exits 1 on the first failure."""
import json
import subprocess
import sys
import time
import urllib.request

from served import Served

srv = Served()
url = srv.url
check = srv.check


def get(path):
    with urllib.request.urlopen(url.rstrip("/") + path, timeout=60) as r:
        return json.load(r)


stories = get("/api/stories")["stories"]
sid = max(stories, key=lambda s: s["n_reports"])["id"]
first = get("/api/stories/" + sid)
check("a story never analysed is analysed while its request waits",
      first["analysis_stale"] is False and first["n_analysed"] == first["n_reports"])
subprocess.run(["sift", "add", "--quiet", sys.argv[1]], check=True)
second = get("/api/stories/" + sid)
check("the first request after a report joined gets the previous analysis, marked stale",
      second["analysis_stale"] is True and second["n_reports"] == first["n_reports"] + 1
      and second["timeline"] == first["timeline"], second["analysis_stale"])
fresh = None
for _ in range(600):
    doc = get("/api/stories/" + sid)
    if not doc["analysis_stale"]:
        fresh = doc
        break
    time.sleep(0.1)
check("the fresh analysis follows", fresh is not None)
ids = {r["id"] for r in fresh["report_info"]}
check("and reads the new report", len(ids) == fresh["n_analysed"] == first["n_analysed"] + 1)
code, err = srv.stop()
check("sift serve stops cleanly", code == 0 and err == "", f"{code} {err[:500]}")
