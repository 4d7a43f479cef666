package target

import (
	"errors"
	"net/netip"
	"strings"
	"testing"
)

func TestParseSpec(t *testing.T) {
	a := netip.MustParseAddr
	tests := []struct {
		in          string
		kind        Kind
		first, last string
		host        string
		port        int
		scheme      string
		str         string
	}{
		{in: "10.0.0.1", kind: KindAddr, first: "10.0.0.1", last: "10.0.0.1", str: "10.0.0.1"},
		{in: "  10.0.0.1\t", kind: KindAddr, first: "10.0.0.1", last: "10.0.0.1", str: "10.0.0.1"},
		{in: "10.0.0.1:9000", kind: KindAddr, first: "10.0.0.1", last: "10.0.0.1", port: 9000, str: "10.0.0.1:9000"},
		{in: "::1", kind: KindAddr, first: "::1", last: "::1", str: "::1"},
		{in: "[::1]", kind: KindAddr, first: "::1", last: "::1", str: "::1"},
		{in: "[::1]:9000", kind: KindAddr, first: "::1", last: "::1", port: 9000, str: "[::1]:9000"},
		{in: "::ffff:10.1.2.3", kind: KindAddr, first: "10.1.2.3", last: "10.1.2.3", str: "10.1.2.3"},
		{in: "10.0.0.0/24", kind: KindPrefix, first: "10.0.0.0", last: "10.0.0.255", str: "10.0.0.0/24"},
		{in: "10.0.0.77/24", kind: KindPrefix, first: "10.0.0.0", last: "10.0.0.255", str: "10.0.0.0/24"},
		{in: "10.0.0.0/24:8123", kind: KindPrefix, first: "10.0.0.0", last: "10.0.0.255", port: 8123, str: "10.0.0.0/24:8123"},
		{in: "10.0.0.1/32", kind: KindPrefix, first: "10.0.0.1", last: "10.0.0.1", str: "10.0.0.1/32"},
		{in: "0.0.0.0/0", kind: KindPrefix, first: "0.0.0.0", last: "255.255.255.255", str: "0.0.0.0/0"},
		{in: "2001:db8::/120", kind: KindPrefix, first: "2001:db8::", last: "2001:db8::ff", str: "2001:db8::/120"},
		{in: "[2001:db8::/120]:9000", kind: KindPrefix, first: "2001:db8::", last: "2001:db8::ff", port: 9000, str: "[2001:db8::/120]:9000"},
		{in: "::/0", kind: KindPrefix, first: "::", last: "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", str: "::/0"},
		{in: "::ffff:10.0.0.0/104", kind: KindPrefix, first: "10.0.0.0", last: "10.255.255.255", str: "10.0.0.0/8"},
		{in: "10.0.0.1-20", kind: KindRange, first: "10.0.0.1", last: "10.0.0.20", str: "10.0.0.1-10.0.0.20"},
		{in: "10.0.0.1-10.0.1.20", kind: KindRange, first: "10.0.0.1", last: "10.0.1.20", str: "10.0.0.1-10.0.1.20"},
		{in: "10.0.0.1-20:9000", kind: KindRange, first: "10.0.0.1", last: "10.0.0.20", port: 9000, str: "10.0.0.1-10.0.0.20:9000"},
		{in: "2001:db8::1-2001:db8::ff", kind: KindRange, first: "2001:db8::1", last: "2001:db8::ff", str: "2001:db8::1-2001:db8::ff"},
		{in: "10.0.0.5-5", kind: KindRange, first: "10.0.0.5", last: "10.0.0.5", str: "10.0.0.5-10.0.0.5"},
		{in: "DB.Example.COM.", kind: KindHost, host: "db.example.com", str: "db.example.com"},
		{in: "my-db_1.example.com:8123", kind: KindHost, host: "my-db_1.example.com", port: 8123, str: "my-db_1.example.com:8123"},
		{in: "localhost", kind: KindHost, host: "localhost", str: "localhost"},
		{in: "http://db.example.com:8123/play?x=1", kind: KindHost, host: "db.example.com", port: 8123, scheme: "http", str: "http://db.example.com:8123"},
		{in: "HTTPS://db.example.com", kind: KindHost, host: "db.example.com", port: 443, scheme: "https", str: "https://db.example.com:443"},
		{in: "http://db.example.com/", kind: KindHost, host: "db.example.com", port: 80, scheme: "http", str: "http://db.example.com:80"},
		{in: "clickhouse://10.0.0.5", kind: KindAddr, first: "10.0.0.5", last: "10.0.0.5", port: 9000, scheme: "clickhouse", str: "clickhouse://10.0.0.5:9000"},
		{in: "clickhouse://[::1]:9440", kind: KindAddr, first: "::1", last: "::1", port: 9440, scheme: "clickhouse", str: "clickhouse://[::1]:9440"},
		{in: "tcp://10.0.0.5", kind: KindAddr, first: "10.0.0.5", last: "10.0.0.5", scheme: "tcp", str: "tcp://10.0.0.5"},
		{in: "tcp://10.0.0.5:9000", kind: KindAddr, first: "10.0.0.5", last: "10.0.0.5", port: 9000, scheme: "tcp", str: "tcp://10.0.0.5:9000"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseSpec(tt.in)
			if err != nil {
				t.Fatalf("ParseSpec: %v", err)
			}
			if got.Kind != tt.kind || got.Host != tt.host || got.Port != tt.port || got.Scheme != tt.scheme {
				t.Fatalf("got %+v", got)
			}
			if tt.kind != KindHost && (got.First != a(tt.first) || got.Last != a(tt.last)) {
				t.Fatalf("bounds %v-%v, want %s-%s", got.First, got.Last, tt.first, tt.last)
			}
			if s := got.String(); s != tt.str {
				t.Fatalf("String() = %q, want %q", s, tt.str)
			}
			if got.Raw != strings.TrimSpace(tt.in) {
				t.Fatalf("Raw = %q", got.Raw)
			}
		})
	}
}

func TestParseSpecErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "empty target"},
		{"   ", "empty target"},
		{"10.0.0.300", "invalid IPv4 address"},
		{"10.0.0", "invalid IPv4 address"},
		{"10.0.0.1:0", "out of range"},
		{"10.0.0.1:65536", "out of range"},
		{"10.0.0.1:http", "invalid port"},
		{"10.0.0.1:", "empty port"},
		{"10.0.0.0/33", "invalid CIDR"},
		{"2001:db8::/129", "invalid CIDR"},
		{"10.0.0.20-1", "ends before it starts"},
		{"10.0.0.1-300", "not an octet"},
		{"10.0.0.1-::1", "mixes IPv4 and IPv6"},
		{"10.0.0.1-x", "invalid range end"},
		{"[::1", "missing ']'"},
		{"[::1]9000", "unexpected text"},
		{"[10.0.0.1]:80", "brackets are for IPv6"},
		{"[db.example]:80", "brackets are for IPv6"},
		{"fe80::1%eth0", "zoned"},
		{"2001:db8::zz", "invalid IPv6"},
		{"-db.example.com", "starts or ends with '-'"},
		{"db..example.com", "empty or over-long label"},
		{"db!.example.com", "invalid character"},
		{strings.Repeat("a", 64) + ".com", "over-long label"},
		{"a b", "spaces"},
		{"ftp://db.example.com", "unknown URL scheme"},
		{"http://user:hunter2@db.example.com", "credentials"},
		{"http://", "without a host"},
		{"http://db.example.com:99999", "out of range"},
		{"http://10.0.0.1-20", "names one host"},
		{"http://db.example.com:/", "empty port"},
		{strings.Repeat("a", 3000), "longer than"},
		// Other spellings of IPv4 addresses (inet_aton's octal, hex and integer forms) are
		// refused, not read as names: an exclusion of 10.0.0.1 compares addresses.
		{"010.0.0.1", "invalid IPv4"},
		{"0x7f.1", "invalid IPv4"},
		{"2130706433", "invalid IPv4"},
		{"127.1", "invalid IPv4"},
		{"0x7f000001", "invalid IPv4"},
		{"0x7f.0x1", "invalid IPv4"},
		{"0X7F.0.0.0x1", "invalid IPv4"},
		// Unicode names and look-alikes (a Cyrillic р in "example") name the character.
		{"b\u00fccher.example", `non-ASCII character 'ü'`},
		{"exam\u0440le.com", `non-ASCII character 'р'`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := ParseSpec(tt.in)
			if err == nil {
				t.Fatalf("ParseSpec(%q) succeeded", tt.in)
			}
			var se *SpecError
			if !errors.As(err, &se) {
				t.Fatalf("error %T is not a *SpecError", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %q does not mention %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Fatalf("error leaks the URL password: %q", err)
			}
			if len(tt.in) < 200 && !strings.Contains(err.Error(), strings.TrimSpace(redactSpec(tt.in))) {
				t.Fatalf("error %q does not name the spec", err)
			}
		})
	}
}

func TestParseExclude(t *testing.T) {
	for _, ok := range []string{"10.0.0.0/8", "10.0.0.1-5", "db.example.com", "*.corp.example", "::1"} {
		if _, err := ParseExclude(ok); err != nil {
			t.Errorf("ParseExclude(%q): %v", ok, err)
		}
	}
	sp, _ := ParseExclude("*.Corp.Example.")
	if sp.Host != "*.corp.example" || sp.Kind != KindHost {
		t.Errorf("wildcard parsed as %+v", sp)
	}
	for _, bad := range []string{"10.0.0.1:80", "http://db.example.com", "*.", "*.a/b", "**.x", ""} {
		if _, err := ParseExclude(bad); err == nil {
			t.Errorf("ParseExclude(%q) succeeded", bad)
		}
	}
	// Wildcards are for exclusions only.
	if _, err := ParseSpec("*.corp.example"); err == nil {
		t.Error("ParseSpec accepted a wildcard")
	}
}

func TestSpecErrorLocation(t *testing.T) {
	err := &SpecError{Spec: "x!", Source: "targets.txt", Line: 7, Err: errors.New("bad")}
	if got := err.Error(); got != `targets.txt:7: target "x!": bad` {
		t.Fatalf("got %q", got)
	}
}
