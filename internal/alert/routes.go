package alert

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/smtp"
	neturl "net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/leakwatch/leakwatch/internal/untrusted"
)

// Sender delivers one alert. payload is the alert's JSON, exactly as stored in the
// outbox, so that a retried delivery sends the same bytes.
type Sender interface {
	Send(ctx context.Context, a *Alert, payload []byte) error
}

// Headers set on webhook deliveries.
const (
	SignatureHeader   = "X-Leakwatch-Signature"
	IdempotencyHeader = "Idempotency-Key"
)

// DefaultTimeout bounds one delivery attempt when a route sets none.
const DefaultTimeout = 15 * time.Second

func timeoutOr(d time.Duration) time.Duration {
	if d <= 0 {
		return DefaultTimeout
	}
	return d
}

// Sign computes the signature header value for body at time t: "t=<unix>,v1=<hex>",
// where v1 is HMAC-SHA256(secret, "<unix>.<body>"). Binding the timestamp into the MAC
// lets receivers refuse replays of old deliveries.
func Sign(secret, body []byte, t time.Time) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(ts))
	m.Write([]byte{'.'})
	m.Write(body)
	return "t=" + ts + ",v1=" + hex.EncodeToString(m.Sum(nil))
}

// Verify checks a signature header against body, refusing signatures older or newer
// than tolerance. Receivers written in Go can use it as is.
func Verify(secret, body []byte, header string, now time.Time, tolerance time.Duration) error {
	var ts string
	var sigs []string
	for _, part := range strings.Split(header, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			continue
		}
		switch k {
		case "t":
			ts = v
		case "v1":
			sigs = append(sigs, v)
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || len(sigs) == 0 {
		return errors.New("malformed signature header")
	}
	if d := now.Sub(time.Unix(sec, 0)); d > tolerance || d < -tolerance {
		return fmt.Errorf("signature timestamp is %v away from now", d.Round(time.Second))
	}
	want := Sign(secret, body, time.Unix(sec, 0))
	_, wantMAC, _ := strings.Cut(want, ",v1=")
	for _, s := range sigs {
		if hmac.Equal([]byte(s), []byte(wantMAC)) {
			return nil
		}
	}
	return errors.New("signature mismatch")
}

// NewHTTPClient builds the one client a webhook or Slack route uses for all its
// deliveries, so that connections to the receiver are kept alive and reused rather than
// opened (and leaked) per alert. Every step is bounded by the route's timeout.
func NewHTTPClient(timeout time.Duration) *http.Client {
	t := timeoutOr(timeout)
	return &http.Client{
		Timeout:       t,
		CheckRedirect: sameOrigin,
		Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: min(t, 30*time.Second), KeepAlive: 30 * time.Second}).DialContext,
			ForceAttemptHTTP2:     true,
			TLSHandshakeTimeout:   min(t, 10*time.Second),
			ResponseHeaderTimeout: t,
			ExpectContinueTimeout: time.Second,
			// One receiver per route: a couple of idle connections are plenty, and
			// idle ones are closed after a while rather than held for ever.
			MaxIdleConns:        2,
			MaxIdleConnsPerHost: 2,
			MaxConnsPerHost:     4,
			IdleConnTimeout:     90 * time.Second,
		},
	}
}

// sameOrigin follows a redirect only on the first request's scheme, host and port: a
// 307 or 308 posts the alert again, body and headers, to wherever Location names, and a
// receiver must not be able to send a route's alerts (or its signature) to another host
// or over plain HTTP. A refused redirect fails the delivery, naming the other host only.
func sameOrigin(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return errors.New("stopped after 10 redirects")
	}
	first := via[0].URL
	if req.URL.Scheme != first.Scheme || !strings.EqualFold(req.URL.Host, first.Host) {
		return fmt.Errorf("redirect to %s refused: a delivery follows redirects only on its route's own scheme, host and port", hostOnly(req.URL.String()))
	}
	return nil
}

// httpRoute holds a route's client, built on first use when none was given.
type httpRoute struct {
	once   sync.Once
	client *http.Client
}

func (h *httpRoute) get(given *http.Client, timeout time.Duration) *http.Client {
	h.once.Do(func() {
		h.client = given
		if h.client == nil {
			h.client = NewHTTPClient(timeout)
		}
	})
	return h.client
}

func (h *httpRoute) closeIdle() {
	if h.client != nil {
		h.client.CloseIdleConnections()
	}
}

func post(ctx context.Context, client *http.Client, url string, body []byte, hdr http.Header) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header = hdr
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "leakwatch-alert")
	resp, err := client.Do(req)
	if err != nil {
		// The client's error quotes the whole URL, and a route's URL is often its secret
		// (a Slack webhook's path, a token in the query): name only its host, since the
		// error goes to the log and into the outbox.
		var ue *neturl.Error
		if errors.As(err, &ue) {
			return fmt.Errorf("%s %s: %w", ue.Op, hostOnly(url), ue.Err)
		}
		return err
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	// Drain a little more so that the connection can be reused for the next alert.
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("HTTP %d: %s", resp.StatusCode, strings.TrimSpace(string(msg)))
	}
	return nil
}

// hostOnly renders a route's URL without what may be its secret: user, path and query.
func hostOnly(raw string) string {
	u, err := neturl.Parse(raw)
	if err != nil || u.Host == "" {
		return "(the route's URL)"
	}
	s := u.Scheme + "://" + u.Host
	if u.Path != "" && u.Path != "/" || u.RawQuery != "" {
		s += "/…"
	}
	return s
}

// Webhook posts the alert JSON, signed with HMAC-SHA256 when a secret is set.
type Webhook struct {
	URL     string
	Secret  []byte
	Timeout time.Duration
	// Client is used for every delivery; nil builds NewHTTPClient(Timeout) once.
	Client *http.Client
	// Now is the clock used for signatures (tests).
	Now func() time.Time

	http httpRoute
}

// CloseIdleConnections closes the route's idle connections (on reload and shutdown).
func (w *Webhook) CloseIdleConnections() { w.http.closeIdle() }

func (w *Webhook) Send(ctx context.Context, a *Alert, payload []byte) error {
	ctx, cancel := context.WithTimeout(ctx, timeoutOr(w.Timeout))
	defer cancel()
	now := time.Now
	if w.Now != nil {
		now = w.Now
	}
	hdr := http.Header{}
	hdr.Set(IdempotencyHeader, a.Key)
	if len(w.Secret) > 0 {
		hdr.Set(SignatureHeader, Sign(w.Secret, payload, now()))
	}
	return post(ctx, w.http.get(w.Client, w.Timeout), w.URL, payload, hdr)
}

// Slack posts a text message in Slack's incoming-webhook format, which Mattermost,
// Rocket.Chat and others accept too.
type Slack struct {
	URL     string
	Timeout time.Duration
	// Client is used for every delivery; nil builds NewHTTPClient(Timeout) once.
	Client *http.Client

	http httpRoute
}

// CloseIdleConnections closes the route's idle connections (on reload and shutdown).
func (s *Slack) CloseIdleConnections() { s.http.closeIdle() }

func (s *Slack) Send(ctx context.Context, a *Alert, _ []byte) error {
	ctx, cancel := context.WithTimeout(ctx, timeoutOr(s.Timeout))
	defer cancel()
	body, err := json.Marshal(map[string]string{"text": a.SlackText(20)})
	if err != nil {
		return err
	}
	hdr := http.Header{}
	hdr.Set(IdempotencyHeader, a.Key)
	return post(ctx, s.http.get(s.Client, s.Timeout), s.URL, body, hdr)
}

// StartTLS policies for e-mail.
const (
	StartTLSAuto   = "auto"   // use STARTTLS when the server offers it
	StartTLSAlways = "always" // refuse to send without it
	StartTLSNever  = "never"
)

// Email sends the alert as a plain-text message over SMTP.
type Email struct {
	Addr     string // host:port
	From     string
	To       []string
	Username string
	Password string
	StartTLS string // auto (default), always, never
	// ImplicitTLS connects with TLS from the first byte (port 465).
	ImplicitTLS bool
	TLSConfig   *tls.Config
	Timeout     time.Duration
}

func (e *Email) Send(ctx context.Context, a *Alert, _ []byte) error {
	ctx, cancel := context.WithTimeout(ctx, timeoutOr(e.Timeout))
	defer cancel()
	host, _, err := net.SplitHostPort(e.Addr)
	if err != nil {
		return fmt.Errorf("smtp address: %w", err)
	}
	tcfg := e.TLSConfig
	if tcfg == nil {
		tcfg = &tls.Config{}
	}
	tcfg = tcfg.Clone()
	if tcfg.ServerName == "" {
		tcfg.ServerName = host
	}
	tcfg.MinVersion = tls.VersionTLS12

	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", e.Addr)
	if err != nil {
		return err
	}
	// net/smtp has no contexts: the deadline bounds the whole conversation.
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	if e.ImplicitTLS {
		conn = tls.Client(conn, tcfg)
	}
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return err
	}
	defer c.Close()
	if err := c.Hello("leakwatch"); err != nil {
		return err
	}
	if !e.ImplicitTLS && e.StartTLS != StartTLSNever {
		if ok, _ := c.Extension("STARTTLS"); ok {
			if err := c.StartTLS(tcfg); err != nil {
				return fmt.Errorf("STARTTLS: %w", err)
			}
		} else if e.StartTLS == StartTLSAlways {
			return errors.New("the SMTP server does not offer STARTTLS and starttls is 'always'")
		}
	}
	if e.Username != "" {
		// PlainAuth itself refuses to send the password over an unencrypted connection
		// to anything but localhost.
		if err := c.Auth(smtp.PlainAuth("", e.Username, e.Password, host)); err != nil {
			return fmt.Errorf("SMTP auth: %w", err)
		}
	}
	if err := c.Mail(e.From); err != nil {
		return err
	}
	for _, rcpt := range e.To {
		if err := c.Rcpt(rcpt); err != nil {
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(e.message(a)); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// headerSafe keeps a header value on one line: what reaches a header may come from a
// scanned server or the configuration.
func headerSafe(s string) string { return untrusted.Text(s) }

func (e *Email) message(a *Alert) []byte {
	var b bytes.Buffer
	id := make([]byte, 8)
	_, _ = rand.Read(id)
	domain := "leakwatch.invalid"
	if at := strings.LastIndexByte(e.From, '@'); at >= 0 {
		domain = e.From[at+1:]
	}
	fmt.Fprintf(&b, "From: %s\r\n", headerSafe(e.From))
	fmt.Fprintf(&b, "To: %s\r\n", headerSafe(strings.Join(e.To, ", ")))
	fmt.Fprintf(&b, "Subject: %s\r\n", untrusted.MailHeader("[leakwatch] "+a.Summary))
	fmt.Fprintf(&b, "Date: %s\r\n", time.Now().Format(time.RFC1123Z))
	fmt.Fprintf(&b, "Message-ID: <%s.%s@%s>\r\n", headerSafe(a.Key), hex.EncodeToString(id), headerSafe(domain))
	fmt.Fprintf(&b, "X-Leakwatch-Key: %s\r\n", headerSafe(a.Key))
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
	for _, line := range strings.Split(a.Text(200), "\n") {
		b.WriteString(line + "\r\n")
	}
	return b.Bytes()
}

// Command runs a local program with the alert JSON on its standard input. The program
// gets a minimal environment — PATH, HOME and LANG, the variables in Env, and
// LEAKWATCH_ALERT_KEY and LEAKWATCH_ALERT_ROUTE — never the monitor's own: that holds
// webhook secrets, database URLs and passwords the hook has no business seeing. A
// non-zero exit or running past the timeout is a failed delivery.
type Command struct {
	Argv []string
	// Env is NAME=value pairs passed on to the program (the route's env: list).
	Env     []string
	Timeout time.Duration
}

// CommandBaseEnv are the variables every command hook gets from the monitor's
// environment, when set.
var CommandBaseEnv = []string{"PATH", "HOME", "LANG"}

// defaultPath is the hook's PATH when the monitor has none.
const defaultPath = "/usr/local/bin:/usr/bin:/bin"

func (c *Command) environ(a *Alert) []string {
	var env []string
	for _, name := range CommandBaseEnv {
		v, ok := os.LookupEnv(name)
		if name == "PATH" && (!ok || v == "") {
			v, ok = defaultPath, true
		}
		if ok {
			env = append(env, name+"="+v)
		}
	}
	env = append(env, c.Env...)
	return append(env, "LEAKWATCH_ALERT_KEY="+a.Key, "LEAKWATCH_ALERT_ROUTE="+a.Route)
}

func (c *Command) Send(ctx context.Context, a *Alert, payload []byte) error {
	if len(c.Argv) == 0 {
		return errors.New("no command")
	}
	ctx, cancel := context.WithTimeout(ctx, timeoutOr(c.Timeout))
	defer cancel()
	cmd := exec.CommandContext(ctx, c.Argv[0], c.Argv[1:]...)
	cmd.Stdin = bytes.NewReader(payload)
	cmd.Env = c.environ(a)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	// The hook runs in its own process group, and a timeout kills the whole group, so
	// that a shell script's children do not outlive it holding our pipes.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 2 * time.Second
	err := cmd.Run()
	if ctx.Err() != nil {
		return fmt.Errorf("command %s: timed out after %v", c.Argv[0], timeoutOr(c.Timeout))
	}
	if err != nil {
		tail := strings.TrimSpace(out.String())
		if len(tail) > 300 {
			tail = tail[len(tail)-300:]
		}
		return fmt.Errorf("command %s: %v: %s", c.Argv[0], err, tail)
	}
	return nil
}
