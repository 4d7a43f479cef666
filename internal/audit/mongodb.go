package audit

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

var (
	mongoNoAuth = &rule{ID: "mongodb-no-authorization", Title: "MongoDB accepts clients without authentication",
		Remediation: "Create an administrator, then set security.authorization: enabled (and a keyFile or x.509 for " +
			"replica sets), and keep net.bindIp to the addresses clients use.",
		References: []string{"https://www.mongodb.com/docs/manual/administration/security-checklist/"}}
	mongoNoTLS = &rule{ID: "mongodb-no-tls", Title: "Network-facing MongoDB without TLS",
		Remediation: "Set net.tls.mode: requireTLS with a certificate (net.tls.certificateKeyFile).",
		References:  []string{"https://www.mongodb.com/docs/manual/tutorial/configure-ssl/"}}
)

// readOnce reads the configuration file at path, unless a main configuration consumed
// it already; ok is false when there is nothing to audit (consumed, or unreadable: the
// error is recorded).
func (a *auditor) readOnce(path string) (data []byte, ok bool) {
	if a.consumed[key(path)] {
		return nil, false
	}
	data, err := readConfigFile(path)
	if err != nil {
		a.fail(err)
		return nil, false
	}
	return data, true
}

// mongo audits a mongod.conf: YAML (3.x+) or the legacy key=value form.
func (a *auditor) mongo(path string) {
	data, ok := a.readOnce(path)
	if !ok {
		return
	}
	var settings map[string]flatValue
	if legacyMongo(data) {
		settings = parseLegacyMongo(path, data)
	} else {
		y, err := parseYAMLNode(path, data)
		if err != nil {
			a.fail(err)
			return
		}
		if settings, err = flattenYAML(path, y); err != nil {
			a.fail(err)
			return
		}
	}
	a.take(path)
	mongoChecks(&a.col, path, settings)
}

// legacyMongo reports whether a mongod.conf uses the pre-2.6 "name = value" form.
func legacyMongo(data []byte) bool {
	for _, l := range bytes.Split(data, []byte("\n")) {
		l = bytes.TrimSpace(l)
		if len(l) == 0 || l[0] == '#' {
			continue
		}
		i := bytes.IndexByte(l, '=')
		j := bytes.IndexByte(l, ':')
		return i > 0 && (j < 0 || i < j)
	}
	return false
}

// parseLegacyMongo maps the legacy options onto their YAML names.
func parseLegacyMongo(path string, data []byte) map[string]flatValue {
	names := map[string]string{"bind_ip": "net.bindIp", "bind_ip_all": "net.bindIpAll", "auth": "security.authorization",
		"noauth": "security.noauth", "keyfile": "security.keyFile", "port": "net.port", "sslmode": "net.ssl.mode", "tlsmode": "net.tls.mode"}
	out := map[string]flatValue{}
	for n, raw := range strings.Split(string(data), "\n") {
		line := strings.TrimSpace(raw)
		if line == "" || line[0] == '#' {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		k, v = strings.ToLower(strings.TrimSpace(k)), strings.TrimSpace(v)
		name, ok := names[k]
		if !ok {
			continue
		}
		if k == "auth" {
			if truthy(v) {
				v = "enabled"
			} else {
				v = "disabled"
			}
		}
		col := len(raw) - len(strings.TrimLeft(raw, " \t"))
		out[name] = flatValue{Values: []string{v}, Pos: Pos{File: path, Line: n + 1, Col: col, EndCol: len(strings.TrimRight(raw, "\r"))}}
	}
	return out
}

func first(v flatValue) string {
	if len(v.Values) == 0 {
		return ""
	}
	return strings.TrimSpace(v.Values[0])
}

func mongoChecks(c *collector, path string, s map[string]flatValue) {
	exp := expLocal // bindIp defaults to localhost since 3.6
	where := Pos{File: path, Line: 1}
	bindText := "net.bindIp unset (localhost)"
	if v, ok := s["net.bindIp"]; ok {
		exp = expNone
		for _, val := range v.Values {
			for _, a := range strings.Split(val, ",") {
				exp = max(exp, listenExposure(a))
			}
		}
		where, bindText = v.Pos, "net.bindIp: "+strings.Join(v.Values, ",")
	}
	if v, ok := s["net.bindIpAll"]; ok && truthy(first(v)) {
		exp, where, bindText = expWorld, v.Pos, "net.bindIpAll: true"
	}
	authz, hasAuthz := s["security.authorization"]
	auth := hasAuthz && strings.EqualFold(first(authz), "enabled")
	if kf, ok := s["security.keyFile"]; ok && first(kf) != "" && !(hasAuthz && strings.EqualFold(first(authz), "disabled")) {
		auth = true // a keyFile turns on access control
	}
	if v, ok := s["security.noauth"]; ok && truthy(first(v)) {
		auth = false
	}
	if !auth {
		sev := finding.Low
		switch exp {
		case expWorld, expPublic:
			sev = finding.Critical
		case expPrivate:
			sev = finding.High
		}
		state := "security.authorization unset (disabled)"
		if hasAuthz {
			state = "security.authorization: " + first(authz)
		}
		c.add(mongoNoAuth, sev, where,
			fmt.Sprintf("%s with %s: every client that reaches it (%s) can read, change and drop every database.",
				state, bindText, exp), bindText+"; "+state)
	}
	if exp.nonLocal() && auth {
		mode := ""
		for _, k := range []string{"net.tls.mode", "net.ssl.mode"} {
			if v, ok := s[k]; ok {
				mode = first(v)
			}
		}
		if mode == "" || strings.EqualFold(mode, "disabled") {
			c.add(mongoNoTLS, finding.Low, where,
				fmt.Sprintf("MongoDB listens beyond this host (%s) without TLS: credentials exchanges and data cross the network in clear.", bindText),
				"net.tls.mode: "+nonEmptyStr(mode, "unset"))
		}
	}
}

func nonEmptyStr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
