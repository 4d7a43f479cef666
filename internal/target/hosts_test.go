package target

import (
	"context"
	"net/netip"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/store"
)

func ep(addr, name string) store.Endpoint {
	return store.Endpoint{Addr: netip.MustParseAddr(addr), Port: 5432, Hostname: name}
}

func TestHostsAllowsEndpoint(t *testing.T) {
	h, err := ParseHosts([]string{"10.0.5.0/24", "10.0.9.1-10.0.9.3", "192.0.2.7", "DB.internal.", "*.corp.example", "2001:db8::/64"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		ep   store.Endpoint
		want bool
	}{
		{ep("10.0.5.77", ""), true},
		{ep("10.0.6.1", ""), false},
		{ep("10.0.9.3", ""), true},
		{ep("10.0.9.4", ""), false},
		{ep("192.0.2.7", ""), true},
		{ep("::ffff:192.0.2.7", ""), true},
		{ep("192.0.2.8", ""), false},
		{ep("203.0.113.1", "db.internal"), true},      // named by the user: its address is whatever it resolved to
		{ep("203.0.113.1", "DB.Internal."), true},     // the name in any case
		{ep("203.0.113.1", "x.db.internal"), false},   // not below a plain name
		{ep("203.0.113.1", "a.b.corp.example"), true}, // below a wildcard
		{ep("203.0.113.1", "corp.example"), false},    // a wildcard is below the domain only
		{ep("203.0.113.1", "evilcorp.example"), false},
		{ep("2001:db8::1", ""), true},
		{ep("2001:db8:1::1", ""), false},
	} {
		if got := h.AllowsEndpoint(tc.ep); got != tc.want {
			t.Errorf("%s (%q): %v, want %v", tc.ep.Addr, tc.ep.Hostname, got, tc.want)
		}
	}
	var none *Hosts
	if none.AllowsEndpoint(ep("10.0.5.1", "")) {
		t.Error("a nil list allows")
	}
	for _, bad := range [][]string{nil, {}, {" "}, {"10.0.0.1:5432"}, {"http://db"}, {"10.0.0.0/33"}, {"bad name!"}} {
		if _, err := ParseHosts(bad); err == nil {
			t.Errorf("ParseHosts(%q) accepted", bad)
		}
	}
	if got := h.String(); !strings.Contains(got, "10.0.5.0/24") || !strings.Contains(got, "*.corp.example") {
		t.Errorf("String() = %q", got)
	}
}

// A worker's scope refuses a batch reaching anywhere outside it, whole.
func TestScopeCheck(t *testing.T) {
	res := tableResolver{
		"db.internal":   {netip.MustParseAddr("10.0.5.9")},
		"evil.example":  {netip.MustParseAddr("198.51.100.1")},
		"inside.corp":   {netip.MustParseAddr("10.0.5.10")},
		"fragile.corp":  {netip.MustParseAddr("10.0.5.66")},
		"named.in.list": {netip.MustParseAddr("203.0.113.50")},
	}
	allow, err := ParseHosts([]string{"10.0.5.0/24", "named.in.list"})
	if err != nil {
		t.Fatal(err)
	}
	deny, err := ParseHosts([]string{"10.0.5.66", "fragile.corp"})
	if err != nil {
		t.Fatal(err)
	}
	if deny, err = deny.Resolve(context.Background(), res); err != nil {
		t.Fatal(err)
	}
	sc := Scope{Allow: allow, Deny: deny}
	for _, tc := range []struct {
		targets, exclude []string
		want             string // "" when inside
	}{
		{[]string{"10.0.5.0/25"}, []string{"10.0.5.66"}, ""},
		{[]string{"10.0.5.0/25"}, nil, "10.0.5.66 is excluded"},
		{[]string{"10.0.5.1", "10.0.6.1"}, nil, "10.0.6.1 is outside"},
		{[]string{"10.0.4.0/23"}, nil, "10.0.4.0-10.0.4.255 is outside"},
		{[]string{"http://10.0.5.3:8123/"}, nil, ""},
		{[]string{"db.internal"}, nil, ""},
		{[]string{"inside.corp:9000"}, nil, ""},
		{[]string{"evil.example"}, nil, "evil.example (198.51.100.1) is outside"},
		{[]string{"fragile.corp"}, nil, "fragile.corp (10.0.5.66) is excluded"},
		{[]string{"named.in.list"}, nil, ""},
		{[]string{"203.0.113.50"}, nil, "203.0.113.50 is outside"}, // the name is in the list, not its address
	} {
		var specs, excl []Spec
		for _, s := range tc.targets {
			sp, err := ParseSpec(s)
			if err != nil {
				t.Fatal(err)
			}
			specs = append(specs, sp)
		}
		for _, s := range tc.exclude {
			sp, err := ParseExclude(s)
			if err != nil {
				t.Fatal(err)
			}
			excl = append(excl, sp)
		}
		set, err := Build(context.Background(), specs, Config{Ports: []int{5432}, Exclude: excl, Resolver: res})
		if err != nil {
			t.Fatal(err)
		}
		err = sc.Check(set)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%v: refused: %v", tc.targets, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%v: %v, want %q", tc.targets, err, tc.want)
		}
	}
	if (Scope{}).Check(&Set{}) == nil {
		t.Error("an empty scope allowed a set")
	}
	// Resolving adds the addresses of the names listed.
	r, err := allow.Resolve(context.Background(), res)
	if err != nil || !r.AllowsEndpoint(ep("203.0.113.50", "")) || allow.AllowsEndpoint(ep("203.0.113.50", "")) {
		t.Fatalf("Resolve: %v", err)
	}
}

// TestScopeDenyCoversIPv6Forms: a worker's --exclude of an IPv4 address refuses a batch
// that reaches it through an IPv6 form (a NAT64 block, a name answering 6to4), and
// AllowsEndpoint refuses credentials there; an --scope entry does not widen the same way.
func TestScopeDenyCoversIPv6Forms(t *testing.T) {
	res := tableResolver{"db6.example": {netip.MustParseAddr("2002:a00:542::1")}}
	allow, err := ParseHosts([]string{"64:ff9b::/96", "2002::/16", "db6.example", "10.0.5.0/24"})
	if err != nil {
		t.Fatal(err)
	}
	deny, err := ParseHosts([]string{"10.0.5.66"})
	if err != nil {
		t.Fatal(err)
	}
	sc := Scope{Allow: allow, Deny: deny}
	for _, tc := range []struct {
		target, want string
	}{
		{"64:ff9b::a00:500/120", "64:ff9b::a00:542 is excluded"},
		{"64:ff9b::a00:600/120", ""},
		{"db6.example", "db6.example (2002:a00:542::1) is excluded"},
	} {
		set, err := Build(context.Background(), mustSpecs(t, tc.target), Config{Ports: []int{5432}, Resolver: res})
		if err != nil {
			t.Fatal(err)
		}
		err = sc.Check(set)
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%s: %v, want %q", tc.target, err, tc.want)
		}
	}
	if sc.AllowsEndpoint(ep("64:ff9b::a00:542", "")) || !sc.AllowsEndpoint(ep("64:ff9b::a00:543", "")) {
		t.Error("AllowsEndpoint ignores the IPv6 form of a denied address")
	}
	if only, _ := ParseHosts([]string{"10.0.5.66"}); only.AllowsEndpoint(ep("64:ff9b::a00:542", "")) {
		t.Error("an allow list widened to an IPv6 form")
	}
}
