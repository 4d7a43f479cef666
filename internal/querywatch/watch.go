package querywatch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"strconv"
	"time"

	"github.com/leakwatch/leakwatch/internal/detect"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/clickhouse"
)

// Config says which server to watch and what to report.
type Config struct {
	// Endpoint is the server's HTTP(S) interface; TLS selects HTTPS.
	Endpoint   store.Endpoint
	TLS        bool
	Credential *store.Credential // nil: the default user without a password
	// Options supply the dialer, timeouts and response limits of every query.
	Options store.Options

	// StatePath is the state file (created with mode 0600).
	StatePath string
	// Since is how far back the first poll of a server reads.
	Since time.Duration

	// Allow lists the client networks expected to query the server; nil means
	// loopback and private networks.
	Allow []netip.Prefix
	// Local lists the addresses of this host, from which the default user is expected.
	Local []netip.Prefix
	// Sensitive tables are those whose bulk reads are reported.
	Sensitive []SensitiveTable

	BulkRows       int64         // a result of this many rows is a bulk read
	BulkBytes      int64         // … or of this many bytes
	EnumThreshold  int           // distinct listing queries by one client within Window
	AuthFailures   int           // failed logins from one source within Window
	Window         time.Duration // sliding window of the aggregate rules, and quiet time after an alert
	Overlap        time.Duration // how far back each poll re-reads, for rows flushed late
	PageRows       int           // rows per query
	MaxRowsPerPoll int           // rows read per log and poll before yielding

	// ServerLogs are clickhouse-server.log files to read refused logins from (servers
	// before 21.x log them nowhere else). LogLocation is their time zone (default Local).
	ServerLogs  []string
	LogLocation *time.Location

	// NoIgnoreSelf reports leakwatch scans' own queries too.
	NoIgnoreSelf bool

	Engine *detect.Engine
	Logger *slog.Logger
}

// DefaultConfig returns the defaults for everything but the server.
func DefaultConfig() Config {
	return Config{
		Options:        store.DefaultOptions(),
		Since:          24 * time.Hour,
		Local:          []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("::1/128")},
		BulkRows:       10_000,
		BulkBytes:      10 << 20,
		EnumThreshold:  3,
		AuthFailures:   3,
		Window:         10 * time.Minute,
		Overlap:        30 * time.Second,
		PageRows:       1000,
		MaxRowsPerPoll: 500_000,
	}
}

// Validate checks the configuration.
func (c *Config) Validate() error {
	switch {
	case !c.Endpoint.Addr.IsValid() || c.Endpoint.Port <= 0 || c.Endpoint.Port > 65535:
		return errors.New("querywatch: no server address")
	case c.StatePath == "":
		return errors.New("querywatch: no state file")
	case c.Since <= 0:
		return errors.New("querywatch: since must be positive")
	case c.BulkRows < 1 || c.BulkBytes < 1:
		return errors.New("querywatch: bulk thresholds must be positive")
	case c.EnumThreshold < 1 || c.AuthFailures < 1:
		return errors.New("querywatch: thresholds must be at least 1")
	case c.Window < time.Second:
		return errors.New("querywatch: window must be at least 1s")
	case c.Overlap < 0:
		return errors.New("querywatch: overlap must not be negative")
	case c.PageRows < 10 || c.PageRows > 100_000:
		return errors.New("querywatch: page rows must be between 10 and 100000")
	case c.MaxRowsPerPoll < c.PageRows:
		return errors.New("querywatch: max rows per poll must be at least a page")
	}
	return nil
}

// Stats count what a watcher has done.
type Stats struct {
	Polls    int
	Rows     int // log rows read (including the overlap re-read)
	Events   int // new events analysed
	Self     int // leakwatch's own queries ignored
	Findings int
	LastPoll time.Duration
}

// Watcher reads a server's logs incrementally and reports what looks like an intrusion.
type Watcher struct {
	cfg    Config
	client *clickhouse.Client
	store  *stateStore
	key    string
	schema *schema
	log    *slog.Logger
	stats  Stats
	warned map[string]bool
}

// New validates cfg and prepares a watcher; it does not contact the server.
func New(cfg Config) (*Watcher, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.LogLocation == nil {
		cfg.LogLocation = time.Local
	}
	opts := cfg.Options
	opts.Logger = cfg.Logger
	scheme := "http"
	if cfg.TLS {
		scheme = "https"
	}
	w := &Watcher{
		cfg:    cfg,
		client: clickhouse.NewClient(cfg.Endpoint, cfg.TLS, cfg.Credential, &opts),
		store:  &stateStore{path: cfg.StatePath},
		key:    "clickhouse+" + scheme + "://" + cfg.Endpoint.Address(),
		log:    cfg.Logger,
		warned: map[string]bool{},
	}
	return w, nil
}

// Close releases the watcher's connections.
func (w *Watcher) Close() { w.client.Close() }

// Stats returns what the watcher has done so far.
func (w *Watcher) Stats() Stats { return w.stats }

func (w *Watcher) warnOnce(key, msg string, args ...any) {
	if !w.warned[key] {
		w.warned[key] = true
		w.log.Warn(msg, args...)
	}
}

// Poll reads what the server logged since the last poll (of this or an earlier run),
// hands new findings to emit, and then saves the position. When emit fails the position
// is not saved, so the findings come again next time rather than never.
func (w *Watcher) Poll(ctx context.Context, emit func([]finding.Finding) error) error {
	start := time.Now()
	defer func() { w.stats.LastPoll = time.Since(start); w.stats.Polls++ }()
	ss, err := w.store.load(w.key)
	if err != nil {
		return err
	}
	if w.schema == nil {
		if w.schema, err = w.discover(ctx); err != nil {
			return err
		}
	}
	if w.schema.queryLog == nil && w.schema.sessionLog == nil && len(w.cfg.ServerLogs) == 0 {
		w.schema = nil // look again next time: the table appears at the first flush
		return ErrNoQueryLog
	}
	now, err := w.serverNow(ctx)
	if err != nil {
		return err
	}
	overlap := int64(w.cfg.Overlap / time.Second)
	sinceT := now - int64(w.cfg.Since/time.Second)

	var events []Event
	if cols := w.schema.queryLog; cols != nil {
		evs, err := w.readCursor(ctx, queryLogTable(cols), &ss.QueryLog, now, sinceT, overlap)
		if err != nil {
			return err
		}
		events = append(events, evs...)
	} else {
		w.warnOnce("noquerylog", ErrNoQueryLog.Error())
	}
	if cols := w.schema.sessionLog; cols != nil {
		evs, err := w.readCursor(ctx, sessionLogTable(cols), &ss.SessionLog, now, sinceT, overlap)
		if err != nil {
			return err
		}
		events = append(events, evs...)
	}
	for _, path := range w.cfg.ServerLogs {
		pos := ss.ServerLogs[path]
		fresh := pos == nil
		if fresh {
			pos = &logPos{}
			ss.ServerLogs[path] = pos
		}
		lt := &logTail{path: path, pos: pos}
		lines, err := lt.read(fresh)
		if err != nil {
			return err
		}
		since := time.Time{}
		if fresh {
			since = time.Unix(sinceT, 0)
		}
		events = append(events, lt.events(lines, since, w.cfg.LogLocation)...)
	}

	det := &detector{cfg: &w.cfg, st: &ss.Detector, host: w.cfg.Endpoint.Name(), port: w.cfg.Endpoint.Port,
		proto: clickhouse.ProtoHTTP, ownPrefix: w.client.QueryIDPrefix(), engine: w.cfg.Engine}
	findings := det.process(events)
	findings = append(findings, w.blindSpots(ctx, &ss.Detector, now)...)
	w.stats.Events += len(events)
	w.stats.Self += det.self
	if len(findings) > 0 && emit != nil {
		finding.Sort(findings)
		if err := emit(findings); err != nil {
			return fmt.Errorf("writing findings: %w", err)
		}
	}
	w.stats.Findings += len(findings)
	ss.QueryLog.prune(w.cfg.Overlap)
	ss.SessionLog.prune(w.cfg.Overlap)
	return w.store.save(w.key, ss)
}

// readCursor reads one log table from its saved position: the first time from Since
// ago, then from the watermark minus the overlap, up to the server's time now.
func (w *Watcher) readCursor(ctx context.Context, lt *logTable, c *cursor, now, sinceT, overlap int64) ([]Event, error) {
	from := sinceT
	if c.Watermark > 0 {
		from = max(c.Watermark-overlap, sinceT)
	}
	evs, complete, err := w.readLog(ctx, lt, c, from, now)
	if err != nil {
		return nil, err
	}
	if complete {
		// Nothing older than now minus the overlap can still arrive (the server flushes
		// its logs every few seconds), so later polls need not look further back.
		c.Watermark = max(c.Watermark, now-overlap)
	}
	return evs, nil
}

func (w *Watcher) serverNow(ctx context.Context) (int64, error) {
	rows, err := w.client.Rows(ctx, "SELECT toUInt32(now())", 1)
	if err != nil {
		return 0, fmt.Errorf("asking the server's time: %w", err)
	}
	if len(rows) != 1 || len(rows[0]) != 1 {
		return 0, errors.New("asking the server's time: unexpected answer")
	}
	t, err := strconv.ParseInt(rows[0][0], 10, 64)
	if err != nil {
		return 0, fmt.Errorf("asking the server's time: %q", rows[0][0])
	}
	return t, nil
}

// Run polls every interval until ctx is done, then returns nil: a stop by signal is a
// clean exit. A failed poll is logged and retried at the next tick.
func (w *Watcher) Run(ctx context.Context, interval time.Duration, emit func([]finding.Finding) error) error {
	if interval <= 0 {
		return errors.New("querywatch: interval must be positive")
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if err := w.Poll(ctx, emit); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			w.log.Warn("querywatch: poll failed; retrying at the next interval", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}
