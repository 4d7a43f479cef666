package main

import (
	"encoding/json"
	"fmt"
	"path"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// secretlint tests each rule (packages/@secretlint/secretlint-rule-<name>) on snapshot
// directories: an input file and output.json, the messages the rule must give, each
// with the range of the secret in the input. A message is a positive case wanting the
// text of its range; an input with no message is a negative case. A directory that
// configures the rule (.secretlintrc.json, options.ts) is left out: its label rests on
// that setting. Rules that look for something other than a secret value (a file named
// .env, a home directory path, a Kubernetes Secret manifest, user-written patterns,
// comment filters) and the presets (which re-test the rules) are not read. A rule's
// half is that of "secretlint."+name by the hash the other sets use; half B is held out.
const slRulesDir = "packages/@secretlint"

var slNotSecretRules = map[string]bool{
	"example": true, "internal-test-cjs": true, "internal-test-esm": true, "no-dotenv": true,
	"no-homedir": true, "no-k8s-kind-secret": true, "filter-comments": true, "pattern": true,
	"preset-canary": true, "preset-recommend": true,
}

// slDir is one snapshot directory: its files by base name.
type slDir map[string][]byte

// slOutput is the part of output.json the cases are read from.
type slOutput struct {
	FilePath string `json:"filePath"`
	Messages []struct {
		Range []int `json:"range"`
	} `json:"messages"`
	SourceContent string `json:"sourceContent"`
}

// slCases turns one snapshot directory of rule into cases; setting reports a directory
// left out for its configuration, bad one that cannot be read (no input named by
// output.json, a binary input, a range outside the text).
func slCases(rule, name string, d slDir) (cases []testCase, setting, bad bool) {
	if d[".secretlintrc.json"] != nil || d["options.ts"] != nil {
		return nil, true, false
	}
	var out slOutput
	if json.Unmarshal(d["output.json"], &out) != nil {
		return nil, false, true
	}
	inName := path.Base(out.FilePath)
	in, ok := d[inName]
	if !ok || !utf8.Valid(in) || strings.IndexByte(string(in), 0) >= 0 {
		return nil, false, true
	}
	ext := strings.TrimPrefix(path.Ext(inName), ".")
	if len(out.Messages) == 0 {
		return []testCase{{Source: "secretlint", Detector: rule, Name: name, Input: string(in), Ext: ext}}, false, false
	}
	src := utf16.Encode([]rune(out.SourceContent))
	for i, m := range out.Messages {
		if len(m.Range) != 2 || m.Range[0] < 0 || m.Range[0] >= m.Range[1] || m.Range[1] > len(src) {
			return nil, false, true
		}
		want := string(utf16.Decode(src[m.Range[0]:m.Range[1]]))
		cases = append(cases, testCase{Source: "secretlint", Detector: rule, Name: fmt.Sprintf("%s message %d", name, i+1),
			Input: string(in), Want: []string{want}, Positive: true, Ext: ext})
	}
	return cases, false, false
}

// secretlintSets reads both halves from a secretlint mirror.
func secretlintSets(dir string, add func(name string, cs []testCase, skip int, held bool, note string)) error {
	repo, err := newGitRepo(dir)
	if err != nil {
		return err
	}
	defer repo.close()
	ls, err := repo.ls(slRulesDir)
	if err != nil {
		return err
	}
	// rule → snapshot directory → files
	dirs := map[string]map[string]slDir{}
	var order []string
	for _, f := range ls {
		rest, ok := strings.CutPrefix(f, slRulesDir+"/secretlint-rule-")
		if !ok {
			continue
		}
		parts := strings.Split(rest, "/")
		if len(parts) != 5 || parts[1] != "test" || parts[2] != "snapshots" || slNotSecretRules[parts[0]] {
			continue
		}
		rule, snap, base := parts[0], parts[3], parts[4]
		if dirs[rule] == nil {
			dirs[rule] = map[string]slDir{}
		}
		if dirs[rule][snap] == nil {
			dirs[rule][snap] = slDir{}
			order = append(order, rule+"/"+snap)
		}
		if dirs[rule][snap][base], err = repo.read(f); err != nil {
			return err
		}
	}
	for _, h := range []struct {
		half, name string
		held       bool
	}{{"A", "secretlint rule snapshots, half A", false}, {"B", "secretlint rule snapshots, half B (held out)", true}} {
		var cs []testCase
		skip, setting := 0, 0
		for _, rs := range order {
			rule, snap, _ := strings.Cut(rs, "/")
			if npHalf("secretlint."+rule) != h.half {
				continue
			}
			c, st, bad := slCases(rule, snap, dirs[rule][snap])
			switch {
			case st:
				setting++
			case bad:
				skip++
			}
			cs = append(cs, c...)
		}
		if len(cs) == 0 {
			return fmt.Errorf("no secretlint cases in half %s under %s", h.half, slRulesDir)
		}
		add(h.name, cs, skip, h.held, fmt.Sprintf("; %d snapshot directories left out because they configure the rule (.secretlintrc.json, options.ts)", setting))
	}
	return nil
}
