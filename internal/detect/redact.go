package detect

import (
	"bytes"
	"errors"
	"io"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Redaction replaces each detected value with a typed placeholder,
// "[REDACTED:github-pat:3f2a…]": the rule id says what was there and the first four hex
// digits of its keyed fingerprint (finding.Fingerprint) let two redacted copies of the
// same secret be recognised as one, without letting anyone test guesses of the value.
// Every other byte is kept as it was.

func (e *Engine) redacts(r *Rule) bool {
	return e.redactLow || r.Severity >= finding.Medium
}

// AppendPlaceholder appends the placeholder that stands for a value of rule id.
func AppendPlaceholder(dst []byte, ruleID, value string) []byte {
	fp := finding.Fingerprint(value)
	dst = append(dst, "[REDACTED:"...)
	dst = append(dst, ruleID...)
	dst = append(dst, ':')
	dst = append(dst, fp[:4]...)
	return append(dst, "…]"...)
}

// RedactLine appends line to dst with every detected secret replaced by its placeholder.
// Values of low-severity rules (IP addresses) are kept unless the engine was made with
// WithRedactLow.
func (e *Engine) RedactLine(dst, line []byte) []byte {
	last := 0
	e.Scan(line, func(m Match) {
		if !e.redacts(m.Rule) || m.Start < last {
			return
		}
		dst = append(dst, line[last:m.Start]...)
		dst = AppendPlaceholder(dst, m.Rule.ID, m.Value)
		last = m.End
	})
	return append(dst, line[last:]...)
}

// Stream redaction limits.
const (
	// redactRead is how much is read at a time.
	redactRead = 1 << 20
	// redactHold is the longest value redaction promises to see whole. A line longer than
	// the buffer is cut into pieces that overlap by this much; a PEM block still open at
	// the end of the data read so far is held back until its END line arrives or it
	// grows past this size.
	redactHold = 64 << 10
	// redactContext is how much already-written text stays in front of the pending text,
	// so that detectors still see the key name before a value and the byte before a token.
	redactContext = 512
)

// RedactStream copies r to w with every detected secret replaced, a line at a time:
// memory stays bounded whatever the input's size or line length, and each complete line
// is written as soon as it has been read, so the redactor can sit in a log pipeline.
func (e *Engine) RedactStream(r io.Reader, w io.Writer) error {
	buf := make([]byte, 0, redactRead+redactHold+redactContext)
	pend := 0 // buf[:pend] is context already written; buf[pend:] is pending
	var out []byte
	eof := false
	for {
		if !eof && len(buf) < cap(buf) {
			n, err := r.Read(buf[len(buf):cap(buf)])
			buf = buf[:len(buf)+n]
			if err == io.EOF {
				eof = true
			} else if err != nil {
				return err
			}
			if n == 0 && !eof {
				continue
			}
		}
		cut := redactCut(buf, pend, eof)
		if cut <= pend {
			if eof {
				break
			}
			continue
		}
		out = out[:0]
		written := pend
		e.Scan(buf, func(m Match) {
			if m.Start < written || m.Start >= cut || !e.redacts(m.Rule) {
				return
			}
			out = append(out, buf[written:m.Start]...)
			out = AppendPlaceholder(out, m.Rule.ID, m.Value)
			written = m.End
		})
		if written < cut {
			out = append(out, buf[written:cut]...)
			written = cut
		}
		if _, err := w.Write(out); err != nil {
			return err
		}
		keep := written - redactContext
		if keep < 0 {
			keep = 0
		}
		n := copy(buf, buf[keep:])
		buf = buf[:n]
		pend = written - keep
		if eof && pend >= len(buf) {
			break
		}
	}
	if pend < len(buf) {
		return errors.New("detect: redaction stopped with unwritten input")
	}
	return nil
}

var (
	pemBegin = []byte("-----BEGIN ")
	pemEnd   = []byte("-----END ")
)

// redactCut decides how much of the pending text can be redacted and written now: up to
// the end of the last complete line, less a PEM block that is still open; when one line
// fills the buffer, all but the overlap.
func redactCut(buf []byte, pend int, eof bool) int {
	if eof {
		return len(buf)
	}
	cut := -1
	if nl := bytes.LastIndexByte(buf[pend:], '\n'); nl >= 0 {
		cut = pend + nl + 1
	}
	if cut > 0 {
		if b := bytes.LastIndex(buf[pend:cut], pemBegin); b >= 0 && !bytes.Contains(buf[pend+b:], pemEnd) {
			open := pend + b
			if len(buf)-open < redactHold {
				// Hold the block back from the start of its line.
				ls := bytes.LastIndexByte(buf[pend:open], '\n')
				if ls < 0 {
					cut = pend
				} else {
					cut = pend + ls + 1
				}
			}
		}
	}
	if cut <= pend && len(buf) == cap(buf) {
		cut = len(buf) - redactHold
	}
	return cut
}
