"""Reads the labelled lines of one of detect-secrets' plugin test files.

Run by peercases (detectsecrets.go) with the file's text on stdin; prints one JSON
object. The file is parsed with Python's own ast module and never executed: only
literals, names bound to literals, str.format, %, +, textwrap.dedent and slices of
those are evaluated; a row that needs anything else is counted as not evaluable.

For every test function decorated with pytest.mark.parametrize whose body runs a
detector over a line (analyze_line or scan_line), each row becomes a case:
  input   the row's first string argument that is not a file extension
  ext     the row's file_extension argument, if any (the detector reads it)
  label   from a boolean argument (should_flag), from an expected-secret argument
          (a string: positive wanting it; None: negative), or, with neither, from
          the body's assertion (assert output / len(output) == 1: positive;
          assert not output: negative)
  want    the expected secret when the row or an assertion names it
  group   the name of the module-level list the row came from, when a helper
          expanded (extension, LIST) pairs
  settings  keyword arguments the detector was built with (they change labels)
"""
import ast
import json
import sys


class NotLiteral(Exception):
    pass


def evaluate(node, env):
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, (ast.Tuple, ast.List)):
        return [evaluate(e, env) for e in node.elts]
    if isinstance(node, ast.Name):
        if node.id in env:
            return env[node.id]
        raise NotLiteral(node.id)
    if isinstance(node, ast.BinOp):
        left, right = evaluate(node.left, env), evaluate(node.right, env)
        if isinstance(node.op, ast.Add) and type(left) is type(right) and isinstance(left, (str, bytes, list)):
            return left + right
        if isinstance(node.op, ast.Mod) and isinstance(left, str):
            return left % (tuple(right) if isinstance(right, list) else right)
        if isinstance(node.op, ast.Mult) and isinstance(left, str) and isinstance(right, int) and right < 100000:
            return left * right
        raise NotLiteral('operator')
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
        v = evaluate(node.value, env)
        s = node.slice
        lo = evaluate(s.lower, env) if s.lower else None
        hi = evaluate(s.upper, env) if s.upper else None
        if isinstance(v, (str, list)):
            return v[lo:hi]
        raise NotLiteral('slice')
    if isinstance(node, ast.Call):
        f = node.func
        if isinstance(f, ast.Attribute) and f.attr == 'format':
            base = evaluate(f.value, env)
            if not isinstance(base, str):
                raise NotLiteral('format')
            args = [evaluate(a, env) for a in node.args]
            kw = {k.arg: evaluate(k.value, env) for k in node.keywords if k.arg}
            return base.format(*args, **kw)
        if isinstance(f, ast.Attribute) and f.attr == 'dedent' and len(node.args) == 1:
            import textwrap
            v = evaluate(node.args[0], env)
            if isinstance(v, str):
                return textwrap.dedent(v)
        if isinstance(f, ast.Attribute) and f.attr == 'param':  # pytest.param(a, b, ...)
            return [evaluate(a, env) for a in node.args]
        if isinstance(f, ast.Name) and f.id in env.get('__expanders__', {}) and len(node.args) == 1:
            return expand(node.args[0], env)
    raise NotLiteral(type(node).__name__)


def expand(arg, env):
    """A helper called on [(extension, LIST), ...] that yields (extension, *row)."""
    if not isinstance(arg, (ast.List, ast.Tuple)):
        raise NotLiteral('expander')
    rows = []
    for pair in arg.elts:
        if not isinstance(pair, ast.Tuple) or len(pair.elts) != 2 or not isinstance(pair.elts[1], ast.Name):
            raise NotLiteral('expander pair')
        ext = evaluate(pair.elts[0], env)
        group = pair.elts[1].id
        lst = env.get('__lists__', {}).get(group)
        if lst is None:
            raise NotLiteral(group)
        for row in lst:
            if isinstance(row, NotLiteral):
                rows.append(('skip', group, str(row)))
                continue
            rows.append(('row', group, [ext] + list(row)))
    return rows


def is_expander(fn):
    """def f(pairs): for ext, cases in pairs: for item in cases: ... yield ext, *item"""
    if len(fn.args.args) != 1:
        return False
    loops = [n for n in ast.walk(fn) if isinstance(n, ast.For)]
    yields = [n for n in ast.walk(fn) if isinstance(n, (ast.Yield, ast.YieldFrom))]
    return len(loops) >= 2 and len(yields) >= 1


def bind(targets, value, env):
    # a list of rows keeps the rows that evaluate, marking the others
    if isinstance(value, (ast.List, ast.Tuple)) and value.elts and all(isinstance(e, ast.Tuple) for e in value.elts):
        rows = []
        for e in value.elts:
            try:
                rows.append(evaluate(e, env))
            except NotLiteral as err:
                rows.append(NotLiteral('not a literal: %s' % err))
        for t in targets:
            if isinstance(t, ast.Name):
                env.setdefault('__lists__', {})[t.id] = rows
    for t in targets:
        if isinstance(t, ast.Name):
            try:
                env[t.id] = evaluate(value, env)
            except (NotLiteral, Exception):
                env.pop(t.id, None)


def parametrize(dec):
    if not isinstance(dec, ast.Call) or len(dec.args) < 2:
        return None
    f = dec.func
    if not (isinstance(f, ast.Attribute) and f.attr == 'parametrize'):
        return None
    names = dec.args[0]
    if isinstance(names, ast.Constant) and isinstance(names.value, str):
        return [n.strip() for n in names.value.split(',') if n.strip()], dec.args[1]
    if isinstance(names, (ast.Tuple, ast.List)) and all(isinstance(e, ast.Constant) for e in names.elts):
        return [e.value for e in names.elts], dec.args[1]
    return None


def detector_settings(fn, env):
    """Keyword arguments of the calls whose result analyze_line is called on."""
    out = {}
    for n in ast.walk(fn):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id.endswith(('Detector', 'String')):
            for k in n.keywords:
                try:
                    out[k.arg] = evaluate(k.value, env)
                except NotLiteral:
                    out[k.arg] = '?'
    return out


def body_label(fn):
    """The label the body asserts when no argument carries one."""
    for n in ast.walk(fn):
        if not isinstance(n, ast.Assert):
            continue
        t = n.test
        if isinstance(t, ast.UnaryOp) and isinstance(t.op, ast.Not):
            return False
        if isinstance(t, ast.Compare) and len(t.comparators) == 1 and isinstance(t.comparators[0], ast.Constant):
            v = t.comparators[0].value
            if isinstance(v, int) and isinstance(t.left, ast.Call) and getattr(t.left.func, 'id', '') == 'len':
                return v > 0
        if isinstance(t, (ast.Name, ast.Call)):
            return True
    return None


def asserted_value(fn, env, argnames):
    """X in an assertion `... .secret_value == X`: a constant, or an argument's name."""
    for n in ast.walk(fn):
        if isinstance(n, ast.Compare) and isinstance(n.left, ast.Attribute) and n.left.attr == 'secret_value' and len(n.comparators) == 1:
            c = n.comparators[0]
            if isinstance(c, ast.Name) and c.id in argnames:
                return ('arg', c.id)
            try:
                v = evaluate(c, env)
                if isinstance(v, str):
                    return ('const', v)
            except NotLiteral:
                pass
    return None


def functions(tree):
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield None, node
        elif isinstance(node, ast.ClassDef):
            for sub in node.body:
                if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    yield node, sub


def main():
    src = sys.stdin.read()
    tree = ast.parse(src)
    env = {'__expanders__': {}}
    for node in tree.body:
        if isinstance(node, ast.Assign):
            bind(node.targets, node.value, env)
        elif isinstance(node, ast.FunctionDef) and is_expander(node):
            env['__expanders__'][node.name] = True
    cases, skipped = [], []
    for cls, fn in functions(tree):
        fenv = dict(env)
        if cls is not None:
            for node in cls.body:
                if isinstance(node, ast.Assign):
                    bind(node.targets, node.value, fenv)
        text = ast.unparse(fn)
        if 'analyze_line' not in text and 'scan_line' not in text and 'scan_file' not in text:
            continue
        decs = [p for p in map(parametrize, fn.decorator_list) if p is not None]
        params = [a.arg for a in fn.args.args if a.arg != 'self']
        if len(decs) != 1 or set(params) != set(decs[0][0]):
            # rows combined from several decorators or fixtures (the entropy plugins' formats)
            if decs:
                skipped.append({'func': fn.name, 'why': 'arguments from several decorators or fixtures'})
            continue
        for dec in fn.decorator_list:
            p = parametrize(dec)
            if p is None:
                continue
            argnames, rows_node = p
            settings = detector_settings(fn, fenv)
            try:
                rows = evaluate(rows_node, fenv)
            except NotLiteral:
                # evaluate row by row so that one odd row does not lose the others
                rows = []
                if isinstance(rows_node, (ast.List, ast.Tuple)):
                    for r in rows_node.elts:
                        try:
                            rows.append(evaluate(r, fenv))
                        except NotLiteral as e:
                            skipped.append({'func': fn.name, 'why': 'not a literal: %s' % e})
                else:
                    skipped.append({'func': fn.name, 'why': 'rows not a literal'})
            want = asserted_value(fn, fenv, argnames)
            blabel = body_label(fn)
            for r in rows:
                group = ''
                if isinstance(r, tuple) and r and r[0] == 'skip':
                    skipped.append({'func': fn.name, 'why': r[2], 'group': r[1]})
                    continue
                if isinstance(r, tuple) and r and r[0] == 'row':
                    _, group, r = r
                if len(argnames) == 1:
                    r = [r]
                if not isinstance(r, list) or len(r) != len(argnames):
                    skipped.append({'func': fn.name, 'why': 'row shape'})
                    continue
                args = dict(zip(argnames, r))
                ext = args.pop('file_extension', None)
                inp = next((v for k, v in args.items() if isinstance(v, str) and k not in ('expected_secret', 'secret')), None)
                if inp is None:
                    skipped.append({'func': fn.name, 'why': 'no string input'})
                    continue
                label, w = None, ''
                bools = [v for v in args.values() if isinstance(v, bool)]
                if 'expected_secret' in args:
                    label = args['expected_secret'] is not None
                    w = args['expected_secret'] or ''
                elif len(bools) == 1:
                    label = bools[0]
                else:
                    label = blabel
                if label is None:
                    skipped.append({'func': fn.name, 'why': 'no label'})
                    continue
                if label and not w and want is not None:
                    w = args.get(want[1], '') if want[0] == 'arg' else want[1]
                cases.append({'func': fn.name, 'group': group, 'input': inp, 'ext': ext or '',
                              'positive': bool(label), 'want': w if isinstance(w, str) else '',
                              'settings': settings})
    json.dump({'cases': cases, 'skipped': skipped}, sys.stdout)


if __name__ == '__main__':
    main()
