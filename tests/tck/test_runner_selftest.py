#!/usr/bin/env python3
"""Self-tests of the TCK runner (tests/tck/run_tck.py): value parser,
comparison, Gherkin parsing, error/side-effect handling, and an end-to-end
run against a fake `dyad` script.  Needs no real dyad binary.

    python3 tests/tck/test_runner_selftest.py
"""

import contextlib
import io
import json
import math
import os
import shutil
import stat
import sys
import tempfile
import textwrap
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_tck as R  # noqa: E402

P = R.parse_value


def eq(a, b, unordered=False):
    return R.values_equal(a, b, unordered)


class ValueParserTest(unittest.TestCase):

    def test_scalars(self):
        self.assertIsNone(P('null'))
        self.assertIs(P('true'), True)
        self.assertIs(P('false'), False)
        self.assertEqual(P('42'), 42)
        self.assertIsInstance(P('42'), int)
        self.assertEqual(P('-7'), -7)
        self.assertEqual(P('0'), 0)
        self.assertEqual(P('4611686018427387905'), 4611686018427387905)

    def test_floats(self):
        for text, val in (('1.0', 1.0), ('.5', 0.5), ('-.5', -0.5), ('1e10', 1e10),
                          ('-1e-305', -1e-305), ('1.2635418652381264e305', 1.2635418652381264e305),
                          ('0.00001', 1e-5), ('3985764.3405892686', 3985764.3405892686),
                          ('1E3', 1000.0)):
            v = P(text)
            self.assertIsInstance(v, float, text)
            self.assertEqual(v, val, text)
        self.assertTrue(math.isnan(P('NaN')))
        self.assertEqual(P('Inf'), float('inf'))
        self.assertEqual(P('-Inf'), float('-inf'))
        self.assertEqual(P('Infinity'), float('inf'))

    def test_strings(self):
        self.assertEqual(P("''"), '')
        self.assertEqual(P("'a'"), 'a')
        self.assertEqual(P("'\\''"), "'")
        self.assertEqual(P("'🧐🍌❖⋙⚐'"), '🧐🍌❖⋙⚐')
        self.assertEqual(P("'a b, [c]: {d}'"), 'a b, [c]: {d}')
        self.assertEqual(P("'x\\ty'"), 'x\ty')
        # Literals6 [5]: the Gherkin cell, then the TCK string escapes
        cell = R.split_row(r"""| 'a\\\\bcn5t\'"\\\\//\\\\"\'' |""")[0]
        self.assertEqual(cell, r"""'a\\bcn5t\'"\\//\\"\''""")
        self.assertEqual(P(cell), 'a\\bcn5t\'"\\//\\"\'')
        # String9: Gherkin turns \n in a cell into a newline
        self.assertEqual(P(R.split_row(r"| '\nFoo\n' |")[0]), '\nFoo\n')

    def test_containers(self):
        self.assertEqual(P('[]'), [])
        self.assertEqual(P('[1, 2.0, [\'a\', null]]'), [1, 2.0, ['a', None]])
        self.assertEqual(P('{}'), {})
        self.assertEqual(P("{name: 'Apa', age: 38, address: {city: 'London', residential: true}}"),
                         {'name': 'Apa', 'age': 38,
                          'address': {'city': 'London', 'residential': True}})
        self.assertEqual(P('{`a b`: 1}'), {'a b': 1})
        self.assertEqual(P('[ 1 ,2 ]'), [1, 2])

    def test_node(self):
        n = P("(:A:B {name: 'a', num: 1})")
        self.assertIsInstance(n, R.Node)
        self.assertEqual(n.labels, frozenset(['A', 'B']))
        self.assertEqual(n.props, {'name': 'a', 'num': 1})
        e = P('()')
        self.assertEqual((e.labels, e.props), (frozenset(), {}))
        self.assertEqual(P("({name: 'x'})").props, {'name': 'x'})

    def test_relationship(self):
        r = P("[:T {k: 'v'}]")
        self.assertIsInstance(r, R.Rel)
        self.assertEqual((r.type, r.props), ('T', {'k': 'v'}))
        self.assertEqual(P('[:KNOWS]').type, 'KNOWS')
        self.assertEqual(P('[[:T], [1]]')[0].type, 'T')   # list of rel vs list of list
        self.assertEqual(P('[[:T], [1]]')[1], [1])

    def test_path(self):
        p = P("<(:A {name: 'a'})-[:T]->(:B)<-[:U {w: 1}]-()>")
        self.assertIsInstance(p, R.Path)
        self.assertEqual(p.start.labels, frozenset(['A']))
        self.assertEqual([(d, r.type) for d, r, _ in p.links], [('->', 'T'), ('<-', 'U')])
        self.assertEqual(p.links[1][1].props, {'w': 1})
        z = P('<()>')
        self.assertEqual(z.links, [])

    def test_errors(self):
        for bad in ("'open", '[1, 2', '{a 1}', '(:A', 'nonsense', '1 2', '[:A:B]',
                    '<(:A)-[:T]-(:B)>', ''):
            with self.assertRaises(R.ValueParseError, msg=bad):
                P(bad)

    def test_roundtrip(self):
        for text in ("(:A:B {k: [1, 2.5, 'x']})", "<(:A)-[:T {k: 1}]->(:B)<-[:U]-()>",
                     "{a: NaN, b: -Inf, c: null}", "['\\'', 'a\\\\b']"):
            v = P(text)
            self.assertTrue(eq(v, P(R.fmt(v))), text)


class CompareTest(unittest.TestCase):

    def test_int_vs_float(self):
        self.assertFalse(eq(P('1'), P('1.0')))
        self.assertTrue(eq(P('1.0'), 1.0))
        self.assertFalse(eq(P('1'), True))
        self.assertFalse(eq(P('0'), False))
        self.assertFalse(eq(P('[1]'), [1.0]))

    def test_floats(self):
        self.assertTrue(eq(P('NaN'), float('nan')))
        self.assertTrue(eq(P('0.1'), 0.1))
        self.assertFalse(eq(P('0.3'), 0.1 + 0.2))
        self.assertTrue(eq(P('0.30000000000000004'), 0.1 + 0.2))
        self.assertTrue(eq(P('0.0'), -0.0))
        self.assertTrue(eq(P('-Inf'), float('-inf')))

    def test_nodes(self):
        a = R.from_json({'~node': {'id': 3, 'labels': ['B', 'A'], 'properties': {'k': 1}}})
        self.assertTrue(eq(P('(:A:B {k: 1})'), a))
        self.assertFalse(eq(P('(:A {k: 1})'), a))
        self.assertFalse(eq(P('(:A:B {k: 1.0})'), a))
        self.assertFalse(eq(P('(:A:B)'), a))
        self.assertFalse(eq(P('{k: 1}'), a))

    def test_relationships(self):
        a = R.from_json({'~rel': {'id': 7, 'type': 'T', 'start': 1, 'end': 2,
                                  'properties': {'w': 'x'}}})
        self.assertTrue(eq(P("[:T {w: 'x'}]"), a))
        self.assertFalse(eq(P("[:U {w: 'x'}]"), a))
        self.assertFalse(eq(P('[:T]'), a))

    def _path(self):
        n1 = {'~node': {'id': 1, 'labels': ['A'], 'properties': {}}}
        n2 = {'~node': {'id': 2, 'labels': ['B'], 'properties': {}}}
        n3 = {'~node': {'id': 3, 'labels': [], 'properties': {}}}
        r1 = {'~rel': {'id': 10, 'type': 'T', 'start': 1, 'end': 2, 'properties': {}}}
        r2 = {'~rel': {'id': 11, 'type': 'U', 'start': 3, 'end': 2, 'properties': {}}}
        return R.from_json({'~path': [n1, r1, n2, r2, n3]})

    def test_paths(self):
        a = self._path()
        self.assertTrue(eq(P('<(:A)-[:T]->(:B)<-[:U]-()>'), a))
        self.assertFalse(eq(P('<(:A)-[:T]->(:B)-[:U]->()>'), a))
        self.assertFalse(eq(P('<(:A)<-[:T]-(:B)<-[:U]-()>'), a))
        self.assertFalse(eq(P('<(:A)-[:T]->(:B)>'), a))
        n = {'~node': {'id': 5, 'labels': [], 'properties': {}}}
        self.assertTrue(eq(P('<()>'), R.from_json({'~path': [n]})))

    def test_lists_and_maps(self):
        self.assertFalse(eq(P('[1, 2]'), [2, 1]))
        self.assertTrue(eq(P('[1, 2]'), [2, 1], unordered=True))
        self.assertTrue(eq(P('[[1, 2], [3]]'), [[3], [2, 1]], unordered=True))
        self.assertFalse(eq(P('[1, 1, 2]'), [1, 2, 2], unordered=True))
        self.assertTrue(eq(P('{a: 1, b: [2]}'), {'b': [2], 'a': 1}))
        self.assertFalse(eq(P('{a: 1}'), {'a': 1, 'b': None}))
        self.assertFalse(eq(P('{a: null}'), {}))

    def test_temporals_compare_as_strings(self):
        self.assertTrue(eq(P("'1984-10-11'"), R.from_json({'~date': '1984-10-11'})))
        self.assertTrue(eq(P("['P1Y2M']"), R.from_json([{'~duration': 'P1Y2M'}])))
        self.assertTrue(eq(P("'12:00'"), R.from_json({'~localtime': '12:00'})))
        self.assertFalse(eq(P("'1984-10-12'"), R.from_json({'~date': '1984-10-11'})))

    def test_tagged_floats(self):
        self.assertTrue(math.isnan(R.from_json({'~float': 'NaN'})))
        self.assertEqual(R.from_json({'~float': 'Infinity'}), float('inf'))
        self.assertEqual(R.from_json({'~float': '-Infinity'}), float('-inf'))
        self.assertTrue(eq(P('[NaN, Inf]'), R.from_json([{'~float': 'NaN'}, {'~float': 'Infinity'}])))

    def test_rows(self):
        cols = ['a', 'b']
        exp = [[1, 'x'], [2, 'y'], [2, 'y']]
        self.assertIsNone(R.compare_results(cols, exp, cols, [[2, 'y'], [1, 'x'], [2, 'y']],
                                            False, False))
        self.assertIsNotNone(R.compare_results(cols, exp, cols, [[2, 'y'], [1, 'x']],
                                               False, False))
        self.assertIsNotNone(R.compare_results(cols, exp, cols, [[1, 'x'], [1, 'x'], [2, 'y']],
                                               False, False))
        self.assertIsNone(R.compare_results(cols, exp, cols, [[1, 'x'], [2, 'y'], [2, 'y']],
                                            True, False))
        why = R.compare_results(cols, exp, cols, [[2, 'y'], [1, 'x'], [2, 'y']], True, False)
        self.assertIn('wrong order', why)
        self.assertIn('columns', R.compare_results(cols, exp, ['b', 'a'], exp, False, False))
        self.assertIn('columns', R.compare_results(cols, [], ['a'], [], False, False))
        self.assertIsNone(R.compare_results(cols, [], cols, [], False, False))
        self.assertIsNone(R.compare_results(['l'], [[[1, 2]]], ['l'], [[[2, 1]]], False, True))


class JsonTest(unittest.TestCase):

    def test_params(self):
        v = P("{name: 'Apa', n: 1, f: 1.0, l: [NaN, Inf, -Inf], z: null, b: true}")
        s = json.dumps(R.to_json(v), sort_keys=True)
        self.assertEqual(json.loads(s), {
            'name': 'Apa', 'n': 1, 'f': 1.0, 'z': None, 'b': True,
            'l': [{'~float': 'NaN'}, {'~float': 'Infinity'}, {'~float': '-Infinity'}]})
        self.assertIn('"f": 1.0', s)
        with self.assertRaises(ValueError):
            R.to_json(P('(:A)'))

    def test_output(self):
        out = ('{"columns": ["a", "n"], "rows": [[1.5, {"~node": {"id": 1, "labels": ["L"], '
               '"properties": {"k": [1, 2]}}}]], "stats": {"nodes_created": 0}}\n')
        docs = R.parse_output(out)
        self.assertEqual(len(docs), 1)
        cols, rows, stats = docs[0]
        self.assertEqual(cols, ['a', 'n'])
        self.assertTrue(eq(P('1.5'), rows[0][0]))
        self.assertTrue(eq(P('(:L {k: [1, 2]})'), rows[0][1]))
        self.assertEqual(stats, {'nodes_created': 0})
        with self.assertRaises(R.BadOutput):
            R.parse_output('not json\n')
        with self.assertRaises(R.BadOutput):
            R.parse_output('{"rows": []}\n')

    def test_plain_map_with_tilde_key(self):
        self.assertEqual(R.from_json({'~x': [1]}), {'~x': [1]})
        self.assertEqual(R.from_json({'a': 1, '~b': 2}), {'a': 1, '~b': 2})

    def test_errors(self):
        self.assertEqual(R.parse_error('error: SyntaxError at line 1, column 8: bad token\n'),
                         ('SyntaxError', 'bad token'))
        self.assertEqual(R.parse_error('warning: x\nerror: TypeError: expected int\n'),
                         ('TypeError', 'expected int'))
        self.assertEqual(R.parse_error('Segmentation fault\n'), (None, None))


FEATURE = textwrap.dedent('''\
    #encoding: utf-8

    Feature: Sample - a feature
      Some description text.

      Background:
        Given an empty graph
        And having executed:
          """
          CREATE (:A {name: 'a'})
          """

      Scenario: [1] First
        When executing query:
          """
          MATCH (n)
          RETURN n
          """
        Then the result should be, in any order:
          | n                  |
          | (:A {name: 'a'})   |
        And no side effects

      @ignore
      Scenario: [2] Ignored
        When executing query:
          """
          RETURN 1
          """
        Then the result should be empty

      Scenario Outline: [3] Outline <x>
        And parameters are:
          | p | <x> |
        When executing query:
          """
          RETURN $p AS v, '<x>' AS s
          """
        Then the result should be (ignoring element order for lists):
          | v   | s     |
          | <x> | 'a\\|b' |
        And the side effects should be:
          | +nodes | 0 |

        Examples:
          | x |
          | 1 |
          | 2 |

        Examples:
          | x   |
          | 3.5 |

      Scenario: [4] Procedure
        And there exists a procedure test.my.proc(in :: INTEGER?) :: (out :: STRING?):
          | in | out |
          | 1  | 'a' |
        When executing query:
          """
          CALL test.my.proc(1)
          """
        Then a SyntaxError should be raised at compile time: InvalidArgumentType
    ''')


class GherkinTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.mkdtemp()
        os.makedirs(os.path.join(self.dir, 'clauses', 'sample'))
        self.path = os.path.join(self.dir, 'clauses', 'sample', 'Sample1.feature')
        with open(self.path, 'w') as f:
            f.write(FEATURE.replace('\n', '\r\n'))   # CRLF, as some TCK files

    def tearDown(self):
        shutil.rmtree(self.dir)

    def test_parse(self):
        scs, problems = R.load_feature(self.path, self.dir)
        self.assertEqual(problems, [])
        self.assertEqual([s.name for s in scs],
                         ['[1] First', '[2] Ignored', '[3] Outline 1', '[3] Outline 2',
                          '[3] Outline 3.5', '[4] Procedure'])
        for s in scs:
            self.assertEqual(s.folder, 'clauses/sample')
            self.assertEqual(s.feature, 'Sample - a feature')
            self.assertEqual(s.problems, [])
        first = scs[0]
        self.assertEqual([a[0] for a in first.actions],
                         ['empty', 'setup', 'query', 'result', 'side_effects'])
        self.assertEqual(first.actions[1][1], "CREATE (:A {name: 'a'})")
        self.assertEqual(first.actions[2][1], 'MATCH (n)\nRETURN n')
        self.assertEqual(scs[1].skip_reason, 'tagged @ignore')
        self.assertEqual(scs[5].skip_reason, 'procedure definitions unsupported')
        o3 = scs[4]
        self.assertEqual(o3.example, 3)
        params = [a for a in o3.actions if a[0] == 'params'][0][1]
        self.assertEqual(params, {'p': 3.5})
        q = [a for a in o3.actions if a[0] == 'query'][0][1]
        self.assertEqual(q, "RETURN $p AS v, '3.5' AS s")
        res = [a for a in o3.actions if a[0] == 'result'][0]
        self.assertEqual(res[1], ['v', 's'])
        self.assertEqual(res[2], [[3.5, 'a|b']])
        self.assertEqual((res[3], res[4]), (False, True))
        se = [a for a in o3.actions if a[0] == 'side_effects'][0]
        self.assertEqual(se[1], {'+nodes': 0})

    def test_unknown_step_is_a_problem(self):
        with open(self.path, 'w') as f:
            f.write('Feature: F\n  Scenario: S\n    Given a strange graph\n'
                    '    When executing query:\n      """\n      RETURN 1\n      """\n'
                    '    Then the result should be empty\n')
        scs, _ = R.load_feature(self.path, self.dir)
        self.assertEqual(len(scs), 1)
        self.assertTrue(any('cannot parse step' in p for p in scs[0].problems))

    def test_result_step_variants(self):
        variants = {
            'the result should be, in any order:': (False, False),
            'the result should be, in order:': (True, False),
            'the result should be (ignoring element order for lists):': (False, True),
            'the result should be, in order (ignoring element order for lists):': (True, True),
        }
        for text, (ordered, ulists) in variants.items():
            sc = R.Scenario()
            st1 = R.GherkinStep('When', 'executing query:', 1)
            st1.docstring = 'RETURN 1 AS x'
            st2 = R.GherkinStep('Then', text, 2)
            st2.table = [['x'], ['1']]
            sc.steps = [st1, st2]
            R.compile_scenario(sc)
            self.assertEqual(sc.problems, [], text)
            self.assertEqual(sc.actions[1][:5], ('result', ['x'], [[1]], ordered, ulists), text)
        sc = R.Scenario()
        st = R.GherkinStep('Then', 'a TypeError should be raised at any time: InvalidArgumentValue', 1)
        sc.steps = [R.GherkinStep('When', 'executing query: RETURN 1', 1), st]
        R.compile_scenario(sc)
        self.assertEqual(sc.actions, [('query', 'RETURN 1'),
                                      ('error', 'TypeError', 'any time', 'InvalidArgumentValue')])

    def test_split_row(self):
        self.assertEqual(R.split_row('| a | b\\|c | \\\\ |'), ['a', 'b|c', '\\'])
        self.assertEqual(R.split_row('|  |x|'), ['', 'x'])

    def test_docstring_dedent(self):
        text = ('Feature: F\n  Scenario: S\n    When executing query:\n      """\n'
                '      MATCH (n)\n        WHERE n.x = 1\n      RETURN n\n      """\n'
                '    Then the result should be empty\n')
        _, _, _, raws, problems = R.parse_gherkin(text)
        self.assertEqual(problems, [])
        self.assertEqual(raws[0]['steps'][0].docstring, 'MATCH (n)\n  WHERE n.x = 1\nRETURN n')


class SideEffectTest(unittest.TestCase):

    def test_stats_mapping(self):
        c = R.check_side_effects_stats
        zero = {'nodes_created': 0, 'nodes_deleted': 0, 'relationships_created': 0,
                'relationships_deleted': 0, 'labels_added': 0, 'labels_removed': 0,
                'properties_set': 0}

        def st(**kw):
            d = dict(zero)
            d.update(kw)
            return d
        self.assertIsNone(c({}, st()))
        self.assertIsNotNone(c({}, st(nodes_created=1)))
        self.assertIsNone(c({'+nodes': 2, '+labels': 1}, st(nodes_created=2, labels_added=2)))
        self.assertIsNotNone(c({'+nodes': 1, '+labels': 2}, st(nodes_created=1, labels_added=1)))
        # changed value: one write, +1/-1
        self.assertIsNone(c({'+properties': 1, '-properties': 1}, st(properties_set=1)))
        self.assertIsNotNone(c({'+properties': 1, '-properties': 1}, st(properties_set=0)))
        # removal counts as a write
        self.assertIsNone(c({'-properties': 1}, st(properties_set=1)))
        self.assertIsNotNone(c({'-properties': 1}, st(properties_set=0)))
        # deleting a node with two properties: no writes
        self.assertIsNone(c({'-nodes': 1, '-properties': 2, '-labels': 1},
                            st(nodes_deleted=1)))
        self.assertIsNotNone(c({'+properties': 2}, st(properties_set=3)))
        self.assertIsNotNone(c({}, None))

    def test_snapshot_diff(self):
        def node(i, labels, props):
            return {'~node': {'id': i, 'labels': labels, 'properties': props}}

        def state(nodes, rels):
            out = json.dumps({'columns': ['n'], 'rows': [[n] for n in nodes]}) + '\n' + \
                json.dumps({'columns': ['r'], 'rows': [[r] for r in rels]}) + '\n'
            return R.state_from_docs(R.parse_output(out))
        before = state([node(1, ['A'], {'name': 'Andres'}), node(2, ['A', 'B'], {'x': 1})], [])
        after = state([node(1, ['A'], {'name': 'Michael'}), node(3, ['A', 'C'], {}),
                       node(4, ['C'], {})],
                      [{'~rel': {'id': 9, 'type': 'T', 'start': 1, 'end': 3,
                                 'properties': {'w': 1.5}}}])
        d = before.diff(after)
        self.assertEqual(d, {'+nodes': 2, '-nodes': 1, '+relationships': 1, '-relationships': 0,
                             '+labels': 1, '-labels': 1, '+properties': 2,
                             '-properties': 2})
        self.assertIsNone(R.check_side_effects_snapshot(
            {'+nodes': 2, '-nodes': 1, '+relationships': 1, '+labels': 1, '-labels': 1,
             '+properties': 2, '-properties': 2}, d))
        self.assertIsNotNone(R.check_side_effects_snapshot({}, d))
        with self.assertRaises(R.BadOutput):
            R.state_from_docs(R.parse_output('{"columns": ["n"], "rows": [[1]]}\n'))

    def test_floor(self):
        counts = {'a': {'passed': 3}, 'b': {'passed': 0}}
        total = {'passed': 3}
        self.assertEqual(R.check_floor({'a': 3, 'total': 3}, counts, total), [])
        self.assertEqual(len(R.check_floor({'a': 4, 'b': {'passed': 1}, 'total': 4},
                                           counts, total)), 3)


# ---------------------------------------------------------------------------
# end to end, with a fake dyad that implements the CLI contract for a few
# canned queries (state kept in DIR/state.json)

FAKE_DYAD = r'''#!/usr/bin/env python3
import json, os, sys, time
args = sys.argv[1:]
if '--db' not in args or 'query' not in args:
    sys.stderr.write('usage\n'); sys.exit(2)
db = args[args.index('--db') + 1]
params = json.loads(args[args.index('--params') + 1]) if '--params' in args else {}
query = args[-1]
os.makedirs(db, exist_ok=True)
sp = os.path.join(db, 'state.json')
state = json.load(open(sp)) if os.path.exists(sp) else {'nodes': [], 'next': 0}
Z = dict(nodes_created=0, nodes_deleted=0, relationships_created=0, relationships_deleted=0,
         labels_added=0, labels_removed=0, properties_set=0)
def doc(cols, rows, **st):
    s = dict(Z); s.update(st)
    print(json.dumps({'columns': cols, 'rows': rows, 'stats': s}))
def node(n):
    return {'~node': {'id': n['id'], 'labels': n['labels'], 'properties': n['props']}}
def save():
    json.dump(state, open(sp, 'w'))
q = ' '.join(query.split())
if q.startswith('CREATE (:A {name:'):
    name = q.split("'")[1]
    state['nodes'].append({'id': state['next'], 'labels': ['A'], 'props': {'name': name}})
    state['next'] += 1; save()
    doc([], [], nodes_created=1, labels_added=1, properties_set=1)
elif q == 'MATCH (n) RETURN n; MATCH ()-[r]->() RETURN r' and not os.environ.get('FAKE_NO_MULTI'):
    doc(['n'], [[node(n)] for n in state['nodes']]); doc(['r'], [])
elif q == 'MATCH ()-[r]->() RETURN r':
    doc(['r'], [])
elif q == 'MATCH (n) RETURN n':
    doc(['n'], [[node(n)] for n in state['nodes']])
elif q == 'MATCH (n) SET n.name = 0':
    for n in state['nodes']: n['props']['name'] = 0
    save(); doc([], [], properties_set=len(state['nodes']))
elif q == 'MATCH (n) DELETE n':
    k = len(state['nodes']); state['nodes'] = []; save(); doc([], [], nodes_deleted=k)
elif q == 'RETURN $p AS p':
    doc(['p'], [[params.get('p')]])
elif q == 'RETURN [1, 2] AS l':
    doc(['l'], [[[2, 1]]])
elif q == 'RETURN 1.0 AS f, 1 AS i':
    doc(['f', 'i'], [[1.0, 1]])
elif q == 'RETURN date() AS d':
    doc(['d'], [[{'~date': '2017-06-01'}]])
elif q == 'SLEEP' and os.environ.get('FAKE_SLEEP'):
    time.sleep(60)
elif q == 'CRASH':
    sys.exit(3)
elif q == 'RETURN 1/0':
    sys.stderr.write('error: ArithmeticError: / by zero\n'); sys.exit(1)
else:
    sys.stderr.write('error: SyntaxError at line 1, column 1: unsupported\n'); sys.exit(1)
'''

E2E_FEATURE = textwrap.dedent('''\
    Feature: E2E

      Scenario: [1] read back a created node
        Given an empty graph
        And having executed:
          """
          CREATE (:A {name: 'a'})
          """
        When executing query:
          """
          MATCH (n) RETURN n
          """
        Then the result should be, in any order:
          | n                |
          | (:A {name: 'a'}) |
        And no side effects

      Scenario: [2] create with side effects
        Given an empty graph
        When executing query:
          """
          CREATE (:A {name: 'b'})
          """
        Then the result should be empty
        And the side effects should be:
          | +nodes      | 1 |
          | +labels     | 1 |
          | +properties | 1 |

      Scenario: [3] changed value is +1/-1
        Given an empty graph
        And having executed:
          """
          CREATE (:A {name: 'a'})
          """
        When executing query:
          """
          MATCH (n) SET n.name = 0
          """
        Then the result should be empty
        And the side effects should be:
          | +properties | 1 |
          | -properties | 1 |

      Scenario: [4] delete
        Given an empty graph
        And having executed:
          """
          CREATE (:A {name: 'a'})
          """
        When executing query:
          """
          MATCH (n) DELETE n
          """
        Then the result should be empty
        And the side effects should be:
          | -nodes      | 1 |
          | -labels     | 1 |
          | -properties | 1 |

      Scenario Outline: [5] parameters
        Given any graph
        And parameters are:
          | p | <v> |
        When executing query:
          """
          RETURN $p AS p
          """
        Then the result should be, in order:
          | p   |
          | <v> |
        And no side effects

        Examples:
          | v                      |
          | 1                      |
          | 1.5                    |
          | 'x'                    |
          | [1, {a: NaN}]          |

      Scenario: [6] unordered lists
        Given any graph
        When executing query:
          """
          RETURN [1, 2] AS l
          """
        Then the result should be (ignoring element order for lists):
          | l      |
          | [1, 2] |
        And no side effects

      Scenario: [7] temporal as string
        Given any graph
        When executing query:
          """
          RETURN date() AS d
          """
        Then the result should be, in any order:
          | d            |
          | '2017-06-01' |
        And no side effects

      Scenario: [8] expected error
        Given any graph
        When executing query:
          """
          RETURN 1/0
          """
        Then a ArithmeticError should be raised at runtime: DivisionByZero

      Scenario: [9] FAIL ordered lists differ
        Given any graph
        When executing query:
          """
          RETURN [1, 2] AS l
          """
        Then the result should be, in any order:
          | l      |
          | [1, 2] |
        And no side effects

      Scenario: [10] FAIL int vs float
        Given any graph
        When executing query:
          """
          RETURN 1.0 AS f, 1 AS i
          """
        Then the result should be, in any order:
          | f | i   |
          | 1 | 1.0 |

      Scenario: [11] FAIL wrong error type
        Given any graph
        When executing query:
          """
          RETURN 1/0
          """
        Then a TypeError should be raised at runtime: x

      Scenario: [12] FAIL timeout
        Given any graph
        When executing query:
          """
          SLEEP
          """
        Then the result should be empty

      Scenario: [13] FAIL crash
        Given any graph
        When executing query:
          """
          CRASH
          """
        Then the result should be empty

      Scenario: [14] FAIL wrong side effects
        Given an empty graph
        When executing query:
          """
          CREATE (:A {name: 'b'})
          """
        Then the result should be empty
        And no side effects

      Scenario: [15] FAIL failing set-up
        Given an empty graph
        And having executed:
          """
          NOT SUPPORTED
          """
        When executing query:
          """
          MATCH (n) RETURN n
          """
        Then the result should be empty

      Scenario: [16] skipped
        Given an empty graph
        And there exists a procedure test.doNothing() :: ():
          |
        When executing query:
          """
          CALL test.doNothing()
          """
        Then the result should be empty
    ''')


class EndToEndTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp()
        cls.fake = os.path.join(cls.dir, 'dyad')
        with open(cls.fake, 'w') as f:
            f.write(FAKE_DYAD.replace('/usr/bin/env python3', sys.executable, 1))
        os.chmod(cls.fake, os.stat(cls.fake).st_mode | stat.S_IEXEC)
        cls.features = os.path.join(cls.dir, 'features')
        os.makedirs(os.path.join(cls.features, 'e2e', 'one'))
        with open(os.path.join(cls.features, 'e2e', 'one', 'E2E1.feature'), 'w') as f:
            f.write(E2E_FEATURE)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def run_main(self, *extra):
        buf = io.StringIO()
        err = io.StringIO()
        with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(err):
            rc = R.main(['--features', self.features, '--dyad', self.fake, '--timeout', '60']
                        + list(extra))
        return rc, buf.getvalue()

    def test_modes(self):
        for mode in ('auto', 'snapshot', 'stats'):
            with self.subTest(mode=mode):
                fails = os.path.join(self.dir, 'fails-%s.txt' % mode)
                counts = os.path.join(self.dir, 'counts-%s.json' % mode)
                rc, out = self.run_main('--side-effects', mode, '--list-failures', fails,
                                        '--json', counts)
                self.assertEqual(rc, 0, out)
                lines = out.strip().split('\n')
                self.assertEqual(lines[-1], '11 passed, 7 failed, 1 skipped', out)
                self.assertEqual(lines[-2], 'e2e/one: 11 passed, 7 failed, 1 skipped')
                with open(fails) as f:
                    failed = [l.split('\t')[0] for l in f.read().splitlines()]
                self.assertEqual(len(failed), 7)
                self.assertTrue(all('FAIL' in x for x in failed), failed)
                with open(counts) as f:
                    doc = json.load(f)
                self.assertEqual(doc['total'], {'passed': 11, 'failed': 7, 'skipped': 1})
                self.assertEqual(doc['e2e/one']['passed'], 11)

    def test_timeout(self):
        # only here does the fake sleep; elsewhere SLEEP is an unknown query
        # (a failure either way), so other tests do not depend on machine load
        os.environ['FAKE_SLEEP'] = '1'
        fails = os.path.join(self.dir, 'fails-timeout.txt')
        try:
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(io.StringIO()):
                rc = R.main(['--features', self.features, '--dyad', self.fake, '--timeout', '3',
                             '--filter', 'FAIL timeout', '--list-failures', fails])
        finally:
            del os.environ['FAKE_SLEEP']
        self.assertEqual(rc, 0)
        self.assertEqual(buf.getvalue().strip().split('\n')[-1], '0 passed, 1 failed, 0 skipped')
        with open(fails) as f:
            self.assertIn('timeout after 3s', f.read())

    def test_run_directory_removed(self):
        tmp = tempfile.mkdtemp()
        try:
            self.run_main('--filter', 'read back', '--tmpdir', tmp)
            self.assertEqual(os.listdir(tmp), [])
        finally:
            shutil.rmtree(tmp)

    def test_snapshot_without_multi_statement_support(self):
        os.environ['FAKE_NO_MULTI'] = '1'
        try:
            rc, out = self.run_main('--side-effects', 'snapshot')
        finally:
            del os.environ['FAKE_NO_MULTI']
        self.assertEqual(out.strip().split('\n')[-1], '11 passed, 7 failed, 1 skipped', out)

    def test_filter_verbose_floor(self):
        rc, out = self.run_main('--filter', r'FAIL int vs float', '--verbose')
        self.assertEqual(rc, 0)
        self.assertIn('FAIL e2e/one/E2E1.feature:', out)
        self.assertIn('RETURN 1.0 AS f, 1 AS i', out)
        self.assertIn('| 1.0 | 1 |', out)          # actual
        self.assertIn('| 1 | 1.0 |', out)          # expected
        self.assertTrue(out.strip().endswith('0 passed, 1 failed, 0 skipped'))
        floor = os.path.join(self.dir, 'floor.json')
        with open(floor, 'w') as f:
            json.dump({'e2e/one': 11, 'total': 11}, f)
        rc, _ = self.run_main('--floor', floor)
        self.assertEqual(rc, 0)
        with open(floor, 'w') as f:
            json.dump({'e2e/one': 12}, f)
        rc, out = self.run_main('--floor', floor)
        self.assertEqual(rc, 1)
        self.assertIn('BELOW FLOOR', out)

    def test_dry_run(self):
        rc, out = self.run_main('--dry-run')
        self.assertEqual(rc, 0, out)
        self.assertIn('e2e/one: 19 scenarios', out)

    def test_missing_binary(self):
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(io.StringIO()):
            rc = R.main(['--features', self.features, '--dyad', os.path.join(self.dir, 'nope')])
        self.assertEqual(rc, 2)


class RealTckDryRunTest(unittest.TestCase):
    """Every scenario of the real TCK parses (skipped when it is absent)."""

    def test_all_features_parse(self):
        if not os.path.isdir(R.DEFAULT_FEATURES):
            self.skipTest('no TCK at %s' % R.DEFAULT_FEATURES)
        scs, problems = R.load_all(R.DEFAULT_FEATURES)
        self.assertEqual(problems, [])
        self.assertEqual([(s.ident, s.problems) for s in scs if s.problems], [])
        self.assertTrue(3800 <= len(scs) <= 4000, len(scs))


if __name__ == '__main__':
    unittest.main()
