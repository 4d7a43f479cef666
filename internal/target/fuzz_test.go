package target

import (
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func FuzzParseSpec(f *testing.F) {
	for _, s := range []string{
		"10.0.0.1", "10.0.0.1:9000", "[::1]:9000", "::1", "10.0.0.0/24", "10.0.0.0/24:80",
		"[2001:db8::/120]:9000", "10.0.0.1-20", "10.0.0.1-10.0.0.20", "2001:db8::1-2001:db8::ff",
		"db.example.com", "db.example.com:8123", "http://db.example.com:8123/", "https://[::1]/x",
		"clickhouse://10.0.0.5", "tcp://h", "::ffff:10.0.0.0/104", "http://u:p@h", "10.0.0.300",
		"[::1", "fe80::1%eth0", "*.x", "1-2", "-", ":", "[]:1", "http://[::1]:", "0.0.0.0/0",
		"0x7f.0x1", "0x7f000001:80", "010.0.0.1", "http://0x7f000001/", "\ufeff10.0.0.1", "exam\u0440le.com",
		"[::ffff:10.0.0.1]:80", "::/0", "db.example.:80", "xn--bcher-kva.example",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		// An exclusion is a spec without port or scheme, or a wildcard name.
		if ex, err := ParseExclude(in); err == nil {
			if ex.Port != 0 || ex.Scheme != "" || (ex.Kind != KindHost && !ex.First.IsValid()) {
				t.Fatalf("exclusion %+v from %q", ex, in)
			}
		}
		sp, err := ParseSpec(in)
		if err != nil {
			if sp != (Spec{}) {
				t.Fatalf("error with a non-zero spec: %+v", sp)
			}
			if u, e := url.Parse(strings.TrimSpace(in)); e == nil && u.Scheme != "" && u.User != nil {
				if pw, ok := u.User.Password(); ok && pw != "" && strings.Contains(err.Error(), ":"+pw+"@") {
					t.Fatalf("error repeats a URL password: %v", err)
				}
			}
			return
		}
		if sp.Port < 0 || sp.Port > 65535 {
			t.Fatalf("port %d", sp.Port)
		}
		switch sp.Kind {
		case KindHost:
			if _, err := checkHostname(sp.Host); err != nil || sp.Host != strings.ToLower(sp.Host) {
				t.Fatalf("bad host %q", sp.Host)
			}
			// No name that a C resolver would read as an IPv4 address.
			if ls := strings.Split(sp.Host, "."); len(ls) <= 4 && !slices.ContainsFunc(ls, func(l string) bool { return !isInetNumber(l) }) {
				t.Fatalf("%q accepted as a name", sp.Host)
			}
		case KindAddr, KindPrefix, KindRange:
			if !sp.First.IsValid() || sp.Last.Less(sp.First) || sp.First.Is4() != sp.Last.Is4() || sp.First.Zone() != "" {
				t.Fatalf("bad bounds %v-%v", sp.First, sp.Last)
			}
		default:
			t.Fatalf("kind %d", sp.Kind)
		}
		// The canonical form parses back to the same spec.
		again, err := ParseSpec(sp.String())
		if err != nil {
			t.Fatalf("String() %q of %q does not parse: %v", sp.String(), in, err)
		}
		again.Raw, sp.Raw = "", ""
		if again != sp {
			t.Fatalf("round trip of %q via %q: %+v != %+v", in, sp.String(), again, sp)
		}
	})
}

func FuzzParsePorts(f *testing.F) {
	for _, s := range []string{"8123,9000,9440", "9000-9010", "1-65535", "clickhouse,80", "0", "5-1", ",", " 80 ", "80-"} {
		f.Add(s)
	}
	names := map[string][]int{"clickhouse": {8123, 9000}}
	f.Fuzz(func(t *testing.T, in string) {
		ports, err := ParsePorts(in, names)
		if err != nil {
			return
		}
		if len(ports) == 0 || !slices.IsSorted(ports) || len(slices.Compact(slices.Clone(ports))) != len(ports) {
			t.Fatalf("%q gave %v", in, ports)
		}
		parts := make([]string, len(ports))
		for i, p := range ports {
			if p < 1 || p > 65535 {
				t.Fatalf("port %d", p)
			}
			parts[i] = strconv.Itoa(p)
		}
		again, err := ParsePorts(strings.Join(parts, ","), nil)
		if err != nil || !slices.Equal(again, ports) {
			t.Fatalf("re-parse: %v %v", again, err)
		}
	})
}

func FuzzReadList(f *testing.F) {
	f.Add("# c\n10.0.0.1 db.example:80 # x\n\n10.0.0.0/30\n")
	f.Add("\x00\xff\n[::1]:9\r\n")
	// Hostile shapes: a byte order mark, entities, nesting, an open CSV quote.
	f.Add("\ufeff10.0.0.1\r\n0x7f.0x1\n")
	f.Add(`<?xml version="1.0"?><!DOCTYPE nmaprun [<!ENTITY a "aa"><!ENTITY b "&a;&a;">]><nmaprun><host><address addr="&b;" addrtype="ipv4"/></host></nmaprun>`)
	f.Add(`<?xml version="1.0"?><nmaprun>` + strings.Repeat("<a>", 100) + `</nmaprun>`)
	f.Add("saddr,sport\n\"10.0.0.1\n")
	// Other scanners' output, whose format is told from the content.
	for _, name := range []string{"nmap.xml", "nmap.gnmap", "masscan.json", "masscan.ndjson", "masscan.lst", "masscan.gnmap", "naabu.jsonl", "naabu.csv", "zmap.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", "imports", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, in string) {
		specs, err := ReadList(strings.NewReader(in), "f")
		for _, s := range specs {
			if s.Line < 1 || s.Source != "f" {
				t.Fatalf("spec without location: %+v", s)
			}
			if s.Kind < KindAddr || s.Kind > KindHost || s.Port < 0 || s.Port > 65535 {
				t.Fatalf("bad spec %+v", s)
			}
			if s.Open && (s.Port == 0 || s.Kind != KindAddr || !s.First.IsValid()) {
				t.Fatalf("bad open spec %+v", s)
			}
		}
		if err != nil && len(err.Error()) > 64<<10 {
			t.Fatalf("error of %d bytes", len(err.Error()))
		}
	})
}
