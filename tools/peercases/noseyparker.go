package main

import (
	"fmt"
	"hash/fnv"
	"path"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Nosey Parker keeps its rules as YAML files, each rule with a pattern, examples it
// must match and, for some, negative examples it must not. Only the rules of its
// "default" ruleset are read (the others look for hashes, public identifiers and asset
// names, which are not secrets). Its rules are split in two by a hash of their id:
// half A may be tuned on (misses printed with -misses), half B is held out — leakwatch's
// misses on it are never printed, so that its figure stays one nobody has tuned on.
const npRulesDir = "crates/noseyparker/data/default/builtin/rules"
const npDefaultRuleset = "crates/noseyparker/data/default/builtin/rulesets/default.yml"

type npRule struct {
	Name     string    `yaml:"name"`
	ID       string    `yaml:"id"`
	Pattern  string    `yaml:"pattern"`
	Examples []string  `yaml:"examples"`
	Negative yaml.Node `yaml:"negative_examples"`
}

// npShouldMatch marks a negative example whose own comment in the rule file says the
// pattern ought to match it but does not ("FIXME", "unfortunately doesn't match"): a tool
// that reports it is not wrong.
const npShouldMatch = "negative the rule's comment says should match"

// npOtherRule ends the name of a negative example that another rule of the default
// ruleset matches with its own pattern (both halves' rules are asked, so that a rule's
// half does not decide it): the peer itself reports that string, under another rule
// ("a newer token format should not match the older rule", an unquoted and a quoted
// form of one assignment), so a tool that reports it is not wrong. Only the peer's
// patterns decide it, never a tool's output.
const npOtherRule = "another rule of the peer matches it"

// npHalf is the half ("A" or "B") a Nosey Parker rule belongs to.
func npHalf(id string) string {
	h := fnv.New32a()
	h.Write([]byte(id))
	if h.Sum32()%2 == 0 {
		return "A"
	}
	return "B"
}

// npLoad reads every Nosey Parker rule and the ids of its default ruleset.
func npLoad(repo gitRepo) ([]npRule, map[string]bool, error) {
	b, err := repo.read(npDefaultRuleset)
	if err != nil {
		return nil, nil, err
	}
	var rs struct {
		Rulesets []struct {
			ID      string   `yaml:"id"`
			Include []string `yaml:"include_rule_ids"`
		} `yaml:"rulesets"`
	}
	if err := yaml.Unmarshal(b, &rs); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", npDefaultRuleset, err)
	}
	include := map[string]bool{}
	for _, r := range rs.Rulesets {
		if r.ID == "default" {
			for _, id := range r.Include {
				include[id] = true
			}
		}
	}
	files, err := repo.ls(npRulesDir)
	if err != nil {
		return nil, nil, err
	}
	var rules []npRule
	for _, f := range files {
		if ext := path.Ext(f); ext != ".yml" && ext != ".yaml" {
			continue
		}
		src, err := repo.read(f)
		if err != nil {
			return nil, nil, err
		}
		var doc struct {
			Rules []npRule `yaml:"rules"`
		}
		if err := yaml.Unmarshal(src, &doc); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", f, err)
		}
		rules = append(rules, doc.Rules...)
	}
	return rules, include, nil
}

// noseyparkerCases returns the cases of the rules of one half ("A" or "B").
func noseyparkerCases(repo gitRepo, half string) ([]testCase, int, error) {
	rules, include, err := npLoad(repo)
	if err != nil {
		return nil, 0, err
	}
	return npCasesOf(rules, include, half)
}

// npCasesOf returns the cases of the rules of one half among rules whose ids include
// names as the default ruleset's.
func npCasesOf(rules []npRule, include map[string]bool, half string) ([]testCase, int, error) {
	var out []testCase
	skip := 0
	// every default rule's pattern in Go's dialect, for npOtherRule
	type idRE struct {
		id string
		re *regexp.Regexp
	}
	var others []idRE
	for _, r := range rules {
		if !include[r.ID] {
			continue
		}
		if re, err := rustPattern(r.Pattern); err == nil {
			others = append(others, idRE{r.ID, re})
		}
	}
	matchedByOther := func(id, s string) bool {
		for _, o := range others {
			if o.id != id && o.re.MatchString(s) {
				return true
			}
		}
		return false
	}
	for _, r := range rules {
		if !include[r.ID] || npHalf(r.ID) != half {
			continue
		}
		// A positive counts as found only by a finding that overlaps what the rule's own
		// pattern captures in it. A rule whose pattern Go cannot compile even once
		// rewritten (a repeat count above Go's 1000) says nothing of which part is the
		// secret: its examples are not scored (counted as skipped) rather than found by
		// any finding, the same for every tool.
		re, err := rustPattern(r.Pattern)
		for i, ex := range r.Examples {
			if err != nil {
				skip++
				continue
			}
			m := re.FindStringSubmatch(ex)
			if m == nil {
				skip++ // the rule's own pattern does not match it here (Go's regexp dialect)
				continue
			}
			out = append(out, testCase{Source: "noseyparker", Detector: r.ID, Name: fmt.Sprintf("example %d", i+1), Input: ex, Positive: true, Want: wantsOf(m)})
		}
		for i, n := range r.Negative.Content {
			if n.Kind != yaml.ScalarNode {
				skip++
				continue
			}
			name := fmt.Sprintf("negative %d", i+1)
			cm := strings.ToLower(n.HeadComment + " " + n.LineComment)
			if strings.Contains(cm, "fixme") || strings.Contains(cm, "unfortunately") || strings.Contains(cm, "should match") {
				name = npShouldMatch
			} else if matchedByOther(r.ID, n.Value) {
				name += " (" + npOtherRule + ")"
			}
			out = append(out, testCase{Source: "noseyparker", Detector: r.ID, Name: name, Input: n.Value})
		}
	}
	if len(out) == 0 {
		return nil, skip, fmt.Errorf("no Nosey Parker rule examples under %s", npRulesDir)
	}
	return out, skip, nil
}

// rustPattern compiles a pattern written in Rust's dialect, as Nosey Parker's and
// Kingfisher's are, in Go's: verbose mode ((?x)) and inline comments ((?# … )), which Go's
// regexp lacks, are rewritten away first.
func rustPattern(p string) (*regexp.Regexp, error) {
	return regexp.Compile(verboseToGo(stripInlineComments(p)))
}

// wantsOf is what a case wants found, from a match of a rule's pattern in its example:
// the non-empty groups the pattern captures, or the whole match when it captures none.
func wantsOf(m []string) []string {
	var w []string
	for _, g := range m[1:] {
		if g != "" {
			w = append(w, g)
		}
	}
	if len(w) == 0 {
		w = []string{m[0]}
	}
	return w
}

// stripInlineComments drops the inline comments "(?# … )" that Nosey Parker's patterns
// write after their parts and that Go's regexp does not know: a comment runs to the
// first ")".
func stripInlineComments(p string) string {
	var b strings.Builder
	for {
		i := strings.Index(p, "(?#")
		if i < 0 {
			b.WriteString(p)
			return b.String()
		}
		b.WriteString(p[:i])
		j := strings.IndexByte(p[i:], ')')
		if j < 0 {
			return b.String()
		}
		p = p[i+j+1:]
	}
}
