package netscan

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"time"

	"golang.org/x/time/rate"

	"github.com/leakwatch/leakwatch/internal/store"
)

// ErrOutOfScope is returned, without any connection attempted, for an address the scan
// may not touch.
var ErrOutOfScope = errors.New("outside the scan's scope")

// Scope answers whether the scan may connect somewhere. *target.Set implements it.
type Scope interface {
	// ContainsAddr reports whether a is a target address, not excluded, in the shard.
	ContainsAddr(a netip.Addr) bool
	// Contains reports whether a:port is one of the scan's endpoints.
	Contains(a netip.Addr, port int) bool
}

// DialerConfig configures NewDialer.
type DialerConfig struct {
	Scope Scope
	// StrictPorts refuses ports that are not among the scan's endpoints. Off, any port of
	// an in-scope address is allowed, which the security.txt lookup needs (ports 443 and
	// 80 are seldom scanned).
	StrictPorts bool
	// Limiter paces connections; share it with the Scanner for one global rate.
	Limiter *rate.Limiter
	// ConnectTimeout bounds each connection attempt (default DefaultConnectTimeout).
	ConnectTimeout time.Duration
	// Dial connects; nil uses a net.Dialer.
	Dial DialFunc
}

// NewDialer returns the dialer probers get in store.Options.Dial. It accepts only
// literal addresses ("10.0.0.5:8123", "[::1]:9000") — names would let DNS move a target
// out of scope — checks them against the scope before any packet is sent, waits for the
// rate limiter and bounds the connect time.
func NewDialer(cfg DialerConfig) store.DialFunc {
	if cfg.ConnectTimeout <= 0 {
		cfg.ConnectTimeout = DefaultConnectTimeout
	}
	if cfg.Dial == nil {
		d := &net.Dialer{}
		cfg.Dial = d.DialContext
	}
	return func(ctx context.Context, network, address string) (net.Conn, error) {
		if err := cfg.check(network, address); err != nil {
			return nil, &net.OpError{Op: "dial", Net: network, Err: err}
		}
		if cfg.Limiter != nil {
			if err := cfg.Limiter.Wait(ctx); err != nil {
				return nil, &net.OpError{Op: "dial", Net: network, Err: err}
			}
		}
		ctx, cancel := context.WithTimeout(ctx, cfg.ConnectTimeout)
		defer cancel()
		return cfg.Dial(ctx, network, address)
	}
}

func (cfg *DialerConfig) check(network, address string) error {
	switch network {
	case "tcp", "tcp4", "tcp6":
	default:
		return fmt.Errorf("network %q: %w (TCP only)", network, ErrOutOfScope)
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%q is not an IP address and port: %w (probers dial addresses, never names)", address, ErrOutOfScope)
	}
	a := ap.Addr()
	if a.Zone() != "" {
		return fmt.Errorf("%s: %w", address, ErrOutOfScope)
	}
	a = a.Unmap()
	if (network == "tcp4" && !a.Is4()) || (network == "tcp6" && !a.Is6()) {
		return fmt.Errorf("%s over %s: %w", address, network, ErrOutOfScope)
	}
	switch {
	case cfg.Scope == nil:
		return fmt.Errorf("%s: %w (no scope configured)", address, ErrOutOfScope)
	case !cfg.Scope.ContainsAddr(a):
		return fmt.Errorf("%s: %w", address, ErrOutOfScope)
	case cfg.StrictPorts && !cfg.Scope.Contains(a, int(ap.Port())):
		return fmt.Errorf("%s: port %d %w", address, ap.Port(), ErrOutOfScope)
	}
	return nil
}
