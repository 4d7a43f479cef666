package finding

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPatternOf(t *testing.T) {
	cases := map[string]string{
		"user:24":                       "user:{n}",
		"user:3116":                     "user:{n}",
		"chat:history:17":               "chat:history:{n}",
		"session:9f86d081884c7d65":      "session:{id}",
		"sess:a9ef6f61512af89b8a76f74b": "sess:{id}",
		"config:app":                    "config:app",
		"ratelimit:10.1.0.5":            "ratelimit:{id}",
		"/app/users/19":                 "/app/users/{n}",
		"/locks/job-7":                  "/locks/job-{n}",
		"/registry/secrets/default/db-credentials":   "/registry/secrets/default/db-credentials",
		"backup/2025-01-06.sql":                      "backup/{id}.sql",
		"user:alice@example.com":                     "user:{email}",
		"order:550e8400-e29b-41d4-a716-446655440000": "order:{id}",
		"":      "",
		"42":    "{n}",
		"a:b:c": "a:b:c",
	}
	for in, want := range cases {
		if got := PatternOf(in); got != want {
			t.Errorf("PatternOf(%q) = %q, want %q", in, got, want)
		}
	}
	// Keys of one family share a pattern; different families do not.
	if PatternOf("user:1") != PatternOf("user:999999") || PatternOf("user:1") == PatternOf("session:1a") {
		t.Error("families not told apart")
	}
}

func TestPatternOfBounded(t *testing.T) {
	long := strings.Repeat("ключ/", 100)
	p := PatternOf(long)
	if n := utf8.RuneCountInString(p); n > maxPatternLen {
		t.Errorf("pattern of %d runes", n)
	}
	if !utf8.ValidString(PatternOf("a\xff:1")) && utf8.ValidString("a\xff:1") {
		t.Error("pattern made invalid UTF-8 of valid input")
	}
}

func FuzzPatternOf(f *testing.F) {
	for _, s := range []string{"user:24", "/app/users/19", "session:9f86d081", "a.b-c_d", "x@y:1", "{tag}:1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := PatternOf(s)
		if utf8.RuneCountInString(p) > maxPatternLen {
			t.Fatalf("pattern too long: %d runes", utf8.RuneCountInString(p))
		}
		if PatternOf(p) != PatternOf(PatternOf(p)) {
			t.Fatalf("not stable: %q", p)
		}
		if utf8.ValidString(s) && !utf8.ValidString(p) {
			t.Fatalf("invalid UTF-8 from valid %q: %q", s, p)
		}
	})
}
