package minio

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/clickhouse"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

func TestMain(m *testing.M) { os.Exit(labtest.Run(m)) }

// Port 9000 is ClickHouse's native port and MinIO's API port. Neither prober may claim
// the other's server: MinIO's against a real ClickHouse (native and HTTP ports), and
// ClickHouse's against the MinIO fake.
func TestPort9000IsFingerprintedNotAssumed(t *testing.T) {
	ch := labtest.ClickHouseOpen(t)
	o := probetest.Options()
	o.IOTimeout = 3 * time.Second
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, addr := range []string{ch.NativeAddr(), ch.HTTPAddr()} {
		res, err := New().Probe(ctx, probetest.Endpoint(t, addr), &o)
		if !errors.Is(err, store.ErrNoMatch) || res != nil {
			t.Fatalf("MinIO prober claimed ClickHouse at %s: %+v %v", addr, res, err)
		}
	}
	for _, f := range []*fakeMinIO{
		{keys: map[string]string{"minioadmin": "minioadmin"}, buckets: seededBuckets()},
		{keys: map[string]string{"root": "long-secret"}, buckets: seededBuckets()},
	} {
		ep := probetest.HTTP(t, f)
		res, err := clickhouse.New().Probe(ctx, ep, &o)
		if !errors.Is(err, store.ErrNoMatch) || res != nil {
			t.Fatalf("ClickHouse prober claimed MinIO: %+v %v", res, err)
		}
		if res, err := New().Probe(ctx, ep, &o); err != nil || res.Service.Product != "minio" {
			t.Fatalf("MinIO prober missed its fake: %+v %v", res, err)
		}
	}
}
