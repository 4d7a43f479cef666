package probekit

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
)

func TestDone(t *testing.T) {
	timeout := fmt.Errorf("inventory: %w", store.ErrTimeout)
	for _, tc := range []struct {
		status finding.Status
		err    error
		want   finding.Status
	}{
		{finding.StatusOpen, nil, finding.StatusOpen},
		{finding.StatusOpen, timeout, finding.StatusTimeout},                       // readable, then stopped
		{finding.StatusIdentified, store.ErrProtocol, finding.StatusProtocolError}, // undecided, and why
		{"", errors.New("boom"), finding.StatusError},
		{finding.StatusAuthRequired, timeout, finding.StatusAuthRequired}, // a decision stays
		{finding.StatusAuthRequired, nil, finding.StatusAuthRequired},
	} {
		res := &store.Result{Service: finding.Service{Status: tc.status, Auth: finding.AuthNone}}
		got, err := Done(res, time.Now().Add(-time.Second), tc.err)
		s := got.Service
		if got != res || err != tc.err || s.Status != tc.want || s.Auth != finding.AuthNone || s.Duration == "" ||
			(tc.err == nil) != (s.Error == "") {
			t.Errorf("Done(%s, %v) = %+v, %v", tc.status, tc.err, s, err)
		}
	}
}
