package redis

import (
	"bytes"
	"context"
	"strings"

	"github.com/leakwatch/leakwatch/internal/store"
)

var (
	_ store.Fingerprinter = (*Prober)(nil)
	_ store.Explorer      = (*Prober)(nil)
)

// Fingerprints: PING, and the errors Redis answers other protocols' openings with
// ("GET / HTTP/1.0" is a GET with too many arguments; "version" an unknown command).
func (*Prober) Fingerprints() store.Fingerprints {
	return store.Fingerprints{
		Banners: []store.BannerMatch{{Protocol: Proto, Match: matchRedisReply}},
		Hellos: []store.Hello{{
			Protocol: Proto, Rank: 50,
			Payload: func(store.Endpoint) []byte { return appendCommand(nil, "PING") },
			Match:   matchPong,
		}},
	}
}

// matchPong reads the answer to PING.
func matchPong(b []byte, final bool, id *store.Identity) store.Verdict {
	if len(b) > 0 && b[0] != '+' && b[0] != '-' {
		return store.NoMatch
	}
	l, ok := firstLine(b, final)
	if !ok {
		return store.NeedMore
	}
	if strings.EqualFold(string(l), "+PONG") {
		id.SetDetail("ping", "PONG")
		return store.Match
	}
	return matchRedisReply(b, final, id)
}

// redisMessages are error messages only a Redis (or a server speaking its protocol)
// sends, to a command it does not take.
var redisMessages = []string{"wrong number of arguments for '", "unknown command '", "Protocol error: ",
	"max number of clients reached", "Redis is running in protected mode", "Authentication required"}

// matchRedisReply recognises Redis's error line for an opening it does not understand,
// or for a client it will not serve.
func matchRedisReply(b []byte, final bool, id *store.Identity) store.Verdict {
	if len(b) > 0 && b[0] != '-' {
		return store.NoMatch
	}
	l, ok := firstLine(b, final)
	if !ok {
		return store.NeedMore
	}
	if len(l) < 2 {
		return store.NoMatch
	}
	se := newServerError(string(l[1:]))
	if !redisOnlyErrors[se.Code] && !se.IsAuth() && !containsAnyString(se.Message, redisMessages) {
		return store.NoMatch
	}
	id.SetDetail("reply", string(l[:min(len(l), 200)]))
	return store.Match
}

// firstLine is the first CRLF-ended line of b; false while it is still incomplete.
func firstLine(b []byte, final bool) ([]byte, bool) {
	if i := bytes.Index(b, []byte("\r\n")); i >= 0 {
		return b[:i], true
	}
	if final || len(b) >= 1024 {
		return b, true
	}
	return nil, false
}

func containsAnyString(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// Explore runs the probe in the TLS mode identification found.
func (p *Prober) Explore(ctx context.Context, ep store.Endpoint, id *store.Identity, opts *store.Options) (*store.Result, error) {
	return p.Probe(ctx, ep.WithScheme("redis", "rediss", id.TLS), opts)
}
