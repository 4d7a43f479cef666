package memcached

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"github.com/leakwatch/leakwatch/internal/store/vuln"
)

// Memcached has no databases: the whole cache is one dataset whose rows are its items.
// Its sample is laid out like every key-value store's (probekit.KeySample).
const datasetName = "items"

// Bounds on listing keys: lines of a metadump or cachedump read, and slab classes
// asked with cachedump.
const (
	maxKeyLines     = 5000
	maxSlabClasses  = 64
	metadumpRetries = 5
)

// statFields are the "stats" values copied into the service's details.
var statFields = []string{"uptime", "curr_connections", "total_connections", "curr_items", "total_items", "bytes",
	"limit_maxbytes", "evictions", "threads", "pointer_size", "cmd_get", "cmd_set", "get_hits"}

// settingFields are the "stats settings" values copied into the service's details.
var settingFields = []string{"udpport", "tcpport", "binding_protocol", "auth_enabled_sasl", "auth_enabled_ascii",
	"ssl_enabled", "shutdown_command", "flush_enabled", "dump_enabled", "item_size_max", "maxconns"}

func applyStats(svc *finding.Service, st map[string]string) {
	if v := st["version"]; v != "" && svc.Version == "" {
		svc.Version = probekit.Printable([]byte(v), 64)
	}
	for _, k := range statFields {
		if v, ok := st[k]; ok {
			svc.Details[k] = probekit.Printable([]byte(v), 100)
		}
	}
}

func cacheDataset(st map[string]string) finding.Dataset {
	d := finding.Dataset{Table: datasetName, Kind: "cache"}
	d.Rows, _ = strconv.ParseInt(st["curr_items"], 10, 64)
	d.Bytes, _ = strconv.ParseInt(st["bytes"], 10, 64)
	return d
}

// explore reads statistics and settings, checks what anyone could do, then lists and
// samples keys. Partial results stay in res.
func (p *Prober) explore(ctx context.Context, c *conn, ep store.Endpoint, o *store.Options, res *store.Result, cred *store.Credential) error {
	svc := &res.Service
	st, err := c.stats(ctx, "stats", 500)
	if err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	applyStats(svc, st)
	settings, err := c.stats(ctx, "stats settings", 500)
	if err != nil && asServerError(err) == nil {
		return fmt.Errorf("stats settings: %w", err)
	}
	for _, k := range settingFields {
		if v, ok := settings[k]; ok {
			svc.Details[k] = probekit.Printable([]byte(v), 100)
		}
	}
	svc.Datasets = []finding.Dataset{cacheDataset(st)}
	ds := &svc.Datasets[0]
	res.Findings = append(res.Findings, versionFindings(*svc)...)
	res.Findings = append(res.Findings, capabilities(*svc, settings)...)
	if o.SampleRows == 0 || ds.Rows == 0 || probekit.OutOfBudget(o, ds) {
		return nil
	}

	keys, times, err := p.listKeys(ctx, c, ep, o, cred)
	if err != nil {
		ds.Error = "keys: " + probekit.Printable([]byte(err.Error()), 200)
	}
	if len(times) > 0 {
		ds.TimeRange = &finding.TimeRange{Column: "last_access",
			Min: time.Unix(times[0], 0).UTC().Format(time.DateTime), Max: time.Unix(times[len(times)-1], 0).UTC().Format(time.DateTime)}
	}
	if len(keys) == 0 {
		return nil
	}
	picked := probekit.PickKeys(keys, o.SampleRows)
	ds.Patterns, ds.KeysListed = probekit.Patterns(keys, picked)
	var colKeys []string
	var cols [][]string
	total := 0
	useMeta := metaCommands(svc.Version)
	for start := 0; start < len(picked); start += 8 {
		if ctx.Err() != nil || total >= o.MaxSampleBytes || o.Samples.Spent() {
			break
		}
		batch := picked[start:min(start+8, len(picked))]
		vals, err := c.values(ctx, batch, o.MaxRowBytes, useMeta)
		for _, k := range batch {
			v, ok := vals[k]
			if !ok {
				continue
			}
			cell := []string{v}
			n, ok := probekit.Charge(o, cell, min(o.MaxRowBytes, o.MaxSampleBytes-total))
			if !ok {
				break
			}
			total += n
			colKeys = append(colKeys, k)
			cols = append(cols, cell)
		}
		if err != nil {
			res.Samples = append(res.Samples, *probekit.KeySample(o.Samples, "", datasetName, picked, colKeys, cols, o.MaxRowBytes))
			return fmt.Errorf("reading values: %w", err)
		}
	}
	res.Samples = append(res.Samples, *probekit.KeySample(o.Samples, "", datasetName, picked, colKeys, cols, o.MaxRowBytes))
	return nil
}

func asServerError(err error) *ServerError {
	var se *ServerError
	if errors.As(err, &se) {
		return se
	}
	return nil
}

// metaCommands reports whether the server has the meta commands (1.6.0+), whose mg can
// read a value without bumping it in the LRU.
func metaCommands(version string) bool {
	v, ok := vuln.Parse(version)
	return ok && v.Compare(vuln.Version{1, 6}) >= 0
}

// listKeys lists up to maxKeyLines key names with their last-access times (sorted),
// from lru_crawler metadump on a connection of its own (the dump cannot be stopped
// midway, so the connection is closed at the cap), or from stats cachedump.
func (p *Prober) listKeys(ctx context.Context, c *conn, ep store.Endpoint, o *store.Options, cred *store.Credential) ([]string, []int64, error) {
	dc, err := p.reopen(ctx, ep, o, c, cred)
	if err != nil {
		return nil, nil, err
	}
	defer dc.Close()
	var lines []string
	for attempt := 0; ; attempt++ {
		lines, err = dc.lines(ctx, "lru_crawler metadump all", maxKeyLines)
		if len(lines) == 1 && strings.HasPrefix(lines[0], "BUSY") && attempt < metadumpRetries {
			// The crawler is busy with someone else's request: wait for it.
			select {
			case <-ctx.Done():
				return nil, nil, ctx.Err()
			case <-time.After(200 * time.Millisecond):
			}
			continue
		}
		break
	}
	keys, times := parseMetadump(lines)
	if len(keys) > 0 {
		if errors.Is(err, store.ErrTooLarge) {
			err = nil // the cap was reached: what was read stands
		}
		return keys, times, err
	}
	if err != nil && asServerError(err) == nil && !errors.Is(err, store.ErrTooLarge) {
		return nil, nil, err
	}
	return c.cachedump(ctx, o)
}

// reopen opens another connection like c, logging in again on an -Y server.
func (p *Prober) reopen(ctx context.Context, ep store.Endpoint, o *store.Options, c *conn, cred *store.Credential) (*conn, error) {
	_, useTLS := c.c.(*tls.Conn)
	nc, err := probekit.Dial(ctx, ep, o, useTLS)
	if err != nil {
		return nil, err
	}
	dc := newConn(nc, o.IOTimeout, o.MaxResponseBytes)
	dc.sent = p.sent
	if c.authed && cred != nil {
		if _, err := dc.version(ctx); asServerError(err) == nil || !asServerError(err).IsAuth() {
			dc.Close()
			return nil, fmt.Errorf("second connection: expected an authentication request, got %v", err)
		}
		dc.refused = true
		if err := dc.authenticate(ctx, cred.Username, cred.Password); err != nil {
			dc.Close()
			return nil, err
		}
	}
	return dc, nil
}

// parseMetadump reads "key=user%3A1 exp=-1 la=1795314512 cas=1 fetch=no cls=1 size=70"
// lines: the key is URI-encoded. Keys that the text protocol cannot ask for (spaces,
// control characters, longer than 250 bytes) are skipped.
func parseMetadump(lines []string) ([]string, []int64) {
	var keys []string
	var times []int64
	seen := map[string]bool{}
	for _, l := range lines {
		var key string
		var la int64 = -1
		for _, f := range strings.Fields(l) {
			name, val, ok := strings.Cut(f, "=")
			if !ok {
				continue
			}
			switch name {
			case "key":
				if k, err := url.PathUnescape(val); err == nil {
					key = k
				}
			case "la":
				if n, err := strconv.ParseInt(val, 10, 64); err == nil && n > 0 {
					la = n
				}
			}
		}
		if !askable(key) || seen[key] {
			continue
		}
		seen[key] = true
		keys = append(keys, key)
		if la > 0 {
			times = append(times, la)
		}
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	return keys, times
}

// askable reports whether key can be sent in a text command.
func askable(key string) bool {
	if key == "" || len(key) > 250 {
		return false
	}
	for i := 0; i < len(key); i++ {
		if key[i] <= ' ' || key[i] == 0x7f {
			return false
		}
	}
	return true
}

// cachedump lists keys on servers without metadump: "stats cachedump <class> <n>" for
// each slab class with items, answered with "ITEM <key> [<size> b; <exp> s]" lines.
func (c *conn) cachedump(ctx context.Context, o *store.Options) ([]string, []int64, error) {
	items, err := c.stats(ctx, "stats items", 100*maxSlabClasses)
	if err != nil {
		return nil, nil, err
	}
	var classes []int
	for k := range items {
		if cls, ok := strings.CutSuffix(k, ":number"); ok {
			if n, err := strconv.Atoi(strings.TrimPrefix(cls, "items:")); err == nil && n > 0 {
				classes = append(classes, n)
			}
		}
	}
	sort.Ints(classes)
	if len(classes) > maxSlabClasses {
		classes = classes[:maxSlabClasses]
	}
	per := max(o.SampleRows*10, 100)
	var keys []string
	for _, cls := range classes {
		if len(keys) >= maxKeyLines || ctx.Err() != nil {
			break
		}
		lines, err := c.lines(ctx, fmt.Sprintf("stats cachedump %d %d", cls, per), per+1)
		keys = append(keys, parseCachedump(lines)...)
		if err != nil {
			return keys, nil, err
		}
	}
	return keys, nil, nil
}

func parseCachedump(lines []string) []string {
	var keys []string
	for _, l := range lines {
		rest, ok := strings.CutPrefix(l, "ITEM ")
		if !ok {
			continue
		}
		key, _, _ := strings.Cut(rest, " ")
		if askable(key) {
			keys = append(keys, key)
		}
	}
	return keys
}

// values reads the keys' values, keeping at most keep bytes of each: with "mg <key> v
// u" (no LRU bump) on 1.6+, else one "get".
func (c *conn) values(ctx context.Context, keys []string, keep int, meta bool) (map[string]string, error) {
	out := map[string]string{}
	if meta {
		cmds := make([]string, len(keys))
		for i, k := range keys {
			cmds[i] = "mg " + k + " v u"
		}
		if err := c.send(ctx, cmds...); err != nil {
			return out, err
		}
		for _, k := range keys {
			c.used = 0
			l, err := c.readLine(ctx)
			if err != nil {
				return out, err
			}
			switch {
			case l == "EN":
				continue
			case strings.HasPrefix(l, "VA "):
				f := strings.Fields(l)
				if len(f) < 2 {
					return out, fmt.Errorf("%w: bad mg header %q", store.ErrProtocol, l)
				}
				n, perr := strconv.ParseInt(f[1], 10, 64)
				if perr != nil {
					return out, fmt.Errorf("%w: bad mg header %q", store.ErrProtocol, l)
				}
				v, err := c.value(ctx, n, keep)
				if err != nil {
					return out, err
				}
				out[k] = v
			default:
				if err := errorLine(l); err != nil {
					continue // CLIENT_ERROR for this key only
				}
				return out, fmt.Errorf("%w: unexpected mg answer %q", store.ErrProtocol, probekit.Printable([]byte(l), 60))
			}
		}
		return out, nil
	}
	if err := c.send(ctx, "get "+strings.Join(keys, " ")); err != nil {
		return out, err
	}
	c.used = 0
	want := map[string]bool{}
	for _, k := range keys {
		want[k] = true
	}
	for i := 0; i <= len(keys); i++ {
		l, err := c.readLine(ctx)
		if err != nil {
			return out, err
		}
		if l == "END" {
			return out, nil
		}
		f := strings.Fields(l)
		if len(f) < 4 || f[0] != "VALUE" || !want[f[1]] {
			if err := errorLine(l); err != nil {
				return out, err
			}
			return out, fmt.Errorf("%w: unexpected get answer %q", store.ErrProtocol, probekit.Printable([]byte(l), 60))
		}
		n, err := strconv.ParseInt(f[3], 10, 64)
		if err != nil {
			return out, fmt.Errorf("%w: bad value length in %q", store.ErrProtocol, l)
		}
		v, err := c.value(ctx, n, keep)
		if err != nil {
			return out, err
		}
		out[f[1]] = v
	}
	return out, fmt.Errorf("%w: more values than keys asked", store.ErrProtocol)
}
