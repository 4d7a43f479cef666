package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"os/exec"
	"path"
	"regexp"
	"slices"
	"strings"
)

// Yelp's detect-secrets tests each plugin on lines given to pytest.mark.parametrize,
// labelled by a should_flag boolean or by the secret the plugin must return (None: no
// secret). detectsecrets.py reads them with Python's ast module (the files are never
// run); this file turns its rows into cases. The keyword plugin's lines come in lists
// per language family (config files, Go, C-like, languages that need quotes), each
// tried under several file extensions; a list is split like a provider of its own, so
// that the plugin's many assignment styles fall in both halves. A provider is the test
// file's plugin ("slack") or "keyword/<LIST>"; its half is that of "detect-secrets."+name
// by the hash the other sets use. Half B is held out: its misses are never printed.
const dsTestsDir = "tests/plugins"

//go:embed detectsecrets.py
var dsReader string

// dsNotSecrets are plugins whose findings are not secrets (public IP addresses).
var dsNotSecrets = map[string]bool{"ip_public": true}

// dsSetting marks the cases left out because their label depends on a setting the
// plugin was built with in the test (keyword_exclude: lines it excludes by a pattern).
const dsSetting = "label depends on the plugin's setting"

type dsRow struct {
	Func     string         `json:"func"`
	Group    string         `json:"group"`
	Input    string         `json:"input"`
	Ext      string         `json:"ext"`
	Positive bool           `json:"positive"`
	Want     string         `json:"want"`
	Settings map[string]any `json:"settings"`
}

// dsParse runs the reader on one test file's source; skipped holds the list (keyword
// group) of each row it could not evaluate.
func dsParse(src []byte) (rows []dsRow, skipped []string, err error) {
	cmd := exec.Command("python3", "-c", dsReader)
	cmd.Stdin = bytes.NewReader(src)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, nil, fmt.Errorf("python3 reader: %w: %s", err, clip(stderr.String(), 300))
	}
	var doc struct {
		Cases   []dsRow `json:"cases"`
		Skipped []struct {
			Why   string `json:"why"`
			Group string `json:"group"`
		} `json:"skipped"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		return nil, nil, fmt.Errorf("python3 reader output: %w", err)
	}
	for _, s := range doc.Skipped {
		skipped = append(skipped, s.Group)
	}
	return doc.Cases, skipped, nil
}

// dsProvider names the provider a row belongs to.
func dsProvider(plugin string, r dsRow) string {
	if r.Group != "" {
		return plugin + "/" + r.Group
	}
	return plugin
}

// dsCases returns the cases of one half; setting counts those left out because their
// label rests on a setting of the plugin.
func dsCases(files map[string][]byte, half string) (cases []testCase, skip, setting int, err error) {
	names := make([]string, 0, len(files))
	for f := range files {
		names = append(names, f)
	}
	slices.Sort(names)
	for _, f := range names {
		plugin := strings.TrimSuffix(path.Base(f), "_test.py")
		if dsNotSecrets[plugin] {
			continue
		}
		rows, bad, err := dsParse(files[f])
		if err != nil {
			return nil, 0, 0, fmt.Errorf("%s: %w", f, err)
		}
		for _, g := range bad {
			if npHalf("detect-secrets."+dsProvider(plugin, dsRow{Group: g})) == half {
				skip++
			}
		}
		for i, r := range rows {
			prov := dsProvider(plugin, r)
			if npHalf("detect-secrets."+prov) != half {
				continue
			}
			if dsDependsOnSetting(r) {
				setting++
				continue
			}
			c := testCase{Source: "detect-secrets", Detector: prov, Name: fmt.Sprintf("%s row %d", r.Func, i+1), Input: r.Input, Positive: r.Positive, Ext: r.Ext}
			if r.Positive && r.Want != "" {
				c.Want = []string{r.Want}
			}
			cases = append(cases, c)
		}
	}
	return cases, skip, setting, nil
}

// dsDependsOnSetting reports whether a row's label may come from a setting the test
// built the plugin with: a negative that keyword_exclude's pattern matches (its label
// says nothing about the line), or any row of a plugin built with another setting.
func dsDependsOnSetting(r dsRow) bool {
	for k, v := range r.Settings {
		if k != "keyword_exclude" {
			return true
		}
		p, ok := v.(string)
		if !ok {
			return true
		}
		re, err := regexp.Compile(p)
		if err != nil || !r.Positive && re.MatchString(r.Input) {
			return true
		}
	}
	return false
}

// detectSecretsSets reads both halves from a detect-secrets mirror.
func detectSecretsSets(dir string, add func(name string, cs []testCase, skip int, held bool, note string)) error {
	repo, err := newGitRepo(dir)
	if err != nil {
		return err
	}
	defer repo.close()
	ls, err := repo.ls(dsTestsDir)
	if err != nil {
		return err
	}
	files := map[string][]byte{}
	for _, f := range ls {
		if !strings.HasSuffix(f, "_test.py") {
			continue
		}
		if files[f], err = repo.read(f); err != nil {
			return err
		}
	}
	for _, h := range []struct {
		half, name string
		held       bool
	}{{"A", "detect-secrets plugin tests, half A", false}, {"B", "detect-secrets plugin tests, half B (held out)", true}} {
		cs, skip, setting, err := dsCases(files, h.half)
		if err != nil {
			return err
		}
		if len(cs) == 0 {
			return fmt.Errorf("no detect-secrets cases in half %s under %s", h.half, dsTestsDir)
		}
		add(h.name, cs, skip, h.held, fmt.Sprintf("; %d left out because their label rests on a setting the test gave the plugin (%s)", setting, "keyword_exclude"))
	}
	return nil
}
