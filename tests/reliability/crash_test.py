#!/usr/bin/env python3
"""Crash safety: SIGKILL a writer at random moments and check the database.

Usage: crash_test.py DYAD_BIN [--kills K] [--iterations N] [--seconds S] [--seed X]

Each iteration starts one writer on the same database and kills it with
SIGKILL after a random delay:
  - shell:  `dyad --db D --sync shell` fed a stream of write statements; a
            statement is acknowledged once its result line is printed;
  - query:  `dyad --db D --sync query STATEMENT` processes, one after another;
            a statement is acknowledged when its process exited with 0;
  - load:   `dyad --db D load FILE` of a JSON Lines file of thousands of
            nodes and edges, acknowledged when the process exited with 0.
Every write statement creates one :Item node and two relationships to the
hub, all carrying the statement's tag, and adds 1 to hub.n.

After each kill the database must open, `dyad check` must pass, and:
  - every acknowledged tag is present, and no tag that no writer attempted;
  - every :Item has exactly its two relationships (nothing half-applied) and
    hub.n equals the number of items (the update and the creates commit
    together);
  - every load is all or nothing, and complete when acknowledged;
  - `dyad stats` agrees with the counts the queries see.
Prints a summary line: kills, acknowledged writes, elapsed seconds.
"""
import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

LOAD_NODES = 4000  # nodes per load file (and as many edges)


class Failure(Exception):
    pass


def run(dyad, db, *args, sync=False, check=True, timeout=120):
    cmd = [dyad, "--db", db] + (["--sync"] if sync else []) + list(args)
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if check and p.returncode != 0:
        raise Failure(f"{' '.join(args[:2])} exited {p.returncode}: {p.stderr.strip()[:500]}")
    return p


def query_docs(dyad, db, *statements):
    """Runs the statements in one process; returns the rows of each."""
    p = run(dyad, db, "query", "--format", "json", ";\n".join(statements))
    docs = [json.loads(line) for line in p.stdout.splitlines() if line.strip()]
    if len(docs) != len(statements):
        raise Failure(f"expected {len(statements)} results, got {p.stdout[:300]}")
    return [d["rows"] for d in docs]


def write_statement(tag):
    return (f"MATCH (h:Hub {{key: 'hub'}}) CREATE (n:Item {{tag: '{tag}'}})-[:TO {{tag: '{tag}'}}]->(h), "
            f"(h)-[:BACK {{tag: '{tag}'}}]->(n) SET h.n = h.n + 1 RETURN '{tag}' AS ack")


def make_load_file(path, batch):
    with open(path, "w") as f:
        for i in range(LOAD_NODES):
            f.write(json.dumps({"key": f"b{batch}-{i}", "labels": ["Loaded"],
                                "properties": {"batch": batch, "i": i, "name": f"node {i} of batch {batch}"}}) + "\n")
        for i in range(LOAD_NODES):
            f.write(json.dumps({"type": "NEXT", "from": f"b{batch}-{i}", "to": f"b{batch}-{(i + 1) % LOAD_NODES}",
                                "properties": {"batch": batch}}) + "\n")


class Writer:
    """One writer process of a given mode, killed after `delay` seconds."""

    def __init__(self, dyad, db, mode, first_tag, workdir, rng):
        self.dyad, self.db, self.mode, self.rng = dyad, db, mode, rng
        self.next_tag = first_tag
        self.acked = []        # tags acknowledged (shell, query)
        self.attempted = []    # tags that may have been written
        self.load = None       # (batch, acknowledged) for a load
        self.workdir = workdir
        self.killed = False

    def tag(self):
        t = f"t{self.next_tag}"
        self.next_tag += 1
        return t

    def run_for(self, delay, batch):
        if self.mode == "shell":
            self._shell(delay)
        elif self.mode == "query":
            self._queries(delay)
        else:
            self._load(delay, batch)

    def _shell(self, delay):
        tags = [self.tag() for _ in range(3000)]
        self.attempted = tags
        script = ":format csv\n" + "".join(write_statement(t) + ";\n" for t in tags)
        p = subprocess.Popen([self.dyad, "--db", self.db, "--sync", "shell"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        out = []

        def feed():
            try:
                p.stdin.write(script)
                p.stdin.close()
            except (BrokenPipeError, OSError):
                pass

        def read():
            for line in p.stdout:
                out.append(line.strip())

        threads = [threading.Thread(target=feed), threading.Thread(target=read)]
        for t in threads:
            t.start()
        time.sleep(delay)
        self.killed = p.poll() is None
        p.send_signal(signal.SIGKILL)
        p.wait()
        for t in threads:
            t.join()
        p.stderr.close()
        self.acked = [line for line in out if line.startswith("t") and line[1:].isdigit()]

    def _queries(self, delay):
        deadline = time.monotonic() + delay
        while True:
            t = self.tag()
            self.attempted.append(t)
            p = subprocess.Popen([self.dyad, "--db", self.db, "--sync", "query", write_statement(t)],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            try:
                _, err = p.communicate(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                p.send_signal(signal.SIGKILL)
                p.communicate()
                self.killed = True
                return
            if p.returncode != 0:
                raise Failure(f"write query failed: {err.strip()[:300]}")
            self.acked.append(t)

    def _load(self, delay, batch):
        path = os.path.join(self.workdir, f"load{batch}.jsonl")
        make_load_file(path, batch)
        p = subprocess.Popen([self.dyad, "--db", self.db, "load", path],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            _, err = p.communicate(timeout=delay)
            if p.returncode != 0:
                raise Failure(f"load failed: {err.strip()[:300]}")
            self.load = (batch, True)
        except subprocess.TimeoutExpired:
            p.send_signal(signal.SIGKILL)
            p.communicate()
            self.load = (batch, False)
            self.killed = True
        os.remove(path)


def verify(dyad, db, acked, attempted, loads):
    """Checks the database after a kill; returns the number of items."""
    run(dyad, db, "check")
    items, hub, rels, batches, totals = query_docs(
        dyad, db,
        "MATCH (n:Item) OPTIONAL MATCH (n)-[r]-() WITH n, count(r) AS c, collect(DISTINCT r.tag) AS rt "
        "RETURN n.tag, c, rt",
        "MATCH (h:Hub) RETURN h.n",
        "MATCH ()-[r]->() WHERE r.tag IS NOT NULL RETURN count(r)",
        "MATCH (n:Loaded) OPTIONAL MATCH (n)-[r:NEXT]->() RETURN n.batch, count(DISTINCT n), count(r)",
        "MATCH (n) WITH count(n) AS nodes OPTIONAL MATCH ()-[r]->() RETURN nodes, count(r)")
    tags = set()
    for tag, c, rt in items:
        if c != 2 or rt != [tag]:
            raise Failure(f"item {tag} is half-applied: {c} relationships with tags {rt}")
        if tag in tags:
            raise Failure(f"item {tag} is present twice")
        tags.add(tag)
    missing = [t for t in acked if t not in tags]
    if missing:
        raise Failure(f"{len(missing)} acknowledged writes are missing, e.g. {missing[:5]}")
    phantoms = sorted(tags - attempted)
    if phantoms:
        raise Failure(f"items no writer attempted: {phantoms[:5]}")
    if hub != [[len(tags)]]:
        raise Failure(f"hub.n is {hub}, but there are {len(tags)} items")
    rels = rels[0][0]
    if rels != 2 * len(tags):
        raise Failure(f"{rels} tagged relationships for {len(tags)} items")
    per_batch = {b: (n, e) for b, n, e in batches}
    per_batch_all = dict(per_batch)
    for batch, done in loads:
        n, e = per_batch.pop(batch, (0, 0))
        if (n, e) not in ((0, 0), (LOAD_NODES, LOAD_NODES)):
            raise Failure(f"load {batch} is partial: {n} nodes, {e} edges")
        if done and n == 0:
            raise Failure(f"load {batch} was acknowledged but is missing")
    if per_batch:
        raise Failure(f"unexpected loaded batches {sorted(per_batch)}")
    stats = json.loads(run(dyad, db, "stats", "--format", "json").stdout)
    total_nodes, total_rels = totals[0]
    loaded = sum(n for n, _ in per_batch_all.values())
    want = {"nodes": total_nodes, "relationships": total_rels, "Item": len(tags), "Loaded": loaded,
            "TO": len(tags), "BACK": len(tags), "NEXT": loaded}
    got = {"nodes": stats["nodes"], "relationships": stats["relationships"],
           "Item": stats["labels"].get("Item", 0), "Loaded": stats["labels"].get("Loaded", 0),
           "TO": stats["types"].get("TO", 0), "BACK": stats["types"].get("BACK", 0),
           "NEXT": stats["types"].get("NEXT", 0)}
    if got != want:
        raise Failure(f"dyad stats says {got}, the queries see {want}")
    return len(tags)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dyad")
    ap.add_argument("--kills", type=int, default=50, help="kill at least this many writers")
    ap.add_argument("--iterations", type=int, default=60, help="then go on up to this many writers ...")
    ap.add_argument("--seconds", type=float, default=150, help="... while the run is shorter than this")
    ap.add_argument("--seed", type=int, default=None)
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    workdir = tempfile.mkdtemp(prefix="dyad-crash-")
    db = os.path.join(workdir, "db")
    start = time.monotonic()
    kills = acked_total = 0
    try:
        run(args.dyad, db, "query", "CREATE (:Hub {key: 'hub', n: 0})", sync=True)
        acked, attempted, loads = [], set(), []
        next_tag = 0
        load_seconds = None
        modes = ["shell", "query", "load"]
        i = 0
        # At least --kills kills; more while time and --iterations allow.
        while kills < args.kills or (i < args.iterations and time.monotonic() - start < args.seconds):
            if i >= 3 * max(args.kills, args.iterations):
                raise Failure(f"only {kills} of {i} writers were still running when killed")
            mode = modes[i % 3]
            w = Writer(args.dyad, db, mode, next_tag, workdir, rng)
            # Loads: the first runs to the end to time one; later ones are
            # killed at a random point of that time (a few finish anyway).
            if mode != "load":
                delay = rng.uniform(0.05, 1.0)
            else:
                delay = 120 if load_seconds is None else rng.uniform(0.02, 1.1 * load_seconds)
            t0 = time.monotonic()
            w.run_for(delay, batch=i)
            if mode == "load" and load_seconds is None:
                load_seconds = time.monotonic() - t0
            next_tag = w.next_tag
            acked += w.acked
            attempted.update(w.attempted)
            if w.load:
                loads.append(w.load)
            kills += w.killed
            try:
                items = verify(args.dyad, db, acked, attempted, loads)
            except Failure as e:
                raise Failure(f"iteration {i} ({mode}, killed after {delay:.2f} s): {e}") from None
            i += 1
        acked_total = len(acked)
        done_loads = sum(1 for _, d in loads if d)
        shutil.rmtree(workdir, ignore_errors=True)
        print(f"crash_test: {kills} kills survived (seed {seed}), {acked_total} acknowledged writes all present, "
              f"{items} items intact, {len(loads)} loads ({done_loads} completed) all-or-nothing, "
              f"{time.monotonic() - start:.0f} s")
        return 0
    except Failure as e:
        print(f"crash_test FAILED (seed {seed}, database kept in {workdir}): {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
