package verify

import (
	"encoding/json"
	"encoding/xml"
	"strconv"
	"strings"
)

// doc is a decoded JSON answer; a body that is not JSON decodes to nil and every lookup
// on it finds nothing.
type doc struct{ v any }

func parse(b []byte) doc {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return doc{}
	}
	return doc{v}
}

// at walks object keys and array indexes ("0", "1", …).
func (d doc) at(path ...string) doc {
	v := d.v
	for _, p := range path {
		switch x := v.(type) {
		case map[string]any:
			v = x[p]
		case []any:
			i, err := strconv.Atoi(p)
			if err != nil || i < 0 || i >= len(x) {
				return doc{}
			}
			v = x[i]
		default:
			return doc{}
		}
	}
	return doc{v}
}

// str is the value at path as text: strings as they are, numbers and booleans printed.
func (d doc) str(path ...string) string {
	switch x := d.at(path...).v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	return ""
}

func (d doc) exists(path ...string) bool { return d.at(path...).v != nil }

func (d doc) boolean(path ...string) (bool, bool) {
	b, ok := d.at(path...).v.(bool)
	return b, ok
}

// list is the array at path.
func (d doc) list(path ...string) []doc {
	a, _ := d.at(path...).v.([]any)
	out := make([]doc, len(a))
	for i, v := range a {
		out[i] = doc{v}
	}
	return out
}

// names joins up to n names, saying how many more there are.
func names(list []string, n int) string {
	if len(list) <= n {
		return strings.Join(list, ", ")
	}
	return strings.Join(list[:n], ", ") + " and " + strconv.Itoa(len(list)-n) + " more"
}

// join keeps the non-empty parts.
func join(sep string, parts ...string) string {
	var keep []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, sep)
}

// awsError is the error document of AWS's query APIs.
type awsError struct {
	Code    string `xml:"Error>Code"`
	Message string `xml:"Error>Message"`
}

type awsIdentity struct {
	Arn     string `xml:"GetCallerIdentityResult>Arn"`
	Account string `xml:"GetCallerIdentityResult>Account"`
}

func parseXML(b []byte, v any) bool { return xml.Unmarshal(b, v) == nil }

// labeled is "label value", or nothing when the value is empty.
func labeled(label string, value ...string) string {
	v := strings.TrimSpace(join(" ", value...))
	if v == "" {
		return ""
	}
	return label + " " + v
}
