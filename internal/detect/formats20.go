package detect

import (
	"bytes"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Credentials of device and subscriber provisioning files, named by their own formats'
// column and key names: a SIM card's subscriber key (Ki) and operator key (OPc) in a
// vendor's batch file or an Open5GS/pySim export, a LoRaWAN device's root and session
// keys in a ChirpStack or The Things Stack import, a LaunchDarkly SDK key in the relay
// proxy's configuration, and the password an Xtream Codes IPTV panel puts in every
// stream URL of an M3U playlist.
var formats20Tokens = []tk{
	// LaunchDarkly server-side SDK keys are "sdk-" and a UUID (docs.launchdarkly.com,
	// "Keys"); "mob-" mobile keys and client-side ids are public and left alone.
	{id: "launchdarkly-sdk-key", title: "LaunchDarkly server-side SDK key", provider: "LaunchDarkly", sev: finding.High,
		re:  `sdk-` + uuidRe,
		ctx: &ctxSpec{keys: []string{"sdk", "launchdarkly", "ld_", "ldrelay"}, near: []string{"launchdarkly", "ld-relay", "ldrelay"}},
		ex:  []string{`sdkKey = sdk-{uuid}`, `LD_SDK_KEY=sdk-{uuid}`, `  "launchDarklySdkKey": "sdk-{uuid}"`},
		nex: []string{`mobileKey = mob-{uuid}`, `request_id=sdk-{uuid}`, `sdkKey = sdk-{h:20}`}},
	// An Xtream Codes panel serves each stream at /live/USER/PASS/ID.ts (and /movie/,
	// /series/, /timeshift/): the playlist it hands out repeats the password on every
	// channel's line.
	{id: "xtream-codes-password", title: "IPTV (Xtream Codes) password in a stream URL", provider: "IPTV panel", sev: finding.High,
		re:    `/(?:live|movie|series)/[A-Za-z0-9._@%+-]{3,64}/([A-Za-z0-9._@%+!-]{4,64})/[0-9]{1,10}\.(?:ts|m3u8|mkv|mp4|avi)\b`,
		lits:  []string{"/live/", "/movie/", "/series/"},
		group: 1, noLeft: true, check: xtreamPass,
		ex: []string{`http://tv.example.cc:8080/live/FPTcFDohf7/dy9UbOTkIY/11044.ts`,
			`http://iptv.example.net:25461/movie/jan.novak/Kq82mZx1/4471.mkv`,
			`#EXTINF:-1,BBC\nhttps://x.example.org/series/user01/pa55Word/120.mp4`},
		nex: []string{`https://cdn.example.com/live/2024/0612/8812.ts`, `http://tv.example.cc/live/user/password/1.ts`,
			`/live/stream/index/1.m3u8`, `http://tv.example.cc:8080/live/demo/demo/1.ts`}},
	// The panel's API and playlist URLs carry the same credentials as query parameters
	// (get.php for the M3U, xmltv.php for the guide, player_api.php for apps): under
	// these the password is one whatever its shape, letters only included.
	{id: "xtream-codes-api-password", title: "IPTV (Xtream Codes) password in a panel API URL", provider: "IPTV panel", sev: finding.High,
		re:   `(?:get|xmltv|player_api|panel_api)\.php\?username=[^&\s"'<>]{1,64}&(?:amp;)?password=([^&\s"'<>#]{4,64})`,
		lits: []string{".php?username="}, back: 10,
		group: 1, check: xtreamPass,
		ex:  []string{`#EXTM3U url-tvg="http://cdn.example.me:25461/xmltv.php?username=zkwuBZyqprwH&password=TBJhOqSS" x-tvg-url=""`, `http://tv.example.cc:8080/get.php?username=FPTcFDohf7&password=dy9UbOTkIY&type=m3u_plus&output=ts`},
		nex: []string{`http://tv.example.cc:8080/get.php?username=demo&password=demo&type=m3u`, `/login.php?username=bob&password=`}},
	// A Salesforce session id (the access token of a session, what Data Loader's
	// sfdc.sessionId and a debug log hold): the 15-character org id, which starts 00D,
	// an exclamation mark and the session's own part.
	{id: "salesforce-session-id", title: "Salesforce session id (access token)", provider: "Salesforce", sev: finding.Critical,
		re:  `00D[A-Za-z0-9]{12}![A-Za-z0-9._]{80,200}`,
		ex:  []string{`00D{a:12}!AQ{k:94}`, `<entry key="sfdc.sessionId" value="00D{a:12}!{k:100}"/>`},
		nex: []string{`00D{a:12}!{k:30}`, `00X{a:12}!AQ{k:94}`}},
	// OFX direct-connect sign-on: the bank password in <USERPASS>, which OFX 1.x (SGML)
	// writes without a closing tag.
	{id: "ofx-user-password", title: "OFX sign-on password (USERPASS)", provider: "bank (OFX)", sev: finding.High,
		re: `<USERPASS>([^<>\s][^<>\r\n]{2,62}[^<>\s])`, group: 1, check: ofxPass,
		ex:  []string{"<SONRQ>\n<USERID>jan.novak\n<USERPASS>dh8JC%tkXzx!747\n<LANGUAGE>ENG", `<USERPASS>Ryhrzgy%9460</USERPASS>`},
		nex: []string{`<USERPASS>anonymous00000000000000000000000`, `<USERPASS>********`, `<USERPASS>{{password}}`}},
}

// ofxPass rejects the anonymous sign-on of OFX servers that need none and masks.
func ofxPass(v []byte) bool {
	l := strings.ToLower(string(v))
	if strings.HasPrefix(l, "anonymous") || strings.Trim(l, "*x") == "" || strings.ContainsAny(l, "{}$") {
		return false
	}
	return true
}

// xtreamPass rejects what sits in a stream path's password slot without being one:
// a date or counter (all digits), a placeholder word, a panel's demo line.
func xtreamPass(v []byte) bool {
	if allDigits(v) {
		return false
	}
	switch strings.ToLower(string(v)) {
	case "password", "pass", "passwd", "index", "stream", "playlist", "xxxx", "xxxxxx", "changeme",
		"demo", "test", "guest", "trial", "free", "user", "username":
		return false
	}
	return true
}

var formats20KV = []kv{
	// Matomo's [General] salt (config.ini.php, written by the installer as 32 hex
	// digits) keys its token and nonce hashes; the file says it is Matomo's (or Piwik's)
	// in its first lines, some way above.
	{id: "matomo-salt", title: "Matomo (Piwik) configuration salt", provider: "Matomo", sev: finding.High,
		keys: []string{"salt"}, keyOK: exactly("salt"), near: []string{"matomo", "piwik"}, nearAnyLine: true, nearDist: 2048,
		value: `[0-9a-f]{32}`, valueOK: simKeyValue,
		ex:  []string{"; file automatically generated or modified by Matomo\n[General]\nsalt = \"{h:32}\""},
		nex: []string{"[General]\nsalt = \"{h:32}\"", "; Matomo\n[General]\nsalt = \"{h:16}\""}},
	// Synapse (Matrix homeserver) secrets: generate-config writes 50 random characters
	// of letters, digits and punctuation (^ ~ ; : = .), which the generic rule's shapes
	// do not take as one token.
	{id: "synapse-secret", title: "Matrix homeserver secret (Synapse)", provider: "Matrix", sev: finding.High,
		keys: []string{"macaroon_secret_key", "form_secret", "registration_shared_secret"}, keyOK: synapseKey,
		value: `[!-~]{20,128}`, valueOK: synapseValue,
		ex:  []string{`macaroon_secret_key: "=3Awr^c:TJP4P;5IzpGeedNIz4xDbbN~FRtLhz7vpJQL^cWwxE"`, `form_secret: "{a:50}"`, `registration_shared_secret: '{r:50}'`},
		nex: []string{`macaroon_secret_key: "<SECRET>"`, `form_secret: "${FORM_SECRET}"`, `registration_shared_secret: "changeme"`, `macaroon_secret_key_path: /data/macaroon.key`}},
	// 3GPP authentication keys of a USIM: Ki (K) and OPc (or OP), 128 bits as 32 hex
	// digits, in SIM vendors' batch output files, pySim/sysmo-usim CSVs and core network
	// subscriber exports. The keys are the card's identity: a copy clones the SIM.
	{id: "sim-auth-key", title: "SIM subscriber key (Ki/OPc)", provider: "mobile operator", sev: finding.Critical,
		keys: []string{"ki", "opc"}, keyOK: simKeyName, value: `[0-9A-Fa-f]{32}`, valueOK: simKeyValue,
		ex: []string{`KI={H:32}`, `  "opc": "{h:32}",`, `sim_ki: {H:32}`},
		nex: []string{`KI={H:20}`, `kind={H:32}`, `K=465b5ce8b199b49faa5f0a2ee238a6bc`, `OPc=cd63cb71954a9f4e48a5994e37a02baf`,
			`ki=00000000000000000000000000000000`}},
	// LoRaWAN 1.0/1.1 device keys (AppKey, NwkKey) and ABP session keys (AppSKey,
	// NwkSKey, NwkSEncKey, SNwkSIntKey, FNwkSIntKey): AES-128 keys as 32 hex digits, in
	// ChirpStack's device import CSV, The Things Stack's JSON (root_keys.app_key.key)
	// and network server configurations.
	{id: "lorawan-device-key", title: "LoRaWAN device key (AppKey/NwkKey/session key)", provider: "LoRaWAN network", sev: finding.High,
		keys: []string{"appkey", "app_key", "app-key", "nwkkey", "nwk_key", "nwk-key", "appskey", "app_s_key", "nwkskey", "nwk_s_key",
			"nwksenckey", "nwk_s_enc_key", "snwksintkey", "s_nwk_s_int_key", "fnwksintkey", "f_nwk_s_int_key", "genappkey", "gen_app_key"},
		keyOK: lorawanKeyName, value: `[0-9A-Fa-f]{32}`, valueOK: simKeyValue,
		ex:  []string{`app_key = "{h:32}"`, `NwkSKey = {H:32}`, `  "nwk_s_enc_key": "{H:32}",`},
		nex: []string{`app_key={h:16}`, `app_key_id={h:32}`, `PUSHER_APP_KEY={h:32}`, `appkey=00000000000000000000000000000000`}},
}

// simKeyWords are the names SIM batch files and subscriber databases give the keys.
var simKeyWords = map[string]bool{"ki": true, "opc": true}

// simKeyName: the key's last word is Ki or OPc ("ki", "sim_ki", "OPc", "security.opc").
func simKeyName(segs [][]byte) bool {
	return len(segs) > 0 && simKeyWords[string(segs[len(segs)-1])]
}

// lorawanKeyNames are the LoRaWAN key names with their words run together.
var lorawanKeyNames = []string{"appkey", "nwkkey", "appskey", "nwkskey", "nwksenckey", "snwksintkey", "fnwksintkey", "genappkey"}

// lorawanKeyName: the key's last words spell a LoRaWAN key's name (app_key, AppSKey,
// nwk_s_enc_key), or that name and a "key" field holding it (The Things Stack's
// root_keys.app_key.key). An AppKey is also what other services call their API keys, so
// a word before it must be one of a LoRaWAN device's (root_keys, device, otaa).
func lorawanKeyName(segs [][]byte) bool {
	if n := len(segs); n > 2 && string(segs[n-1]) == "key" && lorawanKeyEnd(segs[:n-1]) {
		return true // …app_key.key
	}
	return lorawanKeyEnd(segs)
}

// lorawanKeyEnd: segs end in a LoRaWAN key's name.
func lorawanKeyEnd(segs [][]byte) bool {
	n := len(segs)
	var b []byte
	for i := n - 1; i >= 0 && n-i <= 5; i-- {
		b = append(append([]byte(nil), segs[i]...), b...)
		for _, k := range lorawanKeyNames {
			if string(b) != k {
				continue
			}
			if k != "appkey" || i == 0 {
				return true
			}
			return lorawanPathWords[string(segs[i-1])]
		}
	}
	return false
}

// lorawanPathWords may stand before app_key in a LoRaWAN device's key path.
var lorawanPathWords = map[string]bool{"root": true, "keys": true, "device": true, "dev": true, "otaa": true,
	"lorawan": true, "lora": true, "ttn": true, "chirpstack": true, "end": true}

// knownTestKeys are the 3GPP TS 35.208 test set keys and the subscriber key of
// Open5GS's and other cores' documentation, written in tutorials everywhere.
var knownTestKeys = map[string]bool{
	"465b5ce8b199b49faa5f0a2ee238a6bc": true, // TS 35.208 test set 1 K
	"cdc202d5123e20f62b6d676ac72cb318": true, // test set 1 OP
	"cd63cb71954a9f4e48a5994e37a02baf": true, // test set 1 OPc
	"e8ed289deba952e4283b54e88e6183ca": true, // Open5GS docs OPc
	"000102030405060708090a0b0c0d0e0f": true,
	"00112233445566778899aabbccddeeff": true,
	"0123456789abcdef0123456789abcdef": true,
	"2b7e151628aed2a6abf7158809cf4f3c": true, // the FIPS-197 AES-128 example key
}

// simKeyValue: 128 random bits, not a documented test key or a run of one digit.
func simKeyValue(v []byte) bool {
	if knownTestKeys[strings.ToLower(string(v))] {
		return false
	}
	d := map[byte]bool{}
	for _, c := range v {
		d[c|0x20] = true
	}
	return len(d) >= 6
}

// synapseKey: the key is one of Synapse's secrets itself, not a *_path naming the file.
func synapseKey(segs [][]byte) bool {
	n := len(segs)
	if n < 2 {
		return false
	}
	last2 := string(segs[n-2]) + "_" + string(segs[n-1])
	return last2 == "form_secret" || last2 == "shared_secret" || n >= 3 && string(segs[n-3])+"_"+last2 == "macaroon_secret_key"
}

// synapseValue: a random string, not a template, a placeholder or a path.
func synapseValue(v []byte) bool {
	if bytes.ContainsAny(v, "<>${}'\"") || bytes.HasPrefix(v, []byte("/")) {
		return false
	}
	return classesOf(v)&cAlnum == cAlnum
}
