package report

import (
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/disclose"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/report/summary"
	"github.com/leakwatch/leakwatch/internal/untrusted"
)

// HTML is the report a team lead forwards: one self-contained page (no script, no
// external asset, a Content-Security-Policy that forbids both) with the headline of each
// exposed service, the services and datasets, and the grouped findings with their
// fixes. Values are always redacted, even in a report written with --reveal: the page is
// meant to travel.
//
// Every string a server chose is rendered by html/template, which escapes it for its
// context, after untrusted.Text, which shows control, bidi and invisible characters as
// visible escapes.
type HTML struct {
	Options
}

var (
	//go:embed assets/report.tmpl
	htmlTemplate string
	//go:embed assets/report.css
	htmlStyle string

	htmlPage = template.Must(template.New("report").Funcs(template.FuncMap{"u": untrusted.Text}).Parse(htmlTemplate))
	// htmlHead carries the style sheet and a policy that allows it (by its hash) and
	// nothing else: no script, image, frame, font or connection, from anywhere.
	htmlHead = template.HTML(fmt.Sprintf(
		`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-%s'; base-uri 'none'; form-action 'none'">`+"\n<style>%s</style>",
		styleHash(htmlStyle), htmlStyle))
)

func styleHash(css string) string {
	sum := sha256.Sum256([]byte(css))
	return base64.StdEncoding.EncodeToString(sum[:])
}

// The page's view: raw strings (the template escapes them) composed from the summary.
type (
	htmlView struct {
		Head              template.HTML
		Version           string
		Started, Finished string
		Scope             string
		Counts            string
		Exposures         []htmlExposure
		Services          []htmlService
		// Issues and Files are walked by the template (nil when there are none): a
		// streamed report's findings are not all held at once.
		Issues        iter.Seq[htmlGroup]
		Data          []htmlServiceData
		Files         iter.Seq[htmlGroup]
		Verification  string
		Verdicts      iter.Seq[string] // nil when there are none
		Contacts      []string
		Others        []string
		OthersSummary string
		Errors        []string
	}
	htmlExposure struct {
		Severity, SeverityUpper string
		Title                   string
		Lines                   []summary.Line
		Fixes                   []string
	}
	htmlService struct {
		Address, Name, Protocol, Version, TLS, Auth, Status, Datasets string
		Rows                                                          []htmlDataset
	}
	htmlDataset struct {
		Name, Engine, Rows, Size, TimeRange, Found string
	}
	htmlServiceData struct {
		Service string
		Groups  []htmlGroup
	}
	htmlGroup struct {
		Severity, SeverityUpper string
		Title, Rule, Where      string
		Values, Evidence, Fix   string
	}
)

func (h *HTML) Write(w io.Writer, r *finding.Report) error {
	sum := summary.Of(r)
	v := htmlHeadView(r, findingCounts(sum))
	if r.Stats.Targets > 0 {
		v.Scope = fmt.Sprintf("%s, %s tried, %d open, %s", summary.Count(r.Stats.Targets, "address", "addresses"),
			summary.Count(r.Stats.PortsTried, "port", "ports"), r.Stats.OpenPorts, summary.Count(len(r.Services), "service", "services"))
	}
	for _, e := range sum.Exposures {
		x := htmlExposure{Severity: e.Severity.String(), SeverityUpper: strings.ToUpper(e.Severity.String()),
			Title: e.Name + " " + e.Endpoint() + " — " + e.Access()}
		x.Lines = e.Lines()
		for _, g := range e.Issues {
			if g.Category == finding.Exposure && g.Remediation() != "" {
				x.Fixes = append(x.Fixes, g.Remediation())
			}
		}
		v.Exposures = append(v.Exposures, x)
	}
	for i := range r.Services {
		s := &r.Services[i]
		hs := htmlService{Address: hostPort(s.Host, s.Port), Name: summary.ProductName(r, s), Protocol: s.Protocol,
			Version: s.Version, TLS: map[bool]string{true: "yes", false: "no"}[s.TLS], Auth: string(s.Auth),
			Status: string(s.Status), Datasets: fmt.Sprint(len(s.Datasets))}
		if s.Hostname != "" && s.Hostname != s.Host {
			hs.Address = s.Hostname + " " + hs.Address
		}
		if s.SameAs != "" {
			hs.Datasets = "same as " + s.SameAs
		}
		for _, d := range s.Datasets {
			hd := htmlDataset{Name: objectName(d.Database, d.Table, ""), Engine: d.Engine, Rows: humanCount(d.Rows),
				Found: strings.Join(d.Classes, ", ")}
			if d.RowsEstimated {
				hd.Rows = "~" + hd.Rows
			}
			if d.Bytes > 0 {
				hd.Size = humanBytes(d.Bytes)
			}
			if d.TimeRange != nil {
				hd.TimeRange = fmt.Sprintf("%s → %s (%s)", d.TimeRange.Min, d.TimeRange.Max, d.TimeRange.Column)
			}
			hs.Rows = append(hs.Rows, hd)
		}
		v.Services = append(v.Services, hs)
	}
	mk := h.group
	var issues, files []htmlGroup
	for _, g := range sum.Groups {
		switch {
		case g.IsData():
		case g.First().File != "" && g.Category != finding.Config:
			files = append(files, mk(g, g.Where()))
		default:
			issues = append(issues, mk(g, g.Where()))
		}
	}
	v.Issues, v.Files = seqOf(issues), seqOf(files)
	for _, sf := range sum.Services {
		if sf.Service == nil || len(sf.Data) == 0 {
			continue
		}
		sd := htmlServiceData{Service: hostPort(sf.Service.Host, sf.Service.Port) + " (" + sf.Name + ")"}
		for _, g := range sf.Data {
			sd.Groups = append(sd.Groups, mk(g, groupWhere(g)))
		}
		v.Data = append(v.Data, sd)
	}
	v.Verification = disclose.VerificationStatement(r.Findings)
	var vs []string
	for _, f := range verdicts(r.Findings) {
		vs = append(vs, htmlVerdict(f))
	}
	if len(vs) > 0 {
		v.Verdicts = slices.Values(vs)
	}
	for _, c := range r.Contacts {
		if len(c.Contact) == 0 {
			v.Contacts = append(v.Contacts, c.Host+": no security.txt found")
			continue
		}
		v.Contacts = append(v.Contacts, c.Host+": "+strings.Join(c.Contact, ", ")+" (from "+c.URL+")")
	}
	// Raw here: the template escapes each line for the terminal (u) and for HTML.
	if len(r.Others) > 0 {
		v.OthersSummary = othersSummary(r.Others, cut)
		listed, more := othersListed(r.Others)
		for _, o := range listed {
			v.Others = append(v.Others, hostPort(o.Host, o.Port)+" "+describeOther(o, cut))
		}
		if more > 0 {
			v.Others = append(v.Others, fmt.Sprintf("… and %d more (--format json lists them all)", more))
		}
	}
	for _, e := range r.Errors {
		v.Errors = append(v.Errors, hostPort(e.Host, e.Port)+" ("+e.Stage+"): "+e.Error)
	}
	return htmlPage.Execute(w, &v)
}

// htmlHeadView is the page's view with its header filled: version, times and counts.
func htmlHeadView(r *finding.Report, counts string) htmlView {
	v := htmlView{Head: htmlHead, Version: nonEmpty(r.Version, "dev"), Counts: counts}
	if !r.Started.IsZero() {
		v.Started = r.Started.UTC().Format(time.DateTime)
		v.Finished = r.Finished.UTC().Format(time.DateTime)
	}
	return v
}

// group is a group's row of a table, at where.
func (h *HTML) group(g *summary.Group, where string) htmlGroup {
	f := g.First()
	ev := strings.Join(g.Evidence(h.MaxPerGroup, false, true), ", ")
	if e := f.Evidence; e != "" && g.Values() > 0 {
		ev += "; " + e
	}
	return htmlGroup{Severity: g.Severity.String(), SeverityUpper: strings.ToUpper(g.Severity.String()),
		Title: g.Title, Rule: g.Rule, Where: where, Values: valuesCell(g), Evidence: ev, Fix: g.Remediation()}
}

// seqOf walks gs; nil when there are none (the template leaves the section out).
func seqOf(gs []htmlGroup) iter.Seq[htmlGroup] {
	if len(gs) == 0 {
		return nil
	}
	return slices.Values(gs)
}

// htmlVerdict is one judged secret's line.
func htmlVerdict(f finding.Finding) string {
	f.Value = "" // redacted, like every value on the page
	return verdictLine(f)
}
