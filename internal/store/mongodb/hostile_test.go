package mongodb

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

func TestHostileRaw(t *testing.T) { probetest.CheckRawCases(t, New(), 6*time.Second) }

// header writes a wire header for a reply of n body bytes.
func header(n int, op int32) []byte {
	var b []byte
	b = binary.LittleEndian.AppendUint32(b, uint32(16+n))
	b = binary.LittleEndian.AppendUint32(b, 1)
	b = binary.LittleEndian.AppendUint32(b, 1) // responseTo our first request
	return binary.LittleEndian.AppendUint32(b, uint32(op))
}

func drainRequest(c net.Conn) {
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	var h [16]byte
	if _, err := io.ReadFull(c, h[:]); err != nil {
		return
	}
	n := binary.LittleEndian.Uint32(h[:])
	if n > 16 && n < 1<<20 {
		io.CopyN(io.Discard, c, int64(n-16))
	}
}

func opReplyWith(doc []byte) []byte {
	body := make([]byte, 20)
	binary.LittleEndian.PutUint32(body[16:], 1)
	body = append(body, doc...)
	return append(header(len(body), opReply), body...)
}

func TestHostileMongo(t *testing.T) {
	okDoc, _ := bson.Marshal(bson.D{{Key: "ok", Value: 1.0}})
	for _, tc := range []struct {
		name   string
		handle func(c net.Conn)
		want   error
	}{
		{"huge length", func(c net.Conn) { drainRequest(c); c.Write(header(1<<30, opReply)) }, store.ErrNoMatch},
		{"negative length", func(c net.Conn) { drainRequest(c); c.Write(header(-100, opReply)) }, store.ErrNoMatch},
		{"unknown opcode", func(c net.Conn) { drainRequest(c); c.Write(header(4, 2001)); c.Write([]byte{1, 2, 3, 4}) }, store.ErrNoMatch},
		{"compressed reply", func(c net.Conn) { drainRequest(c); c.Write(header(9, opCompressed)); c.Write(make([]byte, 9)) }, store.ErrNoMatch},
		{"truncated body", func(c net.Conn) { drainRequest(c); c.Write(header(100, opReply)); c.Write(make([]byte, 10)) }, nil},
		{"bad bson", func(c net.Conn) {
			drainRequest(c)
			c.Write(opReplyWith([]byte{0xff, 0, 0, 0, 3, 'a', 0, 0xff, 0xff, 0xff, 0x7f}))
		}, store.ErrNoMatch},
		{"reply without hello fields", func(c net.Conn) { drainRequest(c); c.Write(opReplyWith(okDoc)) }, store.ErrNoMatch},
		{"stalls after header", func(c net.Conn) { drainRequest(c); c.Write(header(200, opReply)); io.Copy(io.Discard, c) }, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			probetest.CheckHostile(t, New(), probetest.Raw(t, func(_ int, c net.Conn) { tc.handle(c) }), tc.want, 6*time.Second)
		})
	}
}

// A real-looking server that sends an oversized find reply: the prober keeps the
// inventory, records the error and never reads past MaxResponseBytes.
func TestHugeFindReply(t *testing.T) {
	f := &fakeMongo{version: "7.0.14", maxWire: 21, dbs: seededDBs()}
	big := bytes.Repeat([]byte("x"), 2<<20)
	f.dbs["shop"]["blobs"] = []bson.D{{{Key: "_id", Value: 1}, {Key: "blob", Value: string(big)}}}
	res, err := run(t, f.serve(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	d := dataset(t, res.Service, "shop", "blobs")
	if d.Rows != 1 || d.Sampled != 0 || !strings.Contains(d.Error, store.ErrTooLarge.Error()) {
		t.Fatalf("%+v", d)
	}
	// The connection stays in step: the collections after it are still read.
	if u := dataset(t, res.Service, "shop", "users"); u.Sampled != 5 || u.TimeRange == nil {
		t.Fatalf("after the oversized reply: %+v", u)
	}
}

// nestedDoc is a BSON document n levels deep ({"a": {"a": … {}}}), 8 bytes a level, built
// without recursion.
func nestedDoc(n int) bson.Raw {
	out := make([]byte, 0, 8*n+5)
	for i := range n {
		out = binary.LittleEndian.AppendUint32(out, uint32(8*(n-i)+5))
		out = append(out, 3, 'a', 0) // embedded document "a"
	}
	out = append(out, 5, 0, 0, 0, 0)
	return append(out, make([]byte, n)...)
}

// A sampled document nested 900,000 levels deep (7 MiB, inside MaxResponseBytes) used to
// be rendered by the driver's recursive String: a goroutine stack overflow, fatal to the
// whole process and every other target's results. Now the cell says it is too deep, and
// the collections after it are still read.
func TestHostileDeeplyNestedDocument(t *testing.T) {
	f := &fakeMongo{version: "7.0.14", maxWire: 21, dbs: seededDBs()}
	f.dbs["shop"]["deep"] = []bson.D{{{Key: "_id", Value: 1}, {Key: "deep", Value: nestedDoc(900_000)}}}
	f.dbs["shop"]["shallow"] = []bson.D{{{Key: "_id", Value: 2}, {Key: "doc", Value: nestedDoc(50)}}}
	// The timeouts are generous: the inventory of 7 MiB under -race on a loaded machine
	// took over 5 s once, and the property checked here is the depth guard, not speed.
	res, err := run(t, f.serve(t), func(o *store.Options) {
		o.MaxResponseBytes = store.DefaultOptions().MaxResponseBytes
		o.IOTimeout = 20 * time.Second
		o.InventoryTimeout = 30 * time.Second
	})
	if err != nil {
		t.Fatal(err)
	}
	d := dataset(t, res.Service, "shop", "deep")
	if d.Sampled != 1 {
		t.Fatalf("deep: %+v", d)
	}
	row := strings.Join(sampleRow(t, res, "shop", "deep"), "|")
	if !strings.Contains(row, "nested deeper than 100 levels") {
		t.Fatalf("deep cell: %.200q", row)
	}
	// A document within MongoDB's own nesting limit is still shown in full.
	if row := strings.Join(sampleRow(t, res, "shop", "shallow"), "|"); strings.Count(row, `{"a": `) != 50 {
		t.Fatalf("shallow cell: %.300q", row)
	}
	if u := dataset(t, res.Service, "shop", "users"); u.Sampled != 5 {
		t.Fatalf("after the deep document: %+v", u)
	}
}

func sampleRow(t *testing.T, res *store.Result, db, table string) []string {
	t.Helper()
	for _, s := range res.Samples {
		if s.Database == db && s.Table == table && len(s.Rows) > 0 {
			return s.Rows[0]
		}
	}
	t.Fatalf("no sample of %s.%s", db, table)
	return nil
}

// A server that asks for 2^31-1 SCRAM iterations: the SCRAM library computes PBKDF2
// with whatever count the server names, minutes of CPU that no deadline interrupts, for
// each default credential tried. The count is now checked first, as pgconn does for
// PostgreSQL, and the probe ends within its timeouts.
func TestHostileSCRAMIterations(t *testing.T) {
	f := &fakeMongo{version: "7.0.14", maxWire: 21, dbs: seededDBs(), users: map[string]string{"admin": "not-admin"},
		scramIters: 1<<31 - 1}
	ep := f.serve(t)
	done := make(chan struct{})
	var res *store.Result
	var err error
	go func() {
		defer close(done)
		res, err = run(t, ep, nil)
	}()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		t.Fatal("still computing the server's SCRAM iterations after 15 s")
	}
	if res == nil || res.Service.Auth.Open() || !strings.Contains(res.Service.Error+fmt.Sprint(err), "iteration") {
		t.Fatalf("res %+v err %v", res, err)
	}
}
