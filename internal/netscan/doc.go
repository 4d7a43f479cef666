// Package netscan finds open TCP ports and gives probers a dialer that cannot leave the
// scan's scope.
//
// Scanner is a TCP connect scan: it completes the handshake and closes with a reset, so it
// needs no privileges and leaves no TIME_WAIT behind. Attempts are bounded three ways — a
// global number in flight, a number in flight per address, and an optional shared rate
// limiter (connections per second) — and each has a connect timeout; cancelling the
// context stops the scan promptly. Open endpoints are reported as soon as they answer.
//
// NewDialer wraps the same limits around a scope check: every connection a prober makes,
// including those a hostile server tries to provoke with a redirect or a crafted answer,
// must go to an address (and, if asked, a port) the scan's targets produced and the
// exclusions left in.
package netscan
