package main

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/dlclark/regexp2"
	"go.yaml.in/yaml/v3"
)

// semgrep-rules tests each rule on a file beside it (<rule>.yaml and <rule>.<ext>) whose
// lines are labelled by comments: "ruleid: <id>" says the rule must match what follows,
// "ok: <id>" that it must not ("todoruleid"/"todook" say the same of what the rule
// ought to do but does not yet: they keep the label they ask for). A case is the text
// from the line after the comment to the next blank line or labelling comment (semgrep's
// test fails on a match in an unlabelled line too, so those lines are no secret either). Only the
// secrets rules (generic/secrets: semgrep's own detected-* rules and its ports of
// gitleaks' rules) are read, less those that look for something that is no secret (an
// AWS account id, password hashes). A positive wants what the rule's own pattern-regex
// captures in it (its longest group when that holds 16 characters or more, else the
// whole match); a rule in semgrep's own pattern language wants what the regex on the
// metavariable whose entropy it checks finds (sgSecretMetavariable). The patterns are PCRE: one Go's regexp cannot compile even after
// rustPattern's rewrite (a lookaround) runs on regexp2, a backtracking engine that has
// them. A positive that no pattern of its rule matches (most rules in semgrep's own
// pattern language have none) says nothing of which part is the
// secret: it is not scored (counted as left out, the same for every tool) rather than
// found by any finding. A rule's half is that of "semgrep."+id by the hash the other
// sets use; half B is held out.
const sgRulesDir = "generic/secrets"

var sgNotSecretRules = map[string]bool{
	"detected-aws-account-id": true, "detected-bcrypt-hash": true, "detected-etc-shadow": true,
}

// sgLabel matches a labelling comment: #, //, /*, <!--, -- or ; then the label.
var sgLabel = regexp.MustCompile(`^\s*(?:#+|/+|/\*|<!--|--|;+)\s*(ruleid|ok|todoruleid|todook)\s*:\s*([A-Za-z0-9_.,\- ]+?)\s*(?:-->|\*/)?\s*$`)

// sgPattern is one pattern-regex: in Go's dialect when it compiles there, else in
// regexp2's.
type sgPattern struct {
	re   *regexp.Regexp
	pcre *regexp2.Regexp
}

// sgCompile compiles a pattern-regex, in Go's dialect when it can (rustPattern's
// rewrite of verbose mode and comments, which PCRE has too), else in regexp2's (bounded
// by a timeout: backtracking can run long).
func sgCompile(p string) (sgPattern, error) {
	if re, err := rustPattern(p); err == nil {
		return sgPattern{re: re}, nil
	}
	// PCRE's Python-style named group, which regexp2 writes without the P
	re, err := regexp2.Compile(strings.ReplaceAll(p, "(?P<", "(?<"), regexp2.None)
	if err != nil {
		return sgPattern{}, err
	}
	re.MatchTimeout = 2 * time.Second
	return sgPattern{pcre: re}, nil
}

// find returns the first match's text and groups, as FindStringSubmatch does (an
// unset group is ""), or nil.
func (p sgPattern) find(s string) []string {
	if p.re != nil {
		return p.re.FindStringSubmatch(s)
	}
	m, err := p.pcre.FindStringMatch(s)
	if err != nil || m == nil {
		return nil
	}
	var out []string
	for _, g := range m.Groups() {
		out = append(out, g.String())
	}
	return out
}

// sgCases returns the labelled cases of one test file (its text and extension) for the
// rules ids names; patterns holds each rule's pattern-regex strings. noWant counts
// positives whose wanted value no pattern gives: they are left out.
func sgCases(text, ext string, ids map[string]bool, patterns map[string][]sgPattern) (cases []testCase, noWant int) {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		m := sgLabel.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		j := i + 1
		for j < len(lines) && strings.TrimSpace(lines[j]) != "" && !sgLabel.MatchString(lines[j]) {
			j++
		}
		// an armoured block (PGP's has a blank line after its headers) runs to its
		// END line
		if i+1 < len(lines) && strings.Contains(lines[i+1], "-----BEGIN ") && !strings.Contains(lines[i+1], "-----END ") {
			for k := i + 1; k < len(lines) && k < i+400; k++ {
				if strings.Contains(lines[k], "-----END ") {
					j = k + 1
					break
				}
			}
		}
		body := strings.Join(lines[i+1:j], "\n")
		if strings.TrimSpace(body) == "" {
			continue
		}
		positive := m[1] == "ruleid" || m[1] == "todoruleid"
		for _, id := range strings.Split(m[2], ",") {
			id = strings.TrimSpace(id)
			if !ids[id] {
				continue
			}
			c := testCase{Source: "semgrep", Detector: id, Name: fmt.Sprintf("line %d %s", i+1, m[1]), Input: body, Positive: positive, Ext: ext}
			if positive {
				c.Want = sgWant(body, patterns[id])
				if c.Want == nil {
					noWant++
					continue
				}
			}
			cases = append(cases, c)
		}
	}
	return cases, noWant
}

// sgWant is what the first of a rule's patterns that matches body captures, or nil.
// body is matched with the line break that ends it in the file (a pattern written as a
// YAML block ends in one), and what is wanted is trimmed of it.
func sgWant(body string, res []sgPattern) []string {
	for _, re := range res {
		m := re.find(body + "\n")
		if m == nil {
			continue
		}
		for i := range m {
			m[i] = strings.TrimRight(m[i], "\r\n")
		}
		// the longest group is the secret when it is long enough to be one; a rule
		// whose groups are a scheme or a path word ("https://", "services") wants
		// its whole match
		best := ""
		for _, g := range m[1:] {
			if len(g) > len(best) {
				best = g
			}
		}
		w := m[0]
		if len(best) >= 16 || len(best) == len(m[0]) {
			w = best
		}
		// a want the case's text does not hold (a match of the line break alone)
		// would make any finding count
		if strings.TrimSpace(w) == "" || !strings.Contains(body, w) {
			continue
		}
		return []string{w}
	}
	return nil
}

// sgPatterns collects every pattern-regex under a rule that compiles, in Go's dialect or
// regexp2's; bad counts those that compile in neither.
func sgPatterns(n *yaml.Node, out *[]sgPattern, bad *int) {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Value == "pattern-regex" && v.Kind == yaml.ScalarNode {
				if re, err := sgCompile(v.Value); err == nil {
					*out = append(*out, re)
				} else {
					*bad++
				}
				continue
			}
			sgPatterns(v, out, bad)
		}
		return
	}
	for _, c := range n.Content {
		sgPatterns(c, out, bad)
	}
}

// sgSecretMetavariable gives, for a rule written in semgrep's pattern language, the
// metavariable-regex of the metavariable whose entropy the rule analyses (that one is
// the secret: "$VAR = $SECRET" where $SECRET must match gh[pousr]_…), searched for in
// the case; none when no metavariable is both analysed and constrained by a regex.
func sgSecretMetavariable(n *yaml.Node, bad *int) []sgPattern {
	regexes := map[string][]string{}
	analysed := map[string]bool{}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				switch k.Value {
				case "metavariable-regex":
					var m struct{ Metavariable, Regex string }
					if v.Decode(&m) == nil && m.Regex != "" {
						regexes[m.Metavariable] = append(regexes[m.Metavariable], m.Regex)
					}
					continue
				case "metavariable-analysis":
					var m struct{ Metavariable, Analyzer string }
					if v.Decode(&m) == nil && m.Analyzer == "entropy" {
						analysed[m.Metavariable] = true
					}
					continue
				}
				walk(v)
			}
			return
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	var out []sgPattern
	for mv := range analysed {
		for _, p := range regexes[mv] {
			if re, err := sgCompile(p); err == nil {
				out = append(out, re)
			} else {
				*bad++
			}
		}
	}
	return out
}

// semgrepSets reads both halves from a semgrep-rules mirror.
func semgrepSets(dir string, add func(name string, cs []testCase, skip int, held bool, note string)) error {
	repo, err := newGitRepo(dir)
	if err != nil {
		return err
	}
	defer repo.close()
	files, err := repo.ls(sgRulesDir)
	if err != nil {
		return err
	}
	type rule struct {
		half     string
		patterns []sgPattern
	}
	rules := map[string]rule{}
	tests := map[string][]string{} // rule file stem → its test files
	var stems []string
	bad := 0
	for _, f := range files {
		ext := path.Ext(f)
		stem := strings.TrimSuffix(f, ext)
		if ext == ".yaml" || ext == ".yml" {
			src, err := repo.read(f)
			if err != nil {
				return err
			}
			var doc struct {
				Rules []yaml.Node `yaml:"rules"`
			}
			if err := yaml.Unmarshal(src, &doc); err != nil {
				return fmt.Errorf("%s: %w", f, err)
			}
			for _, r := range doc.Rules {
				var head struct {
					ID string `yaml:"id"`
				}
				if r.Decode(&head) != nil || head.ID == "" || sgNotSecretRules[head.ID] {
					continue
				}
				var ps []sgPattern
				sgPatterns(&r, &ps, &bad)
				if len(ps) == 0 {
					ps = sgSecretMetavariable(&r, &bad)
				}
				rules[head.ID] = rule{npHalf("semgrep." + head.ID), ps}
			}
			continue
		}
		if strings.Contains(path.Base(stem), ".fixed") {
			continue
		}
		if tests[stem] == nil {
			stems = append(stems, stem)
		}
		tests[stem] = append(tests[stem], f)
	}
	for _, h := range []struct {
		half, name string
		held       bool
	}{{"A", "semgrep secrets rule tests, half A", false}, {"B", "semgrep secrets rule tests, half B (held out)", true}} {
		ids, pats := map[string]bool{}, map[string][]sgPattern{}
		for id, r := range rules {
			if r.half == h.half {
				ids[id] = true
				pats[id] = r.patterns
			}
		}
		var cs []testCase
		noWant := 0
		for _, stem := range stems {
			for _, f := range tests[stem] {
				src, err := repo.read(f)
				if err != nil {
					return err
				}
				ext := strings.TrimPrefix(path.Ext(f), ".")
				if ext == "generic" {
					ext = "txt"
				}
				c, nw := sgCases(string(src), ext, ids, pats)
				cs = append(cs, c...)
				noWant += nw
			}
		}
		if len(cs) == 0 {
			return fmt.Errorf("no semgrep cases in half %s under %s", h.half, sgRulesDir)
		}
		add(h.name, cs, noWant, h.held, fmt.Sprintf("; rules %v not read (no secret); %d positives left out that no pattern-regex of their rule matches (most rules in semgrep's pattern language have none; %d pattern-regex compile in neither Go's dialect nor regexp2's), the same for every tool", sortedKeys(sgNotSecretRules), noWant, bad))
	}
	return nil
}

func sortedKeys(m map[string]bool) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
