package main

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// held19Families pairs two variants of one class in different concrete shapes: a goes
// to held19a (may be tuned on), b to held19b (held out; totals only — see held19.go).
var held19Families = []struct{ a, b template }{
	// Knowledge bases.
	{
		template{"kb", "notion-Payments-runbook.md", func(g *gen, f *file) {
			fn, ln := g.h19name()
			f.add("# " + g.pick("Payments on-call runbook", "Warehouse systems access", "Branch IT handbook"))
			f.add("")
			f.add("Owner: " + fn + " " + ln)
			f.add("Tags: ops, " + g.pick("payments", "logistics", "it"))
			f.add(fmt.Sprintf("Last edited time: March %d, 2026 %d:%02d PM", 1+g.r.IntN(28), 1+g.r.IntN(11), g.r.IntN(60)))
			f.add("")
			f.add("<aside>")
			f.add("💡 Credentials below are being moved to the vault — do not share this page outside the team.")
			f.add("</aside>")
			f.add("")
			f.add("## Access")
			f.add("")
			f.add("| System | URL | User | Password |")
			f.add("| --- | --- | --- | --- |")
			for i := 0; i < 2+g.r.IntN(3); i++ {
				pw, ps := g.h19pv(func(s string) string { return s })
				if strings.ContainsAny(pw, "|`") {
					pw, ps = "see 1Password", nil
				}
				f.add(fmt.Sprintf("| %s | https://%s | %s | `%s` |", g.pick("Admin panel", "Grafana", "Bank portal", "Router", "POS back office"), g.h19host(), g.h19user(), pw), ps...)
			}
			f.add("")
			f.add("## API keys")
			f.add("")
			f.add("```bash")
			for i := 0; i < 1+g.r.IntN(2); i++ {
				n, v, p := g.h19tok()
				f.add("export "+n+"="+v, p)
			}
			f.add("curl -H \"Authorization: Bearer $" + g.pick("API_TOKEN", "TOKEN") + "\" https://" + g.h19host() + "/v1/health")
			f.add("```")
			f.add("")
			f.add("## Escalation")
			f.add("")
			for i := 0; i < 2; i++ {
				a, b := g.h19name()
				e, ph := g.h19email(), g.h19phone()
				f.add("- "+a+" "+b+" — "+e+" — "+ph, h15mail(e), h15tel(ph))
			}
			ib := g.h19iban()
			f.add("", nil...)
			f.add("Payout account: **"+groupsOf4(ib)+"**", h15ib(groupsOf4(ib)))
			f.add("Ticket template id: " + g.h5uuid())
			f.add("")
			f.add("[Archive](" + strings.ReplaceAll(g.pick("Payments on-call runbook", "Access"), " ", "%20") + "%20" + g.s(hexd, 32) + "/Archive.md)")
		}},
		template{"kb", "obsidian-db-prod.md", func(g *gen, f *file) {
			e := g.h19email()
			f.add("---")
			f.add("aliases: [db-prod, " + g.pick("primary", "ledger-db", "orders-db") + "]")
			f.add("tags: [infra, secrets]")
			f.add("created: " + g.h19date())
			f.add("owner: "+e, h15mail(e))
			pw, ps := g.h19pv(h19js)
			f.add(`password: "`+pw+`"`, ps...)
			f.add("---")
			f.add("# " + g.pick("DB prod", "Ledger database", "Orders cluster"))
			f.add("")
			op := g.h19pass()
			f.add("> [!warning] Rotate after the migration")
			f.add("> old root password: `"+op+"`", h15pw(op))
			f.add("")
			f.add("host:: " + g.h19host())
			f.add("user:: " + g.h19user())
			ip := g.h19pass()
			f.add("password:: "+ip, h15pw(ip))
			v, tps := g.h19tv()
			f.add("api-token:: "+v, tps...)
			f.add("")
			f.add("## Connection")
			f.add("```")
			dp := g.h19passNo(`"$\` + "`")
			f.add("psql \"host="+g.h19host()+" dbname=app user="+g.h19user()+" password='"+h19conninfo(dp)+"' sslmode=require\"", h15pw(h19conninfo(dp)))
			f.add("```")
			f.add("")
			a, b := g.h19name()
			ph := g.h19phone()
			f.add("Contact: [["+a+" "+b+"]] · "+ph, h15tel(ph))
			f.add("Related: [[Backups]] · [[Runbooks/Failover]] · ^" + g.s(lower+digits, 6))
			if g.r.IntN(2) == 0 {
				id, _ := g.h19nid()
				f.add("Vendor contract signer id: "+id, h15id(id))
			}
			f.add("%% checksum " + g.s(hexd, 64) + " %%")
		}},
	},
	// Project boards.
	{
		template{"boards", "trello-board.json", func(g *gen, f *file) {
			f.add("{")
			f.add(`  "id": "` + g.s(hexd, 24) + `",`)
			f.add(`  "name": "` + g.pick("IT onboarding", "Store openings", "Release 4.2") + `",`)
			f.add(`  "desc": "",`)
			f.add(`  "closed": false,`)
			f.add(`  "url": "https://trello.com/b/` + g.s(alnum, 8) + `/` + g.pick("it-onboarding", "store-openings") + `",`)
			f.add(`  "cards": [`)
			n := 3 + g.r.IntN(3)
			for i := 0; i < n; i++ {
				f.add("    {")
				f.add(`      "id": "` + g.s(hexd, 24) + `",`)
				switch g.r.IntN(4) {
				case 0:
					fn, ln := g.h19name()
					e, ph := g.h19email(), g.h19phone()
					pw := h19js(g.h19pass())
					f.add(`      "name": "Onboard ` + fn + ` ` + ln + `",`)
					f.add(`      "desc": "Laptop ready. Temp password: `+pw+`\nPersonal mail: `+e+`\nMobile: `+ph+`",`, h15pw(pw), h15mail(e), h15tel(ph))
				case 1:
					n, v, p := g.h19tok()
					f.add(`      "name": "Rotate ` + strings.ToLower(n) + `",`)
					f.add(`      "desc": "Current value (remove after rotation):\n`+"```"+`\n`+n+`=`+v+`\n`+"```"+`",`, p)
				case 2:
					ib := g.h19iban()
					f.add(`      "name": "Pay deposit for new store",`)
					f.add(`      "desc": "Landlord IBAN `+ib+`, reference `+g.s(upperD, 8)+`",`, h15ib(ib))
				default:
					f.add(`      "name": "Update price labels",`)
					f.add(`      "desc": "Template id ` + g.h5uuid() + `, see attachment",`)
				}
				f.add(`      "idList": "` + g.s(hexd, 24) + `",`)
				f.add(`      "dateLastActivity": "` + g.h19date() + `"`)
				if i < n-1 {
					f.add("    },")
				} else {
					f.add("    }")
				}
			}
			f.add("  ],")
			f.add(`  "actions": [`)
			m := 2 + g.r.IntN(2)
			for i := 0; i < m; i++ {
				fn, ln := g.h19name()
				f.add("    {")
				f.add(`      "type": "commentCard",`)
				switch g.r.IntN(3) {
				case 0:
					pw, ps := g.h19pv(h19js)
					f.add(`      "data": {"text": "wifi for the store: SSID `+g.pick("Store-Guest", "POS-LAN")+` / `+pw+`"},`, ps...)
				case 1:
					c := g.card(true)
					f.add(`      "data": {"text": "used the company card `+c+` for the domain"},`, h15cc(c))
				default:
					f.add(`      "data": {"text": "done, see the vault entry"},`)
				}
				f.add(`      "memberCreator": {"fullName": "` + fn + " " + ln + `", "username": "` + strings.ToLower(fn) + g.s(digits, 2) + `"}`)
				if i < m-1 {
					f.add("    },")
				} else {
					f.add("    }")
				}
			}
			f.add("  ]")
			f.add("}")
		}},
		template{"boards", "asana-tasks.csv", func(g *gen, f *file) {
			f.add("Task ID,Created At,Completed At,Last Modified,Name,Section/Column,Assignee,Assignee Email,Start Date,Due Date,Tags,Notes,Projects,Parent task")
			for i := 0; i < 4+g.r.IntN(3); i++ {
				fn, ln := g.h19name()
				e := g.h19email()
				var note string
				var ps []plant
				switch g.r.IntN(5) {
				case 0:
					pw := g.h19pass()
					note = "VPN account created, initial password " + pw
					ps = []plant{h15pw(h19csvIn(pw))}
				case 1:
					n, v, p := g.h19tok()
					note = n + " for the integration: " + v
					ps = []plant{p}
				case 2:
					ph, id := g.h19phone(), ""
					id, _ = g.h19nid()
					note = "Vendor contact " + ph + "; tax id " + id
					ps = []plant{h15tel(ph), h15id(id)}
				case 3:
					c := g.card(false)
					note = "Paid with card " + c + ", receipt in drive"
					ps = []plant{h15cc(c)}
				default:
					note = "Checksum " + g.s(hexd, 40) + " verified"
				}
				d := fmt.Sprintf("2026-%02d-%02d", 1+g.r.IntN(12), 1+g.r.IntN(28))
				f.add(fmt.Sprintf("%s,%s,,%s,%s,%s,%s,%s,,%s,%s,%s,%s,", "12"+g.s(digits, 14), d, d, h19csv(g.pick("Set up accounts", "Renew certificate", "Order printers", "Vendor onboarding")), g.pick("To do", "Doing", "Done"), fn+" "+ln, e, d, g.pick("it", "finance", ""), h19csv(note), g.pick("Ops", "Finance")), append([]plant{h15mail(e)}, ps...)...)
			}
		}},
	},
	// Messenger exports.
	{
		template{"messenger", "viber-chat.csv", func(g *gen, f *file) {
			f.add("Date,Time,Sender Name,Sender Phone Number,Text")
			type who struct{ name, phone string }
			var ws []who
			for i := 0; i < 2+g.r.IntN(2); i++ {
				a, b := g.h19name()
				ws = append(ws, who{a + " " + b, g.h19phone()})
			}
			for i := 0; i < 5+g.r.IntN(4); i++ {
				w := ws[g.r.IntN(len(ws))]
				msg, ps := g.h19say(h19viberLangs)
				q := h19csv(msg)
				if q != msg {
					ps = h18esc(h19csvIn, ps)
				}
				f.add(fmt.Sprintf("%02d/%02d/2026,%02d:%02d,%s,%s,%s", 1+g.r.IntN(28), 1+g.r.IntN(12), g.r.IntN(24), g.r.IntN(60), w.name, w.phone, q), append([]plant{h15tel(w.phone)}, ps...)...)
			}
		}},
		template{"messenger", "threema-messages.txt", func(g *gen, f *file) {
			var names []string
			for i := 0; i < 2+g.r.IntN(2); i++ {
				a, b := g.h19name()
				names = append(names, a+" "+b)
			}
			for i := 0; i < 7+g.r.IntN(5); i++ {
				ts := fmt.Sprintf("[%02d/%02d/2026, %02d:%02d]", 1+g.r.IntN(28), 1+g.r.IntN(12), g.r.IntN(24), g.r.IntN(60))
				if g.r.IntN(8) == 0 {
					f.add(ts + " " + g.pick(names...) + ": <" + g.pick("image", "file", "voice message") + " omitted>")
					continue
				}
				msg, ps := g.h19say(h19threemaLangs)
				f.add(ts+" "+g.pick(names...)+": "+msg, ps...)
			}
			f.add("Threema ID: " + strings.ToUpper(g.s(upperD, 8)))
		}},
	},
	// Amateur radio.
	{
		template{"hamradio", "pat-config.json", func(g *gen, f *file) {
			call := g.h19call()
			f.add("{")
			f.add(`  "mycall": "` + call + `",`)
			pw := h19js(g.h19pass())
			f.add(`  "secure_login_password": "`+pw+`",`, h15pw(pw))
			f.add(`  "auxiliary_addresses": ["` + call + `-1"],`)
			f.add(`  "locator": "` + strings.ToUpper(g.s(lower[:18], 2)) + g.s(digits, 2) + `",`)
			f.add(`  "service_codes": ["PUBLIC"],`)
			f.add(`  "http_addr": "localhost:8080",`)
			e, ph := g.h19email(), g.h19phone()
			f.add(`  "motd": ["Gateway operator: `+call+` `+e+` `+ph+`"],`, h15mail(e), h15tel(ph))
			f.add(`  "connect_aliases": {`)
			f.add(`    "telnet": "telnet://{mycall}:CMSTelnet@cms.winlink.org:8772/wl2k",`)
			tp := h19pct(g.h19pass())
			f.add(`    "relay": "telnet://`+call+`:`+tp+`@`+g.h19host()+`:8772/wl2k"`, h15pw(tp))
			f.add(`  },`)
			f.add(`  "listen": ["telnet"],`)
			f.add(`  "hamlib_rigs": {"ic7300": {"address": "localhost:4532", "network": "tcp"}},`)
			f.add(`  "ardop": {"addr": "localhost:8515", "arq_bandwidth": {"Forced": false, "Max": 2000}, "rig": "ic7300"},`)
			tl := h19js(g.h19pass())
			f.add(`  "telnet": {"listen_addr": ":8774", "password": "`+tl+`"},`, h15pw(tl))
			f.add(fmt.Sprintf(`  "aprs_is": {"server": "rotate.aprs2.net:14580", "passcode": %d},`, h19aprs(call)), neutral("aprs-passcode", fmt.Sprint(h19aprs(call))))
			f.add(`  "gpsd": {"enable_http": false, "allow_forms": true, "use_server_time": false, "addr": "localhost:2947"},`)
			f.add(`  "version_reporting_disabled": false`)
			f.add("}")
		}},
		template{"hamradio", "pistar-MMDVMHost.ini", func(g *gen, f *file) {
			call := g.h19call()
			e, ph := g.h19email(), g.h19phone()
			f.add("; Pi-Star backup of " + call)
			f.add("; sysop: "+e+" / "+ph, h15mail(e), h15tel(ph))
			f.add("[General]")
			f.add("Callsign=" + call)
			f.add("Id=" + g.s("3456", 1) + g.s(digits, 6))
			f.add("Timeout=240")
			f.add("Duplex=0")
			f.add("[Info]")
			f.add(fmt.Sprintf("RXFrequency=43%d%05d", g.r.IntN(10), g.r.IntN(100000)))
			f.add("Location=" + g.pick("Sylhet", "Patras", "Cebu City", "Lviv", "Haifa"))
			f.add("URL=https://www.qrz.com/db/" + call)
			f.add("[DMR]")
			f.add("Enable=1")
			f.add("ColorCode=1")
			f.add("[DMR Network]")
			f.add("Enable=1")
			f.add("Type=Direct")
			f.add("RemoteAddress=" + g.pick("2041", "3021", "2502", "4251") + ".master.brandmeister.network")
			f.add("RemotePort=62031")
			pw := g.h19passNo(`;#"`)
			f.add("Password="+pw, h15pw(pw))
			f.add("Jitter=360")
			f.add("[APRS]")
			f.add("Enable=1")
			f.add("Server=euro.aprs2.net")
			f.add(fmt.Sprint("Password=", h19aprs(call)), neutral("aprs-passcode", fmt.Sprint(h19aprs(call))))
			f.add("[Remote Control]")
			f.add("Enable=0")
			f.add("Port=7642")
			f.add("; /etc/bmapi.key")
			f.add("[key]")
			j := g.h19jwt()
			f.add("apikey="+j, secret("jwt", j))
			f.add("; /etc/ircddbgateway")
			ip := g.h19passNo(`;#"`)
			f.add("ircddbPassword1="+ip, h15pw(ip))
			f.add("dplusLogin=" + call)
		}},
	},
	// Point of sale.
	{
		template{"pos", "pos-journal.txt", func(g *gen, f *file) {
			store := fmt.Sprintf("%04d", g.r.IntN(10000))
			f.add(fmt.Sprintf("==== E-JOURNAL  STORE %s  REG %02d  2026-%02d-%02d ====", store, 1+g.r.IntN(12), 1+g.r.IntN(12), 1+g.r.IntN(28)))
			for t := 0; t < 3+g.r.IntN(3); t++ {
				f.add(fmt.Sprintf("%02d:%02d:%02d TXN %06d START OP %03d", g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), g.r.IntN(1e6), g.r.IntN(1000)))
				for i := 0; i < 1+g.r.IntN(3); i++ {
					f.add(fmt.Sprintf("  %d x %s %-22s %8.2f", 1+g.r.IntN(3), g.pick("890", "885", "520", "729", "896", "626")+g.s(digits, 10), g.pick("RICE 5KG", "TEA LEAF 250G", "PHONE CHARGER", "NOTEBOOK A5", "OLIVE OIL 1L"), float64(g.r.IntN(9000))/100))
				}
				f.add(fmt.Sprintf("  TOTAL %9.2f", float64(g.r.IntN(30000))/100))
				switch g.r.IntN(5) {
				case 0:
					c := g.card(false)
					f.add(fmt.Sprintf("  TENDER %s ************%s AUTH %s", g.pick("VISA", "MC", "AMEX"), c[len(c)-4:], strings.ToUpper(g.s(hexd, 6))))
				case 1:
					t2, c := g.h19track2("=")
					f.add("  DEBUG PINPAD RAW TRACK2 ;"+t2+"?", pii("card", c))
				case 2:
					c := g.card(false)
					f.add("  MANUAL KEY ENTRY PAN "+c+" EXP "+fmt.Sprintf("%02d/%02d", 1+g.r.IntN(12), 27+g.r.IntN(4)), h15cc(c))
				case 3:
					f.add("  TENDER CASH")
				default:
					f.add("  TENDER " + g.pick("4111111111111111", "VISA 4761 73** **** 0119", "MC 5413 33XX XXXX 0001") + " DECLINED 05")
				}
				f.add("  EMV AID A0000000031010 TVR 0000008000 TSI E800 ATC " + strings.ToUpper(g.s(hexd, 4)))
				if g.r.IntN(3) == 0 {
					pb := strings.ToUpper(g.s(hexd, 16))
					f.add("  PINPAD ONLINE PIN BLOCK "+pb+" KSN FFFF"+strings.ToUpper(g.s(hexd, 16)), neutral("ciphertext", pb))
				}
				switch g.r.IntN(3) {
				case 0:
					e := g.h19email()
					f.add("  E-RECEIPT SENT TO "+e, h15mail(e))
				case 1:
					ph := g.h19phone()
					f.add("  LOYALTY MEMBER PHONE "+ph, h15tel(ph))
				}
			}
			f.add("---- SETTLEMENT ----")
			pw := g.h19passNo(" ")
			f.add("HOST pos-gw."+g.pick(h19orgs...)+":7001 MERCHANT 0000"+g.s(digits, 11)+" USER "+g.h19user()+" PASS "+pw, h15pw(pw))
			if g.r.IntN(2) == 0 {
				_, v, p := g.h19tok()
				f.add("CLOUD SYNC KEY "+v, p)
			}
			f.add("BATCH " + g.s(digits, 6) + " CLOSED COUNT " + fmt.Sprint(3+g.r.IntN(80)))
		}},
		template{"pos", "iso8583-trace.log", func(g *gen, f *file) {
			ts := func() string {
				return fmt.Sprintf("2026-%02d-%02d %02d:%02d:%02d.%03d", 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), g.r.IntN(1000))
			}
			pw := g.h19passNo(" ")
			f.add(ts()+" [HOSTIF] connect tls://acq."+g.pick(h19orgs...)+":5001 terminal="+g.s(digits, 8)+" login="+g.h19user()+" password="+pw, h15pw(pw))
			for m := 0; m < 2+g.r.IntN(2); m++ {
				f.add(ts() + " [HOSTIF] >> MTI 0200")
				c := g.card(false)
				mask := g.r.IntN(3) == 0
				if mask {
					f.add("  BMP  2 PAN .............. : " + c[:6] + strings.Repeat("*", len(c)-10) + c[len(c)-4:])
				} else {
					f.add("  BMP  2 PAN .............. : "+c, h15cc(c))
				}
				f.add("  BMP  3 PROCESSING CODE .. : 000000")
				f.add(fmt.Sprintf("  BMP  4 AMOUNT ........... : %012d", g.r.IntN(100000)))
				f.add(fmt.Sprintf("  BMP 14 EXPIRATION ....... : %02d%02d", 27+g.r.IntN(4), 1+g.r.IntN(12)))
				if !mask {
					t2 := c + "D" + fmt.Sprintf("%02d%02d", 27+g.r.IntN(4), 1+g.r.IntN(12)) + "201" + g.s(digits, 10)
					f.add("  BMP 35 TRACK 2 DATA ..... : "+t2, pii("card", c))
				}
				f.add("  BMP 41 TERMINAL ID ...... : " + g.s(digits, 8))
				f.add("  BMP 42 MERCHANT ID ...... : 0000" + g.s(digits, 11))
				pb := strings.ToUpper(g.s(hexd, 16))
				f.add("  BMP 52 PIN BLOCK ........ : "+pb, neutral("ciphertext", pb))
				f.add("  BMP 55 ICC DATA ......... : 9F2608" + strings.ToUpper(g.s(hexd, 16)) + "9F2701809F1012" + strings.ToUpper(g.s(hexd, 36)))
				f.add(ts() + " [HOSTIF] << MTI 0210 BMP 39 RESPONSE " + g.pick("00", "00", "05", "51"))
			}
			f.add(ts() + " [KEYMGMT] TPK loaded KCV " + strings.ToUpper(g.s(hexd, 6)))
			if g.r.IntN(2) == 0 {
				_, v, p := g.h19tok()
				f.add(ts()+" [CLOUD] POST /v2/payments headers={'Authorization': 'Bearer "+v+"'}", p)
			}
			e := g.h19email()
			f.add(ts()+" [RECEIPT] e-receipt queued for "+e, h15mail(e))
		}},
	},
	// Apple projects.
	{
		template{"apple", "App-Staging.xcscheme", func(g *gen, f *file) {
			f.add(`<?xml version="1.0" encoding="UTF-8"?>`)
			f.add(`<Scheme`)
			f.add(`   LastUpgradeVersion = "1620"`)
			f.add(`   version = "1.7">`)
			f.add(`   <LaunchAction`)
			f.add(`      buildConfiguration = "Debug"`)
			f.add(`      launchStyle = "0"`)
			f.add(`      debugDocumentVersioning = "YES">`)
			f.add(`      <CommandLineArguments>`)
			f.add(`         <CommandLineArgument`)
			f.add(`            argument = "-FIRDebugEnabled"`)
			f.add(`            isEnabled = "YES">`)
			f.add(`         </CommandLineArgument>`)
			if g.r.IntN(2) == 0 {
				pw := h19attr(g.h19pass())
				f.add(`         <CommandLineArgument`)
				f.add(`            argument = "-UITestPassword &quot;`+pw+`&quot;"`, h15pw(pw))
				f.add(`            isEnabled = "NO">`)
				f.add(`         </CommandLineArgument>`)
			}
			f.add(`      </CommandLineArguments>`)
			f.add(`      <EnvironmentVariables>`)
			env := func(k, v string, ps ...plant) {
				f.add(`         <EnvironmentVariable`)
				f.add(`            key = "` + k + `"`)
				f.add(`            value = "`+v+`"`, ps...)
				f.add(`            isEnabled = "` + g.pick("YES", "YES", "NO") + `">`)
				f.add(`         </EnvironmentVariable>`)
			}
			env("API_BASE_URL", "https://"+g.h19host()+"/v2")
			for i := 0; i < 2+g.r.IntN(2); i++ {
				n, v, p := g.h19tok()
				env(n, v, p)
			}
			pw, ps := g.h19pv(h19attr)
			env("TEST_USER_PASSWORD", pw, ps...)
			e := g.h19email()
			env("TEST_USER_EMAIL", e, h15mail(e))
			env("OS_ACTIVITY_MODE", "disable")
			env("SENTRY_RELEASE", g.s(hexd, 40))
			f.add(`      </EnvironmentVariables>`)
			f.add(`   </LaunchAction>`)
			f.add(`</Scheme>`)
		}},
		template{"apple", "Secrets.xcconfig", func(g *gen, f *file) {
			f.add("// Secrets.xcconfig — listed in .gitignore, copy from Secrets.example.xcconfig")
			f.add("// " + g.pick("Debug", "Release", "Staging") + " values")
			f.add("#include? \"Local.xcconfig\"")
			f.add("")
			f.add("API_HOST = " + g.h19host())
			f.add("API_BASE_URL = https:/$()/$(API_HOST)/v1")
			f.add("SENTRY_DSN = https:/$()/" + g.s(hexd, 32) + "@o" + g.s(digits, 6) + ".ingest.sentry.io/" + g.s(digits, 7))
			mb, mps := g.h19neg()
			if mb == "" || strings.ContainsAny(mb, "$/") {
				mb, mps = "pk.placeholder", nil
			}
			f.add("MAPBOX_ACCESS_TOKEN = "+mb, mps...)
			f.add("REVENUECAT_PUBLIC_KEY = appl_" + g.s(alnum, 27))
			for i := 0; i < 2+g.r.IntN(2); i++ {
				n, v, p := g.h19tok()
				if strings.ContainsAny(v, "$/") {
					continue
				}
				f.add(n+" = "+v, p)
			}
			dp := g.h19pass()
			f.add("DATABASE_URL = postgres:/$()/"+g.h19user()+":"+h19pct(dp)+"@"+g.h19host()+"/app", h15pw(h19pct(dp)))
			fp := g.h19passNo("$/")
			f.add("FASTLANE_PASSWORD = "+fp, h15pw(fp))
			e := g.h19email()
			f.add("FASTLANE_USER = "+e, h15mail(e))
			f.add("DEVELOPMENT_TEAM = " + g.s(upperD, 10))
			f.add("PRODUCT_BUNDLE_IDENTIFIER = com." + g.pick("lviv-soft", "haifa-robotics", "cebu-logistics") + ".app")
			f.add("// API_SECRET = $(inherited)")
		}},
	},
	// Publishing platforms.
	{
		template{"cms", "ghost-config.production.json", func(g *gen, f *file) {
			host := g.pick(h19orgs...)
			f.add("{")
			f.add(`  "url": "https://blog.` + host + `",`)
			f.add(`  "server": {"port": 2368, "host": "127.0.0.1"},`)
			f.add(`  "database": {`)
			f.add(`    "client": "mysql",`)
			f.add(`    "connection": {`)
			f.add(`      "host": "` + g.h19host() + `",`)
			f.add(`      "user": "ghost_` + g.s(lower, 4) + `",`)
			pw, ps := g.h19pv(h19js)
			f.add(`      "password": "`+pw+`",`, ps...)
			f.add(`      "database": "ghost_production"`)
			f.add(`    }`)
			f.add(`  },`)
			f.add(`  "mail": {`)
			f.add(`    "transport": "SMTP",`)
			f.add(`    "from": "'Blog' <noreply@`+host+`>",`, neutral("role-email", "noreply@"+host))
			f.add(`    "options": {`)
			f.add(`      "service": "Mailgun",`)
			f.add(`      "host": "smtp.eu.mailgun.org",`)
			f.add(`      "port": 465,`)
			f.add(`      "secure": true,`)
			mp := h19js(g.h19pass())
			f.add(`      "auth": {"user": "postmaster@mg.`+host+`", "pass": "`+mp+`"}`, neutral("role-email", "postmaster@mg."+host), h15pw(mp))
			f.add(`    }`)
			f.add(`  },`)
			mk := "key-" + g.s(lower+digits, 32)
			f.add(`  "bulkEmail": {"mailgun": {"apiKey": "`+mk+`", "domain": "mg.`+host+`", "baseUrl": "https://api.eu.mailgun.net/v3"}},`, secret("mailgun", mk))
			id, sk := g.h15awsID(), g.h16awsSecret()
			f.add(`  "adapters": {"storage": {"active": "s3", "s3": {"accessKeyId": "`+id+`", "secretAccessKey": "`+sk+`", "region": "eu-central-1", "bucket": "ghost-media"}}},`, secret("aws", id), secret("aws", sk))
			f.add(`  "logging": {"transports": ["file", "stdout"]},`)
			f.add(`  "process": "systemd",`)
			f.add(`  "paths": {"contentPath": "/var/lib/ghost/content"}`)
			f.add("}")
		}},
		template{"cms", "wikijs-config.yml", func(g *gen, f *file) {
			e := g.h19email()
			f.add("#######################################################################")
			f.add("# Wiki.js - CONFIGURATION                                             #")
			f.add("#######################################################################")
			f.add("# maintained by "+e, h15mail(e))
			f.add("port: 3000")
			f.add("db:")
			f.add("  type: " + g.pick("postgres", "mysql", "mariadb"))
			f.add("  host: " + g.h19host())
			f.add("  port: 5432")
			f.add("  user: wikijs")
			switch g.r.IntN(3) {
			case 0:
				pw := h19sq(g.h19pass())
				f.add("  pass: '"+pw+"'", h15pw(pw))
			case 1:
				pw := h19js(g.h19pass())
				f.add(`  pass: "`+pw+`"`, h15pw(pw))
			default:
				f.add("  pass: $(DB_PASS)")
			}
			f.add("  db: wiki")
			f.add("  ssl: false")
			f.add("  sslOptions:")
			f.add("    auto: true")
			op := g.h19passNo("#'\"")
			f.add("  # old pass (before "+fmt.Sprintf("2026-%02d", 1+g.r.IntN(12))+"): "+op, h15pw(op))
			f.add("ssl:")
			f.add("  enabled: " + g.pick("true", "false"))
			f.add("  port: 3443")
			f.add("  provider: letsencrypt")
			f.add("  domain: wiki." + g.pick(h19orgs...))
			se := g.h19email()
			f.add("  subscriberEmail: "+se, h15mail(se))
			if g.r.IntN(2) == 0 {
				pp := h19js(g.h19pass())
				f.add(`  passphrase: "`+pp+`"`, h15pw(pp))
			} else {
				f.add("  passphrase: null")
			}
			f.add("pool:")
			f.add("  min: 2")
			f.add("  max: 10")
			f.add("bindIP: 0.0.0.0")
			f.add("logLevel: info")
			f.add("offline: false")
			f.add("ha: false")
			f.add("dataPath: ./data")
			f.add("# session id of the last admin login: " + g.h5uuid())
		}},
	},
	// Groupware servers.
	{
		template{"groupware", "person-export.dxl", func(g *gen, f *file) {
			f.add(`<?xml version='1.0' encoding='utf-8'?>`)
			f.add(`<!DOCTYPE database SYSTEM 'xmlschemas/domino_12_0_2.dtd'>`)
			f.add(`<database xmlns='http://www.lotus.com/dxl' version='12.0' maintenanceversion='2.0' replicaid='` + strings.ToUpper(g.s(hexd, 16)) + `' path='names.nsf' title='` + g.pick("Dhaka Textiles", "Patras Ferries", "Lviv Soft") + ` Directory'>`)
			for d := 0; d < 2+g.r.IntN(2); d++ {
				fn, ln := g.h19name()
				unid := strings.ToUpper(g.s(hexd, 32))
				f.add(`<document form='Person'>`)
				f.add(`<noteinfo noteid='`+g.s(hexd, 4)+`' unid='`+unid+`' sequence='`+fmt.Sprint(1+g.r.IntN(9))+`'>`, h19id(unid))
				f.add(`<created><datetime>20260` + fmt.Sprint(1+g.r.IntN(9)) + `12T101500,00+02</datetime></created></noteinfo>`)
				f.add(`<item name='FirstName'><text>` + fn + `</text></item>`)
				f.add(`<item name='LastName'><text>` + ln + `</text></item>`)
				f.add(`<item name='ShortName'><textlist><text>` + strings.ToLower(fn[:1]+ln) + `</text></textlist></item>`)
				e := g.h19email()
				f.add(`<item name='InternetAddress'><text>`+e+`</text></item>`, h15mail(e))
				ph, ph2 := g.h19phone(), g.h19phone()
				f.add(`<item name='OfficePhoneNumber'><text>`+ph+`</text></item>`, h15tel(ph))
				f.add(`<item name='CellPhoneNumber'><text>`+ph2+`</text></item>`, h15tel(ph2))
				hp := "(" + strings.ToUpper(g.s(hexd, 32)) + ")"
				if g.r.IntN(2) == 0 {
					hp = "(G" + g.s(alnum+"+/", 20) + ")"
				}
				f.add(`<item name='HTTPPassword' sign='true' seal='true'><text>`+hp+`</text></item>`, neutral("hash", hp))
				switch g.r.IntN(3) {
				case 0:
					pw := h19text(g.h19pass())
					f.add(`<item name='Comment'><text>Temp password given by phone: `+pw+`</text></item>`, h15pw(pw))
				case 1:
					id, _ := g.h19nid()
					f.add(`<item name='EmployeeID'><text>`+id+`</text></item>`, h15id(id))
				default:
					f.add(`<item name='Comment'><text>Moved to ` + g.pick("Sylhet", "Volos", "Davao") + ` office</text></item>`)
				}
				f.add(`</document>`)
			}
			f.add(`<document form='Server'>`)
			f.add(`<item name='ServerName'><text>CN=mail01/O=` + g.pick("DTX", "PFR", "LVS") + `</text></item>`)
			sp := h19text(g.h19pass())
			f.add(`<item name='HTTP_SSO_LtpaPassword'><text>`+sp+`</text></item>`, h15pw(sp))
			f.add(`</document>`)
			f.add(`</database>`)
		}},
		template{"groupware", "zmlocalconfig-s.txt", func(g *gen, f *file) {
			host := "mail." + g.pick(h19orgs...)
			f.add("[root@" + strings.Split(host, ".")[0] + " ~]# su - zimbra -c 'zmlocalconfig -s'")
			f.add("av_notify_domain = " + strings.TrimPrefix(host, "mail."))
			f.add("av_notify_user = admin@"+strings.TrimPrefix(host, "mail."), neutral("role-email", "admin@"+strings.TrimPrefix(host, "mail.")))
			zpw := func() string {
				if g.r.IntN(2) == 0 {
					return g.s(alnum+"_", 10+g.r.IntN(6))
				}
				return g.h19pass()
			}
			for _, k := range []string{"ldap_amavis_password", "ldap_nginx_password", "ldap_postfix_password", "ldap_replication_password", "ldap_root_password"} {
				v := zpw()
				f.add(k+" = "+v, h15pw(v))
			}
			f.add("ldap_url = ldap://" + host + ":389")
			f.add("mailboxd_java_heap_size = 2048")
			mk := g.s(alnum, 12)
			f.add("mailboxd_keystore_password = "+mk, h15pw(mk))
			f.add("mailboxd_truststore_password = changeit")
			for _, k := range []string{"mysql_root_password", "zimbra_ldap_password", "zimbra_mysql_password"} {
				v := zpw()
				f.add(k+" = "+v, h15pw(v))
			}
			e := g.h19email()
			f.add("smtp_destination = "+e, h15mail(e))
			f.add("ssl_default_digest = sha256")
			f.add("zimbra_server_hostname = " + host)
			f.add("zimbra_uid = 996")
			f.add("zimbra_zmjava_options = -Xmx256m -Djava.net.preferIPv4Stack=true")
			f.add("zimbra_ldap_userdn = uid=zimbra,cn=admins,cn=zimbra")
			f.add("mailboxd_server_id = " + g.h5uuid())
		}},
	},
	// COBOL.
	{
		template{"cobol", "CUSTMAST-copybook-extract.txt", func(g *gen, f *file) {
			f.add("      *================================================================*")
			f.add("      * COPYBOOK  CUSTREC   CUSTOMER MASTER RECORD   LRECL=200         *")
			f.add("      *================================================================*")
			f.add("       01  CUST-REC.")
			f.add("           05  CUST-ID              PIC 9(8).")
			f.add("           05  CUST-NAME            PIC X(26).")
			f.add("           05  CUST-EMAIL           PIC X(36).")
			f.add("           05  CUST-PHONE           PIC X(18).")
			f.add("           05  CUST-NATID           PIC X(18).")
			f.add("           05  CUST-IBAN            PIC X(34).")
			f.add("           05  CUST-CARD            PIC X(19).")
			f.add("           05  CUST-PIN-OFFSET      PIC X(4).")
			f.add("      * ---- extract of CUSTMAST.G0042V00, EBCDIC converted ----")
			for i := 0; i < 2+g.r.IntN(3); i++ {
				fn, ln := g.h19name()
				e, ph := g.h19email(), g.h19phone()
				id, _ := g.h19nid()
				ib := g.h19iban()
				var c string
				ps := []plant{h15mail(e), h15tel(ph), h15id(id), h15ib(ib)}
				if g.r.IntN(3) == 0 {
					c = "000000******0000"
				} else {
					c = g.card(false)
					ps = append(ps, h15cc(c))
				}
				f.add(fmt.Sprintf("%08d%-26.26s%-36.36s%-18.18s%-18.18s%-34.34s%-19.19s%04d", g.r.IntN(1e8), strings.ToUpper(fn+" "+ln), e, ph, id, ib, c, g.r.IntN(10000)), ps...)
			}
			f.add(fmt.Sprintf("%08d%-26.26s%-36.36s%-18.18s%-18.18s%-34.34s%-19.19s%04d", 99999999, "TRAILER", "", "", "", "", "", 0))
		}},
		template{"cobol", "PAYBATCH.cbl", func(g *gen, f *file) {
			f.add("       >>SOURCE FORMAT FREE")
			f.add("IDENTIFICATION DIVISION.")
			f.add("PROGRAM-ID. PAYBATCH.")
			f.add("*> nightly payout batch: reads PAYIN, posts to the bank gateway")
			f.add("ENVIRONMENT DIVISION.")
			f.add("DATA DIVISION.")
			f.add("WORKING-STORAGE SECTION.")
			f.add("01  WS-DB2-LOC          PIC X(18) VALUE 'PAYDB01'.")
			f.add("01  WS-DB2-USER         PIC X(8)  VALUE '" + strings.ToUpper(g.s(lower, 6)) + "01'.")
			pw := h19sq(g.h19pass())
			f.add("01  WS-DB2-PASS         PIC X(32) VALUE '"+pw+"'.", h15pw(pw))
			fp := h19sq(g.h19pass())
			f.add("01  WS-SFTP-PASSWORD    PIC X(32) VALUE '"+fp+"'.", h15pw(fp))
			_, v, p := g.h19tok()
			f.add(fmt.Sprintf("01  WS-GATEWAY-KEY      PIC X(%d) VALUE '%s'.", len(v), v), p)
			f.add("01  WS-TEST-CARD        PIC X(16) VALUE '4111111111111111'.")
			ib := g.h19iban()
			f.add("01  WS-SUSPENSE-IBAN    PIC X(34) VALUE '"+ib+"'.", h15ib(ib))
			f.add("01  WS-HASH-CHECK       PIC X(64) VALUE '" + g.s(hexd, 64) + "'.")
			f.add("01  WS-SQLCODE          PIC S9(9) COMP.")
			f.add("PROCEDURE DIVISION.")
			f.add("    EXEC SQL CONNECT TO :WS-DB2-LOC USER :WS-DB2-USER USING :WS-DB2-PASS END-EXEC")
			sp := h19sq(g.h19pass())
			f.add("    MOVE '"+sp+"' TO WS-SMTP-PASS", h15pw(sp))
			e := g.h19email()
			f.add("    MOVE '"+e+"' TO WS-ALERT-TO", h15mail(e))
			up := g.h19passNo("'\" ")
			f.add("    STRING 'https://"+g.h19user()+":"+h19pct(up)+"@"+g.h19host()+"/payouts' DELIMITED BY SIZE INTO WS-URL", h15pw(h19pct(up)))
			f.add("    DISPLAY 'PAYBATCH CONNECTED AS ' WS-DB2-USER")
			f.add("    STOP RUN.")
		}},
	},
	// HR exports.
	{
		template{"hr", "hris-employees.csv", func(g *gen, f *file) {
			f.add("employee_id,first_name,last_name,work_email,personal_email,mobile,national_id_type,national_id,date_of_birth,bank_iban,notes")
			for i := 0; i < 3+g.r.IntN(3); i++ {
				fn, ln := g.h19name()
				we := strings.ToLower(fn) + "." + strings.ToLower(strings.ReplaceAll(ln, " ", "")) + "@" + g.pick(h19orgs[:9]...)
				pe, ph := g.h19email(), g.h19phone()
				id, typ := g.h19nid()
				ps := []plant{h15mail(we), h15mail(pe), h15tel(ph)}
				idv := id
				if g.r.IntN(5) == 0 {
					idv = strings.Repeat("*", len(id)-4) + id[len(id)-4:]
				} else {
					ps = append(ps, h15id(id))
				}
				ib := g.h19iban()
				ps = append(ps, h15ib(ib))
				note := ""
				switch g.r.IntN(4) {
				case 0:
					pw := g.h19pass()
					note = "initial password " + pw
					ps = append(ps, h15pw(h19csvIn(pw)))
				case 1:
					note = "passport " + strings.ToUpper(g.s(lower, 2)) + g.s(digits, 7)
				}
				f.add(fmt.Sprintf("E%05d,%s,%s,%s,%s,%s,%s,%s,19%02d-%02d-%02d,%s,%s", g.r.IntN(100000), fn, h19csv(ln), we, pe, ph, typ, idv, 60+g.r.IntN(40), 1+g.r.IntN(12), 1+g.r.IntN(28), ib, h19csv(note)), ps...)
			}
		}},
		template{"hr", "worker-export.xml", func(g *gen, f *file) {
			f.add(`<?xml version="1.0" encoding="UTF-8"?>`)
			f.add(`<wd:Report_Data xmlns:wd="urn:com.workday.report/INT042_Worker_Export">`)
			for i := 0; i < 2+g.r.IntN(2); i++ {
				fn, ln := g.h19name()
				f.add(`  <wd:Report_Entry>`)
				wid := g.s(hexd, 32)
				f.add(`    <wd:Worker_WID>`+wid+`</wd:Worker_WID>`, h19id(wid))
				f.add(`    <wd:Employee_ID>` + fmt.Sprint(2100000+g.r.IntN(99999)) + `</wd:Employee_ID>`)
				f.add(`    <wd:Legal_Name>` + fn + ` ` + ln + `</wd:Legal_Name>`)
				e, ph := g.h19email(), g.h19phone()
				f.add(`    <wd:Email_Address_Home>`+e+`</wd:Email_Address_Home>`, h15mail(e))
				f.add(`    <wd:Phone_Number_Mobile>`+ph+`</wd:Phone_Number_Mobile>`, h15tel(ph))
				id, typ := g.h19nid()
				f.add(`    <wd:National_ID wd:Descriptor="` + typ + `">`)
				f.add(`      <wd:National_ID_Type wd:Descriptor="` + typ + `">` + typ + `</wd:National_ID_Type>`)
				f.add(`      <wd:ID>`+id+`</wd:ID>`, h15id(id))
				f.add(`    </wd:National_ID>`)
				pn := strings.ToUpper(g.s(lower, 2)) + g.s(digits, 7)
				f.add(`    <wd:Passport_Number>`+pn+`</wd:Passport_Number>`, neutral("passport", pn))
				ib := g.h19iban()
				f.add(`    <wd:Payment_Election><wd:IBAN>`+ib+`</wd:IBAN><wd:Bank_Name>`+g.pick("Piraeus Bank", "PrivatBank", "Bank Leumi", "Meezan Bank")+`</wd:Bank_Name></wd:Payment_Election>`, h15ib(ib))
				if g.r.IntN(3) == 0 {
					c := g.card(false)
					f.add(`    <wd:Corporate_Card_Number>`+c+`</wd:Corporate_Card_Number>`, h15cc(c))
				}
				f.add(`  </wd:Report_Entry>`)
			}
			f.add(`</wd:Report_Data>`)
			if g.r.IntN(2) == 0 {
				pw := h19text(g.h19pass())
				f.add(`<!-- delivered by ISU_INT042 (password `+pw+`) to sftp://`+g.h19host()+`/inbound -->`, h15pw(pw))
			}
		}},
	},
	// Desktop app packaging.
	{
		template{"packaging", "electron-builder.yml", func(g *gen, f *file) {
			org := g.pick("lviv-soft", "haifa-robotics", "cebu-logistics")
			f.add("appId: com." + org + ".desktop")
			f.add("productName: " + g.pick("Ledger Desk", "Fleet Console", "Shift Planner"))
			f.add("directories:")
			f.add("  output: dist")
			f.add("mac:")
			f.add("  category: public.app-category.productivity")
			f.add("  hardenedRuntime: true")
			f.add("  notarize:")
			f.add("    teamId: " + g.s(upperD, 10))
			f.add("win:")
			f.add("  certificateFile: build/codesign.pfx")
			cp := h19js(g.h19pass())
			f.add(`  certificatePassword: "`+cp+`"`, h15pw(cp))
			f.add("  publisherName: " + org)
			f.add("publish:")
			f.add("  - provider: github")
			f.add("    owner: " + org)
			f.add("    repo: desktop")
			gh := g.h5gh("ghp_")
			f.add("    token: "+gh, secret("github", gh))
			f.add("  - provider: generic")
			up := g.h19pass()
			f.add("    url: https://"+g.h19user()+":"+h19pct(up)+"@updates."+org+".com/desktop/", h15pw(h19pct(up)))
			f.add("# signing environment on the release machine (do not commit):")
			kp := g.h19pass()
			f.add("#   CSC_KEY_PASSWORD="+kp, h15pw(kp))
			e := g.h19email()
			f.add("#   APPLE_ID="+e, h15mail(e))
			asp := g.s(lower, 4) + "-" + g.s(lower, 4) + "-" + g.s(lower, 4) + "-" + g.s(lower, 4)
			f.add("#   APPLE_APP_SPECIFIC_PASSWORD="+asp, h15pw(asp))
			f.add("#   APPLE_TEAM_ID=" + g.s(upperD, 10))
			f.add("#   GH_TOKEN=${{ secrets.GH_TOKEN }}")
			f.add("electronVersion: 3" + fmt.Sprint(g.r.IntN(5)) + ".1.0")
		}},
		template{"packaging", "tauri-release.txt", func(g *gen, f *file) {
			e := base64.StdEncoding.EncodeToString
			pub := e([]byte("untrusted comment: minisign public key: " + strings.ToUpper(g.s(hexd, 16)) + "\nRWQ" + e(g.h16bytes(39)) + "\n"))
			f.add("==> src-tauri/tauri.conf.json <==")
			f.add("{")
			f.add(`  "productName": "` + g.pick("Shift Planner", "Lab Notebook") + `",`)
			f.add(`  "identifier": "ph.cebu-logistics.planner",`)
			f.add(`  "bundle": {"active": true, "createUpdaterArtifacts": true},`)
			f.add(`  "plugins": {"updater": {"pubkey": "`+pub+`", "endpoints": ["https://releases.`+g.pick(h19orgs...)+`/{{target}}/{{current_version}}"]}}`, neutral("public-key", pub))
			f.add("}")
			f.add("")
			f.add("==> .env.release <==")
			sk := e([]byte("untrusted comment: rsign encrypted secret key\nRWRTY0Iy" + e(g.h16bytes(150)) + "\n"))
			f.add(`TAURI_SIGNING_PRIVATE_KEY="`+sk+`"`, plant{family: "private-key", kind: "secret", value: sk, core: sk[:40]})
			kp := h19js(g.h19pass())
			f.add(`TAURI_SIGNING_PRIVATE_KEY_PASSWORD="`+kp+`"`, h15pw(kp))
			p12 := e(append([]byte{0x30, 0x82, 0x0c, 0x61, 0x02, 0x01, 0x03}, g.h16bytes(180)...))
			f.add(`APPLE_CERTIFICATE="`+p12+`"`, plant{family: "private-key", kind: "secret", value: p12, core: p12[:40]})
			cp := h19js(g.h19pass())
			f.add(`APPLE_CERTIFICATE_PASSWORD="`+cp+`"`, h15pw(cp))
			am := g.h19email()
			f.add(`APPLE_ID="`+am+`"`, h15mail(am))
			asp := g.s(lower, 4) + "-" + g.s(lower, 4) + "-" + g.s(lower, 4) + "-" + g.s(lower, 4)
			f.add(`APPLE_PASSWORD="`+asp+`"`, h15pw(asp))
			f.add(`APPLE_TEAM_ID="` + g.s(upperD, 10) + `"`)
			f.add("")
			f.add("==> notes.md <==")
			asp2 := g.s(lower, 4) + "-" + g.s(lower, 4) + "-" + g.s(lower, 4) + "-" + g.s(lower, 4)
			f.add(`$ xcrun notarytool store-credentials "notary-profile" --apple-id "`+am+`" --team-id `+g.s(upperD, 10)+` --password "`+asp2+`"`, h15mail(am), h15pw(asp2))
			f.add("Updater signature of 1.4.2: " + e(g.h16bytes(64)))
		}},
	},
	// Microcontroller firmware.
	{
		template{"mcu", "arduino_secrets.h", func(g *gen, f *file) {
			f.add("// arduino_secrets.h — keep out of the sketch repository")
			f.add("#pragma once")
			f.add(`#define SECRET_SSID "` + g.pick("Warehouse-2G", "Greenhouse", "Office IoT", "Lab_AP") + `"`)
			pw := h19js(g.h19pass())
			f.add(`#define SECRET_PASS "`+pw+`"`, h15pw(pw))
			f.add(`#define SECRET_MQTT_HOST "` + g.h19host() + `"`)
			f.add(`#define SECRET_MQTT_USER "` + g.h19user() + `"`)
			mp, mps := g.h19pv(h19js)
			f.add(`#define SECRET_MQTT_PASS "`+mp+`"`, mps...)
			dk := base64.StdEncoding.EncodeToString(g.h16bytes(24))
			f.add(`#define SECRET_DEVICE_KEY "`+dk+`"`, h15gen(dk))
			op := h19js(g.h19pass())
			f.add(`#define SECRET_OTA_PASSWORD "`+op+`"`, h15pw(op))
			if g.r.IntN(2) == 0 {
				bt := g.s(alnum+"-_", 32)
				f.add(`#define BLYNK_AUTH_TOKEN "`+bt+`"`, h15gen(bt))
			} else {
				tg := g.s("123456789", 1) + g.s(digits, 9) + ":AA" + g.s(urlb64, 33)
				f.add(`#define SECRET_BOT_TOKEN "`+tg+`"`, secret("telegram", tg))
			}
			fw := g.s(hexd, 64)
			f.add(`#define SECRET_FW_SHA256 "`+fw+`"`, neutral("hash", fw))
			f.add("")
			f.add(`static const char AWS_CERT_PRIVATE[] PROGMEM = R"KEY(`)
			g.h18pemIn(f, "")
			f.add(`)KEY";`)
		}},
		template{"mcu", "platformio.ini", func(g *gen, f *file) {
			bad := ` "'\;#$%{}`
			f.add("; PlatformIO Project Configuration File")
			f.add("[platformio]")
			f.add("default_envs = esp32dev")
			f.add("")
			f.add("[env]")
			f.add("framework = arduino")
			f.add("monitor_speed = 115200")
			f.add("lib_deps =")
			f.add("    knolleary/PubSubClient@^2.8")
			f.add("build_flags =")
			f.add(`    -D WIFI_SSID=\"` + g.pick("Warehouse", "Greenhouse", "Lab") + `\"`)
			wp := g.h19passNo(bad)
			f.add(`    -D WIFI_PASS=\"`+wp+`\"`, h15pw(wp))
			f.add(`    -D MQTT_HOST=\"` + g.h19host() + `\"`)
			mp := g.h19passNo(bad)
			f.add(`    -D MQTT_PASS=\"`+mp+`\"`, h15pw(mp))
			if g.r.IntN(2) == 0 {
				it := base64.URLEncoding.EncodeToString(g.h16bytes(64))
				f.add(`    -D INFLUXDB_TOKEN=\"`+it+`\"`, h15gen(it))
			} else {
				_, v, p := g.h19tok()
				f.add(`    -D API_KEY=\"`+v+`\"`, p)
			}
			f.add("")
			f.add("[env:esp32dev]")
			f.add("platform = espressif32")
			f.add("board = esp32dev")
			f.add("upload_protocol = espota")
			f.add("upload_port = " + g.h19ip())
			op := g.h19passNo(bad)
			f.add("upload_flags =")
			f.add("    --auth="+op, h15pw(op))
			f.add("")
			f.add("[env:release]")
			f.add("extends = env:esp32dev")
			f.add("extra_scripts = post:scripts/sign.py")
			f.add("custom_fw_sha = " + g.s(hexd, 64))
			e := g.h19email()
			f.add("custom_maintainer = "+e, h15mail(e))
		}},
	},
	// GIS.
	{
		template{"gis", "parcels.qgs", func(g *gen, f *file) {
			fn, ln := g.h19name()
			f.add(`<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>`)
			f.add(`<qgis projectname="` + g.pick("Cadastre", "Fleet depots", "Flood zones") + `" version="3.34.4-Prizren">`)
			f.add(`  <homePath path=""/>`)
			f.add(`  <title>` + g.pick("Cadastre 2026", "Depots", "Flood risk") + `</title>`)
			f.add(`  <projectlayers>`)
			for i := 0; i < 2+g.r.IntN(2); i++ {
				tbl := g.pick("parcels", "buildings", "depots", "roads", "flood_zones")
				f.add(`    <maplayer type="vector" geometry="Polygon" hasScaleBasedVisibilityFlag="0">`)
				f.add(`      <id>` + tbl + `_` + strings.ReplaceAll(g.h5uuid(), "-", "_") + `</id>`)
				if g.r.IntN(4) == 0 {
					f.add(`      <datasource>dbname='gis' host=` + g.h19host() + ` port=5432 authcfg=` + g.s(lower+digits, 7) + ` sslmode=require key='gid' srid=4326 type=MultiPolygon checkPrimaryKeyUnicity='1' table="public"."` + tbl + `" (geom)</datasource>`)
				} else {
					pw := h19text(h19conninfo(g.h19pass()))
					f.add(`      <datasource>dbname='gis' host=`+g.h19host()+` port=5432 user='`+g.h19user()+`' password='`+pw+`' sslmode=disable key='gid' srid=4326 type=MultiPolygon checkPrimaryKeyUnicity='1' table="public"."`+tbl+`" (geom)</datasource>`, h15pw(pw))
				}
				f.add(`      <layername>` + tbl + `</layername>`)
				f.add(`      <provider encoding="UTF-8">postgres</provider>`)
				f.add(`    </maplayer>`)
			}
			f.add(`    <maplayer type="raster">`)
			tk := g.s(hexd, 32)
			f.add(`      <datasource>crs=EPSG:3857&amp;format&amp;type=xyz&amp;url=https://tile.thunderforest.com/transport/%7Bz%7D/%7Bx%7D/%7By%7D.png?apikey%3D`+tk+`&amp;zmax=19&amp;zmin=0</datasource>`, neutral("hash", tk))
			f.add(`    </maplayer>`)
			f.add(`    <maplayer type="vector" geometry="Line">`)
			wp := h19text(h19conninfo(g.h19pass()))
			f.add(`      <datasource>pagingEnabled='true' password='`+wp+`' restrictToRequestBBOX='1' srsname='EPSG:4326' typename='gis:roads' url='https://`+g.h19host()+`/geoserver/wfs' username='`+g.h19user()+`' version='auto'</datasource>`, h15pw(wp))
			f.add(`    </maplayer>`)
			f.add(`  </projectlayers>`)
			f.add(`  <properties>`)
			f.add(`    <Variables>`)
			f.add(`      <variableNames type="QStringList"><value>api_key</value><value>owner</value></variableNames>`)
			_, v, p := g.h19tok()
			e := g.h19email()
			f.add(`      <variableValues type="QStringList"><value>`+v+`</value><value>`+e+`</value></variableValues>`, p, h15mail(e))
			f.add(`    </Variables>`)
			f.add(`  </properties>`)
			f.add(`  <projectMetadata><author>` + fn + " " + ln + `</author><creation>` + g.h19date() + `</creation></projectMetadata>`)
			f.add(`</qgis>`)
		}},
		template{"gis", "geoserver-config-dump.txt", func(g *gen, f *file) {
			ws := g.pick("cadastre", "fleet", "hydro")
			f.add("==> workspaces/" + ws + "/pg/datastore.xml <==")
			f.add("<dataStore>")
			f.add("  <id>DataStoreInfoImpl--" + g.s(hexd, 8) + ":" + g.s(hexd, 11) + ":-7ffe</id>")
			f.add("  <name>pg</name>")
			f.add("  <type>PostGIS</type>")
			f.add("  <enabled>true</enabled>")
			f.add("  <connectionParameters>")
			f.add(`    <entry key="host">` + g.h19host() + `</entry>`)
			f.add(`    <entry key="port">5432</entry>`)
			f.add(`    <entry key="database">gis</entry>`)
			f.add(`    <entry key="user">` + g.h19user() + `</entry>`)
			if g.r.IntN(3) == 0 {
				c := "crypt2:" + base64.StdEncoding.EncodeToString(g.h16bytes(32))
				f.add(`    <entry key="passwd">`+c+`</entry>`, neutral("ciphertext", c))
			} else {
				pw := h19text(g.h19pass())
				f.add(`    <entry key="passwd">`+pw+`</entry>`, h15pw(pw))
			}
			f.add(`    <entry key="dbtype">postgis</entry>`)
			f.add(`    <entry key="Expose primary keys">false</entry>`)
			f.add("  </connectionParameters>")
			f.add("</dataStore>")
			f.add("")
			f.add("==> workspaces/" + ws + "/basemap/wmsstore.xml <==")
			f.add("<wmsStore>")
			f.add("  <name>basemap</name>")
			_, v, p := g.h19tok()
			f.add(`  <capabilitiesURL>https://maps.`+g.pick(h19orgs...)+`/wms?SERVICE=WMS&amp;token=`+v+`</capabilitiesURL>`, p)
			f.add("  <user>" + g.h19user() + "</user>")
			wp := h19text(g.h19pass())
			f.add("  <password>"+wp+"</password>", h15pw(wp))
			f.add("  <maxConnections>6</maxConnections>")
			f.add("</wmsStore>")
			f.add("")
			f.add("==> security/usergroup/default/users.xml <==")
			f.add(`<userRegistry xmlns="http://www.geoserver.org/security/users" version="1.0">`)
			f.add(`<users>`)
			c1 := "crypt1:" + base64.StdEncoding.EncodeToString(g.h16bytes(24))
			f.add(`<user enabled="true" name="admin" password="`+c1+`"/>`, neutral("ciphertext", c1))
			pp := h19attr(g.h19pass())
			f.add(`<user enabled="true" name="`+g.h19user()+`" password="plain:`+pp+`"/>`, h15pw(pp))
			f.add(`</users>`)
			f.add(`</userRegistry>`)
			e := g.h19email()
			f.add("==> global.xml (contact) <==")
			f.add("<contactEmail>"+e+"</contactEmail>", h15mail(e))
		}},
	},
	// Plain-text accounting.
	{
		template{"accounting", "household.beancount", func(g *gen, f *file) {
			f.add(`option "title" "Household ledger"`)
			f.add(`option "operating_currency" "EUR"`)
			f.add("")
			ib := g.h19iban()
			f.add("2020-01-01 open Assets:Bank:Checking  EUR")
			f.add(`  iban: "`+ib+`"`, h15ib(ib))
			f.add(`  online: "https://ebanking.` + g.pick(h19orgs...) + `"`)
			lp := g.h19pass()
			f.add("  ; login "+g.h19user()+" / "+lp, h15pw(lp))
			c := g.card(false)
			f.add("2020-01-01 open Liabilities:Card:Visa  EUR")
			f.add(`  card: "`+c+`"`, h15cc(c))
			f.add("2020-01-01 open Expenses:Rent")
			f.add("2020-01-01 open Expenses:Food")
			f.add("")
			for i := 0; i < 3+g.r.IntN(3); i++ {
				d := fmt.Sprintf("2026-%02d-%02d", 1+g.r.IntN(12), 1+g.r.IntN(28))
				switch g.r.IntN(4) {
				case 0:
					pib := g.h19iban()
					f.add(d + ` * "Landlord" "Rent"`)
					f.add(`  payee-iban: "`+pib+`"`, h15ib(pib))
					f.add("  Assets:Bank:Checking  -650.00 EUR")
					f.add("  Expenses:Rent")
				case 1:
					a, b := g.h19name()
					e, ph := g.h19email(), g.h19phone()
					f.add(d + ` * "` + a + ` ` + b + `" "Dinner split" #split`)
					f.add(`  contact: "`+e+` / `+ph+`"`, h15mail(e), h15tel(ph))
					f.add("  Assets:Bank:Checking  42.50 EUR")
					f.add("  Expenses:Food  -42.50 EUR")
				case 2:
					f.add(d + ` * "Marketplace" "order ` + g.s(digits, 3) + "-" + g.s(digits, 7) + `"`)
					f.add("  Liabilities:Card:Visa  -" + fmt.Sprint(10+g.r.IntN(200)) + ".00 EUR")
					f.add("  Expenses:Food")
				default:
					f.add(d + ` balance Assets:Bank:Checking  ` + fmt.Sprint(g.r.IntN(9000)) + `.00 EUR`)
				}
				f.add("")
			}
			f.add(`2026-01-01 custom "fava-option" "import-config" "importers/config.py"`)
			_, iv, ip := g.h19tok()
			f.add("; importer token: "+iv, ip)
		}},
		template{"accounting", "finance.journal", func(g *gen, f *file) {
			ib := g.h19iban()
			f.add("; hledger journal")
			f.add("account assets:bank:checking     ; type:A, iban:"+ib, h15ib(ib))
			c := g.card(false)
			f.add("account liabilities:card        ; type:L, card:"+c, h15cc(c))
			f.add("account expenses:rent           ; type:X")
			f.add("account income:salary           ; type:R")
			bp := g.h19pass()
			f.add("; online banking: "+g.h19user()+" pass "+bp, h15pw(bp))
			f.add("")
			for i := 0; i < 3+g.r.IntN(3); i++ {
				d := fmt.Sprintf("2026-%02d-%02d", 1+g.r.IntN(12), 1+g.r.IntN(28))
				switch g.r.IntN(4) {
				case 0:
					pib := g.h19iban()
					f.add(d+" Rent  ; payee-iban:"+pib, h15ib(pib))
					f.add("    expenses:rent         15000 UAH")
					f.add("    assets:bank:checking")
				case 1:
					a, b := g.h19name()
					ph := g.h19phone()
					f.add(d+" * "+a+" "+b+" | loan back  ; phone:"+ph, h15tel(ph))
					f.add("    assets:bank:checking   2000 UAH")
					f.add("    assets:receivable")
				case 2:
					f.add(d + " * Employer | salary  ; ref:" + g.h5uuid())
					f.add("    assets:bank:checking  " + fmt.Sprint(30000+g.r.IntN(9000)) + " UAH")
					f.add("    income:salary")
				default:
					f.add(d + " Card payment  ; card *" + g.s(digits, 4))
					f.add("    expenses:food           " + fmt.Sprint(100+g.r.IntN(900)) + " UAH")
					f.add("    liabilities:card")
				}
				f.add("")
			}
			tp := g.h19pass()
			f.add("; ofxclient.ini for the card: password = "+tp, h15pw(tp))
		}},
	},
	// Travel.
	{
		template{"travel", "pnr-display.txt", func(g *gen, f *file) {
			office := g.pick("ATH", "DAC", "MNL", "BKK", "TLV", "IEV", "KHI", "ALA") + "1A0" + g.s(digits, 3)
			f.add(fmt.Sprintf("RP/%s/%s            AA/SU  %02dMAR26/%02d%02dZ   %s", office, office, 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), strings.ToUpper(g.s(upperD, 6))))
			n := 1 + g.r.IntN(2)
			var pax []string
			for i := 0; i < n; i++ {
				fn, ln := g.h19name()
				pax = append(pax, fmt.Sprintf("%d.%s/%s %s", i+1, strings.ToUpper(strings.ReplaceAll(ln, " ", "")), strings.ToUpper(fn), g.pick("MR", "MRS", "MS")))
			}
			f.add("  " + strings.Join(pax, "   "))
			el := n + 1
			line := func(s string, ps ...plant) {
				f.add(fmt.Sprintf("%3d %s", el, s), ps...)
				el++
			}
			line(fmt.Sprintf("%s Y %02dAPR 4 %s HK%d  0740 0930  %02dAPR  E  %s", g.pick("A3 602", "TG 916", "LY 315", "PK 785", "BG 201"), 1+g.r.IntN(28), g.pick("ATHLHR", "BKKNRT", "TLVFCO", "DACDXB"), n, 1+g.r.IntN(28), strings.ToUpper(g.s(upperD, 6))))
			ph := g.h19phone()
			line("AP "+ph+" - "+g.pick("PAPADOPOULOS TRAVEL", "SKYWAY TOURS", "CEBU TRAVEL DESK")+" - A", h15tel(ph))
			for p := 1; p <= n; p++ {
				m := strings.ReplaceAll(strings.ReplaceAll(g.h19phone(), " ", ""), "-", "")
				line(fmt.Sprintf("APM %s/P%d", m, p), h15tel(m))
				e := strings.ToUpper(g.h19email())
				line(fmt.Sprintf("APE %s/P%d", e, p), h15mail(e))
				enc := strings.NewReplacer("@", "//", "_", "..", "-", "./").Replace(e)
				line(fmt.Sprintf("SSR CTCE YY HK1 %s/P%d", enc, p), h15mail(enc))
				pn := strings.ToUpper(g.s(lower, 2)) + g.s(digits, 7)
				line(fmt.Sprintf("SSR DOCS YY HK1 P/GRC/%s/GRC/12JUL80/M/15JAN30/%s/P%d", pn, strings.Split(pax[p-1], "/")[0][2:], p), neutral("passport", pn))
			}
			line(fmt.Sprintf("TK OK%02dMAR/%s", 1+g.r.IntN(28), office))
			if g.r.IntN(3) == 0 {
				line(fmt.Sprintf("FP CCVIXXXXXXXXXXXX%s/%02d%02d", g.s(digits, 4), 1+g.r.IntN(12), 27+g.r.IntN(4)))
			} else {
				c := g.card(false)
				ty := map[byte]string{'4': "VI", '5': "CA", '3': "AX"}[c[0]]
				line(fmt.Sprintf("FP CC%s%s/%02d%02d*CV/AAPS1OK/N%s", ty, c, 1+g.r.IntN(12), 27+g.r.IntN(4), g.s(digits, 6)), h15cc(c))
			}
			if g.r.IntN(2) == 0 {
				id, _ := g.h19nid()
				line("RM NATIONAL ID "+id+" FOR VISA LETTER", h15id(id))
			}
			line("OPW " + office + "-30MAR:1900/1C7/YY REQUIRES TICKET ON OR BEFORE 31MAR:1900")
			f.add("*TRN*")
			f.add(">")
		}},
		template{"travel", "pms-reservations.csv", func(g *gen, f *file) {
			f.add("CONF_NO;GUEST_NAME;EMAIL;PHONE;ARRIVAL;DEPARTURE;ROOM;RATE_CODE;CC_TYPE;CC_NUMBER;CC_EXP;PASSPORT;NATIONAL_ID;COMMENTS")
			for i := 0; i < 3+g.r.IntN(3); i++ {
				fn, ln := g.h19name()
				e, ph := g.h19email(), g.h19phone()
				ps := []plant{h15mail(e), h15tel(ph)}
				c := g.card(false)
				cc := c
				if g.r.IntN(3) == 0 {
					cc = "XXXXXXXXXXXX" + c[len(c)-4:]
				} else {
					ps = append(ps, h15cc(c))
				}
				pn := strings.ToUpper(g.s(lower, 2)) + g.s(digits, 7)
				ps = append(ps, neutral("passport", pn))
				id := ""
				if g.r.IntN(2) == 0 {
					id, _ = g.h19nid()
					ps = append(ps, h15id(id))
				}
				com := g.pick("late arrival", "honeymoon, flowers", "", "VIP")
				if g.r.IntN(4) == 0 {
					pw := g.h19pass()
					com = "channel manager login " + g.h19user() + " / " + pw
					ps = append(ps, h15pw(h19csvIn(pw)))
				}
				f.add(fmt.Sprintf("%d;%s;%s;%s;2026-%02d-%02d;2026-%02d-%02d;%d;%s;%s;%s;%02d/%02d;%s;%s;%s", 10000000+g.r.IntN(9e7), h19csv(strings.ToUpper(ln)+", "+fn), e, ph, 1+g.r.IntN(12), 1+g.r.IntN(28), 1+g.r.IntN(12), 1+g.r.IntN(28), 100+g.r.IntN(900), g.pick("BAR", "CORP", "OTA"), map[byte]string{'4': "VA", '5': "MC", '3': "AX"}[c[0]], cc, 1+g.r.IntN(12), 27+g.r.IntN(4), pn, id, h19csv(com)), ps...)
			}
		}},
	},
	// Browser data.
	{
		template{"browser", "bookmarks.html", func(g *gen, f *file) {
			ts := func() string { return fmt.Sprint(1760000000 + g.r.IntN(2e7)) }
			f.add("<!DOCTYPE NETSCAPE-Bookmark-file-1>")
			f.add("<!-- This is an automatically generated file.")
			f.add("     It will be read and overwritten.")
			f.add("     DO NOT EDIT! -->")
			f.add(`<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">`)
			f.add("<TITLE>Bookmarks</TITLE>")
			f.add("<H1>Bookmarks</H1>")
			f.add("<DL><p>")
			f.add(`    <DT><H3 ADD_DATE="` + ts() + `" LAST_MODIFIED="` + ts() + `" PERSONAL_TOOLBAR_FOLDER="true">Bookmarks bar</H3>`)
			f.add("    <DL><p>")
			for i := 0; i < 5+g.r.IntN(3); i++ {
				switch g.r.IntN(7) {
				case 0:
					pw := h19pct(g.h19pass())
					f.add(`        <DT><A HREF="https://`+g.h19user()+`:`+pw+`@`+g.h19host()+`/admin/" ADD_DATE="`+ts()+`">Router admin</A>`, h15pw(pw))
				case 1:
					_, v, p := g.h19tok()
					f.add(`        <DT><A HREF="https://`+g.h19host()+`/d/`+g.s(alnum, 9)+`?orgId=1&amp;auth_token=`+v+`" ADD_DATE="`+ts()+`">Dashboard</A>`, p)
				case 2:
					k := "AIza" + g.s(urlb64, 35)
					f.add(`        <DT><A HREF="https://maps.googleapis.com/maps/api/staticmap?center=`+g.pick("Patras", "Cebu", "Lviv")+`&amp;zoom=12&amp;size=600x400&amp;key=`+k+`" ADD_DATE="`+ts()+`">Static map test</A>`, secret("google", k))
				case 3:
					wh, p := g.h18slack()
					f.add(`        <DT><A HREF="`+wh+`" ADD_DATE="`+ts()+`">Alert webhook</A>`, p)
				case 4:
					e := g.h19email()
					f.add(`        <DT><A HREF="mailto:`+e+`" ADD_DATE="`+ts()+`">Mail accountant</A>`, h15mail(e))
				case 5:
					f.add(`        <DT><A HREF="https://github.com/` + g.pick("lviv-soft", "haifa-robotics") + `/infra/commit/` + g.s(hexd, 40) + `" ADD_DATE="` + ts() + `" ICON="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQ` + g.s(b64, 40) + `">fix</A>`)
				default:
					ph := g.h19phone()
					f.add(`        <DT><A HREF="tel:`+strings.ReplaceAll(ph, " ", "")+`" ADD_DATE="`+ts()+`">Landlord</A>`, h15tel(strings.ReplaceAll(ph, " ", "")))
				}
			}
			f.add("    </DL><p>")
			f.add("</DL>")
		}},
		template{"browser", "sessionstore.json", func(g *gen, f *file) {
			f.add("{")
			f.add(`  "version": ["sessionrestore", 1],`)
			f.add(`  "windows": [`)
			f.add(`    {`)
			f.add(`      "tabs": [`)
			n := 2 + g.r.IntN(2)
			for i := 0; i < n; i++ {
				f.add(`        {`)
				f.add(`          "entries": [`)
				f.add(`            {`)
				switch g.r.IntN(3) {
				case 0:
					_, v, p := g.h19tok()
					f.add(`              "url": "https://`+g.h19host()+`/oauth/done#access_token=`+v+`&token_type=bearer",`, p)
				case 1:
					f.add(`              "url": "https://` + g.h19host() + `/tickets/` + fmt.Sprint(g.r.IntN(99999)) + `",`)
				default:
					f.add(`              "url": "https://` + g.h19host() + `/checkout/payment",`)
				}
				f.add(`              "title": "` + g.pick("Checkout", "Ticket", "Signed in", "Config editor") + `",`)
				du := "{" + g.h5uuid() + "}"
				f.add(`              "docshellUUID": "`+du+`",`, h19id(du))
				f.add(`              "triggeringPrincipal_base64": "{\"3\":{}}",`)
				f.add(`              "formdata": {`)
				f.add(`                "id": {`)
				e, ph := g.h19email(), g.h19phone()
				f.add(`                  "email": "`+e+`",`, h15mail(e))
				f.add(`                  "phone": "`+ph+`",`, h15tel(ph))
				if g.r.IntN(2) == 0 {
					ib := g.h19iban()
					f.add(`                  "iban": "`+ib+`"`, h15ib(ib))
				} else {
					c := g.card(true)
					f.add(`                  "cc-number": "`+c+`"`, h15cc(c))
				}
				f.add(`                },`)
				pw := h19js(g.h19pass())
				_, v, p := g.h19tok()
				f.add(`                "xpath": {"//xhtml:textarea[@id='config']": "DB_PASSWORD=`+pw+`\nAPI_KEY=`+v+`\n"}`, h15pw(pw), p)
				f.add(`              }`)
				f.add(`            }`)
				f.add(`          ],`)
				f.add(fmt.Sprintf(`          "lastAccessed": %d%03d,`, 1760000000+g.r.IntN(2e7), g.r.IntN(1000)))
				f.add(`          "index": 1`)
				if i < n-1 {
					f.add(`        },`)
				} else {
					f.add(`        }`)
				}
			}
			f.add(`      ],`)
			f.add(`      "cookies": [`)
			sv := g.h19rand()
			f.add(`        {"host": ".`+g.pick(h19orgs...)+`", "value": "`+sv+`", "path": "/", "name": "session_token", "httponly": true, "secure": true},`, h15gen(sv))
			f.add(`        {"host": ".` + g.pick(h19orgs...) + `", "value": "GA1.1.` + g.s(digits, 10) + `.` + g.s(digits, 10) + `", "path": "/", "name": "_ga"}`)
			f.add(`      ]`)
			f.add(`    }`)
			f.add(`  ],`)
			f.add(fmt.Sprintf(`  "session": {"lastUpdate": %d, "startTime": %d}`, 1760000000000+g.r.IntN(1e9), 1760000000000+g.r.IntN(1e9)))
			f.add("}")
		}},
	},
	// Boot loaders.
	{
		template{"boot", "menu.ipxe", func(g *gen, f *file) {
			bad := ` "'\$#;{}&|<>`
			host := "boot." + g.pick(h19orgs...)
			f.add("#!ipxe")
			f.add("# served from https://" + host + "/ — chainloaded by the DHCP server")
			f.add("dhcp || goto failed")
			f.add("set base-url https://" + host + "/images")
			f.add("set username deploy")
			pw := g.h19passNo(bad)
			f.add("set password "+pw, h15pw(pw))
			f.add("chain --autofree https://${username}:${password}@" + host + "/menu2.ipxe || goto failed")
			f.add("set initiator-iqn iqn.2010-04.org.ipxe:${hostname}")
			f.add("set root-path iscsi:" + g.h19ip() + "::::iqn.2026-03." + strings.TrimPrefix(host, "boot.") + ":storage")
			f.add("set reverse-username target")
			rp := g.h19passNo(bad)
			f.add("set reverse-password "+rp, h15pw(rp))
			kp := g.h19pass()
			f.add("kernel ${base-url}/vmlinuz ip=dhcp inst.ks=https://ks:"+h19pct(kp)+"@"+host+"/ks.cfg console=ttyS0,115200", h15pw(h19pct(kp)))
			f.add("initrd ${base-url}/initrd.img")
			_, v, p := g.h19tok()
			f.add("params")
			f.add("param mac ${net0/mac}")
			f.add("param token "+v, p)
			f.add("chain https://" + host + "/api/register##params")
			f.add("imgverify vmlinuz ${base-url}/vmlinuz.sig")
			f.add("# image sha256 " + g.s(hexd, 64))
			f.add("boot || goto failed")
			f.add(":failed")
			f.add("echo Boot failed, contact " + g.pick("the NOC", "IT"))
			f.add("shell")
		}},
		template{"boot", "grub.cfg", func(g *gen, f *file) {
			bad := ` "'\$#;{}&|<>*?[]()!`
			f.add("# /boot/grub/grub.cfg — generated by hand for the lab servers")
			f.add("set timeout=5")
			f.add("set default=0")
			f.add(`set superusers="root maint"`)
			h := "grub.pbkdf2.sha512.10000." + strings.ToUpper(g.s(hexd, 64)) + "." + strings.ToUpper(g.s(hexd, 128))
			f.add("password_pbkdf2 root "+h, neutral("hash", h))
			pw := g.h19passNo(bad)
			f.add("password maint "+pw, h15pw(pw))
			u := g.h5uuid()
			f.add("menuentry 'Ubuntu' --class ubuntu --unrestricted {")
			f.add("  insmod gzio")
			f.add("  search --no-floppy --fs-uuid --set=root "+u, h19id(u))
			f.add("  linux /vmlinuz root=UUID=" + u + " ro quiet splash")
			f.add("  initrd /initrd.img")
			f.add("}")
			host := g.h19host()
			kp := g.h19pass()
			f.add("menuentry 'Reinstall (kickstart)' --users maint {")
			f.add("  linux /images/vmlinuz inst.ks=https://ks:"+h19pct(kp)+"@"+host+"/ks.cfg inst.repo=https://"+host+"/rocky/9", h15pw(h19pct(kp)))
			f.add("  initrd /images/initrd.img")
			f.add("}")
			ap := g.h19pass()
			f.add("menuentry 'Autoinstall' --users maint {")
			f.add(`  linux /casper/vmlinuz autoinstall ds=nocloud-net\;s=https://seed:`+h19pct(ap)+`@`+host+`/seed/ ---`, h15pw(h19pct(ap)))
			f.add("  initrd /casper/initrd")
			f.add("}")
			if g.r.IntN(2) == 0 {
				_, v, p := g.h19tok()
				f.add("menuentry 'Rescue (reports to NOC)' {")
				f.add("  linux /rescue/vmlinuz rescue.report_token="+v, p)
				f.add("}")
			}
		}},
	},
	// Kubernetes distributions.
	{
		template{"k8sdistro", "talos-controlplane.yaml", func(g *gen, f *file) {
			enc := base64.StdEncoding.EncodeToString
			tok := func() string { return g.s(lower+digits, 6) + "." + g.s(lower+digits, 16) }
			key := func(kind string) (string, plant) {
				h, body, ft := g.pemBlock(kind, 1, 8)
				v := enc([]byte(h + "\n" + strings.Join(body, "\n") + "\n" + ft + "\n"))
				return v, plant{family: "private-key", kind: "secret", value: v, core: v[:40]}
			}
			cert := func() string {
				return enc([]byte("-----BEGIN CERTIFICATE-----\n" + g.s(b64, 64) + "\n" + g.s(b64, 40) + "\n-----END CERTIFICATE-----\n"))
			}
			f.add("version: v1alpha1")
			f.add("debug: false")
			f.add("persist: true")
			f.add("machine:")
			f.add("  type: controlplane")
			mt := tok()
			f.add("  token: "+mt, secret("talos", mt))
			f.add("  ca:")
			f.add("    crt: " + cert())
			k, kp := key("ED25519 PRIVATE KEY")
			f.add("    key: "+k, kp)
			f.add("  certSANs: []")
			f.add("  install:")
			f.add("    disk: /dev/sda")
			f.add("    image: ghcr.io/siderolabs/installer:v1.9." + fmt.Sprint(g.r.IntN(5)))
			f.add("  registries:")
			f.add("    config:")
			f.add("      reg." + g.pick(h19orgs...) + ":")
			f.add("        auth:")
			f.add("          username: " + g.h19user())
			pw := h19js(g.h19pass())
			f.add(`          password: "`+pw+`"`, h15pw(pw))
			f.add("cluster:")
			cid := enc(g.h16bytes(32))
			f.add("  id: "+cid, neutral("id", cid))
			cs := enc(g.h16bytes(32))
			f.add("  secret: "+cs, h15gen(cs))
			f.add("  controlPlane:")
			f.add("    endpoint: https://" + g.h19ip() + ":6443")
			f.add("  clusterName: " + g.pick("lab", "edge", "prod-eu"))
			ct := tok()
			f.add("  token: "+ct, secret("talos", ct))
			se := enc(g.h16bytes(32))
			f.add("  secretboxEncryptionSecret: "+se, h15gen(se))
			f.add("  ca:")
			f.add("    crt: " + cert())
			k2, kp2 := key("EC PRIVATE KEY")
			f.add("    key: "+k2, kp2)
			f.add("  serviceAccount:")
			k3, kp3 := key("RSA PRIVATE KEY")
			f.add("    key: "+k3, kp3)
		}},
		template{"k8sdistro", "k3s-config-and-registries.yaml", func(g *gen, f *file) {
			f.add("# /etc/rancher/k3s/config.yaml")
			t, tp := g.h19k3s("server")
			f.add("token: "+t, tp)
			ap := h19js(g.h19pass())
			f.add(`agent-token: "`+ap+`"`, h15pw(ap))
			f.add("tls-san:")
			f.add("  - k3s." + g.pick(h19orgs...))
			f.add(`write-kubeconfig-mode: "0644"`)
			dp := g.h19pass()
			f.add(`datastore-endpoint: "postgres://k3s:`+h19pct(dp)+`@`+g.h19host()+`:5432/k3s"`, h15pw(h19pct(dp)))
			f.add("etcd-s3: false")
			id, sk := g.h15awsID(), g.h16awsSecret()
			f.add("# etcd-s3-access-key: "+id, secret("aws", id))
			f.add("# etcd-s3-secret-key: "+sk, secret("aws", sk))
			f.add("node-label:")
			f.add("  - topology.kubernetes.io/zone=" + g.pick("a", "b", "c"))
			f.add("---")
			f.add("# /etc/rancher/k3s/registries.yaml")
			f.add("mirrors:")
			f.add("  docker.io:")
			f.add("    endpoint:")
			f.add(`      - "https://reg.` + g.pick(h19orgs...) + `"`)
			f.add("configs:")
			f.add(`  "reg.` + g.pick(h19orgs...) + `":`)
			f.add("    auth:")
			f.add("      username: " + g.h19user())
			rp, rps := g.h19pv(h19js)
			f.add(`      password: "`+rp+`"`, rps...)
			f.add("    tls:")
			f.add("      insecure_skip_verify: false")
			f.add(`  "ghcr.io":`)
			f.add("    auth:")
			f.add("      username: " + g.pick("ci-bot", "deploy"))
			gh := g.h5gh("ghp_")
			f.add("      password: "+gh, secret("github", gh))
			if g.r.IntN(2) == 0 {
				ba := base64.StdEncoding.EncodeToString([]byte(g.h19user() + ":" + g.h19pass()))
				f.add(`  "quay.io":`)
				f.add("    auth:")
				f.add("      auth: "+ba, h15pw(ba))
			}
		}},
	},
	// Hypervisors.
	{
		template{"hypervisor", "pve-shell-session.txt", func(g *gen, f *file) {
			pr := "root@pve" + fmt.Sprint(1+g.r.IntN(3)) + ":~# "
			f.add(pr + "cat /etc/pve/storage.cfg")
			f.add("dir: local")
			f.add("\tpath /var/lib/vz")
			f.add("\tcontent iso,vztmpl,backup")
			f.add("")
			f.add("cifs: nas-backup")
			f.add("\tpath /mnt/pve/nas-backup")
			f.add("\tserver " + g.h19ip())
			f.add("\tshare backup")
			f.add("\tusername svc_backup")
			f.add("\tdomain CORP")
			f.add("")
			f.add("pbs: pbs-offsite")
			f.add("\tdatastore store1")
			f.add("\tserver pbs." + g.pick(h19orgs...))
			var fp []string
			for i := 0; i < 32; i++ {
				fp = append(fp, g.s(hexd, 2))
			}
			fps := strings.Join(fp, ":")
			f.add("\tfingerprint "+fps, neutral("hash", fps))
			f.add("\tusername backup@pbs")
			f.add("")
			f.add(pr + "cat /etc/pve/priv/storage/nas-backup.pw")
			p1 := g.h19pass()
			f.add(p1, h15pw(p1))
			f.add(pr + "cat /etc/pve/priv/storage/pbs-offsite.pw")
			p2 := g.h19pass()
			f.add(p2, h15pw(p2))
			f.add(pr + "cat /etc/pve/priv/storage/pbs-offsite.enc")
			ek := base64.StdEncoding.EncodeToString(g.h16bytes(32))
			f.add(`{"kdf":null,"created":"2026-01-0`+fmt.Sprint(1+g.r.IntN(9))+`T10:00:00+02:00","modified":"2026-01-01T10:00:00+02:00","data":"`+ek+`","fingerprint":"`+fps[:47]+`"}`, h15gen(ek))
			f.add(pr + "pveum user token add terraform@pve provider --privsep 0")
			tu := g.h5uuid()
			f.add("┌──────────────┬──────────────────────────────────────┐")
			f.add("│ key          │ value                                │")
			f.add("╞══════════════╪══════════════════════════════════════╡")
			f.add("│ full-tokenid │ terraform@pve!provider               │")
			f.add("├──────────────┼──────────────────────────────────────┤")
			f.add("│ value        │ "+tu+" │", secret("proxmox", tu))
			f.add("└──────────────┴──────────────────────────────────────┘")
			f.add(pr+"curl -sk -H 'Authorization: PVEAPIToken=terraform@pve!provider="+tu+"' https://localhost:8006/api2/json/nodes", secret("proxmox", tu))
			if g.r.IntN(2) == 0 {
				rp := g.h19pass()
				f.add(pr+"qm set 104 --ciuser ops --cipassword '"+h19sh(rp)+"'", h15pw(h19sh(rp)))
			}
		}},
		template{"hypervisor", "vsphere-creds.txt", func(g *gen, f *file) {
			vc := "vc." + g.pick(h19orgs...)
			f.add("$ cat ~/.govc.env")
			f.add("export GOVC_URL='https://" + vc + "/sdk'")
			f.add("export GOVC_USERNAME='administrator@vsphere.local'", neutral("role-email", "administrator@vsphere.local"))
			gp, gps := g.h19pv(h19sh)
			f.add("export GOVC_PASSWORD='"+gp+"'", gps...)
			f.add("export GOVC_INSECURE=1")
			f.add("export GOVC_DATACENTER=DC1")
			up := g.h19pass()
			f.add("$ govc about -u 'https://"+g.h19user()+"%40vsphere.local:"+h19sh(h19pct(up))+"@"+vc+"/sdk'", h15pw(h19pct(up)))
			f.add("FullName:     VMware vCenter Server 8.0.3 build-" + g.s(digits, 8))
			f.add("InstanceUuid: " + g.h5uuid())
			cp := h19sq(g.h19pass())
			f.add("PS> Connect-VIServer -Server "+vc+" -User 'svc_auto@vsphere.local' -Password '"+cp+"'", neutral("role-email", "svc_auto@vsphere.local"), h15pw(cp))
			ep := h19sq(g.h19pass())
			f.add("PS> New-VICredentialStoreItem -Host esx0"+fmt.Sprint(1+g.r.IntN(8))+"."+g.pick(h19orgs...)+" -User root -Password '"+ep+"'", h15pw(ep))
			f.add(`PS> Get-Content $env:APPDATA\VMware\credstore\vicredentials.xml`)
			f.add(`<?xml version="1.0" encoding="UTF-8"?>`)
			f.add(`<viCredentials>`)
			f.add(`  <version>2.0</version>`)
			f.add(`  <passwordEntry>`)
			f.add(`    <host>esx01.` + g.pick(h19orgs...) + `</host>`)
			f.add(`    <username>root</username>`)
			c := base64.StdEncoding.EncodeToString(g.h16bytes(48))
			f.add(`    <password>`+c+`</password>`, neutral("ciphertext", c))
			f.add(`  </passwordEntry>`)
			f.add(`</viCredentials>`)
			e := g.h19email()
			f.add("# questions: "+e, h15mail(e))
		}},
	},
	// Trading.
	{
		template{"trading", "freqtrade-config.json", func(g *gen, f *file) {
			f.add("{")
			f.add(`    "max_open_trades": ` + fmt.Sprint(2+g.r.IntN(6)) + `,`)
			f.add(`    "stake_currency": "USDT",`)
			f.add(`    "dry_run": false,`)
			f.add(`    "exchange": {`)
			f.add(`        "name": "` + g.pick("binance", "kraken", "okx", "bybit") + `",`)
			k, s := g.s(alnum, 64), g.s(alnum, 64)
			f.add(`        "key": "`+k+`",`, h15gen(k))
			f.add(`        "secret": "`+s+`",`, h15gen(s))
			if g.r.IntN(2) == 0 {
				pp := h19js(g.h19pass())
				f.add(`        "password": "`+pp+`",`, h15pw(pp))
			} else {
				f.add(`        "password": "",`)
			}
			f.add(`        "pair_whitelist": ["BTC/USDT", "ETH/USDT"]`)
			f.add(`    },`)
			tg := g.s("123456789", 1) + g.s(digits, 9) + ":AA" + g.s(urlb64, 33)
			f.add(`    "telegram": {"enabled": true, "token": "`+tg+`", "chat_id": "`+g.s(digits, 9)+`"},`, secret("telegram", tg))
			f.add(`    "api_server": {`)
			f.add(`        "enabled": true,`)
			f.add(`        "listen_ip_address": "0.0.0.0",`)
			f.add(`        "listen_port": 8080,`)
			js := g.h19rand()
			f.add(`        "jwt_secret_key": "`+js+`",`, h15gen(js))
			ws := base64.RawURLEncoding.EncodeToString(g.h16bytes(25))
			f.add(`        "ws_token": "`+ws+`",`, h15gen(ws))
			f.add(`        "username": "freqtrader",`)
			ap, aps := g.h19pv(h19js)
			f.add(`        "password": "`+ap+`"`, aps...)
			f.add(`    },`)
			dp := g.h19pass()
			f.add(`    "db_url": "postgresql+psycopg://ft:`+h19pct(dp)+`@`+g.h19host()+`:5432/freqtrade",`, h15pw(h19pct(dp)))
			dw := g.s(urlb64, 68)
			wh := "https://discord.com/api/webhooks/1" + g.s(digits, 18) + "/" + dw
			f.add(`    "discord": {"enabled": true, "webhook_url": "`+wh+`"},`, plant{family: "discord", kind: "secret", value: wh, core: dw})
			f.add(`    "bot_name": "` + g.pick("grid-bot", "swing", "dca") + `",`)
			f.add(`    "initial_state": "running"`)
			f.add("}")
		}},
		template{"trading", "quickfix-session.txt", func(g *gen, f *file) {
			sender, target := strings.ToUpper(g.s(lower, 6)), g.pick("LMAXD", "CBOEFX", "BRKR01", "FXALL")
			soh := g.pick("|", "^A", "\x01")
			f.add("# quickfix/initiator.cfg")
			f.add("[DEFAULT]")
			f.add("ConnectionType=initiator")
			f.add("ReconnectInterval=30")
			f.add("FileStorePath=store")
			f.add("FileLogPath=log")
			f.add("StartTime=00:00:00")
			f.add("EndTime=00:00:00")
			f.add("UseDataDictionary=Y")
			f.add("DataDictionary=spec/FIX44.xml")
			f.add("SocketUseSSL=Y")
			kp := g.h19pass()
			f.add("SocketKeyStorePassword="+kp, h15pw(kp))
			f.add("[SESSION]")
			f.add("BeginString=FIX.4.4")
			f.add("SenderCompID=" + sender)
			f.add("TargetCompID=" + target)
			f.add("SocketConnectHost=fix." + g.pick(h19orgs...))
			f.add("SocketConnectPort=443")
			f.add("Username=" + strings.ToLower(sender))
			pw := g.h19passNo("|^")
			f.add("Password="+pw, h15pw(pw))
			f.add("")
			f.add("# log/FIX.4.4-" + sender + "-" + target + ".messages.current.log")
			ts := func() string {
				return fmt.Sprintf("2026%02d%02d-%02d:%02d:%02d.%03d", 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), g.r.IntN(1000))
			}
			msg := func(fields ...string) string { return strings.Join(fields, soh) + soh }
			f.add(ts()+" : "+msg("8=FIX.4.4", "9="+fmt.Sprint(90+g.r.IntN(40)), "35=A", "34=1", "49="+sender, "52="+ts(), "56="+target, "98=0", "108=30", "141=Y", "553="+strings.ToLower(sender), "554="+pw, "10="+fmt.Sprintf("%03d", g.r.IntN(256))), h15pw(pw))
			f.add(ts() + " : " + msg("8=FIX.4.4", "9=72", "35=A", "34=1", "49="+target, "52="+ts(), "56="+sender, "98=0", "108=30", "10="+fmt.Sprintf("%03d", g.r.IntN(256))))
			if g.r.IntN(2) == 0 {
				np := g.h19passNo("|^")
				f.add(ts()+" : "+msg("8=FIX.4.4", "9=118", "35=BE", "34=2", "49="+sender, "56="+target, "923="+g.s(digits, 6), "924=3", "553="+strings.ToLower(sender), "554="+pw, "925="+np, "10=077"), h15pw(pw), h15pw(np))
			}
			sig := base64.StdEncoding.EncodeToString(g.h16bytes(32))
			f.add(ts()+" : "+msg("8=FIX.4.4", "9=140", "35=D", "34=3", "49="+sender, "56="+target, "11=ORD"+g.s(digits, 8), "1="+g.s(upperD, 8), "55=EUR/USD", "54=1", "38="+fmt.Sprint(1000*(1+g.r.IntN(50))), "40=2", "44=1.0"+g.s(digits, 3), "95=44", "96="+sig, "10=155"), neutral("signature", sig))
			e := g.h19email()
			f.add("# onboarding contact at the venue: "+e, h15mail(e))
		}},
	},
}

var held19aTemplates, held19bTemplates = halves(held19Families)
