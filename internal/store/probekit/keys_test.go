package probekit

import (
	"strconv"
	"strings"
	"testing"
)

func TestPickKeys(t *testing.T) {
	var names []string
	for i := 0; i < 1000; i++ {
		names = append(names, "cache:page:"+strconv.Itoa(i))
	}
	names = append(names, "session:ab12cd", "user:7", "user:8", "chat:42:messages", "config:prod", "stats")
	got := PickKeys(names, 6)
	want := []string{"config:prod", "chat:42:messages", "session:ab12cd", "user:7", "cache:page:0", "stats"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("pickKeys = %q, want %q", got, want)
	}
	if got := PickKeys(names[:3], 10); len(got) != 3 {
		t.Fatalf("pickKeys of 3 = %q", got)
	}
	for in, want := range map[string]string{"user:42": "user:#", "session:a0f3": "session:#", "ratelimit:10.1.0.5": "ratelimit:#.#.#.#",
		"{tenant1}:cart": "{#}:cart", "plain": "plain"} {
		if got := Family(in); got != want {
			t.Errorf("family(%q) = %q, want %q", in, got, want)
		}
	}
}

// Names that say they hold a credential rank first, a credential's short name too when
// it is a segment of its own; inside a word it says nothing.
func TestNameScore(t *testing.T) {
	for name, want := range map[string]int{"/services/billing/db/pass": 3, "partner:acme:key": 3, "app.smtp.pw": 3, "prod/ledger/dsn": 3,
		"backup/.pgpass": 3, "deploy:token": 3, "chat:42": 2, "user:7": 1, "compass:north": 0, "monkey:3": 0, "keyboard:layout": 0,
		"bypass:rules": 0, "stats": 0} {
		if got := NameScore(name); got != want {
			t.Errorf("NameScore(%q) = %d, want %d", name, got, want)
		}
	}
}

func TestKeySample(t *testing.T) {
	s := KeySample(nil, "", "db0", []string{"a", "b", "c"}, []string{"a", "c"}, [][]string{{"1"}, {"x", "y", "z", "w"}}, 10)
	if strings.Join(s.Columns, ",") != KeyColumn+",a,c" || len(s.Rows) != 4 {
		t.Fatalf("%+v", s)
	}
	if strings.Join(s.Rows[0], ",") != "a,1,x" || strings.Join(s.Rows[3], ",") != ",,w" {
		t.Fatalf("rows %q", s.Rows)
	}
}
