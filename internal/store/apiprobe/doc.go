// Package apiprobe is what the probers of document stores, search engines, container and
// object-store APIs share: recording how access was decided, a bounded HTTP session
// pinned to one endpoint, cell capping for samples, and tables of known vulnerabilities
// by version range.
//
// It holds no product knowledge: each prober keeps its own fingerprints, access rules and
// findings.
package apiprobe
