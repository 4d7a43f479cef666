package scan

import (
	"fmt"
	"sort"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// mergeSameServer folds services that are one server reached on several ports — ClickHouse
// answers on HTTP, HTTPS, native and native TLS with the same data — into one primary, so
// the report lists each table, secret and capability once and the exposure finding names
// every open port. Services are the same server when they share host, product, version
// and the product's own instance name (details "display_name"), and are all readable.
// Secondary services stay in the report with SameAs pointing at the primary.
func mergeSameServer(rep *finding.Report) {
	groups := map[string][]int{}
	var order []string
	for i, s := range rep.Services {
		if !(s.Auth.Open() || s.Auth == finding.AuthCredentials) || s.Details["display_name"] == "" {
			continue
		}
		k := strings.Join([]string{s.Host, s.Product, s.Version, s.Details["display_name"], string(s.Auth)}, "\x00")
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], i)
	}
	drop := map[[2]string]string{} // secondary host:port → primary host:port
	for _, k := range order {
		idx := groups[k]
		if len(idx) < 2 {
			continue
		}
		// The primary is the service that listed the most (an HTTP port can query; a
		// native handshake cannot), then plain before TLS, then the lowest port.
		sort.SliceStable(idx, func(a, b int) bool {
			sa, sb := rep.Services[idx[a]], rep.Services[idx[b]]
			if len(sa.Datasets) != len(sb.Datasets) {
				return len(sa.Datasets) > len(sb.Datasets)
			}
			// A product's own protocol before a compatibility interface (ClickHouse's
			// MySQL and PostgreSQL ports), which only identifies the server.
			if ia, ib := sa.Details["interface"] != "", sb.Details["interface"] != ""; ia != ib {
				return !ia
			}
			if sa.TLS != sb.TLS {
				return !sa.TLS
			}
			return sa.Port < sb.Port
		})
		primary := &rep.Services[idx[0]]
		for _, j := range idx[1:] {
			s := &rep.Services[j]
			// Different inventories mean different servers after all (two instances with
			// the same name on one host): keep them apart.
			if len(s.Datasets) > 0 && datasetSignature(s.Datasets) != datasetSignature(primary.Datasets) {
				continue
			}
			s.SameAs = fmt.Sprintf("%s:%d", primary.Host, primary.Port)
			s.Datasets = nil
			drop[hostPortKey(s.Host, s.Port)] = fmt.Sprintf("%d (%s)", s.Port, describeEndpoint(*s))
		}
	}
	if len(drop) == 0 {
		return
	}

	primaryOf := map[[2]string][2]string{}
	for _, s := range rep.Services {
		if s.SameAs != "" {
			host, port := splitHostPort(s.SameAs)
			primaryOf[hostPortKey(s.Host, s.Port)] = hostPortKey(host, port)
		}
	}
	// What the primaries already report, to drop the secondaries' copies.
	have := map[string]bool{}
	for _, f := range rep.Findings {
		if _, secondary := primaryOf[hostPortKey(f.Host, f.Port)]; !secondary {
			have[findingKey(hostPortKey(f.Host, f.Port), f)] = true
		}
	}
	alsoOpen := map[[2]string][]string{}
	var kept []finding.Finding
	for _, f := range rep.Findings {
		pk, secondary := primaryOf[hostPortKey(f.Host, f.Port)]
		if !secondary {
			kept = append(kept, f)
			continue
		}
		if f.Category == finding.Exposure {
			alsoOpen[pk] = append(alsoOpen[pk], drop[hostPortKey(f.Host, f.Port)])
			continue
		}
		if have[findingKey(pk, f)] {
			continue
		}
		kept = append(kept, f)
	}
	for i := range kept {
		f := &kept[i]
		ports := alsoOpen[hostPortKey(f.Host, f.Port)]
		if f.Category != finding.Exposure || len(ports) == 0 {
			continue
		}
		sort.Strings(ports)
		also := "also open on port " + strings.Join(ports, ", ")
		if f.Evidence == "" {
			f.Evidence = also
		} else {
			f.Evidence = also + "; " + f.Evidence
		}
	}
	rep.Findings = kept
}

func describeEndpoint(s finding.Service) string {
	d := strings.TrimPrefix(s.Protocol, s.Product+"-")
	if s.TLS {
		d += ", TLS"
	}
	return d
}

func hostPortKey(host string, port int) [2]string { return [2]string{host, fmt.Sprint(port)} }

func splitHostPort(s string) (string, int) {
	i := strings.LastIndexByte(s, ':')
	var port int
	fmt.Sscan(s[i+1:], &port)
	return s[:i], port
}

// findingKey identifies what a finding says, independent of which port said it.
func findingKey(primary [2]string, f finding.Finding) string {
	return strings.Join([]string{primary[0], primary[1], string(f.Category), f.Rule, f.Database, f.Table, f.Column, f.SHA256, f.Title}, "\x00")
}

func datasetSignature(ds []finding.Dataset) string {
	parts := make([]string, 0, len(ds))
	for _, d := range ds {
		parts = append(parts, fmt.Sprintf("%s.%s", d.Database, d.Table))
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}
