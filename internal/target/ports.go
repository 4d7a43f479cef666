package target

import (
	"errors"
	"fmt"
	"math/bits"
	"strings"
)

// ParsePorts parses a port list such as "8123,9000,9440" or "9000-9010,8123". Elements may
// also be names looked up, case-insensitively, in names (for example a store's name
// standing for its default ports); names may be nil. The result is sorted and without
// duplicates.
func ParsePorts(s string, names map[string][]int) ([]int, error) {
	ports, err := parsePorts(s, names)
	if err != nil {
		shown := s
		if len(shown) > 256 {
			shown = shown[:256] + "…"
		}
		return nil, fmt.Errorf("port list %q: %w", shown, err)
	}
	return ports, nil
}

func parsePorts(s string, names map[string][]int) ([]int, error) {
	if strings.TrimSpace(s) == "" {
		return nil, errors.New("empty")
	}
	var seen portSet
	add := seen.add
	for _, el := range strings.Split(s, ",") {
		el = strings.TrimSpace(el)
		if el == "" {
			return nil, errors.New("empty element")
		}
		if c := el[0]; c < '0' || c > '9' {
			ps, ok := lookupName(names, el)
			if !ok {
				return nil, fmt.Errorf("unknown port or name %q", el)
			}
			for _, p := range ps {
				if p < 1 || p > 65535 {
					return nil, fmt.Errorf("name %q maps to invalid port %d", el, p)
				}
				add(p)
			}
			continue
		}
		lo, hi, isRange := strings.Cut(el, "-")
		first, err := parsePort(strings.TrimSpace(lo))
		if err != nil {
			return nil, err
		}
		last := first
		if isRange {
			if last, err = parsePort(strings.TrimSpace(hi)); err != nil {
				return nil, err
			}
			if last < first {
				return nil, fmt.Errorf("range %q ends before it starts", el)
			}
		}
		for p := first; p <= last; p++ {
			add(p)
		}
	}
	return seen.list(), nil
}

// portSet is a bitset of ports: bounded memory whatever the input repeats.
type portSet [1024]uint64

func (s *portSet) add(p int) { s[p/64] |= 1 << (p % 64) }

func (s *portSet) has(p int) bool { return p >= 0 && p < 65536 && s[p/64]&(1<<(p%64)) != 0 }

// list returns the ports in ascending order.
func (s *portSet) list() []int {
	var out []int
	for i, w := range s {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			out = append(out, i*64+b)
			w &^= 1 << b
		}
	}
	return out
}

func lookupName(names map[string][]int, el string) ([]int, bool) {
	if ps, ok := names[el]; ok {
		return ps, true
	}
	for k, ps := range names {
		if strings.EqualFold(k, el) {
			return ps, true
		}
	}
	return nil, false
}
