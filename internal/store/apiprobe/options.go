package apiprobe

import (
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
)

// UserAgent identifies leakwatch to the servers it probes, so operators can tell a scan
// from an attack in their logs.
const UserAgent = "leakwatch (+https://github.com/leakwatch/leakwatch)"

// UserOf is the user name a credential logs in as ("" for none).
func UserOf(c *store.Credential) string {
	if c == nil {
		return ""
	}
	return c.Username
}

// NewService starts the service record of an identified endpoint.
func NewService(ep store.Endpoint, protocol, product string, useTLS bool) finding.Service {
	return finding.Service{
		Host: ep.Host(), Hostname: ep.Hostname, Port: ep.Port, Protocol: protocol, Product: product,
		TLS: useTLS, Auth: finding.AuthUnknown, Status: finding.StatusIdentified, Details: map[string]string{},
	}
}

// Since is the time since start, rounded for reports.
func Since(start time.Time) string { return time.Since(start).Round(time.Millisecond).String() }

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

// Finding fills in where a product finding is and its id.
func Finding(svc finding.Service, f finding.Finding) finding.Finding {
	f.Host, f.Port, f.Protocol = svc.Host, svc.Port, svc.Protocol
	f.ComputeID()
	return f
}
