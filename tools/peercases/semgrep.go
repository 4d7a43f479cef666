package main

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

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
// whole match) when the pattern compiles in Go and matches; otherwise any secret counts. A rule's half is that of
// "semgrep."+id by the hash the other sets use; half B is held out.
const sgRulesDir = "generic/secrets"

var sgNotSecretRules = map[string]bool{
	"detected-aws-account-id": true, "detected-bcrypt-hash": true, "detected-etc-shadow": true,
}

// sgLabel matches a labelling comment: #, //, /*, <!--, -- or ; then the label.
var sgLabel = regexp.MustCompile(`^\s*(?:#+|/+|/\*|<!--|--|;+)\s*(ruleid|ok|todoruleid|todook)\s*:\s*([A-Za-z0-9_.,\- ]+?)\s*(?:-->|\*/)?\s*$`)

// sgCases returns the labelled cases of one test file (its text and extension) for the
// rules ids names; patterns holds each rule's pattern-regex strings. noWant counts
// positives whose wanted value no pattern gives.
func sgCases(text, ext string, ids map[string]bool, patterns map[string][]*regexp.Regexp) (cases []testCase, noWant int) {
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
					// any secret counts then: only on the labelled line itself, or
					// the block a PEM header there opens
					if first, _, _ := strings.Cut(body, "\n"); !strings.Contains(first, "-----BEGIN") {
						c.Input = first
					}
				}
			}
			cases = append(cases, c)
		}
	}
	return cases, noWant
}

// sgWant is what the first of a rule's patterns that matches body captures.
func sgWant(body string, res []*regexp.Regexp) []string {
	for _, re := range res {
		m := re.FindStringSubmatch(body)
		if m == nil {
			continue
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
		if len(best) >= 16 || len(best) == len(m[0]) {
			return []string{best}
		}
		return []string{m[0]}
	}
	return nil
}

// sgPatterns collects every pattern-regex under a rule that compiles in Go.
func sgPatterns(n *yaml.Node, out *[]*regexp.Regexp) {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Value == "pattern-regex" && v.Kind == yaml.ScalarNode {
				if re, err := regexp.Compile(v.Value); err == nil {
					*out = append(*out, re)
				}
				continue
			}
			sgPatterns(v, out)
		}
		return
	}
	for _, c := range n.Content {
		sgPatterns(c, out)
	}
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
		patterns []*regexp.Regexp
	}
	rules := map[string]rule{}
	tests := map[string][]string{} // rule file stem → its test files
	var stems []string
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
				var ps []*regexp.Regexp
				sgPatterns(&r, &ps)
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
		ids, pats := map[string]bool{}, map[string][]*regexp.Regexp{}
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
		add(h.name, cs, 0, h.held, fmt.Sprintf("; rules %v not read (no secret); %d positives whose rule's pattern-regex does not run in Go: any secret counts", sortedKeys(sgNotSecretRules), noWant))
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
