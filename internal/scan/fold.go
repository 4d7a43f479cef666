package scan

import (
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// maxHeld bounds the outcomes a streamed scan holds back to fold: beyond it the oldest
// group is written as it is. Only readable services with an instance name are held (a
// ClickHouse answering on 8123, 9000, 8443 and 9440), so memory stays flat however many
// endpoints a scan has.
const maxHeld = 256

// folder folds, in a streamed scan, one server seen on several ports into one primary as
// the buffered formats do (mergeSameServer): the outcomes that may be folded are held
// until the scan ends (or until maxHeld wait) and written together.
type folder struct {
	cfg    *Config
	rep    *finding.Report
	groups map[string][]Outcome
	order  []string // keys, oldest first
	held   int
}

func newFolder(cfg *Config, rep *finding.Report) *folder {
	return &folder{cfg: cfg, rep: rep, groups: map[string][]Outcome{}}
}

// foldKey is the key of the server o may share with other ports ("" when it is not a
// candidate): mergeSameServer's own.
func foldKey(o Outcome) string {
	s := o.Service
	if s == nil || !(s.Auth.Open() || s.Auth == finding.AuthCredentials) || s.Details["display_name"] == "" {
		return ""
	}
	return strings.Join([]string{s.Host, s.Product, s.Version, s.Details["display_name"], string(s.Auth)}, "\x00")
}

// add streams o, or holds it when it may be folded with a later one.
func (f *folder) add(o Outcome) {
	k := foldKey(o)
	if k == "" {
		streamOutcome(f.cfg, f.rep, o)
		return
	}
	if _, ok := f.groups[k]; !ok {
		f.order = append(f.order, k)
	}
	f.groups[k] = append(f.groups[k], o)
	f.held++
	for f.held > maxHeld && len(f.order) > 0 {
		f.flush(f.order[0])
	}
}

// close writes every group still held.
func (f *folder) close() {
	for len(f.order) > 0 {
		f.flush(f.order[0])
	}
}

// flush folds one group, judges it as one report (its exposures are critical when any
// of its ports' samples hold secrets), and streams each endpoint's part.
func (f *folder) flush(k string) {
	group := f.groups[k]
	delete(f.groups, k)
	f.order = f.order[1:]
	f.held -= len(group)
	if len(group) == 1 {
		streamOutcome(f.cfg, f.rep, group[0])
		return
	}
	one := &finding.Report{}
	for _, o := range group {
		one.Services = append(one.Services, *o.Service)
		one.Findings = append(one.Findings, o.Findings...)
	}
	escalate(one)
	mergeSameServer(one)
	byPort := map[[2]string][]finding.Finding{}
	for _, fd := range one.Findings {
		byPort[hostPortKey(fd.Host, fd.Port)] = append(byPort[hostPortKey(fd.Host, fd.Port)], fd)
	}
	for i, o := range group {
		o.Service = &one.Services[i]
		o.Findings = byPort[hostPortKey(o.Service.Host, o.Service.Port)]
		emit(f.cfg, f.rep, o)
	}
}
