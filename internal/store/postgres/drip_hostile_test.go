package postgres

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestHostileDrippingSample: a server that answers a sample query with a row
// description and then drips its data row a byte every 100 ms (each read well within the
// per-read timeout) holds the probe only until the inventory's deadline: the rest of the
// target is reported, the sample is not waited for.
func TestHostileDrippingSample(t *testing.T) {
	f := &queryServer{answer: func(q string) [][]string {
		switch {
		case strings.HasPrefix(q, "SHOW server_version_num"):
			return [][]string{{"150004"}}
		case strings.HasPrefix(q, "SHOW server_version"):
			return [][]string{{"15.4"}}
		case strings.HasPrefix(q, "SHOW default_transaction_read_only"):
			return [][]string{{"on"}}
		case strings.Contains(q, "WHERE rolname = current_user"):
			return [][]string{{"postgres", "f", "f", "f"}}
		case strings.Contains(q, "FROM pg_catalog.pg_database"):
			return [][]string{{"postgres", "t", "8192"}}
		case strings.Contains(q, "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace"):
			return [][]string{{"16384", "public", "users", "r", "-1", "8192", "8192", "t", "0", "0", "f"}}
		case strings.Contains(q, "FROM pg_catalog.pg_attribute a"):
			return [][]string{{"16384", "email", "text", "f", "b", "text"}}
		case strings.HasPrefix(q, "SELECT count(*) FROM"):
			return [][]string{{"2"}}
		}
		return nil
	}, drip: func(q string) bool { return strings.HasPrefix(q, "SELECT left(") }}
	ep := fakeServer(t, f.handle)
	o := hostileOptions()
	o.IOTimeout = 2 * time.Second
	o.InventoryTimeout = 3 * time.Second
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	start := time.Now()
	res, err := New().Probe(ctx, ep, o)
	took := time.Since(start)
	t.Logf("probe: %v, err %v", took, err)
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	if took > 10*time.Second {
		t.Errorf("the dripping sample held the probe %v, past its %v inventory deadline", took, o.InventoryTimeout)
	}
	listed := false
	for _, d := range res.Service.Datasets {
		listed = listed || d.Table == "public.users"
	}
	if !listed {
		t.Errorf("public.users not listed: %+v", res.Service.Datasets)
	}
}
