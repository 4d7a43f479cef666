package main

import (
	"slices"
	"testing"
)

// TestTrivyCases: the test table is read from Go source (findings bound to names, built
// by a helper literal, written inline, masks made with strings.Repeat); a mask laid over
// the file gives the secret; findings of a rule the config adds are dropped; a config
// that changes the built-in rules leaves its row out; a file every row wants nothing
// from is one negative.
func TestTrivyCases(t *testing.T) {
	src := `package secret_test
func TestSecretScanner(t *testing.T) {
	wantA := types.SecretFinding{RuleID: "acme-key", StartLine: 2, EndLine: 2, Match: "ACME=" + strings.Repeat("*", 12)}
	wantCustom := types.SecretFinding{RuleID: "rule1", StartLine: 1, EndLine: 1, Match: "s=\"****\""}
	mk := func(id string, n int) types.SecretFinding {
		masked := strings.Repeat("*", n)
		return types.SecretFinding{RuleID: id, StartLine: 1, EndLine: 1, Match: masked}
	}
	wantBare := mk("zq-token", 10)
	tests := []struct {
		name, configPath, inputFilePath string
		want types.Secret
	}{
		{name: "acme", configPath: filepath.Join("testdata", "config.yaml"), inputFilePath: filepath.Join("testdata", "acme.txt"),
			want: types.Secret{Findings: []types.SecretFinding{wantCustom, wantA}}},
		{name: "bare", inputFilePath: "testdata/bare.txt", want: types.Secret{Findings: []types.SecretFinding{wantBare,
			{RuleID: "zq-token", StartLine: 2, EndLine: 2, Match: "id **********"}}}},
		{name: "disabled", configPath: "testdata/disable.yaml", inputFilePath: "testdata/off.txt", want: types.Secret{}},
		{name: "none", configPath: "testdata/config.yaml", inputFilePath: "testdata/none.txt", want: types.Secret{}},
	}
	_ = tests
}
`
	rows, err := tvTable([]byte(src), "TestSecretScanner")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"testdata/config.yaml":  "rules:\n  - id: rule1\n    regex: x\ndisable-allow-rules:\n  - tests\n",
		"testdata/disable.yaml": "disable-rules:\n  - zq-token\n",
		"testdata/acme.txt":     "s=\"abcd\"\nx ACME=Qm9Lk2Vb8xZz\n",
		"testdata/bare.txt":     "zqAb12Cd34\nid zqZZ99yy00\n",
		"testdata/off.txt":      "zqAb12Cd34\n",
		"testdata/none.txt":     "nothing here\n",
	}
	read := func(p string) []byte {
		if s, ok := files[p]; ok {
			return []byte(s)
		}
		return nil
	}
	cs, skipped, bad, noWant := tvCases(rows, read)
	if skipped != 1 || bad != 0 || noWant != 0 {
		t.Errorf("skipped %d, bad %d, noWant %d; want 1, 0, 0", skipped, bad, noWant)
	}
	type got struct {
		det  string
		pos  bool
		want []string
	}
	var g []got
	for _, c := range cs {
		g = append(g, got{c.Detector, c.Positive, c.Want})
	}
	want := []got{{"acme-key", true, []string{"Qm9Lk2Vb8xZz"}}, {"zq-token", true, []string{"zqAb12Cd34"}}, {"zq-token", true, []string{"zqZZ99yy00"}}, {"none", false, nil}}
	if len(g) != len(want) {
		t.Fatalf("cases %+v, want %+v", g, want)
	}
	for i := range want {
		if g[i].det != want[i].det || g[i].pos != want[i].pos || !slices.Equal(g[i].want, want[i].want) {
			t.Errorf("case %d: %+v, want %+v", i, g[i], want[i])
		}
	}
	if cs[3].Input != "nothing here\n" || cs[0].Input != files["testdata/acme.txt"] {
		t.Errorf("inputs: %q, %q", cs[3].Input, cs[0].Input)
	}
	// a mask prefers a placement whose runs do not cut into a word
	if w := tvUnmask("k: ab\nkey = zq12345678\n", "**********", 2); !slices.Equal(w, []string{"zq12345678"}) {
		t.Errorf("unmask: %q", w)
	}
}
