package target

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// endpoints renders what a list yielded: "addr:port open" for ports another scanner
// reported open, "addr" for addresses that take the port list.
func endpoints(specs []Spec) []string {
	var out []string
	for _, s := range specs {
		e := s.String()
		if s.Open {
			e += " open"
		}
		out = append(out, e)
	}
	slices.Sort(out)
	return out
}

func TestReadListOtherScanners(t *testing.T) {
	both := []string{"10.201.0.2:16379 open", "10.201.0.2:18123 open"}
	for _, tc := range []struct {
		file   string
		format ListFormat
		want   []string
	}{
		{"nmap.xml", FormatNmapXML, both},
		{"nmap.gnmap", FormatGrepable, both},
		{"masscan.json", FormatJSON, both},
		{"masscan.ndjson", FormatJSON, both},
		{"masscan.lst", FormatMasscanList, both},
		{"masscan.gnmap", FormatGrepable, both},
		{"naabu.jsonl", FormatJSON, both},
		{"naabu.csv", FormatCSV, both},
		{"zmap.csv", FormatCSV, []string{"10.201.0.2:18123 open"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata", "imports", tc.file)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := DetectFormat(b); got != tc.format {
				t.Errorf("format %s, want %s", got, tc.format)
			}
			specs, err := ReadList(strings.NewReader(string(b)), path)
			if err != nil {
				t.Fatalf("ReadList: %v", err)
			}
			if got := endpoints(specs); !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			for _, s := range specs {
				if s.Source != path {
					t.Errorf("%s: source %q", s, s.Source)
				}
			}
		})
	}
}

func TestReadListImportShapes(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string
		wantErr  string
	}{
		// Plain lists stay plain, including a bracketed IPv6 address first.
		{"plain ipv6 first", "[::1]:9000 10.0.0.1\n", []string{"10.0.0.1", "[::1]:9000"}, ""},
		{"plain", "# mine\n10.0.0.0/30\n", []string{"10.0.0.0/30"}, ""},
		// nmap ping scan (-sn): hosts up without ports take the port list; down hosts nothing.
		{"nmap ping scan", `<?xml version="1.0"?><nmaprun><host><status state="up"/><address addr="10.0.0.7" addrtype="ipv4"/><address addr="AA:BB:CC:DD:EE:FF" addrtype="mac"/></host>` +
			`<host><status state="down"/><address addr="10.0.0.8" addrtype="ipv4"/></host></nmaprun>`, []string{"10.0.0.7"}, ""},
		// nmap: closed, filtered, UDP and open|filtered ports are not targets; IPv6 works.
		{"nmap mixed", `<?xml version="1.0"?><nmaprun><host><status state="up"/><address addr="2001:db8::5" addrtype="ipv6"/><ports>` +
			`<port protocol="udp" portid="53"><state state="open"/></port><port protocol="tcp" portid="22"><state state="filtered"/></port>` +
			`<port protocol="tcp" portid="5432"><state state="open"/></port><port protocol="tcp" portid="6379"><state state="open|filtered"/></port></ports></host></nmaprun>`,
			[]string{"[2001:db8::5]:5432 open"}, ""},
		{"nmap all closed", `<?xml version="1.0"?><nmaprun><host><status state="up"/><address addr="10.0.0.9" addrtype="ipv4"/><ports><port protocol="tcp" portid="80"><state state="closed"/></port></ports></host></nmaprun>`, nil, ""},
		{"nmap truncated", `<?xml version="1.0"?><nmaprun><host><status state="up"/><address addr="10.0.0.9" addrtype="ipv4"/><ports><port protocol="tcp" portid="80"><state state="open"/>`, nil, "bad host element"},
		{"xml not nmap", `<?xml version="1.0"?><nmaprun2/>`, nil, "not nmap XML"},
		{"xml other", `<?xml version="1.0"?><catalog/>`, nil, "<?xml"}, // not nmap: read as a plain list, where it is no target
		// masscan's array with a comma before the closing bracket (older versions).
		{"masscan trailing comma", "[\n{\"ip\": \"10.0.0.1\", \"ports\": [{\"port\": 9200, \"proto\": \"tcp\", \"status\": \"open\"}]},\n]\n", []string{"10.0.0.1:9200 open"}, ""},
		{"masscan finished", "[\n{\"ip\": \"10.0.0.1\", \"ports\": [{\"port\": \"27017\", \"proto\": \"tcp\", \"status\": \"open\"}]}\n,\n{\"finished\": 1}\n]", []string{"10.0.0.1:27017 open"}, ""},
		{"json garbage", "{\"ip\": \"10.0.0.1\", \"port\": 80}\nnot json\n", []string{"10.0.0.1:80 open"}, "between JSON records"},
		{"json bad address", `{"ip": "10.0.0.300", "port": 80}`, nil, "not an IP address"},
		{"json bad port", `{"ip": "10.0.0.1", "port": 70000}`, nil, "out of range"},
		{"json string in object", `{"ip": "10.0.0.1", "note": "a } and a \" inside", "port": 8123}`, []string{"10.0.0.1:8123 open"}, ""},
		{"json unterminated", `{"ip": "10.0.0.1", "port": 8123`, nil, "unexpected EOF"},
		// masscan -oD: closed ports and banner records are not targets.
		{"masscan ndjson closed and banner", `{"ip":"10.0.0.2","timestamp":"1","port":6380,"proto":"tcp","rec_type":"status","data":{"status":"closed","reason":"rst","ttl":64}}` + "\n" +
			`{"ip":"10.0.0.2","timestamp":"1","port":8123,"proto":"tcp","rec_type":"banner","data":{"service_name":"http","banner":"HTTP/1.0 200 OK"}}` + "\n" +
			`{"ip":"10.0.0.2","timestamp":"1","port":8123,"proto":"tcp","rec_type":"status","data":{"status":"open","reason":"syn-ack","ttl":64}}`,
			[]string{"10.0.0.2:8123 open"}, ""},
		// naabu without a port field: an address taking the port list.
		{"naabu host only", `{"ip": "10.0.0.3"}`, []string{"10.0.0.3"}, ""},
		{"masscan list closed", "#masscan\nopen tcp 6379 10.0.0.1 1\nclosed tcp 6380 10.0.0.1 1\nbanner tcp 6379 10.0.0.1 1 redis x\nopen udp 161 10.0.0.1 1\n# end\n", []string{"10.0.0.1:6379 open"}, ""},
		{"masscan list bad", "#masscan\nopen tcp x 10.0.0.1 1\n", nil, "bad port"},
		{"grepable ping scan", "# Nmap 7.93 scan\nHost: 10.0.0.4 ()\tStatus: Up\nHost: 10.0.0.5 ()\tStatus: Down\n", []string{"10.0.0.4"}, ""},
		{"grepable bad", "# Nmap 7.93 scan\nsomething else\n", nil, "not a grepable Host line"},
		{"zmap without sport", "saddr\n10.0.0.1\n10.0.0.2\n", []string{"10.0.0.1", "10.0.0.2"}, ""},
		{"zmap failures and repeats", "saddr,sport,success,repeat\n10.0.0.1,443,1,0\n10.0.0.2,443,0,0\n10.0.0.1,443,1,1\n", []string{"10.0.0.1:443 open"}, ""},
		{"zmap bad row", "saddr,sport\n10.0.0.1,https\n", nil, "bad sport"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			specs, err := ReadList(strings.NewReader(tc.in), "f")
			if tc.wantErr == "" && err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("error %v, want one containing %q", err, tc.wantErr)
			}
			if got := endpoints(specs); !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// A file of many bad records reports a bounded number of them, with a count of the rest.
func TestReadListImportErrorsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("#masscan\n")
	for range 50 {
		b.WriteString("open tcp 80 not-an-ip 1\n")
	}
	_, err := ReadList(strings.NewReader(b.String()), "scan.lst")
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	if n := strings.Count(msg, "not an IP address"); n != maxImportErrors {
		t.Errorf("%d errors shown, want %d:\n%s", n, maxImportErrors, msg)
	}
	if !strings.Contains(msg, "40 more bad entries") || !strings.Contains(msg, "scan.lst:2:") {
		t.Errorf("missing count or location:\n%s", msg)
	}
}

// A JSON record larger than the cap is refused instead of buffered without end.
func TestReadListImportRecordCap(t *testing.T) {
	in := `{"ip": "10.0.0.1", "port": 80, "pad": "` + strings.Repeat("x", maxImportRecordSize) + `"}`
	_, err := ReadList(strings.NewReader(in), "big.json")
	if err == nil || !strings.Contains(err.Error(), "longer than") {
		t.Fatalf("error %v", err)
	}
}

// One hostile record — a host element, a CSV record — is refused at the record cap,
// not decoded whole: decoders hold a record in memory at several times its size (a
// 200 MB address attribute took 1.1 GB, 2M port elements in one host 1.9 GB). Start
// tags nested without end are refused at a small depth (1M of them took 244 MB).
// Entities other than XML's own are not expanded (billion laughs).
func TestReadListImportHostileRecords(t *testing.T) {
	const big = 8 << 20
	cases := []struct {
		name, in, want string
	}{
		{"huge attribute", `<?xml version="1.0"?><nmaprun><host><address addr="` + strings.Repeat("1", big) + `" addrtype="ipv4"/></host></nmaprun>`, "record longer"},
		{"many ports", `<?xml version="1.0"?><nmaprun><host><address addr="10.0.0.1" addrtype="ipv4"/><ports>` +
			strings.Repeat(`<port protocol="tcp" portid="1"><state state="closed"/></port>`, big/60) + `</ports></host></nmaprun>`, "record longer"},
		{"huge comment", `<?xml version="1.0"?><nmaprun><!--` + strings.Repeat("x", big) + `--></nmaprun>`, "record longer"},
		{"deep nesting", `<?xml version="1.0"?><nmaprun>` + strings.Repeat("<a>", 100000) + strings.Repeat("</a>", 100000) + `</nmaprun>`, "nested deeper"},
		{"entities", `<?xml version="1.0"?><!DOCTYPE nmaprun [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><nmaprun><host><address addr="&b;" addrtype="ipv4"/></host></nmaprun>`, "entity"},
		{"csv open quote", "saddr\n\"" + strings.Repeat("x", big), "record longer"},
		{"csv long line", "saddr,sport\n" + strings.Repeat("1", big) + ",80\n", "record longer"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			runtime.GC()
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			specs, err := ReadList(strings.NewReader(c.in), "hostile")
			runtime.ReadMemStats(&m1)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("%d specs, err %v; want an error about %q", len(specs), err, c.want)
			}
			if grew := m1.TotalAlloc - m0.TotalAlloc; grew > 4*big {
				t.Errorf("reading took %d MB for an input of %d MB", grew>>20, len(c.in)>>20)
			}
		})
	}
}
