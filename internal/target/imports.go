package target

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"strconv"
	"strings"
)

// ListFormat names the shape of a target list. ReadList recognises it from the content,
// so users hand over what other scanners wrote without saying what it is.
type ListFormat string

const (
	FormatPlain         ListFormat = "plain"        // leakwatch's own: specs separated by blanks, # comments
	FormatNmapXML       ListFormat = "nmap-xml"     // nmap -oX
	FormatGrepable      ListFormat = "grepable"     // nmap -oG, masscan -oG
	FormatMasscanList   ListFormat = "masscan-list" // masscan -oL
	FormatJSON          ListFormat = "json"         // masscan -oJ (array) and -oD (ndjson), naabu -json
	FormatCSV           ListFormat = "csv"          // zmap -O csv (header naming saddr), naabu -csv (ip, port)
	maxImportErrors                = maxListErrors
	maxImportRecordSize            = 1 << 20 // one JSON object or XML host element
)

// DetectFormat tells a list's format from its first bytes (a few KiB are plenty).
func DetectFormat(head []byte) ListFormat {
	h := bytes.TrimLeft(head, " \t\r\n\ufeff")
	h = bytes.TrimPrefix(h, []byte("\xef\xbb\xbf"))
	switch {
	case bytes.HasPrefix(h, []byte("<?xml")) || bytes.HasPrefix(h, []byte("<!DOCTYPE nmaprun")) ||
		bytes.HasPrefix(h, []byte("<nmaprun")):
		if bytes.Contains(head, []byte("<nmaprun")) {
			return FormatNmapXML
		}
	case bytes.HasPrefix(h, []byte("{")):
		return FormatJSON
	case bytes.HasPrefix(h, []byte("[")):
		// A JSON array, not a bracketed IPv6 address ("[::1]:9000").
		if rest := bytes.TrimLeft(h[1:], " \t\r\n"); len(rest) == 0 || rest[0] == '{' || rest[0] == ']' {
			return FormatJSON
		}
	}
	// Line-based formats: look at the first lines that are not blank.
	sc := bufio.NewScanner(bytes.NewReader(head))
	sc.Buffer(make([]byte, 0, 1024), len(head)+1)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "":
			continue
		case line == "#masscan" || strings.HasPrefix(line, "#masscan "):
			return FormatMasscanList
		case strings.HasPrefix(line, "# Nmap ") || strings.HasPrefix(line, "# Masscan "):
			return FormatGrepable
		case strings.HasPrefix(line, "#"):
			continue
		case strings.HasPrefix(line, "Host: ") || strings.HasPrefix(line, "Timestamp: ") && strings.Contains(line, "\tHost: "):
			return FormatGrepable
		case isMasscanListLine(line):
			return FormatMasscanList
		case isCSVHeader(line):
			return FormatCSV
		}
		return FormatPlain
	}
	return FormatPlain
}

func isMasscanListLine(line string) bool {
	f := strings.Fields(line)
	if len(f) < 4 || (f[0] != "open" && f[0] != "closed") {
		return false
	}
	_, err := strconv.Atoi(f[2])
	return err == nil && (f[1] == "tcp" || f[1] == "udp" || f[1] == "sctp")
}

// isCSVHeader recognises the header of zmap's CSV (a saddr column) and of naabu's (ip
// and port columns).
func isCSVHeader(line string) bool {
	cols := map[string]bool{}
	for _, c := range strings.Split(line, ",") {
		cols[strings.TrimSpace(c)] = true
	}
	return cols["saddr"] || (cols["ip"] && cols["port"])
}

// importer collects what one imported file yields: endpoints reported open, and
// addresses with no port (a ping scan), which take the port list like a plain address.
type importer struct {
	source string
	specs  []Spec
	errs   []error
	bad    int
}

func (im *importer) fail(line int, format string, args ...any) {
	im.bad++
	if len(im.errs) < maxImportErrors {
		loc := im.source
		if line > 0 {
			loc += ":" + strconv.Itoa(line)
		}
		im.errs = append(im.errs, fmt.Errorf("%s: %s", loc, fmt.Sprintf(format, args...)))
	}
}

// addOpen records addr:port as reported open by the tool that wrote the file.
func (im *importer) addOpen(line int, addr string, port int, proto string) {
	if proto != "" && !strings.EqualFold(proto, "tcp") {
		return // leakwatch speaks TCP only; a UDP result is not an error in the file
	}
	a, err := netip.ParseAddr(strings.TrimSpace(addr))
	if err != nil || a.Zone() != "" {
		im.fail(line, "not an IP address: %q", clip(addr))
		return
	}
	if port < 1 || port > 65535 {
		im.fail(line, "port %d out of range", port)
		return
	}
	a = a.Unmap()
	im.specs = append(im.specs, Spec{Kind: KindAddr, First: a, Last: a, Port: port, Open: true,
		Raw: netip.AddrPortFrom(a, uint16(port)).String(), Source: im.source, Line: line})
}

// addHost records an address reported up without any port information: the port list
// applies and discovery runs as for any address.
func (im *importer) addHost(line int, addr string) {
	a, err := netip.ParseAddr(strings.TrimSpace(addr))
	if err != nil || a.Zone() != "" {
		im.fail(line, "not an IP address: %q", clip(addr))
		return
	}
	a = a.Unmap()
	im.specs = append(im.specs, Spec{Kind: KindAddr, First: a, Last: a, Raw: a.String(), Source: im.source, Line: line})
}

func (im *importer) result() ([]Spec, error) {
	if im.bad > maxImportErrors {
		im.errs = append(im.errs, fmt.Errorf("%s: %d more bad entries not shown", im.source, im.bad-maxImportErrors))
	}
	return im.specs, errors.Join(im.errs...)
}

// clip keeps a file's bad value short in an error message; the file may be hostile.
func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}

// errRecordTooLarge ends an import whose one record (a host element, a CSV record) is
// larger than maxImportRecordSize: decoders hold a record whole, so without a cap one
// hostile record as large as the file would take several times its size in memory.
var errRecordTooLarge = fmt.Errorf("a record longer than %d bytes", maxImportRecordSize)

// recordCap reads from r, failing once more than maxImportRecordSize bytes (plus the
// decoder's read-ahead) have been read since the current record began.
type recordCap struct {
	r     io.Reader
	n     int64 // bytes read so far
	limit int64
}

// startRecord gives the next record its budget.
func (c *recordCap) startRecord() { c.limit = c.n + maxImportRecordSize + 64<<10 }

func (c *recordCap) Read(p []byte) (int, error) {
	if c.n >= c.limit {
		return 0, errRecordTooLarge
	}
	p = p[:min(int64(len(p)), c.limit-c.n)]
	k, err := c.r.Read(p)
	c.n += int64(k)
	return k, err
}

// maxXMLDepth bounds element nesting outside host elements (nmap's is a few levels): the
// decoder keeps every open element, so a file of nothing but start tags would grow it.
const maxXMLDepth = 64

// readNmapXML reads nmap's XML output: for every host, its address and the TCP ports
// whose state is open. A host listed without a ports element (a ping scan, -sn) is an
// address taking the port list; a host whose ports are all closed or filtered adds
// nothing. Element by element, so a huge file never sits in memory whole; the decoder
// expands no external entities.
func readNmapXML(r io.Reader, source string) ([]Spec, error) {
	im := &importer{source: source}
	rc := &recordCap{r: r}
	rc.startRecord()
	dec := xml.NewDecoder(rc)
	dec.Strict = true
	type xmlPort struct {
		Protocol string `xml:"protocol,attr"`
		PortID   int    `xml:"portid,attr"`
		State    struct {
			State string `xml:"state,attr"`
		} `xml:"state"`
	}
	type xmlHost struct {
		Status struct {
			State string `xml:"state,attr"`
		} `xml:"status"`
		Addresses []struct {
			Addr     string `xml:"addr,attr"`
			AddrType string `xml:"addrtype,attr"`
		} `xml:"address"`
		Ports *struct {
			Port []xmlPort `xml:"port"`
		} `xml:"ports"`
	}
	sawRun := false
	depth := 0
	for {
		// Between hosts, the budget is per token (a comment, a huge attribute).
		rc.startRecord()
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, _ := dec.InputPos()
			im.fail(line, "not well-formed nmap XML: %v", err)
			break
		}
		if _, ok := tok.(xml.EndElement); ok {
			depth--
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if se.Name.Local == "nmaprun" {
			sawRun = true
		}
		if se.Name.Local != "host" {
			if depth++; depth > maxXMLDepth {
				line, _ := dec.InputPos()
				im.fail(line, "elements nested deeper than %d: not nmap XML output", maxXMLDepth)
				break
			}
			continue
		}
		line, _ := dec.InputPos()
		var h xmlHost
		rc.startRecord()
		if err := dec.DecodeElement(&h, &se); err != nil {
			im.fail(line, "bad host element: %v", err)
			break
		}
		if h.Status.State != "" && h.Status.State != "up" {
			continue
		}
		addr := ""
		for _, a := range h.Addresses {
			if a.AddrType == "ipv4" || a.AddrType == "ipv6" {
				addr = a.Addr
				break
			}
		}
		if addr == "" {
			im.fail(line, "host without an IP address")
			continue
		}
		if h.Ports == nil {
			im.addHost(line, addr)
			continue
		}
		for _, p := range h.Ports.Port {
			if p.State.State == "open" {
				im.addOpen(line, addr, p.PortID, p.Protocol)
			}
		}
	}
	if !sawRun && im.bad == 0 {
		im.fail(0, "no <nmaprun> element: not nmap XML output")
	}
	return im.result()
}

// readGrepable reads nmap's and masscan's grepable output: "Host: ADDR (name)<TAB>Ports:
// 80/open/tcp//http///, 443/closed/tcp//https///", masscan putting "Timestamp: N" first.
// nmap writes a "Status: Up" line before a host's Ports line; a host that only ever has
// a Status line (a ping scan) becomes an address taking the port list.
func readGrepable(r io.Reader, source string) ([]Spec, error) {
	im := &importer{source: source}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxImportRecordSize)
	type upHost struct {
		line int
		addr string
	}
	var up []upHost
	withPorts := map[string]bool{}
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		var addr, ports, status string
		hasHost, hasPorts := false, false
		for _, f := range strings.Split(line, "\t") {
			f = strings.TrimSpace(f)
			switch {
			case strings.HasPrefix(f, "Host: "):
				hasHost = true
				addr, _, _ = strings.Cut(strings.TrimPrefix(f, "Host: "), " ")
			case strings.HasPrefix(f, "Ports: "):
				hasPorts = true
				ports = strings.TrimPrefix(f, "Ports: ")
			case strings.HasPrefix(f, "Status: "):
				status = strings.TrimSpace(strings.TrimPrefix(f, "Status: "))
			}
		}
		switch {
		case !hasHost:
			im.fail(n, "not a grepable Host line")
		case hasPorts:
			withPorts[addr] = true
			for _, p := range strings.Split(ports, ",") {
				parts := strings.Split(strings.TrimSpace(p), "/")
				if len(parts) < 3 {
					im.fail(n, "bad port entry %q", clip(p))
					continue
				}
				port, err := strconv.Atoi(parts[0])
				if err != nil {
					im.fail(n, "bad port %q", clip(parts[0]))
					continue
				}
				if parts[1] == "open" {
					im.addOpen(n, addr, port, parts[2])
				}
			}
		case status == "Up":
			up = append(up, upHost{n, addr})
		case status != "":
			// Down, or another state: nothing to scan.
		default:
			im.fail(n, "Host line without Ports or Status")
		}
	}
	if err := sc.Err(); err != nil {
		im.fail(n+1, "%v", err)
	}
	for _, h := range up {
		if !withPorts[h.addr] {
			im.addHost(h.line, h.addr)
		}
	}
	return im.result()
}

// readMasscanList reads masscan -oL: "open tcp 8123 10.0.0.5 1700000000" lines between
// "#masscan" and "# end"; banner lines are skipped.
func readMasscanList(r io.Reader, source string) ([]Spec, error) {
	im := &importer{source: source}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxImportRecordSize)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 4 {
			im.fail(n, "not a masscan list line")
			continue
		}
		switch f[0] {
		case "open":
			port, err := strconv.Atoi(f[2])
			if err != nil {
				im.fail(n, "bad port %q", clip(f[2]))
				continue
			}
			im.addOpen(n, f[3], port, f[1])
		case "closed", "banner":
		default:
			im.fail(n, "unknown masscan record %q", clip(f[0]))
		}
	}
	if err := sc.Err(); err != nil {
		im.fail(n+1, "%v", err)
	}
	return im.result()
}

// jsonRecord is the union of the records masscan (-oJ, -oD) and naabu (-json) write.
type jsonRecord struct {
	IP       string          `json:"ip"`
	Host     string          `json:"host"`
	Port     json.RawMessage `json:"port"`
	Proto    string          `json:"proto"`
	Protocol string          `json:"protocol"`
	Ports    []struct {
		Port   json.RawMessage `json:"port"`
		Proto  string          `json:"proto"`
		Status string          `json:"status"`
	} `json:"ports"`
	RecType string `json:"rec_type"`
	Data    struct {
		Status string `json:"status"`
	} `json:"data"`
	Status string `json:"status"`
}

// portOf reads a port written as a number or a string.
func portOf(raw json.RawMessage) (int, bool) {
	s := strings.Trim(strings.TrimSpace(string(raw)), `"`)
	if s == "" {
		return 0, false
	}
	p, err := strconv.Atoi(s)
	return p, err == nil
}

// readJSON reads a JSON array of records, or records one after another (JSON lines),
// tolerating the separators masscan's array output is known for (a comma before the
// closing bracket, a comma on a line of its own) and masscan's closing {"finished":1}.
func readJSON(r io.Reader, source string) ([]Spec, error) {
	im := &importer{source: source}
	br := bufio.NewReaderSize(r, 64<<10)
	line := 1
	for {
		raw, at, err := nextJSONRecord(br, &line)
		if err == io.EOF {
			break
		}
		if err != nil {
			im.fail(at, "%v", err)
			break
		}
		var jr jsonRecord
		if err := json.Unmarshal(raw, &jr); err != nil {
			im.fail(at, "%v", err)
			continue
		}
		im.addJSON(at, &jr)
	}
	return im.result()
}

func (im *importer) addJSON(line int, jr *jsonRecord) {
	addr := jr.IP
	if addr == "" {
		addr = jr.Host
	}
	if addr == "" {
		return // masscan's {"finished": 1}, naabu's statistics
	}
	switch {
	case len(jr.Ports) > 0: // masscan -oJ
		for _, p := range jr.Ports {
			port, ok := portOf(p.Port)
			if !ok {
				im.fail(line, "bad port")
				continue
			}
			if p.Status == "" || p.Status == "open" {
				im.addOpen(line, addr, port, p.Proto)
			}
		}
	case len(jr.Port) > 0: // masscan -oD, naabu
		if jr.RecType != "" && jr.RecType != "status" {
			return // masscan banner records
		}
		port, ok := portOf(jr.Port)
		if !ok {
			im.fail(line, "bad port")
			return
		}
		status := jr.Data.Status
		if status == "" {
			status = jr.Status
		}
		if status != "" && status != "open" {
			return
		}
		proto := jr.Proto
		if proto == "" {
			proto = jr.Protocol
		}
		im.addOpen(line, addr, port, proto)
	default:
		im.addHost(line, addr)
	}
}

// nextJSONRecord returns the next top-level {...} object and the line it starts on,
// skipping the whitespace, brackets and commas around it; *line counts the lines read.
// It follows strings and nesting only as far as needed to find the object's end, and
// refuses an object larger than maxImportRecordSize.
func nextJSONRecord(br *bufio.Reader, line *int) ([]byte, int, error) {
	for {
		b, err := br.ReadByte()
		if err != nil {
			return nil, *line, err
		}
		switch b {
		case '\n':
			*line++
			continue
		case ' ', '\t', '\r', ',', '[', ']':
			continue
		case 0xef: // a UTF-8 byte order mark
			if rest, err := br.Peek(2); err == nil && rest[0] == 0xbb && rest[1] == 0xbf {
				br.Discard(2)
				continue
			}
		case '{':
			at := *line
			obj, err := readJSONObject(br, line)
			return obj, at, err
		}
		return nil, *line, fmt.Errorf("unexpected %q between JSON records", b)
	}
}

func readJSONObject(br *bufio.Reader, line *int) ([]byte, error) {
	buf := []byte{'{'}
	depth, inString, escaped := 1, false, false
	for depth > 0 {
		b, err := br.ReadByte()
		if err == io.EOF {
			return nil, io.ErrUnexpectedEOF
		}
		if err != nil {
			return nil, err
		}
		if len(buf) >= maxImportRecordSize {
			return nil, fmt.Errorf("a record longer than %d bytes", maxImportRecordSize)
		}
		buf = append(buf, b)
		if b == '\n' {
			*line++
		}
		switch {
		case escaped:
			escaped = false
		case inString && b == '\\':
			escaped = true
		case b == '"':
			inString = !inString
		case inString:
		case b == '{' || b == '[':
			depth++
		case b == '}' || b == ']':
			depth--
		}
	}
	return buf, nil
}

// readCSV reads zmap's CSV output — a header naming saddr and, when the probe module
// gives them, sport (the scanned port, as the answer's source port), success and repeat
// — and naabu's (ip, port, protocol). Rows whose success is not 1 or that repeat an
// earlier answer are skipped; without a port column the address takes the port list.
func readCSV(r io.Reader, source string) ([]Spec, error) {
	im := &importer{source: source}
	rc := &recordCap{r: r}
	rc.startRecord()
	cr := csv.NewReader(rc)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	cr.Comment = '#'
	header, err := cr.Read()
	if err != nil {
		im.fail(1, "no CSV header: %v", err)
		return im.result()
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(h)] = i
	}
	addrCol, portCol := "saddr", "sport"
	if _, ok := col["saddr"]; !ok {
		addrCol, portCol = "ip", "port"
	}
	if _, ok := col[addrCol]; !ok {
		im.fail(1, "the header names no saddr or ip column")
		return im.result()
	}
	get := func(rec []string, name string) (string, bool) {
		i, ok := col[name]
		if !ok || i >= len(rec) {
			return "", false
		}
		return strings.TrimSpace(rec[i]), true
	}
	for {
		rc.startRecord()
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			line := 0
			if pe := (*csv.ParseError)(nil); errors.As(err, &pe) {
				line = pe.Line
			}
			im.fail(line, "%v", err)
			break
		}
		line, _ := cr.FieldPos(0)
		addr, ok := get(rec, addrCol)
		if !ok {
			im.fail(line, "row without %s", addrCol)
			continue
		}
		if v, ok := get(rec, "success"); ok && v != "1" && v != "true" {
			continue
		}
		if v, ok := get(rec, "repeat"); ok && (v == "1" || v == "true") {
			continue
		}
		v, ok := get(rec, portCol)
		if !ok {
			im.addHost(line, addr)
			continue
		}
		port, err := strconv.Atoi(v)
		if err != nil {
			im.fail(line, "bad %s %q", portCol, clip(v))
			continue
		}
		proto, _ := get(rec, "protocol")
		im.addOpen(line, addr, port, proto)
	}
	return im.result()
}
