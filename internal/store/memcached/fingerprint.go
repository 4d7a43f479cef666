package memcached

import (
	"bytes"
	"context"
	"errors"

	"github.com/leakwatch/leakwatch/internal/store"
)

var (
	_ store.Fingerprinter = (*Prober)(nil)
	_ store.Explorer      = (*Prober)(nil)
)

// Fingerprints: "version" in the text protocol (the first hello sent to a port nobody
// claims: every line-based server answers or refuses it at once), the binary
// protocol's version request for servers with SASL, and the text protocol's error lines
// for other protocols' openings ("ERROR" to a Redis PING).
func (*Prober) Fingerprints() store.Fingerprints {
	return store.Fingerprints{
		Banners: []store.BannerMatch{{Protocol: Proto, Match: matchTextReply}},
		Hellos: []store.Hello{
			{Protocol: Proto, Rank: 35, Payload: func(store.Endpoint) []byte { return []byte("version\r\n") }, Match: matchTextReply},
			{Protocol: ProtoBinary, Rank: 25, Payload: func(store.Endpoint) []byte { return binaryVersionRequest() }, Match: matchBinaryVersion},
		},
	}
}

func binaryVersionRequest() []byte {
	hdr := make([]byte, 24)
	hdr[0], hdr[1] = magicReq, opVersion
	return hdr
}

// matchTextReply recognises the text protocol's answers: VERSION, and the error lines
// memcached sends for commands it does not know or will not run.
func matchTextReply(b []byte, final bool, id *store.Identity) store.Verdict {
	i := bytes.Index(b, []byte("\r\n"))
	if i < 0 {
		for _, p := range []string{"VERSION ", "ERROR", "CLIENT_ERROR ", "SERVER_ERROR "} {
			if n := min(len(b), len(p)); string(b[:n]) == p[:n] && !final && len(b) < 512 {
				return store.NeedMore
			}
		}
		return store.NoMatch
	}
	l := string(b[:i])
	switch {
	case len(l) > len("VERSION ") && l[:len("VERSION ")] == "VERSION ":
		id.Version = l[len("VERSION "):min(len(l), 72)]
		return store.Match
	case l == "ERROR", l == "CLIENT_ERROR unauthenticated":
		id.SetDetail("reply", l)
		return store.Match
	case len(l) > 13 && (l[:13] == "CLIENT_ERROR " || l[:13] == "SERVER_ERROR "):
		id.SetDetail("reply", l[:min(len(l), 200)])
		return store.Match
	}
	return store.NoMatch
}

// matchBinaryVersion reads the binary protocol's answer to a version request.
func matchBinaryVersion(b []byte, final bool, id *store.Identity) store.Verdict {
	if len(b) > 0 && b[0] != magicRes {
		return store.NoMatch
	}
	r, err := readBinResponse(bytes.NewReader(b))
	switch {
	case err == nil && r.opcode == opVersion:
		if r.status == statusOK {
			id.Version = string(r.value[:min(len(r.value), 64)])
		}
		return store.Match
	case err == nil, errors.Is(err, store.ErrNoMatch), errors.Is(err, store.ErrTooLarge):
		return store.NoMatch
	case !final && len(b) < store.MaxBanner && len(b) < 24+maxBinaryBody:
		return store.NeedMore
	}
	return store.NoMatch
}

// Explore runs the probe (which finds the text or binary protocol and TLS itself).
func (p *Prober) Explore(ctx context.Context, ep store.Endpoint, _ *store.Identity, opts *store.Options) (*store.Result, error) {
	return p.Probe(ctx, ep, opts)
}
