package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Trivy tests its secret scanner (pkg/fanal/secret) in TestSecretScanner: a table of
// cases, each a file under testdata, a config file and the findings the scan must give
// (rule id, line, and the matched text with the secret masked by '*'). The findings are
// read from the test's source with go/ast; the secret a finding wants is the text the
// mask covers, found by laying the masked match over the file at its line. A finding
// is a positive case whose input is the whole file (the context the scanner had). A
// file is a negative case when every test case that scans it wants no finding at all
// and one of them keeps the built-in rules.
// Only cases whose config keeps Trivy's built-in rules as they are (no config, or one
// that only adds rules of its own and scans test paths) are read, and findings of the
// rules a config adds are dropped. The halves are by file (a file's cases stay
// together): that of "trivy.<file>" by the hash the other sets use; half B is held out.
const tvDir = "pkg/fanal/secret"

type tvFinding struct {
	rule                     string
	start, end               int
	match                    string
	ruleOK, startOK, matchOK bool
}

// tvCase is one row of the test table.
type tvCase struct {
	name, config, input string
	findings            []tvFinding
	ok                  bool // every field evaluated
}

// tvEval evaluates the expressions the test table is written with: string and int
// literals, +, strings.Repeat, filepath.Join, names bound earlier in the function, and
// calls of function literals bound to a name whose body binds names then returns.
type tvEval struct {
	env map[string]ast.Expr
}

func (ev *tvEval) eval(e ast.Expr, local map[string]any, depth int) (any, bool) {
	if depth > 30 {
		return nil, false
	}
	switch e := e.(type) {
	case *ast.BasicLit:
		switch e.Kind {
		case token.STRING:
			s, err := strconv.Unquote(e.Value)
			return s, err == nil
		case token.INT:
			n, err := strconv.Atoi(e.Value)
			return n, err == nil
		}
	case *ast.ParenExpr:
		return ev.eval(e.X, local, depth+1)
	case *ast.BinaryExpr:
		a, ok1 := ev.eval(e.X, local, depth+1)
		b, ok2 := ev.eval(e.Y, local, depth+1)
		as, ok3 := a.(string)
		bs, ok4 := b.(string)
		if e.Op == token.ADD && ok1 && ok2 && ok3 && ok4 {
			return as + bs, true
		}
		ai, ok3 := a.(int)
		bi, ok4 := b.(int)
		if e.Op == token.ADD && ok1 && ok2 && ok3 && ok4 {
			return ai + bi, true
		}
	case *ast.Ident:
		if v, ok := local[e.Name]; ok {
			return v, true
		}
		if x, ok := ev.env[e.Name]; ok {
			return ev.eval(x, nil, depth+1)
		}
	case *ast.CompositeLit:
		return ev.composite(e, local, depth)
	case *ast.CallExpr:
		return ev.call(e, local, depth)
	}
	return nil, false
}

func (ev *tvEval) composite(e *ast.CompositeLit, local map[string]any, depth int) (any, bool) {
	switch t := e.Type.(type) {
	case *ast.ArrayType: // []types.SecretFinding{…}
		var out []tvFinding
		for _, el := range e.Elts {
			if cl, ok := el.(*ast.CompositeLit); ok && cl.Type == nil {
				cl.Type = t.Elt
			}
			v, ok := ev.eval(el, local, depth+1)
			f, isF := v.(tvFinding)
			if !ok || !isF {
				return nil, false
			}
			out = append(out, f)
		}
		return out, true
	case *ast.SelectorExpr:
		switch t.Sel.Name {
		case "SecretFinding":
			var f tvFinding
			for _, el := range e.Elts {
				kv, ok := el.(*ast.KeyValueExpr)
				if !ok {
					continue
				}
				k, _ := kv.Key.(*ast.Ident)
				if k == nil {
					continue
				}
				v, _ := ev.eval(kv.Value, local, depth+1)
				switch k.Name {
				case "RuleID":
					f.rule, f.ruleOK = v.(string)
				case "StartLine":
					f.start, f.startOK = v.(int)
				case "EndLine":
					f.end, _ = v.(int)
				case "Match":
					f.match, f.matchOK = v.(string)
				}
			}
			return f, f.ruleOK && f.startOK && f.matchOK
		case "Secret":
			for _, el := range e.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					if k, _ := kv.Key.(*ast.Ident); k != nil && k.Name == "Findings" {
						return ev.eval(kv.Value, local, depth+1)
					}
				}
			}
			return []tvFinding(nil), true
		}
	}
	return nil, false
}

func (ev *tvEval) call(c *ast.CallExpr, local map[string]any, depth int) (any, bool) {
	var args []any
	for _, a := range c.Args {
		v, ok := ev.eval(a, local, depth+1)
		if !ok {
			return nil, false
		}
		args = append(args, v)
	}
	pkg, name := callName(c.Fun)
	switch {
	case pkg == "strings" && name == "Repeat" && len(args) == 2:
		s, ok1 := args[0].(string)
		n, ok2 := args[1].(int)
		if ok1 && ok2 && n >= 0 && n <= 100000 {
			return strings.Repeat(s, n), true
		}
		return nil, false
	case pkg == "filepath" && name == "Join":
		var parts []string
		for _, a := range args {
			s, ok := a.(string)
			if !ok {
				return nil, false
			}
			parts = append(parts, s)
		}
		return path.Join(parts...), true
	case pkg == "":
		fl, ok := ev.env[name].(*ast.FuncLit)
		if !ok || fl.Body == nil {
			return nil, false
		}
		vars := map[string]any{}
		i := 0
		for _, f := range fl.Type.Params.List {
			for _, n := range f.Names {
				if i < len(args) {
					vars[n.Name] = args[i]
				}
				i++
			}
		}
		for _, st := range fl.Body.List {
			switch st := st.(type) {
			case *ast.AssignStmt:
				for j, l := range st.Lhs {
					id, ok := l.(*ast.Ident)
					if !ok || j >= len(st.Rhs) {
						return nil, false
					}
					v, ok := ev.eval(st.Rhs[j], vars, depth+1)
					if !ok {
						return nil, false
					}
					vars[id.Name] = v
				}
			case *ast.ReturnStmt:
				if len(st.Results) != 1 {
					return nil, false
				}
				return ev.eval(st.Results[0], vars, depth+1)
			default:
				return nil, false
			}
		}
	}
	return nil, false
}

// tvTable reads the rows of the test table of function fn in the test source src.
func tvTable(src []byte, fn string) ([]tvCase, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "scanner_test.go", src, 0)
	if err != nil {
		return nil, err
	}
	var body *ast.BlockStmt
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == fn {
			body = fd.Body
		}
	}
	if body == nil {
		return nil, fmt.Errorf("no func %s", fn)
	}
	ev := &tvEval{env: map[string]ast.Expr{}}
	var rows []ast.Expr
	for _, st := range body.List {
		as, ok := st.(*ast.AssignStmt)
		if !ok {
			continue
		}
		for i, l := range as.Lhs {
			id, ok := l.(*ast.Ident)
			if !ok || i >= len(as.Rhs) {
				continue
			}
			if _, seen := ev.env[id.Name]; !seen {
				ev.env[id.Name] = as.Rhs[i]
			}
			if cl, ok := as.Rhs[i].(*ast.CompositeLit); ok && id.Name == "tests" {
				rows = cl.Elts
			}
		}
	}
	if rows == nil {
		return nil, fmt.Errorf("%s: no tests table", fn)
	}
	var out []tvCase
	for _, r := range rows {
		cl, ok := r.(*ast.CompositeLit)
		if !ok {
			continue
		}
		c := tvCase{ok: true}
		for _, el := range cl.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			k, _ := kv.Key.(*ast.Ident)
			if k == nil {
				continue
			}
			v, ok := ev.eval(kv.Value, nil, 0)
			switch k.Name {
			case "name":
				c.name, _ = v.(string)
			case "configPath":
				c.config, _ = v.(string)
			case "inputFilePath":
				c.input, _ = v.(string)
			case "want":
				fs, isF := v.([]tvFinding)
				c.findings = fs
				c.ok = c.ok && ok && isF
			}
		}
		if c.input == "" {
			c.ok = false
		}
		out = append(out, c)
	}
	return out, nil
}

// tvConfig reports whether a config keeps the built-in rules as they are (keys "rules"
// and "disable-allow-rules: [tests]" only) and the ids of the rules it adds.
func tvConfig(src []byte) (keeps bool, added map[string]bool) {
	var doc map[string]yaml.Node
	if yaml.Unmarshal(src, &doc) != nil {
		return false, nil
	}
	added = map[string]bool{}
	for k, v := range doc {
		switch k {
		case "rules":
			var rs []struct {
				ID string `yaml:"id"`
			}
			if v.Decode(&rs) != nil {
				return false, nil
			}
			for _, r := range rs {
				added[r.ID] = true
			}
		case "disable-allow-rules":
			var ids []string
			if v.Decode(&ids) != nil {
				return false, nil
			}
			for _, id := range ids {
				if id != "tests" {
					return false, nil
				}
			}
		default:
			return false, nil
		}
	}
	return true, added
}

// tvUnmask returns the text the '*' runs of a masked match cover where the match lies
// over text at line start (1-based): the first placement starting on that line whose
// unmasked bytes agree, preferring one where the masked runs do not cut into a word.
func tvUnmask(text, match string, start int) []string {
	lines := strings.SplitAfter(text, "\n")
	if start < 1 || start > len(lines) || !strings.Contains(match, "*") {
		return nil
	}
	off := 0
	for _, l := range lines[:start-1] {
		off += len(l)
	}
	first := -1
	for o := off; o < off+len(lines[start-1]) && o+len(match) <= len(text); o++ {
		ok := true
		for i := 0; i < len(match); i++ {
			if match[i] != '*' && match[i] != text[o+i] {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		if first < 0 {
			first = o
		}
		if tvWordBounded(text, match, o) {
			first = o
			break
		}
	}
	if first < 0 {
		return nil
	}
	var out []string
	for i := 0; i < len(match); {
		if match[i] != '*' {
			i++
			continue
		}
		j := i
		for j < len(match) && match[j] == '*' {
			j++
		}
		out = append(out, text[first+i:first+j])
		i = j
	}
	return out
}

func tvWordBounded(text, match string, o int) bool {
	word := func(b byte) bool {
		return b == '_' || b == '-' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
	}
	for i := 0; i < len(match); i++ {
		if match[i] != '*' || i > 0 && match[i-1] == '*' {
			continue
		}
		if p := o + i - 1; p >= 0 && word(text[p]) {
			return false
		}
		j := i
		for j < len(match) && match[j] == '*' {
			j++
		}
		if n := o + j; n < len(text) && word(text[n]) {
			return false
		}
	}
	return true
}

// tvCases turns the table's rows into cases; read gives a file of testdata by its path
// in the table ("testdata/x.txt"), nil when absent. skipped counts rows left out for
// their config, bad those that could not be read, noWant positives whose mask could
// not be laid over their file (those want any secret on the finding's lines, which
// alone are then the input).
func tvCases(rows []tvCase, read func(string) []byte) (cases []testCase, skipped, bad, noWant int) {
	type file struct {
		wantsNone, kept bool // no row wants a finding; a row with a kept config scans it
		seen            map[string]bool
	}
	files := map[string]*file{}
	var order []string
	configs := map[string]struct {
		keeps bool
		added map[string]bool
	}{}
	for _, r := range rows {
		if !r.ok {
			bad++
			continue
		}
		f := files[r.input]
		if f == nil {
			f = &file{wantsNone: true, seen: map[string]bool{}}
			files[r.input] = f
			order = append(order, r.input)
		}
		if len(r.findings) > 0 {
			f.wantsNone = false
		}
		keeps, added := true, map[string]bool(nil)
		if r.config != "" {
			cf, ok := configs[r.config]
			if !ok {
				src := read(r.config)
				cf.keeps, cf.added = src != nil, nil
				if src != nil {
					cf.keeps, cf.added = tvConfig(src)
				}
				configs[r.config] = cf
			}
			keeps, added = cf.keeps, cf.added
		}
		if !keeps {
			skipped++
			continue
		}
		f.kept = true
		text := read(r.input)
		if text == nil {
			bad++
			continue
		}
		for _, fd := range r.findings {
			if added[fd.rule] {
				continue
			}
			key := fmt.Sprintf("%s:%d:%s", fd.rule, fd.start, fd.match)
			if f.seen[key] {
				continue
			}
			f.seen[key] = true
			c := testCase{Source: "trivy", Detector: fd.rule, Name: fmt.Sprintf("%s line %d (%s)", path.Base(r.input), fd.start, r.name),
				Input: string(text), Positive: true, Ext: strings.TrimPrefix(path.Ext(r.input), ".")}
			c.Want = tvUnmask(string(text), fd.match, fd.start)
			if c.Want == nil {
				noWant++
				lines := strings.SplitAfter(string(text), "\n")
				end := max(fd.end, fd.start)
				if fd.start < 1 || end > len(lines) {
					bad++
					continue
				}
				c.Input = strings.Join(lines[fd.start-1:end], "")
			}
			cases = append(cases, c)
		}
	}
	for _, in := range order {
		if !files[in].wantsNone || !files[in].kept {
			continue
		}
		text := read(in)
		if text == nil {
			continue
		}
		cases = append(cases, testCase{Source: "trivy", Detector: "none", Name: path.Base(in), Input: string(text), Ext: strings.TrimPrefix(path.Ext(in), ".")})
	}
	return cases, skipped, bad, noWant
}

// trivySets reads both halves from a Trivy mirror.
func trivySets(dir string, add func(name string, cs []testCase, skip int, held bool, note string)) error {
	repo, err := newGitRepo(dir)
	if err != nil {
		return err
	}
	defer repo.close()
	src, err := repo.read(tvDir + "/scanner_test.go")
	if err != nil {
		return err
	}
	rows, err := tvTable(src, "TestSecretScanner")
	if err != nil {
		return fmt.Errorf("trivy %s/scanner_test.go: %w", tvDir, err)
	}
	listed, err := repo.ls(tvDir + "/testdata")
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, f := range listed {
		have[f] = true
	}
	read := func(p string) []byte {
		full := path.Join(tvDir, p)
		if !have[full] {
			return nil
		}
		b, err := repo.read(full)
		if err != nil {
			return nil
		}
		return b
	}
	all, skipped, bad, noWant := tvCases(rows, read)
	for _, h := range []struct {
		half, name string
		held       bool
	}{{"A", "trivy secret scanner tests, half A", false}, {"B", "trivy secret scanner tests, half B (held out)", true}} {
		var cs []testCase
		for _, c := range all {
			file, _, _ := strings.Cut(c.Name, " ")
			if npHalf("trivy."+file) == h.half {
				cs = append(cs, c)
			}
		}
		if len(cs) == 0 {
			return fmt.Errorf("no Trivy cases in half %s", h.half)
		}
		add(h.name, cs, 0, h.held, fmt.Sprintf("; of %d test rows (both halves) %d left out for a config that changes the built-in rules, %d not readable; %d positives whose mask could not be laid over the file (input: the finding's lines, any secret counts)",
			len(rows), skipped, bad, noWant))
	}
	return nil
}
