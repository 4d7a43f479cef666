package report

import (
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strconv"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/untrusted"
)

// SARIF writes a SARIF 2.1.0 log, so findings land in code-scanning dashboards.
type SARIF struct{}

const informationURI = "https://github.com/leakwatch/leakwatch"

// securitySeverity is the numeric score code-scanning tools sort by (GitHub reads the
// "security-severity" rule property; 9.0 and above shows as critical).
var securitySeverity = map[finding.Severity]string{
	finding.Critical: "9.5", finding.High: "8.0", finding.Medium: "5.5", finding.Low: "3.0", finding.Info: "0.0",
}

func sarifLevel(s finding.Severity) string {
	switch {
	case s >= finding.High:
		return "error"
	case s == finding.Medium:
		return "warning"
	default:
		return "note"
	}
}

func (SARIF) Write(w io.Writer, r *finding.Report) error {
	log := sarif.NewReport()
	run := sarif.NewRunWithInformationURI(nonEmpty(r.Tool, "leakwatch"), informationURI)
	run.Tool.Driver.WithVersion(nonEmpty(r.Version, "dev"))

	// Rules: one per rule id, with the highest severity seen for it.
	ruleSev := map[string]finding.Severity{}
	for _, f := range r.Findings {
		if s, ok := ruleSev[f.Rule]; !ok || f.Severity > s {
			ruleSev[f.Rule] = f.Severity
		}
	}
	for _, f := range r.Findings {
		if run.GetRuleIndex(f.Rule) >= 0 {
			continue
		}
		addSARIFRule(run, f, ruleSev[f.Rule])
	}

	for _, f := range r.Findings {
		sarifResult(run, f)
	}
	log.AddRun(run)
	return log.PrettyWrite(w)
}

// addSARIFRule adds f's rule to the run, as f describes it, at severity sev.
func addSARIFRule(run *sarif.Run, f finding.Finding, sev finding.Severity) {
	props := sarif.NewPropertyBag().
		Add("security-severity", securitySeverity[sev]).
		WithTags([]string{"security", string(f.Category)})
	rule := run.AddRule(f.Rule).
		WithName(f.Rule).
		WithShortDescription(sarif.NewMultiformatMessageString().WithText(untrusted.SARIF(ruleTitle(f)))).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(sev))).
		WithProperties(props)
	if f.Remediation != "" {
		rule.WithHelp(sarif.NewMultiformatMessageString().WithText(untrusted.SARIF(f.Remediation)))
	}
	if len(f.References) > 0 {
		rule.WithHelpURI(f.References[0])
	}
}

// sarifResult adds f's result to the run (its rule already added) and returns it.
func sarifResult(run *sarif.Run, f finding.Finding) *sarif.Result {
	msg := f.Title
	if wh := where(f); wh != "" {
		msg += " at " + wh
	}
	if ev := evidenceOf(f); ev != "" {
		msg += ": " + ev
	}
	res := run.CreateResultForRule(f.Rule).
		WithLevel(sarifLevel(f.Severity)).
		// Message texts are prose that viewers display (and turn "[text](target)"
		// into links): escaped; the properties and locations keep exact values.
		WithMessage(sarif.NewTextMessage(untrusted.SARIF(msg))).
		WithPartialFingerprints(map[string]string{"leakwatch/v1": f.ID})

	props := sarif.NewPropertyBag().
		Add("severity", f.Severity.String()).
		Add("category", string(f.Category))
	for k, v := range map[string]string{"redacted": f.Redacted, "sha256": f.SHA256, "value": f.Value,
		"evidence": f.Evidence, "detail": f.Detail, "host": f.Host, "protocol": f.Protocol,
		"verified": string(f.Verified), "verified_identity": f.VerifiedIdentity, "verified_reason": f.VerifiedReason,
		"verified_by": f.VerifiedBy, "verified_at": f.VerifiedAt} {
		if v != "" {
			props.Add(k, v)
		}
	}
	if f.Port != 0 {
		props.Add("port", f.Port)
	}
	if f.TestPath {
		props.Add("test_path", true)
	}
	if f.Count > 1 {
		res.WithOccurrenceCount(f.Count)
	}
	res.WithProperties(props)
	res.AddLocation(sarifLocation(f))
	return res
}

// sarifLocation places a file finding at its line and columns, and a network finding at a
// URI naming the service and object (proto://host:port/db/table#column).
func sarifLocation(f finding.Finding) *sarif.Location {
	loc := sarif.NewLocation()
	if f.File != "" {
		region := sarif.NewRegion()
		if f.Line > 0 {
			region.WithStartLine(f.Line)
			if f.End > f.Start {
				region.WithStartColumn(f.Start + 1).WithEndColumn(f.End + 1)
			}
		}
		pl := sarif.NewPhysicalLocation().
			WithArtifactLocation(sarif.NewSimpleArtifactLocation(fileURI(f.File)))
		if f.Line > 0 {
			pl.WithRegion(region)
		}
		return loc.WithPhysicalLocation(pl)
	}
	u := url.URL{Scheme: nonEmpty(f.Protocol, "tcp"), Host: hostPort(f.Host, f.Port)}
	if f.Host == "" {
		u.Scheme, u.Host = "", ""
	}
	if f.Database != "" || f.Table != "" {
		u.Path = "/" + f.Database
		if f.Table != "" {
			u.Path += "/" + f.Table
		}
	}
	u.Fragment = f.Column
	uri := u.String()
	if uri == "" {
		uri = "leakwatch:" + f.Rule
	}
	loc.WithPhysicalLocation(sarif.NewPhysicalLocation().WithArtifactLocation(sarif.NewSimpleArtifactLocation(uri)))
	if obj := objectName(f.Database, f.Table, f.Column); obj != "" {
		ll := sarif.NewLogicalLocation().WithFullyQualifiedName(obj).WithName(nonEmpty(f.Column, f.Table))
		ll.Index, ll.ParentIndex = -1, -1
		loc.WithLogicalLocations([]*sarif.LogicalLocation{ll})
	}
	return loc
}

// fileURI turns a path into a relative URI reference (forward slashes, escaped).
func fileURI(p string) string {
	return (&url.URL{Path: filepath.ToSlash(p)}).String()
}

func ruleTitle(f finding.Finding) string {
	if f.Title != "" {
		return f.Title
	}
	return f.Rule
}

func evidenceOf(f finding.Finding) string {
	v := f.Redacted
	if f.Value != "" {
		v = f.Value
	}
	if f.Count > 1 {
		v += " (×" + strconv.Itoa(f.Count) + ")"
	}
	if v == "" {
		return f.Evidence
	}
	if f.Evidence != "" {
		return fmt.Sprintf("%s; %s", v, f.Evidence)
	}
	return v
}

func nonEmpty(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
