package main

import (
	"bufio"
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"math/rand/v2"
	"os/exec"
	"path"
	"regexp/syntax"
	"strconv"
	"strings"
	"unicode"
)

// The peers' test strings are read from their source at benchmark time, never stored
// here: Go files are parsed, and the expressions that build each test string (string
// literals, concatenation, constants, fmt.Sprintf, the peers' own small helpers and
// sample generators) are evaluated by a small interpreter. A random secret that a peer
// generates from a regular expression is generated here from the same expression by
// this package's own sampler.

// gitRepo reads files from a bare git directory at HEAD, through one long-running
// git cat-file --batch (a process per file would cost minutes over thousands).
type gitRepo struct {
	dir string
	cat *catFile
}

type catFile struct {
	in  io.WriteCloser
	out *bufio.Reader
	cmd *exec.Cmd
}

func newGitRepo(dir string) (gitRepo, error) {
	cmd := exec.Command("git", "--git-dir", dir, "cat-file", "--batch")
	in, err := cmd.StdinPipe()
	if err != nil {
		return gitRepo{}, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return gitRepo{}, err
	}
	if err := cmd.Start(); err != nil {
		return gitRepo{}, err
	}
	return gitRepo{dir: dir, cat: &catFile{in: in, out: bufio.NewReaderSize(out, 1<<20), cmd: cmd}}, nil
}

func (g gitRepo) close() {
	g.cat.in.Close()
	g.cat.cmd.Wait()
}

func (g gitRepo) ls(prefix string) ([]string, error) {
	out, err := exec.Command("git", "--git-dir", g.dir, "ls-tree", "-r", "--name-only", "HEAD", prefix).Output()
	if err != nil {
		return nil, fmt.Errorf("git ls-tree %s: %w", prefix, err)
	}
	return strings.Fields(string(out)), nil
}

func (g gitRepo) read(p string) ([]byte, error) {
	if _, err := fmt.Fprintf(g.cat.in, "HEAD:%s\n", p); err != nil {
		return nil, err
	}
	hdr, err := g.cat.out.ReadString('\n')
	if err != nil {
		return nil, err
	}
	f := strings.Fields(hdr)
	if len(f) != 3 {
		return nil, fmt.Errorf("git cat-file: %s: %s", p, strings.TrimSpace(hdr))
	}
	n, err := strconv.Atoi(f[2])
	if err != nil {
		return nil, err
	}
	b := make([]byte, n+1)
	if _, err := io.ReadFull(g.cat.out, b); err != nil {
		return nil, err
	}
	return b[:n], nil
}

// value is what an expression evaluates to: a string or a list of strings.
type value struct {
	s    string
	list []string
	isL  bool
	ok   bool
}

func str(s string) value          { return value{s: s, ok: true} }
func lst(l []string) value        { return value{list: l, isL: true, ok: true} }
func (v value) strings() []string { return map[bool][]string{true: v.list, false: {v.s}}[v.isL] }

// interp evaluates expressions with package-level declarations and helper functions.
type interp struct {
	rng      *rand.Rand
	consts   map[string]ast.Expr      // package-level names, "pkg.Name" for other packages
	funcs    map[string]*ast.FuncDecl // by "pkg.Name" and "Name"
	samples  []string                 // gitleaks' assignment-style templates, read from its source
	curPkg   string
	failures int
}

func newInterp(seed uint64) *interp {
	return &interp{rng: rand.New(rand.NewPCG(seed, seed+1)), consts: map[string]ast.Expr{}, funcs: map[string]*ast.FuncDecl{}}
}

// load records a file's package-level constants, variables and functions under pkg.
func (in *interp) load(pkg string, f *ast.File) {
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			for _, sp := range d.Specs {
				vs, ok := sp.(*ast.ValueSpec)
				if !ok {
					continue
				}
				for i, n := range vs.Names {
					if i < len(vs.Values) {
						in.consts[pkg+"."+n.Name] = vs.Values[i]
					}
				}
			}
		case *ast.FuncDecl:
			if d.Recv == nil {
				in.funcs[pkg+"."+d.Name.Name] = d
			}
		}
	}
}

type env map[string]value

func (in *interp) eval(e ast.Expr, vars env, depth int) value {
	if depth > 40 {
		return value{}
	}
	switch e := e.(type) {
	case *ast.BasicLit:
		switch e.Kind {
		case token.STRING:
			s, err := strconv.Unquote(e.Value)
			if err != nil {
				return value{}
			}
			return str(s)
		case token.INT, token.FLOAT:
			return str(e.Value)
		case token.CHAR:
			s, err := strconv.Unquote(e.Value)
			if err == nil {
				return str(s)
			}
		}
	case *ast.ParenExpr:
		return in.eval(e.X, vars, depth+1)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return value{}
		}
		a, b := in.eval(e.X, vars, depth+1), in.eval(e.Y, vars, depth+1)
		if !a.ok || !b.ok || a.isL || b.isL {
			return value{}
		}
		return str(a.s + b.s)
	case *ast.Ident:
		if v, ok := vars[e.Name]; ok {
			return v
		}
		if x, ok := in.consts[in.curPkg+"."+e.Name]; ok {
			return in.eval(x, nil, depth+1)
		}
		if e.Name == "nil" {
			return lst(nil)
		}
	case *ast.SelectorExpr:
		if id, ok := e.X.(*ast.Ident); ok {
			if x, ok := in.consts[id.Name+"."+e.Sel.Name]; ok {
				save := in.curPkg
				in.curPkg = id.Name
				v := in.eval(x, nil, depth+1)
				in.curPkg = save
				return v
			}
		}
	case *ast.CompositeLit:
		var out []string
		failed := false
		for _, el := range e.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if k, ok := kv.Key.(*ast.Ident); ok {
					// a struct's fields: only the raw secret of a detector result
					switch k.Name {
					case "Raw", "RawV2", "Secret":
					default:
						continue
					}
				}
				el = kv.Value // a map's values
			}
			v := in.eval(el, vars, depth+1)
			if !v.ok {
				in.failures++
				failed = true
				continue
			}
			out = append(out, v.strings()...)
		}
		if failed && len(out) == 0 {
			return value{}
		}
		return lst(out)
	case *ast.CallExpr:
		return in.call(e, vars, depth)
	}
	return value{}
}

func callName(f ast.Expr) (pkg, name string) {
	switch f := f.(type) {
	case *ast.Ident:
		return "", f.Name
	case *ast.SelectorExpr:
		if id, ok := f.X.(*ast.Ident); ok {
			return id.Name, f.Sel.Name
		}
	}
	return "", ""
}

func (in *interp) args(c *ast.CallExpr, vars env, depth int) ([]value, bool) {
	var out []value
	for _, a := range c.Args {
		v := in.eval(a, vars, depth+1)
		if !v.ok {
			return nil, false
		}
		out = append(out, v)
	}
	return out, true
}

func (in *interp) call(c *ast.CallExpr, vars env, depth int) value {
	pkg, name := callName(c.Fun)
	args, ok := in.args(c, vars, depth)
	if !ok {
		return value{}
	}
	switch {
	case pkg == "" && name == "append":
		var out []string
		for _, a := range args {
			out = append(out, a.strings()...)
		}
		return lst(out)
	case pkg == "fmt" && name == "Sprintf" && len(args) > 0:
		var as []any
		for _, a := range args[1:] {
			as = append(as, a.s)
		}
		return str(fmt.Sprintf(args[0].s, as...))
	case pkg == "strings" && name == "Repeat" && len(args) == 2:
		n, err := strconv.Atoi(args[1].s)
		if err != nil || n > 10000 {
			return value{}
		}
		return str(strings.Repeat(args[0].s, n))
	case pkg == "strings" && name == "ToUpper" && len(args) == 1:
		return str(strings.ToUpper(args[0].s))
	case pkg == "strings" && name == "ToLower" && len(args) == 1:
		return str(strings.ToLower(args[0].s))
	case pkg == "strings" && name == "Join" && len(args) == 2:
		return str(strings.Join(args[0].strings(), args[1].s))
	case name == "NewSecret" && len(args) == 1:
		s, ok := sample(in.rng, args[0].s)
		if !ok {
			return value{}
		}
		return str(s)
	case name == "GenerateSampleSecrets" && len(args) == 2 && len(in.samples) > 0:
		r := strings.NewReplacer("{i}", args[0].s, "{I}", strings.ToUpper(args[0].s), "{s}", args[1].s)
		var out []string
		for _, t := range in.samples {
			out = append(out, r.Replace(t))
		}
		return lst(out)
	case pkg == "" && name == "string" && len(args) == 1:
		return args[0]
	case pkg == "" && name == "" && len(args) == 1:
		return args[0] // a conversion such as []byte("…")
	}
	// A helper whose body is one return statement.
	key := pkg + "." + name
	if pkg == "" {
		key = in.curPkg + "." + name
	}
	fd := in.funcs[key]
	if fd == nil || fd.Body == nil || len(fd.Body.List) != 1 {
		return value{}
	}
	ret, ok := fd.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return value{}
	}
	local := env{}
	i := 0
	for _, f := range fd.Type.Params.List {
		for _, n := range f.Names {
			if i < len(args) {
				local[n.Name] = args[i]
			}
			i++
		}
	}
	save := in.curPkg
	if pkg != "" {
		in.curPkg = pkg
	}
	v := in.eval(ret.Results[0], local, depth+1)
	in.curPkg = save
	return v
}

// sample writes a random string that the regular expression matches.
func sample(rng *rand.Rand, expr string) (string, bool) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return "", false
	}
	var b strings.Builder
	var gen func(r *syntax.Regexp) bool
	pickRune := func(ranges []rune, fold bool) rune {
		// Prefer the characters tokens are written in. A class like [0-9A-Za-z\\-_]
		// (a range from '\\' to '_' by a slip of escaping) also spans ']' and '^', which
		// no real token of the format holds; where a class offers token characters,
		// only those are drawn. Otherwise printable ASCII, otherwise anything.
		ascii := restrictRanges(ranges, func(c rune) bool {
			return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || strings.ContainsRune("-_+/=.~", c)
		})
		if len(ascii) == 0 {
			ascii = restrictRanges(ranges, func(c rune) bool { return c >= 0x21 && c <= 0x7e })
		}
		if len(ascii) == 0 {
			ascii = ranges
		}
		total := 0
		for i := 0; i+1 < len(ascii); i += 2 {
			total += int(ascii[i+1]-ascii[i]) + 1
		}
		if total <= 0 {
			return 'x'
		}
		n := rng.IntN(total)
		for i := 0; i+1 < len(ascii); i += 2 {
			w := int(ascii[i+1]-ascii[i]) + 1
			if n < w {
				r := ascii[i] + rune(n)
				if fold && rng.IntN(2) == 0 {
					r = unicode.SimpleFold(r)
				}
				return r
			}
			n -= w
		}
		return 'x'
	}
	gen = func(r *syntax.Regexp) bool {
		switch r.Op {
		case syntax.OpLiteral:
			for _, c := range r.Rune {
				b.WriteRune(c)
			}
		case syntax.OpCharClass:
			b.WriteRune(pickRune(r.Rune, r.Flags&syntax.FoldCase != 0))
		case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
			b.WriteByte("abcdefghijklmnopqrstuvwxyz0123456789"[rng.IntN(36)])
		case syntax.OpCapture:
			return gen(r.Sub[0])
		case syntax.OpConcat:
			for _, s := range r.Sub {
				if !gen(s) {
					return false
				}
			}
		case syntax.OpAlternate:
			return gen(r.Sub[rng.IntN(len(r.Sub))])
		case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
			lo, hi := 0, 1
			switch r.Op {
			case syntax.OpStar:
				lo, hi = 0, 8
			case syntax.OpPlus:
				lo, hi = 1, 8
			case syntax.OpRepeat:
				lo, hi = r.Min, r.Max
				if hi < 0 {
					hi = lo + 8
				}
			}
			n := lo
			if hi > lo {
				n += rng.IntN(hi - lo + 1)
			}
			for range n {
				if !gen(r.Sub[0]) {
					return false
				}
			}
		case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
			syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		default:
			return false
		}
		return true
	}
	if !gen(re) {
		return "", false
	}
	return b.String(), true
}

// restrictRanges keeps the runes of a class's ranges that keep() accepts, as ranges.
func restrictRanges(ranges []rune, keep func(rune) bool) []rune {
	var out []rune
	for i := 0; i+1 < len(ranges); i += 2 {
		lo, hi := ranges[i], ranges[i+1]
		if lo > 0x7e {
			continue
		}
		if hi > 0x7e {
			hi = 0x7e
		}
		start := rune(-1)
		for c := lo; c <= hi+1; c++ {
			if c <= hi && keep(c) {
				if start < 0 {
					start = c
				}
				continue
			}
			if start >= 0 {
				out = append(out, start, c-1)
				start = -1
			}
		}
	}
	return out
}

// testCase is one string a peer's tests say must (want non-empty, or positive) or must
// not yield a finding.
type testCase struct {
	Source   string   `json:"source"`   // trufflehog or gitleaks
	Detector string   `json:"detector"` // the peer's detector or rule
	Name     string   `json:"name"`
	Input    string   `json:"input"`
	Want     []string `json:"want,omitempty"`
	Positive bool     `json:"positive"`
	// Known are literal values the rule's allowlist names (gitleaks: published example
	// keys it rejects by listing them).
	Known []string `json:"known,omitempty"`
	// Ext is the extension of the file the case is written to ("go", "py"): the peer's
	// test gave its detector that file name, which changes what it looks for. Empty: txt.
	Ext string `json:"ext,omitempty"`
}

// literalRegexes returns the arguments of regexp.MustCompile calls under e that are
// plain literals (no metacharacter): a list of specific values, not a pattern.
func literalRegexes(in *interp, e ast.Expr, vars env) []string {
	var out []string
	ast.Inspect(e, func(n ast.Node) bool {
		c, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if _, name := callName(c.Fun); name != "MustCompile" || len(c.Args) != 1 {
			return true
		}
		v := in.eval(c.Args[0], vars, 0)
		if !v.ok || v.isL {
			return false
		}
		re, err := syntax.Parse(v.s, syntax.Perl)
		if err != nil {
			return false
		}
		re = re.Simplify()
		if re.Op == syntax.OpLiteral && re.Flags&syntax.FoldCase == 0 && len(re.Rune) >= 8 {
			out = append(out, string(re.Rune))
		}
		return false
	})
	return out
}

// trufflehogCases reads the pattern tests of every detector: in functions named
// Test…_Pattern, the table entries with an input and a want.
func trufflehogCases(repo gitRepo, seed uint64) ([]testCase, int, error) {
	files, err := repo.ls("pkg/detectors")
	if err != nil {
		return nil, 0, err
	}
	byDir := map[string][]string{}
	for _, f := range files {
		if strings.HasSuffix(f, ".go") {
			byDir[path.Dir(f)] = append(byDir[path.Dir(f)], f)
		}
	}
	var out []testCase
	skipped := 0
	for dir, fs := range byDir {
		in := newInterp(seed)
		var tests []*ast.File
		fset := token.NewFileSet()
		pkgName := ""
		for _, f := range fs {
			if strings.HasSuffix(f, "_integration_test.go") {
				continue
			}
			src, err := repo.read(f)
			if err != nil {
				continue
			}
			af, err := parser.ParseFile(fset, f, src, 0)
			if err != nil {
				continue
			}
			pkgName = af.Name.Name
			in.load(pkgName, af)
			if strings.HasSuffix(f, "_test.go") {
				tests = append(tests, af)
			}
		}
		in.curPkg = pkgName
		for _, af := range tests {
			for _, d := range af.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || !strings.Contains(fd.Name.Name, "Pattern") || fd.Body == nil {
					continue
				}
				ast.Inspect(fd.Body, func(n ast.Node) bool {
					cl, ok := n.(*ast.CompositeLit)
					if !ok {
						return true
					}
					var name string
					var input, want, match ast.Expr
					hasWant := false
					should := -1 // shouldMatch: -1 absent, 0 false, 1 true
					for _, el := range cl.Elts {
						kv, ok := el.(*ast.KeyValueExpr)
						if !ok {
							continue
						}
						k, _ := kv.Key.(*ast.Ident)
						if k == nil {
							continue
						}
						switch strings.ToLower(k.Name) {
						case "name":
							if v := in.eval(kv.Value, nil, 0); v.ok {
								name = v.s
							}
						case "input", "data":
							input = kv.Value
						case "want", "expectedpairs":
							want, hasWant = kv.Value, true
						case "shouldmatch":
							// the few tests written as {data, shouldMatch, match}
							should = 0
							if id, ok := kv.Value.(*ast.Ident); ok && id.Name == "true" {
								should = 1
							}
						case "match":
							match = kv.Value
						}
					}
					if input == nil {
						return true
					}
					iv := in.eval(input, nil, 0)
					var wv value
					switch {
					case should >= 0:
						wv = lst(nil)
						if should == 1 {
							wv = lst([]string{""})
							if match != nil {
								if mv := in.eval(match, nil, 0); mv.ok && mv.s != "" {
									wv = lst([]string{mv.s})
								}
							}
						}
					case hasWant:
						wv = in.eval(want, nil, 0)
						// A want whose elements could not be evaluated (results built by a
						// helper) is no verdict: an empty list from it would make a
						// positive case a negative one.
						if cl, ok := want.(*ast.CompositeLit); ok && len(cl.Elts) > 0 && wv.ok && len(wv.strings()) == 0 {
							wv = value{}
						}
					default:
						wv = lst(nil)
					}
					if !iv.ok || iv.isL || !wv.ok {
						skipped++
						return false
					}
					ws := wv.strings()
					pos := len(ws) > 0
					if pos && len(ws) == 1 && ws[0] == "" && should != 1 {
						pos = false // want: []string{""}
					}
					out = append(out, testCase{Source: "trufflehog", Detector: path.Base(dir), Name: name, Input: iv.s,
						Want: ws, Positive: pos})
					return false
				})
			}
		}
	}
	return out, skipped, nil
}

// gitleaksCases reads each rule generator's true and false positives: the lists passed
// to utils.Validate (or ValidateWithPaths) in cmd/generate/config/rules.
func gitleaksCases(repo gitRepo, seed uint64) ([]testCase, int, error) {
	in := newInterp(seed)
	fset := token.NewFileSet()
	for _, p := range []string{"cmd/generate/config/utils", "cmd/generate/secrets"} {
		fs, err := repo.ls(p)
		if err != nil {
			return nil, 0, err
		}
		for _, f := range fs {
			if !strings.HasSuffix(f, ".go") || strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := repo.read(f)
			if err != nil {
				continue
			}
			af, err := parser.ParseFile(fset, f, src, 0)
			if err != nil {
				continue
			}
			in.load(af.Name.Name, af)
			if fd := in.funcs[af.Name.Name+".GenerateSampleSecrets"]; fd != nil && len(in.samples) == 0 {
				ast.Inspect(fd.Body, func(n ast.Node) bool {
					if cl, ok := n.(*ast.CompositeLit); ok {
						if v := in.eval(cl, nil, 0); v.ok {
							in.samples = v.list
						}
						return false
					}
					return true
				})
			}
		}
	}
	rules, err := repo.ls("cmd/generate/config/rules")
	if err != nil {
		return nil, 0, err
	}
	var files []*ast.File
	for _, f := range rules {
		if !strings.HasSuffix(f, ".go") || strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := repo.read(f)
		if err != nil {
			continue
		}
		af, err := parser.ParseFile(fset, f, src, 0)
		if err != nil {
			continue
		}
		in.load("rules", af)
		files = append(files, af)
	}
	in.curPkg = "rules"
	var out []testCase
	skipped := 0
	for _, af := range files {
		for _, d := range af.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			vars := env{}
			ruleID := fd.Name.Name
			var known []string // literal strings the rule's allowlists name
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.KeyValueExpr:
					if k, ok := n.Key.(*ast.Ident); ok && k.Name == "RuleID" {
						if v := in.eval(n.Value, vars, 0); v.ok {
							ruleID = v.s
						}
					}
					if k, ok := n.Key.(*ast.Ident); ok && k.Name == "Allowlists" {
						known = append(known, literalRegexes(in, n.Value, vars)...)
					}
				case *ast.AssignStmt:
					for i, l := range n.Lhs {
						id, ok := l.(*ast.Ident)
						if !ok || i >= len(n.Rhs) {
							continue
						}
						if v := in.eval(n.Rhs[i], vars, 0); v.ok {
							vars[id.Name] = v
						}
					}
				case *ast.CallExpr:
					_, name := callName(n.Fun)
					if (name == "Validate" || name == "ValidateWithPaths") && len(n.Args) == 3 {
						for k, pos := range []bool{true, false} {
							v := in.eval(n.Args[1+k], vars, 0)
							if !v.ok {
								skipped++
								continue
							}
							for i, s := range v.strings() {
								out = append(out, testCase{Source: "gitleaks", Detector: ruleID, Name: fmt.Sprintf("%s-%d", map[bool]string{true: "tp", false: "fp"}[pos], i),
									Input: s, Positive: pos, Known: known})
							}
						}
						return false
					}
				}
				return true
			})
		}
	}
	return out, skipped, nil
}

// badChecksum reports a token of a checksummed format whose checksum is wrong: a tool
// that rejects it is right, and the case does not count against it.
func badChecksum(s string) bool {
	for _, p := range []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "npm_"} {
		for off := 0; ; {
			i := strings.Index(s[off:], p)
			if i < 0 {
				break
			}
			i += off
			off = i + 1
			j := i + 4
			for j < len(s) && j-i-4 < 40 && (s[j] >= '0' && s[j] <= '9' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
				j++
			}
			if j-i-4 == 36 && !crcOK([]byte(s[i+4:j])) {
				return true
			}
		}
	}
	return false
}

func crcOK(tok []byte) bool {
	body := tok[:len(tok)-6]
	return bytes.Equal([]byte(base62CRC(body)), tok[len(tok)-6:])
}
