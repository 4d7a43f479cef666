package audit

import (
	"fmt"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

var (
	esNoSecurity = &rule{ID: "elasticsearch-security-disabled", Title: "Elasticsearch security disabled on a network-facing node",
		Remediation: "Set xpack.security.enabled: true, set passwords for the built-in users (elasticsearch-reset-password), " +
			"enable TLS on HTTP, and bind network.host to private addresses.",
		References: []string{"https://www.elastic.co/guide/en/elasticsearch/reference/current/security-minimal-setup.html"}}
	esSecurityUnset = &rule{ID: "elasticsearch-security-unset", Title: "Elasticsearch security not enabled explicitly on a network-facing node",
		Remediation: "Set xpack.security.enabled: true: before 8.0 security is off unless enabled.",
		References:  []string{"https://www.elastic.co/guide/en/elasticsearch/reference/current/security-minimal-setup.html"}}
	esHTTPNoTLS = &rule{ID: "elasticsearch-http-no-tls", Title: "Elasticsearch HTTP without TLS on a network-facing node",
		Remediation: "Set xpack.security.http.ssl.enabled: true with a keystore.",
		References:  []string{"https://www.elastic.co/guide/en/elasticsearch/reference/current/security-basic-setup-https.html"}}
)

// elastic audits an elasticsearch.yml.
func (a *auditor) elastic(path string) {
	data, ok := a.readOnce(path)
	if !ok {
		return
	}
	y, err := parseYAMLNode(path, data)
	if err != nil {
		a.fail(err)
		return
	}
	s, err := flattenYAML(path, y)
	if err != nil {
		a.fail(err)
		return
	}
	a.take(path)
	elasticChecks(&a.col, path, s)
}

// esHostExposure classifies a network.host value, including Elasticsearch's special
// names (_local_, _site_, _global_, _eth0_ …) and ${VAR} substitutions.
func esHostExposure(v string) exposure {
	v = strings.TrimSpace(v)
	switch {
	case strings.HasPrefix(v, "${"):
		return expPrivate // set by the environment: not provably local
	case strings.HasPrefix(v, "_local"):
		return expLocal
	case strings.HasPrefix(v, "_site"):
		return expPrivate
	case strings.HasPrefix(v, "_global"):
		return expPublic
	case strings.HasPrefix(v, "_") && strings.HasSuffix(v, "_"):
		return expPrivate // an interface name
	}
	return listenExposure(v)
}

func elasticChecks(c *collector, path string, s map[string]flatValue) {
	exp := expLocal
	where := Pos{File: path, Line: 1}
	hostText := "network.host unset (_local_)"
	for _, k := range []string{"network.host", "network.bind_host", "http.host", "http.bind_host"} {
		v, ok := s[k]
		if !ok {
			continue
		}
		e := expNone
		for _, val := range v.Values {
			for _, h := range strings.Split(val, ",") {
				e = max(e, esHostExposure(h))
			}
		}
		// The http.* settings override network.* for the HTTP interface clients use.
		exp, where, hostText = e, v.Pos, k+": "+strings.Join(v.Values, ",")
	}
	sec, hasSec := s["xpack.security.enabled"]
	disabled := hasSec && !truthy(first(sec))
	switch {
	case disabled:
		sev := finding.Low
		switch exp {
		case expWorld, expPublic:
			sev = finding.Critical
		case expPrivate:
			sev = finding.High
		}
		c.add(esNoSecurity, sev, sec.Pos,
			fmt.Sprintf("xpack.security.enabled: %s while %s: anyone who reaches port 9200 (%s) can read, change and delete every index.",
				first(sec), hostText, exp), "xpack.security.enabled: "+first(sec)+"; "+hostText)
	case !hasSec && exp.nonLocal():
		c.add(esSecurityUnset, finding.Medium, where,
			fmt.Sprintf("%s and xpack.security.enabled is not set: Elasticsearch before 8.0 then runs without authentication.", hostText),
			hostText+"; xpack.security.enabled unset")
	case exp.nonLocal():
		if v, ok := s["xpack.security.http.ssl.enabled"]; ok && !truthy(first(v)) {
			c.add(esHTTPNoTLS, finding.Medium, v.Pos,
				fmt.Sprintf("%s with xpack.security.http.ssl.enabled: %s: passwords and documents cross the network in clear.", hostText, first(v)),
				"xpack.security.http.ssl.enabled: "+first(v))
		}
	}
}
