package redis

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/store"
)

// FuzzReadReply: whatever a server sends, the reader returns a reply or a classified
// error, never panics, keeps within its caps, and never reads past its budget.
func FuzzReadReply(f *testing.F) {
	for _, s := range []string{
		"+PONG\r\n", "-NOAUTH Authentication required.\r\n", ":42\r\n", "$5\r\nhello\r\n", "$-1\r\n", "*-1\r\n",
		"*2\r\n$1\r\n0\r\n*2\r\n$3\r\nfoo\r\n$3\r\nbar\r\n", "$10000000000\r\n", "*99999999999\r\n",
		strings.Repeat("*1\r\n", 20) + ":1\r\n", "$3\r\nabcXY", "+OK\n", "%2\r\n", "$2\r\n\r\n\r\n",
	} {
		f.Add([]byte(s), uint16(4))
	}
	f.Fuzz(func(t *testing.T, in []byte, keep uint16) {
		lim := defaultLimits(int(keep), 4096)
		lim.maxElems = 64
		lim.maxLine = 256
		cr := &countingReader{r: bytes.NewReader(in)}
		rd := newRespReader(cr, lim)
		r, err := rd.read()
		if err != nil {
			if !errors.Is(err, store.ErrProtocol) && !errors.Is(err, store.ErrTooLarge) && !errors.Is(err, errEOF) {
				t.Fatalf("unclassified error %v", err)
			}
		} else {
			checkReply(t, r, lim, 0)
		}
		if rd.used > lim.budget+int64(lim.maxLine) {
			t.Fatalf("read %d bytes, budget %d", rd.used, lim.budget)
		}
	})
}

var errEOF = errors.New("EOF")

type countingReader struct {
	r *bytes.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	if err != nil {
		return n, errors.Join(err, errEOF)
	}
	return n, nil
}

func checkReply(t *testing.T, r reply, lim limits, depth int) {
	t.Helper()
	if depth > lim.maxDepth {
		t.Fatalf("depth %d", depth)
	}
	if len(r.str) > lim.keepBulk && r.kind == '$' {
		t.Fatalf("bulk of %d bytes kept, cap %d", len(r.str), lim.keepBulk)
	}
	if len(r.elems) > lim.maxElems {
		t.Fatalf("%d elements, cap %d", len(r.elems), lim.maxElems)
	}
	for _, e := range r.elems {
		checkReply(t, e, lim, depth+1)
	}
}

// FuzzParseInfo: any INFO text parses, with bounded fields and sane keyspace entries.
func FuzzParseInfo(f *testing.F) {
	f.Add("# Server\r\nredis_version:7.0.15\r\n# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\n")
	f.Add("db9:keys=-1\r\ndb:keys=2\r\n#\r\n:\r\n")
	f.Add("valkey_version:8.0.1\nserver_name:valkey\n")
	f.Fuzz(func(t *testing.T, s string) {
		in := parseInfo(s)
		if len(in.fields) > maxInfoFields || len(in.keyspace) > maxInfoFields {
			t.Fatalf("unbounded: %d fields, %d dbs", len(in.fields), len(in.keyspace))
		}
		for i, d := range in.keyspace {
			if d.index < 0 || d.keys < 0 || (i > 0 && in.keyspace[i-1].index > d.index) {
				t.Fatalf("bad keyspace %+v", in.keyspace)
			}
		}
		in.flavor()
	})
}

// FuzzRender: any reply shape renders to at most limit cells without panicking.
func FuzzRender(f *testing.F) {
	f.Add([]byte("*2\r\n$1\r\n0\r\n*2\r\n$1\r\na\r\n$1\r\nb\r\n"), "hash")
	f.Add([]byte("*1\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n"), "stream")
	f.Fuzz(func(t *testing.T, in []byte, kind string) {
		r, err := newRespReader(bytes.NewReader(in), defaultLimits(64, 4096)).read()
		if err != nil {
			return
		}
		if got := render(kind, r, 5, 1<<10); len(got) > 5 {
			t.Fatalf("%d cells", len(got))
		}
	})
}
