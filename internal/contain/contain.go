// Package contain keeps a panic on what a target sent to that target. A recover stops a
// panic only on its own goroutine: a goroutine started while probing one endpoint (a
// relay, one exchange of identification) that panics ends the whole process, and every
// other endpoint's results with it, whatever the prober's caller recovers. Such
// goroutines run their work through Call or Go.
package contain

import (
	"errors"
	"fmt"
)

// ErrCrashed marks the error a panic was turned into.
var ErrCrashed = errors.New("crashed on what the server sent")

// Call runs f and returns its error; a panic in f comes back as an error wrapping
// ErrCrashed, naming what (a part of the program) and the panic's value.
func Call(what string, f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s %w: %v", what, ErrCrashed, p)
		}
	}()
	return f()
}

// Go runs f through Call on a goroutine of its own and hands what Call returned to done
// (when done is not nil), a panic included. Whatever f waits on must end with the step
// that started it (a deadline, a connection closed when the step's context ends): Go
// bounds crashes, not time.
func Go(what string, f func() error, done func(error)) {
	go func() {
		err := Call(what, f)
		if done != nil {
			done(err)
		}
	}()
}
