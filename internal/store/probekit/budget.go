package probekit

import (
	"fmt"
	"net"
	"sync"

	"github.com/leakwatch/leakwatch/internal/store"
)

// BudgetConn caps the bytes read through it per exchange, for drivers that have no cap
// of their own: go-sql-driver/mysql joins a payload split over 16 MiB packets in memory
// without limit, so a server that never ends an answer would be read until memory runs
// out (and past the query's deadline). The caller refills the budget before each
// exchange; once it is spent, reads fail with store.ErrTooLarge and the driver gives
// the connection up.
type BudgetConn struct {
	net.Conn
	mu       sync.Mutex
	per      int64
	cur      int64 // the current exchange's budget
	left     int64
	exceeded bool
}

// NewBudgetConn wraps c with a budget of per bytes an exchange.
func NewBudgetConn(c net.Conn, per int64) *BudgetConn {
	return &BudgetConn{Conn: c, per: per, cur: per, left: per}
}

func (b *BudgetConn) Read(p []byte) (int, error) {
	b.mu.Lock()
	left := b.left
	if left <= 0 {
		b.exceeded = true
		b.mu.Unlock()
		return 0, fmt.Errorf("%w: an answer of more than %d bytes", store.ErrTooLarge, b.cur)
	}
	b.mu.Unlock()
	if int64(len(p)) > left {
		p = p[:left]
	}
	n, err := b.Conn.Read(p)
	b.mu.Lock()
	b.left -= int64(n)
	b.mu.Unlock()
	return n, err
}

// Refill starts a new exchange's budget.
func (b *BudgetConn) Refill() { b.RefillTo(b.per) }

// RefillTo starts a new exchange's budget of n bytes (an answer whose size the query
// itself bounds, such as a sample of cut cells, may be larger than the usual budget).
func (b *BudgetConn) RefillTo(n int64) {
	b.mu.Lock()
	b.cur, b.left = n, n
	b.mu.Unlock()
}

// Spent reports whether a read was refused for want of budget.
func (b *BudgetConn) Spent() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.exceeded
}
