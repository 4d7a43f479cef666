package prometheus

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
	"golang.org/x/sync/semaphore"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lazyre"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

// explore reads configuration, flags, targets and metric names. Each part is
// independent: a failure is recorded on its dataset and the rest goes on.
func (s *session) explore(ctx context.Context, o *store.Options, res *store.Result) error {
	svc := &res.Service
	var firstErr error
	note := func(err error) {
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}

	var cfg struct {
		YAML string `json:"yaml"`
	}
	ds := finding.Dataset{Table: "config", Kind: "configuration"}
	gotConfig := false
	if _, err := s.get(ctx, "/api/v1/status/config", "", &cfg); err != nil {
		ds.Error = shortErr(err)
		note(err)
	} else {
		ds.Rows = int64(strings.Count(cfg.YAML, "\n"))
		ds.Bytes = int64(len(cfg.YAML))
		res.Samples = append(res.Samples, configSample(cfg.YAML, o))
		gotConfig = true
	}
	svc.Datasets = append(svc.Datasets, ds)

	if flags, err := s.flags(ctx); err == nil {
		for _, k := range flagsRead {
			if v, ok := flags[k]; ok && v != "" {
				svc.Details[k] = probekit.Printable([]byte(v), 200)
			}
		}
		res.Findings = append(res.Findings, flagFindings(*svc, flags)...)
	} else {
		note(err)
	}

	tds, smp, tf, err := s.targets(ctx, o, *svc)
	if err != nil {
		tds.Error = shortErr(err)
		note(err)
	}
	svc.Datasets = append(svc.Datasets, tds)
	if smp != nil && len(smp.Rows) > 0 {
		res.Samples = append(res.Samples, *smp)
	}
	res.Findings = append(res.Findings, tf...)

	mds := finding.Dataset{Table: "metrics", Kind: "metric names"}
	// The names are only counted, from the bytes: 8 MiB of empty names (2.8 million)
	// cost 282 MiB decoded.
	var names json.RawMessage
	_, err = s.get(ctx, "/api/v1/label/__name__/values", "", &names)
	if err == nil {
		var n int
		if _, n, err = probekit.DecodeListCounted[string](names, 0); err == nil {
			mds.Rows = int64(n)
		}
	}
	if err != nil {
		mds.Error = shortErr(err)
		note(err)
	}
	var tsdb struct {
		HeadStats struct {
			NumSeries int64 `json:"numSeries"`
			MinTime   int64 `json:"minTime"`
			MaxTime   int64 `json:"maxTime"`
		} `json:"headStats"`
	}
	if _, err := s.get(ctx, "/api/v1/status/tsdb", "", &tsdb); err == nil {
		h := tsdb.HeadStats
		if h.NumSeries > 0 {
			svc.Details["head_series"] = strconv.FormatInt(h.NumSeries, 10)
		}
		// An empty head reports math.MaxInt64 and math.MinInt64.
		if h.MinTime > 0 && h.MaxTime >= h.MinTime && h.MaxTime < 1<<50 {
			mds.TimeRange = &finding.TimeRange{Column: "head",
				Min: time.UnixMilli(h.MinTime).UTC().Format(time.DateTime), Max: time.UnixMilli(h.MaxTime).UTC().Format(time.DateTime)}
		}
	}
	svc.Datasets = append(svc.Datasets, mds)
	// Parsed last: a wait for the turn (other endpoints' configurations parsing) may last
	// until the deadline, and must cost only this check, not the rest of the inventory.
	if gotConfig {
		part := configPart(cfg.YAML)
		switch {
		case part == "" && cfg.YAML != "":
			svc.Details["config_checked"] = fmt.Sprintf("credentials not looked for: no line break in the first %d of its %d bytes (it is still sampled)", maxConfigParse, len(cfg.YAML))
		case len(part) < len(cfg.YAML):
			svc.Details["config_checked"] = fmt.Sprintf("credentials looked for in the first %d of its %d bytes (the rest is still sampled)", len(part), len(cfg.YAML))
		}
		fs, parsed := checkConfig(ctx, *svc, cfg.YAML)
		res.Findings = append(res.Findings, fs...)
		if !parsed && part != "" {
			svc.Details["config_read"] = fmt.Sprintf("line by line, without a YAML parse: no turn to parse it came within %v", configWait)
		}
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return firstErr
}

func shortErr(err error) string { return probekit.Printable([]byte(err.Error()), 200) }

// configSample puts the configuration into a sample, a chunk of whole lines per row, so
// that the detectors see it with its field names.
func configSample(text string, o *store.Options) store.Sample {
	smp := store.Sample{Table: "config", Columns: []string{"yaml"}}
	limit := min(o.MaxRowBytes, 8<<10)
	total := 0
	var chunk strings.Builder
	flush := func() {
		if chunk.Len() == 0 {
			return
		}
		cell := []string{chunk.String()}
		chunk.Reset()
		n, ok := probekit.Charge(o, cell, min(limit, o.MaxSampleBytes-total))
		if !ok {
			total = o.MaxSampleBytes // nothing more is kept
			return
		}
		total += n
		smp.Rows = append(smp.Rows, cell)
	}
	for _, line := range strings.SplitAfter(text, "\n") {
		if total >= o.MaxSampleBytes {
			break
		}
		if chunk.Len()+len(line) > limit {
			flush()
		}
		chunk.WriteString(line)
	}
	if total < o.MaxSampleBytes {
		flush()
	}
	return smp
}

// Keys whose values are credentials, whose values are paths to credentials, and query
// parameters that usually carry one.
var (
	credentialKeys = map[string]bool{"password": true, "bearer_token": true, "credentials": true, "client_secret": true,
		"secret_key": true, "token": true, "secret": true, "api_key": true, "auth_token": true, "private_key": true}
	credentialFileKeys = map[string]bool{"password_file": true, "bearer_token_file": true, "credentials_file": true,
		"client_secret_file": true, "key_file": true, "token_file": true}
	credentialParam = lazyre.New(`(?i)key|token|secret|pass|auth|sig`)
	userinfoURL     = lazyre.New(`[a-z][a-z0-9+.-]*://([^/@\s:]+):([^/@\s]+)@`)
)

// masked is how Prometheus shows a Secret field, and a password inside a URL.
func masked(v string) bool { return v == "" || v == "<secret>" || v == "xxxxx" }

type credential struct {
	path  string // "scrape_configs[job=node].basic_auth.password"
	value string
}

// scanConfig walks the configuration and returns the credentials shown in clear, how
// many are masked, and the credential files named (the first maxConfigFiles of them,
// fileCount in all).
func scanConfig(text string) (leaked []credential, maskedCount int, files []string, fileCount int, err error) {
	// The YAML comes from the network: a parser bug must cost this check, not the probe.
	defer func() {
		if r := recover(); r != nil {
			leaked, maskedCount, files, fileCount, err = nil, 0, nil, 0, fmt.Errorf("%w: YAML parser failed: %v", store.ErrProtocol, r)
		}
	}()
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(configPart(text)), &root); err != nil {
		return nil, 0, nil, 0, fmt.Errorf("%w: configuration is not YAML: %v", store.ErrProtocol, err)
	}
	// urlPassword reads a scalar's URL password, counting a masked one; the caller builds
	// the path of one to report.
	urlPassword := func(v string) (string, bool) {
		if len(leaked) > 1000 || !strings.Contains(v, "@") {
			return "", false
		}
		if m := userinfoURL.FindStringSubmatch(v); m != nil {
			if pw, err := url.PathUnescape(m[2]); err == nil && !masked(pw) {
				return pw, true
			} else if err == nil {
				maskedCount++
			}
		}
		return "", false
	}
	// A path is built when first asked for, once: for what is reported, and the
	// containers above it.
	lazy := func(build func() string) func() string {
		var p string
		built := false
		return func() string {
			if !built {
				p, built = build(), true
			}
			return p
		}
	}
	var walk func(n *yaml.Node, path func() string, depth int)
	walk = func(n *yaml.Node, path func() string, depth int) {
		if depth > 40 || len(leaked) > 1000 {
			return
		}
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c, path, depth+1)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				if c.Kind == yaml.ScalarNode {
					if pw, ok := urlPassword(c.Value); ok {
						leaked = append(leaked, credential{configPath(path(), "["+itemName(c, i)+"]") + " (URL password)", pw})
					}
					continue
				}
				walk(c, lazy(func() string { return configPath(path(), "["+itemName(c, i)+"]") }), depth+1)
			}
		case yaml.MappingNode:
			key := func(k string) string {
				if p := path(); p != "" {
					return configPath(p, "."+k)
				}
				return configPath("", k)
			}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i].Value, n.Content[i+1]
				if v.Kind == yaml.ScalarNode && !credentialKeys[k] && !credentialFileKeys[k] && !strings.Contains(v.Value, "@") {
					continue // nothing to count or report
				}
				if v.Kind == yaml.ScalarNode {
					// Counted or matched first: a path is built only for what is reported.
					switch {
					case credentialKeys[k] && masked(v.Value):
						maskedCount++
					case credentialKeys[k]:
						leaked = append(leaked, credential{key(k), v.Value})
					case credentialFileKeys[k] && v.Value != "":
						if fileCount++; len(files) < maxConfigFiles {
							files = append(files, key(k)+"="+v.Value)
						}
					default:
						if pw, ok := urlPassword(v.Value); ok {
							leaked = append(leaked, credential{key(k) + " (URL password)", pw})
						}
					}
					continue
				}
				if k == "params" && v.Kind == yaml.MappingNode {
					p := key(k)
					for j := 0; j+1 < len(v.Content); j += 2 {
						name, vals := v.Content[j].Value, v.Content[j+1]
						if !credentialParam.MatchString(name) {
							continue
						}
						for _, val := range vals.Content {
							if val.Kind == yaml.ScalarNode && !masked(val.Value) {
								leaked = append(leaked, credential{p + "." + name, val.Value})
							}
						}
					}
					continue
				}
				walk(v, lazy(func() string { return key(k) }), depth+1)
			}
		case yaml.ScalarNode:
			if pw, ok := urlPassword(n.Value); ok {
				leaked = append(leaked, credential{path() + " (URL password)", pw})
			}
		}
	}
	walk(&root, func() string { return "" }, 0)
	return leaked, maskedCount, files, fileCount, nil
}

// maxConfigFiles bounds the credential files kept of a configuration: the report shows
// their count and 500 bytes of their paths.
const maxConfigFiles = 1000

// maxConfigParse bounds the text of a configuration that is parsed. The parse cannot
// be stopped once started and costs in proportion to the nodes the text holds: 8 MiB of
// one-letter list items took 3–5 s of CPU, 1 MiB takes about 0.4 s, and a real
// configuration of 1 MiB (some 1,500 scrape jobs) about 0.1 s
// (TestHostileConfigParseBounded). A longer configuration is checked in its first whole
// top-level entries within the bound; all of it is still sampled for the detectors.
const maxConfigParse = 1 << 20

// configPart is what is parsed of a configuration: all of it within maxConfigParse, else
// the text before the last line within the bound that starts at column 0 (a top-level
// key or, as Prometheus writes scrape_configs, a top-level list's item), so the part
// ends between two entries. When that would drop more than half the bound, the entry
// crossing it is longer than that (a scrape job with tens of thousands of static
// targets) and is cut at its last line within the bound instead: Prometheus writes a
// job's credentials before its target lists, so its first lines are what is checked. A
// text with no line break within the bound gives "".
func configPart(text string) string {
	if len(text) <= maxConfigParse {
		return text
	}
	last := strings.LastIndexByte(text[:maxConfigParse], '\n')
	for p := last; p >= maxConfigParse/2; p = strings.LastIndexByte(text[:p], '\n') {
		if c := text[p+1]; c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return text[:p+1]
		}
	}
	return text[:last+1]
}

// Configurations are parsed a few at a time in the process. The YAML parser's node tree
// takes some 50 times the text of a real configuration and up to 90 times that of one of
// one-letter items (a parse of 240 KiB of them peaked at 22 MiB of heap), so every worker
// of a scan meeting such a server at once held that many times over. A large
// configuration (over smallConfig, up to maxConfigParse) waits for configParses, one at a
// time; a small one for its size in bytes of smallConfigParses, so that large hostile
// configurations holding their slot for a parse of up to a second each cannot make a
// real configuration (a few KiB to a few dozen) wait past its probe's deadline
// (TestHostileConfigsDoNotStarveHonest). The small parses were four at a time whatever
// their size, estimated at 50 MiB and measured at 95 MiB for four of the densest; they
// now hold at most smallParseBytes of text at once, about 45 MiB
// (TestHostileSmallConfigsMemoryBounded). A configuration of at most tinyConfig bytes, as
// most real ones are, takes no turn at all (at most about 1.6 MiB of node tree, one per
// worker): the turns are taken first come, first served, so it would otherwise wait for
// every hostile configuration queued before it (TestRealConfigNeverWaitsForHostileOnes).
var (
	configParses      = semaphore.NewWeighted(1)
	smallConfigParses = semaphore.NewWeighted(smallParseBytes)
)

// tinyConfig is the size of the largest configuration parsed without a turn,
// smallConfig of the largest parsed in a small slot, and smallParseBytes the bytes of
// small configurations parsed at once.
const (
	tinyConfig      = 16 << 10
	smallConfig     = 256 << 10
	smallParseBytes = 2 * smallConfig
)

// parseSlot waits for n of slots (the one turn of configParses, or a small
// configuration's size in bytes of smallConfigParses) to parse a configuration, or for
// ctx to end (then the configuration's credentials are not checked).
func parseSlot(ctx context.Context, slots *semaphore.Weighted, n int64) (release func(), ok bool) {
	if ctx.Err() != nil {
		return nil, false // Acquire takes a free turn even with ctx done
	}
	if slots.Acquire(ctx, n) != nil {
		return nil, false
	}
	return func() { slots.Release(n) }, true
}

// configWait bounds a configuration's wait for its turn to parse. The turns are taken
// first come, first served: a real configuration of 100 KiB fetched after 30 hostile
// ones of 240 KiB (each holding half of smallParseBytes for a parse of its densest node
// tree) waited for all 30 parses (TestHonestConfigWaitBehindHostileOnes). A
// configuration whose turn has not come within configWait is read line by line instead
// (scanConfigLines: one pass, no node tree), so its credentials are still checked
// whatever the queue.
const configWait = 2 * time.Second

// parseConfig runs parse, which parses size bytes, in its turn, if the turn comes
// within configWait and before ctx ends, and reports whether it ran; the turn is given
// back however parse ends.
func parseConfig(ctx context.Context, size int, parse func()) bool {
	var release func()
	var ok bool
	wctx, cancel := context.WithTimeout(ctx, configWait)
	defer cancel()
	switch {
	case size <= tinyConfig:
		if ctx.Err() != nil {
			return false
		}
		parse()
		return true
	case size <= smallConfig:
		release, ok = parseSlot(wctx, smallConfigParses, int64(max(size, 1)))
	default:
		release, ok = parseSlot(wctx, configParses, 1)
	}
	if !ok {
		return false
	}
	defer release()
	parse()
	return true
}

// checkConfig reports the credentials of a configuration: parsed in its turn
// (parseConfig), else read line by line (scanConfigLines, a pass over at most
// maxConfigParse bytes). parsed says which.
func checkConfig(ctx context.Context, svc finding.Service, text string) (fs []finding.Finding, parsed bool) {
	part := configPart(text)
	if parseConfig(ctx, len(part), func() { fs = configFindings(svc, text) }) {
		return fs, true
	}
	if part == "" {
		return nil, false
	}
	leaked, maskedN, files, fileN := scanConfigLines(part)
	return credentialFindings(svc, leaked, maskedN, files, fileN), false
}

// maxConfigPath bounds the path of a configuration entry, and maxConfigKey each key
// or item name in it: a path was built for every entry by copying its parent's whole, so
// a configuration nesting long keys made each of thousands of entries below them cost a
// copy of all of them (10 GiB allocated for a 673 KiB configuration of 36 levels of 16
// KiB keys, TestHostileConfigPaths). Real paths are a few dozen bytes, and the report
// shows 200 of them.
const (
	maxConfigPath = 1 << 10
	maxConfigKey  = 80
)

// configPath is path followed by elem (".key" or "[item]"), each cut and marked.
func configPath(path, elem string) string {
	if len(path) > maxConfigPath {
		return path // cut already, and marked
	}
	return probekit.CutText(path+probekit.CutText(elem, maxConfigKey), maxConfigPath)
}

// itemName names a list item by its job_name (or name) when it has one.
func itemName(n *yaml.Node, i int) string {
	if n.Kind == yaml.MappingNode {
		for j := 0; j+1 < len(n.Content); j += 2 {
			if k := n.Content[j].Value; k == "job_name" || k == "name" {
				return k + "=" + probekit.CutText(n.Content[j+1].Value, 80)
			}
		}
	}
	return strconv.Itoa(i)
}

// configFindings reports each credential the configuration shows in clear (redacted in
// the report), and, when Prometheus masked them all, where they are configured.
func configFindings(svc finding.Service, text string) []finding.Finding {
	leaked, maskedN, files, fileN, err := scanConfig(text)
	if err != nil {
		// Not YAML as parsed: a part cut inside a flow collection or a quoted string
		// spanning lines (a cut inside a block scalar parses), or a text the parser
		// refused. Its lines are still read.
		leaked, maskedN, files, fileN = scanConfigLines(configPart(text))
	}
	return credentialFindings(svc, leaked, maskedN, files, fileN)
}

// credentialFindings reports what scanConfig or scanConfigLines found.
func credentialFindings(svc finding.Service, leaked []credential, maskedN int, files []string, fileN int) []finding.Finding {
	var out []finding.Finding
	sev := finding.High
	if svc.Auth.Open() {
		sev = finding.Critical
	}
	for i, c := range leaked {
		if i == 50 {
			break
		}
		f := finding.Finding{Severity: sev, Category: finding.Secret, Rule: "prometheus-config-credential",
			Title:  "Prometheus configuration shows a credential in clear: " + c.path,
			Detail: "GET /api/v1/status/config returns the loaded configuration to anyone who can reach the API; Prometheus masks only fields typed as secrets.",
			Table:  "config", Column: probekit.CutText(c.path, 200),
			Remediation: "Rotate the credential; move it to a *_file setting or a secret field (basic_auth.password_file, " +
				"authorization.credentials_file), keep it out of params and URLs, and restrict access to the API."}
		f.SetSecret(c.value, false)
		out = append(out, probekit.Finish(f, svc))
	}
	if len(leaked) == 0 && (maskedN > 0 || fileN > 0) {
		sort.Strings(files)
		out = append(out, probekit.Finish(finding.Finding{Severity: finding.Info, Category: finding.Config, Rule: "prometheus-config-secrets-masked",
			Title:    fmt.Sprintf("Prometheus configuration names %d masked credentials and %d credential files", maskedN, fileN),
			Detail:   "The values are masked, but the configuration still tells which systems Prometheus authenticates to and where the credential files are.",
			Evidence: probekit.CutText(strings.Join(files, ", "), 500), Count: maskedN + fileN,
			Remediation: "Restrict access to the API (--web.config.file or a proxy)."}, svc))
	}
	return out
}

// flagsRead are the command-line flags read (details and flagFindings).
var flagsRead = []string{"config.file", "storage.tsdb.path", "storage.tsdb.retention.time", "web.external-url",
	"web.enable-admin-api", "web.enable-lifecycle", "web.config.file", "web.listen-address"}

// flags reads the command-line flags of flagsRead. Only their values are decoded: the
// answer is an object of every flag, and 8 MiB of distinct ones (650,000) cost 118 MiB
// decoded whole into a map.
func (s *session) flags(ctx context.Context) (map[string]string, error) {
	var raw json.RawMessage
	if _, err := s.get(ctx, "/api/v1/status/flags", "", &raw); err != nil {
		return nil, err
	}
	flags := map[string]string{}
	var bad error
	err := probekit.EachMember(raw, func(name, value []byte) bool {
		for _, k := range flagsRead {
			if string(name) == k {
				var v string
				if bad = json.Unmarshal(value, &v); bad != nil {
					return false
				}
				flags[k] = v
			}
		}
		return true
	})
	if err == nil && bad != nil {
		err = fmt.Errorf("%w: /api/v1/status/flags data: %v", store.ErrProtocol, bad)
	}
	return flags, err
}

// flagFindings reports the administrative APIs the flags enable, without calling them.
func flagFindings(svc finding.Service, flags map[string]string) []finding.Finding {
	var out []finding.Finding
	who := "anyone"
	if !svc.Auth.Open() {
		who = fmt.Sprintf("user %q", svc.User)
	}
	if flags["web.enable-admin-api"] == "true" {
		out = append(out, probekit.Finish(finding.Finding{Severity: finding.High, Category: finding.Capability, Rule: "prometheus-admin-api",
			Title: "Prometheus admin API is enabled: " + who + " can delete series and write snapshots",
			Detail: "--web.enable-admin-api exposes POST /api/v1/admin/tsdb/delete_series, clean_tombstones and snapshot " +
				"(which writes a copy of the database to disk). leakwatch read the flag; it did not call the API.",
			Evidence:    "web.enable-admin-api=true",
			Remediation: "Remove --web.enable-admin-api, or protect the API with --web.config.file."}, svc))
	}
	if flags["web.enable-lifecycle"] == "true" {
		out = append(out, probekit.Finish(finding.Finding{Severity: finding.Medium, Category: finding.Capability, Rule: "prometheus-lifecycle-api",
			Title:       "Prometheus lifecycle API is enabled: " + who + " can stop it or make it reload its configuration",
			Detail:      "--web.enable-lifecycle exposes POST /-/quit and /-/reload.",
			Evidence:    "web.enable-lifecycle=true",
			Remediation: "Remove --web.enable-lifecycle, or protect the API with --web.config.file."}, svc))
	}
	return out
}

// maxTargets bounds the active targets decoded from one listing (the rest are counted):
// the largest real deployments scrape tens of thousands.
const maxTargets = 100_000

type target struct {
	ScrapePool string            `json:"scrapePool"`
	ScrapeURL  string            `json:"scrapeUrl"`
	Health     string            `json:"health"`
	LastError  string            `json:"lastError"`
	Labels     map[string]string `json:"labels"`
}

// targets summarises the active scrape targets — which hosts and ports Prometheus
// reaches, a map of the internal network — and samples them, one job at a time.
func (s *session) targets(ctx context.Context, o *store.Options, svc finding.Service) (finding.Dataset, *store.Sample, []finding.Finding, error) {
	ds := finding.Dataset{Table: "targets", Kind: "scrape targets"}
	var data json.RawMessage
	if _, err := s.get(ctx, "/api/v1/targets", "state=active", &data); err != nil {
		return ds, nil, nil, err
	}
	// The active targets only (a server may list dropped ones too), the first
	// maxTargets decoded and the rest counted: decoded whole, 8 MiB of empty targets
	// (2.8 million) cost 2.7 GiB, each kept and grouped by job.
	var ts []target
	total := 0
	active, ok, err := probekit.ObjectMember(data, "activeTargets")
	if err == nil && ok {
		ts, total, err = probekit.DecodeListCounted[target](active, maxTargets)
	}
	if err != nil {
		return ds, nil, nil, fmt.Errorf("%w: targets: %v", store.ErrProtocol, err)
	}
	ds.Rows = int64(total)
	hosts, endpoints := map[string]bool{}, map[string]bool{}
	jobs := map[string][]target{}
	var jobNames []string
	down := 0
	for _, t := range ts {
		if u, err := url.Parse(t.ScrapeURL); err == nil && u.Host != "" {
			hosts[u.Hostname()] = true
			endpoints[u.Host] = true
		}
		job := t.ScrapePool
		if job == "" {
			job = t.Labels["job"]
		}
		if _, ok := jobs[job]; !ok {
			jobNames = append(jobNames, job)
		}
		jobs[job] = append(jobs[job], t)
		if t.Health == "down" {
			down++
		}
	}
	smp := &store.Sample{Table: "targets", Columns: []string{"job", "scrape_url", "health", "last_error"}}
	want := max(o.SampleRows, min(len(jobNames), 100))
	used := 0
	for round := 0; len(smp.Rows) < want && used < o.MaxSampleBytes; round++ {
		took := false
		for _, j := range jobNames {
			if round < len(jobs[j]) && len(smp.Rows) < want {
				t := jobs[j][round]
				row := []string{j, t.ScrapeURL, t.Health, t.LastError}
				n, ok := probekit.Charge(o, row, min(o.MaxRowBytes, o.MaxSampleBytes-used))
				if !ok {
					used = o.MaxSampleBytes // nothing more is kept
					break
				}
				used += n
				smp.Rows = append(smp.Rows, row)
				took = true
			}
		}
		if !took {
			break
		}
	}
	if total == 0 {
		return ds, smp, nil, nil
	}
	var hostList []string
	for h := range endpoints {
		hostList = append(hostList, h)
	}
	sort.Strings(hostList)
	f := probekit.Finish(finding.Finding{Severity: finding.Low, Category: finding.Config, Rule: "prometheus-targets",
		Title: fmt.Sprintf("Prometheus lists %d scrape targets on %d hosts in %d jobs (%d down)", total, len(hosts), len(jobNames), down),
		Detail: "GET /api/v1/targets names every host, port and path Prometheus scrapes, with their labels: a map of " +
			"internal services for whoever can reach the API.",
		Table: "targets", Count: total, Evidence: probekit.CutText(strings.Join(hostList, ", "), 500),
		Remediation: "Restrict access to the Prometheus API."}, svc)
	return ds, smp, []finding.Finding{f}, nil
}
