package clickhouse

import (
	"context"
	"testing"

	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store"
)

// BenchmarkProbe measures a full probe (fingerprint, access, inventory, 20-row samples,
// capabilities) of the seeded open lab server, per interface.
func BenchmarkProbe(b *testing.B) {
	ch := labtest.ClickHouseOpen(b)
	for _, tc := range []struct {
		name string
		port int
	}{{"http", ch.HTTPPort}, {"https", ch.HTTPSPort}, {"native", ch.NativePort}, {"native-tls", ch.NativeTLSPort}} {
		b.Run(tc.name, func(b *testing.B) {
			o := store.DefaultOptions()
			ep := endpoint(b, ch.Host, tc.port)
			for b.Loop() {
				if _, err := New().Probe(context.Background(), ep, &o); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
