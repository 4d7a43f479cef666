package detect

import (
	"bytes"
	"io"
)

// LineMatch is a match located by line, for files and streams.
type LineMatch struct {
	Rule  *Rule
	Value string
	// Line is the 1-based line the match starts on. Start and End are byte offsets from
	// the first byte of that line; End lies past the line's end when the value spans
	// lines (a PEM block with real line breaks).
	Line       int
	Start, End int
	// Offset is the match's byte offset in the whole stream.
	Offset int64
}

const (
	scanChunk = 4 << 20
	// scanHold bounds the length of a value the stream scanner promises to see whole: a
	// window is cut at a line start at least this far before its end.
	scanHold    = 64 << 10
	scanContext = 512
)

// ScanLines scans a stream in bounded windows and reports every match with its line.
// Memory stays bounded however long the stream or its lines are.
func ScanLines(e *Engine, r io.Reader, fn func(LineMatch)) error {
	buf := make([]byte, 0, scanChunk+scanHold+scanContext)
	var (
		base      int64 // stream offset of buf[0]
		pend      int   // buf[pend:] has not been reported yet
		line      = 1   // line number at pend
		lineStart int64 // stream offset of the line that pend is in
		eof       bool
	)
	sc := e.pool.Get().(*scanner) // one for every window (scanner.scan)
	defer func() {
		sc.dropMatches()
		e.pool.Put(sc)
	}()
	for {
		for !eof && len(buf) < cap(buf) {
			n, err := r.Read(buf[len(buf):cap(buf)])
			buf = buf[:len(buf)+n]
			if err == io.EOF {
				eof = true
			} else if err != nil {
				return err
			}
		}
		cut := len(buf)
		if !eof {
			lim := len(buf) - scanHold
			if nl := lastIndexByte(buf[pend:lim], '\n'); nl >= 0 {
				cut = pend + nl + 1
			} else {
				cut = lim
			}
		}
		pos := pend // everything before pos has been counted into line/lineStart
		sc.scan(buf, func(m Match) {
			if m.Start < pend || m.Start >= cut {
				return
			}
			seg := buf[pos:m.Start]
			if n := bytes.Count(seg, nl); n > 0 {
				line += n
				lineStart = base + int64(pos+lastIndexByte(seg, '\n')+1)
			}
			pos = m.Start
			abs := base + int64(m.Start)
			fn(LineMatch{
				Rule: m.Rule, Value: m.Value, Line: line,
				Start: int(abs - lineStart), End: int(abs-lineStart) + m.End - m.Start, Offset: abs,
			})
		})
		seg := buf[pos:cut]
		if n := bytes.Count(seg, nl); n > 0 {
			line += n
			lineStart = base + int64(pos+lastIndexByte(seg, '\n')+1)
		}
		if eof {
			return nil
		}
		keep := cut - scanContext
		if keep < 0 {
			keep = 0
		}
		n := copy(buf, buf[keep:])
		buf = buf[:n]
		base += int64(keep)
		pend = cut - keep
	}
}

var nl = []byte{'\n'}

// ScanDocument scans a whole text held in memory, parsed by format (see Structure; ""
// reads it as plain text), and reports every match with its line.
func ScanDocument(e *Engine, format string, data []byte, fn func(LineMatch)) {
	if d := concordanceText(data); d != nil {
		data = d
	}
	var spans []Span
	if format == "" && tabTable(data) {
		format = "tsv"
	}
	if format != "" {
		spans = structure(format, data, true) // (used only while data is scanned)
	}
	line, pos, lineStart := 1, 0, 0
	e.ScanFields(data, spans, func(m Match, _ string) {
		if m.Start >= pos {
			seg := data[pos:m.Start]
			if n := bytes.Count(seg, nl); n > 0 {
				line += n
				lineStart = pos + lastIndexByte(seg, '\n') + 1
			}
			pos = m.Start
		}
		fn(LineMatch{Rule: m.Rule, Value: m.Value, Line: line, Start: m.Start - lineStart,
			End: m.End - lineStart, Offset: int64(m.Start)})
	})
}

// concordanceText returns a Concordance/Relativity load file (a .dat of e-discovery
// metadata) as plain text of the same length and lines, or nil for any other text. Its
// fields are quoted by þ and separated by DC4 (0x14), and the newlines inside a field
// are written ®: þ, a letter, glues a field's first and last words to the quotes, and
// ® glues a line's last word to the next line's first. The quotes become '"' and a
// space, the newline marks spaces — in UTF-8 (two bytes each) and in Latin-1 (one).
func concordanceText(data []byte) []byte {
	utf8 := bytes.HasPrefix(data, []byte("\u00fe"))
	if !utf8 && !(len(data) > 0 && data[0] == 0xfe) {
		return nil
	}
	nl := bytes.IndexByte(data, '\n')
	if nl < 0 {
		nl = len(data)
	}
	if bytes.IndexByte(data[:nl], 0x14) < 0 {
		return nil
	}
	out := make([]byte, len(data))
	copy(out, data)
	quote, mark := []byte{0xfe}, []byte{0xae}
	if utf8 {
		quote, mark = []byte("\u00fe"), []byte("\u00ae")
	}
	for i := 0; i+len(quote) <= len(out); {
		switch {
		case bytes.HasPrefix(out[i:], quote):
			// an opening quote follows a separator or starts a line: ' "'; a closing one '" '
			open := i == 0 || out[i-1] == 0x14 || out[i-1] == '\n'
			for j := range quote {
				out[i+j] = ' '
			}
			if open {
				out[i+len(quote)-1] = '"'
			} else {
				out[i] = '"'
			}
			i += len(quote)
		case bytes.HasPrefix(out[i:], mark):
			for j := range mark {
				out[i+j] = ' '
			}
			i += len(mark)
		default:
			i++
		}
	}
	return out
}
