"""tests/lib/served.py: a `sift serve --port 0` on the case's store
($SIFT_DB) for the Python golden cases, with the check/fail helpers they
share: one line per check, and on the first failure the server is stopped
and the script exits 1."""
import signal
import subprocess
import sys
import urllib.parse


class Served:
    def __init__(self):
        self.proc = subprocess.Popen(["sift", "serve", "--port", "0"], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        self.url = self.proc.stdout.readline().strip()
        parts = urllib.parse.urlsplit(self.url)
        self.host, self.port = parts.hostname, parts.port

    def fail(self, name, why):
        print(f"FAIL {name}: {why}")
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=30)
        sys.exit(1)

    def check(self, name, ok, why=""):
        if not ok:
            self.fail(name, why)
        print("ok   " + name)

    def stop(self):
        """SIGTERM; returns the exit status and what the server wrote on stderr."""
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout=60)
        return code, self.proc.stderr.read()
