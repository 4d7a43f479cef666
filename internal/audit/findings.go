package audit

import (
	"github.com/leakwatch/leakwatch/internal/finding"
)

// rule is one kind of configuration weakness: what it is called, and how to fix it.
type rule struct {
	ID          string
	Title       string
	Remediation string
	References  []string
}

// collector gathers the findings of one audit.
type collector struct {
	findings []finding.Finding
	// reveal puts configured secrets in clear into findings (--reveal); by default they
	// appear redacted with their SHA-256.
	reveal bool
}

// add records a finding of r at pos. detail explains this instance; evidence quotes the
// configuration (never a secret: callers redact values first).
func (c *collector) add(r *rule, sev finding.Severity, pos Pos, detail, evidence string) {
	f := finding.Finding{
		Severity:    sev,
		Category:    finding.Config,
		Rule:        r.ID,
		Title:       r.Title,
		Detail:      detail,
		File:        pos.File,
		Line:        pos.Line,
		Evidence:    evidence,
		Remediation: r.Remediation,
		References:  r.References,
	}
	if pos.Line > 0 && pos.EndCol > pos.Col {
		f.Start, f.End = pos.Col, pos.EndCol
	}
	f.ComputeID()
	c.findings = append(c.findings, f)
}

// addSecret records a finding whose evidence is a secret written in the configuration.
func (c *collector) addSecret(r *rule, sev finding.Severity, pos Pos, detail, evidence, secret string) {
	c.add(r, sev, pos, detail, evidence)
	f := &c.findings[len(c.findings)-1]
	f.SetSecret(secret, c.reveal)
	f.ComputeID()
}
