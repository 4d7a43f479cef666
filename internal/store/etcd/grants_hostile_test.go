package etcd

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// TestHostileGrantsFloods: a logged-in session reads its user's roles, each role's
// permissions and the cluster's members, and each answer was decoded whole before being
// cut (50 roles, 100 permissions, 20 members): an 8 MiB answer of empty elements (for the members, 4 MiB of them and 4 MiB of one member's URLs)
// (2.8 million) cost hundreds of MiB. They are now decoded an element at a time up to
// those bounds, the rest counted from the bytes, and what is kept is what was kept.
func TestHostileGrantsFloods(t *testing.T) {
	floodOf := func(size int, elem string) string { return strings.Repeat(elem+",", (size-4096)/(len(elem)+1)) + elem }
	flood := func(elem string) string { return floodOf(8<<20, elem) }
	for _, tc := range []struct {
		name                     string
		user, role, members      string
		wantRoles, wantMembersIn string
	}{
		{name: "roles", user: `{"roles":["app",` + flood(`""`) + `]}`, wantRoles: "app, , "},
		{name: "perms", role: `{"perm":[{"permType":"READWRITE","key":"YQ==","range_end":"Yg=="},` + flood(`{}`) + `]}`, wantRoles: "app"},
		{name: "members", members: `{"members":[{"name":"m1","clientURLs":["http://10.0.0.1:2379"],"peerURLs":[` + floodOf(4<<20, `""`) + `]},` + floodOf(4<<20, `{}`) + `]}`,
			wantRoles: "app", wantMembersIn: "m1 clients=http://10.0.0.1:2379"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.user == "" {
				tc.user = `{"roles":["app"]}`
			}
			if tc.role == "" {
				tc.role = `{"perm":[{"permType":"READWRITE","key":"YQ==","range_end":"Yg=="}]}`
			}
			if tc.members == "" {
				tc.members = `{"members":[{"name":"m1","clientURLs":["http://10.0.0.1:2379"]}]}`
			}
			ep := serve(t, func(w http.ResponseWriter, r *http.Request) {
				switch r.URL.Path {
				case "/version":
					io.WriteString(w, `{"etcdserver":"3.4.23","etcdcluster":"3.4.0"}`)
				case "/v3/kv/range":
					if r.Header.Get("Authorization") == "" {
						w.WriteHeader(http.StatusBadRequest)
						io.WriteString(w, `{"error":"etcdserver: user name is empty","code":3}`)
						return
					}
					io.WriteString(w, `{"count":"1","kvs":[{"key":"YQ==","value":"Yg=="}]}`)
				case "/v3/auth/authenticate":
					io.WriteString(w, `{"token":"tok"}`)
				case "/v3/auth/user/get":
					io.WriteString(w, tc.user)
				case "/v3/auth/role/get":
					io.WriteString(w, tc.role)
				case "/v3/cluster/member/list":
					io.WriteString(w, tc.members)
				default:
					http.NotFound(w, r)
				}
			})
			o := shortOptions()
			o.MaxResponseBytes = 8 << 20
			o.IOTimeout = 5 * time.Second
			var res *store.Result
			var err error
			allocated := probetest.Allocated(func() { res, err, _ = probetest.Try(New(), ep, o, 60*time.Second) })
			if res == nil {
				t.Fatalf("no result: %v", err)
			}
			t.Logf("%s: allocated %d MiB (err %v)", tc.name, allocated>>20, err)
			if !strings.HasPrefix(res.Service.Details["roles"], tc.wantRoles) {
				t.Errorf("roles %q", res.Service.Details["roles"])
			}
			if probetest.Finding(res.Findings, "etcd-write-grant") == nil {
				t.Errorf("the write grant is not reported: %v", res.Findings)
			}
			if tc.wantMembersIn != "" && !strings.Contains(res.Service.Details["members"], tc.wantMembersIn) {
				t.Errorf("members %q", res.Service.Details["members"])
			}
			if allocated > 48<<20 {
				t.Fatalf("the probe allocated %d MiB for an 8 MiB answer", allocated>>20)
			}
		})
	}
}
