package detect

import (
	"bytes"
	"net/url"
)

// Form-encoded fields. A store keeps a request body or a query string as it came —
// "grant_type=client_credentials&client_secret=Qx%2F…&scope=read" — in one cell, one
// key's value or one string of a document. Each pair is a value stored under its own
// name, written in application/x-www-form-urlencoded: '%XX' for a byte and '+' for a
// blank. Read as text, the pairs share one key (the first name: a configuration file's
// "key=value" line) and keep their escapes ("Winter+2024%21" for "Winter 2024!"), so a
// form is read as the record it is: each pair a field, its name the key, its value
// decoded.

// formPair is one name=value pair of a form: the decoded name and value, and where the
// raw value stands in the form.
type formPair struct {
	name, value string
	vs, ve      int
}

// maxFormPairs bounds the pairs read from one form.
const maxFormPairs = 256

// formPairs parses v as a form: two pairs or more separated by '&', each "name=value"
// with a name of key bytes once decoded, no blank or line break anywhere, and every
// escape well formed. Anything else is not a form.
//
// It decodes with url.QueryUnescape, not formDecode (text.go): deciding that v is a form
// needs the library's refusal of a malformed escape ("%zz", a '%' at the end), which
// formDecode passes through as text, and once v is a form every '+' is a blank, where
// formDecode, reading a value of unknown origin, takes '+' for a blank only beside a
// %XX escape.
func formPairs(v []byte) ([]formPair, bool) {
	if len(v) < 5 || len(v) > maxFieldValue*8 || bytes.IndexByte(v, '&') < 0 || bytes.IndexByte(v, '=') < 0 {
		return nil, false
	}
	for _, c := range v {
		if c <= ' ' || c >= 0x7f || c == '"' || c == '\'' || c == '<' || c == '>' || c == '{' || c == '}' || c == '\\' {
			return nil, false // text, markup or a document: not a form
		}
	}
	var out []formPair
	end := -1 // where the pair before ends: its '&'
	for p := range bytes.SplitSeq(v, []byte{'&'}) {
		start := end + 1
		end = start + len(p)
		if len(p) == 0 {
			continue // "a=1&&b=2"
		}
		eq := bytes.IndexByte(p, '=')
		if eq <= 0 || len(out) >= maxFormPairs {
			return nil, false
		}
		name, err := url.QueryUnescape(string(p[:eq]))
		if err != nil || len(name) == 0 || len(name) > maxKeyLen {
			return nil, false
		}
		for i := 0; i < len(name); i++ {
			if !isKeyByte(name[i]) && name[i] != '[' && name[i] != ']' {
				return nil, false // "a=b" inside a sentence or an expression
			}
		}
		val, err := url.QueryUnescape(string(p[eq+1:]))
		if err != nil {
			return nil, false
		}
		out = append(out, formPair{name: name, value: val, vs: start + eq + 1, ve: end})
	}
	if len(out) < 2 {
		return nil, false
	}
	return out, true
}

// formName is a pair's name as a path: "creds[password]" names "creds.password".
func formName(n string) string {
	if bytes.IndexByte([]byte(n), '[') < 0 {
		return n
	}
	b := make([]byte, 0, len(n))
	for i := 0; i < len(n); i++ {
		switch c := n[i]; c {
		case '[':
			if len(b) > 0 && b[len(b)-1] != '.' {
				b = append(b, '.')
			}
		case ']':
		default:
			b = append(b, c)
		}
	}
	return string(bytes.TrimSuffix(b, []byte(".")))
}
