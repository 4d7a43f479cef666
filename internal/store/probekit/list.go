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
