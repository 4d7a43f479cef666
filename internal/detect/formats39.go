package detect

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"strings"
	"unicode/utf16"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Credentials of configuration files whose layout is documented, read where each
// format's documentation puts them. Where a format stores the value encoded (FileZilla's
// base64, Group Policy Preferences' AES with the key Microsoft published), the value is
// decoded only to judge it; what is reported is the value as the file holds it.
var formats39Tokens = []tk{
	// FileZilla's sitemanager.xml and recentservers.xml keep a saved password as
	// <Pass encoding="base64">…</Pass> (FileZilla 3.26 on): base64 of the password.
	{id: "filezilla-password", title: "FileZilla saved password (base64)", provider: "FileZilla", sev: finding.High, prio: prioContext,
		re: `<Pass encoding="base64">([A-Za-z0-9+/]{4,344}={0,2})</Pass>`, group: 1, check: fileZillaPass, bodyOK: judged,
		rem: "Change the password of that server account, then remove the saved site (or the file) from where it was exposed.",
		ex:  []string{`<User>webmaster</User>\n<Pass encoding="base64">R3g2IXJQejlLcTNtV3Q=</Pass>`, `<Pass encoding="base64">VnQzI25LdzhacTVwTHI=</Pass>`},
		nex: []string{`<Pass encoding="base64">YW5vbnltb3VzQA==</Pass>`, `<Pass encoding="base64">cGFzc3dvcmQ=</Pass>`, `<Pass encoding="base64">!!!</Pass>`}},
	// Group Policy Preferences (Groups.xml, Services.xml, ScheduledTasks.xml,
	// DataSources.xml, Drives.xml) store a password as cpassword: AES-256-CBC under the
	// key Microsoft published in [MS-GPPREF] 2.2.1.1.4, so anyone can read it back.
	{id: "gpp-cpassword", title: "Group Policy Preferences password (cpassword)", provider: "Windows (GPP)", sev: finding.Critical, prio: prioSpecific,
		re: `cpassword="([A-Za-z0-9+/]{22,512}={0,2})"`, group: 1, check: gppPassword, bodyOK: judged,
		rem: "The key of cpassword is public: change that account's password now, delete the preference item, and use LAPS instead.",
		ex:  []string{`<Properties action="U" cpassword="j1Uyj3Vx8TY9LtLZil2uAuZkFQA/4latT76ZwgdHdhw" userName="LocalAdmin"/>`},
		nex: []string{`<Properties action="U" cpassword="" userName="Guest"/>`, `cpassword="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"`}},
	// OpenVPN's shared key for --secret, --tls-auth and --tls-crypt: sixteen lines of
	// 32 hex digits between its own armour lines (openvpn --genkey).
	{id: "openvpn-static-key", title: "OpenVPN static key (tls-auth / tls-crypt / secret)", provider: "OpenVPN", sev: finding.High, prio: prioSpecific,
		re:    `-----BEGIN OpenVPN Static key V1-----\r?\n((?:[0-9a-fA-F]{32}\r?\n){16})-----END OpenVPN Static key V1-----`,
		group: 1, bodyOK: openVPNKeyBody,
		rem: "Generate a new static key (openvpn --genkey), deploy it to the server and every client, and remove the exposed copy.",
		ex:  []string{"-----BEGIN OpenVPN Static key V1-----\n{h:32}\n{h:32}\n{h:32}\n{h:32}\n{h:32}\n{h:32}\n{h:32}\n{h:32}\n{h:32}\n{h:32}\n{h:32}\n{h:32}\n{h:32}\n{h:32}\n{h:32}\n{h:32}\n-----END OpenVPN Static key V1-----"},
		nex: []string{"-----BEGIN OpenVPN Static key V1-----\n" + strings.Repeat("00000000000000000000000000000000\n", 16) + "-----END OpenVPN Static key V1-----",
			"-----BEGIN OpenVPN Static key V1-----\n" + strings.Repeat("{h:32}\n", 8) + "-----END OpenVPN Static key V1-----"}},
	// OpenVPN 2.6 takes the auth-user-pass file inline: the user on the first line, the
	// password on the second.
	{id: "openvpn-inline-password", title: "OpenVPN inline auth-user-pass password", provider: "OpenVPN", sev: finding.High, prio: prioContext,
		re: `<auth-user-pass>\r?\n[^\r\n<]{1,128}\r?\n([^\r\n<]{1,128})\r?\n</auth-user-pass>`, group: 1, check: formatPassword, bodyOK: judged,
		rem: "Change the VPN account's password and remove it from the profile.",
		ex:  []string{"<auth-user-pass>\njmarsh\nBirch!Canyon4410\n</auth-user-pass>"},
		nex: []string{"<auth-user-pass>\nuser\npassword\n</auth-user-pass>", "<auth-user-pass>\njmarsh\n</auth-user-pass>"}},
	// Subversion's auth cache (~/.subversion/auth/svn.simple/<md5>) is a hash dump:
	// "K <len>", the key, "V <len>", the value; passtype "simple" keeps the password so.
	{id: "svn-cached-password", title: "Subversion cached password (svn.simple)", provider: "Subversion", sev: finding.High, prio: prioContext,
		re: `K 8\r?\npassword\r?\nV [0-9]{1,3}\r?\n([^\r\n]{1,256})`, group: 1, check: formatPassword, bodyOK: judged,
		rem: "Change the repository account's password and delete the auth cache (or set store-plaintext-passwords = no).",
		ex:  []string{"K 8\npasstype\nV 6\nsimple\nK 8\npassword\nV 14\nTq3#mWz8Lk5xRp\nK 15\n"},
		nex: []string{"K 8\npassword\nV 8\npassword\n", "K 8\npassword\nV 10\n<password>\n"}},
	// Grafana's ini: "If the password contains # or ; you have to wrap it with triple
	// quotes" (grafana.ini, [database] password).
	{id: "grafana-ini-password", title: "Grafana configuration password (triple-quoted)", provider: "Grafana", sev: finding.High, prio: prioContext,
		re: `password[ \t]*=[ \t]*"""([^"\r\n]{1,128})"""`, lits: []string{`password = """`, `password="""`}, group: 1, check: formatPassword,
		rem: "Change that password in the database or service it opens, and keep it in an environment variable or a secret store.",
		ex:  []string{"[database]\ntype = postgres\npassword = \"\"\"Lx5#qWz9Tm2kRp\"\"\"\n"},
		nex: []string{`password = """"""`, `password = """$__env{GF_DB_PASSWORD}"""`}},
	// Redis Sentinel: "sentinel auth-pass <master-name> <password>" and
	// "sentinel sentinel-pass <password>" (sentinel.conf).
	{id: "redis-sentinel-password", title: "Redis Sentinel password", provider: "Redis", sev: finding.High, prio: prioContext,
		re: `sentinel (?:auth-pass [A-Za-z0-9._-]{1,64}|sentinel-pass) ([^\s"']{1,128})`, lits: []string{"sentinel auth-pass ", "sentinel sentinel-pass "},
		group: 1, check: sentinelPass, left: uncommentedLine,
		rem: "Change the password of the Redis master (requirepass / masterauth) and of the sentinels, then remove it from the exposed file.",
		ex:  []string{"sentinel monitor mymaster 10.0.0.5 6379 2\nsentinel auth-pass mymaster Tk6#pLq2Wz8mXv\n", "sentinel sentinel-pass Qz7!mWt3Lk9x"},
		nex: []string{"sentinel auth-pass mymaster <password>", "sentinel auth-pass mymaster foobared",
			"# sentinel auth-pass mymaster Tk6#pLq2Wz8mXv", "sentinel auth-pass mymaster MySUPER--secret-0123passw0rd"}},
	// Oracle's thin JDBC URL may carry the credentials: jdbc:oracle:thin:USER/PASSWORD@…
	{id: "oracle-jdbc-password", title: "Password in an Oracle JDBC thin URL", provider: "Oracle Database", sev: finding.High, prio: prioContext,
		re: `jdbc:oracle:thin:[A-Za-z0-9_$#]{1,30}/([^@\s"'/]{1,64})@`, group: 1, check: formatPassword, bodyOK: judged,
		rem: "Change that database user's password and take the credentials out of the URL.",
		ex:  []string{`jdbc.url=jdbc:oracle:thin:scott/Tg8#mWq2Lz5kXp@//ora01.example.com:1521/ORCL`},
		nex: []string{`jdbc:oracle:thin:scott/${DB_PASSWORD}@//db:1521/X`, `jdbc:oracle:thin:user/password@host:1521:sid`}},
	// Composer's auth.json: "bearer" and "github-oauth" map a host to its token
	// (getcomposer.org, "Authentication for privately hosted packages").
	{id: "composer-auth-token", title: "Composer auth.json token", provider: "Composer", sev: finding.High, prio: prioContext,
		re: `"(?:bearer|github-oauth)"\s*:\s*\{\s*"[A-Za-z0-9.:-]{1,128}"\s*:\s*"([A-Za-z0-9._~+/=-]{16,256})"`, lits: []string{`"bearer"`, `"github-oauth"`},
		group: 1, check: composerToken,
		rem: "Revoke the token at the repository host and issue a new one; keep auth.json out of version control.",
		ex:  []string{`{"bearer": {"satis.example.com": "dY2YWoZYWwuI0s5ykGU4MPQqrm4xJrzV"}}`},
		nex: []string{`{"bearer": {"satis.example.com": "your-token-here-xxxxxxxxxx"}}`,
			`"bearer": {"repo.example.org": "sha512-UnJ3MkVFQUVXak41SFFNTDg3bmV5emVCUDJGZ1l6TmsxRnJlUnV1dkZmbUpjWGRPQUNlSWptc09ZaUJBampTNQ=="}`,
			`"bearer": {"repo.example.org": "8614a6fc-3e7a-45b9-b61b-43e9851f3687"}`}},
	// Terraform's random_password: "result (String, Sensitive)" is the password itself,
	// in plain text in the state. Below the generic rule: where the state lists the
	// attribute as sensitive, the sensitive-attribute reader reports it already.
	{id: "terraform-random-password", title: "Terraform random_password result in state", provider: "Terraform", sev: finding.High, prio: prioGeneric - 5,
		re:   `"type"\s*:\s*"random_password"[\s\S]{0,600}?"attributes"\s*:\s*\{[^{}]{0,1000}?"result"\s*:\s*"((?:[^"\\]|\\.){6,256})"`,
		lits: []string{`"random_password"`}, back: 12, group: 1, check: tfRandomResult, bodyOK: judged,
		rem: "Rotate the password where it is used (taint or replace the random_password), and keep the state in an encrypted, access-controlled backend.",
		ex:  []string{`{"mode": "managed", "type": "random_password", "name": "x", "instances": [{"attributes": {"length": 16, "result": "g7K!pW2z#Qx9Lm4v", "special": true}}]}`},
		nex: []string{`{"type": "random_password", "instances": [{"attributes": {"result": "xxxxxxxx"}}]}`}},
	// Magento 2's app/etc/env.php: 'crypt' => ['key' => '…'], the key its encrypted
	// configuration values are read with.
	{id: "magento-crypt-key", title: "Magento encryption key (env.php crypt key)", provider: "Magento", sev: finding.Critical, prio: prioContext,
		re: `'crypt'\s*=>\s*(?:\[|array\s*\()\s*'key'\s*=>\s*'([A-Za-z0-9:+/=_-]{16,256})'`, lits: []string{`'crypt'`},
		group: 1,
		rem:   "Generate a new encryption key (bin/magento encryption:key:change), re-encrypt stored values, and remove the exposed env.php.",
		ex:    []string{"'crypt' => [\n    'key' => 'b7e4f1a9c3d8e2f6a0b5c9d4e8f2a7c1'\n],"},
		nex:   []string{"'crypt' => [\n    'key' => 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'\n],"}},
	// Cisco IOS named servers: "radius server NAME" and "tacacs server NAME" take the
	// shared key on a "key [0|7] VALUE" line of their block.
	{id: "cisco-aaa-server-key", title: "Cisco RADIUS/TACACS+ server key", provider: "Cisco IOS", sev: finding.High, prio: prioContext,
		re:   `(?:radius|tacacs) server [A-Za-z0-9._-]{1,64}[ \t]*\r?\n(?:[ \t]+[^\r\n]{0,100}\r?\n){0,6}?[ \t]+key (?:[07] )?([^\s"]{1,128})`,
		lits: []string{"radius server ", "tacacs server "}, group: 1, check: formatPassword,
		rem: "Change the shared key on the AAA server and on every device that uses it.",
		ex:  []string{"radius server corp\n address ipv4 10.0.5.5 auth-port 1812\n key Rd9#mPq2Lw\n"},
		nex: []string{"radius server corp\n key <key>\n"}},
	// Junos keeps secrets (RADIUS/TACACS secrets, authentication keys, pre-shared keys)
	// as "$9$…": a reversible encoding, so the value is the secret.
	{id: "juniper-type9-secret", title: "Juniper $9$ (reversible) secret", provider: "Juniper Junos", sev: finding.High, prio: prioSpecific,
		re: `"(\$9\$[A-Za-z0-9./-]{6,256})"`, lits: []string{`"$9$`}, group: 1, check: junosNine, bodyOK: judged,
		rem: "A $9$ value decodes to the secret: change it on this device and its peers.",
		ex:  []string{`secret "$9$Hk5FCtpOBEyrvEyKM8dbs2gJDk.fTz6/";`},
		nex: []string{`secret "$9$";`, `"$9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM"`}},
	// RouterOS: a wireless security profile's "wpa-pre-shared-key=" / "wpa2-pre-shared-key="
	// and the v7 wifi package's "passphrase=".
	{id: "mikrotik-wifi-psk", title: "MikroTik Wi-Fi pre-shared key", provider: "MikroTik RouterOS", sev: finding.High, prio: prioContext,
		re: `wpa2?-pre-shared-key="?([^\s"]{8,63})`, lits: []string{"wpa-pre-shared-key=", "wpa2-pre-shared-key="}, group: 1, check: quotedFormatPassword,
		rem: "Change the Wi-Fi passphrase and remove it from the exported configuration.",
		ex:  []string{`add authentication-types=wpa2-psk mode=dynamic-keys name=office wpa2-pre-shared-key=Pine-Harbor-6620`, `set office wpa-pre-shared-key="Pine-Harbor-6620" wpa2-pre-shared-key="Pine-Harbor-6620"`},
		nex: []string{`wpa2-pre-shared-key=""`, `wpa2-pre-shared-key=$wifiKey`}},
	// FreeRADIUS clients.conf: "client NAME { ipaddr = … secret = … }", the shared
	// secret of a NAS; the address every client must have anchors the read.
	// "testing123" is the secret of the shipped localhost client.
	{id: "freeradius-client-secret", title: "FreeRADIUS client shared secret", provider: "FreeRADIUS", sev: finding.High, prio: prioContext,
		re:   `client [A-Za-z0-9._:/-]{1,64}[ \t]*\{[^{}]{0,200}?\bip(?:v[46])?addr[ \t]*=[^{}]{0,400}?\bsecret[ \t]*=[ \t]*"?([^\s"#]{1,128})`,
		lits: []string{"ipaddr", "ipv4addr", "ipv6addr"}, back: 280, group: 1, check: radiusSecret,
		rem: "Change the shared secret on the RADIUS server and on that client (NAS).",
		ex:  []string{"client wifi-controller {\n\tipaddr = 10.2.0.5\n\tsecret = Sx7Lq2Wm9Tz4Kp\n}"},
		nex: []string{"client localhost {\n\tipaddr = 127.0.0.1\n\tsecret = testing123\n}"}},
	// Asterisk sip.conf: a peer, user or friend's "secret=" is its SIP password.
	{id: "asterisk-sip-secret", title: "Asterisk SIP peer secret", provider: "Asterisk", sev: finding.High, prio: prioContext,
		re:   `type[ \t]*=[ \t]*(?:friend|peer|user)[ \t]*\r?\n(?:[^\[\r\n][^\r\n]{0,100}\r?\n){0,8}?secret[ \t]*=[ \t]*([^\s;]{1,128})`,
		lits: []string{"type=friend", "type=peer", "type=user", "type = friend", "type = peer", "type = user"}, group: 1, check: formatPassword,
		rem: "Change the SIP secret of that extension or trunk; exposed SIP credentials are used for toll fraud.",
		ex:  []string{"[1001]\ntype=friend\nhost=dynamic\nsecret=Pv6Lm2Wq8Tz\n"},
		nex: []string{"[1001]\ntype=friend\nsecret=<secret>\n"}},
	// Junos: "snmp { community NAME { authorization read-only; } }": the community
	// name is the SNMPv1/v2c password.
	{id: "juniper-snmp-community", title: "Juniper SNMP community string", provider: "Juniper Junos", sev: finding.Medium, prio: prioContext,
		re: `community ([^\s{};"]{4,64}) \{[ \t]*\r?\n[ \t]*authorization read-(?:only|write);`, group: 1, check: snmpCommunity, bodyOK: judged,
		rem: "Change the community (better: move to SNMPv3 with authentication and privacy) on the device and its pollers.",
		ex:  []string{"snmp {\n    community Mz4kQw8tLp {\n        authorization read-only;\n    }\n}"},
		nex: []string{"snmp {\n    community public {\n        authorization read-only;\n    }\n}"}},
	// HAR 1.2 (the HTTP Archive browsers export) lists each request's headers as
	// {"name": …, "value": …}: a Cookie (or Set-Cookie) header's session cookie is a
	// login whoever holds the file can replay. Below the generic rule, which reports
	// the same value where a key path names the cookie.
	{id: "har-session-cookie", title: "Session cookie in an HTTP Archive (HAR) header", provider: "web session", sev: finding.High, prio: prioGeneric - 5,
		re:   `"name"\s*:\s*"(?i:set-)?(?i:cookie)"\s*,\s*"value"\s*:\s*"(?:[^"]{0,400}?; ?)?[A-Za-z0-9_.-]{0,40}(?i:session|sid|auth|token)[A-Za-z0-9_.-]{0,40}=([A-Za-z0-9%._~+/=-]{16,512})`,
		lits: []string{`"Cookie"`, `"cookie"`, `"Set-Cookie"`, `"set-cookie"`}, back: 16, group: 1, check: harCookieValue, bodyOK: judged,
		rem: "Log the session out (or revoke it server-side) and delete or scrub the HAR file before sharing it.",
		ex: []string{"\"headers\": [\n  {\n    \"name\": \"Cookie\",\n    \"value\": \"sessionid=7f3a9c1e5b2d8f4a6c0e9b3d7f1a5c8e; _ga=GA1.2.123456789.1700000000\"\n  }\n]",
			"\"headers\": [\n  {\n    \"name\": \"set-cookie\",\n    \"value\": \"_ga=GA1.2.1; connect.sid=s%3AKq8Lm3Wx7Tz2Rp4Nv9Bs1Hd6; Path=/\"\n  }\n]"},
		nex: []string{`{"name": "Cookie", "value": "theme=dark; lang=en"}`, `{"name": "Cookie", "value": "sessionid=xxxxxxxxxxxxxxxxxxxxxxxx"}`}},
}

// judged stands in for the token body test of a rule whose check has judged the value
// already: the literal before a captured value is the format's, not an issuer prefix
// to cut from it.
func judged([]byte) bool { return true }

// fileZillaPass decodes FileZilla's base64 and judges the password it holds.
func fileZillaPass(v []byte) bool {
	dec, err := base64.StdEncoding.DecodeString(string(v))
	if err != nil || !formatPassword(dec) {
		return false
	}
	return !bytes.HasPrefix(bytes.ToLower(dec), []byte("anonymous"))
}

// gppKey is the AES-256 key of cpassword, published by Microsoft in [MS-GPPREF].
var gppKey = []byte{
	0x4e, 0x99, 0x06, 0xe8, 0xfc, 0xb6, 0x6c, 0xc9, 0xfa, 0xf4, 0x93, 0x10, 0x62, 0x0f, 0xfe, 0xe8,
	0xf4, 0x96, 0xe8, 0x06, 0xcc, 0x05, 0x79, 0x90, 0x20, 0x9b, 0x09, 0xa4, 0x33, 0xb6, 0x6c, 0x1b,
}

// gppDecrypt reads a cpassword back: base64 (its padding dropped), AES-256-CBC with a
// zero IV, PKCS#7 padding, UTF-16LE text.
func gppDecrypt(v []byte) (string, bool) {
	s := strings.TrimRight(string(v), "=")
	raw, err := base64.RawStdEncoding.DecodeString(s)
	if err != nil || len(raw) == 0 || len(raw)%aes.BlockSize != 0 {
		return "", false
	}
	blk, err := aes.NewCipher(gppKey)
	if err != nil {
		return "", false
	}
	out := make([]byte, len(raw))
	cipher.NewCBCDecrypter(blk, make([]byte, aes.BlockSize)).CryptBlocks(out, raw)
	pad := int(out[len(out)-1])
	if pad == 0 || pad > aes.BlockSize || pad > len(out) {
		return "", false
	}
	for _, b := range out[len(out)-pad:] {
		if int(b) != pad {
			return "", false
		}
	}
	out = out[:len(out)-pad]
	if len(out)%2 != 0 {
		return "", false
	}
	u := make([]uint16, len(out)/2)
	for i := range u {
		u[i] = uint16(out[2*i]) | uint16(out[2*i+1])<<8
	}
	return string(utf16.Decode(u)), true
}

// gppPassword accepts a cpassword that decrypts to a password.
func gppPassword(v []byte) bool {
	pw, ok := gppDecrypt(v)
	return ok && len(pw) > 0 && !isPlaceholder([]byte(pw))
}

// openVPNKeyBody rejects a key of one repeated line or of zeros.
func openVPNKeyBody(v []byte) bool {
	lines := bytes.Fields(v)
	if len(lines) == 0 {
		return false
	}
	distinct := map[string]bool{}
	for _, l := range lines {
		distinct[string(bytes.ToLower(l))] = true
	}
	return len(distinct) > 2
}

// tfRandomResult accepts the result of a random_password that is not a stand-in.
func tfRandomResult(v []byte) bool {
	return len(v) >= 6 && !isPlaceholder(v) && len(bytes.Trim(v, "x*")) > 0
}

// junosAlphabet is the alphabet of Junos' $9$ encoding.
const junosAlphabet = "QzF3n6/9CAtpu0OB1IREhcSyrleKvMW8LXx7N-dVbwsY2g4oaJZGUDjiHkq.mPf5T"

// junosNine accepts "$9$" and at least six characters of its alphabet.
func junosNine(v []byte) bool {
	if len(v) < 9 || !bytes.HasPrefix(v, []byte("$9$")) {
		return false
	}
	for _, c := range v[3:] {
		if strings.IndexByte(junosAlphabet, c) < 0 {
			return false
		}
	}
	return true
}

// quotedFormatPassword judges a value that may stand in double quotes.
func quotedFormatPassword(v []byte) bool {
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		v = v[1 : len(v)-1]
	}
	return formatPassword(v)
}

// formatPassword judges a value a format keeps in its password slot: what a form built
// for passwords holds (strongContextPassword), not a sealed or published value, not a
// number alone, and not one of the sample words configuration examples put there.
func formatPassword(v []byte) bool {
	if !strongContextPassword(v) || sealedOrPublic(v) || allDigits(v) {
		return false
	}
	switch strings.ToLower(string(v)) {
	case "guest", "admin", "administrator", "root", "user", "demo", "test", "test123", "ftp", "ftpuser",
		"anonymous", "public", "private", "default", "letmein", "qwerty", "qwerty123", "p@ssw0rd", "passw0rd":
		return false
	}
	return true
}

// sentinelPass refuses the example password of the sentinel.conf Redis ships
// ("sentinel auth-pass mymaster MySUPER--secret-0123passw0rd").
func sentinelPass(v []byte) bool {
	return string(v) != "MySUPER--secret-0123passw0rd" && formatPassword(v)
}

// uncommentedLine accepts a directive that starts its line (after blanks): the shipped
// configuration files document every directive in a comment line ("# sentinel
// auth-pass <master-name> <password>"), which sets nothing.
func uncommentedLine(data []byte, i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch data[j] {
		case ' ', '\t':
			continue
		case '\n', '\r':
			return true
		}
		return false
	}
	return true
}

// composerToken judges a value under composer's "bearer" or "github-oauth": a token,
// not a checksum ("sha512-…" of a lock file), a UUID naming something, or a stand-in.
func composerToken(v []byte) bool {
	for _, p := range []string{"sha1-", "sha256-", "sha384-", "sha512-"} {
		if bytes.HasPrefix(v, []byte(p)) {
			return false
		}
	}
	if len(v) == 36 && v[8] == '-' && v[13] == '-' && v[18] == '-' && v[23] == '-' {
		return false
	}
	return genericSecretValue(v) && !sealedOrPublic(v)
}

// radiusSecret judges a clients.conf secret; the shipped localhost client's
// "testing123" is the example every install starts with.
func radiusSecret(v []byte) bool {
	if bytes.Contains(v, []byte("testing123")) {
		return false
	}
	return quotedFormatPassword(v)
}

// snmpCommunity rejects the communities every device ships with.
func snmpCommunity(v []byte) bool {
	switch strings.ToLower(string(v)) {
	case "public", "private", "community", "secret":
		return false
	}
	return strongContextPassword(v)
}

// harCookieValue judges a session cookie's value as the cookie jar reader does.
func harCookieValue(v []byte) bool { return genericSecretValue(v) && !isPlaceholder(v) }
