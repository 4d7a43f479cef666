package clickhouse

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/leakwatch/leakwatch/internal/lazyre"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

// UserAgent is sent with every HTTP request; it shows in the server's query_log
// (http_user_agent) so operators can tell leakwatch's queries apart.
var UserAgent = "leakwatch"

// QueryIDPrefix starts every query id leakwatch sends, followed by a random session id.
const QueryIDPrefix = "leakwatch-"

// settingsMode is how much of our session settings a server accepts. A server refuses
// them only when the user's profile is already read-only (code 164), which is the one
// case where leaving readonly=1 out is safe: the server enforces it for us.
type settingsMode int

const (
	modeFull         settingsMode = iota // readonly=1 and every limit
	modeLimitsOnly                       // profile readonly=2: limits but not readonly
	modeReadonlyOnly                     // profile readonly=1: no setting may change; readonly=1 is accepted as a no-op
	modeNone                             // profile readonly=1 on a server that refuses even the no-op
)

// httpSession runs bounded read-only queries as one user.
type httpSession struct {
	// h is the transport: probekit's session, with the credential it logs in as.
	h    *probekit.Session
	opts *store.Options
	id   string // random, part of every query id
	seq  atomic.Int64
	mode settingsMode
	// constrained are the settings the user's profile constraints refused (code 452):
	// they are no longer sent; the server's own values stand.
	constrained map[string]bool
	// lastHeader is the last response's, for fingerprinting.
	lastHeader http.Header
}

func newSessionID() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// queryLimits bound one query on the server; zero fields take the session's defaults.
type queryLimits struct {
	maxRows  int
	maxBytes int64
	timeout  time.Duration
}

func (s *httpSession) params(l queryLimits) url.Values {
	v := url.Values{}
	v.Set("query_id", QueryIDPrefix+s.id+"-"+strconv.FormatInt(s.seq.Add(1), 10))
	if s.mode == modeFull || s.mode == modeLimitsOnly {
		if l.maxRows <= 0 {
			l.maxRows = 10000
		}
		if l.maxBytes <= 0 {
			l.maxBytes = s.opts.MaxResponseBytes
		}
		secs := int(l.timeout.Round(time.Second) / time.Second)
		if secs < 1 {
			secs = 1
		}
		s.set(v, "max_result_rows", strconv.Itoa(l.maxRows))
		s.set(v, "max_result_bytes", strconv.FormatInt(l.maxBytes, 10))
		s.set(v, "result_overflow_mode", "break")
		s.set(v, "max_execution_time", strconv.Itoa(secs))
		s.set(v, "max_threads", "2") // a scan must not take every core of someone's server
	}
	return v
}

func (s *httpSession) set(v url.Values, name, value string) {
	if !s.constrained[name] {
		v.Set(name, value)
	}
}

// encodeParams writes readonly last: servers apply the URL's settings together, but a
// reader of logs sees at a glance that it is there.
func (s *httpSession) encodeParams(v url.Values) string {
	q := v.Encode()
	if (s.mode == modeFull || s.mode == modeReadonlyOnly) && !s.constrained["readonly"] {
		if q != "" {
			q += "&"
		}
		q += "readonly=1"
	}
	return q
}

// do sends one query and returns the response for the caller to read; the body must be
// closed. It applies the read-only guard and the settings fallback.
func (s *httpSession) do(ctx context.Context, q string, l queryLimits) (*http.Response, error) {
	if err := checkReadOnly(q); err != nil {
		return nil, err
	}
	if l.timeout <= 0 {
		l.timeout = s.opts.IOTimeout
	}
	for {
		resp, err := s.send(ctx, q, l)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusOK {
			return resp, nil
		}
		body, _ := probekit.ReadBody(resp, 64<<10)
		se := parseHTTPException(body, resp.Header.Get("X-ClickHouse-Exception-Code"))
		if se == nil {
			return nil, fmt.Errorf("%w: HTTP %d: %.200q", store.ErrProtocol, resp.StatusCode, body)
		}
		if name := se.constrainedSetting(); name != "" && s.sends(name) {
			// A profile constraint (<constraints> with const/readonly/min/max) refused one
			// of our settings; users with readonly=0 meet this too. Send the rest: the
			// server's own value stands for that one, and the read-only guard of
			// checkReadOnly still holds every query to a plain read.
			if s.constrained == nil {
				s.constrained = map[string]bool{}
			}
			s.constrained[name] = true
			continue
		}
		if se.isSettingsReadonly() && s.mode != modeNone {
			switch {
			case s.mode == modeFull && se.mentionsReadonlySetting():
				s.mode = modeLimitsOnly
			case s.mode == modeFull:
				s.mode = modeReadonlyOnly
			default:
				s.mode = modeNone
			}
			continue
		}
		return nil, se
	}
}

// sends reports whether the session still sends the setting name, so that a refusal
// naming it can be answered by leaving it out (each setting once: the retries end).
func (s *httpSession) sends(name string) bool {
	if s.constrained[name] {
		return false
	}
	switch name {
	case "readonly":
		return s.mode == modeFull || s.mode == modeReadonlyOnly
	case "max_result_rows", "max_result_bytes", "result_overflow_mode", "max_execution_time", "max_threads":
		return s.mode == modeFull || s.mode == modeLimitsOnly
	}
	return false
}

func (s *httpSession) send(ctx context.Context, q string, l queryLimits) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(ctx, l.timeout+2*time.Second)
	resp, err := s.h.Stream(ctx, http.MethodPost, "/?"+s.encodeParams(s.params(l)), []byte(q), queryHeader)
	if err != nil {
		cancel()
		return nil, err
	}
	s.lastHeader = resp.Header
	resp.Body = &cancelBody{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

// queryHeader is sent with every query: its text is the POST body.
var queryHeader = http.Header{"Content-Type": {"text/plain; charset=UTF-8"}}

// newHTTPSession opens a query session to ep as c (nil: the default user without a
// password) over probekit's one HTTP layer, named by UserAgent in the query log.
func newHTTPSession(ep store.Endpoint, o *store.Options, useTLS bool, c *store.Credential) *httpSession {
	h := probekit.NewSession(ep, o, useTLS)
	h.UserAgent = UserAgent
	return &httpSession{h: h.As(c), opts: o, id: newSessionID()}
}

// as is a session on the same connections that logs in as c, with a query id of its own.
func (s *httpSession) as(c *store.Credential) *httpSession {
	return &httpSession{h: s.h.As(c), opts: s.opts, id: newSessionID()}
}

type cancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// rows runs a "… FORMAT JSONCompact" query and returns its rows as text cells.
func (s *httpSession) rows(ctx context.Context, q string, l queryLimits) ([][]string, error) {
	resp, err := s.do(ctx, q+" FORMAT JSONCompact", l)
	if err != nil {
		return nil, err
	}
	body, readErr := probekit.ReadBody(resp, s.opts.MaxResponseBytes)
	// A failure after the first bytes went out comes inside the 200 response, and a
	// 25.11+ server then breaks the HTTP framing on purpose: look for the exception
	// before trusting either the body or the read error.
	if se := streamedException(body, resp); se != nil {
		return nil, se
	}
	if readErr != nil {
		return nil, readErr
	}
	return parseJSONCompact(body, l.maxRows)
}

// exceptionBlockRE is the block a 25.11+ server writes when a query fails after the
// response started (WriteBufferFromHTTPServerResponse::cancelWithException, ClickHouse
// PR 88818): "\r\n__exception__\r\n<tag>\r\n<message>\n<length> <tag>\r\n__exception__\r\n",
// the tag being the response's X-ClickHouse-Exception-Tag header.
var exceptionBlockRE = lazyre.New(`(?s)__exception__\r?\n([A-Za-z0-9]{1,64})\r?\n(.*?)\n?(\d{1,10}) ([A-Za-z0-9]{1,64})\r?\n__exception__`)

// streamedException finds an error a server reported inside a response that had
// already started: the __exception__ block (25.11+), an "exception" member of the JSON
// output (http_write_exception_in_output_format, default on in 23.x and 24.x), a
// trailing "Code: …" line (older servers), or the X-ClickHouse-Exception-Code trailer.
func streamedException(body []byte, resp *http.Response) *ServerError {
	tail := body
	if len(tail) > 16<<10 {
		tail = tail[len(tail)-16<<10:]
	}
	if se := exceptionBlock(tail, resp.Header.Get("X-ClickHouse-Exception-Tag")); se != nil {
		return se
	}
	if se := jsonException(body); se != nil {
		return se
	}
	if se := trailingException(body); se != nil {
		return se
	}
	if resp.Trailer != nil {
		if c := resp.Trailer.Get("X-ClickHouse-Exception-Code"); c != "" && c != "0" {
			if se := parseHTTPException(nil, c); se != nil {
				se.Message = "the server reported an error after the response started (code in the trailer)"
				return se
			}
		}
	}
	return nil
}

// exceptionBlock parses the __exception__ block; tag, when the response named one,
// must match, so that data that merely contains the word is not taken for an error.
func exceptionBlock(b []byte, tag string) *ServerError {
	i := strings.LastIndex(string(b), "__exception__")
	if i < 0 {
		return nil
	}
	// The block starts at the last opening marker before the closing one.
	start := strings.LastIndex(string(b[:i]), "__exception__")
	if start < 0 {
		return nil
	}
	m := exceptionBlockRE.FindSubmatch(b[start:])
	if m == nil || string(m[1]) != string(m[4]) || (tag != "" && string(m[1]) != tag) {
		return nil
	}
	msg := m[2]
	if se := parseHTTPException(msg, ""); se != nil {
		return se
	}
	return &ServerError{Code: 0, Name: "DB::Exception", Message: firstLine(strings.TrimSpace(string(msg)))}
}

// jsonException reads the "exception" member that JSON and JSONCompact output end with
// when a query fails mid-stream (JSONUtils::writeException).
func jsonException(body []byte) *ServerError {
	if !bytes.Contains(body, []byte(`"exception"`)) {
		return nil
	}
	var doc struct {
		Exception *string `json:"exception"`
	}
	if err := json.Unmarshal(body, &doc); err == nil && doc.Exception == nil {
		return nil // "exception" was a value, not the member
	} else if err != nil {
		// A cut or broken document: look at its end for the member.
		i := bytes.LastIndex(body, []byte(`"exception"`))
		rest := bytes.TrimLeft(body[i+len(`"exception"`):], " \t\r\n:")
		var msg string
		if json.NewDecoder(bytes.NewReader(rest)).Decode(&msg) != nil {
			return nil
		}
		doc.Exception = &msg
	}
	if se := parseHTTPException([]byte(*doc.Exception), ""); se != nil {
		return se
	}
	return &ServerError{Name: "DB::Exception", Message: firstLine(*doc.Exception)}
}

// trailingException finds an exception that a server appended to a 200 response when a
// query failed after it had started streaming.
func trailingException(body []byte) *ServerError {
	tail := body
	if len(tail) > 4096 {
		tail = tail[len(tail)-4096:]
	}
	i := strings.LastIndex(string(tail), "Code: ")
	if i < 0 || (i > 0 && tail[i-1] != '\n') {
		return nil
	}
	return parseHTTPException(tail[i:], "")
}

// parseJSONCompact reads {"meta":…, "data":[[…],…]} and renders every cell as text:
// strings as themselves, numbers as written, anything nested as compact JSON. It keeps
// at most maxRows rows (10000 when 0), what the query asked the server for: a server
// that ignores max_result_rows and LIMIT is read no further (decoded whole, 8 MiB of
// rows cost about 500 MiB, once per query).
func parseJSONCompact(body []byte, maxRows int) ([][]string, error) {
	if maxRows <= 0 {
		maxRows = 10000
	}
	data, ok, err := probekit.ObjectMember(body, "data")
	if err != nil {
		return nil, fmt.Errorf("%w: JSONCompact: %v", store.ErrProtocol, err)
	}
	if !ok {
		return nil, nil
	}
	rows, _, err := probekit.DecodeList[[]json.RawMessage](data, maxRows)
	if err != nil {
		return nil, fmt.Errorf("%w: JSONCompact: %v", store.ErrProtocol, err)
	}
	out := make([][]string, len(rows))
	for i, row := range rows {
		out[i] = make([]string, len(row))
		for j, cell := range row {
			out[i][j] = cellText(cell)
		}
	}
	return out, nil
}

func cellText(raw json.RawMessage) string {
	if len(raw) > 0 && raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			// (a FixedString is padded with zero bytes: the value is what stands before)
			return strings.TrimRight(s, "\x00")
		}
	}
	if string(raw) == "null" {
		return ""
	}
	return string(raw)
}

// readLine reads one line of at most max bytes; a longer line is consumed to its end and
// reported as truncated, so one huge row cannot take the memory of the scan.
func readLine(r *bufio.Reader, max int) (line []byte, truncated bool, err error) {
	for {
		chunk, err := r.ReadSlice('\n')
		room := max - len(line)
		if room > 0 {
			take := chunk
			if len(take) > room {
				take = take[:room]
				truncated = true
			}
			line = append(line, take...)
		} else if len(chunk) > 0 {
			truncated = true
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && !(errors.Is(err, io.EOF) && len(line) > 0) {
			return line, truncated, err
		}
		return line, truncated, nil
	}
}
