package alert

import (
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/history"
)

func TestVerdictEvents(t *testing.T) {
	d := history.Diff{Changed: []history.Change{
		{Kind: history.ChangeKeyLive, Severity: finding.Critical, Host: "h", Port: 1, Detail: "live: its issuer accepts github-pat"},
		{Kind: history.ChangeKeyRevoked, Severity: finding.Low, Host: "h", Port: 1, Detail: "revoked: its issuer now rejects x"},
		{Kind: history.ChangeDatasetGrew, Severity: finding.Info},
	}}
	ev := Events(d)
	if len(ev) != 2 || ev[0].Kind != KeyLive || ev[1].Kind != KeyRevoked || ev[0].Severity != finding.Critical {
		t.Fatalf("events %+v", ev)
	}
	if f := Filter(ev, []string{KeyLive}, finding.High); len(f) != 1 {
		t.Errorf("filter %+v", f)
	}
}
