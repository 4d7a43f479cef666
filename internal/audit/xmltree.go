package audit

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// lineIndex maps byte offsets to 1-based lines and 0-based columns.
type lineIndex struct {
	starts []int // offset of the first byte of each line
	size   int
}

func newLineIndex(data []byte) *lineIndex {
	starts := []int{0}
	for i, b := range data {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &lineIndex{starts: starts, size: len(data)}
}

// pos returns the line of offset off and the columns [off, end) within it, with end
// clipped to the end of that line (a tag spanning lines is marked on its first line).
func (li *lineIndex) pos(file string, off, end int) Pos {
	off = max(0, min(off, li.size))
	i := sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > off }) - 1
	start := li.starts[i]
	lineEnd := li.size
	if i+1 < len(li.starts) {
		lineEnd = li.starts[i+1] - 1
	}
	end = max(off, min(end, lineEnd))
	return Pos{File: file, Line: i + 1, Col: off - start, EndCol: end - start}
}

// parseXML reads a ClickHouse XML configuration file into a tree that remembers the line
// of every element. The root element is returned whatever its name; callers check it.
func parseXML(file string, data []byte, b *budget) (*Node, error) {
	if len(data) > maxFileBytes {
		return nil, fmt.Errorf("%s: %w: %d bytes", file, errTooBig, len(data))
	}
	li := newLineIndex(data)
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	// Declared encodings other than UTF-8 are read as Latin-1 supersets only when the
	// bytes are plain ASCII; anything else is refused rather than misread.
	d.CharsetReader = func(label string, input io.Reader) (io.Reader, error) {
		switch strings.ToLower(label) {
		case "us-ascii", "ascii", "iso-8859-1", "latin1", "latin-1", "utf8":
			return input, nil
		}
		return nil, fmt.Errorf("unsupported encoding %q", label)
	}
	var root *Node
	var stack []*Node
	for {
		off := int(d.InputOffset())
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, xmlError(file, li, d, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) >= maxDepth {
				return nil, fmt.Errorf("%s: %w: deeper than %d", file, errTooBig, maxDepth)
			}
			if err := b.take(1); err != nil {
				return nil, fmt.Errorf("%s: %w", file, err)
			}
			n := &Node{Name: t.Name.Local, Pos: li.pos(file, off, int(d.InputOffset()))}
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
					continue
				}
				n.Attrs = append(n.Attrs, Attr{a.Name.Local, a.Value})
			}
			if len(stack) == 0 {
				if root != nil {
					return nil, fmt.Errorf("%s:%d: a second root element <%s>", file, n.Pos.Line, n.Name)
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.Children = append(p.Children, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			n := stack[len(stack)-1]
			if len(n.Text)+len(t) > maxFileBytes {
				return nil, fmt.Errorf("%s: %w", file, errTooBig)
			}
			n.Text += string(t)
			if n.TextPos.File == "" && strings.TrimSpace(string(t)) != "" {
				n.TextPos = n.Pos
			}
		case xml.Directive:
			// A DOCTYPE could declare entities that a DOM parser would expand; ClickHouse
			// configurations never need one.
			if bytes.HasPrefix(bytes.TrimSpace(t), []byte("DOCTYPE")) {
				return nil, fmt.Errorf("%s:%d: DOCTYPE declarations are not supported", file, li.pos(file, off, off).Line)
			}
		}
	}
	if root == nil {
		return nil, fmt.Errorf("%s: no root element", file)
	}
	return root, nil
}

// xmlError names the line of a syntax error.
func xmlError(file string, li *lineIndex, d *xml.Decoder, err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("%s:%d: XML syntax error: %s", file, se.Line, se.Msg)
	}
	line := li.pos(file, int(d.InputOffset()), 0).Line
	return fmt.Errorf("%s:%d: %v", file, line, err)
}

// xmlRootName returns the name of the root element of an XML document, reading as little
// as it can; "" when data is not XML.
func xmlRootName(data []byte) string {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.CharsetReader = func(_ string, input io.Reader) (io.Reader, error) { return input, nil }
	for range 10_000 {
		tok, err := d.RawToken()
		if err != nil {
			return ""
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t.Name.Local
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return ""
			}
		}
	}
	return ""
}
