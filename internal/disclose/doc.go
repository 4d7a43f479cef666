// Package disclose finds whom to tell: it fetches and parses a host's security.txt
// (RFC 9116) so that a report of an exposed data store can name the owner's disclosure
// contact and policy.
//
// Lookups run only for targets given as host names (an address has no well-known owner)
// and only through the scan's scoped dialer to the addresses the scan resolved the name
// to: a redirect to another host is reported, never followed, and the lookup can reach
// nothing the scan itself could not. Parse handles comments, case-insensitive field
// names, CRLF, and OpenPGP cleartext-signed files (the signature is stripped, not
// verified); it drops control characters, so a hostile file cannot write escape
// sequences into a terminal report.
package disclose
