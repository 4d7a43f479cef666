// Package apiprobe is what the probers of document stores, search engines, container and
// object-store APIs share: recording how access was decided, a bounded HTTP session
// pinned to one endpoint, and cell capping for samples.
//
// It holds no product knowledge: each prober keeps its own fingerprints, access rules and
// findings.
package apiprobe
