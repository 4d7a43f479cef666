package mongodb

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"strconv"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/leakwatch/leakwatch/internal/store"
)

var (
	_ store.Fingerprinter = (*Prober)(nil)
	_ store.Explorer      = (*Prober)(nil)
)

// helloRequestID marks identification's isMaster so that its reply can be told from
// anything else.
const helloRequestID = 0x6c77 // "lw"

// httpNotice is what mongod answers an HTTP request on its driver port with.
var httpNotice = []byte("trying to access MongoDB over HTTP on the native driver port")

// Fingerprints: the legacy isMaster over OP_QUERY, which every release answers (as
// drivers open), and mongod's notice to HTTP clients.
func (*Prober) Fingerprints() store.Fingerprints {
	return store.Fingerprints{
		HTTP: []store.HTTPMatch{{Protocol: protocol, Match: func(r *store.HTTPReply, _ *store.Identity) bool {
			return bytes.Contains(r.Body, httpNotice)
		}}},
		Hellos: []store.Hello{{Protocol: protocol, Rank: 30, Payload: func(store.Endpoint) []byte { return helloQuery() }, Match: matchHello}},
	}
}

func helloQuery() []byte {
	doc, err := bson.Marshal(bson.D{{Key: "isMaster", Value: 1}, {Key: "helloOk", Value: true},
		{Key: "client", Value: bson.D{{Key: "application", Value: bson.D{{Key: "name", Value: "leakwatch"}}}}}})
	if err != nil {
		panic(err) // a constant document
	}
	return appendQuery(nil, helloRequestID, "admin", doc)
}

// matchHello reads the reply to isMaster: a document with maxWireVersion or ismaster,
// or a command error (a MongoDB that refuses hello is still one).
func matchHello(b []byte, final bool, id *store.Identity) store.Verdict {
	if len(b) >= 4 {
		if n := int64(int32(binary.LittleEndian.Uint32(b))); n < headerLen || n > maxServerMessage {
			return store.NoMatch
		}
	}
	op, to, body, err := readMessage(bytes.NewReader(b), store.MaxBanner)
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, store.ErrProtocol):
		if final {
			return store.NoMatch
		}
		return store.NeedMore
	case err != nil, to != helloRequestID:
		return store.NoMatch
	}
	reply, err := replyDocument(op, body)
	if err != nil {
		return store.NoMatch
	}
	var ce *CommandError
	if err := commandResult(reply); errors.As(err, &ce) {
		id.SetDetail("hello_error", ce.Error())
		return store.Match
	}
	_, wire := reply.Lookup("maxWireVersion").AsInt64OK()
	_, primary := reply.Lookup("ismaster").BooleanOK()
	if !wire && !primary {
		return store.NoMatch
	}
	if n, ok := reply.Lookup("maxWireVersion").AsInt64OK(); ok {
		id.SetDetail("max_wire_version", strconv.FormatInt(n, 10))
	}
	return store.Match
}

// Explore runs the probe in the TLS mode identification found.
func (p *Prober) Explore(ctx context.Context, ep store.Endpoint, id *store.Identity, opts *store.Options) (*store.Result, error) {
	return p.Probe(ctx, ep.WithScheme("mongodb", "mongodb+tls", id.TLS), opts)
}
