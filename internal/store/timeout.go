package store

import (
	"context"
	"errors"
	"net"
)

// IsTimeout reports whether err is a timeout of any kind.
func IsTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrTimeout) ||
		(errors.As(err, &ne) && ne.Timeout())
}
