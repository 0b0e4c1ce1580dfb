#!/usr/bin/env python3
"""tests/crash/crash.py: the crash-safety harness (issue 7). Seeded: the
same --seed gives the same kill points (delays and bytes); whether a late
timed kill lands before the run completes depends on the machine's speed.
It generates a corpus (bench/gen_corpus.py), stores it once without
interruption (the reference), then runs `sift add` on a fresh store again and again,
SIGKILLing it at random points: after a random delay (while reading,
inside a batch, while committing), or through tests/fault/fault.c at a
random byte written to the store (inside the commit's WAL writes, torn
frames included). After each kill it checks: PRAGMA integrity_check;
`sift check`; the reports stored are a prefix of the reference's, in the
same order (none lost, none stored twice, none unexpected); at least as
many as a concurrent reader (tests/crash/poll.py) saw committed before
the kill. Then it re-runs the same `sift add`. A run that completes
closes a cycle: its canonical dump (tests/crash/dump.py) must equal the
reference's, and the next cycle starts from an empty store.

Run by tests/crash/crash.sh (make check, 20 kills) and bench/crash.sh (200).
"""
import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def run_poller(db, out):
    if os.path.exists(out):
        os.unlink(out)
    return subprocess.Popen([sys.executable, os.path.join(HERE, "poll.py"), db, out])


def stop_poller(p, out):
    p.send_signal(signal.SIGTERM)
    p.wait()
    try:
        best, errors = open(out).read().split()
        return int(best), int(errors)
    except (OSError, ValueError):
        return -1, 0


def ids_in_order(db):
    if not os.path.exists(db):
        return []
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return [r[0] for r in con.execute("SELECT id FROM report ORDER BY rid")]
    except sqlite3.OperationalError as e:
        if "no such table" in str(e):
            return []
        raise
    finally:
        con.close()


def integrity(db):
    if not os.path.exists(db):
        return "ok"
    # Read-write: after a kill the WAL may need recovery, which a read-only
    # connection cannot run ("attempt to write a readonly database"); the
    # next opener, sift or this check, recovers it the same way.
    con = sqlite3.connect(db)
    try:
        return "; ".join(r[0] for r in con.execute("PRAGMA integrity_check"))
    finally:
        con.close()


def dump(db):
    return subprocess.run([sys.executable, os.path.join(HERE, "dump.py"), db],
                          check=True, capture_output=True).stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sift", required=True)
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--n-reports", type=int, default=1500)
    ap.add_argument("--work", required=True)
    ap.add_argument("--fault-so", default="")
    ap.add_argument("--jsonl", type=int, default=0, help="reports per JSON Lines file")
    a = ap.parse_args()
    sift = os.path.abspath(a.sift)
    os.makedirs(a.work, exist_ok=True)
    corpus = os.path.join(a.work, "corpus")
    if not os.path.isdir(corpus):
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen_corpus.py"),
                        "--seed", str(a.seed), "--n", str(a.n_reports), "--jsonl", str(a.jsonl),
                        "--out", corpus],
                       check=True)
    env = dict(os.environ)
    env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":verify_asan_link_order=0"

    ref = os.path.join(a.work, "ref.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(ref + suffix):
            os.unlink(ref + suffix)
    t0 = time.monotonic()
    subprocess.run([sift, "--db", ref, "add", "--quiet", corpus], check=True, env=env)
    t_ref = time.monotonic() - t0
    ref_ids = ids_in_order(ref)
    ref_dump = dump(ref)
    ref_bytes = os.path.getsize(ref)
    print("crash: %d reports, reference run %.2f s, store %d bytes" %
          (len(ref_ids), t_ref, ref_bytes))

    rnd = random.Random(a.seed)
    st = {"kills": 0, "timer": 0, "byte": 0, "lost": 0, "dups": 0, "integrity": 0,
          "check": 0, "order": 0, "locked": 0, "add_failed": 0, "cycles": 0, "unequal": 0,
          "reader_errors": 0}
    cycle = 0
    store = os.path.join(a.work, "store%d.db" % cycle)
    poll_out = os.path.join(a.work, "poll.txt")
    err_path = os.path.join(a.work, "add.err")
    failures = []

    def fail(kind, msg):
        st[kind] += 1
        failures.append(msg)
        print("crash: FAIL " + msg)

    def verify(before_n, seen, what):
        ok = integrity(store)
        if ok != "ok":
            fail("integrity", "%s: integrity_check: %s" % (what, ok[:200]))
        if os.path.exists(store):
            c = subprocess.run([sift, "--db", store, "check"], capture_output=True, text=True,
                               env=env)
            is_empty = c.returncode == 3 and "no store here" in c.stderr and not ids_in_order(store)
            if c.returncode != 0 and not is_empty:
                fail("check", "%s: sift check %d: %s%s" %
                     (what, c.returncode, c.stdout[-300:], c.stderr[-300:]))
        ids = ids_in_order(store)
        if len(ids) != len(set(ids)):
            fail("dups", "%s: %d duplicates" % (what, len(ids) - len(set(ids))))
        if ids != ref_ids[:len(ids)]:
            fail("order", "%s: stored reports are not a prefix of the reference" % what)
        floor = max(before_n, seen)
        if len(ids) < floor:
            st["lost"] += floor - len(ids)
            failures.append("%s: %d committed reports lost" % (what, floor - len(ids)))
            print("crash: FAIL " + failures[-1])
        return len(ids)

    n_now = 0
    while True:
        finishing = st["kills"] >= a.kills
        mode = "none" if finishing else rnd.choice(["timer", "byte"])
        cmd = [sift, "--db", store, "add", "--quiet", corpus]
        poller = run_poller(store, poll_out)
        run_env = dict(env)
        point = ""
        try:
            with open(err_path, "w") as err:
                if mode == "byte":
                    after = rnd.randint(0, int(ref_bytes * 1.5))
                    point = "byte %d" % after
                    run_env.update(LD_PRELOAD=a.fault_so, SIFT_FAULT="kill",
                                   SIFT_FAULT_AFTER=str(after))
                    rc = subprocess.run(cmd, env=run_env, stderr=err).returncode
                else:
                    p = subprocess.Popen(cmd, env=run_env, stderr=err)
                    if mode == "timer":
                        delay = rnd.uniform(0, t_ref * 1.2)
                        point = "after %.3f s" % delay
                        try:
                            p.wait(timeout=delay)
                        except subprocess.TimeoutExpired:
                            p.send_signal(signal.SIGKILL)
                    rc = p.wait()
        except BaseException:
            # no poller left behind when the harness itself fails
            stop_poller(poller, poll_out)
            raise
        seen, reader_errors = stop_poller(poller, poll_out)
        st["reader_errors"] += reader_errors
        errtext = open(err_path).read()
        if "locked" in errtext:
            fail("locked", "'database is locked' reached the user: " + errtext[-200:])
        killed = rc == -signal.SIGKILL
        if killed:
            st["kills"] += 1
            st[mode] += 1
            what = "kill %d (%s)" % (st["kills"], point)
        elif rc != 0:
            fail("add_failed", "sift add exited %d: %s" % (rc, errtext[-300:]))
            what = "failed run"
        else:
            what = "complete run"
        n_now = verify(n_now, seen, what)
        if not killed and rc == 0:
            st["cycles"] += 1
            if dump(store) != ref_dump:
                fail("unequal", "cycle %d: final state differs from the unkilled run" % cycle)
            if finishing:
                break
            cycle += 1
            store = os.path.join(a.work, "store%d.db" % cycle)
            n_now = 0
        elif finishing and rc != 0:
            break
    print("crash: kills %d (timer %d, at a byte written %d), cycles completed %d, "
          "committed reports lost %d, duplicates %d, integrity errors %d, sift check failures "
          "%d, out of order %d, 'locked' errors %d, reader errors %d, final state %s" %
          (st["kills"], st["timer"], st["byte"], st["cycles"], st["lost"], st["dups"],
           st["integrity"], st["check"], st["order"], st["locked"], st["reader_errors"],
           "equal to the unkilled run" if st["unequal"] == 0 else "DIFFERENT"))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
