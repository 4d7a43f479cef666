package contain

import (
	"errors"
	"strings"
	"testing"
)

func TestCallTurnsAPanicIntoAnError(t *testing.T) {
	err := Call("relay", func() error {
		var b []byte
		_ = b[3] // index out of range, as a parser meeting a short packet would
		return nil
	})
	if !errors.Is(err, ErrCrashed) || !strings.Contains(err.Error(), "relay") || !strings.Contains(err.Error(), "index out of range") {
		t.Fatalf("Call = %v, want the panic as an ErrCrashed error naming the relay", err)
	}
	want := errors.New("plain")
	if err := Call("relay", func() error { return want }); err != want {
		t.Fatalf("Call = %v, want f's own error", err)
	}
}

func TestGoReportsAPanicToDone(t *testing.T) {
	got := make(chan error, 1)
	Go("copy", func() error { panic("hostile bytes") }, func(err error) { got <- err })
	if err := <-got; !errors.Is(err, ErrCrashed) || !strings.Contains(err.Error(), "hostile bytes") {
		t.Fatalf("done got %v", err)
	}
	Go("copy", func() error { return nil }, func(err error) { got <- err })
	if err := <-got; err != nil {
		t.Fatalf("done got %v for a clean return", err)
	}
}
