package detect

import (
	"bytes"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// scanAlloc is how many bytes the first scan of data by a new engine allocates: its
// scanner's buffers grow from nothing (a used engine's pool keeps those of earlier
// scans, or not, as the garbage collector has it).
func scanAlloc(t *testing.T, data []byte) uint64 {
	e, err := New(allRules())
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	e.Scan(data, func(Match) {})
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// A text that is one anchor over and over has a hit at every byte: the pass gathers
// them a block at a time, so the scan's memory does not grow eight bytes (or more) a
// byte of text. Before, 32 MiB of "a" (an anchor is eight of them) took 1 GB and 20 s.
func TestScanMemoryOnRepeatedAnchor(t *testing.T) {
	if testing.Short() {
		t.Skip("8 MiB scans")
	}
	for _, unit := range []string{"a", "Aa"} {
		small := bytes.Repeat([]byte(unit), (2<<20)/len(unit))
		large := bytes.Repeat([]byte(unit), (8<<20)/len(unit))
		as, al := scanAlloc(t, small), scanAlloc(t, large)
		if al > 2*as {
			t.Errorf("%q repeated: the scan allocated %d MiB for 2 MiB, %d MiB for 8 MiB", unit, as>>20, al>>20)
		}
	}
}

// assignmentLines is about n bytes of .env-style lines, a deferred generic candidate
// each: tokens of mixed case and digits under "_token" keys, and plain words under
// "_secret" keys that no value shape takes.
func assignmentLines(n int) []byte {
	var b bytes.Buffer
	x := uint32(2463534242)
	const alpha = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
	for i := 0; b.Len() < n; i++ {
		if i%2 == 0 {
			fmt.Fprintf(&b, "svc%d_token=", i)
			for range 28 {
				x ^= x << 13
				x ^= x >> 17
				x ^= x << 5
				b.WriteByte(alpha[x%uint32(len(alpha))])
			}
			b.WriteByte('\n')
		} else {
			fmt.Fprintf(&b, "unit%d_secret=lantern\n", i)
		}
	}
	return b.Bytes()
}

// A file of assignments defers a generic candidate a line. What the scan keeps after
// it is done (the engine's pool holds its scanner) is not a hundred bytes a line: the
// candidates' arrays are let go once settled, and a value whose shape the rule rejects
// is kept as its span only. Before, 4 MiB of such lines left 20 MiB behind.
func TestScanRetainsNoDeferredCandidates(t *testing.T) {
	data := assignmentLines(4 << 20)
	e, err := New(allRules())
	if err != nil {
		t.Fatal(err)
	}
	sc := e.pool.Get().(*scanner)
	sc.reset(data)
	sc.pass()
	lines := bytes.Count(data, []byte("\n"))
	if len(sc.pending) > lines*3/4 {
		t.Errorf("%d candidates deferred for %d lines, half of them with a value no rule's shape takes", len(sc.pending), lines)
	}
	// and each keeps its assignment packed: a copy of the whole assignment held 104
	// bytes (a 16 MiB .env of 440k lines deferred 51 MB of them, 519 MB at its peak),
	// packed 56, and 32 with its own name (seldom set) kept apart
	if n := unsafe.Sizeof(pendingKV{}); n > 32 {
		t.Errorf("a deferred candidate holds %d bytes", n)
	}
	sc.data = nil
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	e.Scan(data, func(Match) {})
	runtime.GC()
	runtime.ReadMemStats(&after)
	if kept := int64(after.HeapAlloc) - int64(before.HeapAlloc); kept > int64(len(data)) {
		t.Errorf("after a scan of %d MiB of assignments %d MiB stays allocated", len(data)>>20, kept>>20)
	}
}

// A file of distinct names (a .env, each line its own key) kept what each name says
// (pathInfo: its words, context words and candidate rules, 200 bytes and more) for the
// whole scan: a 16 MiB .env of 440k lines held 100 MB of them. Now a bounded number are
// cached and the fields hold their paths only.
func TestFieldsKeepNoPathInfoEach(t *testing.T) {
	data := assignmentLines(4 << 20)
	spans := Structure("env", data)
	if len(spans) < bytes.Count(data, []byte("\n"))*9/10 {
		t.Fatalf("%d spans: the test measures nothing", len(spans))
	}
	e, err := New(allRules())
	if err != nil {
		t.Fatal(err)
	}
	sc := e.pool.Get().(*scanner)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	sc.reset(data)
	sc.setFields(spans, false)
	sc.evalFields()
	runtime.GC()
	runtime.ReadMemStats(&after)
	kept := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	each := kept / int64(len(sc.fields))
	t.Logf("%d fields keep %d bytes each", len(sc.fields), each)
	if each > 128 {
		t.Errorf("%d fields of distinct names keep %d MiB, %d bytes each", len(sc.fields), kept>>20, each)
	}
	runtime.KeepAlive(spans)
	sc.data, sc.fields = nil, nil
}

// scanFieldsUntilResolve runs scanSpans's steps on data read as a .env up to the
// settling of the matches, and returns the scanner (still the pool's to take back).
func scanFieldsUntilResolve(t *testing.T, e *Engine, data []byte, resolve func(sc *scanner)) *scanner {
	spans := structure("env", data, true)
	if len(spans) < bytes.Count(data, []byte("\n"))*9/10 {
		t.Fatalf("%d spans: the test measures nothing", len(spans))
	}
	sc := e.pool.Get().(*scanner)
	sc.reset(data)
	sc.setFields(spans, false)
	sc.pass()
	sc.evalFields()
	sc.unnamedFields()
	sc.base64Fields()
	resolve(sc)
	return sc
}

// A .env's values are found twice: by their fields and by the candidates the text's
// keys defer. The deferred ones that repeat a field's match (same span, a rule of no
// higher priority) are not kept until the settling: they cannot win it, and a 16 MiB
// .env held 237k of them (56 bytes and a copy of the value each) at its peak.
func TestResolveKeepsNoRepeats(t *testing.T) {
	data := assignmentLines(1 << 20)
	e, err := New(allRules())
	if err != nil {
		t.Fatal(err)
	}
	var pending, before, room int
	sc := scanFieldsUntilResolve(t, e, data, func(sc *scanner) {
		pending, before, room = len(sc.pending), len(sc.ms), cap(sc.ms)
		sc.resolve()
	})
	if pending < before/2 || before == 0 {
		t.Fatalf("%d deferred candidates, %d matches of fields: the test measures nothing", pending, before)
	}
	if len(sc.ms) != before {
		t.Errorf("%d matches of fields, %d after resolve: every deferred candidate repeats one", before, len(sc.ms))
	}
	if cap(sc.ms) != room {
		t.Errorf("the matches' array grew from %d to %d in resolve: the repeats were kept", room, cap(sc.ms))
	}
	sc.data, sc.fields = nil, nil
	sc.dropMatches()
}

// What the pass finds in the outermost text shares the text's bytes until it is handed
// out, and is a copy from then on: the caller may reuse its buffer.
func TestValuesShareTextUntilHandedOut(t *testing.T) {
	data := assignmentLines(64 << 10)
	e, err := New(allRules())
	if err != nil {
		t.Fatal(err)
	}
	sc := scanFieldsUntilResolve(t, e, data, func(sc *scanner) { sc.resolve() })
	shared := 0
	for _, m := range sc.ms {
		if within(data, unsafe.Slice(unsafe.StringData(m.value), len(m.value))) {
			shared++
		}
	}
	if len(sc.ms) == 0 || shared < len(sc.ms)*9/10 {
		t.Errorf("%d of %d values share the text", shared, len(sc.ms))
	}
	sc.data, sc.fields = nil, nil
	sc.dropMatches()
	e.pool.Put(sc)

	text := bytes.Clone(data)
	var got []Match
	ScanDocument(e, "env", text, func(l LineMatch) { got = append(got, Match{Rule: l.Rule, Value: l.Value}) })
	var want []string
	for _, m := range got {
		want = append(want, m.Value)
	}
	clear(text)
	for i, m := range got {
		if m.Value != want[i] || strings.IndexByte(m.Value, 0) >= 0 {
			t.Fatalf("match %d's value changed with the text: %q", i, m.Value)
		}
	}
	if len(got) < bytes.Count(data, []byte("\n"))/3 {
		t.Errorf("%d matches", len(got))
	}
	// the pool's scanners (the scan's and its decoded views') keep nothing that shares
	// the text
	shares := func(s string) bool { return within(text, unsafe.Slice(unsafe.StringData(s), len(s))) }
	for range 4 {
		sc = e.pool.Get().(*scanner)
		for _, m := range sc.ms[:cap(sc.ms)] {
			if shares(m.value) {
				t.Fatalf("the pool's scanner keeps a match that shares the text: %+v", m)
			}
		}
		for _, f := range sc.fields[:cap(sc.fields)] {
			if shares(f.path) {
				t.Fatalf("the pool's scanner keeps a field's path that shares the text: %q", f.path)
			}
		}
	}
}

// A field holds 32 bytes: a 16 MiB .env has 475k of them.
func TestFieldSpanIsPacked(t *testing.T) {
	if n := unsafe.Sizeof(fieldSpan{}); n > 32 {
		t.Errorf("a field holds %d bytes", n)
	}
}

// The fields of a JSON array of objects hold one copy of each path, not one a value.
func TestFieldsShareEqualPaths(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(`{"items":[`)
	for i := range 3000 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":%d,"owner":"team%d","tags":["a","b"]}`, i, i%7)
	}
	b.WriteString("]}")
	data := b.Bytes()
	spans := Structure("json", data)
	e, err := New(allRules())
	if err != nil {
		t.Fatal(err)
	}
	sc := e.pool.Get().(*scanner)
	sc.reset(data)
	sc.setFields(spans, false)
	paths, copies := map[string]bool{}, map[*byte]bool{}
	for _, f := range sc.fields {
		paths[f.path] = true
		copies[unsafe.StringData(f.path)] = true
	}
	if len(sc.fields) < 9000 || len(copies) > len(paths) {
		t.Errorf("%d fields, %d paths, %d copies of them", len(sc.fields), len(paths), len(copies))
	}
	sc.data, sc.fields = nil, nil
}

// structure shares an INI file's keys with the text only when asked; Structure copies.
func TestStructureSharesKeysWhenAsked(t *testing.T) {
	data := []byte("[db]\nuser = app\nAPI_TOKEN=\"x1\"\nexport HOST=h\n")
	for _, share := range []bool{false, true} {
		text := bytes.Clone(data)
		spans := structure("env", text, share)
		var paths []string
		for _, s := range spans {
			paths = append(paths, s.Path)
		}
		want := []string{"db.user", "db.API_TOKEN", "db.HOST"}
		if !slices.Equal(paths, want) {
			t.Fatalf("share %v: %q", share, paths)
		}
		top := structure("env", text[5:], share) // no section: the keys as they are
		if len(top) != 3 || top[1].Path != "API_TOKEN" {
			t.Fatalf("share %v: %+v", share, top)
		}
		in := within(text, unsafe.Slice(unsafe.StringData(top[1].Path), len(top[1].Path)))
		if in != share {
			t.Errorf("share %v: the key shares the text: %v", share, in)
		}
	}
}

func TestWithin(t *testing.T) {
	buf := make([]byte, 64)
	data := buf[8:24]
	for _, c := range []struct {
		b    []byte
		want bool
	}{{data, true}, {data[3:9], true}, {data[16:], false}, {buf[4:12], false}, {buf[20:30], false},
		{buf[8:40], false}, {buf[24:26], false}, {make([]byte, 4), false}, {nil, false}} {
		if got := within(data, c.b); got != c.want {
			t.Errorf("within(data, buf[%d:%d]) = %v", cap(buf)-cap(c.b), cap(buf)-cap(c.b)+len(c.b), got)
		}
	}
}
