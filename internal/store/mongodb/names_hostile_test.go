package mongodb

import (
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/leakwatch/leakwatch/internal/store"
)

// TestHostileLongNames: database and collection names from listDatabases and
// listCollections were kept whole until the scan's final cut and sent back in every
// command about them (listCollections, collStats, find, aggregate). MongoDB's own are at
// most 64 and 255 bytes; a name past probekit.MaxNameBytes is now listed cut and never sent back,
// and the real collections beside it are read as before.
func TestHostileLongNames(t *testing.T) {
	f := &fakeMongo{version: "7.0.14", maxWire: 21, dbs: seededDBs()}
	f.dbs[strings.Repeat("d", 512<<10)] = map[string][]bson.D{"c": {{{Key: "_id", Value: 1}}}}
	f.dbs["shop"][strings.Repeat("c", 512<<10)] = []bson.D{{{Key: "_id", Value: 2}}}
	res, err := run(t, f.serve(t), func(o *store.Options) { o.MaxResponseBytes = 8 << 20 })
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	t.Logf("largest command %d bytes", f.largest.Load())
	if f.largest.Load() > 64<<10 {
		t.Errorf("a command of %d bytes sent a name back", f.largest.Load())
	}
	long := 0
	for _, d := range res.Service.Datasets {
		if len(d.Database) > probekit.MaxNameBytes+len("…") || len(d.Table) > probekit.MaxNameBytes+len("…") {
			t.Errorf("dataset kept a name of %d/%d bytes", len(d.Database), len(d.Table))
		}
		if strings.Contains(d.Error, "name longer than") {
			long++
		}
	}
	if long != 2 {
		t.Errorf("%d datasets marked as too long a name, want 2", long)
	}
	if u := dataset(t, res.Service, "shop", "users"); u.Sampled == 0 {
		t.Errorf("users not sampled: %+v", u)
	}
}
