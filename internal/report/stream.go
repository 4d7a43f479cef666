package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/leakwatch/leakwatch/internal/disclose"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/report/summary"
)

// Findings gives a report's findings in the report's order, once per call to Walk; a
// writer may walk them more than once. fn's finding is valid only during the call.
type Findings interface {
	Walk(fn func(f *finding.Finding) error) error
}

// Streamed is a report of findings in files (what detect writes) whose findings are
// walked rather than held: Report carries everything else and no Findings. Every finding
// names its file, so each is a group of its own (summary.Groups) and the formats need of
// them, besides one finding at a time, only how many there are of each severity, how
// many are about a setting (category config) and, when they were verified (detect
// --verify), the verdicts' counts; the verdicts are listed by walking the findings again.
type Streamed struct {
	Report   *finding.Report
	Findings Findings
	// BySeverity counts the findings per severity; Config counts those of category config.
	BySeverity [finding.Critical + 1]int
	Config     int
	// Live, Revoked and Unknown count the findings of each verdict; Verdicts tallies
	// them for the verification statement. Count fills them.
	Live, Revoked, Unknown int
	Verdicts               disclose.Tally
}

// Streamable reports whether r is a report WriteStreamed renders as Write does: findings
// in files only, nothing about services.
func Streamable(r *finding.Report) bool {
	if len(r.Services)+len(r.Contacts)+len(r.Errors)+len(r.Others) > 0 || r.Stats != (finding.Stats{}) {
		return false
	}
	for i := range r.Findings {
		if !StreamableFinding(&r.Findings[i]) {
			return false
		}
	}
	return true
}

// StreamableFinding reports whether f may be part of a Streamed report.
func StreamableFinding(f *finding.Finding) bool {
	return f.File != "" && f.Severity >= finding.Info && f.Severity <= finding.Critical
}

// Count adds f to the counts; it reports false when f cannot be streamed (StreamableFinding).
func (s *Streamed) Count(f *finding.Finding) bool {
	if !StreamableFinding(f) {
		return false
	}
	s.BySeverity[f.Severity]++
	if f.Category == finding.Config {
		s.Config++
	}
	switch f.Verified {
	case finding.VerifiedLive:
		s.Live++
	case finding.VerifiedRevoked:
		s.Revoked++
	case finding.VerifiedUnknown:
		s.Unknown++
	}
	s.Verdicts.Add(f)
	return true
}

// verified reports whether the counts saw verdicts; a walk that meets a verified finding
// when they did not is refused (the head, written first, would not say so).
func (s *Streamed) verified() bool { return s.Live+s.Revoked+s.Unknown > 0 }

// fits reports whether a walked finding keeps Streamed's promise.
func (s *Streamed) fits(f *finding.Finding) bool {
	return StreamableFinding(f) && (f.Verified == "" || s.verified())
}

// walkVerdicts calls fn with the findings judged live, then with those judged revoked,
// each in the report's order (as verdicts lists them).
func (s *Streamed) walkVerdicts(fn func(f *finding.Finding) error) error {
	if s.Live+s.Revoked == 0 {
		return nil
	}
	for _, v := range [...]finding.Verified{finding.VerifiedLive, finding.VerifiedRevoked} {
		err := s.Findings.Walk(func(f *finding.Finding) error {
			if !s.fits(f) {
				return errNotStreamable
			}
			if f.Verified != v {
				return nil
			}
			return fn(f)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// SliceFindings walks a slice (tests, and reports held in memory).
type SliceFindings []finding.Finding

func (fs SliceFindings) Walk(fn func(*finding.Finding) error) error {
	for i := range fs {
		if err := fn(&fs[i]); err != nil {
			return err
		}
	}
	return nil
}

// errNotStreamable is returned when a walked finding breaks Streamed's promise.
var errNotStreamable = errors.New("report: a streamed report holds a finding outside a file or a verified one")

func (s *Streamed) total() int {
	n := 0
	for _, c := range s.BySeverity {
		n += c
	}
	return n
}

// counts are summary.Counts of the report: one group per finding.
func (s *Streamed) counts() []summary.SeverityCount {
	var out []summary.SeverityCount
	for sev := finding.Critical; sev >= finding.Info; sev-- {
		if n := s.BySeverity[sev]; n > 0 {
			out = append(out, summary.SeverityCount{Severity: sev, Groups: n, Findings: n})
		}
	}
	return out
}

// walk calls fn with each finding's group whose category is config (config true) or
// not, checking each finding as it goes.
func (s *Streamed) walk(config bool, fn func(g *summary.Group) error) error {
	return s.Findings.Walk(func(f *finding.Finding) error {
		if !s.fits(f) {
			return errNotStreamable
		}
		if (f.Category == finding.Config) != config {
			return nil
		}
		return fn(summary.Single(*f))
	})
}

// WriteStreamed renders s in the named format with default options, byte for byte as
// Write renders the same report with its findings held (Streamable).
func WriteStreamed(w io.Writer, format string, s *Streamed) error {
	wr, err := New(format, Options{})
	if err != nil {
		return err
	}
	if len(s.Report.Findings) > 0 || !Streamable(s.Report) {
		return errors.New("report: WriteStreamed needs a report of findings in files, its findings walked apart")
	}
	switch wr := wr.(type) {
	case *Text:
		return wr.writeStreamed(w, s)
	case *Markdown:
		return wr.writeStreamed(w, s)
	case *HTML:
		return wr.writeStreamed(w, s)
	case JSON:
		return wr.writeStreamed(w, s)
	case JSONLines:
		return wr.writeStreamed(w, s)
	case SARIF:
		return wr.writeStreamed(w, s)
	}
	return fmt.Errorf("report: format %q cannot be streamed", format)
}

func (t *Text) writeStreamed(out io.Writer, s *Streamed) error {
	w := bufio.NewWriter(out)
	n := s.total()
	if t.writeHead(w, s.Report, s.counts(), n, n) && s.verified() {
		t.para(w, "", fmt.Sprintf("secrets checked with their issuers: %d live, %d revoked, %d not decided", s.Live, s.Revoked, s.Unknown), nil)
	}
	if s.Config > 0 {
		t.heading(w, "FINDINGS")
		if err := s.walk(true, func(g *summary.Group) error { t.writeIssue(w, g); return nil }); err != nil {
			return err
		}
	}
	if n > s.Config {
		t.heading(w, "FOUND IN FILES")
		if err := s.walk(false, func(g *summary.Group) error { t.writeFile(w, g); return nil }); err != nil {
			return err
		}
	}
	if s.Live+s.Revoked > 0 {
		t.heading(w, "VERIFIED WITH THE ISSUER")
		err := s.walkVerdicts(func(f *finding.Finding) error {
			t.writeVerdict(w, *f)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return w.Flush()
}

func (m *Markdown) writeStreamed(out io.Writer, s *Streamed) error {
	w := bufio.NewWriter(out)
	n := s.total()
	mdHead(w, s.Report, countsLine(s.counts(), n, n))
	if s.Config > 0 {
		io.WriteString(w, mdIssuesHead)
		if err := s.walk(true, func(g *summary.Group) error { mdIssue(w, g); return nil }); err != nil {
			return err
		}
	}
	if n > s.Config {
		io.WriteString(w, mdFilesHead)
		if err := s.walk(false, func(g *summary.Group) error { m.fileRow(w, g); return nil }); err != nil {
			return err
		}
	}
	if st := s.Verdicts.Statement(); st != "" {
		mdVerificationHead(w, st, s.Live+s.Revoked > 0)
		if err := s.walkVerdicts(func(f *finding.Finding) error { mdVerdictRow(w, *f); return nil }); err != nil {
			return err
		}
	}
	return w.Flush()
}

func (h *HTML) writeStreamed(w io.Writer, s *Streamed) error {
	n := s.total()
	v := htmlHeadView(s.Report, countsLine(s.counts(), n, n))
	var walkErr error
	rows := func(config bool) iter.Seq[htmlGroup] {
		return func(yield func(htmlGroup) bool) {
			stop := errors.New("stop")
			err := s.walk(config, func(g *summary.Group) error {
				if !yield(h.group(g, g.Where())) {
					return stop
				}
				return nil
			})
			if err != nil && err != stop && walkErr == nil {
				walkErr = err
			}
		}
	}
	if s.Config > 0 {
		v.Issues = rows(true)
	}
	if n > s.Config {
		v.Files = rows(false)
	}
	v.Verification = s.Verdicts.Statement()
	if s.Live+s.Revoked > 0 {
		v.Verdicts = func(yield func(string) bool) {
			stop := errors.New("stop")
			err := s.walkVerdicts(func(f *finding.Finding) error {
				if !yield(htmlVerdict(*f)) {
					return stop
				}
				return nil
			})
			if err != nil && err != stop && walkErr == nil {
				walkErr = err
			}
		}
	}
	err := htmlPage.Execute(w, &v)
	if walkErr != nil {
		return walkErr
	}
	return err
}

// splitAt cuts b around the first occurrence of the empty list marker, which must be
// there: the document's bytes before the list's first element and after its last.
func splitAt(b []byte, marker string) (head, tail []byte, err error) {
	i := bytes.Index(b, []byte(marker))
	if i < 0 {
		return nil, nil, fmt.Errorf("report: %q not found in the document", marker)
	}
	cut := i + len(marker) - 1 // before the "]"
	return b[:cut], b[cut:], nil
}

// writeList writes the elements of a JSON list indented at depth (in two-space steps),
// as a whole document indented by encoding/json holds them; enc writes one element's
// JSON into a buffer (without a final newline).
func writeList(w io.Writer, head, tail []byte, depth int, each func(yield func([]byte) error) error) error {
	if _, err := w.Write(head); err != nil {
		return err
	}
	pad := "\n" + strings.Repeat("  ", depth)
	n := 0
	err := each(func(elem []byte) error {
		sep := pad
		if n > 0 {
			sep = "," + pad
		}
		n++
		if _, err := io.WriteString(w, sep); err != nil {
			return err
		}
		_, err := w.Write(elem)
		return err
	})
	if err != nil {
		return err
	}
	if n > 0 {
		if _, err := io.WriteString(w, "\n"+strings.Repeat("  ", depth-1)); err != nil {
			return err
		}
	}
	_, err = w.Write(tail)
	return err
}

func (j JSON) writeStreamed(w io.Writer, s *Streamed) error {
	if !j.Indent {
		return errors.New("report: only indented JSON is streamed")
	}
	var doc bytes.Buffer
	if err := j.Write(&doc, s.Report); err != nil {
		return err
	}
	head, tail, err := splitAt(doc.Bytes(), "\n  \"findings\": []")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	return writeList(w, head, tail, 2, func(yield func([]byte) error) error {
		return s.Findings.Walk(func(f *finding.Finding) error {
			if !s.fits(f) {
				return errNotStreamable
			}
			buf.Reset()
			if err := enc.Encode(f); err != nil {
				return err
			}
			return yield(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		})
	})
}

func (JSONLines) writeStreamed(w io.Writer, s *Streamed) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return s.Findings.Walk(func(f *finding.Finding) error {
		if !s.fits(f) {
			return errNotStreamable
		}
		return enc.Encode(f)
	})
}

func (SARIF) writeStreamed(w io.Writer, s *Streamed) error {
	// The rules, in order of first appearance, each as its first finding describes it
	// and at the highest severity seen for it: a finding per rule is kept.
	type ruleSeen struct {
		first finding.Finding
		sev   finding.Severity
	}
	var order []string
	rules := map[string]*ruleSeen{}
	err := s.Findings.Walk(func(f *finding.Finding) error {
		if !s.fits(f) {
			return errNotStreamable
		}
		if r := rules[f.Rule]; r != nil {
			r.sev = max(r.sev, f.Severity)
			return nil
		}
		first := *f
		first.Value = "" // not written in a rule; no raw value kept longer than needed
		rules[f.Rule] = &ruleSeen{first: first, sev: f.Severity}
		order = append(order, f.Rule)
		return nil
	})
	if err != nil {
		return err
	}
	log := sarif.NewReport()
	run := sarif.NewRunWithInformationURI(nonEmpty(s.Report.Tool, "leakwatch"), informationURI)
	run.Tool.Driver.WithVersion(nonEmpty(s.Report.Version, "dev"))
	for _, id := range order {
		r := rules[id]
		addSARIFRule(run, r.first, r.sev)
	}
	log.AddRun(run)
	var doc bytes.Buffer
	if err := log.PrettyWrite(&doc); err != nil {
		return err
	}
	head, tail, err := splitAt(doc.Bytes(), "\n      \"results\": []")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	return writeList(w, head, tail, 4, func(yield func([]byte) error) error {
		return s.Findings.Walk(func(f *finding.Finding) error {
			if !s.fits(f) {
				return errNotStreamable
			}
			res := sarifResult(run, *f)
			b, err := json.Marshal(res)
			if err != nil {
				return err
			}
			run.Results = run.Results[:0]
			buf.Reset()
			if err := json.Indent(&buf, b, "        ", "  "); err != nil {
				return err
			}
			return yield(buf.Bytes())
		})
	})
}
