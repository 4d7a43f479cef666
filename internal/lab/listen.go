package lab

import (
	"fmt"
	"net"
)

// checkListenHost accepts a loopback address, and the unspecified address (every
// address) only inside a network namespace whose interfaces are all loopback: the scan
// benchmark makes such a namespace so that servers answer on a whole 127.0.0.0/8 block
// there, and nothing outside can reach them.
func checkListenHost(host string) error {
	ip := net.ParseIP(host)
	switch {
	case ip == nil:
	case ip.IsLoopback():
		return nil
	case ip.IsUnspecified():
		if err := OnlyLoopback(); err != nil {
			return fmt.Errorf("lab: listening on %s: %w", host, err)
		}
		return nil
	}
	return fmt.Errorf("lab: %q is not a loopback address", host)
}

// OnlyLoopback returns nil when every network interface this process sees is a loopback
// one (an isolated network namespace), and an error naming another one otherwise.
func OnlyLoopback() error {
	ifs, err := net.Interfaces()
	if err != nil {
		return err
	}
	for _, i := range ifs {
		if i.Flags&net.FlagLoopback == 0 {
			return fmt.Errorf("interface %s is not loopback: only allowed in a network namespace of loopback interfaces only", i.Name)
		}
	}
	return nil
}
