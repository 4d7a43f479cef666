package main

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"
)

// h7mojibake writes s as Facebook's data export does: each UTF-8 byte as a \u00XX escape.
func h7mojibake(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			fmt.Fprintf(&b, `\u00%02x`, c)
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// h7sd escapes a value for an RFC 5424 SD-PARAM.
func h7sd(s string) string { return strings.NewReplacer(`\`, `\\`, `"`, `\"`, `]`, `\]`).Replace(s) }

// h7pg escapes a value for a COPY text row.
func h7pg(s string) string { return strings.NewReplacer(`\`, `\\`, "\t", `\t`).Replace(s) }

// h7my escapes a value inside a mysqldump string.
func h7my(s string) string { return strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) }

// h7pad pads s to n display columns.
func h7pad(s string, n int) string {
	if c := utf8.RuneCountInString(s); c < n {
		return s + strings.Repeat(" ", n-c)
	}
	return s
}

var held7Templates = []template{
	{"dumps", "psql-expanded.txt", func(g *gen, f *file) {
		f.add(`app=> \x`)
		f.add("Expanded display is on.")
		f.add("app=> SELECT * FROM integrations WHERE enabled;")
		for i := 0; i < 2+g.r.IntN(2); i++ {
			f.add(fmt.Sprintf("-[ RECORD %d ]+%s", i+1, strings.Repeat("-", 40)))
			f.add(fmt.Sprintf("id           | %d", 100+g.r.IntN(900)))
			name, v, p := g.h7tok()
			f.add("provider     | " + strings.ToLower(strings.SplitN(name, "_", 2)[0]))
			f.add("secret_value | "+v, p)
			e := g.h7email()
			f.add("owner        | "+e, h7mail(e))
			neg := g.h7neg()
			f.add("checksum     | "+neg, h7negSlot(neg)...)
			f.add("enabled      | t")
		}
		f.add("")
	}},
	{"dumps", "mysql-vertical.txt", func(g *gen, f *file) {
		f.add("mysql> SELECT * FROM smtp_accounts\\G")
		n := 1 + g.r.IntN(2)
		for i := 0; i < n; i++ {
			f.add(fmt.Sprintf("*************************** %d. row ***************************", i+1))
			f.add(fmt.Sprintf("         id: %d", i+1))
			f.add("       host: smtp." + g.pick("mailhost", "relay", "post") + ".example.net")
			e := g.h7email()
			f.add("      login: "+e, h7mail(e))
			pw := g.h7pass()
			f.add("         pw: "+pw, h7pw(pw))
			f.add(" created_at: 2026-0" + fmt.Sprint(1+g.r.IntN(9)) + "-12 10:00:00")
		}
		f.add(fmt.Sprintf("%d rows in set (0.00 sec)", n))
	}},
	{"dumps", "clickhouse-prettycompact.txt", func(g *gen, f *file) {
		f.add("SELECT name, value, changed FROM app.settings FORMAT PrettyCompact")
		f.add("")
		f.add("┌─name──────────────────┬─value" + strings.Repeat("─", 60) + "┬─changed─┐")
		rows := []struct {
			n, v string
			p    []plant
		}{}
		_, v, p := g.h7tok()
		rows = append(rows, struct {
			n, v string
			p    []plant
		}{"upstream_auth", v, []plant{p}})
		pw := g.h7pass()
		rows = append(rows, struct {
			n, v string
			p    []plant
		}{g.h7pwName(), pw, []plant{h7pw(pw)}})
		neg := g.h7neg()
		rows = append(rows, struct {
			n, v string
			p    []plant
		}{"build_digest", neg, h7negSlot(neg)})
		rows = append(rows, struct {
			n, v string
			p    []plant
		}{"max_threads", fmt.Sprint(4 + g.r.IntN(12)), nil})
		for _, r := range rows {
			f.add("│ "+h7pad(r.n, 21)+" │ "+h7pad(r.v, 64)+" │       1 │", r.p...)
		}
		f.add("└───────────────────────┴" + strings.Repeat("─", 66) + "┴─────────┘")
	}},
	{"dumps", "clickhouse-vertical.txt", func(g *gen, f *file) {
		f.add("SELECT * FROM logs.chat_messages WHERE session_id = '" + g.h5uuid() + "' FORMAT Vertical")
		f.add("")
		for i := 0; i < 2; i++ {
			f.add(fmt.Sprintf("Row %d:", i+1))
			f.add("──────")
			f.add("event_time: 2026-03-1" + fmt.Sprint(g.r.IntN(9)) + " 0" + fmt.Sprint(g.r.IntN(9)) + ":12:44")
			e := g.h7email()
			f.add("user_email: "+e, h7mail(e))
			if i == 0 {
				v, p := g.h7prefixed()
				f.add("content:    my integration keeps failing, this is what I set: "+v, p)
			} else {
				ph := g.h7phone()
				f.add("content:    pls call me back at "+ph+" thanks", h7tel(ph))
			}
			f.add("request_id: " + g.s(hexd, 32))
		}
	}},
	{"dumps", "sqlite-dump.sql", func(g *gen, f *file) {
		f.add("PRAGMA foreign_keys=OFF;")
		f.add("BEGIN TRANSACTION;")
		f.add("CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT);")
		name, v, p := g.h7tok()
		f.add("INSERT INTO settings VALUES('"+strings.ToLower(name)+"','"+v+"');", p)
		pw := g.h7pass()
		f.add("INSERT INTO settings VALUES('smtp_"+g.h7pwName()+"','"+strings.ReplaceAll(pw, "'", "''")+"');", h7pw(strings.ReplaceAll(pw, "'", "''")))
		f.add("INSERT INTO settings VALUES('schema_version','" + fmt.Sprint(10+g.r.IntN(40)) + "');")
		neg := g.h7neg()
		f.add("INSERT INTO settings VALUES('install_id','"+neg+"');", h7negSlot(neg)...)
		f.add("CREATE TABLE users(id INTEGER PRIMARY KEY, email TEXT, phone TEXT);")
		e, ph := g.h7email(), g.h7phone()
		f.add("INSERT INTO users VALUES(1,'"+e+"','"+ph+"');", h7mail(e), h7tel(ph))
		f.add("COMMIT;")
	}},
	{"dumps", "pg_dump-settings.sql", func(g *gen, f *file) {
		f.add("--")
		f.add("-- Data for Name: app_config; Type: TABLE DATA; Schema: public; Owner: " + g.h7user())
		f.add("--")
		f.add("")
		f.add("COPY public.app_config (key, value, updated_at) FROM stdin;")
		name, v, p := g.h7tok()
		f.add(strings.ToLower(name)+"\t"+v+"\t2026-02-0"+fmt.Sprint(1+g.r.IntN(9))+" 11:00:00+00", p)
		pw := g.h7pass()
		f.add("ldap."+g.h7pwName()+"\t"+h7pg(pw)+"\t2026-02-01 11:00:00+00", h7pw(h7pg(pw)))
		f.add("feature.dark_mode\ttrue\t2026-02-01 11:00:00+00")
		neg := g.h7neg()
		f.add("webhook.signing_secret\t"+neg+"\t2026-02-01 11:00:00+00", h7negSlot(neg)...)
		f.add("\\.")
	}},
	{"dumps", "mysqldump-extended.sql", func(g *gen, f *file) {
		f.add("LOCK TABLES `api_clients` WRITE;")
		f.add("/*!40000 ALTER TABLE `api_clients` DISABLE KEYS */;")
		var parts []string
		var ps []plant
		for i := 0; i < 3; i++ {
			e := g.h7email()
			switch i {
			case 1:
				neg := g.h7neg()
				parts = append(parts, fmt.Sprintf("(%d,'%s','%s',NULL)", i+1, e, h7my(neg)))
				ps = append(ps, h7mail(e))
				ps = append(ps, h7negSlot(h7my(neg))...)
			default:
				v, p := g.h7prefixed()
				parts = append(parts, fmt.Sprintf("(%d,'%s','%s','2026-01-0%d 08:00:00')", i+1, e, v, i+1))
				ps = append(ps, h7mail(e), p)
			}
		}
		f.add("INSERT INTO `api_clients` VALUES "+strings.Join(parts, ",")+";", ps...)
		f.add("/*!40000 ALTER TABLE `api_clients` ENABLE KEYS */;")
		pw := g.h7pass()
		f.add("INSERT INTO `wp_options` VALUES (812,'mailserver_pass','"+h7my(pw)+"','yes');", h7pw(h7my(pw)))
		f.add("UNLOCK TABLES;")
	}},
	{"dumps", "dynamodb-export.json", func(g *gen, f *file) {
		for i := 0; i < 3; i++ {
			e := g.h7email()
			switch i {
			case 0:
				name, v, p := g.h7tok()
				f.add(`{"Item":{"pk":{"S":"TENANT#`+g.s(digits, 5)+`"},"sk":{"S":"INTEGRATION#`+strings.ToUpper(name)+`"},"secret":{"S":"`+v+`"},"owner":{"S":"`+e+`"}}}`, p, h7mail(e))
			case 1:
				pw := g.h7pass()
				f.add(`{"Item":{"pk":{"S":"USER#`+e+`"},"sk":{"S":"PROFILE"},"`+g.h7pwName()+`":{"S":"`+h5js(pw)+`"},"logins":{"N":"`+fmt.Sprint(g.r.IntN(400))+`"}}}`, h7mail(e), h7pw(h5js(pw)))
			default:
				neg := g.h7neg()
				f.add(`{"Item":{"pk":{"S":"SESSION#` + g.h5uuid() + `"},"sk":{"S":"META"},"etag":{"S":"` + h5js(neg) + `"},"ttl":{"N":"1790000000"}}}`)
			}
		}
	}},
	{"dumps", "etcdctl-get.json", func(g *gen, f *file) {
		name, v, p := g.h7tok()
		pw := g.h7pass()
		k1 := b64s("/config/" + g.pick("billing", "search", "notify") + "/" + strings.ToLower(name))
		k2 := b64s("/config/db/" + g.h7pwName())
		k3 := b64s("/config/build/commit")
		v1, v2, v3 := b64s(v), b64s(pw), b64s(g.s(hexd, 40))
		f.add(`{"header":{"cluster_id":` + g.s(digits, 19) + `,"member_id":` + g.s(digits, 19) + `,"revision":` + g.s(digits, 6) + `,"raft_term":4},"kvs":[`)
		f.add(`{"key":"`+k1+`","create_revision":`+g.s(digits, 5)+`,"mod_revision":`+g.s(digits, 5)+`,"version":1,"value":"`+v1+`"},`, plant{family: p.family, kind: "secret", value: v1})
		f.add(`{"key":"`+k2+`","create_revision":`+g.s(digits, 5)+`,"mod_revision":`+g.s(digits, 5)+`,"version":3,"value":"`+v2+`"},`, plant{family: "password", kind: "secret", value: v2})
		f.add(`{"key":"` + k3 + `","create_revision":` + g.s(digits, 5) + `,"mod_revision":` + g.s(digits, 5) + `,"version":9,"value":"` + v3 + `"}`)
		f.add(`],"count":3}`)
	}},
	{"dumps", "consul-kv-export.json", func(g *gen, f *file) {
		name, v, p := g.h7tok()
		pw := g.h7pass()
		f.add(`[`)
		f.add(`	{`)
		f.add(`		"key": "apps/` + g.pick("checkout", "ledger") + `/` + strings.ToLower(name) + `",`)
		f.add(`		"flags": 0,`)
		f.add(`		"value": "`+b64s(v)+`"`, plant{family: p.family, kind: "secret", value: b64s(v)})
		f.add(`	},`)
		f.add(`	{`)
		f.add(`		"key": "apps/ledger/rabbitmq_` + g.h7pwName() + `",`)
		f.add(`		"flags": 0,`)
		f.add(`		"value": "`+b64s(pw)+`"`, plant{family: "password", kind: "secret", value: b64s(pw)})
		f.add(`	},`)
		f.add(`	{`)
		f.add(`		"key": "apps/ledger/replicas",`)
		f.add(`		"flags": 0,`)
		f.add(`		"value": "` + b64s(fmt.Sprint(2+g.r.IntN(5))) + `"`)
		f.add(`	}`)
		f.add(`]`)
	}},
	{"dumps", "mongosh-find.txt", func(g *gen, f *file) {
		f.add("test> db.accounts.find({ plan: 'pro' }).limit(2)")
		f.add("[")
		for i := 0; i < 2; i++ {
			e := g.h7email()
			pw := g.h7pass()
			f.add("  {")
			f.add("    _id: ObjectId('" + g.s(hexd, 24) + "'),")
			f.add("    email: '"+e+"',", h7mail(e))
			f.add("    "+g.pick("pass_phrase", "credential", "pw")+": '"+strings.ReplaceAll(pw, "'", "\\'")+"',", h7pw(strings.ReplaceAll(pw, "'", "\\'")))
			if i == 0 {
				_, v, p := g.h7tok()
				f.add("    integrations: { crm: { token: '"+v+"', scopes: [ 'read', 'write' ] } },", p)
			}
			f.add("    createdAt: ISODate('" + g.h7ts() + "')")
			f.add("  },")
		}
		f.add("]")
	}},
	{"dumps", "es-search.json", func(g *gen, f *file) {
		f.add(`{`)
		f.add(`  "took" : ` + fmt.Sprint(2+g.r.IntN(40)) + `,`)
		f.add(`  "hits" : {`)
		f.add(`    "total" : { "value" : 2, "relation" : "eq" },`)
		f.add(`    "hits" : [`)
		f.add(`      {`)
		f.add(`        "_index" : "app-logs-2026.03",`)
		f.add(`        "_id" : "` + g.s(urlb64, 20) + `",`)
		f.add(`        "_source" : {`)
		v, p := g.h7prefixed()
		f.add(`          "message" : "outbound call failed: upstream rejected key `+v+`",`, p)
		e := g.h7email()
		f.add(`          "user" : { "email" : "`+e+`" },`, h7mail(e))
		f.add(`          "trace" : { "id" : "` + g.s(hexd, 32) + `" }`)
		f.add(`        }`)
		f.add(`      },`)
		f.add(`      {`)
		f.add(`        "_index" : "app-logs-2026.03",`)
		f.add(`        "_id" : "` + g.s(urlb64, 20) + `",`)
		pw := g.h7pass()
		f.add(`        "_source" : { "message" : "config reload", "env" : { "DB_`+strings.ToUpper(g.pick("pw", "pwd", "passwd", "pass"))+`" : "`+h5js(pw)+`" } }`, h7pw(h5js(pw)))
		f.add(`      }`)
		f.add(`    ]`)
		f.add(`  }`)
		f.add(`}`)
	}},
	{"data", "tickets-multiline.csv", func(g *gen, f *file) {
		f.add(`ticket_id,customer,created,body`)
		for i := 0; i < 2+g.r.IntN(2); i++ {
			e := g.h7email()
			id := fmt.Sprint(40000 + g.r.IntN(9999))
			f.add(id+`,`+e+`,2026-04-0`+fmt.Sprint(1+g.r.IntN(9))+`,"Hello,`, h7mail(e))
			switch g.r.IntN(3) {
			case 0:
				v, p := g.h7prefixed()
				f.add(`the integration stopped working after we rotated. New value is`)
				f.add(v+` - can you check?`, p)
			case 1:
				pw := g.h7pass()
				f.add(`I can't log in. I tried my usual ""`+strings.ReplaceAll(pw, `"`, `""`)+`"" and it says wrong password.`, h7pw(strings.ReplaceAll(pw, `"`, `""`)))
			default:
				ph := g.h7phone()
				f.add(`please call `+ph+` after 5pm`, h7tel(ph))
			}
			f.add(`Thanks"`)
		}
		f.add(`99999,test@example.com,2026-01-01,"Test ticket, please ignore"`)
	}},
	{"data", "parquet-rows.json", func(g *gen, f *file) {
		for i := 0; i < 3; i++ {
			e := g.h7email()
			ib := g.h7iban()
			neg := g.h7neg()
			f.add(`{"customer_id":`+fmt.Sprint(1000+i)+`,"contact":{"email":"`+e+`","phone":null},"payout":{"iban":"`+ib+`","currency":"EUR"},"ext_ref":"`+h5js(neg)+`"}`, h7mail(e), pii("iban", ib))
		}
		name, v, p := g.h7tok()
		f.add(`{"customer_id":1003,"contact":{"email":null,"phone":null},"payout":null,"ext_ref":null,"meta":{"`+strings.ToLower(name)+`":"`+v+`"}}`, p)
	}},
	{"otel", "spans.json", func(g *gen, f *file) {
		f.add(`{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"` + g.pick("checkout", "gateway", "ingest") + `"}}]},`)
		f.add(`"scopeSpans":[{"scope":{"name":"io.opentelemetry.http"},"spans":[`)
		tid := g.s(hexd, 32)
		f.add(`{"traceId":"` + tid + `","spanId":"` + g.s(hexd, 16) + `","name":"POST /v1/charge","kind":3,"startTimeUnixNano":"` + g.h7unixNano() + `","attributes":[`)
		v, p := g.h7prefixed()
		f.add(`  {"key":"http.request.header.authorization","value":{"arrayValue":{"values":[{"stringValue":"Bearer `+v+`"}]}}},`, p)
		e := g.h7email()
		f.add(`  {"key":"enduser.id","value":{"stringValue":"`+e+`"}},`, h7mail(e))
		f.add(`  {"key":"http.response.status_code","value":{"intValue":"402"}}]},`)
		pw := g.h7pass()
		f.add(`{"traceId":"` + tid + `","spanId":"` + g.s(hexd, 16) + `","name":"connect","kind":3,"attributes":[`)
		f.add(`  {"key":"db.system","value":{"stringValue":"postgresql"}},`)
		f.add(`  {"key":"db.connection_string","value":{"stringValue":"host=`+g.h7host()+` user=`+g.h7user()+` password=`+pw+` sslmode=require"}}]},`, h7pw(pw))
		f.add(`{"traceId":"` + tid + `","spanId":"` + g.s(hexd, 16) + `","name":"cache.get","attributes":[{"key":"db.statement","value":{"stringValue":"GET session:` + g.s(hexd, 32) + `"}}]}`)
		f.add(`]}]}]}`)
	}},
	{"sentry", "event.json", func(g *gen, f *file) {
		f.add(`{`)
		f.add(`  "event_id": "` + g.s(hexd, 32) + `",`)
		f.add(`  "level": "error",`)
		f.add(`  "platform": "python",`)
		e := g.h7email()
		f.add(`  "user": {"id": "`+g.s(digits, 6)+`", "email": "`+e+`", "ip_address": "`+g.h5ip()+`"},`, h7mail(e))
		f.add(`  "request": {`)
		f.add(`    "url": "https://api.` + g.pick("kassa", "bolt", "duka") + `.example/v2/orders",`)
		f.add(`    "method": "POST",`)
		f.add(`    "headers": [`)
		f.add(`      ["Content-Type", "application/json"],`)
		v, p := g.h7prefixed()
		f.add(`      ["X-Api-Key", "`+v+`"],`, p)
		f.add(`      ["Authorization", "[Filtered]"]`)
		f.add(`    ],`)
		sess := g.s(alnum, 40)
		f.add(`    "cookies": [["sessionid", "`+sess+`"], ["csrftoken", "[Filtered]"]]`, h7gen(sess))
		f.add(`  },`)
		pw := g.h7pass()
		f.add(`  "extra": {"sys.argv": ["manage.py", "sync", "--`+g.pick("pw", "pass", "db-pass")+`=`+h5js(pw)+`"]},`, h7pw(h5js(pw)))
		f.add(`  "exception": {"values": [{"type": "HTTPError", "value": "402 Payment Required"}]}`)
		f.add(`}`)
	}},
	{"datadog", "logs.json", func(g *gen, f *file) {
		f.add(`[`)
		for i := 0; i < 3; i++ {
			ts := g.h7ts()
			switch i {
			case 0:
				v, p := g.h7prefixed()
				u := "https://hooks." + g.pick("partner", "crm") + ".example/notify?api_key=" + url.QueryEscape(v) + "&v=2"
				f.add(`  {"id":"AQAAAY`+g.s(urlb64, 30)+`","content":{"timestamp":"`+ts+`","service":"notifier","message":"POST notify -> 500","attributes":{"http":{"url":"`+u+`","status_code":500}}}},`, plant{family: p.family, kind: "secret", value: url.QueryEscape(v)})
			case 1:
				e := g.h7email()
				ph := g.h7phone()
				f.add(`  {"id":"AQAAAY`+g.s(urlb64, 30)+`","content":{"timestamp":"`+ts+`","service":"signup","message":"new signup","attributes":{"usr":{"email":"`+e+`","phone":"`+ph+`"}}}},`, h7mail(e), h7tel(ph))
			default:
				f.add(`  {"id":"AQAAAY` + g.s(urlb64, 30) + `","content":{"timestamp":"` + ts + `","service":"api","message":"ok","attributes":{"dd":{"trace_id":"` + g.s(digits, 19) + `","span_id":"` + g.s(digits, 19) + `"}}}}`)
			}
		}
		f.add(`]`)
	}},
	{"journald", "journal.export", func(g *gen, f *file) {
		for i := 0; i < 2; i++ {
			f.add("__CURSOR=s=" + g.s(hexd, 32) + ";i=" + g.s(hexd, 5) + ";b=" + g.s(hexd, 32) + ";m=" + g.s(hexd, 6) + ";t=" + g.s(hexd, 13) + ";x=" + g.s(hexd, 16))
			f.add("__REALTIME_TIMESTAMP=" + fmt.Sprint(1760000000000000+g.r.IntN(9e12)))
			f.add("_BOOT_ID=" + g.s(hexd, 32))
			f.add("PRIORITY=6")
			f.add("_SYSTEMD_UNIT=" + g.pick("billing-worker", "exporter", "sync") + ".service")
			if i == 0 {
				pw := g.h7pass()
				f.add("_CMDLINE=/usr/local/bin/worker --db-host "+g.h7host()+" --db-"+g.pick("pw", "pass", "passwd")+" "+pw, h7pw(pw))
				f.add("MESSAGE=worker started")
			} else {
				v, p := g.h7prefixed()
				f.add("MESSAGE=retrying upload with token "+v, p)
			}
			f.add("")
		}
	}},
	{"syslog", "rfc5424.log", func(g *gen, f *file) {
		for i := 0; i < 3; i++ {
			ts := g.h7ts()
			host := g.pick("edge-1", "vpn-gw", "mx02")
			switch i {
			case 0:
				pw := g.h7pass()
				f.add(`<86>1 `+ts+` `+host+` sshd-helper `+g.s(digits, 4)+` AUTH [origin ip="`+g.h5ip()+`"][auth@32473 user="`+g.h7user()+`" `+g.pick("pw", "credential", "secret_value")+`="`+h7sd(pw)+`"] login attempt`, h7pw(h7sd(pw)))
			case 1:
				v, p := g.h7prefixed()
				f.add(`<134>1 `+ts+` `+host+` agent `+g.s(digits, 4)+` ENROLL [meta@32473 sequenceId="`+fmt.Sprint(g.r.IntN(900))+`"] enrollment using `+v+` accepted`, p)
			default:
				f.add(`<30>1 ` + ts + ` ` + host + ` systemd 1 - [timeQuality tzKnown="1" isSynced="1"] Started session ` + g.s(hexd, 16) + `.`)
			}
		}
	}},
	{"k8s", "audit.jsonl", func(g *gen, f *file) {
		name, v, p := g.h7tok()
		pw := g.h7pass()
		key := strings.ToLower(strings.ReplaceAll(name, "_", "-"))
		f.add(`{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse","auditID":"` + g.h5uuid() + `","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/prod/secrets","verb":"create",`)
		f.add(`"user":{"username":"system:serviceaccount:ci:deployer"},"objectRef":{"resource":"secrets","namespace":"prod","name":"app-env"},`)
		f.add(`"requestObject":{"kind":"Secret","apiVersion":"v1","metadata":{"name":"app-env"},"type":"Opaque","data":{"`+key+`":"`+b64s(v)+`","db-`+g.h7pwName()+`":"`+b64s(pw)+`"}},`, plant{family: p.family, kind: "secret", value: b64s(v)}, plant{family: "password", kind: "secret", value: b64s(pw)})
		f.add(`"responseStatus":{"metadata":{},"code":201},"requestReceivedTimestamp":"` + g.h7ts() + `"}`)
	}},
	{"logs", "fluent-bit-stdout.log", func(g *gen, f *file) {
		for i := 0; i < 3; i++ {
			ts := fmt.Sprint(1760000000+g.r.IntN(9e6)) + "." + g.s(digits, 9)
			switch i {
			case 0:
				pw := g.h7pass()
				f.add(`[0] kube.var.log.containers.api: [[`+ts+`, {}], {"log"=>"connecting with `+g.pick("pw", "pwd", "pass")+`=`+pw+`", "stream"=>"stderr", "kubernetes"=>{"pod_name"=>"api-`+g.s(h5lowerD, 5)+`"}}]`, h7pw(pw))
			case 1:
				_, v, p := g.h7tok()
				f.add(`[1] kube.var.log.containers.api: [[`+ts+`, {}], {"log"=>"env dump: `+g.pick("API_TOKEN", "SERVICE_KEY")+`=`+v+`", "stream"=>"stdout"}]`, p)
			default:
				f.add(`[2] kube.var.log.containers.api: [[` + ts + `, {}], {"log"=>"GET /healthz 200 ` + g.s(hexd, 16) + `", "stream"=>"stdout"}]`)
			}
		}
	}},
	{"logs", "cloudwatch-filter.json", func(g *gen, f *file) {
		f.add(`{`)
		f.add(`    "events": [`)
		_, v, p := g.h7tok()
		inner := `{"level":"warn","msg":"token rejected","token":"` + v + `"}`
		f.add(`        {"logStreamName": "2026/03/01/[$LATEST]`+g.s(hexd, 32)+`", "timestamp": `+g.s(digits, 13)+`, "message": "`+h5js(inner)+`", "eventId": "`+g.s(digits, 56)+`"},`, p)
		e := g.h7email()
		inner2 := `{"level":"info","msg":"password reset requested","email":"` + e + `"}`
		f.add(`        {"logStreamName": "2026/03/01/[$LATEST]`+g.s(hexd, 32)+`", "timestamp": `+g.s(digits, 13)+`, "message": "`+h5js(inner2)+`", "eventId": "`+g.s(digits, 56)+`"}`, h7mail(e))
		f.add(`    ],`)
		f.add(`    "searchedLogStreams": []`)
		f.add(`}`)
	}},
	{"http", "burp-items.xml", func(g *gen, f *file) {
		host := g.pick("portal", "api", "admin") + "." + g.pick("bank", "shop", "hr") + ".example"
		f.add(`<?xml version="1.0"?>`)
		f.add(`<items burpVersion="2025.1" exportTime="Mon Mar 02 10:00:00 CET 2026">`)
		f.add(`  <item>`)
		f.add(`    <url><![CDATA[https://` + host + `/api/session]]></url>`)
		f.add(`    <host ip="` + g.h5ip() + `">` + host + `</host>`)
		f.add(`    <method><![CDATA[POST]]></method>`)
		f.add(`    <request base64="false"><![CDATA[POST /api/session HTTP/1.1`)
		f.add(`Host: ` + host)
		v, p := g.h7prefixed()
		f.add(`X-Auth-Token: `+v, p)
		f.add(`Content-Type: application/json`)
		f.add(``)
		e, pw := g.h7email(), g.h7pass()
		f.add(`{"login":"`+e+`","`+g.pick("pw", "pass_phrase", "credential")+`":"`+h5js(pw)+`"}]]></request>`, h7mail(e), h7pw(h5js(pw)))
		f.add(`    <status>200</status>`)
		f.add(`    <response base64="false"><![CDATA[HTTP/1.1 200 OK`)
		f.add(`ETag: ` + `W/"` + g.s(hexd, 16) + `"`)
		f.add(`]]></response>`)
		f.add(`  </item>`)
		f.add(`</items>`)
	}},
	{"http", "tcpdump-A.txt", func(g *gen, f *file) {
		ip := g.h5ip()
		f.add(fmt.Sprintf("10:%02d:%02d.%06d IP 10.0.%d.%d.%d > %s.80: Flags [P.], seq 1:%d, ack 1, win 502, length %d", g.r.IntN(60), g.r.IntN(60), g.r.IntN(999999), g.r.IntN(9), 2+g.r.IntN(200), 40000+g.r.IntN(20000), ip, 300+g.r.IntN(200), 300+g.r.IntN(200)))
		f.add("E..." + g.s(alnum, 6) + "@.@." + g.s(alnum, 4) + "..")
		f.add("GET /internal/export?format=csv HTTP/1.1")
		f.add("Host: reports.corp.example")
		u, pw := g.h7user(), g.h7pass()
		ba := b64s(u + ":" + pw)
		f.add("Authorization: Basic "+ba, plant{family: "password", kind: "secret", value: ba})
		sess := g.s(urlb64, 43)
		f.add("Cookie: _ga=GA1.2."+g.s(digits, 9)+"."+g.s(digits, 10)+"; auth_session="+sess, h7gen(sess))
		f.add("User-Agent: python-requests/2.32.3")
		f.add("")
	}},
	{"http", "http-client-debug.txt", func(g *gen, f *file) {
		cid := g.s(alnum, 24)
		cs := g.s(urlb64, 40)
		f.add("send: b'POST /oauth2/token HTTP/1.1\\r\\nHost: login." + g.pick("erp", "idp", "sso") + ".example\\r\\nUser-Agent: python-requests/2.31.0\\r\\nContent-Type: application/x-www-form-urlencoded\\r\\nContent-Length: 120\\r\\n\\r\\n'")
		f.add("send: b'grant_type=client_credentials&client_id="+cid+"&client_secret="+url.QueryEscape(cs)+"&scope=api'", h7gen(url.QueryEscape(cs)))
		f.add("reply: 'HTTP/1.1 200 OK\\r\\n'")
		f.add("header: Content-Type: application/json")
		f.add("header: X-Request-Id: " + g.h5uuid())
		v, p := g.h7prefixed()
		f.add("send: b'GET /v1/me HTTP/1.1\\r\\nHost: api.erp.example\\r\\nAuthorization: Bearer "+v+"\\r\\nAccept: */*\\r\\n\\r\\n'", p)
		f.add("reply: 'HTTP/1.1 200 OK\\r\\n'")
	}},
	{"http", "wget-debug.txt", func(g *gen, f *file) {
		f.add("DEBUG output created by Wget 1.21.4 on linux-gnu.")
		f.add("Reading HSTS entries from /root/.wget-hsts")
		f.add("Resolving artifacts.example.org (artifacts.example.org)... " + g.h5ip())
		f.add("---request begin---")
		f.add("GET /releases/latest/app.tar.gz HTTP/1.1")
		f.add("Host: artifacts.example.org")
		v, p := g.h7prefixed()
		f.add("Private-Token: "+v, p)
		u, pw := g.h7user(), g.h7pass()
		ba := b64s(u + ":" + pw)
		f.add("Authorization: Basic "+ba, plant{family: "password", kind: "secret", value: ba})
		f.add("")
		f.add("---request end---")
		f.add("---response begin---")
		f.add("HTTP/1.1 200 OK")
		f.add("ETag: \"" + g.s(hexd, 32) + "\"")
		f.add("---response end---")
	}},
	{"http", "cookies.txt", func(g *gen, f *file) {
		f.add("# Netscape HTTP Cookie File")
		f.add("# https://curl.se/docs/http-cookies.html")
		f.add("# This file was generated by libcurl! Edit at your own risk.")
		f.add("")
		dom := g.pick("app", "console", "dash") + "." + g.pick("saas", "metrics", "crm") + ".example"
		s1 := g.s(urlb64, 48)
		f.add("#HttpOnly_."+dom+"\tTRUE\t/\tTRUE\t"+fmt.Sprint(1790000000+g.r.IntN(9e7))+"\t"+g.pick("session_token", "__Secure-auth", "sid")+"\t"+s1, h7gen(s1))
		f.add("." + dom + "\tTRUE\t/\tFALSE\t" + fmt.Sprint(1790000000+g.r.IntN(9e7)) + "\t_ga\tGA1.1." + g.s(digits, 10) + "." + g.s(digits, 10))
		f.add("." + dom + "\tTRUE\t/\tFALSE\t0\tlang\t" + g.pick("ro", "hu", "fi", "da"))
		csrf := g.s(hexd, 32)
		f.add(dom+"\tFALSE\t/\tTRUE\t0\tcsrf\t"+csrf, neutral("ambiguous", csrf))
	}},
	{"http", "oauth-bodies.log", func(g *gen, f *file) {
		for i := 0; i < 3; i++ {
			ip := g.h5ip()
			ts := fmt.Sprintf("[%02d/Mar/2026:%02d:%02d:%02d +0100]", 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
			switch i {
			case 0:
				rt := g.s(urlb64, 64)
				f.add(ip+" - - "+ts+" \"POST /token HTTP/1.1\" 200 812 body=\"grant_type=refresh_token&refresh_token="+url.QueryEscape(rt)+"&client_id=mobile\"", h7gen(url.QueryEscape(rt)))
			case 1:
				e, pw := g.h7email(), g.h7pass()
				f.add(ip+" - - "+ts+" \"POST /token HTTP/1.1\" 401 64 body=\"grant_type=password&username="+url.QueryEscape(e)+"&password="+url.QueryEscape(pw)+"\"", plant{family: "email", kind: "pii", value: url.QueryEscape(e), core: strings.SplitN(e, "@", 2)[0]}, h7pw(url.QueryEscape(pw)))
			default:
				f.add(ip + " - - " + ts + " \"POST /token HTTP/1.1\" 200 512 body=\"grant_type=authorization_code&code=" + g.s(alnum, 8) + "&code_verifier=" + g.s(urlb64, 43) + "\"")
			}
		}
	}},
	{"http", "postman_environment.json", func(g *gen, f *file) {
		f.add(`{`)
		f.add(`	"id": "` + g.h5uuid() + `",`)
		f.add(`	"name": "` + g.pick("Production", "Staging EU") + `",`)
		f.add(`	"values": [`)
		f.add(`		{ "key": "baseUrl", "value": "https://api.` + g.pick("ledger", "erp") + `.example", "type": "default", "enabled": true },`)
		name, v, p := g.h7tok()
		f.add(`		{ "key": "`+strings.ToLower(name[:1])+name[1:]+`", "value": "`+v+`", "type": "secret", "enabled": true },`, p)
		pw := g.h7pass()
		f.add(`		{ "key": "adminPw", "value": "`+h5js(pw)+`", "type": "secret", "enabled": true },`, h7pw(h5js(pw)))
		neg := g.h7neg()
		f.add(`		{ "key": "webhookSecret", "value": "`+h5js(neg)+`", "type": "secret", "enabled": false }`, h7negSlot(h5js(neg))...)
		f.add(`	],`)
		f.add(`	"_postman_variable_scope": "environment"`)
		f.add(`}`)
	}},
	{"http", "environments/prod.bru", func(g *gen, f *file) {
		f.add("vars {")
		f.add("  baseUrl: https://api." + g.pick("bolt", "duka", "kassa") + ".example")
		name, v, p := g.h7tok()
		f.add("  "+strings.ToLower(name[:1])+strings.ReplaceAll(name[1:], "_", "")+": "+v, p)
		pw := g.h7pass()
		f.add("  "+g.pick("pw", "userPass", "credential")+": "+pw, h7pw(pw))
		f.add("  tenantId: " + g.h5uuid())
		f.add("}")
		f.add("vars:secret [")
		f.add("  refreshToken")
		f.add("]")
	}},
	{"notebooks", "ingest.databricks.py", func(g *gen, f *file) {
		f.add("# Databricks notebook source")
		f.add("# MAGIC %md")
		f.add("# MAGIC ## Ingest partner files")
		f.add("")
		f.add("# COMMAND ----------")
		f.add("")
		acct := g.s(lower, 10)
		k := g.s(b64, 86) + "=="
		f.add(`spark.conf.set("fs.azure.account.key.`+acct+`.dfs.core.windows.net", "`+k+`")`, secret("azure", k))
		f.add(`jdbc_pw = dbutils.secrets.get(scope="prod", key="warehouse-pw")`)
		f.add("")
		f.add("# COMMAND ----------")
		f.add("")
		_, v, p := g.h7tok()
		f.add(`headers = {"Authorization": f"Bearer `+v+`"}`, p)
		f.add(`df = spark.read.format("csv").option("header", "true").load(f"abfss://raw@` + acct + `.dfs.core.windows.net/partners/")`)
		f.add(`display(df.limit(10))`)
	}},
	{"src", "etl.jl", func(g *gen, f *file) {
		f.add("using LibPQ, HTTP, JSON3")
		f.add("")
		pw := g.h7pass()
		f.add(`conn = LibPQ.Connection("host=`+g.h7host()+` dbname=dwh user=`+g.h7user()+` password='`+pw+`'")`, h7pw(pw))
		name, v, p := g.h7tok()
		f.add(`ENV["`+strings.ToUpper(name)+`"] = "`+v+`"`, p)
		f.add(`const RUN_ID = "` + g.h5uuid() + `"`)
		p2 := g.h7pass()
		f.add(`const `+strings.ToUpper(g.h7pwName())+` = "`+p2+`"`, h7pw(p2))
		f.add(`resp = HTTP.get("https://api.example.org/v1/rows"; headers = ["Authorization" => "Bearer " * ENV["API_TOKEN"]])`)
	}},
	{"src", "fetch_data.m", func(g *gen, f *file) {
		f.add("% fetch_data.m - pull the nightly export")
		pw := g.h7pass()
		f.add("conn = database('dwh', '"+g.h7user()+"', '"+strings.ReplaceAll(pw, "'", "''")+"', 'Vendor', 'PostgreSQL', 'Server', '"+g.h7host()+"');", h7pw(strings.ReplaceAll(pw, "'", "''")))
		v, p := g.h7prefixed()
		f.add("opts = weboptions('HeaderFields', {'Authorization', ['Bearer ' '"+v+"']});", p)
		name, v2, p2 := g.h7tok()
		f.add("setenv('"+strings.ToUpper(name)+"', '"+v2+"');", p2)
		f.add("data = webread('https://api.example.org/export', opts);")
		f.add("checksum = '" + g.s(hexd, 64) + "';")
	}},
	{"dbt", "profiles.yml", func(g *gen, f *file) {
		f.add("warehouse:")
		f.add("  target: prod")
		f.add("  outputs:")
		f.add("    dev:")
		f.add("      type: postgres")
		f.add("      host: localhost")
		f.add("      user: dbt")
		f.add("      pass: \"{{ env_var('DBT_PASS') }}\"")
		f.add("      dbname: analytics")
		f.add("    prod:")
		f.add("      type: postgres")
		f.add("      host: " + g.h7host())
		f.add("      user: " + g.h7user())
		pw := g.h7pass()
		f.add("      pass: "+pw, h7pw(pw))
		f.add("      dbname: analytics")
		f.add("    ch:")
		f.add("      type: clickhouse")
		p2 := g.h7pass()
		f.add("      password: \""+h5js(p2)+"\"", h7pw(h5js(p2)))
	}},
	{"dbt", "models/staging/stg_partner_events.sql", func(g *gen, f *file) {
		f.add("{{ config(materialized='incremental', unique_key='event_id') }}")
		f.add("")
		_, v, p := g.h7tok()
		f.add("{% set partner_token = '"+v+"' %}", p)
		f.add("")
		f.add("select")
		f.add("    event_id,")
		f.add("    md5(email) as email_hash,")
		f.add("    '{{ env_var(\"DBT_PARTNER_KEY\") }}' as source_key")
		f.add("from {{ source('partner', 'events') }}")
		f.add("where api_token = '{{ partner_token }}'")
		f.add("  and sha256_digest <> '" + g.s(hexd, 64) + "'")
	}},
	{"bigdata", "core-site.xml", func(g *gen, f *file) {
		ak := "AKIA" + g.s(b32, 16)
		sk := g.s(b64[:62]+"+/", 40)
		f.add(`<?xml version="1.0"?>`)
		f.add(`<configuration>`)
		f.add(`  <property>`)
		f.add(`    <name>fs.s3a.access.key</name>`)
		f.add(`    <value>`+ak+`</value>`, secret("aws", ak))
		f.add(`  </property>`)
		f.add(`  <property>`)
		f.add(`    <name>fs.s3a.secret.key</name>`)
		f.add(`    <value>`+sk+`</value>`, secret("aws", sk))
		f.add(`  </property>`)
		f.add(`  <property>`)
		f.add(`    <name>fs.s3a.endpoint</name>`)
		f.add(`    <value>s3.eu-central-1.amazonaws.com</value>`)
		f.add(`  </property>`)
		f.add(`  <property>`)
		f.add(`    <name>hadoop.security.credential.provider.path</name>`)
		f.add(`    <value>jceks://hdfs/user/etl/s3.jceks</value>`)
		f.add(`  </property>`)
		f.add(`</configuration>`)
	}},
	{"bigdata", "spark-defaults.conf", func(g *gen, f *file) {
		f.add("spark.master                     yarn")
		f.add("spark.eventLog.enabled           true")
		k := g.s(b64, 86) + "=="
		f.add("spark.hadoop.fs.azure.account.key."+g.s(lower, 9)+".blob.core.windows.net  "+k, secret("azure", k))
		pw := g.h7pass()
		f.add("spark.hadoop.javax.jdo.option.ConnectionPassword  "+pw, h7pw(pw))
		f.add("spark.ssl.keyStorePassword       ${env:KS_PASS}")
		f.add("spark.app.id                     " + g.s(hexd, 32))
	}},
	{"ds", "kaggle.json", func(g *gen, f *file) {
		k := g.s(hexd, 32)
		f.add(`{"username":"`+g.pick(h7first...)+g.s(digits, 2)+`","key":"`+k+`"}`, secret("kaggle", k))
	}},
	{"ds", "airflow-connections.json", func(g *gen, f *file) {
		pw := g.h7pass()
		name, v, p := g.h7tok()
		extra := `{"` + strings.ToLower(name) + `": "` + v + `", "timeout": 30}`
		f.add(`{`)
		f.add(`    "warehouse_pg": {`)
		f.add(`        "conn_type": "postgres",`)
		f.add(`        "host": "` + g.h7host() + `",`)
		f.add(`        "login": "` + g.h7user() + `",`)
		f.add(`        "password": "`+h5js(pw)+`",`, h7pw(h5js(pw)))
		f.add(`        "port": 5432,`)
		f.add(`        "extra": ""`)
		f.add(`    },`)
		f.add(`    "partner_http": {`)
		f.add(`        "conn_type": "http",`)
		f.add(`        "host": "https://api.partner.example",`)
		f.add(`        "extra": "`+h5js(extra)+`"`, p)
		f.add(`    }`)
		f.add(`}`)
	}},
	{"ds", ".streamlit/secrets.toml", func(g *gen, f *file) {
		f.add("[connections.warehouse]")
		f.add(`dialect = "postgresql"`)
		f.add(`host = "` + g.h7host() + `"`)
		f.add(`username = "` + g.h7user() + `"`)
		pw := g.h7pass()
		f.add(`pw = "`+h5js(pw)+`"`, h7pw(h5js(pw)))
		f.add("")
		_, v, p := g.h7tok()
		f.add("[" + g.pick("openai", "vendor", "llm") + "]")
		f.add(`key = "`+v+`"`, p)
		f.add(`model = "` + g.pick("gpt-4o-mini", "large-2") + `"`)
	}},
	{"llm", "batch-input.jsonl", func(g *gen, f *file) {
		for i := 0; i < 3; i++ {
			var msg string
			var ps []plant
			switch i {
			case 0:
				pw := g.h7pass()
				msg = "Salut! Nu mă pot conecta la server. Parola mea este " + pw + " și utilizatorul " + g.h7user() + "."
				ps = append(ps, h7pw(h5js(pw)))
			case 1:
				_, v, p := g.h7tok()
				msg = "Szia! Ez az API kulcsom: " + v + " – miért kapok 401-es hibát?"
				ps = append(ps, p)
			default:
				e, ph := g.h7email(), g.h7phone()
				msg = "Az e-mail címem " + e + ", a telefonszámom " + ph + "."
				ps = append(ps, h7mail(e), h7tel(ph))
			}
			f.add(`{"custom_id": "req-`+fmt.Sprint(i+1)+`", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "gpt-4o-mini", "messages": [{"role": "system", "content": "You are a helpful support agent."}, {"role": "user", "content": "`+h5js(msg)+`"}]}}`, ps...)
		}
	}},
	{"llm", "finetune-sharegpt.json", func(g *gen, f *file) {
		f.add(`[`)
		f.add(`  {"id": "` + g.s(hexd, 12) + `", "conversations": [`)
		pw := g.h7pass()
		f.add(`    {"from": "human", "value": "Hei! Unohdin, mikä on palvelimen salasana. Kirjoitin sen ylös: `+h5js(pw)+` – onko se oikein?"},`, h7pw(h5js(pw)))
		f.add(`    {"from": "gpt", "value": "En voi tarkistaa salasanoja. Vaihda se heti, koska jaoit sen keskustelussa."}`)
		f.add(`  ]},`)
		f.add(`  {"id": "` + g.s(hexd, 12) + `", "conversations": [`)
		_, v, p := g.h7tok()
		f.add(`    {"from": "human", "value": "Hej, jeg har sat nøglen ind i config: `+v+` men intet virker."},`, p)
		f.add(`    {"from": "gpt", "value": "Nøglen er nu offentlig; tilbagekald den og opret en ny."}`)
		f.add(`  ]},`)
		f.add(`  {"id": "` + g.s(hexd, 12) + `", "conversations": [`)
		p2 := g.h7pass()
		f.add(`    {"from": "human", "value": "Passordet til wifi-en på kontoret er `+h5js(p2)+`, kan du lage en QR-kode?"},`, h7pw(h5js(p2)))
		f.add(`    {"from": "gpt", "value": "Her er koden. Husk å ikke dele passordet offentlig."}`)
		f.add(`  ]}`)
		f.add(`]`)
	}},
	{"llm", "anthropic-tool-use.json", func(g *gen, f *file) {
		pw := g.h7pass()
		host := g.h7host()
		f.add(`{`)
		f.add(`  "model": "claude-sonnet-4-5",`)
		f.add(`  "max_tokens": 1024,`)
		f.add(`  "messages": [`)
		f.add(`    {"role": "user", "content": "Tolong sambungkan ke pangkalan data ` + host + ` dan kira pesanan semalam."},`)
		f.add(`    {"role": "assistant", "content": [`)
		f.add(`      {"type": "tool_use", "id": "toolu_01` + g.s(alnum, 22) + `", "name": "run_sql", "input": {"host": "` + host + `", "user": "` + g.h7user() + `",`)
		f.add(`        "`+g.pick("pw", "credential", "secret_value")+`": "`+h5js(pw)+`", "sql": "SELECT count(*) FROM orders"}}`, h7pw(h5js(pw)))
		f.add(`    ]},`)
		_, v, p := g.h7tok()
		f.add(`    {"role": "user", "content": "Pakigamit din itong susi para sa API: `+v+` salamat po"}`, p)
		f.add(`  ]`)
		f.add(`}`)
	}},
	{"chat", "mattermost-export.jsonl", func(g *gen, f *file) {
		f.add(`{"type":"version","version":1}`)
		ch := g.pick("ops", "msaada", "helpdesk")
		for i := 0; i < 3; i++ {
			ts := fmt.Sprint(1760000000000 + g.r.IntN(9e9))
			var msg string
			var ps []plant
			switch i {
			case 0:
				pw := g.h7pass()
				msg = "Habari, nenosiri la seva ya majaribio ni " + pw + " tafadhali usilishiriki."
				ps = append(ps, h7pw(h5js(pw)))
			case 1:
				v, p := g.h7prefixed()
				msg = "புதிய API சாவி: " + v + " இதை config-இல் போடவும்"
				ps = append(ps, p)
			default:
				p2 := g.h7pass()
				msg = "سرور کا پاس ورڈ " + p2 + " ہے، براہ کرم اسے تبدیل کریں"
				ps = append(ps, h7pw(h5js(p2)))
			}
			f.add(`{"type":"post","post":{"team":"core","channel":"`+ch+`","user":"`+g.h7user()+`","message":"`+h5js(msg)+`","create_at":`+ts+`}}`, ps...)
		}
	}},
	{"chat", "messenger-message_1.json", func(g *gen, f *file) {
		f.add(`{`)
		f.add(`  "participants": [{"name": "Milo\u00c5\u00a1"}, {"name": "Desislava"}],`)
		f.add(`  "messages": [`)
		pw := g.h7pass()
		m1 := "Лозинка за рутер је " + pw + " не дели је"
		f.add(`    {"sender_name": "Milo\u00c5\u00a1", "timestamp_ms": `+g.s(digits, 13)+`, "content": "`+h7mojibake(m1)+`"},`, h7pw(h7mojibake(pw)))
		p2 := g.h7pass()
		m2 := "Паролата за акаунта е " + p2 + ", смени я утре"
		f.add(`    {"sender_name": "Desislava", "timestamp_ms": `+g.s(digits, 13)+`, "content": "`+h7mojibake(m2)+`"},`, h7pw(h7mojibake(p2)))
		ph := g.h7phone()
		m3 := "La contrasenya del wifi és la mateixa; truca'm al " + ph
		f.add(`    {"sender_name": "Desislava", "timestamp_ms": `+g.s(digits, 13)+`, "content": "`+h7mojibake(m3)+`"}`, h7tel(ph))
		f.add(`  ]`)
		f.add(`}`)
	}},
	{"chat", "jira-comment-adf.json", func(g *gen, f *file) {
		pw := g.h7pass()
		_, v, p := g.h7tok()
		f.add(`{"body": {"type": "doc", "version": 1, "content": [`)
		f.add(`  {"type": "paragraph", "content": [{"type": "text", "text": "`+h5js("სერვერის პაროლი: "+pw)+`"}]},`, h7pw(h5js(pw)))
		f.add(`  {"type": "paragraph", "content": [{"type": "text", "text": "`+h5js("Жаңа API кілті: ")+`"}, {"type": "text", "text": "`+v+`", "marks": [{"type": "code"}]}]},`, p)
		f.add(`  {"type": "paragraph", "content": [{"type": "text", "text": "Build ` + g.s(hexd, 40) + ` deployed."}]}`)
		f.add(`]}}`)
	}},
	{"chat", "ro-hu-prose.txt", func(g *gen, f *file) {
		v, p := g.h7prefixed()
		f.add("Ieri am lipit din greșeală "+v+" în canalul public; l-am revocat între timp.", p)
		v2, p2 := g.h7prefixed()
		f.add("Tegnap véletlenül bemásoltam ezt: "+v2+" – kérlek töröld.", p2)
		ib := g.h7iban()
		f.add("Plata se face în contul "+ib+".", pii("iban", ib))
		f.add("Commitul " + g.s(hexd, 40) + " conține doar teste, nimic secret.")
		f.add("A kulcs formátuma: " + g.pick("sk-...", "ghp_<36 karakter>", "AKIA…") + ", ne küldd el senkinek.")
	}},
	{"vcs", "0001-rotate-credentials.patch", func(g *gen, f *file) {
		e := g.h7email()
		f.add("From " + g.s(hexd, 40) + " Mon Sep 17 00:00:00 2001")
		f.add("From: "+strings.Title(g.pick(h7first...))+" <"+e+">", h7mail(e))
		f.add("Date: Tue, 3 Mar 2026 10:12:00 +0200")
		f.add("Subject: [PATCH] rotate staging credentials")
		f.add("")
		f.add("---")
		f.add(" deploy/staging.env | 4 ++--")
		f.add(" 1 file changed, 2 insertions(+), 2 deletions(-)")
		f.add("")
		f.add("diff --git a/deploy/staging.env b/deploy/staging.env")
		f.add("index " + g.s(hexd, 7) + ".." + g.s(hexd, 7) + " 100644")
		f.add("--- a/deploy/staging.env")
		f.add("+++ b/deploy/staging.env")
		f.add(fmt.Sprintf("@@ -%d,5 +%d,5 @@ APP_ENV=staging", 3+g.r.IntN(9), 3+g.r.IntN(9)))
		f.add(" LOG_LEVEL=debug")
		n := strings.ToUpper(g.h7pwName())
		old, nw := g.h7pass(), g.h7pass()
		f.add("-DB_"+n+"="+old, h7pw(old))
		f.add("+DB_"+n+"="+nw, h7pw(nw))
		name, v1, p1 := g.h7tok()
		f.add("-"+strings.ToUpper(name)+"="+v1, p1)
		f.add("+" + strings.ToUpper(name) + "=${" + strings.ToUpper(name) + "}")
		f.add(" FEATURE_FLAGS=beta")
		f.add("-- ")
		f.add("2.47.1")
	}},
	{"vcs", "pr-review-comments.json", func(g *gen, f *file) {
		name, v, p := g.h7tok()
		hunk := "@@ -12,6 +12,7 @@ services:\n       environment:\n         LOG_LEVEL: info\n+        " + strings.ToUpper(name) + ": " + v + "\n         REGION: eu-west-1"
		f.add(`[`)
		f.add(`  {`)
		f.add(`    "id": ` + g.s(digits, 10) + `,`)
		f.add(`    "path": "docker-compose.yml",`)
		f.add(`    "commit_id": "` + g.s(hexd, 40) + `",`)
		f.add(`    "diff_hunk": "`+h5js(hunk)+`",`, p)
		f.add(`    "body": "Please don't commit this, move it to the vault.",`)
		f.add(`    "user": {"login": "` + g.pick(h7first...) + `-dev", "id": ` + g.s(digits, 8) + `}`)
		f.add(`  },`)
		pw := g.h7pass()
		hunk2 := "@@ -1,3 +1,3 @@\n [client]\n-" + g.h7pwName() + "=changeme\n+" + g.h7pwName() + "=" + pw
		f.add(`  {"id": `+g.s(digits, 10)+`, "path": ".my.cnf", "diff_hunk": "`+h5js(hunk2)+`", "body": "same here"}`, h7pw(h5js(pw)))
		f.add(`]`)
	}},
	{"mail", "smtp-session.log", func(g *gen, f *file) {
		u := g.h7email()
		pw := g.h7pass()
		f.add("S: 220 smtp.relay.example ESMTP Postfix")
		f.add("C: EHLO build-agent")
		f.add("S: 250-smtp.relay.example")
		f.add("S: 250-AUTH PLAIN LOGIN")
		f.add("S: 250 STARTTLS")
		if g.r.IntN(2) == 0 {
			a := b64s("\x00" + u + "\x00" + pw)
			f.add("C: AUTH PLAIN "+a, plant{family: "password", kind: "secret", value: a})
		} else {
			f.add("C: AUTH LOGIN")
			f.add("S: 334 VXNlcm5hbWU6")
			f.add("C: " + b64s(u))
			f.add("S: 334 UGFzc3dvcmQ6")
			f.add("C: "+b64s(pw), plant{family: "password", kind: "secret", value: b64s(pw)})
		}
		f.add("S: 235 2.7.0 Authentication successful")
		f.add("C: MAIL FROM:<"+u+">", h7mail(u))
		f.add("S: 250 2.1.0 Ok")
	}},
	{"mail", "headers.eml", func(g *gen, f *file) {
		from, to := g.h7email(), g.h7email()
		f.add("Return-Path: <bounces+"+g.s(digits, 7)+"@em.example.net>", neutral("email", "bounces"))
		f.add("Received: from mail-" + g.s(lower, 4) + ".example.net (mail.example.net [" + g.h5ip() + "]) by mx.example.org with ESMTPS id " + g.s(alnum, 12))
		f.add("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.net; s=s1; h=from:to:subject; bh=" + base64.StdEncoding.EncodeToString([]byte(g.s(alnum, 32))) + "; b=" + g.s(b64, 120) + "=")
		f.add("From: "+strings.Title(g.pick(h7first...))+" <"+from+">", h7mail(from))
		f.add("To: "+to, h7mail(to))
		f.add("Subject: Your export is ready")
		f.add("Message-ID: <" + g.h5uuid() + "@example.net>")
		name, v, p := g.h7tok()
		f.add(`X-Mailgun-Variables: {"tenant": "`+g.s(lower, 6)+`", "`+strings.ToLower(name)+`": "`+v+`"}`, p)
		f.add("List-Unsubscribe: <https://em.example.net/unsubscribe?u=" + g.s(hexd, 24) + ">")
		f.add("")
		f.add("Your export is ready.")
	}},
	{"encoded", "redirect-state.log", func(g *gen, f *file) {
		_, v, p := g.h7tok()
		state := `{"return":"/dashboard","api_key":"` + v + `"}`
		f.add("GET /callback?code="+g.s(alnum, 20)+"&state="+url.QueryEscape(state)+" HTTP/1.1 302", plant{family: p.family, kind: "secret", value: url.QueryEscape(v)})
		pw := g.h7pass()
		q := url.Values{"user": {g.h7user()}, g.h7pwName(): {pw}}
		f.add("GET /legacy/login?"+q.Encode()+" HTTP/1.1 200", h7pw(url.QueryEscape(pw)))
		f.add("GET /static/app." + g.s(hexd, 8) + ".js HTTP/1.1 200")
	}},
	{"cloud", "get-secret-value.json", func(g *gen, f *file) {
		pw := g.h7pass()
		name, v, p := g.h7tok()
		ss := `{"username":"` + g.h7user() + `","` + g.pick("pw", "password", "pass_phrase") + `":"` + h5js(pw) + `","engine":"postgres","host":"` + g.h7host() + `","` + strings.ToLower(name) + `":"` + v + `"}`
		f.add(`{`)
		f.add(`    "ARN": "arn:aws:secretsmanager:eu-west-1:` + g.s(digits, 12) + `:secret:prod/app-` + g.s(alnum, 6) + `",`)
		f.add(`    "Name": "prod/app",`)
		f.add(`    "VersionId": "` + g.h5uuid() + `",`)
		f.add(`    "SecretString": "`+h5js(ss)+`",`, h7pw(h5js(h5js(pw))), p)
		f.add(`    "VersionStages": ["AWSCURRENT"],`)
		f.add(`    "CreatedDate": "2026-02-11T09:00:00.000000+00:00"`)
		f.add(`}`)
	}},
	{"cloud", "azure-sas.txt", func(g *gen, f *file) {
		sig := url.QueryEscape(base64.StdEncoding.EncodeToString([]byte(g.s(alnum, 32))))
		acct := g.s(lower, 12)
		f.add("# upload URL handed to the partner (expires in 30 days)")
		f.add("https://"+acct+".blob.core.windows.net/exports/daily.csv?sv=2022-11-02&ss=b&srt=co&sp=rwl&se=2026-04-30T00:00:00Z&st=2026-03-31T00:00:00Z&spr=https&sig="+sig, secret("azure", sig))
		k := g.s(b64, 43) + "="
		f.add("Endpoint=sb://"+g.s(lower, 8)+".servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey="+k, secret("azure", k))
		f.add("# docs example: SharedAccessKey=<key>")
	}},
	{"negatives", "ids-and-hashes.txt", func(g *gen, f *file) {
		f.add("trace_id=" + g.s(hexd, 32) + " span_id=" + g.s(hexd, 16) + " parent=" + g.s(hexd, 16))
		f.add("event " + g.s(hexd, 32) + " grouped under issue " + g.s(digits, 10))
		f.add("_id: ObjectId('" + g.s(hexd, 24) + "'), ulid: 01" + g.s(h7crock, 24))
		f.add("image: registry.example/app@sha256:" + g.s(hexd, 64))
		f.add("stored hash: $argon2id$v=19$m=65536,t=3,p=4$" + g.s(urlb64[:62], 22) + "$" + g.s(urlb64[:62], 43))
		f.add("payment " + g.pick("pi_", "ch_") + g.s(alnum, 24) + " for customer cus_" + g.s(alnum, 14))
		f.add("api_key=" + g.pick("[REDACTED]", "<redacted>", "***", "${API_KEY}", "<your-key>"))
		f.add("secret_value: " + g.pick("[Filtered]", "REDACTED", "null", "\"\""))
		f.add("Doc example key: AKIAIOSFODNN7EXAMPLE, secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
		pk := "phc_" + g.s(alnum, 43)
		f.add("posthog.init('"+pk+"', {api_host: 'https://eu.i.posthog.com'})", neutral("public-key", pk))
		sp := "sb_publishable_" + g.s(urlb64, 22) + "_" + g.s(hexd, 8)
		f.add("SUPABASE_PUBLISHABLE_KEY="+sp, neutral("public-key", sp))
		f.add("md5sum: " + g.s(hexd, 32) + "  release.tar.gz")
		neg := g.h7neg()
		f.add("credential: "+neg, h7negSlot(neg)...)
	}},
}
