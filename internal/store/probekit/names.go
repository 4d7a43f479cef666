package probekit

// MaxNameBytes bounds a name a server chose — a database, schema, table, column,
// measurement, index, bucket, collection, key, container or image ID — that a prober
// keeps or sends back to it. The stores' own names are far shorter (PostgreSQL 63 bytes,
// MySQL 64 characters, MongoDB 64 and 255, CouchDB 238, Elasticsearch 255, S3 63, a
// Docker ID 71), yet a hostile server's name was kept whole until the scan's final cut
// and sent back in every later request about it: in a request's path, a statement's
// text, a POST body, a StartupMessage. A longer one is now listed cut and never named
// in a request.
const MaxNameBytes = 1024

// LongName is the error of a dataset listed under a name cut past MaxNameBytes.
const LongName = "name longer than 1024 bytes: listed cut, not read"

// CutName cuts a name past MaxNameBytes, marking the cut with "…"; a shorter one is
// returned as it is.
func CutName(s string) string { return CutText(s, MaxNameBytes) }

// MaxTypeBytes bounds a column type, an engine's definition or a privilege line a server
// reported: what the scan's final cut keeps of a column type (scan's maxValueLen), so a
// type cut here reads the same in every report. Real ones are far shorter but for Enum
// and Tuple types of many members.
const MaxTypeBytes = 4096

// CutType cuts s past MaxTypeBytes, marking the cut with "…"; a shorter one is returned
// as it is.
func CutType(s string) string { return CutText(s, MaxTypeBytes) }

// CutText cuts a server's text that reaches a report (a name, a version, a list in a
// finding's evidence) to max bytes, marking a cut with "…" as CutName does. The mark
// matters beyond honesty: a server may echo a user's password into any text it sends,
// and the scan takes a password's start out of a report only where it stands before a
// cut's mark; an unmarked cut inside the password left its first characters there.
// Sample cells are cut with Cut: a mark would become part of the value detectors read.
func CutText(s string, max int) string {
	if len(s) > max {
		return Cut(s, max) + "…"
	}
	return s
}
