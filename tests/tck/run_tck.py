#!/usr/bin/env python3
"""openCypher TCK runner for dyad.

Executes the Gherkin features of the openCypher Technology Compatibility Kit
(default: /work/shared/tck/features) against the real `dyad` binary and prints
pass/fail/skip counts per feature folder.  Python 3 standard library only.

    python3 tests/tck/run_tck.py [--dyad build/dyad] [--filter REGEX] [--verbose]
    python3 tests/tck/run_tck.py --dry-run        # parse everything, no binary

The binary contract (one process per query, fresh database per scenario):

    dyad --db DIR query --format json --stats [--params JSON] QUERY

prints one JSON document per statement:
    {"columns": [...], "rows": [[...], ...], "stats": {"nodes_created": N, ...}}
and on error exits 1 with `error: <Kind>[ at line L, column C]: <message>` on
stderr.  Values use plain JSON plus tagged objects: {"~node": {...}},
{"~rel": {...}}, {"~path": [...]}, {"~float": "NaN"}, {"~date": "..."}, ...

Side effects (`And the side effects should be:` / `And no side effects`) are
checked in one of three modes (--side-effects, default auto):

  snapshot  The TCK's own definition (README.adoc, "Observability of side
            effects"): the graph is measured before and after the query with
            `MATCH (n) RETURN n; MATCH ()-[r]->() RETURN r`, and the runner
            diffs node ids, relationship ids, the set of distinct labels and
            the multiset of (entity, key, value) property triples.  This is
            exact: e.g. `CREATE (:L), (:L)` is `+labels 1` (one new distinct
            label), changing a value is `+properties 1, -properties 1`, and
            deleting a node with two properties is `-properties 2`.
  stats     Only the "stats" object of the query itself, mapped as follows:
              +nodes = nodes_created            -nodes = nodes_deleted
              +relationships = relationships_created
              -relationships = relationships_deleted            (all exact)
              +labels  L: labels_added >= L  (labels_added counts label
                          additions per node, the TCK counts distinct labels
                          that newly appear in the graph)
              -labels  L: labels_removed >= L, unchecked when the scenario
                          deletes nodes (labels can vanish with their nodes)
              +properties P, -properties M:
                          lower <= properties_set <= P + M, where lower is
                          max(P, M) when nothing is deleted and P otherwise
                          (properties_set counts every write incl. removals:
                          a changed value is 1 write but +1/-1 in the TCK,
                          properties of deleted entities are -M but 0 writes)
            Known blind spot: a same-value overwrite (SET n.k = n.k) is one
            write but no TCK side effect.
  auto      snapshot when the two measurement queries succeed, else stats.
"""

import argparse
import collections
import concurrent.futures
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_FEATURES = '/work/shared/tck/features'


# ===========================================================================
# TCK values
# ===========================================================================

class Node(object):
    __slots__ = ('labels', 'props', 'id')

    def __init__(self, labels, props, id=None):
        self.labels = frozenset(labels)
        self.props = props
        self.id = id

    def __repr__(self):
        return 'Node(%s)' % fmt(self)


class Rel(object):
    __slots__ = ('type', 'props', 'id', 'start', 'end')

    def __init__(self, type, props, id=None, start=None, end=None):
        self.type = type
        self.props = props
        self.id = id
        self.start = start
        self.end = end

    def __repr__(self):
        return 'Rel(%s)' % fmt(self)


class Path(object):
    """start: Node; links: list of (direction, Rel, Node), direction '->',
    '<-' or '?' (an actual path whose relationship does not connect its
    neighbours)."""
    __slots__ = ('start', 'links')

    def __init__(self, start, links):
        self.start = start
        self.links = links

    def __repr__(self):
        return 'Path(%s)' % fmt(self)


class Temporal(object):
    """A temporal value returned by dyad; the TCK writes these as strings."""
    __slots__ = ('kind', 'text')

    def __init__(self, kind, text):
        self.kind = kind
        self.text = text

    def __repr__(self):
        return 'Temporal(%s, %r)' % (self.kind, self.text)


class ValueParseError(Exception):
    pass


_NUM_RE = re.compile(
    r'-?(?:\d+\.\d+(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+|\d+)')
_NAME_RE = re.compile(r'[A-Za-z0-9_$]+')
_ESCAPES = {'\\': '\\', "'": "'", '"': '"', 'n': '\n', 't': '\t', 'r': '\r',
            'b': '\b', 'f': '\f', '0': '\0'}


class _ValueParser(object):
    def __init__(self, text):
        self.s = text
        self.i = 0

    def error(self, msg):
        raise ValueParseError('%s at offset %d in %r' % (msg, self.i, self.s))

    def ws(self):
        s = self.s
        while self.i < len(s) and s[self.i] in ' \t\r\n':
            self.i += 1

    def peek(self):
        self.ws()
        return self.s[self.i] if self.i < len(self.s) else ''

    def expect(self, lit):
        self.ws()
        if not self.s.startswith(lit, self.i):
            self.error('expected %r' % lit)
        self.i += len(lit)

    def accept(self, lit):
        self.ws()
        if self.s.startswith(lit, self.i):
            self.i += len(lit)
            return True
        return False

    def word(self, w):
        """Keyword w at the cursor, not followed by a name character."""
        s = self.s
        if s.startswith(w, self.i):
            j = self.i + len(w)
            if j >= len(s) or not (s[j].isalnum() or s[j] in '_$'):
                self.i = j
                return True
        return False

    def value(self):
        c = self.peek()
        if c == '':
            self.error('unexpected end of value')
        if c == '(':
            return self.node()
        if c == '[':
            j = self.i + 1
            while j < len(self.s) and self.s[j] in ' \t':
                j += 1
            if j < len(self.s) and self.s[j] == ':':
                return self.rel()
            return self.list_()
        if c == '<':
            return self.path()
        if c == '{':
            return self.map_()
        if c in '\'"':
            return self.string()
        for w, v in (('true', True), ('false', False), ('null', None),
                     ('NaN', float('nan')), ('Infinity', float('inf')),
                     ('Inf', float('inf')), ('-Infinity', float('-inf')),
                     ('-Inf', float('-inf'))):
            if self.word(w):
                return v
        m = _NUM_RE.match(self.s, self.i)
        if m:
            self.i = m.end()
            t = m.group(0)
            if '.' in t or 'e' in t or 'E' in t:
                return float(t)
            return int(t)
        self.error('unexpected character %r' % c)

    def name(self):
        self.ws()
        if self.i < len(self.s) and self.s[self.i] == '`':
            j = self.s.find('`', self.i + 1)
            while j != -1 and self.s.startswith('``', j):
                j = self.s.find('`', j + 2)
            if j == -1:
                self.error('unterminated `name`')
            n = self.s[self.i + 1:j].replace('``', '`')
            self.i = j + 1
            return n
        m = _NAME_RE.match(self.s, self.i)
        if not m:
            self.error('expected a name')
        self.i = m.end()
        return m.group(0)

    def labels(self):
        out = []
        while self.accept(':'):
            out.append(self.name())
        return out

    def props(self):
        if self.peek() == '{':
            return self.map_()
        return {}

    def node(self):
        self.expect('(')
        labels = self.labels()
        props = self.props()
        self.expect(')')
        return Node(labels, props)

    def rel(self):
        self.expect('[')
        self.expect(':')
        t = self.name()
        if self.peek() == ':':
            self.error('a relationship has exactly one type')
        props = self.props()
        self.expect(']')
        return Rel(t, props)

    def path(self):
        self.expect('<')
        start = self.node()
        links = []
        while True:
            if self.accept('>'):
                break
            if self.accept('<-'):
                r = self.rel()
                self.expect('-')
                d = '<-'
            elif self.accept('-'):
                r = self.rel()
                self.expect('->')
                d = '->'
            else:
                self.error('expected a path link or >')
            links.append((d, r, self.node()))
        return Path(start, links)

    def list_(self):
        self.expect('[')
        out = []
        if self.accept(']'):
            return out
        while True:
            out.append(self.value())
            if self.accept(']'):
                return out
            self.expect(',')

    def map_(self):
        self.expect('{')
        out = {}
        if self.accept('}'):
            return out
        while True:
            self.ws()
            if self.peek() in '\'"':
                k = self.string()
            else:
                k = self.name()
            self.expect(':')
            if k in out:
                self.error('duplicate key %r' % k)
            out[k] = self.value()
            if self.accept('}'):
                return out
            self.expect(',')

    def string(self):
        self.ws()
        q = self.s[self.i]
        self.i += 1
        buf = []
        s = self.s
        while True:
            if self.i >= len(s):
                self.error('unterminated string')
            c = s[self.i]
            if c == q:
                self.i += 1
                return ''.join(buf)
            if c == '\\' and self.i + 1 < len(s):
                e = s[self.i + 1]
                if e in _ESCAPES:
                    buf.append(_ESCAPES[e])
                    self.i += 2
                    continue
                if e in 'uU':
                    n = 4 if e == 'u' else 8
                    h = s[self.i + 2:self.i + 2 + n]
                    if len(h) == n and all(x in '0123456789abcdefABCDEF' for x in h):
                        buf.append(chr(int(h, 16)))
                        self.i += 2 + n
                        continue
                # unknown escape: keep it verbatim
                buf.append(c)
                self.i += 1
                continue
            buf.append(c)
            self.i += 1


def parse_value(text):
    """Parse one value in the TCK result notation (README.adoc, "Format of
    the expected results").  Raises ValueParseError."""
    p = _ValueParser(text)
    v = p.value()
    p.ws()
    if p.i != len(p.s):
        p.error('trailing text')
    return v


# ---------------------------------------------------------------------------
# dyad JSON -> values

_TEMPORAL_TAGS = ('~date', '~datetime', '~localdatetime', '~localtime', '~time',
                  '~duration')


class BadOutput(Exception):
    pass


def from_json(v):
    """Convert one value of dyad's JSON output into the runner's value model."""
    if isinstance(v, list):
        return [from_json(x) for x in v]
    if isinstance(v, dict):
        if len(v) == 1:
            (k, x), = v.items()
            if k.startswith('~'):
                return _from_tagged(k, x)
        return dict((k, from_json(x)) for k, x in v.items())
    return v   # None, bool, int, float, str


def _node_from_json(x):
    if not isinstance(x, dict):
        raise BadOutput('bad ~node payload: %r' % (x,))
    return Node(x.get('labels') or [], from_json(x.get('properties') or {}), x.get('id'))


def _rel_from_json(x):
    if not isinstance(x, dict):
        raise BadOutput('bad ~rel payload: %r' % (x,))
    return Rel(x.get('type'), from_json(x.get('properties') or {}), x.get('id'),
               x.get('start'), x.get('end'))


def _from_tagged(k, x):
    if k == '~float':
        t = str(x).strip()
        if t in ('NaN', 'nan', '-NaN'):
            return float('nan')
        if t in ('Infinity', 'Inf', '+Infinity', 'inf'):
            return float('inf')
        if t in ('-Infinity', '-Inf', '-inf'):
            return float('-inf')
        try:
            return float(t)
        except ValueError:
            raise BadOutput('bad ~float payload: %r' % (x,))
    if k == '~node':
        return _node_from_json(x)
    if k == '~rel' or k == '~relationship':
        return _rel_from_json(x)
    if k == '~path':
        if not isinstance(x, list) or len(x) % 2 != 1:
            raise BadOutput('bad ~path payload: %r' % (x,))
        elems = [from_json(e) for e in x]
        nodes = elems[0::2]
        rels = elems[1::2]
        if not all(isinstance(n, Node) for n in nodes) or \
                not all(isinstance(r, Rel) for r in rels):
            raise BadOutput('bad ~path payload: %r' % (x,))
        links = []
        prev = nodes[0]
        for r, n in zip(rels, nodes[1:]):
            if r.start == prev.id and r.end == n.id:
                d = '->'
            elif r.start == n.id and r.end == prev.id:
                d = '<-'
            else:
                d = '?'
            links.append((d, r, n))
            prev = n
        return Path(nodes[0], links)
    if isinstance(x, str):
        # ~date, ~datetime, ~localdatetime, ~localtime, ~time, ~duration and
        # any other scalar tag: the TCK compares these by their string form.
        return Temporal(k[1:], x)
    # an ordinary one-entry map whose key starts with '~'
    return {k: from_json(x)}


def to_json(v):
    """TCK value (parameters) -> JSON-serialisable object for --params."""
    if v is None or isinstance(v, (bool, int, str)):
        return v
    if isinstance(v, float):
        if math.isnan(v):
            return {'~float': 'NaN'}
        if math.isinf(v):
            return {'~float': 'Infinity' if v > 0 else '-Infinity'}
        return v
    if isinstance(v, list):
        return [to_json(x) for x in v]
    if isinstance(v, dict):
        return dict((k, to_json(x)) for k, x in v.items())
    raise ValueError('cannot pass %s as a parameter' % fmt(v))


# ---------------------------------------------------------------------------
# comparison

def canon(v, unordered_lists=False):
    """A hashable canonical key; two values are TCK-equal iff their keys are
    equal.  Integers and floats never compare equal (1 vs 1.0), NaN equals
    NaN, nodes compare by label set and properties, relationships by type and
    properties, paths structurally including direction, temporal values by
    their string form (the TCK writes them as strings)."""
    if v is None:
        return ('null',)
    if isinstance(v, bool):
        return ('bool', v)
    if isinstance(v, int):
        return ('int', v)
    if isinstance(v, float):
        if math.isnan(v):
            return ('float', 'NaN')
        return ('float', v + 0.0 if v != 0 else 0.0)   # -0.0 == 0.0
    if isinstance(v, str):
        return ('str', v)
    if isinstance(v, Temporal):
        return ('str', v.text)
    if isinstance(v, list):
        items = [canon(x, unordered_lists) for x in v]
        if unordered_lists:
            items.sort(key=repr)
        return ('list', tuple(items))
    if isinstance(v, dict):
        return ('map', tuple(sorted((k, canon(x, unordered_lists)) for k, x in v.items())))
    if isinstance(v, Node):
        return ('node', tuple(sorted(v.labels)), canon(v.props, unordered_lists))
    if isinstance(v, Rel):
        return ('rel', v.type, canon(v.props, unordered_lists))
    if isinstance(v, Path):
        return ('path', canon(v.start, unordered_lists),
                tuple((d, canon(r, unordered_lists), canon(n, unordered_lists))
                      for d, r, n in v.links))
    raise TypeError('no canonical form for %r' % (v,))


def values_equal(expected, actual, unordered_lists=False):
    return canon(expected, unordered_lists) == canon(actual, unordered_lists)


def compare_results(exp_cols, exp_rows, act_cols, act_rows, ordered, unordered_lists):
    """Returns None when equal, else a one-line reason."""
    if list(exp_cols) != list(act_cols):
        return 'columns differ: expected %s, got %s' % (exp_cols, act_cols)
    for r in act_rows:
        if len(r) != len(act_cols):
            return 'malformed row (width %d, %d columns): %r' % (len(r), len(act_cols), r)
    ek = [tuple(canon(v, unordered_lists) for v in row) for row in exp_rows]
    ak = [tuple(canon(v, unordered_lists) for v in row) for row in act_rows]
    if ordered:
        if ek == ak:
            return None
        if len(ek) != len(ak):
            return 'expected %d rows in order, got %d' % (len(ek), len(ak))
        for i, (a, b) in enumerate(zip(ek, ak)):
            if a != b:
                detail = 'first difference at row %d: expected | %s |, got | %s |' % (
                    i + 1, ' | '.join(fmt(v) for v in exp_rows[i]),
                    ' | '.join(fmt(v) for v in act_rows[i]))
                if collections.Counter(ek) == collections.Counter(ak):
                    return 'same rows, wrong order (%s)' % detail
                return 'rows differ (%s)' % detail
        return 'rows differ'
    ce, ca = collections.Counter(ek), collections.Counter(ak)
    if ce == ca:
        return None
    miss, extra = ce - ca, ca - ce

    def show(counter, keys, rows):
        out = []
        for k, row in zip(keys, rows):
            if counter.get(k, 0) > 0 and len(out) < 3:
                counter[k] -= 1
                out.append('| ' + ' | '.join(fmt(v) for v in row) + ' |')
        return ' '.join(out)
    nm, nx = sum(miss.values()), sum(extra.values())
    why = 'rows differ: %d expected row(s) missing, %d unexpected row(s) (%d expected, %d actual)' % (
        nm, nx, len(ek), len(ak))
    if nm:
        why += '; missing e.g. ' + show(miss, ek, exp_rows)
    if nx:
        why += '; unexpected e.g. ' + show(extra, ak, act_rows)
    return why


# ---------------------------------------------------------------------------
# rendering (TCK notation)

def _fmt_float(v):
    if math.isnan(v):
        return 'NaN'
    if math.isinf(v):
        return 'Inf' if v > 0 else '-Inf'
    return repr(v)


def _fmt_str(s):
    return "'" + s.replace('\\', '\\\\').replace("'", "\\'").replace('\n', '\\n') \
        .replace('\t', '\\t').replace('\r', '\\r') + "'"


def _fmt_props(p):
    if not p:
        return ''
    return '{' + ', '.join('%s: %s' % (k, fmt(p[k])) for k in sorted(p)) + '}'


def fmt(v):
    if v is None:
        return 'null'
    if isinstance(v, bool):
        return 'true' if v else 'false'
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return _fmt_float(v)
    if isinstance(v, str):
        return _fmt_str(v)
    if isinstance(v, Temporal):
        return '%s(%s)' % (v.kind, _fmt_str(v.text))
    if isinstance(v, list):
        return '[' + ', '.join(fmt(x) for x in v) + ']'
    if isinstance(v, dict):
        return '{' + ', '.join('%s: %s' % (k, fmt(v[k])) for k in sorted(v)) + '}'
    if isinstance(v, Node):
        parts = ''.join(':' + l for l in sorted(v.labels))
        props = _fmt_props(v.props)
        return '(' + parts + (' ' if parts and props else '') + props + ')'
    if isinstance(v, Rel):
        props = _fmt_props(v.props)
        return '[:' + str(v.type) + (' ' + props if props else '') + ']'
    if isinstance(v, Path):
        out = [fmt(v.start)]
        for d, r, n in v.links:
            if d == '->':
                out.append('-' + fmt(r) + '->')
            elif d == '<-':
                out.append('<-' + fmt(r) + '-')
            else:
                out.append('-?' + fmt(r) + '?-')
            out.append(fmt(n))
        return '<' + ''.join(out) + '>'
    return repr(v)


def fmt_table(cols, rows):
    lines = ['| ' + ' | '.join(cols) + ' |' if cols else '(no columns)']
    for r in rows:
        lines.append('| ' + ' | '.join(fmt(x) for x in r) + ' |')
    return lines


# ===========================================================================
# Gherkin
# ===========================================================================

class GherkinStep(object):
    def __init__(self, keyword, text, line):
        self.keyword = keyword
        self.text = text
        self.line = line
        self.docstring = None
        self.table = None


class Scenario(object):
    def __init__(self):
        self.path = ''          # feature file, relative to the features root
        self.folder = ''
        self.feature = ''
        self.name = ''
        self.line = 0           # scenario line (or Examples row line)
        self.tags = set()
        self.steps = []         # GherkinStep, background first
        self.example = None     # 1-based index of the Examples row
        self.actions = []       # compiled, see compile_scenario
        self.skip_reason = None
        self.problems = []      # parse problems: the scenario fails

    @property
    def ident(self):
        ex = ' #%d' % self.example if self.example else ''
        return '%s:%d: %s%s' % (self.path, self.line, self.name, ex)


_KEYWORDS = ('Given ', 'When ', 'Then ', 'And ', 'But ', '* ')


def unescape_cell(c):
    """Gherkin table-cell escapes: \\| -> |, \\\\ -> \\, \\n -> newline;
    any other backslash is kept."""
    out = []
    i = 0
    while i < len(c):
        ch = c[i]
        if ch == '\\' and i + 1 < len(c) and c[i + 1] in '|\\n':
            nx = c[i + 1]
            out.append('\n' if nx == 'n' else nx)
            i += 2
            continue
        out.append(ch)
        i += 1
    return ''.join(out)


def split_row(line):
    """'| a | b\\|c |' -> ['a', 'b|c'] (cells stripped and unescaped)."""
    s = line.strip()
    assert s.startswith('|')
    cells = []
    cur = []
    i = 1
    while i < len(s):
        ch = s[i]
        if ch == '\\' and i + 1 < len(s):
            cur.append(s[i:i + 2])
            i += 2
            continue
        if ch == '|':
            cells.append(unescape_cell(''.join(cur).strip()))
            cur = []
        else:
            cur.append(ch)
        i += 1
    # text after the last '|' (normally empty) is ignored
    return cells


def parse_gherkin(text):
    """Parse feature text.  Returns (feature_name, feature_tags, background
    steps, list of raw scenarios, problems).  A raw scenario is a dict with
    kind ('scenario'/'outline'), name, line, tags, steps, examples (list of
    (header, rows-with-lines, tags))."""
    lines = text.replace('\r\n', '\n').replace('\r', '\n').split('\n')
    feature_name = None
    feature_tags = set()
    background = []
    scenarios = []
    problems = []
    pending_tags = set()
    container = None      # list of steps receiving new steps
    current = None        # current raw scenario dict
    last_step = None
    examples = None       # current examples block [header, rows, tags]
    table_target = None   # 'step' or 'examples'
    i = 0
    n = len(lines)
    while i < n:
        raw = lines[i]
        lineno = i + 1
        s = raw.strip()
        i += 1
        if not s:
            continue
        if s.startswith('"""') or s.startswith('```'):
            delim = s[:3]
            indent = len(raw) - len(raw.lstrip())
            body = []
            closed = False
            while i < n:
                r = lines[i]
                i += 1
                if r.strip() == delim:
                    closed = True
                    break
                # remove the opening delimiter's indentation
                k = 0
                while k < indent and k < len(r) and r[k] in ' \t':
                    k += 1
                esc = '\\' + '\\'.join(delim)     # \"\"\" stands for """
                body.append(r[k:].replace(esc, delim))
            if not closed:
                problems.append('line %d: unterminated docstring' % lineno)
            if last_step is None:
                problems.append('line %d: docstring without a step' % lineno)
            else:
                last_step.docstring = '\n'.join(body)
            continue
        if s.startswith('#'):
            continue
        if s.startswith('@'):
            for t in s.split():
                if t.startswith('#'):
                    break
                if t.startswith('@'):
                    pending_tags.add(t)
            continue
        if s.startswith('|'):
            cells = split_row(s)
            if table_target == 'examples' and examples is not None:
                if examples[0] is None:
                    examples[0] = cells
                else:
                    examples[1].append((cells, lineno))
            elif table_target == 'step' and last_step is not None:
                if last_step.table is None:
                    last_step.table = []
                last_step.table.append(cells)
            else:
                problems.append('line %d: table row outside a step or Examples' % lineno)
            continue
        m = re.match(r'(Feature|Background|Scenario Outline|Scenario Template|Scenario|Example|'
                     r'Examples|Scenarios|Rule):\s*(.*)$', s)
        if m:
            kw, title = m.group(1), m.group(2).strip()
            last_step = None
            table_target = None
            if kw == 'Feature':
                feature_name = title
                feature_tags = pending_tags
            elif kw == 'Background':
                container = background
                current = None
            elif kw in ('Scenario', 'Example', 'Scenario Outline', 'Scenario Template'):
                current = {'kind': 'outline' if kw in ('Scenario Outline', 'Scenario Template')
                           else 'scenario',
                           'name': title, 'line': lineno, 'tags': pending_tags,
                           'steps': [], 'examples': []}
                scenarios.append(current)
                container = current['steps']
            elif kw in ('Examples', 'Scenarios'):
                if current is None or current['kind'] != 'outline':
                    problems.append('line %d: Examples outside a Scenario Outline' % lineno)
                    examples = [None, [], pending_tags]
                else:
                    examples = [None, [], pending_tags]
                    current['examples'].append(examples)
                table_target = 'examples'
                container = None
            elif kw == 'Rule':
                container = None
                current = None
            pending_tags = set()
            continue
        kw = None
        for k in _KEYWORDS:
            if s.startswith(k):
                kw = k.strip()
                break
        if kw is not None:
            if container is None:
                problems.append('line %d: step outside a scenario: %s' % (lineno, s))
                last_step = None
                continue
            last_step = GherkinStep(kw, s[len(kw):].strip(), lineno)
            container.append(last_step)
            table_target = 'step'
            continue
        # free-form description text (allowed after Feature:/Scenario: lines)
        if container is not None and container:
            problems.append('line %d: unexpected text: %s' % (lineno, s))
    return feature_name, feature_tags, background, scenarios, problems


def _subst(text, mapping):
    if text is None or '<' not in text:
        return text
    return re.sub(r'<([^<>]+)>', lambda m: mapping.get(m.group(1), m.group(0)), text)


def _copy_step(st, mapping):
    c = GherkinStep(st.keyword, _subst(st.text, mapping), st.line)
    c.docstring = _subst(st.docstring, mapping)
    if st.table is not None:
        c.table = [[_subst(x, mapping) for x in row] for row in st.table]
    return c


def load_feature(path, root):
    """Parse one .feature file into a list of Scenario objects (outlines
    expanded) and a list of file-level problems."""
    with open(path, encoding='utf-8') as f:
        text = f.read()
    rel = os.path.relpath(path, root).replace(os.sep, '/')
    folder = os.path.dirname(rel) or '.'
    fname, ftags, background, raws, problems = parse_gherkin(text)
    if fname is None:
        problems.append('no Feature: line')
    out = []
    for raw in raws:
        variants = []
        if raw['kind'] == 'scenario':
            variants.append((raw['name'], raw['line'], None, raw['tags'], {}))
        else:
            idx = 0
            if not raw['examples']:
                problems.append('line %d: Scenario Outline without Examples' % raw['line'])
            for header, rows, etags in raw['examples']:
                if header is None:
                    problems.append('line %d: Examples without a table' % raw['line'])
                    continue
                for cells, lineno in rows:
                    idx += 1
                    if len(cells) != len(header):
                        problems.append('line %d: Examples row width %d != header width %d'
                                        % (lineno, len(cells), len(header)))
                    mapping = dict(zip(header, cells))
                    variants.append((_subst(raw['name'], mapping), lineno, idx,
                                     raw['tags'] | etags, mapping))
        for name, line, ex, tags, mapping in variants:
            sc = Scenario()
            sc.path = rel
            sc.folder = folder
            sc.feature = fname or os.path.basename(path)
            sc.name = name
            sc.line = line
            sc.example = ex
            sc.tags = set(ftags) | set(tags)
            sc.steps = [_copy_step(st, mapping) for st in background] + \
                       [_copy_step(st, mapping) for st in raw['steps']]
            compile_scenario(sc)
            out.append(sc)
    return out, problems


# ---------------------------------------------------------------------------
# step grammar -> actions

SIDE_EFFECT_KEYS = ('+nodes', '-nodes', '+relationships', '-relationships',
                    '+labels', '-labels', '+properties', '-properties')

_STEP_PATTERNS = [
    ('empty', re.compile(r'^(?:an empty graph|any graph)$')),
    ('graph', re.compile(r'^the (.+) graph$')),
    ('setup', re.compile(r'^(?:after )?having executed:?$')),
    ('params', re.compile(r'^parameters? (?:values )?are:$')),
    ('procedure', re.compile(r'^there exists a procedure (.+?):?$')),
    ('csv', re.compile(r'^there exists a CSV file .*$')),
    ('control', re.compile(r'^executing control query:?\s*(.*)$')),
    ('query', re.compile(r'^executing query:?\s*(.*)$')),
    ('result', re.compile(r'^the result should be(, in any order|, in order)?'
                          r'( \(ignoring element order for lists\))?:$')),
    ('empty_result', re.compile(r'^the result should be empty$')),
    ('error', re.compile(r'^an? ([A-Za-z]+) should be raised at ([a-z ]+?)(?::\s*(.*))?$')),
    ('side_effects', re.compile(r'^the side effects should be:$')),
    ('no_side_effects', re.compile(r'^no side effects$')),
]


def _parse_cells(table, where, problems, unordered_lists=False):
    rows = []
    for r in table:
        vals = []
        for c in r:
            try:
                vals.append(parse_value(c))
            except ValueParseError as e:
                problems.append('%s: cannot parse value %r (%s)' % (where, c, e))
                vals.append(None)
        rows.append(vals)
    return rows


def compile_scenario(sc):
    """Translate Gherkin steps into actions (tuples); records problems and
    skip reasons.  Also parses every expected value, so --dry-run exercises
    the value parser on the whole TCK."""
    acts = []
    if '@ignore' in sc.tags:
        sc.skip_reason = 'tagged @ignore'
    for st in sc.steps:
        where = 'line %d' % st.line
        kind = None
        m = None
        for k, rx in _STEP_PATTERNS:
            m = rx.match(st.text)
            if m:
                kind = k
                break
        if kind is None:
            sc.problems.append('%s: cannot parse step: %s %s' % (where, st.keyword, st.text))
            continue
        if kind == 'empty':
            acts.append(('empty',))
        elif kind == 'graph':
            acts.append(('graph', m.group(1)))
        elif kind == 'setup':
            if st.docstring is None:
                sc.problems.append('%s: having executed without a query' % where)
            else:
                acts.append(('setup', st.docstring))
        elif kind == 'params':
            params = {}
            for row in st.table or []:
                if len(row) != 2:
                    sc.problems.append('%s: parameter row must have 2 cells: %r' % (where, row))
                    continue
                try:
                    params[row[0]] = parse_value(row[1])
                    to_json(params[row[0]])
                except (ValueParseError, ValueError) as e:
                    sc.problems.append('%s: bad parameter %s: %s' % (where, row[0], e))
            acts.append(('params', params))
        elif kind == 'procedure':
            sc.skip_reason = sc.skip_reason or 'procedure definitions unsupported'
        elif kind == 'csv':
            sc.skip_reason = sc.skip_reason or 'CSV files unsupported'
        elif kind in ('query', 'control'):
            q = st.docstring if st.docstring is not None else m.group(1)
            if not q or not q.strip():
                sc.problems.append('%s: executing query without a query' % where)
            else:
                acts.append((kind, q))
        elif kind == 'result':
            ordered = m.group(1) == ', in order'
            unordered_lists = bool(m.group(2))
            if not st.table:
                sc.problems.append('%s: result step without a table' % where)
                continue
            cols = st.table[0]
            rows = _parse_cells(st.table[1:], where, sc.problems, unordered_lists)
            for r in st.table[1:]:
                if len(r) != len(cols):
                    sc.problems.append('%s: result row width %d != header width %d'
                                       % (where, len(r), len(cols)))
            acts.append(('result', cols, rows, ordered, unordered_lists, st.table))
        elif kind == 'empty_result':
            acts.append(('empty_result',))
        elif kind == 'error':
            acts.append(('error', m.group(1), m.group(2), m.group(3) or ''))
        elif kind == 'side_effects':
            exp = {}
            for row in st.table or []:
                if len(row) != 2 or row[0] not in SIDE_EFFECT_KEYS or \
                        not re.match(r'^\d+$', row[1]):
                    sc.problems.append('%s: bad side effect row %r' % (where, row))
                    continue
                exp[row[0]] = int(row[1])
            acts.append(('side_effects', exp))
        elif kind == 'no_side_effects':
            acts.append(('side_effects', {}))
    if not any(a[0] == 'query' for a in acts) and not sc.skip_reason:
        sc.problems.append('no "When executing query" step')
    sc.actions = acts


def discover(root):
    files = []
    for d, dirs, names in os.walk(root):
        dirs.sort()
        for nm in sorted(names):
            if nm.endswith('.feature'):
                files.append(os.path.join(d, nm))
    files.sort()
    return files


def load_all(root):
    scenarios = []
    file_problems = []
    for p in discover(root):
        try:
            scs, probs = load_feature(p, root)
        except (OSError, UnicodeDecodeError) as e:
            file_problems.append('%s: %s' % (p, e))
            continue
        scenarios.extend(scs)
        rel = os.path.relpath(p, root)
        file_problems.extend('%s: %s' % (rel, x) for x in probs)
    return scenarios, file_problems


# ===========================================================================
# running dyad
# ===========================================================================

_ERR_RE = re.compile(r'^error: ([A-Za-z][A-Za-z0-9_]*)(?: at line (\d+), column (\d+))?: ?(.*)$')


class QueryResult(object):
    """Outcome of one dyad invocation."""

    def __init__(self):
        self.docs = []            # one per statement: (columns, rows, stats)
        self.error_kind = None    # TCK error type on exit 1
        self.error_msg = None
        self.failure = None       # runner-level failure (timeout, crash, bad output)
        self.stderr = ''
        self.rc = None
        self.elapsed = 0.0

    @property
    def ok(self):
        return self.failure is None and self.error_kind is None

    def describe_error(self):
        if self.failure:
            return self.failure
        if self.error_kind:
            return 'error: %s: %s' % (self.error_kind, self.error_msg)
        return ''


def parse_error(stderr):
    """-> (kind, message) from dyad's stderr, or (None, None)."""
    for line in stderr.splitlines():
        m = _ERR_RE.match(line.strip())
        if m:
            return m.group(1), m.group(4)
    return None, None


def parse_output(stdout):
    """dyad's stdout -> list of (columns, rows, stats); raises BadOutput."""
    docs = []
    for line in stdout.splitlines():
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except ValueError as e:
            raise BadOutput('stdout is not JSON lines: %s: %r' % (e, line[:200]))
        if not isinstance(d, dict) or not isinstance(d.get('columns'), list) or \
                not isinstance(d.get('rows'), list):
            raise BadOutput('JSON document lacks columns/rows: %r' % line[:200])
        rows = []
        for r in d['rows']:
            if not isinstance(r, list):
                raise BadOutput('row is not an array: %r' % (r,))
            rows.append([from_json(v) for v in r])
        stats = d.get('stats')
        docs.append((list(d['columns']), rows, stats if isinstance(stats, dict) else None))
    return docs


def _one_line(text, limit=300):
    text = ' / '.join(l.strip() for l in text.strip().splitlines() if l.strip())
    return text if len(text) <= limit else text[:limit] + '...'


def run_dyad(cfg, db, query, params=None):
    res = QueryResult()
    cmd = [cfg.dyad, '--db', db, 'query', '--format', 'json', '--stats']
    if params:
        cmd += ['--params', json.dumps(to_json(params), ensure_ascii=False)]
    cmd.append(query)
    t0 = time.time()
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=cfg.timeout,
                           cwd=os.path.dirname(db))
    except subprocess.TimeoutExpired:
        res.failure = 'timeout after %gs' % cfg.timeout
        res.elapsed = time.time() - t0
        return res
    except OSError as e:
        res.failure = 'cannot run %s: %s' % (cfg.dyad, e)
        return res
    res.elapsed = time.time() - t0
    res.rc = p.returncode
    out = p.stdout.decode('utf-8', 'replace')
    res.stderr = p.stderr.decode('utf-8', 'replace')
    if p.returncode == 0:
        try:
            res.docs = parse_output(out)
        except BadOutput as e:
            res.failure = 'bad output: %s' % e
        else:
            if not res.docs:
                res.failure = 'bad output: no JSON document on stdout'
        return res
    if p.returncode == 1:
        kind, msg = parse_error(res.stderr)
        if kind:
            res.error_kind, res.error_msg = kind, msg
        else:
            res.failure = 'exit 1 without an `error: <Kind>: ...` line; stderr: %s' % \
                _one_line(res.stderr)
        return res
    if p.returncode == 2:
        res.failure = 'usage error (exit 2): %s' % _one_line(res.stderr)
    elif p.returncode < 0:
        res.failure = 'killed by signal %d; stderr: %s' % (-p.returncode, _one_line(res.stderr))
    else:
        res.failure = 'exit %d; stderr: %s' % (p.returncode, _one_line(res.stderr))
    return res


# ---------------------------------------------------------------------------
# side effects

SNAPSHOT_QUERY = 'MATCH (n) RETURN n; MATCH ()-[r]->() RETURN r'


class GraphState(object):
    def __init__(self):
        self.nodes = set()
        self.rels = set()
        self.labels = set()
        self.props = collections.Counter()

    def diff(self, later):
        return {
            '+nodes': len(later.nodes - self.nodes),
            '-nodes': len(self.nodes - later.nodes),
            '+relationships': len(later.rels - self.rels),
            '-relationships': len(self.rels - later.rels),
            '+labels': len(later.labels - self.labels),
            '-labels': len(self.labels - later.labels),
            '+properties': sum((later.props - self.props).values()),
            '-properties': sum((self.props - later.props).values()),
        }


def state_from_docs(docs):
    """GraphState from the two documents of SNAPSHOT_QUERY; raises BadOutput."""
    if len(docs) != 2:
        raise BadOutput('snapshot query returned %d documents, expected 2' % len(docs))
    st = GraphState()
    for row in docs[0][1]:
        n = row[0] if row else None
        if not isinstance(n, Node) or n.id is None:
            raise BadOutput('snapshot: not a node: %r' % (n,))
        st.nodes.add(n.id)
        st.labels.update(n.labels)
        for k, v in n.props.items():
            st.props[(('n', n.id), k, canon(v))] += 1
    for row in docs[1][1]:
        r = row[0] if row else None
        if not isinstance(r, Rel) or r.id is None:
            raise BadOutput('snapshot: not a relationship: %r' % (r,))
        st.rels.add(r.id)
        for k, v in r.props.items():
            st.props[(('r', r.id), k, canon(v))] += 1
    return st


def sum_stats(docs):
    """Stats of all statements of one invocation added up (None if any
    document lacks them)."""
    total = collections.Counter()
    for _, _, st in docs:
        if st is None:
            return None
        for k, v in st.items():
            if isinstance(v, int) and not isinstance(v, bool):
                total[k] += v
    return dict(total) if docs else None


def full_expectation(exp):
    return dict((k, exp.get(k, 0)) for k in SIDE_EFFECT_KEYS)


def check_side_effects_snapshot(exp, actual):
    """exp, actual: dicts over SIDE_EFFECT_KEYS -> None or reason."""
    e = full_expectation(exp)
    bad = ['%s expected %d, got %d' % (k, e[k], actual[k]) for k in SIDE_EFFECT_KEYS
           if e[k] != actual[k]]
    return '; '.join(bad) or None


def check_side_effects_stats(exp, stats):
    """Compare TCK side effects with dyad's stats, per the mapping in the
    module docstring.  Returns None or a reason."""
    if stats is None:
        return 'no stats in the output'
    e = full_expectation(exp)

    def g(k):
        v = stats.get(k, 0)
        return v if isinstance(v, int) and not isinstance(v, bool) else 0

    bad = []
    for key, stat in (('+nodes', 'nodes_created'), ('-nodes', 'nodes_deleted'),
                      ('+relationships', 'relationships_created'),
                      ('-relationships', 'relationships_deleted')):
        if e[key] != g(stat):
            bad.append('%s expected %d, %s=%d' % (key, e[key], stat, g(stat)))
    if g('labels_added') < e['+labels']:
        bad.append('+labels expected %d, labels_added=%d' % (e['+labels'], g('labels_added')))
    deletes = e['-nodes'] > 0 or e['-relationships'] > 0
    if e['-nodes'] == 0 and g('labels_removed') < e['-labels']:
        bad.append('-labels expected %d, labels_removed=%d' % (e['-labels'], g('labels_removed')))
    plus, minus = e['+properties'], e['-properties']
    lower = plus if deletes else max(plus, minus)
    upper = plus + minus
    ps = g('properties_set')
    if not lower <= ps <= upper:
        bad.append('+properties %d/-properties %d need %d <= properties_set <= %d, got %d'
                   % (plus, minus, lower, upper, ps))
    return '; '.join(bad) or None


# ---------------------------------------------------------------------------
# scenario execution

class Outcome(object):
    def __init__(self, sc, status, reason='', log=None):
        self.sc = sc
        self.status = status      # 'pass', 'fail', 'skip'
        self.reason = reason
        self.log = log or []


def run_scenario(sc, cfg):
    if sc.skip_reason:
        return Outcome(sc, 'skip', sc.skip_reason)
    if sc.problems:
        return Outcome(sc, 'fail', 'unparseable scenario: ' + '; '.join(sc.problems))
    tmp = tempfile.mkdtemp(prefix='tck-', dir=cfg.tmpdir)
    db = os.path.join(tmp, 'db')
    log = []
    try:
        status, reason = _execute(sc, cfg, db, log)
        return Outcome(sc, status, reason, log)
    except Exception as e:  # a runner bug must not kill the whole run
        return Outcome(sc, 'fail', 'runner exception: %s: %s' % (type(e).__name__, e), log)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _execute(sc, cfg, db, log):
    params = {}
    last = None            # QueryResult of the last query / control query
    main = None            # QueryResult of the main query
    before = None          # GraphState before the main query (or 'stats')
    graph_touched = False  # anything executed on the database yet?
    for act in sc.actions:
        kind = act[0]
        if kind == 'empty':
            continue
        if kind == 'graph':
            gpath = os.path.join(cfg.graphs, act[1], act[1] + '.cypher')
            try:
                with open(gpath, encoding='utf-8') as f:
                    q = f.read().strip()
                if q.endswith(';'):      # the files end with one; one statement
                    q = q[:-1]
            except OSError as e:
                return 'fail', 'named graph %s: %s' % (act[1], e)
            r = run_dyad(cfg, db, q)
            graph_touched = True
            log.append(('graph ' + act[1], q, r))
            if not r.ok:
                return 'fail', 'loading graph %s failed: %s' % (act[1], r.describe_error())
            continue
        if kind == 'setup':
            r = run_dyad(cfg, db, act[1])
            graph_touched = True
            log.append(('having executed', act[1], r))
            if not r.ok:
                return 'fail', 'set-up query failed: %s' % r.describe_error()
            continue
        if kind == 'params':
            params = act[1]
            continue
        if kind == 'query':
            if cfg.side_effects in ('snapshot', 'auto') and main is None and \
                    any(a[0] == 'side_effects' for a in sc.actions):
                if not graph_touched:
                    before = GraphState()
                else:
                    before = _snapshot(cfg, db, log)
                    if isinstance(before, str):
                        if cfg.side_effects == 'snapshot':
                            return 'fail', 'side-effect measurement failed: ' + before
                        before = None
            r = run_dyad(cfg, db, act[1], params)
            graph_touched = True
            log.append(('query', act[1], r))
            last = r
            if main is None:
                main = r
            if r.failure:
                return 'fail', r.failure
            continue
        if kind == 'control':
            r = run_dyad(cfg, db, act[1], params)
            graph_touched = True
            log.append(('control query', act[1], r))
            last = r
            if r.failure:
                return 'fail', 'control query: ' + r.failure
            continue
        if kind in ('result', 'empty_result'):
            if last is None:
                return 'fail', 'result step before any query'
            if last.error_kind:
                return 'fail', 'expected a result, got %s' % last.describe_error()
            cols, rows, _ = last.docs[-1]
            if kind == 'empty_result':
                if rows:
                    hint = ''
                    if not cols and all(r == [] for r in rows):
                        hint = ' with no columns (a query without RETURN has no rows)'
                    return 'fail', 'expected an empty result, got %d row(s)%s' % (len(rows), hint)
                continue
            _, ecols, erows, ordered, ulists, _ = act
            why = compare_results(ecols, erows, cols, rows, ordered, ulists)
            if why:
                return 'fail', why
            continue
        if kind == 'error':
            if last is None:
                return 'fail', 'error step before any query'
            etype = act[1]
            if last.error_kind is None:
                cols, rows, _ = last.docs[-1]
                return 'fail', 'expected %s (%s: %s), but the query succeeded with %d row(s)' % (
                    etype, act[2], act[3], len(rows))
            if last.error_kind != etype:
                return 'fail', 'expected %s (%s: %s), got %s' % (
                    etype, act[2], act[3], last.describe_error())
            continue
        if kind == 'side_effects':
            if main is None:
                return 'fail', 'side effects step before the query'
            if main.error_kind:
                # the TCK implies no side effects for failed queries
                if act[1] and any(act[1].values()):
                    return 'fail', 'expected side effects, got %s' % main.describe_error()
                continue
            why = None
            mode = cfg.side_effects
            if mode in ('snapshot', 'auto') and before is not None:
                after = _snapshot(cfg, db, log)
                if isinstance(after, str):
                    if mode == 'snapshot':
                        return 'fail', 'side-effect measurement failed: ' + after
                else:
                    why = check_side_effects_snapshot(act[1], before.diff(after))
                    if why:
                        return 'fail', 'side effects (measured): ' + why
                    continue
            why = check_side_effects_stats(act[1], sum_stats(main.docs))
            if why:
                return 'fail', 'side effects (stats): ' + why
            continue
        return 'fail', 'unknown action %r' % (kind,)
    return 'pass', ''


def _snapshot(cfg, db, log):
    """GraphState of the database, or a reason string.  Uses one invocation
    with two statements; if the engine cannot run that (no `;` support yet)
    but can run the statements one by one, it switches to two invocations
    for the rest of the run."""
    if not getattr(cfg, 'split_snapshot', False):
        r = run_dyad(cfg, db, SNAPSHOT_QUERY)
        if r.ok and len(r.docs) == 2:
            try:
                return state_from_docs(r.docs)
            except BadOutput as e:
                log.append(('measure', SNAPSHOT_QUERY, r))
                return str(e)
        if r.failure and 'timeout' in r.failure:
            log.append(('measure', SNAPSHOT_QUERY, r))
            return r.describe_error()
    docs = []
    for q in SNAPSHOT_QUERY.split('; '):
        r = run_dyad(cfg, db, q)
        if not r.ok or len(r.docs) != 1:
            log.append(('measure', q, r))
            return r.describe_error() or 'expected one result document for %r' % q
        docs.extend(r.docs)
    cfg.split_snapshot = True
    try:
        return state_from_docs(docs)
    except BadOutput as e:
        return str(e)


# ===========================================================================
# reporting
# ===========================================================================

def _indent(text, pre='      '):
    return '\n'.join(pre + l for l in text.split('\n'))


def describe_failure(o):
    sc = o.sc
    out = ['FAIL %s' % sc.ident, '    feature: %s' % sc.feature,
           '    reason: %s' % o.reason]
    for title, q, r in o.log:
        out.append('    %s:' % title)
        out.append(_indent(q.strip('\n')))
        if r.failure:
            out.append('    -> %s' % r.failure)
        elif r.error_kind:
            out.append('    -> error: %s: %s' % (r.error_kind, r.error_msg))
        elif title in ('query', 'control query') and r.docs:
            cols, rows, stats = r.docs[-1]
            out.append('    -> actual (%d row(s)):' % len(rows))
            out.extend('      ' + l for l in fmt_table(cols, rows[:50]))
            if len(rows) > 50:
                out.append('      ... %d more' % (len(rows) - 50))
            if stats:
                out.append('    -> stats: %s' % json.dumps(stats, sort_keys=True))
    params = [a for a in sc.actions if a[0] == 'params']
    if params:
        out.append('    parameters: %s' % ', '.join(
            '%s = %s' % (k, fmt(v)) for k, v in sorted(params[-1][1].items())))
    for a in sc.actions:
        if a[0] == 'result':
            out.append('    expected (%s%s):' % ('in order' if a[3] else 'any order',
                                               ', lists unordered' if a[4] else ''))
            out.extend('      | ' + ' | '.join(r) + ' |' for r in a[5])
        elif a[0] == 'empty_result':
            out.append('    expected: empty result')
        elif a[0] == 'error':
            out.append('    expected: %s at %s: %s' % (a[1], a[2], a[3]))
        elif a[0] == 'side_effects':
            out.append('    expected side effects: %s' % (
                ', '.join('%s %d' % kv for kv in sorted(a[1].items())) or 'none'))
    return '\n'.join(out)


def count_by_folder(outcomes):
    counts = collections.OrderedDict()
    for o in outcomes:
        c = counts.setdefault(o.sc.folder, {'passed': 0, 'failed': 0, 'skipped': 0})
        c[{'pass': 'passed', 'fail': 'failed', 'skip': 'skipped'}[o.status]] += 1
    return collections.OrderedDict(sorted(counts.items()))


def check_floor(floor, counts, total):
    """floor: {folder: N or {"passed": N}, "total": N} -> list of violations."""
    bad = []
    for k, v in floor.items():
        if isinstance(v, dict):
            v = v.get('passed', 0)
        if not isinstance(v, int):
            continue
        got = total['passed'] if k == 'total' else counts.get(k, {}).get('passed', 0)
        if got < v:
            bad.append('%s: %d passed, floor %d' % (k, got, v))
    return bad


class Config(object):
    pass


def find_dyad(arg):
    for c in (arg, os.environ.get('DYAD_BIN'), os.path.join(REPO, 'build', 'dyad')):
        if c:
            return c
    return None


def main(argv=None):
    ap = argparse.ArgumentParser(description='Run the openCypher TCK against dyad.')
    ap.add_argument('--dyad', help='dyad binary (default: $DYAD_BIN, else <repo>/build/dyad)')
    ap.add_argument('--features', default=DEFAULT_FEATURES, help='features directory')
    ap.add_argument('--graphs', help='named graphs directory (default: <features>/../graphs)')
    ap.add_argument('--filter', help='regex on scenario name, feature name or feature path')
    ap.add_argument('--verbose', '-v', action='store_true', help='print every failing scenario')
    ap.add_argument('--json', metavar='FILE', help='write per-folder counts as JSON')
    ap.add_argument('--floor', metavar='FILE',
                    help='JSON {folder: min passed, "total": min}; exit 1 if below')
    ap.add_argument('--list-failures', metavar='FILE', help='write failing scenarios, one a line')
    ap.add_argument('--dry-run', action='store_true', help='parse all features, run nothing')
    ap.add_argument('--jobs', '-j', type=int, default=2, help='parallel scenarios (default 2)')
    ap.add_argument('--timeout', type=float, default=20.0, help='per-query timeout, seconds')
    ap.add_argument('--side-effects', choices=('auto', 'snapshot', 'stats'), default='auto',
                    help='how to check side effects (see the module docstring)')
    ap.add_argument('--tmpdir', help='where scenario databases are created')
    args = ap.parse_args(argv)

    features = os.path.abspath(args.features)
    if not os.path.isdir(features):
        print('error: no features directory %s' % features, file=sys.stderr)
        return 2
    scenarios, file_problems = load_all(features)
    if args.filter:
        try:
            rx = re.compile(args.filter)
        except re.error as e:
            print('error: bad --filter: %s' % e, file=sys.stderr)
            return 2
        scenarios = [s for s in scenarios
                     if rx.search(s.name) or rx.search(s.feature) or rx.search(s.path)]

    if args.dry_run:
        per = collections.OrderedDict()
        for s in scenarios:
            c = per.setdefault(s.folder, {'scenarios': 0, 'skipped': 0, 'problems': 0})
            c['scenarios'] += 1
            if s.skip_reason:
                c['skipped'] += 1
            if s.problems:
                c['problems'] += 1
        for folder in sorted(per):
            c = per[folder]
            print('%s: %d scenarios (%d would be skipped, %d unparseable)'
                  % (folder, c['scenarios'], c['skipped'], c['problems']))
        for p in file_problems:
            print('PROBLEM %s' % p)
        for s in scenarios:
            for p in s.problems:
                print('PROBLEM %s: %s' % (s.ident, p))
        total = sum(c['scenarios'] for c in per.values())
        print('%d scenarios, %d would be skipped, %d unparseable, %d file problems' % (
            total, sum(c['skipped'] for c in per.values()),
            sum(c['problems'] for c in per.values()), len(file_problems)))
        return 1 if file_problems or any(s.problems for s in scenarios) else 0

    cfg = Config()
    cfg.dyad = find_dyad(args.dyad)
    if not cfg.dyad or not os.path.isfile(cfg.dyad) or not os.access(cfg.dyad, os.X_OK):
        print('error: dyad binary not found or not executable: %s (use --dyad or DYAD_BIN)'
              % cfg.dyad, file=sys.stderr)
        return 2
    cfg.dyad = os.path.abspath(cfg.dyad)
    cfg.graphs = os.path.abspath(args.graphs or os.path.join(os.path.dirname(features), 'graphs'))
    cfg.timeout = args.timeout
    cfg.side_effects = args.side_effects
    # all scenario databases live under one directory per run, removed at
    # the end even when the run is interrupted (Ctrl-C, SIGTERM)
    cfg.tmpdir = tempfile.mkdtemp(prefix='dyad-tck-', dir=args.tmpdir)
    try:
        return _run(args, cfg, scenarios, file_problems)
    finally:
        shutil.rmtree(cfg.tmpdir, ignore_errors=True)


def _on_sigterm(signum, frame):
    raise SystemExit(128 + signum)


def _run(args, cfg, scenarios, file_problems):
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _on_sigterm)
    for p in file_problems:
        print('warning: %s' % p, file=sys.stderr)

    outcomes = [None] * len(scenarios)
    done = [0]
    lock = threading.Lock()
    progress = sys.stderr.isatty()
    t0 = time.time()

    def work(i):
        o = run_scenario(scenarios[i], cfg)
        with lock:
            outcomes[i] = o
            done[0] += 1
            if progress and done[0] % 50 == 0:
                sys.stderr.write('\r%d/%d scenarios' % (done[0], len(scenarios)))
                sys.stderr.flush()

    ex = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs))
    try:
        futures = [ex.submit(work, i) for i in range(len(scenarios))]
        for f in futures:
            f.result()
    except BaseException:
        # let running scenarios finish (each query is bounded by --timeout),
        # drop the queued ones, then the caller removes the databases
        ex.shutdown(wait=True, cancel_futures=True)
        raise
    ex.shutdown(wait=True)
    if progress:
        sys.stderr.write('\r%s\r' % (' ' * 40))

    if args.verbose:
        for o in outcomes:
            if o.status == 'fail':
                print(describe_failure(o))
                print()

    counts = count_by_folder(outcomes)
    total = {'passed': 0, 'failed': 0, 'skipped': 0}
    for folder, c in counts.items():
        print('%s: %d passed, %d failed, %d skipped' % (folder, c['passed'], c['failed'],
                                                          c['skipped']))
        for k in total:
            total[k] += c[k]
    print('%d passed, %d failed, %d skipped' % (total['passed'], total['failed'],
                                                total['skipped']))
    if args.verbose:
        print('(%.1fs)' % (time.time() - t0), file=sys.stderr)

    if args.json:
        doc = collections.OrderedDict(counts)
        doc['total'] = total
        with open(args.json, 'w') as f:
            json.dump(doc, f, indent=2)
            f.write('\n')
    if args.list_failures:
        with open(args.list_failures, 'w', encoding='utf-8') as f:
            for o in outcomes:
                if o.status == 'fail':
                    f.write('%s\t%s\n' % (o.sc.ident, o.reason.replace('\n', ' ')[:300]))
    if args.floor:
        try:
            with open(args.floor) as f:
                floor = json.load(f)
        except (OSError, ValueError) as e:
            print('error: cannot read floor %s: %s' % (args.floor, e), file=sys.stderr)
            return 2
        bad = check_floor(floor, counts, total)
        for b in bad:
            print('BELOW FLOOR %s' % b)
        return 1 if bad else 0
    return 0


if __name__ == '__main__':
    sys.exit(main())
