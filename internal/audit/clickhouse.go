package audit

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

var chRefUsers = []string{"https://clickhouse.com/docs/en/operations/settings/settings-users"}
var chRefServer = []string{"https://clickhouse.com/docs/en/operations/server-configuration-parameters/settings"}

var (
	chNoPassword = &rule{ID: "clickhouse-user-no-password", Title: "ClickHouse user without a password",
		Remediation: "Give the user a strong password stored as <password_sha256_hex> (echo -n \"$PW\" | sha256sum) or " +
			"<password_double_sha1_hex>, or delete the user; never leave <password> empty.",
		References: chRefUsers}
	chOpenNetworks = &rule{ID: "clickhouse-user-networks-open", Title: "ClickHouse user accepted from any address",
		Remediation: "List in <networks> only the hosts or subnets that need this user (<ip>10.1.2.0/24</ip>); ::/0 and " +
			"0.0.0.0/0 admit the whole Internet, and a missing <networks> does too on 20.x and later. Keep 'default' to " +
			"<ip>::1</ip> and <ip>127.0.0.1</ip>.",
		References: chRefUsers}
	chPlaintextPassword = &rule{ID: "clickhouse-plaintext-password", Title: "ClickHouse password stored in plain text",
		Remediation: "Replace <password> with <password_sha256_hex> (or <password_double_sha1_hex> for MySQL clients), " +
			"make the file readable by the clickhouse user only (chmod 640), and change the password: it was readable.",
		References: chRefUsers}
	chWritableNoPassword = &rule{ID: "clickhouse-passwordless-user-writable", Title: "Password-less ClickHouse user is not read-only",
		Remediation: "Give password-less users a profile with <readonly>1</readonly> (readonly also forbids url(), file() " +
			"and the other table functions), or give them a password.",
		References: []string{"https://clickhouse.com/docs/en/operations/settings/permissions-for-queries#readonly"}}
	chAccessManagement = &rule{ID: "clickhouse-access-management", Title: "ClickHouse user may create users and grant rights (access_management)",
		Remediation: "Set <access_management>0</access_management> for every user that is not an administrator; an " +
			"administrator needs a hashed password and narrow <networks>.",
		References: chRefUsers}
	chListenPlaintext = &rule{ID: "clickhouse-listen-all-plaintext", Title: "ClickHouse listens on every interface without TLS",
		Remediation: "Bind listen_host to the private addresses clients use, serve them on https_port and tcp_port_secure, " +
			"and remove http_port and tcp_port (or firewall them to localhost).",
		References: chRefServer}
	chInterserver = &rule{ID: "clickhouse-interserver-no-credentials", Title: "ClickHouse interserver port open without credentials",
		Remediation: "Set <interserver_http_credentials> (user and password) on every replica, or remove " +
			"interserver_http_port on servers without replication; firewall it to the cluster.",
		References: chRefServer}
	chRemoteURL = &rule{ID: "clickhouse-no-remote-url-allow-hosts", Title: "ClickHouse url() and remote tables may reach any host",
		Remediation: "Add <remote_url_allow_hosts> listing the hosts url(), s3() and URL tables may contact, so a query " +
			"cannot make the server fetch cloud metadata or internal services (SSRF).",
		References: chRefServer}
	chCompatPort = &rule{ID: "clickhouse-compat-port", Title: "ClickHouse MySQL/PostgreSQL compatibility port enabled",
		Remediation: "Remove mysql_port and postgresql_port unless clients need them: they accept the same users through " +
			"a second protocol, without TLS unless configured.",
		References: chRefServer}
	chTLSClientNoVerify = &rule{ID: "clickhouse-tls-client-no-verify", Title: "ClickHouse does not verify the certificates of servers it connects to",
		Remediation: "Set openSSL/client/verificationMode to relaxed or strict, loadDefaultCAFile to true, and " +
			"invalidCertificateHandler to RejectCertificateHandler.",
		References: chRefServer}
	chTLSServerNoVerify = &rule{ID: "clickhouse-tls-server-no-client-verify", Title: "ClickHouse TLS server does not ask for client certificates",
		Remediation: "Usual when clients authenticate with passwords. Where mutual TLS is wanted, set " +
			"openSSL/server/verificationMode to strict with a caConfig.",
		References: chRefServer}
	chDeadNetwork = &rule{ID: "clickhouse-network-entry-matches-nothing", Title: "ClickHouse <networks> entry that matches no client",
		Remediation: "Remove the entry, or replace it with the addresses that should connect (<ip>10.1.2.0/24</ip>).",
		References:  chRefUsers}
	chIncludeMissing = &rule{ID: "clickhouse-include-missing", Title: "ClickHouse include_from file not found",
		Remediation: "Audit the configuration together with its include_from file (copy it next to config.xml), " +
			"since the values it substitutes may change these results.",
		References: []string{"https://clickhouse.com/docs/en/operations/configuration-files"}}
	chUserRefused = &rule{ID: "clickhouse-user-refused", Title: "ClickHouse refuses a user of its configuration",
		Remediation: "Give the user exactly one way to authenticate (password_sha256_hex, password_scram_sha256_hex, " +
			"password_double_sha1_hex, ldap, … or no_password), or <auth_methods> alone; 23.x+ servers refuse the whole " +
			"users file otherwise, keeping the users they had (or not starting).",
		References: chRefUsers}
	chUsersFileUnused = &rule{ID: "clickhouse-users-file-unused", Title: "ClickHouse users.xml is not read by the server",
		Remediation: "Name the users file in config.xml (<user_directories><users_xml><path>users.xml</path></users_xml>" +
			"</user_directories>, or <users_config>) or move the users into config.xml; then audit again.",
		References: chRefServer}
	chMergeRefused = &rule{ID: "clickhouse-config-merge-refused", Title: "ClickHouse refuses to merge an override file",
		Remediation: "Give the file the same root element as the main configuration (<clickhouse> or <yandex>), or move " +
			"it out of the override directory: with it there the server does not start, and a reload keeps the old " +
			"configuration.",
		References: []string{"https://clickhouse.com/docs/en/operations/configuration-files"}}
	chSubstituted = &rule{ID: "clickhouse-value-not-visible", Title: "ClickHouse setting comes from the environment or ZooKeeper",
		Remediation: "Check the value at its source: the audit cannot see environment variables or ZooKeeper nodes.",
		References:  []string{"https://clickhouse.com/docs/en/operations/configuration-files"}}
)

// chServer is what the server configuration says about network exposure.
type chServer struct {
	cfg    *chConfig
	listen exposure
	// listenNode is the listen_host that gives listen (nil for the default, localhost).
	listenNode *Node
	partial    bool
}

func analyseCHServer(cfg *chConfig, partial bool) *chServer {
	s := &chServer{cfg: cfg, listen: expLocal, partial: partial}
	hosts := cfg.Root.All("listen_host")
	if len(hosts) > 0 {
		s.listen = expNone
	}
	for _, h := range hosts {
		if h.Subst != "" {
			// Unknown: judged off this host for severities, never claimed to be a wildcard.
			s.listen = max(s.listen, expPrivate)
			continue
		}
		if e := listenExposure(h.Value()); e > s.listen || s.listenNode == nil {
			s.listen, s.listenNode = max(e, s.listen), h
		}
	}
	return s
}

func (s *chServer) port(name string) *Node {
	n := s.cfg.Root.Child(name)
	if n == nil || (n.Value() == "" && n.Subst == "") {
		return nil
	}
	return n
}

// chUser is one user of users.xml with what the audit needs to judge it.
type chUser struct {
	name     string
	node     *Node
	noPass   bool   // an empty password, or <no_password/>
	missing  bool   // no authentication element at all
	refused  string // why the server refuses the user at load, or ""
	passNode *Node  // <password> (plain text), when present
	plain    string // its value, for the plaintext check
	nets     exposure
	netNode  *Node // the entry that opens it widest, or <networks>, or the user
	netsMiss bool
	// deadNets are entries that match no client (<ip>::</ip>).
	deadNets []*Node
	// netsUnknown: a fragment audited alone that leaves networks to the file it overrides.
	netsUnknown bool
	profile     string
	readonly    bool
	profNode    *Node
	access      *Node // access_management=1
}

// authElements are the ways a user authenticates, one of which UsersConfigAccessStorage
// requires (src/Access/UsersConfigAccessStorage.cpp, parseUserAuthMethod): with none, or
// more than one, the user — and on 23.x+ the whole users file — is refused at load.
var authElements = []string{"password", "password_sha256_hex", "password_double_sha1_hex", "password_scram_sha256_hex",
	"password_bcrypt_hash", "no_password", "ldap", "kerberos", "ssl_certificates", "ssh_keys", "http_authentication"}

// authMethods lists the authentication elements of a user (or of one <auth_methods>
// entry).
func authMethods(n *Node) []*Node {
	var out []*Node
	for _, name := range authElements {
		out = append(out, n.All(name)...)
	}
	return out
}

// judgeAuth reads how a user authenticates: flat elements, or <auth_methods> with one
// method per entry (24.x+). why is set when the server refuses the user.
func judgeAuth(cu *chUser, u *Node, partial bool, allowNoPassword, allowPlaintext bool) {
	var methods []*Node
	if am := u.Child("auth_methods"); am != nil {
		if flat := authMethods(u); len(flat) > 0 {
			cu.refused = fmt.Sprintf("both <auth_methods> and <%s> are set", flat[0].Name)
			return
		}
		for _, entry := range am.Children {
			m := authMethods(entry)
			if len(m) != 1 {
				cu.refused = fmt.Sprintf("<auth_methods><%s> must hold exactly one authentication method, not %d", entry.Name, len(m))
				return
			}
			methods = append(methods, m[0])
		}
		if len(methods) == 0 {
			cu.refused = "<auth_methods> holds no authentication method"
			return
		}
	} else {
		methods = authMethods(u)
		switch {
		case len(methods) == 0 && partial:
			return // set in a file this fragment overrides
		case len(methods) == 0:
			cu.refused, cu.missing = "it has no authentication element (password, password_sha256_hex, no_password, …)", true
			return
		case len(methods) > 1:
			cu.refused = fmt.Sprintf("it has more than one authentication element (<%s> and <%s>)", methods[0].Name, methods[1].Name)
			return
		}
	}
	for _, m := range methods {
		switch m.Name {
		case "no_password":
			if len(methods) > 1 {
				cu.refused = "no_password cannot be combined with other authentication methods"
				return
			}
			if !allowNoPassword {
				cu.refused = "allow_no_password is off in the server configuration"
				return
			}
			cu.noPass = true
		case "password":
			if !allowPlaintext {
				cu.refused = "allow_plaintext_password is off in the server configuration"
				return
			}
			cu.passNode = m
			switch {
			case m.Subst != "":
			case m.Value() == "":
				cu.noPass = true // an empty plaintext password: logging in with none works
			default:
				cu.plain = m.Value()
			}
		}
	}
}

func analyseCHUsers(cfg *chConfig, server *chConfig, defaultProfile string, partial bool) []*chUser {
	var out []*chUser
	users := cfg.Root.Child("users")
	profiles := cfg.Root.Child("profiles")
	allowNoPassword, allowPlaintext := true, true
	if server != nil {
		if n := server.Root.Child("allow_no_password"); n != nil && n.Subst == "" && !truthy(n.Value()) {
			allowNoPassword = false
		}
		if n := server.Root.Child("allow_plaintext_password"); n != nil && n.Subst == "" && !truthy(n.Value()) {
			allowPlaintext = false
		}
	}
	for _, u := range users.allChildren() {
		cu := &chUser{name: u.Name, node: u}
		judgeAuth(cu, u, partial, allowNoPassword, allowPlaintext)
		if cu.refused != "" {
			out = append(out, cu)
			continue
		}

		// Networks.
		nets := u.Child("networks")
		switch {
		case nets == nil && partial:
			// Set in a file this fragment overrides: judged as reachable, never as open.
			cu.nets, cu.netNode, cu.netsUnknown = expPrivate, u, true
		case nets == nil:
			cu.nets, cu.netNode, cu.netsMiss = expWorld, u, true
		case nets.Subst != "":
			cu.nets, cu.netNode = expNone, nets // unknown; judged at its source
		default:
			cu.nets, cu.netNode = expNone, nets
			for _, e := range nets.Children {
				if unspecifiedHost(e) {
					cu.deadNets = append(cu.deadNets, e)
				}
				x := networkEntryExposure(e)
				if x > cu.nets {
					cu.nets, cu.netNode = x, e
				}
			}
		}

		// Profile and its readonly setting.
		cu.profile = defaultProfile
		if p := u.Child("profile"); p != nil && p.Value() != "" {
			cu.profile, cu.profNode = p.Value(), p
		}
		if ro := profileSetting(profiles, cu.profile, "readonly", 0); ro != "" && ro != "0" {
			cu.readonly = true
		}
		if onlySelectGrants(u.Child("grants")) {
			cu.readonly = true
		}
		if am := u.Child("access_management"); am != nil && truthy(am.Value()) {
			cu.access = am
		}
		out = append(out, cu)
	}
	return out
}

func (n *Node) allChildren() []*Node {
	if n == nil {
		return nil
	}
	return n.Children
}

// networkEntryExposure classifies one child of <networks>: <ip>, <host> or
// <host_regexp> (the server accepts any name starting so, like <ip1>).
func networkEntryExposure(e *Node) exposure {
	v := e.Value()
	switch {
	case e.Subst != "":
		return expPrivate
	case strings.HasPrefix(e.Name, "ip"):
		p, ok := parseNetwork(v)
		if !ok {
			return expNone // the server refuses to load an unparsable address
		}
		if unspecifiedHost(e) {
			return expNone
		}
		return prefixExposure(p)
	case strings.HasPrefix(e.Name, "host_regexp"):
		return hostRegexpExposure(v)
	case strings.HasPrefix(e.Name, "host"):
		if strings.EqualFold(v, "localhost") {
			return expLocal
		}
		return expPrivate
	}
	return expNone
}

// unspecifiedHost reports an <ip>::</ip> or <ip>0.0.0.0</ip>: a single address no client
// has, though it reads like "any address" (that is ::/0).
func unspecifiedHost(e *Node) bool {
	if !strings.HasPrefix(e.Name, "ip") {
		return false
	}
	p, ok := parseNetwork(e.Value())
	return ok && p.Bits() == p.Addr().BitLen() && p.Addr().Unmap().IsUnspecified()
}

// profileSetting resolves a setting through profile inheritance (<profile> elements
// inside a profile name its parents; the profile's own settings win, later parents over
// earlier ones).
func profileSetting(profiles *Node, name, setting string, depth int) string {
	p := profiles.Child(name)
	if p == nil || depth > 32 {
		return ""
	}
	if s := p.Child(setting); s != nil {
		return s.Value()
	}
	v := ""
	for _, parent := range p.All("profile") {
		if pv := profileSetting(profiles, parent.Value(), setting, depth+1); pv != "" {
			v = pv
		}
	}
	return v
}

// onlySelectGrants reports whether a user's SQL-style grants (20.x+) give reading only.
func onlySelectGrants(g *Node) bool {
	qs := g.All("query")
	if len(qs) == 0 {
		return false
	}
	for _, q := range qs {
		u := strings.ToUpper(strings.Join(strings.Fields(q.Value()), " "))
		if !strings.HasPrefix(u, "GRANT SELECT") && !strings.HasPrefix(u, "GRANT SHOW") {
			return false
		}
		if strings.Contains(u, "WITH GRANT OPTION") {
			return false
		}
	}
	return true
}

func truthy(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}

// clickhouseAudit judges a server configuration (may be nil) and a users configuration
// (may be nil). partial is set for override fragments audited on their own, where what a
// file leaves out may be set elsewhere.
func clickhouseAudit(c *collector, server, users *chConfig, partial bool) {
	var srv *chServer
	if server != nil {
		srv = analyseCHServer(server, partial)
	}
	defaultProfile := "default"
	if server != nil {
		if dp := server.Root.Child("default_profile"); dp != nil && dp.Value() != "" {
			defaultProfile = dp.Value()
		}
	}
	var us []*chUser
	if users != nil {
		us = analyseCHUsers(users, server, defaultProfile, partial)
	}
	listenNote := ""
	if srv != nil && !srv.listen.nonLocal() {
		listenNote = " The server listens on this host only (listen_host), so today the door opens to local processes; " +
			"a listen_host change, a port forward or a proxy opens it to the network."
	}

	openNoPass := false
	for _, u := range us {
		if u.refused != "" {
			c.add(chUserRefused, finding.Low, u.node.Pos,
				fmt.Sprintf("user %q is refused when the server loads its users: %s. Nobody logs in as it; on 23.x+ the "+
					"whole users file is refused with it, so the server keeps its previous users (or does not start).", u.name, u.refused),
				fmt.Sprintf("users.%s: %s", u.name, u.refused))
			continue
		}
		for _, e := range u.deadNets {
			c.add(chDeadNetwork, finding.Info, e.ValuePos(),
				fmt.Sprintf("user %q: <%s>%s</%s> is the single address %s, which no client has; it does not mean "+
					"\"any address\" (that would be ::/0, which should not be used either).", u.name, e.Name, e.Value(), e.Name, e.Value()),
				fmt.Sprintf("users.%s.networks.%s=%s", u.name, e.Name, e.Value()))
		}
		if u.nets == expNone {
			continue // nobody can log in as this user
		}
		who := fmt.Sprintf("user %q", u.name)
		if u.noPass {
			if u.nets.nonLocal() {
				openNoPass = true
			}
			sev := finding.Medium
			switch u.nets {
			case expWorld, expPublic:
				sev = finding.Critical
			case expPrivate:
				sev = finding.High
			}
			pos := u.node.Pos
			how := "has an empty <password>"
			switch {
			case u.passNode == nil:
				how = "is declared <no_password/>"
			default:
				pos = u.passNode.ValuePos()
			}
			reach := fmt.Sprintf("is accepted from %s (%s)", u.nets, netsWhere(u))
			if u.netsUnknown {
				reach = "its <networks> are set outside this file"
			}
			c.add(chNoPassword, sev, pos,
				fmt.Sprintf("%s %s and %s.%s", who, how, reach, noteIf(u.nets.nonLocal(), listenNote)),
				fmt.Sprintf("users.%s: password empty; networks: %s", u.name, netsEvidence(u)))
		}
		if u.nets >= expPublic {
			sev := finding.Medium
			if u.noPass {
				sev = finding.High
			}
			pos := u.netNode.ValuePos()
			if u.netNode == u.node {
				pos = u.node.Pos
			}
			detail := fmt.Sprintf("%s is accepted from %s: %s.", who, u.nets, netsWhere(u))
			if u.netsMiss {
				detail = fmt.Sprintf("%s has no <networks>: 20.x+ servers accept it from any address (18.x refuse it).", who)
			}
			if !u.noPass {
				detail += " Its password is the only barrier, open to guessing from anywhere."
			}
			c.add(chOpenNetworks, sev, pos, detail+listenNote, fmt.Sprintf("users.%s.networks: %s", u.name, netsEvidence(u)))
		}
		if u.plain != "" {
			c.addSecret(chPlaintextPassword, finding.Medium, u.passNode.ValuePos(),
				fmt.Sprintf("%s's password is written in clear in %s: whoever reads the file (and its backups) can log in.", who, u.passNode.ValuePos().File),
				fmt.Sprintf("users.%s.password", u.name), u.plain)
		}
		// A fragment that sets neither the profile nor its settings says nothing about them.
		profileKnown := !partial || (u.profNode != nil && users.Root.Path("profiles/"+u.profile) != nil)
		if u.noPass && !u.readonly && profileKnown {
			sev := finding.Medium
			if u.nets.nonLocal() {
				sev = finding.High
			}
			pos := u.node.Pos
			if u.profNode != nil {
				pos = u.profNode.ValuePos()
			}
			c.add(chWritableNoPassword, sev, pos,
				fmt.Sprintf("%s needs no password and its profile %q does not set readonly: anyone it admits can write, "+
					"drop tables, change settings and call url(), file() and remote().", who, u.profile),
				fmt.Sprintf("users.%s.profile: %s (readonly unset)", u.name, u.profile))
		}
		if u.access != nil {
			// Administrators need it; what matters is who can reach such an account.
			sev := finding.Low
			switch {
			case u.noPass:
				sev = finding.High
			case u.nets >= expPublic:
				sev = finding.Medium
			}
			c.add(chAccessManagement, sev, u.access.ValuePos(),
				fmt.Sprintf("%s may create users, roles and grants with SQL.", who),
				fmt.Sprintf("users.%s.access_management: %s", u.name, u.access.Value()))
		}
	}

	if srv != nil {
		serverChecks(c, srv, openNoPass)
	}
	for _, cfg := range []*chConfig{server, users} {
		if cfg == nil {
			continue
		}
		for _, r := range cfg.Refused {
			c.add(chMergeRefused, finding.Medium, r.Pos,
				fmt.Sprintf("%s has the root element <%s>, but %s has <%s>: the server refuses to merge it (\"Root element "+
					"doesn't have the corresponding root element as the config file\"), so it does not start with this "+
					"configuration and a reload keeps the old one. The rest is audited without that file.",
					r.Path, r.Root, cfg.Path, cfg.Root.Name),
				"root <"+r.Root+"> in "+filepath.Base(r.Path))
		}
		if cfg.IncludeMissing {
			c.add(chIncludeMissing, finding.Info, cfg.IncludeFromPos,
				fmt.Sprintf("include_from names %s, which does not exist; the server would refuse to start with it, and "+
					"substitutions (incl=\"…\") it provides are not applied here.", cfg.IncludeFrom), "include_from: "+cfg.IncludeFrom)
		}
		for _, n := range cfg.Notes {
			if n.Kind == "from_env" || n.Kind == "from_zk" {
				c.add(chSubstituted, finding.Info, n.Pos,
					fmt.Sprintf("This element's content comes from %s %q, which the audit cannot read.", n.Kind, n.Name),
					n.Kind+"="+n.Name)
			}
		}
		if server != nil && users == server {
			break
		}
	}
}

func noteIf(cond bool, note string) string {
	if cond {
		return note
	}
	return ""
}

func netsWhere(u *chUser) string {
	if u.netsUnknown {
		return "networks set outside this file"
	}
	if u.netsMiss {
		return "no <networks> element"
	}
	if u.netNode == nil {
		return "?"
	}
	return "<" + u.netNode.Name + ">" + u.netNode.Value() + "</" + u.netNode.Name + ">"
}

func netsEvidence(u *chUser) string {
	if u.netsUnknown {
		return "(not in this file)"
	}
	if u.netsMiss {
		return "(missing)"
	}
	nets := u.node.Child("networks")
	var parts []string
	for _, e := range nets.allChildren() {
		parts = append(parts, e.Name+"="+e.Value())
	}
	if len(parts) == 0 {
		return "(empty)"
	}
	return strings.Join(parts, ", ")
}

func serverChecks(c *collector, s *chServer, openNoPass bool) {
	root := s.cfg.Root
	http, tcp := s.port("http_port"), s.port("tcp_port")
	https, tcps := s.port("https_port"), s.port("tcp_port_secure")
	exposed := s.listen.nonLocal()

	if s.listen == expWorld && s.listenNode != nil && (http != nil || tcp != nil) && https == nil && tcps == nil {
		sev := finding.Medium
		if openNoPass {
			sev = finding.High
		}
		var plain []string
		for _, p := range []*Node{http, tcp} {
			if p != nil {
				plain = append(plain, p.Name+"="+p.Value())
			}
		}
		c.add(chListenPlaintext, sev, s.listenNode.ValuePos(),
			fmt.Sprintf("listen_host %s accepts connections on every interface, on plain ports only (%s): passwords and "+
				"query results cross the network in clear.", s.listenNode.Value(), strings.Join(plain, ", ")),
			fmt.Sprintf("listen_host=%s %s; https_port and tcp_port_secure off", s.listenNode.Value(), strings.Join(plain, " ")))
	}

	if p := s.port("interserver_http_port"); p != nil && !s.partial && root.Child("interserver_http_credentials") == nil {
		sev := finding.Low
		if exposed {
			sev = finding.Medium
		}
		c.add(chInterserver, sev, p.ValuePos(),
			fmt.Sprintf("interserver_http_port %s serves data parts to replicas with no credentials: whoever reaches it "+
				"can download table data.", p.Value()),
			"interserver_http_port="+p.Value()+"; interserver_http_credentials unset")
	}

	if !s.partial && root.Child("remote_url_allow_hosts") == nil {
		sev := finding.Low
		if exposed || openNoPass {
			sev = finding.Medium
		}
		c.add(chRemoteURL, sev, root.Pos,
			"No <remote_url_allow_hosts>: any user allowed to run url(), s3() or create URL tables can make the server "+
				"request any address it reaches (cloud metadata, internal services).",
			"remote_url_allow_hosts unset")
	}

	for _, name := range []string{"mysql_port", "postgresql_port"} {
		if p := s.port(name); p != nil {
			sev := finding.Low
			if exposed {
				sev = finding.Medium
			}
			c.add(chCompatPort, sev, p.ValuePos(),
				fmt.Sprintf("%s %s accepts ClickHouse's users through the %s wire protocol.", name, p.Value(),
					strings.TrimSuffix(name, "_port")), name+"="+p.Value())
		}
	}

	ssl := root.Child("openSSL")
	if cl := ssl.Child("client"); cl != nil {
		vm := cl.Child("verificationMode")
		handler := cl.Path("invalidCertificateHandler/name")
		switch {
		case vm != nil && strings.EqualFold(vm.Value(), "none"):
			c.add(chTLSClientNoVerify, finding.Medium, vm.ValuePos(),
				"openSSL/client/verificationMode none: connections the server makes (remote(), url(), dictionaries, "+
					"replication over TLS) accept any certificate, so anyone on the path can impersonate the peer.",
				"openSSL.client.verificationMode=none")
		case handler != nil && strings.EqualFold(handler.Value(), "AcceptCertificateHandler"):
			c.add(chTLSClientNoVerify, finding.Medium, handler.ValuePos(),
				"openSSL/client/invalidCertificateHandler AcceptCertificateHandler accepts certificates that fail "+
					"verification.", "openSSL.client.invalidCertificateHandler.name=AcceptCertificateHandler")
		}
	}
	if sv := ssl.Child("server"); sv != nil {
		if vm := sv.Child("verificationMode"); vm != nil && strings.EqualFold(vm.Value(), "none") {
			c.add(chTLSServerNoVerify, finding.Info, vm.ValuePos(),
				"openSSL/server/verificationMode none: TLS clients are not asked for certificates; passwords are "+
					"their only authentication.", "openSSL.server.verificationMode=none")
		}
	}
}
