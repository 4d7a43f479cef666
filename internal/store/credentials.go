package store

import (
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// CredentialsToTry lists the logins a prober tries, in this order:
//
//  1. nil: no credentials at all, which is what an exposed service needs;
//  2. the product's well-known defaults, unless o.NoDefaultCredentials — returned with
//     Store set to product and Default set, so that a way in through one of them is
//     reported as default credentials;
//  3. the user's own credentials meant for this product (see Credential.For), with
//     Default cleared: only probers mark a credential as a default.
//
// Every entry is a copy; a prober may change it (fill in a user name, say) freely.
//
// The first entry is always nil. A prober that asks for "no credentials" its own way —
// a first request without authentication, a password-less login as a given user —
// ranges over the rest, [1:].
func CredentialsToTry(o *Options, product string, defaults ...Credential) []*Credential {
	out := []*Credential{nil}
	if !o.NoDefaultCredentials {
		for _, d := range defaults {
			d.Store, d.Default = product, true
			out = append(out, &d)
		}
	}
	for _, c := range o.Credentials {
		if c.For(product) {
			c.Default = false
			out = append(out, &c)
		}
	}
	return out
}

// HostScope says which endpoints may receive a credential.
type HostScope interface {
	AllowsEndpoint(ep Endpoint) bool
}

// AllowedAt reports whether c may be sent to ep: it has no scope, or its scope allows ep.
func (c Credential) AllowedAt(ep Endpoint) bool {
	return c.Scope == nil || c.Scope.AllowsEndpoint(ep)
}

// CredentialsFor returns the credentials of cs that may be sent to ep. The scan pipeline
// gives each prober only these (Options.ForEndpoint), so neither CredentialsToTry nor a
// prober reading Options.Credentials itself ever sees a credential meant for other
// hosts; probers connect only to the endpoint they probe.
func CredentialsFor(cs []Credential, ep Endpoint) []Credential {
	var out []Credential
	for _, c := range cs {
		if c.AllowedAt(ep) {
			out = append(out, c)
		}
	}
	return out
}

// ForEndpoint is a copy of o whose Credentials are those that may be sent to ep, with
// a fresh sample budget of MaxEndpointSampleBytes (the default when unset) for ep's
// samples.
func (o Options) ForEndpoint(ep Endpoint) Options {
	o.Credentials = CredentialsFor(o.Credentials, ep)
	total := o.MaxEndpointSampleBytes
	if total <= 0 {
		total = DefaultMaxEndpointSampleBytes
	}
	o.Samples = NewSampleBudget(total)
	return o
}

// ScopeAll is a scope allowing only what every one of scopes allows (nil ones are
// ignored; none at all allows everything).
func ScopeAll(scopes ...HostScope) HostScope {
	var all scopeAll
	for _, s := range scopes {
		if s != nil {
			all = append(all, s)
		}
	}
	switch len(all) {
	case 0:
		return nil
	case 1:
		return all[0]
	}
	return all
}

type scopeAll []HostScope

func (a scopeAll) AllowsEndpoint(ep Endpoint) bool {
	for _, s := range a {
		if !s.AllowsEndpoint(ep) {
			return false
		}
	}
	return true
}

// productAliases are the other names people give a product in Credential.Store
// (lower case): MariaDB is probed as "mysql", and PostgreSQL's full name is as common as
// its short one.
var productAliases = map[string][]string{
	"mysql":    {"mariadb"},
	"postgres": {"postgresql"},
}

// For reports whether c is meant for product: its Store is empty (any product), or the
// product's name or one of its aliases, in any case.
func (c Credential) For(product string) bool {
	if c.Store == "" || strings.EqualFold(c.Store, product) {
		return true
	}
	for _, a := range productAliases[strings.ToLower(product)] {
		if strings.EqualFold(c.Store, a) {
			return true
		}
	}
	return false
}

// AuthOf says how a credential from CredentialsToTry got in: nil is no authentication
// at all.
func AuthOf(c *Credential) finding.Auth {
	switch {
	case c == nil:
		return finding.AuthNone
	case c.Default:
		return finding.AuthDefault
	default:
		return finding.AuthCredentials
	}
}
