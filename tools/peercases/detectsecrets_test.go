package main

import (
	"os/exec"
	"strings"
	"testing"
)

// dsFixture is a plugin test file in detect-secrets' style, written for this test.
const dsFixture = `import pytest

TOKEN = 'zq_7Kd2Lm9Qx4'
BASE = 'acme_key = "{tok}"'


class TestAcmeDetector:

    @pytest.mark.parametrize(
        'payload, should_flag',
        [
            (BASE.format(tok=TOKEN), True),
            ('acme_key = "short"', False),
            (UNKNOWN_NAME, True),
        ],
    )
    def test_analyze(self, payload, should_flag):
        logic = AcmeDetector()
        output = logic.analyze_line(filename='mock_filename', line=payload)
        assert len(output) == int(should_flag)
        if should_flag:
            assert list(output)[0].secret_value == TOKEN

    @pytest.mark.parametrize(
        'content, expected_output',
        [('acme_host = x', ['x'])],
    )
    def test_find_host(self, content, expected_output):
        assert find_host(content) == expected_output


GO_CASES = [
    ('pass := "Vb8' + 'x2Qm"', 'Vb8x2Qm'),
    ('pass := os.Getenv("P")', None),
    ('fake_pass := "nothing"', None),
]
C_CASES = [
    ('char pw[] = "Rt5kW";', 'Rt5kW'),
]


def expand(pairs):
    for ext, cases in pairs:
        for item in cases:
            line, want = item
            yield ext, line, want


@pytest.mark.parametrize(
    'file_extension, line, expected_secret',
    expand([('go', GO_CASES), ('c', C_CASES), ('h', C_CASES)]),
)
def test_words(file_extension, line, expected_secret):
    secrets = list(WordDetector(keyword_exclude='.*fake.*').analyze_line(filename='f.' + file_extension, line=line))
    if expected_secret:
        assert secrets[0].secret_value == expected_secret
    else:
        assert not secrets


@pytest.mark.parametrize('line', ['xoxq-1234-abcd'])
def test_bare(line):
    assert AcmeDetector().analyze_line(filename='f', line=line)
`

func needPython(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 not installed (scripts/install-deps.sh installs it)")
	}
}

// TestDsParse: rows are evaluated from literals, names, + and .format; labels come from
// the boolean, the expected secret or the body's assertion; the expected value from an
// assertion; rows a helper expands keep their list's name and extension; functions that
// run no detector over a line are not read; an unevaluable row is counted, not guessed.
func TestDsParse(t *testing.T) {
	needPython(t)
	rows, skipped, err := dsParse([]byte(dsFixture))
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ input, ext, group, want string }
	pos, neg := map[row]bool{}, map[row]bool{}
	for _, r := range rows {
		k := row{r.Input, r.Ext, r.Group, r.Want}
		if r.Positive {
			pos[k] = true
		} else {
			neg[k] = true
		}
	}
	for _, want := range []row{
		{`acme_key = "zq_7Kd2Lm9Qx4"`, "", "", "zq_7Kd2Lm9Qx4"},
		{`pass := "Vb8x2Qm"`, "go", "GO_CASES", "Vb8x2Qm"},
		{`char pw[] = "Rt5kW";`, "c", "C_CASES", "Rt5kW"},
		{`char pw[] = "Rt5kW";`, "h", "C_CASES", "Rt5kW"},
		{`xoxq-1234-abcd`, "", "", ""},
	} {
		if !pos[want] {
			t.Errorf("positive %+v not read; positives %v", want, pos)
		}
	}
	for _, want := range []row{
		{`acme_key = "short"`, "", "", ""},
		{`pass := os.Getenv("P")`, "go", "GO_CASES", ""},
		{`fake_pass := "nothing"`, "go", "GO_CASES", ""},
	} {
		if !neg[want] {
			t.Errorf("negative %+v not read; negatives %v", want, neg)
		}
	}
	if len(rows) != 8 {
		t.Errorf("%d rows, want 8 (find_host's rows are not a detector's)", len(rows))
	}
	if len(skipped) != 1 {
		t.Errorf("%d rows skipped, want 1 (the unknown name)", len(skipped))
	}
}

// TestDsCases: the two halves split the providers (a keyword list is a provider of its
// own) without overlap or loss, the negative the test's keyword_exclude setting decides
// is left out and counted, and extensions reach the cases.
func TestDsCases(t *testing.T) {
	needPython(t)
	files := map[string][]byte{"tests/plugins/acme_test.py": []byte(dsFixture), "tests/plugins/ip_public_test.py": []byte(dsFixture)}
	total, settings := 0, 0
	providers := map[string]string{}
	for _, half := range []string{"A", "B"} {
		cs, _, setting, err := dsCases(files, half)
		if err != nil {
			t.Fatal(err)
		}
		total += len(cs)
		settings += setting
		for _, c := range cs {
			if h, ok := providers[c.Detector]; ok && h != half {
				t.Errorf("provider %s in both halves", c.Detector)
			}
			providers[c.Detector] = half
			if npHalf("detect-secrets."+c.Detector) != half {
				t.Errorf("provider %s in half %s, its hash says otherwise", c.Detector, half)
			}
			if strings.Contains(c.Input, "fake_pass") {
				t.Errorf("the keyword_exclude negative was kept: %+v", c)
			}
			if c.Detector == "acme/GO_CASES" && c.Ext != "go" {
				t.Errorf("extension lost: %+v", c)
			}
		}
	}
	if total != 7 || settings != 1 {
		t.Errorf("%d cases and %d left out for a setting, want 7 and 1 (ip_public is not read)", total, settings)
	}
	for _, p := range []string{"acme", "acme/GO_CASES", "acme/C_CASES"} {
		if _, ok := providers[p]; !ok {
			t.Errorf("provider %s missing: %v", p, providers)
		}
	}
}

// TestCaseFile: a case is written under its extension and read back to its index.
func TestCaseFile(t *testing.T) {
	for _, c := range []struct {
		ext, name string
	}{{"", "00042.txt"}, {"go", "00042.go"}, {"../x", "00042.txt"}} {
		f := caseFile(42, testCase{Ext: c.ext})
		if f != c.name || caseIndex("/tmp/set3/"+f) != 42 {
			t.Errorf("ext %q: file %q (index %d), want %q", c.ext, f, caseIndex(f), c.name)
		}
	}
}
