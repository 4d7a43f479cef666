package clickhouse

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/leakwatch/leakwatch/internal/lazyre"
	"github.com/leakwatch/leakwatch/internal/store"
)

// ClickHouse error codes that matter to a prober (src/Common/ErrorCodes.cpp).
const (
	codeUnknownIdentifier = 47
	codeSyntaxError       = 62
	codeUnknownTable      = 60
	codeReadonly          = 164 // READONLY: also "Table functions are forbidden in readonly mode"
	codeUnknownUser       = 192 // before 20.x
	codeWrongPassword     = 193 // before 20.x
	codeRequiredPassword  = 194
	codeIPNotAllowed      = 195
	codeTimeout           = 159
	codeAccessDenied      = 497 // authenticated, but not granted (20.x+)
	codeSettingConstraint = 452 // SETTING_CONSTRAINT_VIOLATION (20.x+): a profile's <constraints> refused a setting
	codeAuthFailed        = 516 // AUTHENTICATION_FAILED (20.x+: hides which of user/password was wrong)
)

// ServerError is an exception reported by the server, over HTTP or the native protocol.
type ServerError struct {
	Code    int
	Name    string // "DB::Exception" (native) or the modern "(NAME)" suffix
	Message string
	// Nested is the cause chain of a native exception.
	Nested *ServerError
}

func (e *ServerError) Error() string {
	return fmt.Sprintf("clickhouse: code %d: %s", e.Code, e.Message)
}

// Unwrap classifies authentication failures as store.ErrAuth and server-side timeouts
// as store.ErrTimeout, so callers need not know ClickHouse's codes.
func (e *ServerError) Unwrap() error {
	switch {
	case e.IsAuth():
		return store.ErrAuth
	case e.Code == codeTimeout:
		return store.ErrTimeout
	}
	return nil
}

// IsAuth reports whether the server refused the credentials (or the client address) —
// a protected server, never an open one.
func (e *ServerError) IsAuth() bool {
	switch e.Code {
	case codeUnknownUser, codeWrongPassword, codeRequiredPassword, codeIPNotAllowed, codeAuthFailed:
		return true
	}
	return false
}

// isSettingsReadonly reports whether the server refused our session settings because the
// user's profile is already read-only. Code 164 alone is not enough: the same code means
// "Table functions are forbidden in readonly mode" and must never trigger a retry.
func (e *ServerError) isSettingsReadonly() bool {
	if e.Code != codeReadonly {
		return false
	}
	m := strings.ToLower(e.Message)
	return strings.Contains(m, "cannot override setting") || // 18.x: Cannot override setting (max_result_rows) in readonly mode
		strings.Contains(m, "cannot be overrided") || // 18.x: Setting 'readonly' cannot be overrided in readonly mode
		(strings.Contains(m, "cannot modify") && strings.Contains(m, "setting")) // 20.x+: Cannot modify 'readonly' setting in readonly mode
}

// constrainedSettingRE reads the setting a profile's constraints refused, as
// SettingsConstraints::Checker::check words it (src/Access/SettingsConstraints.cpp):
// "Setting max_execution_time should not be changed", "Setting max_result_rows shouldn't
// be less than 1000", "… shouldn't be greater than 600".
var constrainedSettingRE = lazyre.New(`^Setting ([A-Za-z_][A-Za-z0-9_]{0,100}) (?:should not be changed|shouldn't be)`)

// constrainedSetting names the setting a 452 SETTING_CONSTRAINT_VIOLATION refused, or "".
func (e *ServerError) constrainedSetting() string {
	if e.Code != codeSettingConstraint {
		return ""
	}
	if m := constrainedSettingRE.FindStringSubmatch(e.Message); m != nil {
		return m[1]
	}
	return ""
}

// mentionsReadonlySetting reports whether the refused setting is readonly itself (a
// readonly=2 profile), as opposed to any setting (a readonly=1 profile).
func (e *ServerError) mentionsReadonlySetting() bool {
	m := strings.ToLower(e.Message)
	return strings.Contains(m, "(readonly)") || strings.Contains(m, "'readonly'")
}

var (
	// "Code: 193, e.displayText() = DB::Exception: Wrong password for user default, e.what() = DB::Exception"
	// "Code: 516. DB::Exception: default: Authentication failed: … (AUTHENTICATION_FAILED) (version 23.8.1.1 (official build))"
	exceptionRE = lazyre.New(`(?s)Code: (\d{1,5})[.,] (?:e\.displayText\(\) = )?(DB::Exception|[A-Za-z:]+Exception|Poco::Exception)?:? ?(.*)`)
	modernName  = lazyre.New(`\(([A-Z][A-Z0-9_]{2,})\)(?: \(version [^)]*(?:\([^)]*\))?\))?\s*$`)
	oldWhat     = lazyre.New(`, e\.what\(\) = [A-Za-z:]+\s*$`)
)

// parseHTTPException reads a ClickHouse exception from an HTTP error body (and the
// X-ClickHouse-Exception-Code header of 20.x+ servers, passed as headerCode, or ""). It
// returns nil when the text is not a ClickHouse exception.
func parseHTTPException(body []byte, headerCode string) *ServerError {
	text := strings.TrimSpace(string(body))
	if len(text) > 8<<10 {
		text = text[len(text)-8<<10:]
	}
	// A failure in the middle of a streamed result is appended after the data.
	i := strings.LastIndex(text, "Code: ")
	var e *ServerError
	if i >= 0 {
		if m := exceptionRE.FindStringSubmatch(text[i:]); m != nil {
			code, _ := strconv.Atoi(m[1])
			e = &ServerError{Code: code, Name: "DB::Exception", Message: strings.TrimSpace(m[3])}
			if m[2] != "" && m[2] != "DB::Exception" {
				e.Name = m[2]
			}
		}
	}
	if headerCode != "" {
		code, err := strconv.Atoi(strings.TrimSpace(headerCode))
		if err == nil && code > 0 {
			if e == nil {
				e = &ServerError{Message: firstLine(text)}
			}
			e.Code = code
		}
	}
	if e == nil {
		return nil
	}
	e.Message = oldWhat.ReplaceAllString(e.Message, "")
	if m := modernName.FindStringSubmatchIndex(e.Message); m != nil {
		e.Name = e.Message[m[2]:m[3]]
		e.Message = strings.TrimSpace(e.Message[:m[0]])
	}
	e.Message = firstLine(e.Message)
	return e
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 500 {
		s = s[:500] + "…"
	}
	return s
}

// errNotReadOnly is returned, before anything is sent, for a query that does not start
// with a read-only verb or that could change the session's settings.
var errNotReadOnly = errors.New("clickhouse: refusing a query that is not plainly read-only")

// checkReadOnly is a last line of defence under the server-side readonly=1: leakwatch
// only ever sends queries that start with SELECT, SHOW, DESCRIBE/DESC or EXISTS, contain
// one statement, and neither override settings (a SETTINGS clause could lift readonly)
// nor write files (INTO OUTFILE).
func checkReadOnly(q string) error {
	words, ok := sqlWords(q)
	if !ok || len(words) == 0 {
		return fmt.Errorf("%w: %.60q", errNotReadOnly, q)
	}
	switch words[0] {
	case "SELECT", "SHOW", "DESCRIBE", "DESC", "EXISTS":
	default:
		return fmt.Errorf("%w: starts with %q", errNotReadOnly, words[0])
	}
	for i, w := range words {
		switch w {
		case ";", "SETTINGS":
			return fmt.Errorf("%w: contains %q", errNotReadOnly, w)
		case "INTO":
			if i+1 < len(words) && words[i+1] == "OUTFILE" {
				return fmt.Errorf("%w: contains INTO OUTFILE", errNotReadOnly)
			}
		}
	}
	return nil
}

// sqlWords splits q into upper-cased bare words and semicolons, skipping string
// literals, quoted identifiers and comments. ok is false when a quote or comment is not
// closed, which a query of ours never does.
func sqlWords(q string) (words []string, ok bool) {
	for i := 0; i < len(q); {
		c := q[i]
		switch {
		case c == '\'' || c == '"' || c == '`':
			j := i + 1
			for ; j < len(q); j++ {
				if q[j] == '\\' {
					j++
					continue
				}
				if q[j] == c {
					break
				}
			}
			if j >= len(q) {
				return nil, false
			}
			i = j + 1
		case c == '-' && i+1 < len(q) && q[i+1] == '-', c == '#':
			j := strings.IndexByte(q[i:], '\n')
			if j < 0 {
				return words, true
			}
			i += j + 1
		case c == '/' && i+1 < len(q) && q[i+1] == '*':
			j := strings.Index(q[i+2:], "*/")
			if j < 0 {
				return nil, false
			}
			i += j + 4
		case c == ';':
			words = append(words, ";")
			i++
		case c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
			j := i
			for j < len(q) && (q[j] == '_' || q[j] >= 'A' && q[j] <= 'Z' || q[j] >= 'a' && q[j] <= 'z' || q[j] >= '0' && q[j] <= '9') {
				j++
			}
			w := strings.ToUpper(q[i:j])
			if i > 0 && q[i-1] == '.' {
				// A qualified name's part (system.settings) is a name, not a keyword.
				w = "." + w
			}
			words = append(words, w)
			i = j
		default:
			i++
		}
	}
	return words, true
}
