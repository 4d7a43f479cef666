package probekit

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/leakwatch/leakwatch/internal/store"
)

// DecodeList decodes a JSON array of T element by element, keeping the first max;
// more reports that the array held further elements, which are not read. A list
// answer is the one shape whose decoded form outgrows its bytes without bound: an
// 8 MiB array of empty objects is 2.8 million elements, and decoded whole into structs
// of a few strings and slices it allocated 1.5 GiB and held 760 MiB (a hostile Docker
// Engine's container list). Decoded this way it costs its bytes and max elements.
func DecodeList[T any](body []byte, max int) (kept []T, more bool, err error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	tok, err := dec.Token()
	if err != nil {
		return nil, false, fmt.Errorf("%w: %v", store.ErrProtocol, err)
	}
	if tok == nil { // null: no list
		return nil, false, nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return nil, false, fmt.Errorf("%w: a list was expected, got %v", store.ErrProtocol, tok)
	}
	for dec.More() {
		if len(kept) >= max {
			return kept, true, nil
		}
		var v T
		if err := dec.Decode(&v); err != nil {
			return kept, false, fmt.Errorf("%w: %v", store.ErrProtocol, err)
		}
		kept = append(kept, v)
	}
	if _, err := dec.Token(); err != nil {
		return kept, false, fmt.Errorf("%w: %v", store.ErrProtocol, err)
	}
	return kept, false, nil
}

// GetList sends a GET and decodes a 2xx JSON array answer with DecodeList.
func GetList[T any](ctx context.Context, s *Session, path string, max int) ([]T, bool, error) {
	r, err := s.GetJSON(ctx, path, nil) // the status check; the body is decoded below
	if err != nil {
		return nil, false, err
	}
	kept, more, err := DecodeList[T](r.Body, max)
	if err != nil {
		err = fmt.Errorf("GET %s: %w", path, err)
	}
	return kept, more, err
}

// Member is one member of a JSON object, its value decoded.
type Member[T any] struct {
	Key   string
	Value T
}

// DecodeObject decodes the members of the JSON object reached from the top of body by
// following path (member names; none: the top itself): the first max of them with
// their values decoded into T, in the document's order, and total, how many it holds
// (the rest are counted, not decoded). An object, like a list, outgrows its bytes when
// decoded whole into a map: 8 MiB of empty members is 800,000 entries, 100-200 MiB
// allocated; and json.Decoder's tokens, with which it could be walked, cost more than
// 100 bytes a member. Members are found by scanning body, which is not copied; only the
// values kept are decoded (and checked). A path that leads nowhere (a member missing,
// null) is an empty object.
func DecodeObject[T any](body []byte, path []string, max int) (kept []Member[T], total int, err error) {
	obj := body
	for _, name := range path {
		var next []byte
		err := eachMember(obj, func(key, value []byte) bool {
			if keyIs(key, name) {
				next = value
				return false
			}
			return true
		})
		if err != nil {
			return nil, 0, err
		}
		if next == nil {
			return nil, 0, nil
		}
		obj = next
	}
	var bad error // a member that does not decode
	err = eachMember(obj, func(key, value []byte) bool {
		total++
		if len(kept) >= max {
			return true // counted only
		}
		var k string
		if bad = json.Unmarshal(key, &k); bad != nil {
			return false
		}
		var v T
		if bad = json.Unmarshal(value, &v); bad != nil {
			return false
		}
		kept = append(kept, Member[T]{k, v})
		return true
	})
	if err == nil && bad != nil {
		err = fmt.Errorf("%w: %v", store.ErrProtocol, bad)
	}
	return kept, total, err
}

// EachMember calls f with the name and the value (as it stands, not copied, not
// checked) of each member of the JSON object b holds, in order, until f returns false.
// The name is unquoted in place, not copied, or decoded when it holds escapes and is
// short enough to be one a caller asks for (64 bytes); a longer escaped name is passed
// as it stands, quotes and all. null is an empty object. Nothing else is decoded, so an
// object of a million members costs no more than its bytes.
func EachMember(b []byte, f func(name, value []byte) bool) error {
	return eachMember(b, func(key, value []byte) bool {
		name := key[1 : len(key)-1]
		if bytes.IndexByte(name, '\\') >= 0 {
			var s string
			if len(key) > 64 || json.Unmarshal(key, &s) != nil {
				name = key
			} else {
				name = []byte(s)
			}
		}
		return f(name, value)
	})
}

// keyIs reports whether the quoted key is name.
func keyIs(key []byte, name string) bool {
	if bytes.IndexByte(key, '\\') < 0 {
		return string(key[1:len(key)-1]) == name
	}
	var k string
	return json.Unmarshal(key, &k) == nil && k == name
}

// eachMember calls f with the key (quoted, as it stands) and the value of each member of
// the object b holds, in order, until f returns false. null is an empty object. Values
// are delimited, not checked: whoever decodes one checks it.
func eachMember(b []byte, f func(key, value []byte) bool) error {
	i := skipSpace(b, 0)
	if i < len(b) && bytes.HasPrefix(b[i:], []byte("null")) {
		return nil
	}
	if i >= len(b) || b[i] != '{' {
		return fmt.Errorf("%w: an object was expected", store.ErrProtocol)
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return nil
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return fmt.Errorf("%w: a member name was expected at offset %d", store.ErrProtocol, i)
		}
		kend, ok := valueEnd(b, i)
		if !ok {
			return fmt.Errorf("%w: unterminated member name", store.ErrProtocol)
		}
		key := b[i:kend]
		i = skipSpace(b, kend)
		if i >= len(b) || b[i] != ':' {
			return fmt.Errorf("%w: ':' was expected at offset %d", store.ErrProtocol, i)
		}
		i = skipSpace(b, i+1)
		vend, ok := valueEnd(b, i)
		if !ok {
			return fmt.Errorf("%w: unterminated value at offset %d", store.ErrProtocol, i)
		}
		if !f(key, b[i:vend]) {
			return nil
		}
		i = skipSpace(b, vend)
		switch {
		case i < len(b) && b[i] == ',':
			i = skipSpace(b, i+1)
		case i < len(b) && b[i] == '}':
			return nil
		default:
			return fmt.Errorf("%w: ',' or '}' was expected at offset %d", store.ErrProtocol, i)
		}
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// valueEnd returns the end of the JSON value starting at b[i]: a string, an object or an
// array (brackets counted outside strings, without recursion), or a scalar up to the
// next delimiter. ok is false when the value does not end.
func valueEnd(b []byte, i int) (int, bool) {
	if i >= len(b) {
		return i, false
	}
	depth, inString, escaped := 0, false, false
	switch b[i] {
	case '"', '{', '[':
	default:
		j := i
		for j < len(b) && !bytes.ContainsRune([]byte(",}] \t\r\n"), rune(b[j])) {
			j++
		}
		return j, j > i
	}
	for j := i; j < len(b); j++ {
		c := b[j]
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
				if depth == 0 {
					return j + 1, true
				}
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return j + 1, true
			}
		}
	}
	return len(b), false
}

// ObjectMember returns the value of the member named name of the JSON object body holds,
// as it stands in body (not copied, not checked); ok is false when there is none.
func ObjectMember(body []byte, name string) (value []byte, ok bool, err error) {
	err = eachMember(body, func(key, v []byte) bool {
		if keyIs(key, name) {
			value, ok = v, true
			return false
		}
		return true
	})
	return value, ok, err
}

// DecodeListCounted decodes the first max elements of the JSON array body holds, as
// DecodeList does, and counts all of them: the rest are delimited in the bytes, not
// decoded. null is an empty list.
func DecodeListCounted[T any](body []byte, max int) (kept []T, total int, err error) {
	i := skipSpace(body, 0)
	if bytes.HasPrefix(body[i:], []byte("null")) {
		return nil, 0, nil
	}
	if i >= len(body) || body[i] != '[' {
		return nil, 0, fmt.Errorf("%w: a list was expected", store.ErrProtocol)
	}
	i = skipSpace(body, i+1)
	if i < len(body) && body[i] == ']' {
		return nil, 0, nil
	}
	for {
		end, ok := valueEnd(body, i)
		if !ok {
			return kept, total, fmt.Errorf("%w: unterminated list element at offset %d", store.ErrProtocol, i)
		}
		total++
		if len(kept) < max {
			var v T
			if err := json.Unmarshal(body[i:end], &v); err != nil {
				return kept, total, fmt.Errorf("%w: %v", store.ErrProtocol, err)
			}
			kept = append(kept, v)
		}
		i = skipSpace(body, end)
		switch {
		case i < len(body) && body[i] == ',':
			i = skipSpace(body, i+1)
		case i < len(body) && body[i] == ']':
			return kept, total, nil
		default:
			return kept, total, fmt.Errorf("%w: ',' or ']' was expected at offset %d", store.ErrProtocol, i)
		}
	}
}

// EachElement calls f with each element of the JSON array body holds (as it stands,
// not copied, not checked), in order, until f returns false. null is an empty list.
// Nothing is decoded, so a list of millions of elements costs no more than its bytes;
// f decodes what it keeps.
func EachElement(body []byte, f func(elem []byte) bool) error {
	i := skipSpace(body, 0)
	if bytes.HasPrefix(body[i:], []byte("null")) {
		return nil
	}
	if i >= len(body) || body[i] != '[' {
		return fmt.Errorf("%w: a list was expected", store.ErrProtocol)
	}
	i = skipSpace(body, i+1)
	if i < len(body) && body[i] == ']' {
		return nil
	}
	for {
		end, ok := valueEnd(body, i)
		if !ok {
			return fmt.Errorf("%w: unterminated list element at offset %d", store.ErrProtocol, i)
		}
		if !f(body[i:end]) {
			return nil
		}
		i = skipSpace(body, end)
		switch {
		case i < len(body) && body[i] == ',':
			i = skipSpace(body, i+1)
		case i < len(body) && body[i] == ']':
			return nil
		default:
			return fmt.Errorf("%w: ',' or ']' was expected at offset %d", store.ErrProtocol, i)
		}
	}
}
