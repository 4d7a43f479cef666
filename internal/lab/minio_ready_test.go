package lab

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestMinIOReadyWaitsForIAM: a just-started MinIO signs the root account's listing in
// before IAM has loaded, and refuses every other caller with 503
// XMinioIAMNotInitialized meanwhile (CI saw a scan of the protected lab MinIO fail so).
// The lab's readiness check must go on failing until an unsigned request is answered
// otherwise.
func TestMinIOReadyWaitsForIAM(t *testing.T) {
	var loaded atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" && !loaded.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte(`<?xml version="1.0"?><Error><Code>XMinioIAMNotInitialized</Code></Error>`))
			return
		}
		if r.Header.Get("Authorization") == "" {
			w.WriteHeader(http.StatusForbidden)
			w.Write([]byte(`<Error><Code>AccessDenied</Code></Error>`))
			return
		}
		w.Write([]byte(`<ListAllMyBucketsResult/>`))
	}))
	defer srv.Close()
	host, port, _ := net.SplitHostPort(strings.TrimPrefix(srv.URL, "http://"))
	p, _ := strconv.Atoi(port)
	m := &MinIO{Host: host, Port: p, client: srv.Client()}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := m.iamReady(ctx); err == nil || !strings.Contains(err.Error(), "XMinioIAMNotInitialized") {
		t.Fatalf("ready before IAM loaded: err = %v", err)
	}
	loaded.Store(true)
	if err := m.iamReady(ctx); err != nil {
		t.Fatalf("not ready after IAM loaded: %v", err)
	}
}
