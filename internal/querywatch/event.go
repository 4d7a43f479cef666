package querywatch

import (
	"hash/fnv"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

// Kind is what a log row records.
type Kind int

const (
	KindOther Kind = iota
	QueryStart
	QueryFinish
	ExceptionBeforeStart
	ExceptionWhileProcessing
	LoginFailure
)

var kindNames = [...]string{"Other", "QueryStart", "QueryFinish", "ExceptionBeforeStart", "ExceptionWhileProcessing", "LoginFailure"}

func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "Other"
	}
	return kindNames[k]
}

// parseQueryLogType reads query_log.type: a number on 18.x, an enum name later.
func parseQueryLogType(s string) Kind {
	switch s {
	case "1", "QueryStart":
		return QueryStart
	case "2", "QueryFinish":
		return QueryFinish
	case "3", "ExceptionBeforeStart":
		return ExceptionBeforeStart
	case "4", "ExceptionWhileProcessing":
		return ExceptionWhileProcessing
	}
	return KindOther
}

// interfaceName reads query_log.interface: a number, or a name on servers that log one.
func interfaceName(s string) string {
	switch s {
	case "1", "TCP":
		return "native"
	case "2", "HTTP":
		return "http"
	case "3", "gRPC":
		return "grpc"
	case "4", "MySQL":
		return "mysql"
	case "5", "PostgreSQL":
		return "postgresql"
	case "6", "Local":
		return "local"
	case "7", "TCP_Interserver":
		return "interserver"
	}
	return strings.ToLower(s)
}

// Event is one thing a server recorded: a query (start, end or failure) or a failed login.
type Event struct {
	Source        string // "query_log", "session_log" or the server log's path
	Time          time.Time
	QueryID       string
	Kind          Kind
	User          string
	Addr          netip.Addr // invalid when the source does not say
	Port          int
	Interface     string
	UserAgent     string
	ClientName    string
	Initial       bool
	Query         string
	ExceptionCode int
	Exception     string
	ReadRows      int64
	ResultRows    int64
	ResultBytes   int64
	// Tables and TableFunctions come from servers that log them (21.x+); empty on 18.x,
	// where they are read from the query text.
	Tables          []string
	TableFunctions  []string
	CurrentDatabase string
	// Fragments are the parts of a query too long to read whole that name table
	// functions or FROM/JOIN targets, as the server extracted them.
	Fragments []string
}

// key identifies a log row across overlapping reads.
func (e *Event) key() uint64 {
	h := fnv.New64a()
	for _, s := range []string{e.Source, strconv.FormatInt(e.Time.Unix(), 10), e.QueryID, e.Kind.String(),
		e.Addr.String(), strconv.Itoa(e.Port), e.User, strconv.Itoa(e.ExceptionCode)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	q := e.Query
	if len(q) > 512 {
		q = q[:512]
	}
	h.Write([]byte(q))
	return h.Sum64()
}

// client names who sent a query, for grouping: address (or "?") and user.
func (e *Event) client() string {
	a := "?"
	if e.Addr.IsValid() {
		a = e.Addr.String()
	}
	return a + "|" + e.User
}

// parseAddr reads an address as ClickHouse prints it (IPv4-mapped IPv6 for IPv4 clients).
func parseAddr(s string) netip.Addr {
	a, err := netip.ParseAddr(strings.TrimSpace(s))
	if err != nil {
		return netip.Addr{}
	}
	return a.Unmap()
}

// maxArrayCell bounds the elements read of one Array(String) cell: a query names a few
// tables and table functions, and the fragments are cut at 50 by the query itself.
const maxArrayCell = 1000

// parseStringArray reads an Array(String) cell, which arrives as JSON text, up to
// maxArrayCell elements, an element at a time: decoded whole, a server's cell of 8 MiB
// of empty strings (2.8 million) allocated 265 MiB.
func parseStringArray(s string) []string {
	if s == "" {
		return nil
	}
	out, _, err := probekit.DecodeList[string]([]byte(s), maxArrayCell)
	if err != nil {
		return nil
	}
	return out
}

func atoi64(s string) int64 {
	n, _ := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return n
}
