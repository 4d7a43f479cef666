package store

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"testing"
	"time"
)

func TestWithDefaults(t *testing.T) {
	d := DefaultOptions()
	limits := func(o Options) [10]int64 {
		return [10]int64{int64(o.ConnectTimeout), int64(o.IOTimeout), o.MaxResponseBytes, int64(o.MaxDatabases),
			int64(o.MaxTables), int64(o.InventoryTimeout), int64(o.MaxRowBytes), int64(o.MaxSampleBytes), int64(o.SampleRows),
			int64(o.BannerWait)}
	}

	got := (*Options)(nil).WithDefaults()
	if limits(got) != limits(d) || got.Dial == nil || got.Logger == nil {
		t.Fatalf("nil options: %+v, want %+v", got, d)
	}

	// Zero and negative limits are unset; SampleRows 0 means "no sampling" and stays.
	for _, unset := range []int{0, -1} {
		o := Options{ConnectTimeout: time.Duration(unset), IOTimeout: time.Duration(unset), BannerWait: time.Duration(unset), MaxResponseBytes: int64(unset),
			MaxDatabases: unset, MaxTables: unset, InventoryTimeout: time.Duration(unset), MaxRowBytes: unset,
			MaxSampleBytes: unset, SampleRows: unset}
		got := o.WithDefaults()
		want := d
		want.SampleRows = 0
		if limits(got) != limits(want) || got.Dial == nil || got.Logger == nil {
			t.Errorf("limits %d: got %v, want %v", unset, limits(got), limits(want))
		}
		if o.ConnectTimeout != time.Duration(unset) || o.SampleRows != unset {
			t.Errorf("limits %d: the receiver was changed: %+v", unset, o)
		}
	}

	// What the user set is kept, down to the dialer, logger and credentials.
	errMine := errors.New("my dialer")
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	set := Options{
		Dial:           func(context.Context, string, string) (net.Conn, error) { return nil, errMine },
		ConnectTimeout: time.Second, IOTimeout: 2 * time.Second, BannerWait: 500 * time.Millisecond, MaxResponseBytes: 3, MaxDatabases: 4, MaxTables: 5,
		InventoryTimeout: 6 * time.Second, MaxRowBytes: 7, MaxSampleBytes: 8, SampleRows: 9, Logger: logger,
		Credentials: []Credential{{Username: "u", Password: "p"}}, NoDefaultCredentials: true,
	}
	got = set.WithDefaults()
	if limits(got) != limits(set) || got.Logger != logger || !got.NoDefaultCredentials ||
		len(got.Credentials) != 1 || got.Credentials[0].Username != "u" {
		t.Fatalf("set options changed: %+v", got)
	}
	if _, err := got.Dial(context.Background(), "tcp", "127.0.0.1:1"); !errors.Is(err, errMine) {
		t.Fatalf("dialer replaced: %v", err)
	}
}
