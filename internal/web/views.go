package web

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/history"
	"github.com/leakwatch/leakwatch/internal/monitor"
	"github.com/leakwatch/leakwatch/internal/untrusted"
)

var funcs = template.FuncMap{
	// u renders what a scanned server may have chosen (names, versions, titles, errors)
	// with untrusted.Text: html/template escapes HTML, not control, bidi or invisible
	// characters. lines does the same for a finding's multi-line detail.
	"u":        func(v any) string { return untrusted.Text(fmt.Sprint(v)) },
	"lines":    untrusted.Lines,
	"join":     strings.Join,
	"hostport": func(h string, p int) string { return untrusted.Text(net.JoinHostPort(h, strconv.Itoa(p))) },
	// verdictClass is the CSS class of an issuer's verdict: one of the known values.
	"verdictClass": func(v finding.Verified) string {
		switch v {
		case finding.VerifiedLive, finding.VerifiedRevoked:
			return string(v)
		}
		return "unknown"
	},
	// checkedBy shows the request a verdict came from without its scheme: the page
	// names the issuer's host, it does not link to it.
	"checkedBy": func(s string) string {
		return untrusted.Text(strings.Replace(strings.Replace(s, "https://", "", 1), "http://", "", 1))
	},
	"rows":  groupDigits,
	"bytes": humanBytes,
	"dur":   func(d time.Duration) string { return d.Round(time.Millisecond).String() },
	"ago":   func(t time.Time) string { return span(time.Since(t)) + " ago" },
	"when": func(t time.Time) string {
		if d := time.Until(t); d > 0 {
			return "in " + span(d)
		}
		return "now"
	},
	"authClass": func(a finding.Auth) string {
		if a.Open() {
			return "auth-open"
		}
		if a == finding.AuthRequired || a == finding.AuthCredentials {
			return "auth-closed"
		}
		return ""
	},
}

func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return strconv.FormatInt(n, 10) + " B"
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}

func span(d time.Duration) string {
	switch {
	case d < time.Minute:
		return strconv.Itoa(int(d.Seconds())) + "s"
	case d < time.Hour:
		return strconv.Itoa(int(d.Minutes())) + "m"
	case d < 48*time.Hour:
		return strconv.Itoa(int(d.Hours())) + "h"
	}
	return strconv.Itoa(int(d.Hours()/24)) + "d"
}

// report loads a run's report; reports never change, so they are cached.
func (s *Server) report(ctx context.Context, id int64) (*finding.Report, error) {
	s.cacheMu.Lock()
	rep := s.cache[id]
	s.cacheMu.Unlock()
	if rep != nil {
		return rep, nil
	}
	rep, err := s.cfg.Backend.Store().Report(ctx, id)
	if err != nil {
		return nil, err
	}
	s.cacheMu.Lock()
	if len(s.cache) >= 64 {
		clear(s.cache)
	}
	s.cache[id] = rep
	s.cacheMu.Unlock()
	return rep, nil
}

// GroupFinding is a finding of a group's latest run.
type GroupFinding struct {
	finding.Finding
	Group string `json:"group"`
}

// GroupService is a service of a group's latest run.
type GroupService struct {
	Group    string          `json:"group"`
	Run      int64           `json:"run"`
	Service  finding.Service `json:"service"`
	Findings int             `json:"findings"`
}

// current is the state of every group as of its latest complete run.
type current struct {
	runs     []history.Run
	reports  map[string]*finding.Report
	findings []GroupFinding
	services []GroupService
}

func (s *Server) current(ctx context.Context) (*current, error) {
	runs, err := s.cfg.Backend.Store().Latest(ctx)
	if err != nil {
		return nil, err
	}
	// Groups removed from the configuration are history, not current state.
	configured := map[string]bool{}
	for _, g := range s.cfg.Backend.Groups() {
		configured[g.Name] = true
	}
	c := &current{reports: map[string]*finding.Report{}}
	for _, run := range runs {
		if !configured[run.Group] {
			continue
		}
		rep, err := s.report(ctx, run.ID)
		if err != nil {
			return nil, err
		}
		c.runs = append(c.runs, run)
		c.reports[run.Group] = rep
		perSvc := map[string]int{}
		for _, f := range rep.Findings {
			c.findings = append(c.findings, GroupFinding{Finding: f, Group: run.Group})
			perSvc[net.JoinHostPort(f.Host, strconv.Itoa(f.Port))]++
		}
		for _, svc := range rep.Services {
			c.services = append(c.services, GroupService{Group: run.Group, Run: run.ID, Service: svc,
				Findings: perSvc[net.JoinHostPort(svc.Host, strconv.Itoa(svc.Port))]})
		}
	}
	slices.SortStableFunc(c.findings, func(a, b GroupFinding) int { return int(b.Severity) - int(a.Severity) })
	return c, nil
}

type severityCount struct {
	Name  string
	Count int
}

type groupView struct {
	monitor.GroupStatus
	LastRun *history.Run `json:"last_run,omitempty"`
}

type summary struct {
	Severities   []severityCount
	BySeverity   map[string]int `json:"by_severity"`
	OpenServices int            `json:"open_services"`
	Services     int            `json:"services"`
	Total        int            `json:"findings"`
	Groups       []groupView    `json:"groups"`
}

func (s *Server) summary(c *current) summary {
	sm := summary{BySeverity: map[string]int{}, Services: len(c.services), Total: len(c.findings)}
	for _, f := range c.findings {
		sm.BySeverity[f.Severity.String()]++
	}
	for sev := finding.Critical; sev >= finding.Info; sev-- {
		sm.Severities = append(sm.Severities, severityCount{sev.String(), sm.BySeverity[sev.String()]})
	}
	for _, svc := range c.services {
		if svc.Service.Auth.Open() {
			sm.OpenServices++
		}
	}
	for _, g := range s.cfg.Backend.Groups() {
		gv := groupView{GroupStatus: g}
		for i := range c.runs {
			if c.runs[i].Group == g.Name {
				gv.LastRun = &c.runs[i]
			}
		}
		sm.Groups = append(sm.Groups, gv)
	}
	return sm
}

const maxListed = 500

func (s *Server) indexPage(w http.ResponseWriter, r *http.Request) {
	c, err := s.current(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	runs, err := s.cfg.Backend.Store().Runs(r.Context(), history.RunFilter{Limit: 60})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sm := s.summary(c)
	fs := c.findings
	more := len(fs) > maxListed
	if more {
		fs = fs[:maxListed]
	}
	s.render(w, r, http.StatusOK, "index", "Exposures", struct {
		summary
		Findings []GroupFinding
		More     bool
		Chart    chart
	}{sm, fs, more, buildChart(runs)}, "")
}

func (s *Server) servicesPage(w http.ResponseWriter, r *http.Request) {
	c, err := s.current(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "services", "Services", c.services, "")
}

type serviceView struct {
	Group    string            `json:"group"`
	Run      history.Run       `json:"run"`
	Service  finding.Service   `json:"service"`
	Findings []finding.Finding `json:"findings"`
}

func (s *Server) serviceView(ctx context.Context, group, addr string) (*serviceView, error) {
	c, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	rep := c.reports[group]
	if rep == nil {
		return nil, nil
	}
	v := &serviceView{Group: group, Findings: []finding.Finding{}}
	for _, run := range c.runs {
		if run.Group == group {
			v.Run = run
		}
	}
	found := false
	for _, svc := range rep.Services {
		if net.JoinHostPort(svc.Host, strconv.Itoa(svc.Port)) == addr {
			v.Service, found = svc, true
		}
	}
	if !found {
		return nil, nil
	}
	for _, f := range rep.Findings {
		if f.Host == v.Service.Host && f.Port == v.Service.Port {
			v.Findings = append(v.Findings, f)
		}
	}
	return v, nil
}

func (s *Server) servicePage(w http.ResponseWriter, r *http.Request) {
	v, err := s.serviceView(r.Context(), r.PathValue("group"), r.PathValue("addr"))
	switch {
	case err != nil:
		s.fail(w, r, err)
	case v == nil:
		s.notFound(w, r, "No service "+r.PathValue("addr")+" in the latest run of group "+r.PathValue("group")+".")
	default:
		s.render(w, r, http.StatusOK, "service", v.Service.Product+" "+r.PathValue("addr"), v, "")
	}
}

type findingView struct {
	Group   string          `json:"group"`
	Finding finding.Finding `json:"finding"`
	Runs    []int64         `json:"runs"`
}

func (s *Server) findingView(ctx context.Context, id string) (*findingView, error) {
	c, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	var v *findingView
	for _, f := range c.findings {
		if f.ID == id {
			v = &findingView{Group: f.Group, Finding: f.Finding}
			break
		}
	}
	if v == nil {
		// A resolved finding is still in history: show its last sighting.
		runs, err := s.cfg.Backend.Store().FindingRuns(ctx, id, 1)
		if err != nil || len(runs) == 0 {
			return nil, err
		}
		rep, err := s.report(ctx, runs[0])
		if err != nil {
			return nil, err
		}
		run, err := s.cfg.Backend.Store().Run(ctx, runs[0])
		if err != nil {
			return nil, err
		}
		for _, f := range rep.Findings {
			if f.ID == id {
				v = &findingView{Group: run.Group, Finding: f}
			}
		}
		if v == nil {
			return nil, nil
		}
	}
	if v.Runs, err = s.cfg.Backend.Store().FindingRuns(ctx, id, 50); err != nil {
		return nil, err
	}
	return v, nil
}

func (s *Server) findingPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.findingView(r.Context(), r.PathValue("id"))
	switch {
	case err != nil:
		s.fail(w, r, err)
	case v == nil:
		s.notFound(w, r, "No finding with that id.")
	default:
		s.render(w, r, http.StatusOK, "finding", v.Finding.Title, v, "")
	}
}

func (s *Server) runsFilter(r *http.Request) history.RunFilter {
	f := history.RunFilter{Group: r.URL.Query().Get("group"), Limit: 200}
	if n, ok := parseID(r.URL.Query().Get("limit")); ok && n <= 1000 {
		f.Limit = int(n)
	}
	if n, ok := parseID(r.URL.Query().Get("before")); ok {
		f.Before = n
	}
	return f
}

func (s *Server) runsPage(w http.ResponseWriter, r *http.Request) {
	runs, err := s.cfg.Backend.Store().Runs(r.Context(), s.runsFilter(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	chartRuns := runs
	if len(chartRuns) > 60 {
		chartRuns = chartRuns[:60]
	}
	s.render(w, r, http.StatusOK, "runs", "History", struct {
		Runs  []history.Run
		Chart chart
	}{runs, buildChart(chartRuns)}, "")
}

type runView struct {
	Run     history.Run     `json:"run"`
	Report  *finding.Report `json:"report"`
	HasPrev bool            `json:"-"`
	Diff    *history.Diff   `json:"diff,omitempty"`
}

func (s *Server) runView(ctx context.Context, id int64) (*runView, error) {
	st := s.cfg.Backend.Store()
	run, err := st.Run(ctx, id)
	if err != nil {
		return nil, err
	}
	v := &runView{Run: run}
	if run.Status == history.StatusFailed {
		v.Report = &finding.Report{Services: []finding.Service{}, Findings: []finding.Finding{}}
		return v, nil
	}
	if v.Report, err = s.report(ctx, id); err != nil {
		return nil, err
	}
	prev, err := st.Runs(ctx, history.RunFilter{Group: run.Group, Completed: true, Before: id, Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(prev) == 1 {
		prevRep, err := s.report(ctx, prev[0].ID)
		if err != nil {
			return nil, err
		}
		d := history.Compare(prevRep, v.Report)
		d.From, d.To = prev[0].ID, id
		v.Diff, v.HasPrev = &d, true
	}
	return v, nil
}

func (s *Server) runPage(w http.ResponseWriter, r *http.Request) {
	id, ok := parseID(r.PathValue("id"))
	if !ok {
		s.notFound(w, r, "No such run.")
		return
	}
	v, err := s.runView(r.Context(), id)
	switch {
	case errors.Is(err, history.ErrNotFound):
		s.notFound(w, r, "No such run.")
	case err != nil:
		s.fail(w, r, err)
	default:
		s.render(w, r, http.StatusOK, "run", fmt.Sprintf("Run %d", id), v, "")
	}
}

func (s *Server) scanForm(w http.ResponseWriter, r *http.Request) {
	err := s.cfg.Backend.TriggerScan(r.PostFormValue("group"), "dashboard")
	switch {
	case errors.Is(err, monitor.ErrBusy):
		http.Redirect(w, r, "/?msg=scan-busy", http.StatusSeeOther)
	case err != nil:
		s.render(w, r, http.StatusBadRequest, "error", "Cannot scan", err.Error(), "")
	default:
		http.Redirect(w, r, "/?msg=scan-started", http.StatusSeeOther)
	}
}

func (s *Server) reloadForm(w http.ResponseWriter, r *http.Request) {
	if err := s.cfg.Backend.Reload(); err != nil {
		s.render(w, r, http.StatusBadRequest, "error", "Reload failed", "The running configuration stays in force: "+err.Error(), "")
		return
	}
	http.Redirect(w, r, "/?msg=reloaded", http.StatusSeeOther)
}

// chart is a stacked bar chart of findings per run, drawn as SVG on the server.
type chart struct {
	Width, Height, Left, Bottom, Max int
	Runs                             int
	Bars                             []bar
	Ticks                            []tick
	Legend                           []string
}

type bar struct {
	X, Y, W, H int
	Class      string
	Label      string
}

type tick struct {
	X, Y  int
	Label string
}

// buildChart draws runs (newest first, as listed) oldest on the left.
func buildChart(runs []history.Run) chart {
	c := chart{Width: 900, Height: 220, Left: 36, Bottom: 195}
	if len(runs) == 0 {
		return c
	}
	c.Runs = len(runs)
	ordered := slices.Clone(runs)
	slices.Reverse(ordered)
	for _, r := range ordered {
		c.Max = max(c.Max, r.Findings)
	}
	if c.Max == 0 {
		c.Max = 1
	}
	plotH := c.Bottom - 12
	// A few runs get slim bars, not slabs as wide as the chart.
	slot := min((c.Width-c.Left-8)/max(len(ordered), 1), 40)
	w := max(slot-3, 2)
	for i, r := range ordered {
		x := c.Left + 4 + i*slot
		y := c.Bottom
		for sev := finding.Critical; sev >= finding.Info; sev-- {
			n := r.BySeverity[sev.String()]
			if n == 0 {
				continue
			}
			h := max(n*plotH/c.Max, 1)
			y -= h
			c.Bars = append(c.Bars, bar{X: x, Y: y, W: w, H: h, Class: sev.String(),
				Label: fmt.Sprintf("run %d (%s, %s): %d %s", r.ID, r.Group, r.Finished.Format("2006-01-02 15:04"), n, sev)})
		}
		if len(ordered) <= 12 || i%(len(ordered)/10+1) == 0 {
			c.Ticks = append(c.Ticks, tick{X: x, Y: c.Bottom + 18, Label: "#" + strconv.FormatInt(r.ID, 10)})
		}
	}
	for sev := finding.Critical; sev >= finding.Info; sev-- {
		c.Legend = append(c.Legend, sev.String())
	}
	return c
}
