#!/usr/bin/env python3
"""tests/golden/serve-api/api_test.py: start `sift serve --port 0` on the
case's store ($SIFT_DB) and check every API endpoint, the page files and
bad requests: status codes, JSON shapes, errors that leak nothing, limits,
and that a report stored meanwhile shows on the next request. Prints one
line per check; exits 1 on the first failure."""
import http.client
import json
import os
import socket
import subprocess
import sys
import urllib.parse

from served import Served

DB = os.environ["SIFT_DB"]
srv = Served()
HOST, PORT = srv.host, srv.port
check = srv.check
fail = srv.fail


def request(path, method="GET", headers=None, body=None):
    c = http.client.HTTPConnection(HOST, PORT, timeout=30)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data


def get_json(path, **kw):
    status, headers, data = request(path, **kw)
    try:
        doc = json.loads(data) if data else None
    except ValueError:
        doc = None
    return status, headers, doc


def is_clean_error(status, headers, doc):
    """An error says what and its status, and nothing from inside."""
    if not isinstance(doc, dict) or set(doc) != {"error", "status"} or doc["status"] != status:
        return False
    text = doc["error"].lower()
    leaks = ["sqlite", "select ", "/tmp", os.path.dirname(DB).lower(), "store.c", ".db"]
    return headers.get("content-type", "").startswith("application/json") and \
        not any(x in text for x in leaks)


def expect_error(name, path, status, **kw):
    got, headers, doc = get_json(path, **kw)
    check(name, got == status and is_clean_error(got, headers, doc), f"{got} {doc}")


REPORT_KEYS = ["id", "source", "format", "url", "outlet", "outlet_evidence", "title",
               "subtitle", "byline", "credits", "date", "date_source", "date_certain",
               "date_evidence", "lang"]

# ---- the page -------------------------------------------------------------
status, headers, body = request("/")
check("GET / is the page", status == 200 and headers["content-type"].startswith("text/html")
      and b'src="/app.js"' in body, status)
check("page has a Content-Security-Policy without inline scripts",
      "script-src 'self'" in headers.get("content-security-policy", "")
      and "unsafe-inline" not in headers.get("content-security-policy", ""))
check("page is not sniffed or framed", headers.get("x-content-type-options") == "nosniff"
      and headers.get("x-frame-options") == "DENY")
for path, ctype in [("/app.js", "text/javascript"), ("/app.css", "text/css"),
                    ("/index.html", "text/html")]:
    status, headers, body = request(path)
    check(f"GET {path}", status == 200 and headers["content-type"].startswith(ctype)
          and len(body) > 100, status)
status, headers, body = request("/", method="HEAD")
check("HEAD / has no body", status == 200 and body == b"", status)
status, _, js = request("/app.js")
check("the script never uses innerHTML", b"innerHTML" not in js.replace(b"no innerHTML", b""))

# ---- /api/reports -----------------------------------------------------------
status, headers, doc = get_json("/api/reports?limit=100")
check("GET /api/reports", status == 200 and set(doc) == {"total", "limit", "offset", "reports"}
      and doc["limit"] == 100 and doc["offset"] == 0, f"{status} {doc}")
reports = doc["reports"]
check("lists every stored report", doc["total"] == 6 and len(reports) == 6, doc["total"])
check("each report has the fields of sift docs --json",
      all(list(r) == REPORT_KEYS for r in reports))
check("API answers are not cached", headers.get("cache-control") == "no-store")
dates = [r["date"] for r in reports]
dated = [d for d in dates if d]
check("newest first, undated last", dated == sorted(dated, reverse=True)
      and dates[:len(dated)] == dated)
status, _, page = get_json("/api/reports?limit=2&offset=1")
check("limit and offset page through the list", status == 200 and page["total"] == 6
      and [r["id"] for r in page["reports"]] == [r["id"] for r in reports[1:3]])
status, _, doc = get_json("/api/reports?limit=20")
check("default page size", status == 200 and doc["limit"] == 20)
status, _, doc = get_json("/api/reports?from=1990-01-01&to=1990-12-31")
check("a date range with nothing in it", status == 200 and doc["total"] == 0
      and doc["reports"] == [])
status, _, doc = get_json("/api/reports?from=2000-01-01")
check("from keeps only reports dated on or after it",
      status == 200 and all(r["date"] >= "2000-01-01" for r in doc["reports"])
      and doc["total"] == len(dated))
status, _, doc = get_json("/api/reports?q=lighthouse")
check("words filter the list", status == 200 and doc["total"] == 0)

# ---- /api/reports/ID: the same JSON as sift show --json --------------------
xss = [r for r in reports if r["source"].endswith("xss-report.txt")]
check("the hostile report is listed with its markup as text",
      len(xss) == 1 and "<script>" in xss[0]["title"])
for r in reports:
    status, _, doc = get_json("/api/reports/" + r["id"])
    shown = json.loads(subprocess.run(["sift", "show", "--json", r["id"]], check=True,
                                      capture_output=True, text=True).stdout)
    if status != 200 or doc != shown:
        fail("GET /api/reports/ID equals sift show --json", r["id"])
print("ok   GET /api/reports/ID equals sift show --json")
status, _, doc = get_json("/api/reports/" + reports[0]["id"][:6])
check("a report by its first digits", status == 200 and doc["id"] == reports[0]["id"])
check("a report has blocks and clutter", "blocks" in doc and "clutter" in doc
      and all(set(b) == {"kind", "text"} for b in doc["blocks"]))

# ---- /api/search --------------------------------------------------------------
status, _, doc = get_json("/api/search?q=Fixturealpha")
check("search finds a report by a word of its body", status == 200 and doc["total"] == 1
      and doc["reports"][0]["id"] == xss[0]["id"], doc)
status, _, doc = get_json("/api/search?q=" + urllib.parse.quote("prisoners exchange"))
check("search matches stems and needs every word", status == 200 and doc["total"] >= 1
      and xss[0]["id"] not in [r["id"] for r in doc["reports"]], doc and doc.get("total"))
status, _, doc = get_json("/api/search?q=" + urllib.parse.quote('"peace OR NEAR(* AND'))
check("FTS syntax in a query is taken as words", status == 200, status)
status, _, doc = get_json("/api/search?q=nosuchwordanywhere")
check("search with no match", status == 200 and doc["total"] == 0)
status, _, doc = get_json("/api/search?q=" + urllib.parse.quote("Peskov") + "&limit=1")
check("search pages", status == 200 and len(doc["reports"]) == 1 and doc["total"] >= 1)

# ---- /api/stories ---------------------------------------------------------------
status, headers, doc = get_json("/api/stories")
check("GET /api/stories", status == 200 and set(doc) == {"total", "limit", "offset", "stories"}
      and doc["total"] == len(doc["stories"]) >= 2
      and all({"id", "label", "date_min", "date_max", "n_reports", "n_outlets", "n_events",
               "events"} <= set(s) for s in doc["stories"]), f"{status} {doc}")
days = [s["date_max"] or "" for s in doc["stories"]]
check("storylines newest first", days == sorted(days, reverse=True), days)
status, _, page = get_json("/api/stories?limit=1&offset=1")
check("stories page", status == 200 and len(page["stories"]) == 1
      and page["stories"][0]["id"] == doc["stories"][1]["id"], page)
big = max(doc["stories"], key=lambda s: s["n_reports"])
status, _, story = get_json("/api/stories/" + urllib.parse.quote(big["id"]))
check("GET /api/stories/ID", status == 200 and story.get("id") == big["id"]
      and story.get("schema") == "sift-story/1" and len(story.get("events", [])) >= 1
      and all(k in story for k in ["report_info", "summary", "entities", "quotes", "numbers",
                                   "dates", "timeline", "claims", "disagreements", "variants",
                                   "citations"]), status)
check("story has a timeline and a disagreement", len(story["timeline"]) >= 3
      and len(story["disagreements"]) >= 1)
eid = story["events"][0]["id"]
status, _, ev = get_json("/api/stories/" + eid)
check("GET /api/stories/E<n> (an event)", status == 200 and ev.get("id") == eid
      and isinstance(ev.get("reports"), list) and "timeline" in ev, status)
expect_error("no such story", "/api/stories/S999999", 404)
expect_error("a story id that is not S<n> or E<n>", "/api/stories/x12", 404)
expect_error("a story id out of shape", "/api/stories/BAD%21id", 400)

# ---- bad requests -----------------------------------------------------------------
expect_error("unknown endpoint", "/api/nothing", 404)
expect_error("unknown page", "/nothing.html", 404)
expect_error("no such report", "/api/reports/ffff0000ffff0000", 404)
expect_error("a report id that is not hex", "/api/reports/xyz!", 400)
expect_error("a report id too short", "/api/reports/ab", 400)
expect_error("search without words", "/api/search", 400)
expect_error("search with no word in it", "/api/search?q=%21%21%21", 400)
expect_error("limit 0", "/api/reports?limit=0", 400)
expect_error("limit too large", "/api/reports?limit=101", 400)
expect_error("limit not a number", "/api/reports?limit=ten", 400)
expect_error("negative offset", "/api/reports?offset=-1", 400)
expect_error("offset too large", "/api/reports?offset=99999999999", 400)
expect_error("a date out of shape", "/api/reports?from=2025-5-1", 400)
expect_error("an unknown parameter", "/api/reports?sort=title", 400)
expect_error("a parameter on a report", "/api/reports/" + reports[0]["id"] + "?x=1", 400)
expect_error("a value too long", "/api/search?q=" + "a" * 300, 400)
expect_error("too many parameters", "/api/reports?" + "&".join(f"p{i}=1" for i in range(20)),
             400)
expect_error("a value not UTF-8", "/api/search?q=%ff%fe", 400)
expect_error("a URL too long", "/api/reports/" + "a" * 3000, 414)
expect_error("POST", "/api/reports", 405, method="POST", body=b"x=1",
             headers={"Content-Type": "application/x-www-form-urlencoded"})
status, headers, _ = request("/api/reports", method="DELETE")
check("a wrong method says which are allowed", status == 405
      and headers.get("allow") == "GET, HEAD")
expect_error("a GET with a body", "/api/reports", 413, body=b"x" * 10)
expect_error("a foreign Host (DNS rebinding)", "/api/reports", 403,
             headers={"Host": "attacker.example"})
for raw in ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/../serve.h",
            "//etc/passwd", "/app.js/../../../etc/passwd"]:
    status, _, body = request(raw)
    if status != 404 or b"root:" in body:
        fail("no path reaches a file", raw)
print("ok   no path reaches a file")

# headers past the per-connection memory: refused, and the server lives on
s = socket.create_connection((HOST, PORT), timeout=30)
s.sendall(b"GET /api/reports HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 100000 +
          b"\r\n\r\n")
try:
    first = s.recv(64)
except ConnectionResetError:
    first = b""
s.close()
check("huge headers are refused", first == b"" or first.split(b" ")[1][:1] == b"4", first)
status, _, _ = request("/api/reports")
check("the server answers after bad requests", status == 200)

# ---- a report stored while serving shows on the next request ----------------
subprocess.run(["sift", "add", "--quiet", "late.txt"], check=True)
status, _, doc = get_json("/api/search?q=lighthousekeeper")
check("a report added meanwhile shows", status == 200 and doc["total"] == 1)
status, _, doc = get_json("/api/reports")
check("and is counted", doc["total"] == 7)

# ---- the story cache: same answer again, fresh counts after an add --------------
# The analysis of a story is kept per set of analysed reports; the cluster
# part is read on every request. A copy joining the story changes the
# counts at once (and, being a copy, not the reports analysed).
status, _, again = get_json("/api/stories/" + urllib.parse.quote(big["id"]))
check("a story asked again is the same answer", status == 200 and again == story
      and story["analysis_stale"] is False)
status, _, lower = get_json("/api/stories/" + big["id"].lower())
check("and under its lower-case id", status == 200 and lower == story)
seed = sorted(os.listdir(os.path.join(os.environ["SHARED"], "seeds")))[0]
with open(os.path.join(os.environ["SHARED"], "seeds", seed), encoding="utf-8") as f:
    copy = f.read() + "\n\nThis report was republished from a wire service.\n"
with open("copy.txt", "w", encoding="utf-8") as f:
    f.write(copy)
subprocess.run(["sift", "add", "--quiet", "copy.txt"], check=True)
status, _, after = get_json("/api/stories/" + urllib.parse.quote(big["id"]))
check("a copy added to the story shows in its counts", status == 200
      and after["n_reports"] == story["n_reports"] + 1
      and after["n_copies"] == story["n_copies"] + 1
      and after["summary"] == story["summary"], (story["n_reports"], after.get("n_reports")))

code, err = srv.stop()
check("sift serve stops cleanly on SIGTERM", code == 0 and err == "", f"{code} {err[:500]}")
