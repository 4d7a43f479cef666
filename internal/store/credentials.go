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
