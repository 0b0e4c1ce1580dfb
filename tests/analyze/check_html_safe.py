#!/usr/bin/env python3
"""tests/analyze/check_html_safe.py: fail unless an HTML page from
`sift analyze --format html` holds only the renderer's own markup.

Parses the page and rejects any element outside the renderer's fixed set,
any attribute whose name starts with "on", and any raw "<script", "<img",
"<svg" or "<iframe" in the bytes. Then checks the hostile strings given on
the command line do occur as text (so they were escaped, not dropped).
Usage: check_html_safe.py page.html [must-appear-as-text ...]"""
import html.parser
import re
import sys

ALLOWED = {"html", "head", "meta", "title", "body", "h2", "ul", "li"}


class Walk(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bad = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED:
            self.bad.append("element <%s>" % tag)
        for name, _ in attrs:
            if name.lower().startswith("on") or tag != "meta":
                self.bad.append("attribute %s on <%s>" % (name, tag))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag not in ALLOWED:
            self.bad.append("end tag </%s>" % tag)

    def handle_data(self, data):
        self.text.append(data)


def main():
    page = open(sys.argv[1], encoding="utf-8").read()
    w = Walk()
    w.feed(page)
    w.close()
    for m in re.finditer(r"<\s*/?\s*(script|img|svg|iframe)", page, re.I):
        w.bad.append("raw %r at %d" % (m.group(0), m.start()))
    text = "".join(w.text)
    for want in sys.argv[2:]:
        if want not in text:
            w.bad.append("hostile text %r not shown (escaped) at all" % want)
    for b in w.bad:
        print("unsafe:", b)
    print("ok" if not w.bad else "FAIL")
    return 1 if w.bad else 0


if __name__ == "__main__":
    sys.exit(main())
