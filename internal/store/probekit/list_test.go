package probekit

import (
	"errors"
	"testing"

	"github.com/leakwatch/leakwatch/internal/store"
)

func TestDecodeList(t *testing.T) {
	type item struct {
		ID string `json:"Id"`
	}
	for _, c := range []struct {
		body string
		max  int
		ids  int
		more bool
		bad  bool
	}{
		{body: `[]`, max: 2},
		{body: `null`, max: 2},
		{body: `[{"Id":"a"},{"Id":"b"}]`, max: 2, ids: 2},
		{body: `[{"Id":"a"},{"Id":"b"},{"Id":"c"}]`, max: 2, ids: 2, more: true},
		// What follows the kept elements is not read: a flood's tail costs nothing.
		{body: `[{"Id":"a"},{"Id":"b"},{"Id":"c"}, garbage`, max: 2, ids: 2, more: true},
		{body: `{"Id":"a"}`, max: 2, bad: true},
		{body: `[{"Id":"a"},{"Id":`, max: 2, ids: 1, bad: true},
		{body: `[{"Id":"a"}`, max: 2, ids: 1, bad: true},
		{body: ``, max: 2, bad: true},
	} {
		got, more, err := DecodeList[item]([]byte(c.body), c.max)
		if len(got) != c.ids || more != c.more || (err != nil) != c.bad || (err != nil && !errors.Is(err, store.ErrProtocol)) {
			t.Errorf("%q: %d kept, more %v, err %v; want %d, %v, error %v", c.body, len(got), more, err, c.ids, c.more, c.bad)
		}
	}
}

func FuzzDecodeList(f *testing.F) {
	for _, s := range []string{`[]`, `null`, `[{"Id":"a"},{}]`, `[1,2,3]`, `[{"Id":[1,{"x":null}]}]`, `{`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got, _, _ := DecodeList[map[string]any](b, 3)
		if len(got) > 3 {
			t.Fatalf("%d kept of at most 3", len(got))
		}
	})
}
