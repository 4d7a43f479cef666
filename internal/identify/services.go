package identify

import (
	"bytes"
	"strings"

	"github.com/leakwatch/leakwatch/internal/lazyre"
	"github.com/leakwatch/leakwatch/internal/store"
)

// Names of what is not a data store, as reported. Any banner no matcher knows is
// "unknown", with its first bytes.
const (
	NameHTTP    = "http"
	NameTLS     = "tls"
	NameUnknown = "unknown"
)

// service is a kind of service that is not a data store: it is named in the report,
// never explored.
type service struct {
	name        string
	ports       []int
	tlsPorts    []int
	serverFirst bool
	banners     []store.BannerMatch
}

// services are the non-store services identification names. Their banners are tried
// after every store's.
var services = []service{
	{name: "ssh", ports: []int{22, 2222}, serverFirst: true, banners: []store.BannerMatch{{Protocol: "ssh", Match: matchSSH}}},
	{name: "ftp", ports: []int{21}, serverFirst: true, banners: []store.BannerMatch{{Protocol: "ftp", Match: match220("ftp", ftpWords)}}},
	{name: "smtp", ports: []int{25, 465, 587}, tlsPorts: []int{465}, serverFirst: true,
		banners: []store.BannerMatch{{Protocol: "smtp", Match: match220("smtp", smtpWords)}}},
	{name: "pop3", ports: []int{110, 995}, tlsPorts: []int{995}, serverFirst: true,
		banners: []store.BannerMatch{{Protocol: "pop3", Match: matchLine("+OK")}}},
	{name: "imap", ports: []int{143, 993}, tlsPorts: []int{993}, serverFirst: true,
		banners: []store.BannerMatch{{Protocol: "imap", Match: matchLine("* OK")}}},
	{name: "nats", ports: []int{4222}, serverFirst: true, banners: []store.BannerMatch{{Protocol: "nats", Match: matchNATS}}},
	{name: "vnc", ports: []int{5900}, serverFirst: true, banners: []store.BannerMatch{{Protocol: "vnc", Match: matchPrefixLine("RFB ")}}},
	{name: "telnet", ports: []int{23}, serverFirst: true, banners: []store.BannerMatch{{Protocol: "telnet", Match: matchTelnet}}},
	// An HTTP status line nobody asked for (a server that greets in HTTP, or answers a
	// hello with one).
	{name: NameHTTP, ports: []int{80, 443, 8000, 8080, 8443, 8888}, tlsPorts: []int{443, 8443},
		banners: []store.BannerMatch{{Protocol: NameHTTP, Match: matchPrefixLine("HTTP/1.")}}},
}

// line returns the first line of data without its end, and whether it is complete.
func line(data []byte) ([]byte, bool) {
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		return bytes.TrimRight(data[:i], "\r"), true
	}
	return data, false
}

// prefixVerdict is NoMatch once data differs from p, NeedMore while it is p's prefix.
func prefixVerdict(data []byte, p string) (store.Verdict, bool) {
	n := min(len(data), len(p))
	if string(data[:n]) != p[:n] {
		return store.NoMatch, false
	}
	if len(data) < len(p) {
		return store.NeedMore, false
	}
	return store.NeedMore, true
}

// prefixedLine waits for a first line that starts with p. Unless ok, v is the verdict
// to give: NoMatch once data differs from p (or the final read ends before p), else
// NeedMore while p or the line is incomplete, the line is shorter than max bytes and
// more may come. With ok, l is the first line (as much of it as came).
func prefixedLine(data []byte, final bool, p string, max int) (l []byte, v store.Verdict, ok bool) {
	if v, ok := prefixVerdict(data, p); !ok {
		if final {
			return nil, store.NoMatch, false
		}
		return nil, v, false
	}
	l, complete := line(data)
	if !complete && !final && len(data) < max {
		return nil, store.NeedMore, false
	}
	return l, store.Match, true
}

// matchPrefixLine matches a first line starting with p; the rest of the line is the
// version.
func matchPrefixLine(p string) func([]byte, bool, *store.Identity) store.Verdict {
	return func(data []byte, final bool, id *store.Identity) store.Verdict {
		l, v, ok := prefixedLine(data, final, p, 256)
		if !ok {
			return v
		}
		id.Version = strings.TrimSpace(string(cut(l[len(p):], 128)))
		return store.Match
	}
}

// matchLine matches a first line starting with p (no version taken from it, so no
// need to wait for the line's end).
func matchLine(p string) func([]byte, bool, *store.Identity) store.Verdict {
	return func(data []byte, final bool, id *store.Identity) store.Verdict {
		_, v, _ := prefixedLine(data, final, p, 0)
		return v
	}
}

// matchSSH reads "SSH-2.0-OpenSSH_9.2p1 Debian-2": the software version is the rest.
func matchSSH(data []byte, final bool, id *store.Identity) store.Verdict {
	l, v, ok := prefixedLine(data, final, "SSH-", 256)
	if !ok {
		return v
	}
	s := string(cut(l, 255))
	if parts := strings.SplitN(s, "-", 3); len(parts) == 3 {
		id.SetDetail("protocol_version", parts[1])
		id.Version = parts[2]
	}
	return store.Match
}

var (
	ftpWords  = lazyre.New(`(?i)ftp|filezilla|pure-?ftpd|proftpd|vsftpd`)
	smtpWords = lazyre.New(`(?i)e?smtp|postfix|exim|sendmail|mail|mta`)

	natsVersion = lazyre.New(`"version":"([^"]{1,64})"`)
)

// match220 matches the "220" greeting of FTP and SMTP, told apart by what it says.
func match220(name string, words *lazyre.Regexp) func([]byte, bool, *store.Identity) store.Verdict {
	return func(data []byte, final bool, id *store.Identity) store.Verdict {
		l, v, ok := prefixedLine(data, final, "220", 512)
		if !ok {
			return v
		}
		if !words.Match(l) {
			return store.NoMatch
		}
		id.SetDetail("greeting", string(cut(l, 200)))
		return store.Match
	}
}

// matchNATS reads NATS's INFO {…} line.
func matchNATS(data []byte, final bool, id *store.Identity) store.Verdict {
	l, v, ok := prefixedLine(data, final, "INFO {", store.MaxBanner)
	if !ok {
		return v
	}
	if m := natsVersion.FindSubmatch(l); m != nil {
		id.Version = string(m[1])
	}
	return store.Match
}

// matchTelnet recognises a telnet server's option negotiation (IAC DO/WILL …).
func matchTelnet(data []byte, final bool, _ *store.Identity) store.Verdict {
	if len(data) < 2 {
		if len(data) == 1 && data[0] == 0xff && !final {
			return store.NeedMore
		}
		return store.NoMatch
	}
	if data[0] == 0xff && data[1] >= 0xfb && data[1] <= 0xfe {
		return store.Match
	}
	return store.NoMatch
}

func cut(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}
