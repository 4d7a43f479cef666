package target

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// maxListErrors bounds how many bad lines one error reports: enough to fix a file in one
// go, not so many that a wrong file (a binary, a CSV) floods the terminal.
const maxListErrors = 10

// ReadList parses a target list. Its format is told from its content (see DetectFormat):
// the output of nmap (-oX, -oG), masscan (-oJ, -oD, -oL, -oG), naabu (-json, -csv) or
// zmap (CSV with a header), whose open ports become targets marked Open; or leakwatch's own
// list: one or more specs a line separated by spaces, "#" starting a comment (at the
// start of a line or after a space), blank lines ignored. source names the list in
// errors. Every bad line or record is reported (up to a bound), each with where it is.
func ReadList(r io.Reader, source string) ([]Spec, error) {
	br := bufio.NewReaderSize(r, 8<<10)
	head, _ := br.Peek(8 << 10)
	switch DetectFormat(head) {
	case FormatNmapXML:
		return readNmapXML(br, source)
	case FormatGrepable:
		return readGrepable(br, source)
	case FormatMasscanList:
		return readMasscanList(br, source)
	case FormatJSON:
		return readJSON(br, source)
	case FormatCSV:
		return readCSV(br, source)
	}
	return readList(br, source, ParseSpec)
}

// ReadExcludeList is ReadList for exclusions.
func ReadExcludeList(r io.Reader, source string) ([]Spec, error) {
	return readList(r, source, ParseExclude)
}

// LoadList reads a target list from a file, or from stdin when path is "-".
func LoadList(path string, stdin io.Reader) ([]Spec, error) {
	return loadList(path, stdin, ReadList)
}

// LoadExcludeList reads an exclusion list from a file, or from stdin when path is "-".
func LoadExcludeList(path string, stdin io.Reader) ([]Spec, error) {
	return loadList(path, stdin, ReadExcludeList)
}

func loadList(path string, stdin io.Reader, read func(io.Reader, string) ([]Spec, error)) ([]Spec, error) {
	if path == "-" {
		if stdin == nil {
			return nil, errors.New("no standard input to read the list from")
		}
		return read(stdin, "-")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return read(f, path)
}

func readList(r io.Reader, source string, parse func(string) (Spec, error)) ([]Spec, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 64<<10)
	var (
		specs []Spec
		errs  []error
		bad   int
	)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if line == 1 {
			// Editors on Windows start UTF-8 files with a byte order mark.
			text = strings.TrimPrefix(text, "\ufeff")
		}
		text = stripComment(text)
		for _, f := range strings.Fields(text) {
			sp, err := parse(f)
			if err != nil {
				bad++
				if len(errs) < maxListErrors {
					var se *SpecError
					if errors.As(err, &se) {
						se.Source, se.Line = source, line
					}
					errs = append(errs, err)
				}
				continue
			}
			sp.Source, sp.Line = source, line
			specs = append(specs, sp)
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = errors.New("line longer than 64 KiB")
		}
		errs = append(errs, fmt.Errorf("%s:%d: %w", source, line+1, err))
	}
	if bad > maxListErrors {
		errs = append(errs, fmt.Errorf("%s: %d more bad lines not shown", source, bad-maxListErrors))
	}
	return specs, errors.Join(errs...)
}

func stripComment(s string) string {
	if i := strings.IndexByte(s, '#'); i == 0 {
		return ""
	}
	for i := 1; i < len(s); i++ {
		if s[i] == '#' && (s[i-1] == ' ' || s[i-1] == '\t') {
			return s[:i]
		}
	}
	return s
}
