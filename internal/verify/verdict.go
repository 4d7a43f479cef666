package verify

import (
	"context"
	"fmt"
	"net/http"
	"slices"
)

// on says how a verifier reads its issuer's answer: which statuses mean live, which
// revoked, which "valid but not allowed to call this" (still live), and how to name the
// identity. Everything else is other()'s.
type on struct {
	live       []int // default 200
	revoked    []int // default 401
	restricted []int // the key was accepted but lacks a permission: live
	identity   func(*response) string
}

func (o on) read(resp *response) Result {
	liveOn := o.live
	if liveOn == nil {
		liveOn = []int{http.StatusOK}
	}
	revokedOn := o.revoked
	if revokedOn == nil {
		revokedOn = []int{http.StatusUnauthorized}
	}
	switch {
	case slices.Contains(liveOn, resp.status):
		id := ""
		if o.identity != nil {
			id = o.identity(resp)
		}
		return live(id)
	case slices.Contains(revokedOn, resp.status):
		return revoked(fmt.Sprintf("the issuer rejected it (HTTP %d)", resp.status))
	case slices.Contains(o.restricted, resp.status):
		return live(fmt.Sprintf("accepted, but not allowed to read this endpoint (HTTP %d)", resp.status))
	}
	return other(resp)
}

// simple is a verifier that makes one request and reads it with o.
func simple(build func(s Secret) *request, o on) func(context.Context, *call, Secret) Result {
	return func(ctx context.Context, c *call, s Secret) Result {
		resp, err := c.do(ctx, build(s))
		if err != nil {
			return failed(err)
		}
		return o.read(resp)
	}
}

// bearerGET is the most common request: GET with "Authorization: Bearer <secret>".
func bearerGET(host, path string) func(s Secret) *request {
	return func(s Secret) *request { return get(host, path).bearer(s.Value) }
}

// jsonField names the identity from one field of a JSON answer.
func jsonField(label string, path ...string) func(*response) string {
	return func(r *response) string {
		if v := parse(r.body).str(path...); v != "" {
			return label + " " + v
		}
		return ""
	}
}
