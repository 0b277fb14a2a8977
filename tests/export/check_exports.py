#!/usr/bin/env python3
"""Checks `dyad export` with real readers and the algo.* procedures against
networkx, on the embedded default graph and on a generated graph.

    check_exports.py DYAD_BIN core      networkx reads GraphML, GEXF, D3 (counts,
                                        values, types); Cytoscape JSON; Graphviz
                                        dot renders DOT to SVG; PageRank,
                                        betweenness, components, degree and
                                        shortest paths equal networkx's
    check_exports.py DYAD_BIN kuzu      the CSV files load into Kuzu (npm kuzu)
                                        with the same counts and typed values
    check_exports.py DYAD_BIN browser   Cytoscape.js renders the elements JSON
                                        in headless Chromium

Exit 0: passed; 1: failed; 77: a reader is not installed (ctest: skipped).
"""
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SKIP = 77

try:
    import networkx as nx
except ImportError:  # Debian's python3-networkx lives with /usr/bin/python3
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != "/usr/bin/python3" \
            and not os.environ.get("DYAD_CHECK_REEXEC"):
        os.environ["DYAD_CHECK_REEXEC"] = "1"
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    print("SKIP: python3 networkx is not installed (apt-get install python3-networkx)")
    sys.exit(SKIP)
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

FAILURES = []
CHECKS = [0]


def check(cond, what):
    CHECKS[0] += 1
    if not cond:
        FAILURES.append(what)
        print("FAIL:", what)


class Dyad:
    """Runs the dyad binary on one database (None: the embedded default)."""

    def __init__(self, binary, db, env):
        self.binary, self.db, self.env = binary, db, env

    def run(self, *args, stdin=None):
        cmd = [self.binary] + (["--db", self.db] if self.db else []) + list(args)
        p = subprocess.run(cmd, input=stdin, capture_output=True, env=self.env, timeout=600)
        self.stderr = p.stderr.decode()
        if p.returncode != 0:
            raise RuntimeError("%s failed (%d): %s" % (" ".join(cmd[:4]), p.returncode, p.stderr.decode()))
        return p.stdout

    def query(self, q):
        return json.loads(self.run("query", "--format", "json", q).decode().splitlines()[-1])["rows"]

    def export(self, fmt, path, query=None):
        args = ["export", "--format", fmt, "-o", path] + (["--query", query] if query else [])
        return self.run(*args)


# ---------------------------------------------------------------------------
# What dyad holds, to compare the exports with.

def truth(dyad):
    nodes = {}
    for (n,) in dyad.query("MATCH (n) RETURN n"):
        n = n["~node"]
        nodes["n%d" % n["id"]] = n
    edges = {}
    for (r,) in dyad.query("MATCH ()-[r]->() RETURN r"):
        r = r["~rel"]
        edges["e%d" % r["id"]] = r
    return nodes, edges


def tagged_text(v):
    """The text a string attribute holds for a dyad JSON value."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dict) and len(v) == 1:
        tag, text = next(iter(v.items()))
        if tag in ("~date", "~datetime", "~duration"):
            return text
    if isinstance(v, (list, dict)):
        return None  # JSON text, compared structurally
    return str(v)


def same_value(got, want, attr_type):
    """got: what the reader produced; want: dyad's tagged JSON value."""
    if attr_type in ("long", "int", "integer"):
        return type(got) is int and got == want
    if attr_type in ("double", "float"):
        return type(got) is float and (got == float(want) or (math.isnan(got) and math.isnan(float(want))))
    if attr_type == "boolean":
        return type(got) is bool and got == want
    if not isinstance(got, str):
        return False
    text = tagged_text(want)
    if text is None:
        return json.loads(got) == want
    if isinstance(want, float):
        return float(got) == want
    return got == text


def xml_types(path, ns, tag, id_attr, name_attr, type_attr):
    """{(for, name): type} of the attribute declarations of a GraphML/GEXF file."""
    out = {}
    root = ET.parse(path).getroot()
    if tag == "key":
        for k in root.iter("{%s}key" % ns):
            out[(k.get("for"), k.get(name_attr))] = k.get(type_attr)
    else:
        for a in root.iter("{%s}attributes" % ns):
            for k in a.iter("{%s}attribute" % ns):
                out[(a.get("class"), k.get(name_attr))] = k.get(type_attr)
    return out


RENAMED = {"labels", "label", "type", "id"}


def check_props(kind, fmt, elem_id, data, props, types, skip=()):
    for k, v in props.items():
        if k in skip:
            continue
        attr = "p_" + k if k in RENAMED else k
        t = types.get((kind, attr))
        check(attr in data, "%s %s %s: property %s missing" % (fmt, kind, elem_id, k))
        if attr in data:
            check(same_value(data[attr], v, t),
                  "%s %s %s: %s = %r (%s), expected %r" % (fmt, kind, elem_id, k, data[attr], t, v))


def check_graphml(dyad, tmp, nodes, edges, name):
    path = os.path.join(tmp, name + ".graphml")
    dyad.export("graphml", path)
    g = nx.read_graphml(path)
    if not g.is_multigraph():
        g = nx.MultiDiGraph(g)
    check(g.number_of_nodes() == len(nodes), "graphml %s: %d nodes, expected %d" % (name, g.number_of_nodes(), len(nodes)))
    check(g.number_of_edges() == len(edges), "graphml %s: %d edges, expected %d" % (name, g.number_of_edges(), len(edges)))
    types = xml_types(path, "http://graphml.graphdrawing.org/xmlns", "key", "id", "attr.name", "attr.type")
    for nid, n in nodes.items():
        data = g.nodes[nid]
        check(data.get("labels") == "".join(":" + l for l in n["labels"]), "graphml %s labels" % nid)
        check_props("node", "graphml", nid, data, n["properties"], types)
    by_id = {d.get("id", k): (u, v, d) for u, v, k, d in g.edges(keys=True, data=True)}
    for eid, e in edges.items():
        u, v, d = by_id.get(eid, (None, None, {}))
        check(u == "n%d" % e["start"] and v == "n%d" % e["end"], "graphml %s endpoints" % eid)
        check(d.get("type") == e["type"], "graphml %s type" % eid)
        check_props("edge", "graphml", eid, d, e["properties"], types)
    print("graphml %s: %d nodes, %d edges, %d keys checked" % (name, len(nodes), len(edges), len(types)))
    return g


def check_gexf(dyad, tmp, nodes, edges, name):
    path = os.path.join(tmp, name + ".gexf")
    dyad.export("gexf", path)
    g = nx.read_gexf(path)
    check(g.number_of_nodes() == len(nodes), "gexf %s: %d nodes, expected %d" % (name, g.number_of_nodes(), len(nodes)))
    check(g.number_of_edges() == len(edges), "gexf %s: %d edges, expected %d" % (name, g.number_of_edges(), len(edges)))
    types = {}
    root = ET.parse(path).getroot()
    ns = root.tag[1:].split("}")[0]
    for a in root.iter("{%s}attributes" % ns):
        for k in a.iter("{%s}attribute" % ns):
            types[(a.get("class"), k.get("title"))] = k.get("type")
    dated = 0
    for nid, n in nodes.items():
        data = g.nodes[nid]
        check(data.get("labels") == "".join(":" + l for l in n["labels"]), "gexf %s labels" % nid)
        # start/end become the timeline's interval (same text for dates)
        check_props("node", "gexf", nid, data, n["properties"], types, skip=("start", "end"))
        start = n["properties"].get("start") or n["properties"].get("date") or n["properties"].get("established")
        if isinstance(start, dict) and "~date" in start:
            dated += 1
            check(data.get("start") == start["~date"], "gexf %s start %r" % (nid, data.get("start")))
    edge_data = {d["id"]: d for _, _, d in g.edges(data=True)}
    for eid, e in edges.items():
        d = edge_data.get(eid, {})
        check(d.get("label") == e["type"], "gexf %s label" % eid)
        check_props("edge", "gexf", eid, d, e["properties"], types, skip=("start", "end"))
        date = e["properties"].get("date")
        if isinstance(date, dict) and "~date" in date:
            dated += 1
            check(d.get("start") == date["~date"], "gexf %s start" % eid)
    print("gexf %s: %d nodes, %d edges, %d dated elements on the timeline" % (name, len(nodes), len(edges), dated))


def plain(v):
    """dyad's tagged JSON as the plain JSON of the JavaScript formats."""
    if isinstance(v, dict) and len(v) == 1 and next(iter(v)) in ("~date", "~datetime", "~duration"):
        return next(iter(v.values()))
    if isinstance(v, dict) and len(v) == 1 and next(iter(v)) == "~float":
        return None
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    return v


def same_json(a, b):
    return type(a) is type(b) and a == b


def check_js_formats(dyad, tmp, nodes, edges, name):
    path = os.path.join(tmp, name + ".d3.json")
    dyad.export("d3", path)
    with open(path) as f:
        d3 = json.load(f)
    try:
        g = nx.node_link_graph(d3, directed=True, multigraph=True, edges="links")
    except TypeError:  # networkx < 3.4
        g = nx.node_link_graph(d3, directed=True, multigraph=True)
    check(g.number_of_nodes() == len(nodes) and g.number_of_edges() == len(edges), "d3 %s counts" % name)
    for n in d3["nodes"]:
        want = nodes[n["id"]]
        check(n["labels"] == want["labels"], "d3 %s labels" % n["id"])
        for k, v in want["properties"].items():
            check(same_json(n["properties"].get(k), plain(v)), "d3 %s %s" % (n["id"], k))
    for l in d3["links"]:
        want = edges[l["id"]]
        check(l["source"] == "n%d" % want["start"] and l["target"] == "n%d" % want["end"], "d3 %s ends" % l["id"])
        for k, v in want["properties"].items():
            check(same_json(l["properties"].get(k), plain(v)), "d3 %s %s" % (l["id"], k))
    path = os.path.join(tmp, name + ".cyjs")
    dyad.export("cytoscape", path)
    with open(path) as f:
        cy = json.load(f)["elements"]
    check(len(cy["nodes"]) == len(nodes) and len(cy["edges"]) == len(edges), "cytoscape %s counts" % name)
    ids = set()
    for n in cy["nodes"]:
        data = n["data"]
        ids.add(data["id"])
        want = nodes[data["id"]]
        check(n["classes"] == " ".join(want["labels"]), "cytoscape %s classes" % data["id"])
        for k, v in want["properties"].items():
            attr = "p_" + k if k in ("id", "label", "labels", "source", "target", "type", "parent") else k
            check(same_json(data.get(attr), plain(v)), "cytoscape %s %s" % (data["id"], k))
    for e in cy["edges"]:
        data = e["data"]
        check(data["source"] in ids and data["target"] in ids and data["id"] not in ids, "cytoscape %s ids" % data["id"])
        check(data["type"] == edges[data["id"]]["type"], "cytoscape %s type" % data["id"])
    print("d3, cytoscape %s: %d nodes, %d edges with typed values" % (name, len(nodes), len(edges)))


def check_dot(dyad, tmp, name, query=None, engine="dot", want=None):
    """Renders dyad's DOT with a Graphviz engine (dot for subgraphs; sfdp for
    whole graphs, where dot's layered layout takes minutes)."""
    if not shutil.which(engine):
        check(False, "graphviz %s is not installed (apt-get install graphviz)" % engine)
        return
    path = os.path.join(tmp, name + ".gv")
    dyad.export("dot", path, query)
    svg = path + ".svg"
    p = subprocess.run([engine, "-Tsvg", path, "-o", svg], capture_output=True, timeout=600)
    err = p.stderr.decode()
    check(p.returncode == 0, "%s -Tsvg %s: exit %d %s" % (engine, name, p.returncode, err[:500]))
    check("rror" not in err and "arning" not in err, "%s %s stderr: %s" % (engine, name, err[:500]))
    if p.returncode == 0:
        root = ET.parse(svg).getroot()
        groups = [g.get("class") for g in root.iter("{http://www.w3.org/2000/svg}g")]
        got = (groups.count("node"), groups.count("edge"))
        if want:
            check(got == want, "%s %s: SVG has %s nodes/edges, expected %s" % (engine, name, got, want))
        print("%s -Tsvg %s: rendered %d nodes and %d edges to SVG" % (engine, name, got[0], got[1]))


# ---------------------------------------------------------------------------
# Algorithms.

def algo_scores(dyad, call):
    return {"n%d" % r[0]: r[1] for r in dyad.query("CALL %s YIELD node, score RETURN id(node), score" % call)}


def close(a, b, tol):
    return abs(a - b) <= tol


def compare(name, got, want, tol):
    check(set(got) == set(want), "%s: node sets differ (%d vs %d)" % (name, len(got), len(want)))
    worst = max((abs(got[k] - want[k]) for k in want if k in got), default=0.0)
    check(worst <= tol, "%s: max difference %.3g > %.3g" % (name, worst, tol))
    print("%s: %d nodes, max |dyad - networkx| = %.2g" % (name, len(want), worst))


def partition(d):
    groups = {}
    for k, c in d.items():
        groups.setdefault(c, set()).add(k)
    return sorted(sorted(s) for s in groups.values())


def check_algorithms(dyad, g, name, label=None, rel_type=None, weight=None):
    """g: the MultiDiGraph networkx read from dyad's GraphML export."""
    n = g.number_of_nodes()
    compare("pageRank " + name, algo_scores(dyad, "algo.pageRank()"), _pagerank_python(g), 1e-5)
    compare("pageRank(undirected) " + name, algo_scores(dyad, "algo.pageRank({directed: false})"),
            _pagerank_python(g.to_undirected()), 1e-5)
    compare("betweenness " + name, algo_scores(dyad, "algo.betweenness()"),
            nx.betweenness_centrality(nx.Graph(g.to_undirected())), 1e-9)
    compare("betweenness(directed) " + name, algo_scores(dyad, "algo.betweenness({directed: true})"),
            nx.betweenness_centrality(nx.DiGraph(g)), 1e-9)
    compare("degree " + name, algo_scores(dyad, "algo.degree()"), dict(g.degree()), 0)
    compare("degree(in) " + name, algo_scores(dyad, "algo.degree({direction: 'in'})"), dict(g.in_degree()), 0)
    comps = algo_scores(dyad, "algo.components()")
    check(partition(comps) == sorted(sorted(c) for c in nx.weakly_connected_components(g)),
          "components %s differ" % name)
    strong = algo_scores(dyad, "algo.components({strong: true})")
    check(partition(strong) == sorted(sorted(c) for c in nx.strongly_connected_components(g)),
          "strong components %s differ" % name)
    print("components %s: %d weak, %d strong, same partitions as networkx" %
          (name, len(partition(comps)), len(partition(strong))))
    if label:  # filters: the induced subgraph of one label and one type
        keep = [v for v, d in g.nodes(data=True) if (":" + label + ":") in (d.get("labels", "") + ":")]
        sub = g.subgraph(keep)
        sub = nx.MultiDiGraph([(u, v, k, d) for u, v, k, d in sub.edges(keys=True, data=True)
                               if d.get("type") == rel_type] if rel_type else sub.edges(keys=True, data=True))
        sub.add_nodes_from(keep)
        opts = "{labels: '%s'%s}" % (label, ", types: ['%s']" % rel_type if rel_type else "")
        compare("pageRank%s %s" % (opts, name), algo_scores(dyad, "algo.pageRank(%s)" % opts), _pagerank_python(sub), 1e-5)
        compare("betweenness%s %s" % (opts, name), algo_scores(dyad, "algo.betweenness(%s)" % opts),
                nx.betweenness_centrality(nx.Graph(sub.to_undirected())), 1e-9)
    # Shortest paths between random pairs, undirected (and weighted).
    rnd = random.Random(7)
    nodes = sorted(g.nodes())
    u = g.to_undirected()
    checked = 0
    for _ in range(40):
        a, b = rnd.choice(nodes), rnd.choice(nodes)
        rows = dyad.query("MATCH (a), (b) WHERE id(a) = %s AND id(b) = %s CALL algo.shortestPath(a, b%s) "
                          "YIELD path, length, cost RETURN length, cost, [n IN nodes(path) | id(n)]"
                          % (a[1:], b[1:], ", {weight: '%s'}" % weight if weight else ""))
        try:
            want = nx.shortest_path_length(u, a, b, weight=weight)
        except nx.NetworkXNoPath:
            want = None
        if want is None:
            check(rows == [], "shortestPath %s %s-%s: dyad found a path networkx did not" % (name, a, b))
            continue
        check(len(rows) == 1, "shortestPath %s %s-%s: no path" % (name, a, b))
        if rows:
            got = rows[0][1] if weight else rows[0][0]
            check(close(got, want, 1e-9), "shortestPath %s %s-%s: %s, networkx %s" % (name, a, b, got, want))
            ids = ["n%d" % i for i in rows[0][2]]
            check(ids[0] == a and ids[-1] == b and all(u.has_edge(x, y) for x, y in zip(ids, ids[1:])),
                  "shortestPath %s %s-%s: not a path of the graph" % (name, a, b))
            checked += 1
    print("shortestPath %s: %d pairs%s equal networkx" % (name, checked, " (weighted)" if weight else ""))


# ---------------------------------------------------------------------------
# The generated graph.

def generate(path, seed, n_nodes, n_edges):
    rnd = random.Random(seed)
    labels = ["Person", "Org", "Place", "Event"]
    types = ["KNOWS", "WORKS_AT", "LOCATED_IN", "ATTENDED"]
    odd = ['quote " and apostrophe \'', "a <tag> & more", "semi; colon", "pipe | bar", "tab\there",
           "new\nline", "back\\slash", "unicode: 中国 — ünï", "  spaced  ", ""]
    nodes, edges = [], []
    for i in range(n_nodes):
        props = {"name": "node %d %s" % (i, rnd.choice(odd))}
        if rnd.random() < 0.1:
            props["label"] = "a property named like a reserved attribute"
        if rnd.random() < 0.2:
            props["start"] = {"~date": "%04d-06-01" % rnd.randint(1900, 2000)}
            props["end"] = {"~date": "%04d-06-01" % rnd.randint(2001, 2030)}
        if rnd.random() < 0.7:
            props["age"] = rnd.randint(-5, 10 ** 12)
        if rnd.random() < 0.6:
            props["score"] = rnd.choice([rnd.uniform(-1e6, 1e6), 0.1, 1e-300, 2.0, 1e300])
        if rnd.random() < 0.5:
            props["active"] = rnd.random() < 0.5
        if rnd.random() < 0.5:
            props["born"] = {"~date": "%04d-%02d-%02d" % (rnd.randint(1, 2100), rnd.randint(1, 12), rnd.randint(1, 28))}
        if rnd.random() < 0.5:
            props["tags"] = [rnd.choice(odd) for _ in range(rnd.randint(0, 3))]
        if rnd.random() < 0.2:
            props["mixed"] = rnd.choice([1, 2.5])  # ints and floats: double
        if rnd.random() < 0.2:
            props["anything"] = rnd.choice([1, "one", True, [1, 2], 2.5])  # string
        if rnd.random() < 0.3:
            props["sources"] = ["src_%d" % rnd.randint(1, 20)]
            props["quotes"] = [rnd.choice(odd)]
        ls = [rnd.choice(labels)] + ([rnd.choice(labels)] if rnd.random() < 0.2 else [])
        nodes.append({"key": "k%d" % i, "labels": sorted(set(ls)), "properties": props})
    # Leave the last ten nodes isolated: several components.
    for _ in range(n_edges):
        a, b = rnd.randrange(n_nodes - 10), rnd.randrange(n_nodes - 10)
        props = {"w": round(rnd.uniform(0.1, 5.0), 3)} if rnd.random() < 0.8 else {}
        if rnd.random() < 0.4:
            props["date"] = {"~date": "%04d-01-01" % rnd.randint(1950, 2024)}
        if rnd.random() < 0.05:
            props["type"] = "a property named like the relationship type attribute"
        if rnd.random() < 0.3:
            props["sources"] = ["src_%d" % rnd.randint(1, 20)]
        edges.append({"type": rnd.choice(types), "from": "k%d" % a, "to": "k%d" % b, "properties": props})
    edges.append({"type": "KNOWS", "from": "k1", "to": "k1", "properties": {}})  # a self-loop
    edges.append({"type": "KNOWS", "from": "k1", "to": "k2", "properties": {}})  # parallel
    edges.append({"type": "KNOWS", "from": "k1", "to": "k2", "properties": {}})
    with open(path, "w") as f:
        json.dump({"nodes": nodes, "edges": edges}, f)


# ---------------------------------------------------------------------------
# Kuzu and the browser, through node.

def node_script(script, *args):
    p = subprocess.run(["node", os.path.join(HERE, script)] + list(args), capture_output=True, timeout=600)
    if p.returncode == SKIP:
        print("SKIP:", p.stdout.decode().strip())
        sys.exit(SKIP)
    if p.returncode != 0:
        raise RuntimeError("%s failed: %s %s" % (script, p.stdout.decode()[-2000:], p.stderr.decode()[-2000:]))
    return json.loads(p.stdout.decode().splitlines()[-1])


def check_kuzu(dyad, tmp, nodes, edges, name):
    out = os.path.join(tmp, name + "_csv")
    dyad.export("csv", out)
    name_of = dyad.stderr.split("--array-delimiter='")[1].split("'")[0]
    delim = {"TAB": "\t"}.get(name_of, chr(int(name_of[2:], 16)) if name_of.startswith("U+") else name_of)
    res = node_script("kuzu_load.js", out, delim)
    check(res["nodes"] == len(nodes), "kuzu %s: %d nodes, expected %d" % (name, res["nodes"], len(nodes)))
    check(res["relationships"] == len(edges), "kuzu %s: %d rels, expected %d" % (name, res["relationships"], len(edges)))
    labels, types = {}, {}
    for n in nodes.values():
        for l in n["labels"]:
            labels[l] = labels.get(l, 0) + 1
    for e in edges.values():
        types[e["type"]] = types.get(e["type"], 0) + 1
    check(res["labels"] == labels, "kuzu %s: label counts %s" % (name, res["labels"]))
    check(res["types"] == types, "kuzu %s: type counts %s" % (name, res["types"]))
    # Every typed column: non-null counts, numeric sums, and array lengths.
    for kind, items in (("node", nodes), ("rel", edges)):
        for col, stat in res["columns"][kind].items():
            # An empty string or list is the cell "", which Kuzu reads as null.
            vals = [x["properties"][col] for x in items.values()
                    if col in x["properties"] and x["properties"][col] not in ("", [], [""])]
            check(stat["count"] == len(vals), "kuzu %s %s.%s: %d values, expected %d" % (name, kind, col, stat["count"], len(vals)))
            if stat["type"] in ("INT64", "DOUBLE") and vals:
                check(close(stat["sum"], sum(float(v) for v in vals), 1e-6 * max(1.0, abs(stat["sum"]))),
                      "kuzu %s %s.%s: sum %r" % (name, kind, col, stat["sum"]))
            if stat["array"] and vals:
                want = sum(len(v) for v in vals)
                check(stat["parts"] == want, "kuzu %s %s.%s: %d array parts, expected %d" % (name, kind, col, stat["parts"], want))
    print("kuzu %s: %d nodes, %d relationships, %d labels, %d types, %d typed columns (array delimiter %r)" %
          (name, res["nodes"], res["relationships"], len(labels), len(types),
           len(res["columns"]["node"]) + len(res["columns"]["rel"]), delim))


def check_http(dyad, tmp):
    """GET /api/export answers what `dyad export` writes."""
    import urllib.error
    import urllib.parse
    import urllib.request
    wanted = []  # written by the CLI first: the server holds the database's lock
    for fmt, query in (("graphml", None), ("cytoscape", SUSPENDED), ("csv", None)):
        path = os.path.join(tmp, "http_cli." + fmt)
        dyad.export(fmt, path, query)
        with open(os.path.join(path, "nodes.csv") if fmt == "csv" else path, "rb") as f:
            wanted.append((fmt, query, f.read()))
    cmd = [dyad.binary] + (["--db", dyad.db] if dyad.db else []) + ["serve", "--port", "0"]
    server = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dyad.env)
    try:
        line = server.stdout.readline().decode()
        base = line.split("listening on ")[1].split()[0].rstrip("/")
        for fmt, query, want in wanted:
            url = base + "/api/export?" + urllib.parse.urlencode(dict(format=fmt, **({"query": query} if query else {})))
            with urllib.request.urlopen(url, timeout=120) as r:
                check(r.read() == want, "GET /api/export?format=%s differs from dyad export" % fmt)
        try:
            urllib.request.urlopen(base + "/api/export?format=dot&query=" + urllib.parse.quote("MATCH (n"), timeout=60)
            check(False, "GET /api/export with a bad query succeeded")
        except urllib.error.HTTPError as e:
            check(e.code == 400 and json.loads(e.read())["error"]["code"] == "SyntaxError", "bad query: HTTP %d" % e.code)
        print("http: GET /api/export equals dyad export (graphml, cytoscape subgraph, csv); a bad query is a 400")
    finally:
        server.terminate()
        server.wait(timeout=30)


SUSPENDED = ("MATCH (a:Administration)-[r:SUSPENDED|CANCELED|FROZE|WITHDREW_FROM|STALLED]->(m:Mechanism) "
             "OPTIONAL MATCH (m)-[x:ADDRESSES]->(i:Issue) RETURN a, r, m, x, i")


def main():
    if len(sys.argv) != 3 or sys.argv[2] not in ("core", "kuzu", "browser"):
        print(__doc__)
        return 2
    binary, what = os.path.abspath(sys.argv[1]), sys.argv[2]
    if what in ("kuzu", "browser") and not shutil.which("node"):
        print("SKIP: node is not installed")
        return SKIP
    tmp = tempfile.mkdtemp(prefix="dyad-export-check-")
    try:
        env = dict(os.environ, XDG_DATA_HOME=os.path.join(tmp, "xdg"))
        env.pop("DYAD_DB", None)
        default = Dyad(binary, None, env)
        graphs = [("default", default)]
        # A dense graph, and a sparse one with many components and dangling nodes.
        for name, seed, n, m in (("generated", 20240611, 260, 900), ("sparse", 7, 150, 140)):
            if what == "browser" and name == "sparse":
                continue
            gen_json = os.path.join(tmp, name + ".json")
            generate(gen_json, seed, n, m)
            gen = Dyad(binary, os.path.join(tmp, name + ".db"), env)
            gen.run("load", gen_json)
            graphs.append((name, gen))
        for name, dyad in graphs:
            nodes, edges = truth(dyad)
            if what == "core":
                g = check_graphml(dyad, tmp, nodes, edges, name)
                check_gexf(dyad, tmp, nodes, edges, name)
                check_js_formats(dyad, tmp, nodes, edges, name)
                check_dot(dyad, tmp, name, engine="sfdp", want=(len(nodes), len(edges)))
                if name == "default":
                    check_http(dyad, tmp)
                    check_dot(dyad, tmp, "suspended", SUSPENDED)
                    check_algorithms(dyad, g, name, label="Actor")
                else:
                    check_dot(dyad, tmp, name + "_part",
                              "MATCH (a)-[r]->(b) WHERE id(a) < 50 AND id(b) < 50 RETURN a, r, b")
                    check_algorithms(dyad, g, name, label="Person", rel_type="KNOWS", weight="w")
            elif what == "kuzu":
                check_kuzu(dyad, tmp, nodes, edges, name)
            else:
                path = os.path.join(tmp, name + ".cyjs")
                dyad.export("cytoscape", path, SUSPENDED if name == "default" else None)
                want = json.load(open(path))["elements"]
                shot = os.path.join(os.environ.get("DYAD_SCREENSHOTS", tmp), "export_cytoscape_%s.png" % name)
                res = node_script("cytoscape_render.js", path, shot)
                check(res["nodes"] == len(want["nodes"]) and res["edges"] == len(want["edges"]),
                      "browser %s: cytoscape has %s" % (name, res))
                check(res["drawn"] > 0.01, "browser %s: the canvas is blank (%s)" % (name, res))
                print("browser %s: Cytoscape.js drew %d nodes and %d edges (%.1f%% of the canvas); %s" %
                      (name, res["nodes"], res["edges"], 100 * res["drawn"], shot))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (CHECKS[0] - len(FAILURES), len(FAILURES)))
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
