package scan

import (
	"slices"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

// Lengths beyond which the strings a server chose are cut before anything is reported.
// Probers cap what they read (MaxResponseBytes), not every name in it: one container,
// table or column name of megabytes would otherwise reach every report whole (in the
// text format, thousands of wrapped lines). Real names are far shorter: identifiers of
// 64 (MySQL) or 63 (PostgreSQL) bytes, index and collection names of 255, object keys of
// 1024. Secret values are never cut here: detection bounds what it matches.
const (
	maxNameLen   = 1024 // database, table, column, engine, user, pattern, detail key
	maxShortLen  = 1024 // versions, titles
	maxValueLen  = 4096 // column types, service details' values (lists: databases not listed, …)
	maxErrorLen  = 2048 // errors, reasons not sampled
	maxDetailLen = 8192 // finding details and evidence
	// maxColumns bounds the columns listed per dataset: the widest real tables have a
	// few thousand, and a server listing millions would make every report as long.
	maxColumns = 4096
)

// bound cuts s to max bytes (at a character boundary), marking a cut with "…".
func bound(s *string, max int) {
	if len(*s) > max {
		*s = probekit.Cut(*s, max) + "…"
	}
}

// boundResult cuts every server-chosen string of a prober's result. The same cut is
// applied to a dataset's and a sample's location, so detection's findings still point
// at the dataset they came from.
func boundResult(res *store.Result) {
	boundService(&res.Service)
	for i := range res.Samples {
		s := &res.Samples[i]
		bound(&s.Database, maxNameLen)
		bound(&s.Table, maxNameLen)
		for j := range s.Columns {
			bound(&s.Columns[j], maxNameLen)
		}
	}
	for i := range res.Findings {
		boundFinding(&res.Findings[i])
	}
}

func boundService(svc *finding.Service) {
	bound(&svc.Version, maxShortLen)
	bound(&svc.User, maxNameLen)
	bound(&svc.Error, maxErrorLen)
	svc.Details = boundDetails(svc.Details)
	for i := range svc.Datasets {
		d := &svc.Datasets[i]
		for _, p := range []*string{&d.Database, &d.Table, &d.Kind, &d.Engine} {
			bound(p, maxNameLen)
		}
		bound(&d.Error, maxErrorLen)
		bound(&d.NotSampled, maxErrorLen)
		if len(d.Columns) > maxColumns {
			d.Columns = slices.Clip(d.Columns[:maxColumns])
			svc.Truncated = true
		}
		for j := range d.Columns {
			bound(&d.Columns[j].Name, maxNameLen)
			bound(&d.Columns[j].Type, maxValueLen) // Enum and Tuple types run long
		}
		if tr := d.TimeRange; tr != nil {
			bound(&tr.Column, maxNameLen)
			bound(&tr.Min, maxNameLen)
			bound(&tr.Max, maxNameLen)
		}
		for j := range d.Patterns {
			bound(&d.Patterns[j].Pattern, maxNameLen)
		}
	}
}

// boundDetails returns details with keys and values cut; the map is rebuilt only when
// something is cut.
func boundDetails(m map[string]string) map[string]string {
	long := false
	for k, v := range m {
		if len(k) > maxNameLen || len(v) > maxValueLen {
			long = true
			break
		}
	}
	if !long {
		return m
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		bound(&k, maxNameLen)
		bound(&v, maxValueLen)
		out[k] = v
	}
	return out
}

func boundFinding(f *finding.Finding) {
	bound(&f.Title, maxShortLen)
	bound(&f.Detail, maxDetailLen)
	bound(&f.Evidence, maxDetailLen)
	bound(&f.Database, maxNameLen)
	bound(&f.Table, maxNameLen)
	bound(&f.Column, maxNameLen)
}

// boundOutcome cuts what identification reported of an endpoint that is not explored,
// and any error.
func boundOutcome(o *Outcome) {
	if o.Err != nil {
		bound(&o.Err.Error, maxErrorLen)
	}
	if ot := o.Other; ot != nil {
		bound(&ot.Version, maxShortLen)
		ot.Details = boundDetails(ot.Details)
	}
}
