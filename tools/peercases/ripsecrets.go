package main

import (
	"fmt"
	"slices"
	"strings"
)

// ripsecrets' tests read three places: every line of a file under test/one_per_line
// must give one secret, every file under test/one_per_file exactly one, and test/none
// none at all. So each such line is a positive case, each such file one, and each line
// of test/none a negative. Two lines of test/none are secrets that ripsecrets passes
// only because they are listed (a "pragma: allowlist secret" comment, a value named in
// the repository's .secretsignore): they are marked as allowlisted and counted as
// contested. The sets are small (tens of cases), so the halves are by case: that of
// "ripsecrets.<file>:<line>" by the hash the other sets use; half B is held out.
const rsTestDir = "test"

// rsAllowlisted names the cases whose label rests on an allowlist.
const rsAllowlisted = "allowlisted"

// rsCases turns one test file into cases: kind is "one_per_line", "one_per_file" or
// "none"; ignored holds the values .secretsignore lists.
func rsCases(file, kind, text string, ignored []string) []testCase {
	if kind == "one_per_file" {
		if strings.TrimSpace(text) == "" {
			return nil
		}
		return []testCase{{Source: "ripsecrets", Detector: file, Name: file, Input: text, Positive: true}}
	}
	var cs []testCase
	for i, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		c := testCase{Source: "ripsecrets", Detector: file, Name: fmt.Sprintf("%s:%d", file, i+1), Input: l, Positive: kind == "one_per_line"}
		if !c.Positive && (strings.Contains(l, "pragma: allowlist secret") || slices.ContainsFunc(ignored, func(v string) bool { return strings.Contains(l, v) })) {
			c.Name += " " + rsAllowlisted
		}
		cs = append(cs, c)
	}
	return cs
}

// rsIgnored reads the [secrets] section of a .secretsignore file.
func rsIgnored(text string) []string {
	var out []string
	in := false
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(l, "["):
			in = l == "[secrets]"
		case in && l != "" && !strings.HasPrefix(l, "#"):
			out = append(out, l)
		}
	}
	return out
}

// ripsecretsSets reads both halves from a ripsecrets mirror.
func ripsecretsSets(dir string, add func(name string, cs []testCase, skip int, held bool, note string)) error {
	repo, err := newGitRepo(dir)
	if err != nil {
		return err
	}
	defer repo.close()
	var ignored []string
	if b, err := repo.read(".secretsignore"); err == nil {
		ignored = rsIgnored(string(b))
	}
	files, err := repo.ls(rsTestDir)
	if err != nil {
		return err
	}
	var all []testCase
	for _, f := range files {
		rest := strings.TrimPrefix(f, rsTestDir+"/")
		kind, name, ok := strings.Cut(rest, "/")
		if !ok {
			kind, name = rest, rest
		}
		if kind != "one_per_line" && kind != "one_per_file" && kind != "none" {
			continue
		}
		b, err := repo.read(f)
		if err != nil {
			return err
		}
		all = append(all, rsCases(name, kind, string(b), ignored)...)
	}
	for _, h := range []struct {
		half, name string
		held       bool
	}{{"A", "ripsecrets tests, half A", false}, {"B", "ripsecrets tests, half B (held out)", true}} {
		var cs []testCase
		for _, c := range all {
			if npHalf("ripsecrets."+strings.TrimSuffix(c.Name, " "+rsAllowlisted)) == h.half {
				cs = append(cs, c)
			}
		}
		if len(cs) == 0 {
			return fmt.Errorf("no ripsecrets cases in half %s under %s", h.half, rsTestDir)
		}
		add(h.name, cs, 0, h.held, "")
	}
	return nil
}
