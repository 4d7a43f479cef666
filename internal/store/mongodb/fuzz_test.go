package mongodb

import (
	"bytes"
	"errors"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// FuzzReadReply: whatever bytes a server sends, framing and reply parsing return a
// valid document or a classified error, and never allocate past the cap.
func FuzzReadReply(f *testing.F) {
	doc, _ := bson.Marshal(bson.D{{Key: "ismaster", Value: true}, {Key: "maxWireVersion", Value: int32(21)}, {Key: "ok", Value: 1.0}})
	f.Add(opReplyWith(doc))
	msg := append(header(5+len(doc), opMsg), 0, 0, 0, 0, 0)
	f.Add(append(msg, doc...))
	f.Add(header(4, opCompressed))
	f.Add([]byte("HTTP/1.1 400 Bad Request\r\n\r\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		op, _, body, err := readMessage(bytes.NewReader(in), 1<<16)
		if err != nil {
			if !errors.Is(err, store.ErrNoMatch) && !errors.Is(err, store.ErrProtocol) && !errors.Is(err, store.ErrTooLarge) &&
				len(in) >= headerLen {
				t.Fatalf("unclassified %v", err)
			}
			return
		}
		if len(body) > 1<<16 {
			t.Fatalf("body of %d bytes past the cap", len(body))
		}
		raw, err := replyDocument(op, body)
		if err != nil {
			return
		}
		if raw.Validate() != nil {
			t.Fatal("invalid document accepted")
		}
		_ = commandResult(raw)
	})
}

// FuzzDocsToSample: any documents fit the sample caps.
func FuzzDocsToSample(f *testing.F) {
	d1, _ := bson.Marshal(bson.D{{Key: "_id", Value: bson.NewObjectID()}, {Key: "s", Value: "héllo"}, {Key: "n", Value: bson.D{{Key: "a", Value: bson.A{1, 2}}}}})
	f.Add(d1, 2, 4, 6)
	f.Fuzz(func(t *testing.T, in []byte, rows, rowBytes, total int) {
		if rows <= 0 || rows > 50 || rowBytes <= 0 || total <= 0 || bson.Raw(in).Validate() != nil {
			return
		}
		o := probetest.Options()
		o.SampleRows, o.MaxRowBytes, o.MaxSampleBytes = rows, rowBytes, total
		smp, _ := docsToSample("d", "c", []bson.Raw{in, in, in}, &o)
		sum := 0
		for _, r := range smp.Rows {
			n := 0
			for _, c := range r {
				n += len(c)
			}
			if n > rowBytes {
				t.Fatalf("row %d > %d", n, rowBytes)
			}
			sum += n
		}
		if sum > total || len(smp.Rows) > rows {
			t.Fatalf("sample %d bytes %d rows", sum, len(smp.Rows))
		}
	})
}
