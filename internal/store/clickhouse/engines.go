package clickhouse

import (
	"net/url"
	"strings"
)

// What a database or table engine does when it is listed or read, judged from its name
// and, for the engines that reach elsewhere, from the arguments the server shows in
// system.databases.engine_full and system.tables.engine_full. These strings are the
// server's, hence hostile: only a host is taken from them, never a credential, and it is
// only reported, never connected to.

// localDatabaseEngines keep their tables' definitions on this server, so listing them
// asks nobody else. Lazy and Replicated keep data locally too (Replicated talks to
// [Zoo]Keeper only for DDL). Every other engine is left unlisted: MySQL, PostgreSQL and
// the Materialized* engines fetch their table lists from the remote server with the
// stored credentials (DatabaseMySQL::fetchTablesIntoLocalCache), SQLite, Filesystem, S3,
// HDFS, DataLakeCatalog and Backup read files or object stores, and an engine this list
// does not know may do either. "Dictionary" lists the server's dictionaries; reading one
// can load it from its source, so it is left out as well.
var localDatabaseEngines = map[string]bool{
	"Atomic": true, "Ordinary": true, "Memory": true, "Lazy": true, "Replicated": true, "Shared": true,
}

// remoteDatabaseEngines name what each known non-local database engine reaches, for the
// report. Filesystem and SQLite read the server's own files.
var remoteDatabaseEngines = map[string]string{
	"MySQL": "remote", "MaterializeMySQL": "remote", "MaterializedMySQL": "remote",
	"PostgreSQL": "remote", "MaterializedPostgreSQL": "remote", "S3": "remote", "HDFS": "remote",
	"DataLakeCatalog": "remote", "Iceberg": "remote", "Backup": "remote",
	"SQLite": "files", "Filesystem": "files", "Dictionary": "dictionaries",
}

// tableReach is what reading a table would do beyond this server's own data.
type tableReach int

const (
	reachLocal   tableReach = iota // rows stored here: safe to count and sample
	reachRemote                    // another server, an object store or a bridge
	reachConsume                   // a queue: reading consumes messages (Kafka, RabbitMQ, NATS, *Queue)
	reachQuery                     // runs a query or reads other tables (views, Merge, Distributed, dictionaries)
	reachFiles                     // the server's own files outside its data (File, Executable)
	reachUnknown                   // an engine this list does not know
)

// localTableEngine reports whether an engine stores its rows on this server, so that
// counting and sampling read nothing else. Buffer is local only when its destination is
// (see resolveReach); KeeperMap keeps its rows in [Zoo]Keeper, another service;
// GenerateRandom never ends.
func localTableEngine(engine string) bool {
	if strings.HasSuffix(engine, "MergeTree") {
		return true
	}
	switch engine {
	case "Memory", "Log", "TinyLog", "StripeLog", "Join", "EmbeddedRocksDB", "Null":
		return true
	}
	return false
}

// tableEngineReach classifies engine by name; Buffer is classified by its destination
// by the caller.
func tableEngineReach(engine string) tableReach {
	switch {
	case localTableEngine(engine):
		return reachLocal
	case engine == "Kafka", engine == "RabbitMQ", engine == "NATS", engine == "S3Queue", engine == "AzureQueue", engine == "FileLog":
		return reachConsume
	case engine == "View", engine == "MaterializedView", engine == "LiveView", engine == "WindowView",
		engine == "Merge", engine == "Distributed", engine == "Dictionary", engine == "Alias", engine == "Loop":
		return reachQuery
	case engine == "File", engine == "Executable", engine == "ExecutablePool":
		return reachFiles
	}
	switch engine {
	case "URL", "S3", "HDFS", "MySQL", "PostgreSQL", "MongoDB", "JDBC", "ODBC", "Redis", "Hive", "AzureBlobStorage",
		"Iceberg", "IcebergS3", "IcebergAzure", "IcebergHDFS", "IcebergLocal", "DeltaLake", "DeltaLakeS3", "DeltaLakeAzure",
		"DeltaLakeLocal", "Hudi", "Paimon", "PaimonS3", "PaimonAzure", "PaimonHDFS", "PaimonLocal", "ExternalDistributed",
		"MaterializedPostgreSQL", "SQLite", "COSN", "OSS", "GCS", "YTsaurus", "ArrowFlight", "TimeSeries", "KeeperMap":
		return reachRemote
	}
	return reachUnknown
}

// engineExpr is an engine clause taken apart: its name, its arguments as written and,
// when they are literals, as values, and its SETTINGS.
type engineExpr struct {
	name     string
	args     []engineArg
	settings map[string]string
}

type engineArg struct {
	ident string // a bare or quoted identifier
	str   string // a string literal's value
	isStr bool
	key   string // "key = value" arguments (named-collection overrides)
}

// maxEngineText bounds what is parsed of one engine_full: the arguments that matter come
// first, and a padded definition must not cost more than this.
const maxEngineText = 16 << 10

// cutEngineText keeps of an engine_full what parseEngine reads (a copy: the server's
// definition was kept whole, up to the answer's cap, until the scan's final cut).
func cutEngineText(s string) string {
	if len(s) > maxEngineText {
		return strings.Clone(s[:maxEngineText])
	}
	return s
}

// parseEngine reads "Name(arg, 'lit', key = 'v') PARTITION BY … SETTINGS k = 'v', …" as
// ClickHouse prints it. It never fails: what it cannot read is left out.
func parseEngine(s string) engineExpr {
	if len(s) > maxEngineText {
		s = s[:maxEngineText]
	}
	toks := engineTokens(s)
	var e engineExpr
	if len(toks) == 0 || toks[0].kind != 'i' {
		return e
	}
	e.name = toks[0].text
	i := 1
	if i < len(toks) && toks[i].kind == '(' {
		depth := 0
		var cur []engTok
		flush := func() {
			if len(cur) == 0 {
				return
			}
			var a engineArg
			switch {
			case len(cur) >= 3 && cur[1].kind == '=' && (cur[0].kind == 'i' || cur[0].kind == 'q'):
				a.key = strings.ToLower(cur[0].text)
				if cur[2].kind == 's' {
					a.str, a.isStr = cur[2].text, true
				} else if cur[2].kind == 'i' || cur[2].kind == 'q' {
					a.ident = cur[2].text
				}
			case len(cur) == 1 && cur[0].kind == 's':
				a.str, a.isStr = cur[0].text, true
			case len(cur) == 1 && (cur[0].kind == 'i' || cur[0].kind == 'q'):
				a.ident = cur[0].text
			}
			e.args = append(e.args, a)
			cur = nil
		}
		for ; i < len(toks); i++ {
			t := toks[i]
			switch t.kind {
			case '(':
				depth++
				if depth == 1 {
					continue
				}
			case ')':
				depth--
				if depth == 0 {
					flush()
					i++
					goto rest
				}
			case ',':
				if depth == 1 {
					flush()
					continue
				}
			}
			if depth >= 1 && len(cur) < 64 {
				cur = append(cur, t)
			}
		}
		flush()
	}
rest:
	for ; i < len(toks); i++ {
		if toks[i].kind == 'i' && strings.EqualFold(toks[i].text, "SETTINGS") {
			e.settings = map[string]string{}
			for j := i + 1; j+2 < len(toks); j++ {
				if (toks[j].kind == 'i' || toks[j].kind == 'q') && toks[j+1].kind == '=' {
					v := toks[j+2]
					if v.kind == 's' || v.kind == 'i' || v.kind == 'n' {
						e.settings[strings.ToLower(toks[j].text)] = v.text
					}
					j += 2
				}
			}
			break
		}
	}
	return e
}

type engTok struct {
	kind byte // 'i' identifier, 'q' quoted identifier, 's' string, 'n' number, or the punctuation byte
	text string
}

// maxEngineTokens bounds the tokens of one engine clause.
const maxEngineTokens = 4096

// engineTokens splits ClickHouse SQL as printed by the server: identifiers (bare,
// `backquoted` or "quoted"), 'strings' with backslash escapes and doubled quotes,
// numbers, and punctuation. An unterminated quote runs to the end.
func engineTokens(s string) []engTok {
	var out []engTok
	for i := 0; i < len(s) && len(out) < maxEngineTokens; {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '\'' || c == '`' || c == '"':
			var b strings.Builder
			j := i + 1
			for j < len(s) {
				if s[j] == '\\' && j+1 < len(s) {
					b.WriteByte(unescapeByte(s[j+1]))
					j += 2
					continue
				}
				if s[j] == c {
					if j+1 < len(s) && s[j+1] == c {
						b.WriteByte(c)
						j += 2
						continue
					}
					break
				}
				b.WriteByte(s[j])
				j++
			}
			kind := byte('q')
			if c == '\'' {
				kind = 's'
			}
			out = append(out, engTok{kind: kind, text: b.String()})
			i = min(j+1, len(s))
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80:
			j := i + 1
			for j < len(s) && (s[j] == '_' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= '0' && s[j] <= '9' || s[j] >= 0x80) {
				j++
			}
			out = append(out, engTok{kind: 'i', text: s[i:j]})
			i = j
		case c >= '0' && c <= '9' || c == '-' || c == '.':
			j := i + 1
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.' || s[j] == 'e' || s[j] == 'E') {
				j++
			}
			out = append(out, engTok{kind: 'n', text: s[i:j]})
			i = j
		default:
			out = append(out, engTok{kind: c, text: s[i : i+1]})
			i++
		}
	}
	return out
}

func unescapeByte(c byte) byte {
	switch c {
	case 'n':
		return '\n'
	case 't':
		return '\t'
	case '0':
		return 0
	}
	return c
}

// maxHostText bounds a reported host: it is the server's text, shown to people.
const maxHostText = 200

// targetOf says where an engine clause points: a host ("db.internal:3306"), a URL's
// host, or "" when the arguments do not show one (a named collection, a DSN, a path).
// Credentials that share the string (user:password@, AccountKey=) are never part of it.
func targetOf(e engineExpr) string {
	var cands []string
	lit := func(i int) {
		if i < len(e.args) && e.args[i].isStr && e.args[i].key == "" {
			cands = append(cands, e.args[i].str)
		}
	}
	for _, a := range e.args {
		switch a.key {
		case "host", "host_port", "url", "uri", "connection_string", "storage_account_url", "address", "addresses_expr", "hostname":
			if a.isStr {
				cands = append(cands, a.str)
			}
		}
	}
	for _, k := range []string{"kafka_broker_list", "rabbitmq_host_port", "rabbitmq_address", "nats_url", "nats_server_list",
		"redis_host_port", "catalog_url", "storage_endpoint", "warehouse"} {
		if v := e.settings[k]; v != "" {
			cands = append(cands, v)
		}
	}
	switch e.name {
	case "ExternalDistributed":
		lit(1) // ExternalDistributed('MySQL', 'h1:3306|h2:3306', …)
	case "Backup":
		// Backup('db', S3('https://…', …)): the nested storage is not split out here.
	default:
		lit(0)
	}
	for _, c := range cands {
		if h := hostOf(c); h != "" {
			return h
		}
	}
	return ""
}

// hostOf takes the host (and port) out of an address, a URL, a JDBC URL or an Azure
// connection string, dropping any user name and password.
func hostOf(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if strings.Contains(s, ";") && strings.Contains(strings.ToLower(s), "accountname=") {
		// Azure: DefaultEndpointsProtocol=https;AccountName=a;AccountKey=…;BlobEndpoint=…
		var account string
		for _, kv := range strings.Split(s, ";") {
			k, v, _ := strings.Cut(kv, "=")
			switch strings.ToLower(strings.TrimSpace(k)) {
			case "blobendpoint":
				if h := hostOf(v); h != "" {
					return h
				}
			case "accountname":
				account = strings.TrimSpace(v)
			}
		}
		if account != "" {
			return capHost(account + ".blob.core.windows.net")
		}
		return ""
	}
	if i := strings.Index(s, "://"); i >= 0 {
		rest := s[i+3:]
		if u, err := url.Parse("x://" + rest); err == nil && u.Host != "" {
			return capHost(u.Host)
		}
		if j := strings.IndexAny(rest, "/?#"); j >= 0 {
			rest = rest[:j]
		}
		if j := strings.LastIndexByte(rest, '@'); j >= 0 {
			rest = rest[j+1:]
		}
		return capHost(rest)
	}
	if strings.ContainsAny(s, "/\\") || strings.Contains(s, "=") {
		return "" // a path, a DSN
	}
	if j := strings.LastIndexByte(s, '@'); j >= 0 {
		s = s[j+1:]
	}
	return capHost(s)
}

func capHost(h string) string {
	h = strings.TrimSpace(h)
	if len(h) > maxHostText {
		h = h[:maxHostText] + "…"
	}
	return h
}

// diskReach reports whether a table engine clause keeps its rows on a disk it defines
// itself in its SETTINGS (disk = disk(type = web, endpoint = '…'), 23.x+) that is not
// the server's local file system, and the host such a disk names. Whoever may create a
// table may define one: a MergeTree or Log table on a web, S3, Azure or HDFS disk of
// their choosing is read from that host, as a URL table is. Disks named from the
// server's configuration (disk = 's3_main', storage_policy = …) are its operator's own
// storage and are not judged here.
func diskReach(full string) (remote bool, target string) {
	if len(full) > maxEngineText {
		full = full[:maxEngineText]
	}
	toks := engineTokens(full)
	settings := -1
	for i, t := range toks {
		if t.kind == 'i' && strings.EqualFold(t.text, "SETTINGS") {
			settings = i
			break
		}
	}
	if settings < 0 {
		return false, ""
	}
	inline := false
	for i := settings + 1; i+3 < len(toks); i++ {
		// disk = disk( … ) and table_disk-style inline definitions
		if toks[i].kind == 'i' && toks[i+1].kind == '=' && toks[i+2].kind == 'i' && strings.EqualFold(toks[i+2].text, "disk") && toks[i+3].kind == '(' {
			inline = true
			break
		}
	}
	if !inline {
		return false, ""
	}
	sawType := false
	for i := settings + 1; i+2 < len(toks); i++ {
		if (toks[i].kind != 'i' && toks[i].kind != 'q') || toks[i+1].kind != '=' {
			continue
		}
		v := toks[i+2]
		switch strings.ToLower(toks[i].text) {
		case "type", "object_storage_type":
			sawType = true
			switch strings.ToLower(v.text) {
			case "local", "local_blob_storage", "cache", "encrypted", "object_storage":
				// the local file system, a wrapper over another disk (defined beside it
				// or in the configuration), or the 24.1+ spelling whose
				// object_storage_type says where
			default:
				remote = true
			}
		case "endpoint", "url", "connection_string", "storage_account_url", "hdfs_root_path":
			if target == "" && (v.kind == 's' || v.kind == 'i') {
				target = hostOf(v.text)
			}
		}
	}
	// An inline disk whose type cannot be read is not trusted to be local.
	return remote || !sawType, target
}
