package history

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// A batch delivered twice — even to two workers saving it at the same moment — is
// stored once; runs without a key never collide.
func TestSaveRunKeyIsIdempotent(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		d, err := Open(ctx, dsn, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		rec := RunRecord{Group: "queue", Trigger: "queue", Started: time.Now(), Report: sampleReport(7), Key: "job-1/3/8"}

		const savers = 6
		var wg sync.WaitGroup
		ids := make([]int64, savers)
		errs := make([]error, savers)
		for i := range savers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r, err := d.SaveRun(ctx, rec, nil)
				ids[i], errs[i] = r.ID, err
			}()
		}
		wg.Wait()
		stored := 0
		for i := range savers {
			switch {
			case errs[i] == nil:
				stored++
			case !errors.Is(errs[i], ErrDuplicateKey):
				t.Fatalf("saver %d: %v", i, errs[i])
			}
			if ids[i] == 0 || ids[i] != ids[0] {
				t.Fatalf("savers got run ids %v, want one id", ids)
			}
		}
		if stored != 1 {
			t.Fatalf("%d savers stored the run, want 1", stored)
		}
		runs, err := d.Runs(ctx, RunFilter{})
		if err != nil || len(runs) != 1 {
			t.Fatalf("%d runs stored (%v), want 1", len(runs), err)
		}
		byKey, err := d.RunByKey(ctx, rec.Key)
		if err != nil || byKey.ID != ids[0] || byKey.Services != runs[0].Services {
			t.Fatalf("RunByKey: %+v, %v", byKey, err)
		}
		if _, err := d.RunByKey(ctx, "no-such-key"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("unknown key: %v", err)
		}
		// Keyless runs are as many as saved, and another key is another run.
		for range 2 {
			if _, err := d.SaveRun(ctx, RunRecord{Group: "queue", Trigger: "manual", Started: time.Now(), Report: sampleReport(1)}, nil); err != nil {
				t.Fatal(err)
			}
		}
		rec.Key = "job-1/4/8"
		if _, err := d.SaveRun(ctx, rec, nil); err != nil {
			t.Fatal(err)
		}
		if runs, _ := d.Runs(ctx, RunFilter{}); len(runs) != 4 {
			t.Fatalf("%d runs, want 4", len(runs))
		}
	})
}
