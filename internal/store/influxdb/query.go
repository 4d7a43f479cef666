package influxdb

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

// ErrNotReadOnly is returned for an InfluxQL statement that is not a single SHOW or
// SELECT without INTO.
var ErrNotReadOnly = errors.New("influxdb: statement is not read-only")

// readOnly reports whether q is one InfluxQL statement that reads: SHOW …, or SELECT …
// without INTO (SELECT … INTO writes the result into a measurement). Quoted strings and
// identifiers are skipped, so a measurement named "into" is fine; a second statement
// (";") is refused. InfluxDB 1.6 executes writes sent with GET (with a deprecation
// warning), so this check is the guard, not the server.
func readOnly(q string) bool {
	var words []string
	word := strings.Builder{}
	flush := func() {
		if word.Len() > 0 {
			words = append(words, strings.ToUpper(word.String()))
			word.Reset()
		}
	}
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'' || c == '"':
			flush()
			if len(words) == 0 {
				return false // the statement's first token is its verb, never a quoted name
			}
			j := i + 1
			for ; j < len(q) && q[j] != c; j++ {
				if q[j] == '\\' {
					j++
				}
			}
			if j >= len(q) {
				return false // unterminated quote
			}
			i = j
		case c == ';':
			return false
		case c == '-' && i+1 < len(q) && q[i+1] == '-', c == '/' && i+1 < len(q) && q[i+1] == '*':
			return false // comments could hide anything from a reader of the log
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_':
			word.WriteByte(c)
		case c >= 0x80:
			return false // outside quotes the statements leakwatch writes are ASCII; a byte that is not could join a word InfluxDB reads otherwise
		default:
			flush()
		}
	}
	flush()
	if len(words) == 0 || (words[0] != "SELECT" && words[0] != "SHOW") {
		return false
	}
	for _, w := range words {
		if w == "INTO" {
			return false
		}
	}
	return true
}

// quoteIdent quotes an InfluxQL identifier.
func quoteIdent(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// result is one statement's result in /query's JSON.
type result struct {
	Error  string     `json:"error"`
	Series seriesList `json:"series"`
}

type series struct {
	Name    string            `json:"name"`
	Tags    map[string]string `json:"tags"`
	Columns []string          `json:"columns"`
	Values  rowList           `json:"values"`
}

type queryResponse struct {
	Error   string     `json:"error"`
	Results resultList `json:"results"`
}

// Bounds on what one answer is decoded into, one element at a time: decoded whole, 8 MiB
// of empty rows, series or results (2.8 million) cost 454, 1,161 and 646 MiB for each
// statement. A real answer holds one result per statement (one is sent), a series per
// measurement or tag set, and the rows a statement's LIMIT asks for — or, for SHOW
// statements, one per database, measurement or key.
const (
	maxResults    = 16
	maxSeries     = 10_000
	maxSeriesRows = 100_000
)

type (
	resultList []result
	seriesList []series
	rowList    []row
	// row is a row's cells as they stand in the answer, up to maxRowCells of them.
	row []json.RawMessage
)

// maxRowCells bounds the cells read of one row: no listing keeps more columns.
const maxRowCells = 4096

// maxDecodedCell is the longest cell decoded to be rendered (cellText); a longer one is
// shown as its JSON text: an object of 8 MiB of distinct members cost some 20 times
// its bytes decoded.
const maxDecodedCell = 64 << 10

func (l *resultList) UnmarshalJSON(b []byte) (err error) {
	*l, _, err = probekit.DecodeListCounted[result](b, maxResults)
	return err
}

func (l *seriesList) UnmarshalJSON(b []byte) (err error) {
	*l, _, err = probekit.DecodeListCounted[series](b, maxSeries)
	return err
}

func (l *rowList) UnmarshalJSON(b []byte) (err error) {
	*l, _, err = probekit.DecodeListCounted[row](b, maxSeriesRows)
	return err
}

// UnmarshalJSON keeps the first maxRowCells cells of a row, copied, undecoded: a row of
// 8 MiB of cells (2.8 million) cost 274 MiB decoded whole into a []any.
func (r *row) UnmarshalJSON(b []byte) error {
	var cells []json.RawMessage
	err := probekit.EachElement(b, func(e []byte) bool {
		if len(cells) >= maxRowCells {
			return false
		}
		cells = append(cells, append(json.RawMessage(nil), e...))
		return true
	})
	*r = cells
	return err
}

// QueryError is an error InfluxDB answered to a query.
type QueryError struct {
	Status  int
	Message string
}

func (e *QueryError) Error() string {
	return fmt.Sprintf("influxdb: %s (HTTP %d)", e.Message, e.Status)
}

// Unwrap classifies refusals of (missing or wrong) credentials as store.ErrAuth; "not
// authorized to execute" (a user without the privilege) is not one.
func (e *QueryError) Unwrap() error {
	if e.IsAuth() {
		return store.ErrAuth
	}
	return nil
}

// IsAuth reports a refusal of the credentials.
func (e *QueryError) IsAuth() bool {
	return e.Status == http.StatusUnauthorized || strings.Contains(e.Message, "create admin user first")
}

// query runs one read-only statement with GET /query and returns its first result.
func (s *session) query(ctx context.Context, db, q string) (*result, error) {
	if !readOnly(q) {
		return nil, fmt.Errorf("%w: %q", ErrNotReadOnly, q)
	}
	if s.sent != nil {
		s.sent(q)
	}
	v := url.Values{"q": {q}}
	if db != "" {
		v.Set("db", db)
	}
	resp, err := s.h.Get(ctx, "/query?"+v.Encode(), 0)
	if err != nil {
		return nil, err
	}
	var out queryResponse
	if resp.Status != http.StatusOK {
		if jerr := json.Unmarshal(resp.Body, &out); jerr != nil || out.Error == "" {
			return nil, &QueryError{Status: resp.Status, Message: probekit.Trim(resp.Body)}
		}
		return nil, &QueryError{Status: resp.Status, Message: probekit.Printable([]byte(out.Error), 300)}
	}
	if err := resp.JSON(&out); err != nil {
		return nil, err
	}
	if out.Error != "" {
		return nil, &QueryError{Status: resp.Status, Message: probekit.Printable([]byte(out.Error), 300)}
	}
	if len(out.Results) == 0 {
		return nil, fmt.Errorf("%w: /query returned no result", store.ErrProtocol)
	}
	r := &out.Results[0]
	if r.Error != "" {
		return nil, &QueryError{Status: resp.Status, Message: probekit.Printable([]byte(r.Error), 300)}
	}
	return r, nil
}

// column returns the values of the first series' column col as text.
func (r *result) column(col string) []string {
	var out []string
	for _, s := range r.Series {
		idx := -1
		for i, c := range s.Columns {
			if c == col {
				idx = i
			}
		}
		if idx < 0 {
			continue
		}
		for _, row := range s.Values {
			if idx < len(row) {
				out = append(out, cellText(row[idx]))
			}
		}
	}
	return out
}

// names returns the values of column col as names: each cut to probekit.MaxNameBytes (with
// "…"), and whether it was cut.
func (r *result) names(col string) (out []string, cut []bool) {
	for _, v := range r.column(col) {
		c := len(v) > probekit.MaxNameBytes
		out, cut = append(out, probekit.CutName(v)), append(cut, c)
	}
	return out, cut
}

// cellText renders a cell as text: strings as they are, the rest as JSON (an object or
// a list past maxDecodedCell bytes compacted from the answer, not decoded).
func cellText(raw json.RawMessage) string {
	if len(raw) > maxDecodedCell && raw[0] != '"' {
		var b bytes.Buffer
		if json.Compact(&b, raw) == nil {
			return b.String()
		}
		return string(raw)
	}
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return string(raw)
	}
	return valueText(v)
}

// valueText renders a JSON value as text: strings as they are, the rest as JSON.
func valueText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	}
	b, _ := json.Marshal(v)
	return string(b)
}
