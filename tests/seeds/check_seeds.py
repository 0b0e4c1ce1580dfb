#!/usr/bin/env python3
"""tests/seeds/check_seeds.py: the seeds acceptance test of issue 2.

Runs `sift extract --json` on ../shared/seeds and checks each report
against the hand-checked answer key ../shared/gold/seeds.json, scored as
its README ("How to score") says:

  metadata  title, subtitle, byline, credits, URL, the outlet a report
            names itself by, and every date marked certain are found;
            nothing is invented where the gold has none (no byline, no
            outlet, no certain date that differs)
  clutter   no clutter string is left in the clean body (the lone "-"
            is checked as a whole line, as the gold file asks)
  repeats   max_occurrences (and min) are respected in the body
  keep      every must_keep and must_keep_after_markup_strip sentence is
            in the body, inside one block (a sentence broken over two
            paragraphs in the input must be joined again)
  quotes    every non-optional gold quote is still in the clean text

Prints a line per report and check, then totals; exits 1 when any
required item is missing, 2 when ../shared or sift cannot be used.
Python 3 standard library only.

usage: check_seeds.py [--sift PATH] [--shared DIR] [--quiet]
"""
import argparse
import json
import os
import re
import subprocess
import sys

PUNCT = ",.;:"


def norm(s):
    """Case-insensitive, every white space run one space, trimmed."""
    return re.sub(r"\s+", " ", s or "").strip().lower()


def norm_quote(s):
    return norm(s).strip(PUNCT + " ")


def alnum(s):
    return re.sub(r"[^0-9a-z]", "", (s or "").lower())


class Tally:
    def __init__(self):
        self.found = {}
        self.required = {}
        self.failures = []
        self.notes = []

    def check(self, rid, kind, ok, what, soft=False):
        if soft:
            if not ok:
                self.notes.append("%s %s (not required): %s" % (rid, kind, what))
            return
        self.required[kind] = self.required.get(kind, 0) + 1
        if ok:
            self.found[kind] = self.found.get(kind, 0) + 1
        else:
            self.failures.append("%s %s: %s" % (rid, kind, what))


def run_sift(sift, seeds):
    try:
        out = subprocess.run(
            [sift, "extract", "--json", seeds],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            check=False,
        )
    except OSError as e:
        sys.exit("check_seeds: cannot run %r: %s" % (sift, e))
    if out.returncode != 0:
        sys.stderr.write(out.stderr.decode("utf-8", "replace"))
        sys.exit("check_seeds: sift extract failed with status %d" % out.returncode)
    reports = {}
    for line in out.stdout.decode("utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            reports[os.path.basename(r["source"])] = r
    return reports


def check_meta(t, rid, g, r):
    t.check(rid, "title", norm(r["title"]) == norm(g["title"]),
            "title %r, want %r" % (r["title"], g["title"]))
    want = g.get("subtitle")
    t.check(rid, "subtitle", norm(r["subtitle"]) == norm(want or ""),
            "subtitle %r, want %r" % (r["subtitle"], want))
    want = g.get("byline")
    t.check(rid, "byline", norm(r["byline"]) == norm(want or ""),
            "byline %r, want %r" % (r["byline"], want))
    for name in g.get("contributors") or []:
        t.check(rid, "credits", norm(name) in norm(r["credits"]),
                "credits %r lack %r" % (r["credits"], name))
    want = g.get("url")
    t.check(rid, "url", norm(r["url"]) == norm(want or ""),
            "url %r, want %r" % (r["url"], want))
    outlet, evidence = g.get("outlet"), g.get("outlet_evidence") or ""
    if outlet is None:
        t.check(rid, "outlet", r["outlet"] == "",
                "outlet %r invented (the text names none)" % r["outlet"])
    elif evidence.startswith("http"):
        # named by the URL: meta.c's job (issue 2, another part); the
        # domain spelled out ("themoscowtimes") is accepted too
        ok = alnum(outlet) in alnum(r["outlet"]) or (
            r["outlet"] != "" and alnum(r["outlet"]).startswith(alnum(outlet)))
        t.check(rid, "outlet", ok, "outlet %r, want %r" % (r["outlet"], outlet), soft=True)
    else:
        t.check(rid, "outlet", norm(r["outlet"]) == norm(outlet),
                "outlet %r, want %r" % (r["outlet"], outlet))
    if g.get("date_certain"):
        ok = r["date"][:10] == g["date"] and r["date_certain"]
        t.check(rid, "date", ok, "date %r (certain=%s), want %r certain"
                % (r["date"], r["date_certain"], g["date"]))
    elif r["date_certain"]:
        t.check(rid, "date", r["date"][:10] == g["date"],
                "date %r claimed certain, gold %r is not" % (r["date"], g["date"]))


def check_body(t, rid, g, r):
    blocks = [b["text"] for b in r["blocks"]]
    body = norm("\n\n".join(blocks))
    lines = [ln.strip() for ln in "\n\n".join(blocks).split("\n")]
    for c in g.get("clutter_detail", []):
        if c.get("substring_checkable", True):
            t.check(rid, "clutter", norm(c["text"]) not in body,
                    "clutter left in body: %r" % c["text"])
        else:
            t.check(rid, "clutter", c["text"].strip() not in lines,
                    "clutter line left in body: %r" % c["text"])
    for m in g.get("max_occurrences", []):
        n = body.count(norm(m["text"]))
        limit = m.get("max", 0)
        if body.startswith(norm(m["text"])):
            limit = max(limit, m.get("tolerated_max", limit))
        ok = n <= limit and n >= m.get("min", 0)
        t.check(rid, "repeats", ok, "%r occurs %d times, want %d..%d"
                % (m["text"][:50], n, m.get("min", 0), limit))
    keep = list(g.get("must_keep", [])) + list(g.get("must_keep_after_markup_strip", []))
    for s in keep:
        ok = any(norm(s) in norm(b) for b in blocks)
        why = "missing" if norm(s) not in body else "split across blocks"
        t.check(rid, "must_keep", ok, "%s: %r" % (why, s[:70]))


def check_quotes(t, quotes, reports_by_id):
    for q in quotes:
        if q.get("optional"):
            continue
        r = reports_by_id.get(q["report_id"])
        if r is None:
            continue
        text = norm(" ".join([r["title"], r["subtitle"]] + [b["text"] for b in r["blocks"]]))
        t.check(q["report_id"], "quotes", norm_quote(q["text"]) in text,
                "quote lost: %r" % q["text"][:70])


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sift", default="sift")
    ap.add_argument("--shared", default=os.environ.get("SIFT_SHARED")
                    or os.environ.get("SHARED")
                    or os.path.join(here, "..", "..", "..", "shared"))
    ap.add_argument("--quiet", action="store_true", help="print failures and totals only")
    args = ap.parse_args()
    gold_path = os.path.join(args.shared, "gold", "seeds.json")
    seeds = os.path.join(args.shared, "seeds")
    if not os.path.isfile(gold_path) or not os.path.isdir(seeds):
        print("check_seeds: FAIL: %s or %s missing (../shared is required)" % (gold_path, seeds),
              file=sys.stderr)
        return 2
    with open(gold_path, encoding="utf-8") as f:
        gold = json.load(f)
    reports = run_sift(args.sift, seeds)
    t = Tally()
    by_id = {}
    for g in gold["reports"]:
        rid = g["id"]
        r = reports.get(g["file"])
        t.check(rid, "read", r is not None, "report %s not read" % g["file"])
        if r is None:
            continue
        by_id[rid] = r
        before = len(t.failures)
        check_meta(t, rid, g, r)
        check_body(t, rid, g, r)
        if not args.quiet:
            print("%s: %s  title=%r byline=%r outlet=%r date=%s%s url=%s  blocks=%d clutter=%d"
                  % (rid, "ok" if len(t.failures) == before else "FAIL", r["title"][:40],
                     r["byline"], r["outlet"], r["date"] or "-",
                     " (certain)" if r["date_certain"] else "", "yes" if r["url"] else "no",
                     len(r["blocks"]), len(r["clutter"])))
    check_quotes(t, gold.get("quotes", []), by_id)
    for kind in sorted(t.required):
        print("  %-10s %3d / %d" % (kind, t.found.get(kind, 0), t.required[kind]))
    for n in t.notes:
        print("  note: " + n)
    for f in t.failures:
        print("FAIL " + f)
    total = sum(t.required.values())
    found = sum(t.found.values())
    print("seeds: %d / %d checks passed" % (found, total))
    return 1 if t.failures else 0


if __name__ == "__main__":
    sys.exit(main())
