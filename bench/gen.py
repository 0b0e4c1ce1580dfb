#!/usr/bin/env python3
"""bench/gen.py: a seeded generator of news-like reports for benchmarks
and tests (ingest throughput, copy detection, clustering).

    bench/gen.py --seed 7 --n 100000 --dup 0.3 --format jsonl --out DIR
    bench/gen.py --seed 7 --mb 1024 --format warc.gz --out DIR

The same arguments give the same bytes on every run and machine (one
random.Random(seed); no clock, no hash order). What it makes:

  * events: something happened (a place, an organisation, people, a
    date, a topic vocabulary); several outlets report each event in
    their own words, so reports of one event share names and terms but
    not sentences;
  * reports: a title, a byline, 4-14 paragraphs of sentences drawn from
    a Zipf-weighted English vocabulary mixed with the event's terms,
    numbers ("3.4 percent", "$12 million"), quotes with attribution,
    and the usual clutter (photo credits, "Read more:", share prompts,
    "... contributed reporting.");
  * near-duplicates (--dup FRACTION): a report that copies an earlier
    original from another outlet, with word edits at a chosen rate,
    sometimes paragraphs swapped, the last one dropped, a new title or
    a wire prefix. DIR/truth.tsv says which report copies which and
    how; DIR/events.tsv gives each report's event.

Formats: jsonl (news-please-like fields, files of --per-file reports),
warc / warc.gz (request + HTML response records of full pages with
navigation, JSON-LD and footers; warc.gz is one gzip member per record),
txt (one file per report, title on the first line).

Reports go to DIR/reports/ (what `sift add` reads), the truth files
beside it. Every report has a key "g0000042": in its URL (jsonl, warc) or its file
name (txt), so truth.tsv can be joined with what sift stores.
Python 3 standard library only.
"""
import argparse
import json
import os
import random
import sys
import zlib

# ---- vocabulary -------------------------------------------------------------

# Common English words of news prose, most frequent first: drawn with
# Zipf weights so the text has a realistic frequency profile.
WORDS = """the of and to a in that is for on was with he it as at by said from
his be an have has are but not they this were had their who been would will
after more also which one new about year when or than over two people its up
out all last there other first into only some could them so city government
state officials told week can years may time back under since while before
three police during what government public against many most percent because
our between where just like million including country around report last
president minister company told support house both still people while group
local part market health plan law department election news next high former
day court second well those own early through national world children made
way four even billion much work help water family months days another told
later school case party area decision months federal budget workers council
deal number community power since called service team industry price prices
economy board leaders security meeting policy program rights found show
called expected officials members left set least among end five major added
long says public agency data system control use business region told trade
across each investigation cost costs political rate rise fell growth talks
use services research energy oil global financial crisis vote border border
plans bank funding tax project level town residents region court judge
officers charges case statement spokesman spokeswoman interview according
expected announced confirmed reported warned agreed rejected approved
called asked added noted continued began remained reached became""".split()

FIRST = """Anna Ben Carla David Elena Farid Grace Hugo Ines James Keiko Liam
Maria Nadia Omar Priya Quinn Rosa Samuel Tara Umar Vera Wei Xavier Yara
Zoe Adam Bianca Chen Dmitri Esther Felix Gloria Hassan Irene Jonas Kofi
Lena Marco Nia Oscar Paula Rafael Sofia Tomas Ulla Victor Wanda Yusuf""".split()

ROLES = """mayor spokesperson minister director chief economist analyst
professor chairman governor senator councillor commissioner president
researcher lawyer union leader resident""".split()

CLUTTER = [
    "Share this article",
    "Subscribe to our newsletter for the latest updates.",
    "Sign up for breaking news alerts.",
    "Follow us on social media.",
    "Advertisement",
    "This article has been updated.",
    "Comments are closed.",
]

SECTIONS = ["World", "Politics", "Business", "Science", "Health", "Sport", "Culture", "Local"]


def syllable_word(rng, n_min, n_max):
    """A pronounceable made-up word: names of people, places, firms."""
    cons = "bcdfghjklmnprstvwz"
    vows = "aeiou"
    s = "".join(rng.choice(cons) + rng.choice(vows) + (rng.choice(cons) if rng.random() < 0.3 else "")
                for _ in range(rng.randint(n_min, n_max)))
    return s.capitalize()


class World:
    """Everything drawn once from the seed: outlets, people, places."""

    def __init__(self, rng):
        self.rng = rng
        seen = set()
        vocab = []
        for w in WORDS:
            if w not in seen:
                seen.add(w)
                vocab.append(w)
        self.n_real = len(vocab)
        # rarer made-up words extend the tail of the distribution
        while len(vocab) < 3000:
            w = syllable_word(rng, 2, 4).lower()
            if w not in seen:
                seen.add(w)
                vocab.append(w)
        self.vocab = vocab
        total = 0.0
        self.cum = []
        for i in range(len(vocab)):
            total += 1.0 / (i + 1.5) ** 1.1
            self.cum.append(total)
        self.surnames = [syllable_word(rng, 2, 3) for _ in range(3000)]
        self.places = [syllable_word(rng, 2, 4) for _ in range(800)]
        self.orgs = [syllable_word(rng, 2, 3) + " " + rng.choice(
            ["Group", "Holdings", "Institute", "Council", "Bank", "Union", "Partners", "Agency"])
            for _ in range(600)]
        self.outlets = []
        for _ in range(60):
            name = syllable_word(rng, 2, 3)
            kind = rng.choice(["Times", "Post", "Herald", "Daily", "News", "Tribune", "Observer"])
            domain = (name + kind).lower() + rng.choice([".com", ".co.uk", ".org", ".net", ".example"])
            self.outlets.append((name + " " + kind, domain))
        self.agencies = ["Wirepress", "Global Wire", "Newsline Agency"]

    def person(self):
        return self.rng.choice(FIRST) + " " + self.rng.choice(self.surnames)


class Event:
    def __init__(self, world, idx):
        rng = world.rng
        self.idx = idx
        self.place = rng.choice(world.places)
        self.org = rng.choice(world.orgs)
        self.people = [(world.person(), rng.choice(ROLES)) for _ in range(3)]
        self.terms = (rng.sample(world.vocab[60:world.n_real], 15) +
                      rng.sample(world.vocab[world.n_real:], 10))
        self.day = rng.randint(0, 3 * 365 - 1)  # days since 2022-01-01


def day_to_date(day):
    """Days since 2022-01-01 to (y, m, d)."""
    y = 2022
    while True:
        n = 366 if y % 4 == 0 else 365
        if day < n:
            break
        day -= n
        y += 1
    months = [31, 29 if y % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    m = 0
    while day >= months[m]:
        day -= months[m]
        m += 1
    return y, m + 1, day + 1


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


class Writer:
    """Draws the prose of reports."""

    def __init__(self, world):
        self.w = world
        self.rng = world.rng

    def number(self):
        rng = self.rng
        r = rng.random()
        if r < 0.3:
            return "%d.%d percent" % (rng.randint(0, 40), rng.randint(0, 9))
        if r < 0.55:
            return "$%d.%d million" % (rng.randint(1, 900), rng.randint(0, 9))
        if r < 0.7:
            return "{:,}".format(rng.randint(100, 250000))
        return str(rng.randint(2, 99))

    def words(self, ev, k):
        rng = self.rng
        ws = rng.choices(self.w.vocab, cum_weights=self.w.cum, k=k)
        # about one word in six is the event's own: names, terms, numbers
        for i in rng.sample(range(k), k // 6):
            r = rng.random()
            if r < 0.55:
                ws[i] = rng.choice(ev.terms)
            elif r < 0.7:
                ws[i] = ev.place
            elif r < 0.8:
                ws[i] = ev.org
            elif r < 0.9:
                ws[i] = ev.people[rng.randrange(3)][0]
            else:
                ws[i] = self.number()
        return ws

    def sentence(self, ev):
        rng = self.rng
        ws = self.words(ev, rng.randint(7, 24))
        if rng.random() < 0.25:
            ws[len(ws) // 2] += ","
        return " ".join(ws)

    def paragraph(self, ev):
        rng = self.rng
        r = rng.random()
        if r < 0.22:
            who, role = ev.people[rng.randrange(3)]
            q = self.sentence(ev)
            if rng.random() < 0.5:
                return '"%s%s," said %s, the %s of %s.' % (q[0].upper(), q[1:], who, role, ev.org)
            return '%s, %s, said: "%s%s."' % (who, role, q[0].upper(), q[1:])
        out = []
        for _ in range(rng.randint(2, 5)):
            s = self.sentence(ev)
            out.append(s[0].upper() + s[1:] + ".")
        return " ".join(out)

    def title(self, ev):
        rng = self.rng
        ws = self.words(ev, rng.randint(5, 10))
        if rng.random() < 0.5:
            ws[0] = ev.place
        t = " ".join(ws)
        return t[0].upper() + t[1:]


def make_original(writer, world, ev, key):
    rng = world.rng
    outlet, domain = rng.choice(world.outlets)
    authors = [world.person() for _ in range(1 if rng.random() < 0.8 else 2)]
    paras = [writer.paragraph(ev) for _ in range(rng.randint(4, 14))]
    clutter = []
    if rng.random() < 0.3:
        clutter.append(("after", 0, "Photo: %s / %s" % (world.person(), rng.choice(world.agencies))))
    if rng.random() < 0.3:
        clutter.append(("end", 0, "Read more: " + writer.title(ev)))
    if rng.random() < 0.25:
        clutter.append(("end", 0, rng.choice(CLUTTER)))
    if rng.random() < 0.15:
        clutter.append(("end", 0, "%s contributed reporting." % world.person()))
    day = ev.day + rng.randint(0, 2)
    return {
        "key": key, "event": ev.idx, "outlet": outlet, "domain": domain,
        "title": writer.title(ev), "authors": authors, "paras": paras, "clutter": clutter,
        "day": day, "hour": rng.randint(5, 22), "minute": rng.randint(0, 59),
        "section": rng.choice(SECTIONS),
    }


def edit_words(rng, vocab, cum, text, rate):
    """Substitute, delete or insert words at the given rate per word."""
    ws = text.split(" ")
    out = []
    for w in ws:
        if rng.random() >= rate:
            out.append(w)
            continue
        r = rng.random()
        if r < 0.5:
            out.append(rng.choices(vocab, cum_weights=cum)[0])
        elif r < 0.75:
            pass
        else:
            out.append(w)
            out.append(rng.choices(vocab, cum_weights=cum)[0])
    return " ".join(out) if out else text


EDIT_RATES = [0.0, 0.0, 0.02, 0.05, 0.05, 0.1, 0.15, 0.2, 0.3]


def make_copy(writer, world, orig, key):
    """A near-duplicate of orig by another outlet; returns (report, truth)."""
    rng = world.rng
    outlet, domain = rng.choice([o for o in world.outlets if o[0] != orig["outlet"]])
    rate = rng.choice(EDIT_RATES)
    paras = [edit_words(rng, world.vocab, world.cum, p, rate) for p in orig["paras"]]
    ops = ["edit=%g" % rate]
    if len(paras) > 3 and rng.random() < 0.3:
        i = rng.randrange(1, len(paras) - 1)
        paras[i], paras[i + 1] = paras[i + 1], paras[i]
        ops.append("swap=%d" % i)
    if len(paras) > 4 and rng.random() < 0.3:
        paras.pop()
        ops.append("drop_last")
    if rng.random() < 0.3:
        agency = rng.choice(world.agencies)
        paras[0] = "(%s) - %s" % (agency, paras[0])
        ops.append("wire_prefix")
    title = orig["title"]
    if rng.random() < 0.5:
        title = edit_words(rng, world.vocab, world.cum, title, 0.3)
        ops.append("retitle")
    rep = dict(orig)
    rep.update({
        "key": key, "outlet": outlet, "domain": domain, "title": title, "paras": paras,
        "authors": [world.person()] if rng.random() < 0.6 else [],
        "clutter": [], "day": orig["day"] + rng.randint(0, 1),
        "hour": rng.randint(5, 22), "minute": rng.randint(0, 59),
    })
    return rep, (key, orig["key"], rate, ",".join(ops))


# ---- output -----------------------------------------------------------------

def slug(title):
    s = "".join(c.lower() if c.isalnum() else "-" for c in title[:60])
    while "--" in s:
        s = s.replace("--", "-")
    return s.strip("-")


def url_of(rep):
    y, m, d = day_to_date(rep["day"])
    return "https://www.%s/%s/%04d/%02d/%02d/%s-%s" % (
        rep["domain"], rep["section"].lower(), y, m, d, slug(rep["title"]), rep["key"])


def body_lines(rep):
    """Paragraphs with the clutter put where sites put it."""
    out = []
    for i, p in enumerate(rep["paras"]):
        out.append(p)
        if i == 0:
            out.extend(c[2] for c in rep["clutter"] if c[0] == "after")
    out.extend(c[2] for c in rep["clutter"] if c[0] == "end")
    return out


def iso_time(rep):
    y, m, d = day_to_date(rep["day"])
    return "%04d-%02d-%02dT%02d:%02d:00Z" % (y, m, d, rep["hour"], rep["minute"])


def to_jsonl(rep):
    y, m, d = day_to_date(rep["day"])
    obj = {
        "url": url_of(rep),
        "source_domain": rep["domain"],
        "title": rep["title"],
        "authors": rep["authors"],
        "date_publish": "%04d-%02d-%02d %02d:%02d:00" % (y, m, d, rep["hour"], rep["minute"]),
        "language": "en",
        "maintext": "\n".join(body_lines(rep)),
    }
    return (json.dumps(obj, ensure_ascii=False) + "\n").encode()


def to_txt(rep):
    lines = [rep["title"], ""]
    if rep["authors"]:
        lines += ["By " + " and ".join(rep["authors"]), ""]
    for p in body_lines(rep):
        lines += [p, ""]
    return "\n".join(lines).encode()


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def to_html(rep, rng):
    y, m, d = day_to_date(rep["day"])
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": rep["title"],
          "datePublished": iso_time(rep),
          "author": [{"@type": "Person", "name": a} for a in rep["authors"]],
          "publisher": {"@type": "Organization", "name": rep["outlet"]}}
    nav = "".join('<li><a href="/%s/">%s</a></li>' % (s.lower(), s) for s in SECTIONS)
    paras = []
    for i, p in enumerate(rep["paras"]):
        paras.append("<p>%s</p>" % esc(p))
        if i == 0:
            for c in rep["clutter"]:
                if c[0] == "after":
                    paras.append('<figure><img src="/img/%s.jpg" alt=""><figcaption>%s</figcaption>'
                                 "</figure>" % (rep["key"], esc(c[2])))
    for c in rep["clutter"]:
        if c[0] == "end":
            paras.append('<p class="extra">%s</p>' % esc(c[2]))
    related = "".join('<li><a href="/story/%d">%s</a></li>' % (rng.randint(1, 99999), esc(t))
                      for t in ("More from " + rep["outlet"], "Most read today", "Opinion"))
    byline = ""
    if rep["authors"]:
        byline = '<p class="byline">By %s</p>' % esc(" and ".join(rep["authors"]))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>%s | %s</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta property="og:title" content="%s"><meta property="og:site_name" content="%s">'
        '<meta property="article:published_time" content="%s">'
        '<link rel="stylesheet" href="/static/site.css">'
        '<script type="application/ld+json">%s</script>'
        '<script src="/static/app.js" async></script></head>\n'
        '<body><header class="site-header"><a class="logo" href="/">%s</a>'
        '<nav><ul>%s</ul></nav><form class="search"><input name="q"></form></header>\n'
        '<main><article><h1>%s</h1>%s<time datetime="%s">%d %s %d</time>\n%s\n'
        '<aside class="related"><h2>Related</h2><ul>%s</ul></aside></article></main>\n'
        '<footer><p>&copy; %d %s. All rights reserved.</p><ul><li><a href="/privacy">Privacy</a>'
        '</li><li><a href="/terms">Terms</a></li><li><a href="/contact">Contact</a></li></ul>'
        "</footer><script>window.dataLayer=window.dataLayer||[];</script></body></html>\n"
        % (esc(rep["title"]), esc(rep["outlet"]), esc(rep["title"]), esc(rep["outlet"]),
           iso_time(rep), json.dumps(ld), esc(rep["outlet"]), nav, esc(rep["title"]), byline,
           iso_time(rep), d, MONTHS[m - 1], y, "\n".join(paras), related, y,
           esc(rep["outlet"]))).encode()


def warc_record(rng, wtype, uri, date, ctype, payload):
    rid = "%08x-%04x-%04x-%04x-%012x" % (rng.getrandbits(32), rng.getrandbits(16),
                                         rng.getrandbits(16), rng.getrandbits(16),
                                         rng.getrandbits(48))
    head = ("WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Date: %s\r\n"
            "WARC-Target-URI: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n"
            % (wtype, rid, date, uri, ctype, len(payload)))
    return head.encode() + payload + b"\r\n\r\n"


def to_warc(rep, rng):
    uri = url_of(rep)
    y, m, d = day_to_date(rep["day"] + 1)
    crawl = "%04d-%02d-%02dT%02d:%02d:%02dZ" % (y, m, d, rng.randint(0, 23), rng.randint(0, 59),
                                               rng.randint(0, 59))
    host = uri.split("/")[2]
    path = "/" + uri.split("/", 3)[3]
    req = ("GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: gen/1.0\r\nAccept: text/html\r\n\r\n"
           % (path, host)).encode()
    html = to_html(rep, rng)
    resp = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            b"Content-Length: %d\r\nCache-Control: max-age=60\r\n\r\n" % len(html)) + html
    return [warc_record(rng, "request", uri, crawl, "application/http; msgtype=request", req),
            warc_record(rng, "response", uri, crawl, "application/http; msgtype=response", resp)]


def gzip_member(data):
    c = zlib.compressobj(6, zlib.DEFLATED, 31)
    return c.compress(data) + c.flush()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--n", type=int, default=1000, help="reports to make (unless --mb)")
    ap.add_argument("--mb", type=float, default=0, help="stop after this many MB of output")
    ap.add_argument("--dup", type=float, default=0.0, help="share of reports that are near-copies")
    ap.add_argument("--format", choices=["jsonl", "warc", "warc.gz", "txt"], default="jsonl")
    ap.add_argument("--per-file", type=int, default=20000, help="reports per jsonl/warc file")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    if not 0 <= a.dup < 1:
        sys.exit("gen: --dup must be in [0, 1)")
    rdir = os.path.join(a.out, "reports")
    os.makedirs(rdir, exist_ok=True)
    rng = random.Random(a.seed)
    world = World(rng)
    writer = Writer(world)
    limit = int(a.mb * 1024 * 1024) if a.mb else 0
    truth = open(os.path.join(a.out, "truth.tsv"), "w")
    truth.write("copy\toriginal\tedit_rate\tops\n")
    events_f = open(os.path.join(a.out, "events.tsv"), "w")
    events_f.write("report\tevent\n")
    originals = []
    events = []
    out = None
    written = 0
    i = 0
    ext = {"jsonl": "jsonl", "warc": "warc", "warc.gz": "warc.gz", "txt": "txt"}[a.format]
    while (limit and written < limit) or (not limit and i < a.n):
        key = "g%07d" % i
        if originals and rng.random() < a.dup:
            rep, t = make_copy(writer, world, rng.choice(originals), key)
            truth.write("%s\t%s\t%g\t%s\n" % t)
        else:
            # a new event about one report in four; else another outlet's take
            if not events or rng.random() < 0.25:
                events.append(Event(world, len(events)))
            ev = events[-1] if rng.random() < 0.5 else rng.choice(events[-50:])
            rep = make_original(writer, world, ev, key)
            originals.append(rep)
            if len(originals) > 5000:
                originals.pop(rng.randrange(len(originals)))  # bounded memory
        events_f.write("%s\t%d\n" % (key, rep["event"]))
        if a.format == "txt":
            data = to_txt(rep)
            with open(os.path.join(rdir, key + ".txt"), "wb") as f:
                f.write(data)
        else:
            if i % a.per_file == 0:
                if out:
                    out.close()
                out = open(os.path.join(rdir, "part-%04d.%s" % (i // a.per_file, ext)), "wb")
            if a.format == "jsonl":
                data = to_jsonl(rep)
            else:
                recs = to_warc(rep, rng)
                if a.format == "warc.gz":
                    recs = [gzip_member(r) for r in recs]
                data = b"".join(recs)
            out.write(data)
        written += len(data)
        i += 1
    if out:
        out.close()
    truth.close()
    events_f.close()
    print("gen: %d reports, %.1f MB in %s" % (i, written / 1048576.0, rdir), file=sys.stderr)


if __name__ == "__main__":
    main()
