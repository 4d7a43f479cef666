package probekit

import (
	"fmt"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
)

// NewService starts the description of an identified endpoint; access is undecided.
func NewService(ep store.Endpoint, proto, product string, useTLS bool) finding.Service {
	return finding.Service{
		Host: ep.Host(), Hostname: ep.Hostname, Port: ep.Port, Protocol: proto, Product: product,
		TLS: useTLS, Auth: finding.AuthUnknown, Status: finding.StatusIdentified, Details: map[string]string{},
	}
}

// Elapsed is a duration as services report it.
func Elapsed(start time.Time) string { return time.Since(start).Round(time.Millisecond).String() }

// UserOf is the user name a credential logs in as ("" for none).
func UserOf(c *store.Credential) string {
	if c == nil {
		return ""
	}
	return c.Username
}

// ErrString is err's text, or "" for nil.
func ErrString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// SetAccess records that c got in.
func SetAccess(s *finding.Service, c *store.Credential) {
	s.Auth = store.AuthOf(c)
	s.User = UserOf(c)
	s.Status = finding.StatusOpen
}

// SetProtected records that every credential was refused.
func SetProtected(s *finding.Service) {
	s.Auth = finding.AuthRequired
	s.Status = finding.StatusAuthRequired
	s.Datasets = nil
}

// SetUndecided records that access could not be decided because of err.
func SetUndecided(s *finding.Service, err error) {
	s.Auth = finding.AuthUnknown
	s.Status = store.StatusOf(err)
	if s.Status == finding.StatusOpen {
		s.Status = finding.StatusIdentified
	}
	s.Error = ErrString(err)
}

// Finish fills what every finding a prober returns needs: the service's location and a
// stable id.
func Finish(f finding.Finding, svc finding.Service) finding.Finding {
	if f.Host == "" {
		f.Host, f.Port = svc.Host, svc.Port
	}
	if f.Protocol == "" {
		f.Protocol = svc.Protocol
	}
	f.ComputeID()
	return f
}

// Done finishes a probe's result and returns it with err, as every prober's Probe
// ends: the time it took and, with an error, the error and the status it means — over
// "identified" and "open" (an open service whose inventory then failed is reported as
// what stopped it, with the access decision kept in Auth), never over a decision such
// as "auth-required".
func Done(res *store.Result, start time.Time, err error) (*store.Result, error) {
	svc := &res.Service
	svc.Duration = Elapsed(start)
	if err != nil {
		svc.Error = err.Error()
		switch svc.Status {
		case "", finding.StatusIdentified, finding.StatusOpen:
			svc.Status = store.StatusOf(err)
		}
	}
	return res, err
}

// Truncated records that the inventory of svc was cut short by o.InventoryTimeout, and
// returns the error that says so. Each prober decides when its inventory ran out of time.
func Truncated(svc *finding.Service, o *store.Options) error {
	svc.Truncated = true
	return fmt.Errorf("inventory: %w after %v", store.ErrTimeout, o.InventoryTimeout)
}

// NotSampledBudget is why a dataset listed after the endpoint's sample budget was spent
// has no sample.
const NotSampledBudget = finding.NotSampledBudget

// OutOfBudget reports whether the endpoint's sample budget is spent, just before ds
// would be sampled; ds (when not nil) is then marked as not sampled, and the service
// counts as truncated (store.SampleBudget.Cut). Its inventory is kept: tables are still
// listed and counted.
func OutOfBudget(o *store.Options, ds *finding.Dataset) bool {
	if !o.Samples.Spent() {
		return false
	}
	if ds != nil && ds.NotSampled == "" {
		ds.NotSampled = NotSampledBudget
	}
	return true
}

// Charge cuts row's cells, in order, to at most max bytes in all (as CapRow) and then to
// what the endpoint's sample budget has left, charges it, and returns the bytes kept.
// ok is false when the budget had nothing left for a row that held something: the
// caller stops sampling (the service counts as truncated).
func Charge(o *store.Options, row []string, max int) (n int, ok bool) {
	n = CapRow(row, max)
	if n == 0 {
		return 0, !o.Samples.Spent()
	}
	got := o.Samples.Take(n)
	if got == 0 {
		CapRow(row, 0)
		return 0, false
	}
	if got < n {
		n = CapRow(row, got)
		o.Samples.Give(got - n)
	}
	return n, true
}

// ChargeRows keeps the rows of width cells, each charged as Charge does, up to the first
// that the sample budget no longer takes; rows of another width are skipped.
func ChargeRows(o *store.Options, rows [][]string, width int) [][]string {
	var kept [][]string
	for _, row := range rows {
		if len(row) != width {
			continue
		}
		if _, ok := Charge(o, row, o.MaxRowBytes); !ok {
			break
		}
		kept = append(kept, row)
	}
	return kept
}
