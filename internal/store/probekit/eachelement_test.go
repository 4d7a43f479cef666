package probekit

import (
	"errors"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/store"
)

// TestEachElement: every element as it stands, in order, stopping when told; null and
// [] are empty; what is not a list, or is cut, is a protocol error.
func TestEachElement(t *testing.T) {
	var got []string
	err := EachElement([]byte(` [ {"a":[1,2]} , "x,y" ,3,null,[] ] `), func(e []byte) bool { got = append(got, string(e)); return true })
	if err != nil || strings.Join(got, "|") != `{"a":[1,2]}|"x,y"|3|null|[]` {
		t.Errorf("%q %v", got, err)
	}
	n := 0
	if err := EachElement([]byte(`[1,2,3]`), func([]byte) bool { n++; return n < 2 }); err != nil || n != 2 {
		t.Errorf("stop: %d %v", n, err)
	}
	for _, empty := range []string{"null", "[]", " [ ] "} {
		if err := EachElement([]byte(empty), func([]byte) bool { t.Errorf("%s: an element", empty); return true }); err != nil {
			t.Errorf("%s: %v", empty, err)
		}
	}
	for _, bad := range []string{"", "{}", `[1,2`, `[1 2]`, `["x]`} {
		if err := EachElement([]byte(bad), func([]byte) bool { return true }); !errors.Is(err, store.ErrProtocol) {
			t.Errorf("%q: %v", bad, err)
		}
	}
}
