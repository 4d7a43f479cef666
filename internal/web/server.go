// Package web serves leakwatch's dashboard and JSON API: server-rendered pages with
// embedded assets (nothing loaded from elsewhere), behind an access token or a login
// session, with CSRF tokens on every state change and strict security headers. It only
// ever shows what the history store holds, and the store holds no raw secret values.
package web

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/history"
	"github.com/leakwatch/leakwatch/internal/monitor"
)

//go:embed assets
var assets embed.FS

// Backend is what the dashboard shows and controls: the monitor.
type Backend interface {
	Store() *history.DB
	Groups() []monitor.GroupStatus
	TriggerScan(group, trigger string) error
	Reload() error
}

// Config sets up a Server.
type Config struct {
	Backend Backend
	// Token is the access token (Authorization: Bearer, or exchanged for a session on
	// the login page).
	Token      string
	SessionTTL time.Duration
	// Secure marks cookies Secure and sends HSTS: set it when serving TLS.
	Secure bool
	// Metrics is served at /metrics, behind the token unless PublicMetrics.
	Metrics       http.Handler
	PublicMetrics bool
	Logger        *slog.Logger
	// Hosts are the host names (besides IP addresses and localhost) the dashboard may
	// be reached by: its listen name and the host of web.url. Any other Host header is
	// refused, so that a web page cannot rebind its own name to this address (DNS
	// rebinding) and read the dashboard through the victim's browser.
	Hosts []string
}

// Server is the dashboard and API.
type Server struct {
	cfg      Config
	log      *slog.Logger
	sessions *sessions
	pages    map[string]*template.Template
	static   http.Handler
	logins   *clientLimiter
	hosts    map[string]bool
	cacheMu  sync.Mutex
	cache    map[int64]*finding.Report
}

const (
	sessionCookie = "lw_session"
	loginCookie   = "lw_login"
)

// New builds a server.
func New(cfg Config) (*Server, error) {
	if cfg.Backend == nil {
		return nil, errors.New("web: no backend")
	}
	if len(cfg.Token) < MinTokenLength {
		return nil, fmt.Errorf("web: the access token must be at least %d characters", MinTokenLength)
	}
	if cfg.SessionTTL <= 0 {
		cfg.SessionTTL = 12 * time.Hour
	}
	s := &Server{cfg: cfg, log: cfg.Logger, sessions: newSessions(cfg.SessionTTL, time.Now),
		pages: map[string]*template.Template{}, logins: newClientLimiter(2, 10), cache: map[int64]*finding.Report{},
		hosts: map[string]bool{"localhost": true}}
	for _, h := range cfg.Hosts {
		if h = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(h)), "."); h != "" {
			s.hosts[h] = true
		}
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	for _, p := range []string{"login", "index", "services", "service", "finding", "runs", "run", "error"} {
		t, err := template.New(p).Funcs(funcs).ParseFS(assets, "assets/templates/layout.html", "assets/templates/chart.html",
			"assets/templates/"+p+".html")
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", p, err)
		}
		s.pages[p] = t
	}
	static, err := fs.Sub(assets, "assets/static")
	if err != nil {
		return nil, err
	}
	s.static = http.StripPrefix("/static/", http.FileServerFS(static))
	return s, nil
}

// Handler routes every request.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("ok\n")) })
	mux.Handle("GET /static/", s.static)
	mux.HandleFunc("GET /login", s.loginPage)
	mux.HandleFunc("POST /login", s.login)
	if s.cfg.Metrics != nil {
		if s.cfg.PublicMetrics {
			mux.Handle("GET /metrics", s.cfg.Metrics)
		} else {
			mux.Handle("GET /metrics", s.auth(s.cfg.Metrics.ServeHTTP))
		}
	}

	mux.HandleFunc("POST /logout", s.auth(s.logout))
	mux.HandleFunc("GET /{$}", s.auth(s.indexPage))
	mux.HandleFunc("GET /services", s.auth(s.servicesPage))
	mux.HandleFunc("GET /services/{group}/{addr}", s.auth(s.servicePage))
	mux.HandleFunc("GET /findings/{id}", s.auth(s.findingPage))
	mux.HandleFunc("GET /runs", s.auth(s.runsPage))
	mux.HandleFunc("GET /runs/{id}", s.auth(s.runPage))
	mux.HandleFunc("POST /scan", s.auth(s.scanForm))
	mux.HandleFunc("POST /reload", s.auth(s.reloadForm))

	mux.HandleFunc("GET /api/summary", s.auth(s.apiSummary))
	mux.HandleFunc("GET /api/findings", s.auth(s.apiFindings))
	mux.HandleFunc("GET /api/findings/{id}", s.auth(s.apiFinding))
	mux.HandleFunc("GET /api/services", s.auth(s.apiServices))
	mux.HandleFunc("GET /api/services/{group}/{addr}", s.auth(s.apiService))
	mux.HandleFunc("GET /api/runs", s.auth(s.apiRuns))
	mux.HandleFunc("GET /api/runs/{id}", s.auth(s.apiRun))
	mux.HandleFunc("GET /api/diff", s.auth(s.apiDiff))
	mux.HandleFunc("POST /api/scan", s.auth(s.apiScan))
	mux.HandleFunc("POST /api/reload", s.auth(s.apiReload))
	return s.headers(mux)
}

// hostAllowed reports whether a request's Host header names this dashboard: an IP
// address (a rebinding page always uses a name of its own), localhost, or one of the
// configured names.
func (s *Server) hostAllowed(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if host == "" {
		return false
	}
	if net.ParseIP(host) != nil {
		return true
	}
	return s.hosts[host]
}

// headers checks the Host header and sets the security headers on every response. The
// CSP allows no inline script or style at all: the pages have no script and one
// external stylesheet.
func (s *Server) headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.hostAllowed(r.Host) {
			s.log.Warn("dashboard request with an unknown Host header refused", "host", strconv.QuoteToASCII(r.Host), "remote", r.RemoteAddr)
			http.Error(w, "unknown Host: reach the dashboard by its address, or set web.url to the name you use", http.StatusMisdirectedRequest)
			return
		}
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "+
			"frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		if !strings.HasPrefix(r.URL.Path, "/static/") {
			h.Set("Cache-Control", "no-store")
		}
		if s.cfg.Secure {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

type ctxKey struct{}

// principal is who made a request: a bearer-token client (no CSRF needed: browsers do
// not add the header by themselves) or a browser session (with its CSRF token).
type principal struct {
	bearer    bool
	sessionID string
	csrf      string
}

func (s *Server) who(r *http.Request) (principal, bool) {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, tok, ok := strings.Cut(h, " ")
		if ok && strings.EqualFold(scheme, "Bearer") && equal(strings.TrimSpace(tok), s.cfg.Token) {
			return principal{bearer: true}, true
		}
		return principal{}, false
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return principal{}, false
	}
	csrf, ok := s.sessions.get(c.Value)
	if !ok {
		return principal{}, false
	}
	return principal{sessionID: c.Value, csrf: csrf}, true
}

func isAPI(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, "/api/") || r.URL.Path == "/metrics"
}

// auth requires a token or a session, and a valid CSRF token for a session's state
// changes.
func (s *Server) auth(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, ok := s.who(r)
		if !ok {
			if isAPI(r) || r.Method != http.MethodGet {
				w.Header().Set("WWW-Authenticate", `Bearer realm="leakwatch"`)
				s.apiError(w, http.StatusUnauthorized, "authentication required")
				return
			}
			http.Redirect(w, r, "/login", http.StatusSeeOther)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead && !p.bearer {
			got := r.Header.Get("X-CSRF-Token")
			if got == "" {
				r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
				got = r.PostFormValue("csrf")
			}
			if got == "" || !equal(got, p.csrf) {
				s.apiError(w, http.StatusForbidden, "missing or invalid CSRF token")
				return
			}
		}
		next(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, p)))
	}
}

func principalOf(r *http.Request) principal {
	p, _ := r.Context().Value(ctxKey{}).(principal)
	return p
}

func (s *Server) cookie(name, value, path string, maxAge int) *http.Cookie {
	return &http.Cookie{Name: name, Value: value, Path: path, MaxAge: maxAge, HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: s.cfg.Secure}
}

// loginPage shows the form with a login CSRF token bound to a short-lived cookie, so
// that another site cannot log a browser into this dashboard.
func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.who(r); ok {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	tok := randomToken()
	http.SetCookie(w, s.cookie(loginCookie, tok, "/login", 600))
	s.render(w, r, http.StatusOK, "login", "Log in", tok, "")
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	c, err := r.Cookie(loginCookie)
	if err != nil || r.PostFormValue("csrf") == "" || !equal(r.PostFormValue("csrf"), c.Value) {
		s.apiError(w, http.StatusForbidden, "missing or invalid CSRF token: reload the login page")
		return
	}
	// After the CSRF check, so that forged cross-site posts cannot spend anyone's
	// attempts, and per client, so that one client cannot lock the others out.
	if !s.logins.allow(clientIP(r), time.Now()) {
		s.apiError(w, http.StatusTooManyRequests, "too many login attempts; wait a moment")
		return
	}
	if !equal(r.PostFormValue("token"), s.cfg.Token) {
		s.log.Warn("dashboard login failed", "remote", r.RemoteAddr)
		s.render(w, r, http.StatusUnauthorized, "login", "Log in", c.Value, "Wrong access token.")
		return
	}
	id, _ := s.sessions.create()
	http.SetCookie(w, s.cookie(sessionCookie, id, "/", int(s.cfg.SessionTTL.Seconds())))
	http.SetCookie(w, s.cookie(loginCookie, "", "/login", -1))
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if p := principalOf(r); p.sessionID != "" {
		s.sessions.drop(p.sessionID)
	}
	http.SetCookie(w, s.cookie(sessionCookie, "", "/", -1))
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// page is what every template gets.
type page struct {
	Title string
	CSRF  string
	Flash string
	Error string
	Data  any
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any, errMsg string) {
	p := page{Title: title, CSRF: principalOf(r).csrf, Data: data, Error: errMsg}
	if name == "login" {
		p.CSRF = ""
	}
	switch r.URL.Query().Get("msg") {
	case "scan-started":
		p.Flash = "Scan started: refresh in a moment to see its results."
	case "scan-busy":
		p.Flash = "A scan of that group is already running."
	case "reloaded":
		p.Flash = "Configuration reloaded."
	}
	var b strings.Builder
	if err := s.pages[name].ExecuteTemplate(&b, "layout", p); err != nil {
		s.log.Error("rendering page", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(b.String()))
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request, what string) {
	s.render(w, r, http.StatusNotFound, "error", "Not found", what, "")
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("dashboard", "path", r.URL.Path, "err", err)
	s.render(w, r, http.StatusInternalServerError, "error", "Error", "Something went wrong reading the history; see the monitor's log.", "")
}

func (s *Server) apiError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// Serve serves on ln until ctx ends, with TLS when certFile is set.
func (s *Server) Serve(ctx context.Context, ln net.Listener, certFile, keyFile string) error {
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10,
		ErrorLog: slog.NewLogLogger(s.log.Handler(), slog.LevelDebug)}
	errc := make(chan error, 1)
	go func() {
		if certFile != "" {
			errc <- srv.ServeTLS(ln, certFile, keyFile)
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
		return nil
	}
}

func parseID(s string) (int64, bool) {
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil && n > 0
}
