// Package targettest holds test helpers for code that resolves targets.
package targettest

import (
	"context"
	"net"
	"net/netip"
	"sync"
)

// FlakyDNS is a target.Resolver that answers each name from a list, one answer per
// lookup in turn, then fails like a server that stopped answering. Calls counts the
// lookups of each name, so a test can show a name was asked once.
type FlakyDNS struct {
	mu      sync.Mutex
	answers map[string][]string
	calls   map[string]int
}

// NewFlakyDNS answers name with answers[name][i] on its i-th lookup.
func NewFlakyDNS(answers map[string][]string) *FlakyDNS {
	return &FlakyDNS{answers: answers, calls: map[string]int{}}
}

// LookupNetIP implements target.Resolver.
func (d *FlakyDNS) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	n := d.calls[host]
	d.calls[host]++
	if n >= len(d.answers[host]) {
		return nil, &net.DNSError{Err: "server misbehaving", Name: host, IsTemporary: true}
	}
	return []netip.Addr{netip.MustParseAddr(d.answers[host][n])}, nil
}

// Calls returns how many times host was looked up.
func (d *FlakyDNS) Calls(host string) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.calls[host]
}
