package probekit

import (
	"bytes"
	"encoding/json"
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

func TestDecodeObject(t *testing.T) {
	body := []byte(` {"_shards": {"a": [1, "}"]}, "ix\u0022\\": null, "indices" : {"b\"}": {"n": 2}, "a": {"n": 1},
		"c": {"s": "{[\"]"}, "d": 4}} `)
	type v struct{ N int }
	kept, total, err := DecodeObject[v](body, []string{"indices"}, 2)
	if err != nil || total != 4 || len(kept) != 2 || kept[0].Key != `b"}` || kept[0].Value.N != 2 || kept[1].Key != "a" {
		t.Fatalf("%+v %d %v", kept, total, err)
	}
	if kept, total, err := DecodeObject[v](body, []string{"missing"}, 10); err != nil || total != 0 || kept != nil {
		t.Fatalf("missing: %+v %d %v", kept, total, err)
	}
	if _, total, err := DecodeObject[json.RawMessage](body, []string{"ix\"\\"}, 10); err != nil || total != 0 {
		t.Fatalf("null: %d %v", total, err)
	}
	if _, _, err := DecodeObject[v](body, []string{"indices"}, 10); err == nil {
		t.Fatal(`"d": 4 decoded into a struct`)
	}
	for _, bad := range []string{`[1]`, `{"a":`, `{"a" 1}`, `{"a":1,}`, `{"a":{}`, `{"a":"x}`} {
		if _, _, err := DecodeObject[json.RawMessage]([]byte(bad), nil, 10); !errors.Is(err, store.ErrProtocol) {
			t.Errorf("%s: %v", bad, err)
		}
	}
}

// FuzzDecodeObject: on any object json.Unmarshal reads as a map, DecodeObject finds the
// same members, the last of a repeated name winning as in the map.
func FuzzDecodeObject(f *testing.F) {
	f.Add([]byte(`{"a":1,"b":{"c":[1,2,{"d":"}"}]},"a":"x\"y"}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(` { "\u00e9" : true , "e" : null } `))
	f.Fuzz(func(t *testing.T, b []byte) {
		var m map[string]json.RawMessage
		if json.Unmarshal(b, &m) != nil || m == nil {
			_, _, _ = DecodeObject[json.RawMessage](b, []string{"a"}, 3)
			return
		}
		kept, total, err := DecodeObject[json.RawMessage](b, nil, 1<<30)
		if err != nil || total != len(kept) {
			t.Fatalf("%v, %d of %d", err, len(kept), total)
		}
		got := map[string]json.RawMessage{}
		for _, k := range kept {
			got[k.Key] = k.Value
		}
		if len(got) != len(m) {
			t.Fatalf("%d members, want %d", len(got), len(m))
		}
		for k, v := range m {
			if !bytes.Equal(bytes.TrimSpace(got[k]), bytes.TrimSpace(v)) {
				t.Fatalf("%q: %s, want %s", k, got[k], v)
			}
		}
	})
}

// FuzzDecodeListCounted: on any array json.Unmarshal reads, DecodeListCounted keeps the
// same first elements and counts them all.
func FuzzDecodeListCounted(f *testing.F) {
	f.Add([]byte(`[1, "]", {"a":[2,"\\"]}, null ,[]]`), 2)
	f.Add([]byte(`[]`), 1)
	f.Add([]byte(` null `), 0)
	f.Fuzz(func(t *testing.T, b []byte, max int) {
		max = max & 0xff
		var all []json.RawMessage
		if json.Unmarshal(b, &all) != nil {
			_, _, _ = DecodeListCounted[json.RawMessage](b, max)
			return
		}
		kept, total, err := DecodeListCounted[json.RawMessage](b, max)
		if err != nil || total != len(all) || len(kept) != min(max, len(all)) {
			t.Fatalf("%v: kept %d of %d, want %d of %d", err, len(kept), total, min(max, len(all)), len(all))
		}
		for i := range kept {
			if !bytes.Equal(bytes.TrimSpace(kept[i]), bytes.TrimSpace(all[i])) {
				t.Fatalf("element %d: %s, want %s", i, kept[i], all[i])
			}
		}
	})
}
