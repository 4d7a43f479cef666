package kibana

import (
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// TestHostileLongSpaceIDs: Kibana sends no name it was given back to the server (the
// saved-object types asked for are its own), but the space ids were kept whole in the
// "spaces" detail until the scan's final cut. Each is cut to probekit.MaxNameBytes at decode now,
// the real ones beside it kept as they are.
func TestHostileLongSpaceIDs(t *testing.T) {
	body := `[{"id":"default","name":"Default"},{"id":"` + strings.Repeat("s", 512<<10) + `","name":"x"},{"id":"ops","name":"Ops"}]`
	h := probetest.ServeJSONAt("/api/spaces/space", body, &fakeKibana{version: "7.17.0"})
	res, err := run(t, h, func(o *store.Options) { o.MaxResponseBytes = 8 << 20 })
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	sp := res.Service.Details["spaces"]
	t.Logf("spaces detail %d bytes", len(sp))
	if !strings.HasPrefix(sp, "default,") || !strings.HasSuffix(sp, "…,ops") || len(sp) > probekit.MaxNameBytes+64 {
		t.Fatalf("spaces detail of %d bytes: %.40q…%.40q", len(sp), sp, sp[max(0, len(sp)-40):])
	}
}
