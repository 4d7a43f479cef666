package lab

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"
)

func requireClickHouse(t *testing.T) {
	t.Helper()
	if _, _, err := ClickHouseBinary(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but %v", err)
		}
		t.Skipf("%v: install Debian's clickhouse-server to run this test", err)
	}
}

func TestStartClickHouseSeeded(t *testing.T) {
	requireClickHouse(t)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	t0 := time.Now()
	ch, err := StartClickHouse(ctx, ClickHouseConfig{TLS: true})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { t2 := time.Now(); ch.Stop(); t.Logf("stopped in %v", time.Since(t2)) }()
	t.Logf("started %s in %v", ch.Version, time.Since(t0))
	t1 := time.Now()
	if err := ch.SeedIncident(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("seeded in %v", time.Since(t1))
	out, err := ch.Query(ctx, "SELECT count(), min(timestamp), max(timestamp) FROM default.log_stream")
	if err != nil {
		t.Fatal(err)
	}
	t.Log(out)
	out, err = ch.Query(ctx, "SELECT string_tags FROM default.log_stream LIMIT 3")
	if err != nil {
		t.Fatal(err)
	}
	t.Log(out)
	if !strings.Contains(out, "messages") {
		t.Fatal("no chat")
	}
}
