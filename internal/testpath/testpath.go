// Package testpath tells paths of test code, test data and runnable examples from the
// rest by the naming conventions of many ecosystems. It reads only the path, never the
// file: a finding's path is all a report holds.
package testpath

import "strings"

// Is says whether a path (a file, or an archive member written a.jar!dir/file) is test
// code, test data or example code. leakwatch still reports every finding there; it marks
// them (test_path in JSON and SARIF) so that a reader can count them apart, as the
// benchmark on real trees does.
// The rule reads the naming conventions of many ecosystems, not one tree's paths:
//
//   - a directory named for tests or their data: test/, tests/, testing/, testdata/,
//     test-data/, spec/ and specs/ (RSpec, Jasmine), __tests__/ and __mocks__/ (Jest),
//     fixtures/, mocks/, fakes/, stubs/, e2e/, integration/ and *-integration/, fuzz/
//     and fuzzing/ (fuzz targets and their corpora), any name that starts with test,
//     mock, fake or dummy (testutil/, testcerts/, mockserver/, dummyserver/) or with
//     e2e (e2eutil/, e2ex509/: end-to-end test helpers; not e2ee, end-to-end
//     encryption), or that holds one of those words between separators or as a
//     camel-case part (integration-tests/, unit_test/, FakeServer/);
//   - a directory of examples, samples, demos or tutorials (examples/, _example/,
//     samples/, samplecerts/, demo/, tutorial/), which readers run as they are;
//   - a file named for tests: Go's *_test.go, pytest's test_*.py and conftest.py,
//     JavaScript's *.test.js and *.spec.ts, RSpec's *_spec.rb, JUnit's FooTest.java
//     and TestFoo.java, Gradle's unitTests.gradle, a test.yml workflow, a stem that
//     starts with test, mock, fake or dummy (testnode.key, mockresponses.go), or a
//     word of its stem that says test data (keys_test_data.go, gcs-fake-account.json).
//
// A file named example or sample (config.example.yml, .env.sample) is NOT a test
// path: such files are where a real secret gets pasted by mistake, so they count.
// Archive members (a.jar!certs/x.key) are read like directories and files.
func Is(p string) bool {
	parts := strings.FieldsFunc(p, func(r rune) bool { return r == '/' || r == '!' })
	if len(parts) == 0 {
		return false
	}
	for _, d := range parts[:len(parts)-1] {
		if testDir(d) {
			return true
		}
	}
	return testFile(parts[len(parts)-1])
}

// testWords are the words that mark a directory or a file as test code or test data
// when they stand as a word of its name; testPrefixes mark it when the name starts
// with them, glued or not (testutil, mockserver, fakes, dummyserver).
var (
	testWords = map[string]bool{
		"test": true, "tests": true, "testing": true, "testdata": true, "spec": true, "specs": true,
		"fixture": true, "fixtures": true, "mock": true, "mocks": true, "fake": true, "fakes": true,
		"stub": true, "stubs": true, "dummy": true, "e2e": true, "conftest": true, "fuzz": true, "fuzzing": true,
	}
	testPrefixes = []string{"test", "mock", "fake", "dummy"}
	// Directories of material meant to be read and run as it is.
	exampleDirs = map[string]bool{
		"example": true, "examples": true, "sample": true, "samples": true, "samplecerts": true,
		"demo": true, "demos": true, "tutorial": true, "tutorials": true, "integration": true,
	}
)

func testDir(d string) bool {
	name := strings.ToLower(strings.Trim(d, "_."))
	if exampleDirs[name] || strings.HasSuffix(name, "-integration") {
		return true
	}
	return testName(d)
}

func testFile(f string) bool {
	stem := f
	if i := strings.LastIndexByte(stem, '.'); i > 0 {
		stem = stem[:i] // the extension is no word of the name (an RPM's foo.spec)
	}
	return testName(stem)
}

// testName reads a directory's name or a file's stem: a test prefix, or a test word
// among its words (split at punctuation and at camel-case humps).
func testName(n string) bool {
	low := strings.ToLower(strings.TrimLeft(n, "_."))
	for _, p := range testPrefixes {
		if strings.HasPrefix(low, p) {
			return true
		}
	}
	if strings.HasPrefix(low, "e2e") && !strings.HasPrefix(low, "e2ee") {
		return true // e2eutil, e2ex509, e2etests; e2ee is end-to-end encryption
	}
	for _, w := range nameWords(n) {
		if testWords[strings.ToLower(w)] {
			return true
		}
	}
	return false
}

// nameWords splits a name at every byte that is not a letter or digit and before an
// upper-case letter that follows a lower-case one (unitTests → unit, Tests).
func nameWords(n string) []string {
	var words []string
	start := -1
	for i := 0; i <= len(n); i++ {
		var c byte
		if i < len(n) {
			c = n[i]
		}
		alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		hump := alnum && c >= 'A' && c <= 'Z' && i > 0 && n[i-1] >= 'a' && n[i-1] <= 'z'
		if start >= 0 && (!alnum || hump) {
			words = append(words, n[start:i])
			start = -1
		}
		if alnum && start < 0 {
			start = i
		}
	}
	return words
}
