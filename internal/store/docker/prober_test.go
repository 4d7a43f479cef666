package docker

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/hostile"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

var (
	synth                    = lab.NewSynth(2375)
	testAWSID, testAWSSecret = synth.AWSKeyPair()
	testDSN                  = synth.PostgresDSN()
)

// fakeDocker answers as dockerd's Engine API does, from the API reference (v1.43:
// GET /version, /info, /containers/json, /containers/{id}/json) and the headers every
// response carries (Server: Docker/<version> (linux), Api-Version, Docker-Experimental,
// Ostype). Errors are {"message": …}. It records every request so tests can prove that
// nothing but GETs was sent.
type fakeDocker struct {
	mu   sync.Mutex
	reqs []string
}

func (f *fakeDocker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.reqs = append(f.reqs, r.Method+" "+r.URL.RequestURI())
	f.mu.Unlock()
	w.Header().Set("Server", "Docker/24.0.7 (linux)")
	w.Header().Set("Api-Version", "1.43")
	w.Header().Set("Docker-Experimental", "false")
	w.Header().Set("Ostype", "linux")
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	switch {
	case r.URL.Path == "/version":
		enc.Encode(map[string]any{"Platform": map[string]string{"Name": "Docker Engine - Community"},
			"Components": []map[string]any{{"Name": "Engine", "Version": "24.0.7"}},
			"Version":    "24.0.7", "ApiVersion": "1.43", "MinAPIVersion": "1.12", "GitCommit": "311b9ff",
			"GoVersion": "go1.20.10", "Os": "linux", "Arch": "amd64", "KernelVersion": "6.5.0-14-generic", "BuildTime": "2023-10-26T09:07:41.000000000+00:00"})
	case r.URL.Path == "/info":
		enc.Encode(map[string]any{"ID": "7TRN:IPZB", "Containers": 2, "ContainersRunning": 1, "ContainersPaused": 0, "ContainersStopped": 1,
			"Images": 14, "Driver": "overlay2", "OperatingSystem": "Ubuntu 22.04.3 LTS", "OSType": "linux", "KernelVersion": "6.5.0-14-generic",
			"NCPU": 4, "MemTotal": 8324317184, "Name": "build-host-3", "DockerRootDir": "/var/lib/docker",
			"SecurityOptions": []string{"name=apparmor", "name=seccomp,profile=builtin", "name=cgroupns"},
			"Swarm":           map[string]any{"LocalNodeState": "inactive", "ControlAvailable": false}})
	case r.URL.Path == "/containers/json":
		enc.Encode([]map[string]any{
			{"Id": "8dfafdbc3a40aa", "Names": []string{"/api"}, "Image": "corp/api:1.4", "State": "running", "Status": "Up 3 days"},
			{"Id": "9cd87474be90bb", "Names": []string{"/ci-runner"}, "Image": "gitlab/gitlab-runner:latest", "State": "exited", "Status": "Exited (0) 2 hours ago"},
		})
	case r.URL.Path == "/containers/8dfafdbc3a40aa/json":
		enc.Encode(map[string]any{"Id": "8dfafdbc3a40aa", "Name": "/api",
			"Config":     map[string]any{"Image": "corp/api:1.4", "Env": []string{"PATH=/usr/local/sbin:/usr/local/bin", "AWS_ACCESS_KEY_ID=" + testAWSID, "AWS_SECRET_ACCESS_KEY=" + testAWSSecret, "DATABASE_URL=" + testDSN}, "Cmd": []string{"./api", "--port", "8080"}},
			"HostConfig": map[string]any{"Privileged": false, "NetworkMode": "bridge"}, "Mounts": []any{}})
	case r.URL.Path == "/containers/9cd87474be90bb/json":
		enc.Encode(map[string]any{"Id": "9cd87474be90bb", "Name": "/ci-runner",
			"Config":     map[string]any{"Image": "gitlab/gitlab-runner:latest", "Env": []string{"PATH=/usr/bin"}},
			"HostConfig": map[string]any{"Privileged": true, "NetworkMode": "host"},
			"Mounts":     []map[string]any{{"Type": "bind", "Source": "/var/run/docker.sock", "Destination": "/var/run/docker.sock", "RW": true}}})
	default:
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprintf(w, `{"message":"page not found"}`)
	}
}

func run(t *testing.T, ep store.Endpoint) (*store.Result, error) {
	t.Helper()
	return probetest.Run(t, New(), ep, 20*time.Second, nil)
}

func TestOpenDockerAPI(t *testing.T) {
	f := &fakeDocker{}
	res, err := run(t, probetest.HTTP(t, f))
	if err != nil {
		t.Fatal(err)
	}
	svc := res.Service
	if svc.Product != "docker" || svc.Version != "24.0.7" || svc.Auth != finding.AuthNone || svc.Details["api_version"] != "1.43" ||
		svc.Details["containers"] != "2" || svc.Details["hostname"] != "build-host-3" || len(svc.Datasets) != 2 {
		t.Fatalf("%+v", svc)
	}
	rules := map[string]finding.Finding{}
	for _, f := range res.Findings {
		rules[f.Rule] = f
	}
	if rules["docker-api-root"].Severity != finding.Critical || rules["docker-privileged-containers"].Count != 1 ||
		!strings.Contains(rules["docker-privileged-containers"].Evidence, "ci-runner (privileged, mounts the Docker socket)") {
		t.Fatalf("%+v", res.Findings)
	}
	var env string
	for _, s := range res.Samples {
		for _, r := range s.Rows {
			env += r[0] + "\n"
		}
	}
	for _, want := range []string{"AWS_SECRET_ACCESS_KEY=" + testAWSSecret, "DATABASE_URL=" + testDSN, "CMD=./api --port 8080"} {
		if !strings.Contains(env, want) {
			t.Fatalf("env sample misses %q:\n%s", want, env)
		}
	}
	for _, r := range f.reqs {
		if !strings.HasPrefix(r, "GET ") {
			t.Errorf("not a GET: %s", r)
		}
	}
}

func TestTLSWithClientCertificates(t *testing.T) {
	srv := httptest.NewUnstartedServer(&fakeDocker{})
	srv.TLS = &tls.Config{ClientAuth: tls.RequireAndVerifyClientCert}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	ep := probetest.Endpoint(t, srv.Listener.Addr().String())
	// Only on 2376 is a certificate demand taken for a protected daemon.
	res, err := run(t, ep)
	if !errors.Is(err, store.ErrNoMatch) || res != nil {
		t.Fatalf("claimed on port %d: %+v %v", ep.Port, res, err)
	}
	p := New()
	p.tlsPort = ep.Port
	o := probetest.Options()
	res, err = p.Probe(context.Background(), ep, &o)
	if err != nil || res.Service.Auth != finding.AuthRequired || !res.Service.TLS || !strings.Contains(res.Service.Details["identified_by"], "client certificate") {
		t.Fatalf("%+v %v", res, err)
	}
}

func TestNotDocker(t *testing.T) {
	for name, h := range map[string]http.HandlerFunc{
		"html":  func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<html>")) },
		"json":  func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`{"Version":"1.0"}`)) },
		"401":   func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(401) },
		"minio": func(w http.ResponseWriter, r *http.Request) { w.Header().Set("Server", "MinIO"); w.WriteHeader(403) },
	} {
		if res, err := run(t, probetest.HTTP(t, h)); !errors.Is(err, store.ErrNoMatch) || res != nil {
			t.Fatalf("%s: %+v %v", name, res, err)
		}
	}
}

func TestHostileRaw(t *testing.T) { probetest.CheckRawCases(t, New(), 6*time.Second) }

func TestHostileDocker(t *testing.T) {
	probetest.PrepareBomb()
	for _, path := range []string{"/version", "/containers/json", "/containers/8dfafdbc3a40aa/json"} {
		t.Run(path, func(t *testing.T) {
			f := &fakeDocker{}
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == path {
					if path == "/version" {
						probetest.GzipBomb(w, "application/json")
					} else {
						probetest.Endless(w, r, "application/json")
					}
					return
				}
				f.ServeHTTP(w, r)
			})
			t0 := time.Now()
			res, err := run(t, probetest.HTTP(t, h))
			if time.Since(t0) > 8*time.Second {
				t.Fatalf("took %v", time.Since(t0))
			}
			switch path {
			case "/version":
				if res != nil || !errors.Is(err, store.ErrNoMatch) {
					t.Fatalf("%+v %v", res, err)
				}
			case "/containers/json":
				if res == nil || !errors.Is(err, store.ErrTooLarge) {
					t.Fatalf("%+v %v", res, err)
				}
			default:
				if err != nil || res.Service.Datasets[0].Error == "" {
					t.Fatalf("%+v %v", res, err)
				}
			}
		})
	}
}

func FuzzParseVersion(f *testing.F) {
	f.Add([]byte(`{"Version":"24.0.7","ApiVersion":"1.43"}`))
	f.Add([]byte(`{"Version":"x","ApiVersion":"y"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		if v, ok := parseVersion(b); ok && (v.Version == "" || v.APIVersion == "") {
			t.Fatalf("%+v", v)
		}
	})
}

// A daemon that ignores limit= and lists millions of (empty) containers in one answer
// within the response cap costs the probe the answer and the containers it keeps, not
// millions of decoded structs: the list is decoded one element at a time up to the
// tables limit, counted, and the service marked truncated. Before, one 8 MiB answer
// allocated 1.5 GiB (760 MiB held at once).
func TestHostileContainerListFlood(t *testing.T) {
	ep := probetest.HTTP(t, &hostile.DockerFlood{Bytes: 8 << 20})
	o := store.DefaultOptions().ForEndpoint(ep)
	o.IOTimeout = 10 * time.Second
	var res *store.Result
	allocated := probetest.Allocated(func() { res, _ = probetest.Probe(t, New(), ep, &o) })
	containers := 0
	for _, ds := range res.Service.Datasets {
		if ds.Database == "containers" {
			containers++
		}
	}
	t.Logf("allocated %d MiB for an answer of 8 MiB; %d containers listed", allocated>>20, containers)
	if containers != o.MaxTables || !res.Service.Truncated {
		t.Fatalf("%d containers listed (limit %d), truncated %v", containers, o.MaxTables, res.Service.Truncated)
	}
	if allocated > 96<<20 {
		t.Fatalf("the probe allocated %d MiB for an 8 MiB answer", allocated>>20)
	}
}

// TestHostileInspectFloods: a container's inspect answer was decoded whole — 8 MiB of
// empty environment entries, labels or mounts (2.8 million strings, 800,000 labels,
// 2.8 million mounts) for each container — although a sample keeps a row's worth of
// them: 316, 182 and 931 MiB allocated for each answer before, 17, 18 and 18 MiB
// after (three containers, one run each); each list is now decoded one element at a
// time up to its bound.
func TestHostileInspectFloods(t *testing.T) {
	strs := strings.Repeat(`"",`, (8<<20-4096)/3) + `"A=B"`
	var labels strings.Builder
	for i := 0; labels.Len() < 8<<20-4096; i++ {
		fmt.Fprintf(&labels, `"%d":"",`, i)
	}
	mounts := strings.Repeat("{},", (8<<20-4096)/3) + "{}"
	for name, inspect := range map[string]string{
		"env":    `{"Name":"/web","Config":{"Env":[` + strs + `],"Image":"nginx"}}`,
		"labels": `{"Name":"/web","Config":{"Labels":{` + labels.String() + `"a":"b"},"Image":"nginx"}}`,
		"mounts": `{"Name":"/web","Config":{"Image":"nginx"},"Mounts":[` + mounts + `]}`,
	} {
		t.Run(name, func(t *testing.T) {
			var floods atomic.Int64
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Server", "Docker/24.0.7 (linux)")
				w.Header().Set("Api-Version", "1.43")
				w.Header().Set("Content-Type", "application/json")
				switch {
				case r.URL.Path == "/version":
					io.WriteString(w, `{"Version":"24.0.7","ApiVersion":"1.43","Os":"linux","Arch":"amd64","KernelVersion":"6.1.0"}`)
				case r.URL.Path == "/containers/json":
					io.WriteString(w, `[{"Id":"c1","Names":["/a"],"Image":"nginx"},{"Id":"c2","Names":["/b"],"Image":"nginx"},{"Id":"c3","Names":["/c"],"Image":"nginx"}]`)
				case strings.HasPrefix(r.URL.Path, "/containers/"):
					floods.Add(1)
					io.WriteString(w, inspect)
				case r.URL.Path == "/images/json":
					io.WriteString(w, "[]")
				default:
					io.WriteString(w, "{}")
				}
			})
			ep := probetest.HTTP(t, h)
			o := store.DefaultOptions().ForEndpoint(ep)
			o.IOTimeout = 10 * time.Second
			var res *store.Result
			allocated := probetest.Allocated(func() { res, _ = probetest.Probe(t, New(), ep, &o) })
			n := uint64(max(floods.Load(), 1))
			t.Logf("allocated %d MiB for %d answers of 8 MiB; %d datasets", allocated>>20, n, len(res.Service.Datasets))
			if allocated/n > 48<<20 {
				t.Fatalf("the probe allocated %d MiB for each 8 MiB answer", allocated/n>>20)
			}
		})
	}
}

// TestHostileInfoFlood: GET /info's security options were decoded whole (8 MiB of empty
// ones are 2.8 million strings); they are read up to maxListed like a container's lists,
// "name=rootless" among them still read.
func TestHostileInfoFlood(t *testing.T) {
	info := []byte(`{"ID":"x","Containers":0,"SecurityOptions":["name=rootless",` + strings.Repeat(`"",`, (8<<20-4096)/3) + `""]}`)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Server", "Docker/24.0.7 (linux)")
		w.Header().Set("Api-Version", "1.43")
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/version":
			io.WriteString(w, `{"Version":"24.0.7","ApiVersion":"1.43","Os":"linux","Arch":"amd64","KernelVersion":"6.1.0"}`)
		case "/info":
			w.Write(info)
		case "/containers/json", "/images/json":
			io.WriteString(w, "[]")
		default:
			io.WriteString(w, "{}")
		}
	})
	ep := probetest.HTTP(t, h)
	o := store.DefaultOptions().ForEndpoint(ep)
	o.IOTimeout = 10 * time.Second
	var res *store.Result
	allocated := probetest.Allocated(func() { res, _ = probetest.Probe(t, New(), ep, &o) })
	t.Logf("allocated %d MiB for an 8 MiB /info", allocated>>20)
	if res == nil || res.Service.Details["rootless"] != "true" {
		t.Errorf("rootless not read: %+v", res)
	}
	if allocated > 48<<20 {
		t.Fatalf("the probe allocated %d MiB for an 8 MiB /info", allocated>>20)
	}
}
