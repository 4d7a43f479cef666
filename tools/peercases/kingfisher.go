package main

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// MongoDB's Kingfisher keeps its rules as YAML files much like Nosey Parker's, from which
// many descend: a pattern (Rust syntax, mostly in verbose mode), examples it must match
// and, for a few, negative examples. Rules marked "visible: false" are the helper halves
// of a pair (an account id, a host name) that Kingfisher never reports alone; they are
// left out. So that nothing is counted twice, an example string that is also one of the
// examples of Nosey Parker's default ruleset is dropped (it is scored there). The rules
// are split in halves so that a provider falls in the same half as in Nosey Parker: a
// rule "kingfisher.<x>" for which Nosey Parker has "np.<x>" takes that rule's half, any
// other the half of its own id. Half B is held out: leakwatch's misses and false
// positives on it are never printed, only its aggregate figures.
const kfRulesDir = "data/rules"

type kfRule struct {
	Name     string    `yaml:"name"`
	ID       string    `yaml:"id"`
	Pattern  string    `yaml:"pattern"`
	Visible  *bool     `yaml:"visible"`
	Examples []string  `yaml:"examples"`
	Negative yaml.Node `yaml:"negative_examples"`
}

// kfHalf is the half of a Kingfisher rule: that of its Nosey Parker namesake when
// there is one (npIDs holds every Nosey Parker rule id), else that of its own id.
func kfHalf(id string, npIDs map[string]bool) string {
	if suffix, ok := strings.CutPrefix(id, "kingfisher."); ok && npIDs["np."+suffix] {
		return npHalf("np." + suffix)
	}
	return npHalf(id)
}

// kingfisherCases returns the cases of the Kingfisher rules of one half ("A" or "B").
// np, when not nil, is the Nosey Parker mirror: its rule ids pick halves and its
// default ruleset's examples are dropped from Kingfisher's. dup counts the dropped ones.
func kingfisherCases(repo gitRepo, np *gitRepo, half string) (cases []testCase, skip, dup int, err error) {
	npIDs, npSeen := map[string]bool{}, map[string]bool{}
	if np != nil {
		rules, include, err := npLoad(*np)
		if err != nil {
			return nil, 0, 0, err
		}
		for _, r := range rules {
			npIDs[r.ID] = true
			if !include[r.ID] {
				continue
			}
			for _, ex := range r.Examples {
				npSeen[ex] = true
			}
			for _, n := range r.Negative.Content {
				if n.Kind == yaml.ScalarNode {
					npSeen[n.Value] = true
				}
			}
		}
	}
	files, err := repo.ls(kfRulesDir)
	if err != nil {
		return nil, 0, 0, err
	}
	for _, f := range files {
		if ext := path.Ext(f); ext != ".yml" && ext != ".yaml" {
			continue
		}
		src, err := repo.read(f)
		if err != nil {
			return nil, 0, 0, err
		}
		var doc struct {
			Rules []kfRule `yaml:"rules"`
		}
		if err := yaml.Unmarshal(src, &doc); err != nil {
			return nil, 0, 0, fmt.Errorf("%s: %w", f, err)
		}
		for _, r := range doc.Rules {
			if r.Visible != nil && !*r.Visible || kfHalf(r.ID, npIDs) != half {
				continue
			}
			// as for Nosey Parker's: a pattern Go cannot compile leaves its examples unscored
			re, rerr := rustPattern(r.Pattern)
			for i, ex := range r.Examples {
				if npSeen[ex] {
					dup++
					continue
				}
				if rerr != nil {
					skip++
					continue
				}
				m := re.FindStringSubmatch(ex)
				if m == nil {
					skip++ // the rule's own pattern does not match it in Go's dialect
					continue
				}
				cases = append(cases, testCase{Source: "kingfisher", Detector: r.ID, Name: fmt.Sprintf("example %d", i+1), Input: ex, Positive: true, Want: wantsOf(m)})
			}
			for i, n := range r.Negative.Content {
				if n.Kind != yaml.ScalarNode {
					skip++
					continue
				}
				if npSeen[n.Value] {
					dup++
					continue
				}
				cases = append(cases, testCase{Source: "kingfisher", Detector: r.ID, Name: fmt.Sprintf("negative %d", i+1), Input: n.Value})
			}
		}
	}
	if len(cases) == 0 {
		return nil, skip, dup, fmt.Errorf("no Kingfisher rule examples under %s", kfRulesDir)
	}
	return cases, skip, dup, nil
}

// verboseToGo rewrites a pattern in verbose mode ((?x): whitespace outside a bracket
// class is insignificant and # starts a comment), which Go's regexp lacks, into one
// without it; a pattern without the flag is returned as it is.
func verboseToGo(p string) string {
	flags := regexp.MustCompile(`\(\?([a-zA-Z]*)x([a-zA-Z]*)\)`)
	loc := flags.FindStringSubmatchIndex(p)
	if loc == nil || strings.TrimSpace(p[:loc[0]]) != "" {
		return p
	}
	rest := flags.ReplaceAllStringFunc(p[loc[1]:], func(s string) string { return strings.Replace(s, "x", "", 1) })
	var b strings.Builder
	if f := p[loc[2]:loc[3]] + p[loc[4]:loc[5]]; f != "" {
		b.WriteString("(?" + f + ")")
	}
	class := false
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		switch {
		case c == '\\' && i+1 < len(rest):
			if !class && (rest[i+1] == ' ' || rest[i+1] == '#') {
				b.WriteByte(rest[i+1]) // an escaped space or # is a literal one
			} else {
				b.WriteString(rest[i : i+2])
			}
			i++
			continue
		case class:
			if c == ']' {
				class = false
			}
		case c == '[':
			class = true
			b.WriteByte(c)
			// a ] first in a class (after an optional ^) is a literal
			if i+1 < len(rest) && rest[i+1] == '^' {
				b.WriteByte('^')
				i++
			}
			if i+1 < len(rest) && rest[i+1] == ']' {
				b.WriteByte(']')
				i++
			}
			continue
		case c == '#':
			for i < len(rest) && rest[i] != '\n' {
				i++
			}
			continue
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			continue
		}
		b.WriteByte(c)
	}
	out := b.String()
	for _, e := range []string{"(?)", "(?:)"} {
		out = strings.ReplaceAll(out, e, "")
	}
	return out
}
