package couchdb

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// fakeCouch answers as CouchDB does, from the API reference (docs.couchdb.org: GET /,
// /_session, /_all_dbs, GET /{db}, /{db}/_all_docs) and the behaviour documented for
// each line: 1.x/2.x "admin party" (no admins: every request gets the _admin role),
// 2.x public databases (no members in _security), 3.x admin-only _all_dbs and
// databases, [chttpd] require_valid_user (401 even for GET /). Errors are
// {"error":"unauthorized","reason":…} with 401, as the server sends them; every
// response carries "Server: CouchDB/<version> (Erlang OTP/…)".
type fakeCouch struct {
	version string
	admins  map[string]string // empty: admin party on 1.x/2.x
	users   map[string]string // non-admin members of every database
	// publicDBs makes databases readable without login (2.x without _security members).
	publicDBs    bool
	requireValid bool
	dbs          map[string][]map[string]any
	mu           sync.Mutex
	reqs         []string
}

func (f *fakeCouch) requests() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.reqs...)
}

func (f *fakeCouch) three() bool { return strings.HasPrefix(f.version, "3.") }

func (f *fakeCouch) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.reqs = append(f.reqs, r.Method+" "+r.URL.RequestURI())
	f.mu.Unlock()
	w.Header().Set("Server", "CouchDB/"+f.version+" (Erlang OTP/24)")
	w.Header().Set("Content-Type", "application/json")
	unauth := func(reason string) {
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprintf(w, `{"error":"unauthorized","reason":%q}`+"\n", reason)
	}
	user, pw, hasAuth := r.BasicAuth()
	isAdmin, isUser := false, false
	if hasAuth {
		switch {
		case f.admins[user] == pw && pw != "":
			isAdmin = true
		case f.users[user] == pw && pw != "":
			isUser = true
		default:
			unauth("Name or password is incorrect.")
			return
		}
	}
	if len(f.admins) == 0 && !f.three() {
		isAdmin = true // admin party
	}
	if f.requireValid && !isAdmin && !isUser {
		w.Header().Set("WWW-Authenticate", `Basic realm="server"`)
		unauth("Authentication required.")
		return
	}
	enc := json.NewEncoder(w)
	path := r.URL.Path
	switch {
	case path == "/":
		enc.Encode(map[string]any{"couchdb": "Welcome", "version": f.version, "git_sha": "40afbcfc7",
			"uuid": "a2db86472466bcd02e84ac05a6c86185", "features": []string{"access-ready", "partitioned", "pluggable-storage-engines", "reshard", "scheduler"},
			"vendor": map[string]string{"name": "The Apache Software Foundation"}})
	case path == "/_session":
		roles := []string{}
		var name any
		if isAdmin {
			roles = []string{"_admin"}
		}
		if hasAuth {
			name = user
		}
		enc.Encode(map[string]any{"ok": true, "userCtx": map[string]any{"name": name, "roles": roles},
			"info": map[string]any{"authentication_handlers": []string{"cookie", "default"}}})
	case path == "/_all_dbs":
		if f.three() && !isAdmin {
			unauth("You are not a server admin.")
			return
		}
		var names []string
		for n := range f.dbs {
			names = append(names, n)
		}
		sort.Strings(names)
		enc.Encode(names)
	default:
		parts := strings.SplitN(strings.TrimPrefix(path, "/"), "/", 2)
		docs, ok := f.dbs[parts[0]]
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `{"error":"not_found","reason":"Database does not exist."}`+"\n")
			return
		}
		if !isAdmin && !isUser && !(f.publicDBs && !strings.HasPrefix(parts[0], "_")) {
			unauth("You are not authorized to access this db.")
			return
		}
		if len(parts) == 1 {
			size := 0
			for _, d := range docs {
				b, _ := json.Marshal(d)
				size += len(b)
			}
			enc.Encode(map[string]any{"db_name": parts[0], "purge_seq": "0-g1AAAA", "update_seq": strconv.Itoa(len(docs)) + "-g1AAAA",
				"sizes": map[string]int{"file": 4096 + size, "external": size, "active": size}, "props": map[string]any{},
				"doc_del_count": 0, "doc_count": len(docs), "disk_format_version": 8, "compact_running": false,
				"cluster": map[string]int{"q": 2, "n": 1, "w": 1, "r": 1}, "instance_start_time": "0"})
			return
		}
		if parts[1] != "_all_docs" || r.URL.Query().Get("include_docs") != "true" {
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"error":"bad_request","reason":"unexpected"}`)
			return
		}
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		var rows []map[string]any
		for i, d := range docs {
			if limit > 0 && i >= limit {
				break
			}
			id := d["_id"].(string)
			rows = append(rows, map[string]any{"id": id, "key": id, "value": map[string]string{"rev": d["_rev"].(string)}, "doc": d})
		}
		enc.Encode(map[string]any{"total_rows": len(docs), "offset": 0, "rows": rows})
	}
}

var (
	synth      = lab.NewSynth(5984)
	testGitHub = synth.GitHubToken()
	testEmail  = synth.Email()
	testDSN    = synth.PostgresDSN()
)

func seededDBs() map[string][]map[string]any {
	var orders []map[string]any
	for i := range 15 {
		orders = append(orders, map[string]any{"_id": fmt.Sprintf("order-%03d", i), "_rev": "1-967a00dff5e02add41819138abb3284d",
			"customer": testEmail, "total": 12.5 * float64(i), "items": []string{"a", "b"}})
	}
	return map[string][]map[string]any{
		"orders":      orders,
		"deploy":      {{"_id": "ci", "_rev": "2-7051cbe5c8faecd085a3fa619e6e6337", "github_token": testGitHub, "repo": "corp/app"}},
		"_replicator": {{"_id": "nightly", "_rev": "1-aaa", "source": testDSN, "target": "http://backup:5984/orders"}},
		"_users":      {},
	}
}

// fakeEPMD answers NAMES_REQ as epmd does: its port, then one line per node.
func fakeEPMD(t *testing.T, nodes ...string) int {
	ep := probetest.Raw(t, func(_ int, c net.Conn) {
		var req [3]byte
		if _, err := io.ReadFull(c, req[:]); err != nil || req[2] != 'n' {
			return
		}
		out := binary.BigEndian.AppendUint32(nil, 4369)
		for i, n := range nodes {
			out = fmt.Appendf(out, "name %s at port %d\n", n, 9100+i)
		}
		c.Write(out)
	})
	return ep.Port
}
