package clickhouse

import (
	"context"

	"github.com/leakwatch/leakwatch/internal/store"
)

// Client runs bounded, read-only queries on one ClickHouse HTTP(S) endpoint as one user,
// through the same guard as the prober: every query is checked to be a single plain
// read (SELECT, SHOW, DESCRIBE, EXISTS) before it is sent, and is sent with readonly=1
// and result limits. It is for tools that read a server's own system tables, such as
// the query-log watcher; it never writes to the server.
type Client struct {
	s *httpSession
}

// NewClient returns a client for ep over HTTPS when useTLS is set. cred nil means the
// default user without a password. opts supplies the dialer and the limits
// (IOTimeout, MaxResponseBytes); zero fields take store.DefaultOptions' values.
func NewClient(ep store.Endpoint, useTLS bool, cred *store.Credential, opts *store.Options) *Client {
	o := opts.WithDefaults()
	return &Client{s: newHTTPSession(ep, &o, useTLS, cred)}
}

// Rows runs q (without a FORMAT clause) and returns its rows with every cell as text.
// The server stops after maxRows rows (0: 10000); callers that page must ask for no more
// than that in their LIMIT, since a cut result is not an error.
func (c *Client) Rows(ctx context.Context, q string, maxRows int) ([][]string, error) {
	return c.s.rows(ctx, q, queryLimits{maxRows: maxRows})
}

// QueryIDPrefix is the prefix of the query id of every query this client sends
// ("leakwatch-<session>-"), so a reader of the server's query_log can recognise them.
func (c *Client) QueryIDPrefix() string { return QueryIDPrefix + c.s.id + "-" }

// Close releases idle connections.
func (c *Client) Close() { c.s.h.Close() }
