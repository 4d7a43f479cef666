// Command evalcorpus writes a labelled evaluation corpus that owes nothing to
// ../shared/corpus/gen.py or to the rules' own examples: many small files of the kinds
// secrets and personal data really sit in — .env, YAML, JSON, NDJSON logs, CSV exports,
// XML configuration, properties and INI files, SQL dumps, nginx access logs, Go, Java,
// PHP, Python and JavaScript source, Markdown, Jupyter notebooks, and chat prose in
// Chinese, Japanese, Russian and Spanish — with values written from the providers'
// documented formats and look-alikes that must stay quiet.
//
//	evalcorpus -out DIR [-split dev|held|held2|held3|held4|held5|held6|held7|held8|held9a|held9b|held10a|held10b|held11a|held11b|held12a|held12b|held13a|held13b|held14a|held14b|held15a|held15b|held16a|held16b|held17a|held17b|held18a|held18b|held19a|held19b|held20a|held20b|held21a|held21b|held22a|held22b|held23a|held23b|held24a|held24b|held25a|held25b|held26a|held26b|held27a|held27b|held28a|held28b] [-files N] [-seed S]
//
// Two splits use disjoint pools of key names, prose and templates' wording and different
// seeds: "dev" may be looked at while rules are written, "held" is kept for reporting.
// "held" was run and its misses printed once while rules were written, so a third split,
// "held2" (held2.go), has templates, file kinds, names, wording and value generators of
// its own, written before any of its results were seen; only its totals are reported.
// "held3" (held3.go) is a fourth, again with its own templates, file kinds (CSV with
// headers, Helm values, Kubernetes secrets, TOML, e-mail, HTML, shell history, …),
// prose (German and Korean besides the others), encodings and hard negatives; its
// first run was its out-of-sample figure, after which it was tuned on.
// "held4" (held4.go) is a fifth, written without reading held2's or held3's templates:
// infrastructure and CI files, HTTP dumps and HAR, stack traces and journald, Windows
// files, C/Rust/Kotlin/Swift source, delimited exports, chat transcripts and exports,
// mail, prose in French, Portuguese, Italian, Turkish, Arabic, Hindi and Vietnamese.
// "held5" (held5.go, held5_templates.go) is a sixth, written without reading held2's,
// held3's or held4's templates: state files and CLI output, credential dotfiles, CI and
// ops configuration, server logs (Redis MONITOR, ClickHouse query_log, an LLM request
// log), LDIF/vCard/iCalendar, AsciiDoc/RST/org/LaTeX, mbox in quoted-printable, chat
// exports in twelve more languages; its first run is its out-of-sample figure.
// "held6" (held6.go, held6_templates.go) is a seventh, written without reading the
// others' templates: mobile app files, IaC (CloudFormation, Pulumi, Bicep, serverless),
// Salt/Puppet/Chef, proxies, JVM and web framework configs, Windows batch files, an LLM
// gateway's trace export, curl -v, a MySQL general log, PuTTY/PGP/JWK keys and prose in
// eight more languages, with doubly escaped, HTML-entity and base64 values.
// "held7" (held7.go, held7_templates.go) is an eighth: database client output and
// dumps, observability payloads (OTLP spans, Sentry, Datadog, journald export, RFC 5424),
// HTTP captures, data science files, LLM batch and fine-tuning files, patches, SMTP
// transcripts, chat exports in fifteen more languages, and passwords under names that
// do not say "password"; its first run is its out-of-sample figure.
// "held8" (held8.go, held8_templates.go) is a ninth: source in eight more languages,
// secrets inside concatenation, f-strings, heredocs and raw strings, CI logs with
// timestamps and ANSI colour, CLI output (helm, kubectl, reg, docker, terraform, git),
// crash reports with environment dumps, profiles, IDE run configurations, spreadsheets,
// prose with a clause between name and value and keys pasted alone in chat; its first
// run is its out-of-sample figure.
// "held9a" and "held9b" (held9.go, held9_templates.go) are a tenth split in two halves:
// each template family has two variants of one class in different shapes (WireGuard
// against strongSwan, FileZilla against lftp, kubeconfig against gh/terraform/yarn
// stores, GraphQL variables against multipart bodies, …); held9a may be tuned on, held9b
// is held out and only its totals are read, so the two first runs and the runs after
// tuning on held9a measure how far tuning generalises to a sibling's shapes.
// "held10a" and "held10b" (held10.go, held10_templates.go) are an eleventh split in the
// same two-halves style (Wi-Fi profiles, network devices, SNMP/IPMI, alerting, ASP.NET,
// game servers, mobile logs, SMTP relays, CIFS mounts, …): held10a may be tuned on,
// held10b is held out and only its totals are read.
// "held11a" and "held11b" (held11.go, held11_templates.go) are a twelfth split the same
// way (directory services, DNS TSIG keys, backup tools, mail and IRC clients, CI systems
// other than Jenkins, package manager auth files, serialized sessions, Windows event
// logs, auditd, forward proxies, monitoring, home automation, media servers, smaller
// clouds' CLIs, ACME plugins, self-hosted apps, office XML): held11a may be tuned on,
// held11b is held out and only its totals are read.
// "held12a" and "held12b" (held12.go, held12_templates.go) are a thirteenth split the
// same way (MCP and AI assistant configs, LLM gateways and SDK scripts, ML tracking
// credentials, orchestrators, edge/PaaS files, backends as a service, telemetry
// pipelines, database REPL histories, IDE files, PHP shops, 3D printers and cameras,
// GitOps, integration platforms, tunnels, load tests, search engines, app signing, file
// sync, chat-ops bots, prose in ten more languages): held12a may be tuned on, held12b is
// held out and only its totals are read.
// "held13a" and "held13b" (held13.go, held13_templates.go) are a fourteenth split the
// same way (API gateways, identity providers, mail transfer agents, backup services,
// Windows credentials on command lines and in publish profiles, database GUI clients,
// streaming brokers, HTTP clients' files, APM agents, payment SDKs, artifact repository
// clients, router firmware, SQL that creates users and links, remote build caches, log
// servers, self-hosted web apps, live streaming, blockchain nodes and dev tools, prose in
// ten more languages): held13a may be tuned on, held13b is held out and only its totals
// are read.
// "held14a" and "held14b" (held14.go, held14_templates.go) are a fifteenth split the
// same way (Terraform state and plans, Kubernetes Secrets, CI logs, browser captures, API
// collections, notebooks, shell histories, container builds, service managers, crash
// reports, mail, chat exports, LLM chat logs, database query logs, SQL dumps, keys inside
// other formats, connection strings, front-end bundles, prose in six more languages,
// personal-data records): held14a may be tuned on, held14b is held out and only its
// totals are read.
// "held15a" and "held15b" (held15.go, held15_templates.go) are a sixteenth split the
// same way (an AI app's log stream, Ansible, Helm and compose overrides, Bitbucket and
// CircleCI YAML, PHP and web framework configs, .pgpass and rclone.conf, .reg and
// PowerShell, issue trackers, IRC and Teams, HTML pages, grpcurl and protobuf text,
// Elixir and Erlang configs, locale CSV and SpreadsheetML exports, syslog and logfmt,
// secret managers' CLI output, PaaS config vars, cloud-init and Butane, HL7 and FHIR,
// SEPA and MT940, prose in eight more languages): held15a may be tuned on, held15b is
// held out and only its totals are read.
// "held16a" and "held16b" (held16.go, held16_templates.go) are a seventeenth split the
// same way (a Redis AOF and IMAP/POP3/FTP sessions, preseed and Kickstart, macOS
// keychain dumps and KWallet exports, WildFly and Liberty datasources, ALB and Envoy
// access logs, systemctl status and docker ps, mysqldump INSERTs and SQL*Plus output,
// VBA and ABAP, Objective-C and Delphi, keepalived and pcs fence agents, iSCSI CHAP and
// Ceph keys, libvirt XML and clouds.yaml, AWS CDK and Jsonnet, prefs.js and defaults
// read, Travis and AppVeyor, SMS backups and LINE histories in ten more languages,
// Markdown and MediaWiki credential tables, Dhall and Pkl, Tink keysets and Kubernetes
// EncryptionConfiguration, tac_plus and VyOS): held16a may be tuned on, held16b is held
// out and only its totals are read.
// "held17a" and "held17b" (held17.go, held17_templates.go) are an eighteenth split the
// same way (JCL and RACF, Fortran namelists and nextflow.config, jcmd system properties
// and jps -lvm, tshark -V and Zeek logs, Mastodon and Discourse, ERPNext and Dolibarr,
// GEDCOM and dcmdump, X12 837 and EDIFACT PAXLST, MT103 and camt.053, direnv and pm2,
// klist -K and ktpass, Bamboo and Spinnaker, Crossplane and Tekton, ModSecurity and
// varnishlog, Intune exports and WCD customizations.xml, Zulip and Rocket.Chat exports
// in ten more languages, aliyun and yc configs, Crystal and Grails, Power Query M and
// Apps Script, Kannel and Gammu): held17a may be tuned on, held17b is held out and only
// its totals are read.
// "held18a" and "held18b" (held18.go, held18_templates.go) are a nineteenth split the
// same way (Emacs init.el and .vimrc, Zeppelin note.json and Quarto .qmd, Stata logs and
// SPSS syntax, uWSGI ini and gunicorn.conf.py, Varnish VCL and OpenResty Lua blocks,
// Zendesk JSON and Freshdesk CSV exports in eight more languages, a localStorage dump and
// Android shared_prefs, WebLogic WLST and Karaf features.xml, Trino catalogs and Oozie
// workflows, terragrunt.hcl and .kitchen.yml, alembic.ini and sqitch.conf, PowerShell
// transcripts and Export-Clixml, cabal config and Julia startup.jl, Tableau .tds and
// DBeaver data-sources.json, Google Chat Takeout and Skype exports in eight more
// languages, Gatus and Sensu Go, Kea and PowerDNS, hostapd and iwd, chezmoi and mise,
// justfile and Taskfile): held18a may be tuned on, held18b is held out and only its
// totals are read.
// "held19a" and "held19b" (held19.go, held19_templates.go) are a twentieth split the
// same way (Notion and Obsidian notes, Trello JSON and Asana CSV exports, Viber CSV and
// Threema chats in eight more languages, Pat Winlink and Pi-Star configs, POS journals
// and ISO 8583 traces, .xcscheme and .xcconfig, Ghost and Wiki.js configs, Domino DXL
// and zmlocalconfig, COBOL copybook extracts and WORKING-STORAGE, HRIS CSV and worker
// XML, electron-builder and Tauri release files, arduino_secrets.h and platformio.ini,
// QGIS projects and GeoServer stores, Beancount and hledger, Amadeus PNRs and hotel PMS
// exports, bookmarks.html and Firefox session stores, iPXE and GRUB, Talos and K3s
// configs, Proxmox and vSphere credentials, Freqtrade and QuickFIX): held19a may be
// tuned on, held19b is held out and only its totals are read.
// "held20a" and "held20b" (held20.go, held20_templates.go) are a twenty-first split the
// same way, written without reading the detector (OFX and QIF, UBL and Factur-X
// invoices, Akamai .edgerc and Fastly configs, crowdin.yml and .transifexrc, sapnwrfc.ini
// and JCo destinations, Slurm and PBS, Synapse and mautrix bridges, ld-relay and
// Unleash/Flagsmith, M3U playlists and Kodi userdata, CUPS printers.conf and MFP address
// books, SIM batch files and Open5GS subscribers, ChirpStack and TTN devices, OneRoster
// and IMS Enterprise rosters, Concordance DAT and EDRM XML, Qualtrics and LimeSurvey
// exports, Intercom and LiveChat transcripts in eight more languages, Salesforce Data
// Loader and SuiteCRM, FreeSWITCH directories and Yealink provisioning, Roundcube and
// SOGo, Matomo and Plausible/Umami): its first run was out of sample; held20a may be
// tuned on (since stop 33), held20b is held out and only its totals are read.
// "held21a" and "held21b" (held21.go, held21_templates.go) are a twenty-second split the
// same way, written without reading the detector (fixed-width crew rosters and EFB
// managed-app plists, VSAT terminal configs and IMO FAL crew lists, Galaxy and BaseSpace
// or Seven Bridges credentials, SCPI session logs and LIMS exports, Steamworks VDF and
// Godot export presets, Amazon order reports and SP-API credentials, Dynamics NAV
// CustomSettings.config and BcContainerHelper scripts, Asterisk Master.csv and ASN.1 CDR
// dumps, Niagara station XML and BMS gateway TOML, Guix config.scm and Clojure EDN,
// Velociraptor client configs and osquery flags, Teltonika SMS commands and traccar.xml,
// CUE and Tiltfiles, NCPDP SCRIPT and ASAP 4.2 files, call-centre transcripts in eight
// more languages, NACHA files and Moov ACH captures, ACORD AL3 and ACORD XML, OpenAS2
// and AS2 connector properties, koha-conf.xml and SIP2 traces, Xibo and Screenly
// settings): both halves are held out from everyone but their writer; only totals are
// read.
// "held22a" and "held22b" (held22.go, held22_templates.go) are a twenty-third split the
// same way, written without reading the detector (JCAMP-DX spectra and h5dump output,
// FITS headers and INDI driver configs, RANCID .cloginrc and Expect scripts, LEDES
// 1998B and LEDES XML invoices, BAI2 files and bank SFTP connector YAML, ISOXML
// TASKDATA and farm management sync properties, OCPP 1.6J logs and charge point INI
// files, weewx.conf and weather station upload logs, Mailman 3 and Sympa configs, RTF
// and groff ms memos, Firebird isql scripts and Informix UNLOAD files, AutoHotkey and
// AutoIt scripts, Mirth Connect properties and channel exports, Open edX lms.yml and
// Chamilo configuration.php, CasparCG configs and MOS messages, BigCommerce Stencil and
// Shopware .env.local, .cirrus.yml and Earthfiles, Greengrass and Azure IoT Edge
// configs, voicemail transcripts in eight more languages, school messaging exports in
// eight more languages): both halves are held out from everyone but their writer; only
// totals are read.
// "held23a" and "held23b" (held23.go, held23_templates.go) are a twenty-fourth split the
// same way, written without reading the detector (OpenEMR sqlconf.php and OpenMRS
// runtime properties, QGroundControl.ini and MAVProxy .mavinit.scr, Second Life LSL and
// Roblox Luau scripts, TallyPrime XML and GST e-invoice client settings, kamctlrc and
// kamailio.cfg, ZKTeco user exports and Lenel OnGuard ACS.INI, DocuSign Connect events
// and ds_config.py, Canvas database.yml and LTI 1.3 tool registrations, Z-Wave JS UI
// settings and OpenZWave options.xml, bitrise.yml and Buildbot master.cfg, Hammerspoon
// init.lua and Keyboard Maestro macros, ABA direct entry files and STP payroll CSV,
// ArchivesSpace config.rb and EAD finding aids, HTCondor configs and submit files,
// Snakemake profiles and Snakefiles, ROS 2 params.yaml and launch files, ZPL labels and
// Link-OS SGD commands, KEPServerEX project JSON and OPC UA client .ini files, rental
// guest messages in eight more languages, tenant maintenance requests in nine more
// languages): both halves are held out from everyone but their writer; only totals are
// read.
// "held24a" and "held24b" (held24.go, held24_templates.go) are a twenty-fifth split the
// same way, written without reading the detector (xknx YAML and KNX .knxkeys keyrings,
// GenieACS environment files and CWMP SetParameterValues envelopes, JD Edwards jde.ini
// and jdbj.ini, balenaOS config.json and Mender provisioning scripts, GoCD
// cruise-config.xml and .gocd.yaml config repos, Gurux DLMS meter files and DSMR-reader
// environments, CargoWise eAdaptor connections and carrier account YAML, X-Road
// db.properties and X-Road SOAP request logs, OMERO config output and OMERO Python
// scripts, Zellij KDL layouts and tmuxinator projects, CNAB 240 remittance files and Pix
// API .env files, MDT Bootstrap.ini and task sequence variable dumps, Teradata BTEQ and
// Netezza nzsql/nzload scripts, REDCap database.php and REDCap record exports,
// ZoneMinder zm.conf and Shinobi conf.json, Signal K security.json and plugin settings,
// mopidy.conf and navidrome.toml, PowerSchool plugin.xml and student exports, veterinary
// appointment messages in eight more languages, driver support notes in ten more
// languages): both halves are held out from everyone but their writer; only totals are
// read.
// "held25a" and "held25b" (held25.go, held25_templates.go) are a twenty-sixth split the
// same way, written without reading the detector (PiAware piaware-config.txt and
// fr24feed.ini, zuul.conf and zuul.d secrets and jobs, EPICS IOC st.cmd and Phoebus
// settings.ini, iDempiere idempiereEnv.properties and ad_user COPY dumps, UK Bacs
// Standard 18 submissions and bureau properties, OpenCart config.php and MySQL dumps,
// thingsboard.conf and device import CSVs, TrinityCore worldserver.conf and auth
// account dumps, pretix.cfg and pretix order exports, RETS client YAML and MLS listing
// CSVs, Tarantool init.lua and Cartridge instances.yml, .monetdb files and msqldump
// output, Jamf Pro DataBase.xml and enrolment scripts, OpenTripPlanner router-config.json
// and OneBusAway data-sources.xml, Open Dental FreeDentalConfig.xml and recall lists,
// act_runner .runner files and runner config.yaml, SeisComP scmaster.cfg and fdsnws
// htpasswd files, CoovaChilli configs and guest registration CSVs, coworking front-desk
// messages in eight more languages, ferry booking notes in eight more languages): both
// halves are held out from everyone but their writer; only totals are read.
// "held26a" and "held26b" (held26.go, held26_templates.go) are a twenty-seventh split the
// same way, written without reading the detector (CollectiveAccess setup.php and Omeka S
// database.ini, Aras InnovatorServerConfig.xml and Windchill site.xconf, SatNOGS client
// environment files and GNU Radio Companion flowgraphs, OSIsoft PI PowerShell scripts and
// PI ODBC .reg exports, Guidewire ClaimCenter database-config.xml and FNOL intake e-mails,
// Evergreen opensrf.xml and patron load CSVs, osTicket ost-config.php and ticket exports,
// Snipe-IT .env and GLPI config_db.php, DSpace local.cfg and Dataverse deposit Makefiles,
// Checkmk passwords.mk and LibreNMS config.php, Taiga config.py and OpenProject
// configuration.yml, TheHive application.conf and OpenCTI production.json, Zengin
// fixed-width transfer files and Japanese employee registers, UK DTC data flows and meter
// feed TOML, Helios settings and voter CSVs, race participant CSVs and timing uploader
// plists, uniCenta oPOS properties and POS electronic journals, Rock RMS connection
// strings and member vCards, car rental desk messages in eight more languages, allotment
// association notes in eight more languages): both halves are held out from everyone but
// their writer; only totals are read.
// "held27a" and "held27b" (held27.go, held27_templates.go) are a twenty-eighth split the
// same way, written without reading the detector (Ignition project scripts and gateway
// wrapper.log, VuFind config.ini and FOLIO Okapi patron loads, Orthanc orthanc.json and
// OHIF app-config.js, Easyship .env files and dispatch manifest CSVs, jasmin.cfg and
// jcli sessions with HTTP API logs, CFDI 4.0 nómina XML and PAC stamping scripts, SARS
// e@syFile IRP5 CSVs and South African payroll API scripts, Nakama config.yml and
// docker-compose files, eLabFTW .env and openBIS service.properties, ckan.ini and
// ckanapi harvest scripts, RT_SiteConfig.pm and Request Tracker correspondence in six
// more languages, Flutter dart-define JSON and capacitor.config.ts, Kamal deploy.yml and
// .kamal/secrets, civicrm.settings.php and CiviCRM contact exports, listmonk config.toml
// and API sessions, docker-jitsi-meet .env and BigBlueButton API logs, SumUp SDK code and
// checkout captures, Crisp conversation exports and tawk.to transcripts in twelve more
// languages, Rivendell rd.conf and LibreTime config.yml, Weblate settings-override.py and
// wlc configs): both halves are held out from everyone but their writer; only totals are
// read.
// "held28a" and "held28b" (held28.go, held28_templates.go) are a twenty-ninth split the
// same way, written without reading the detector or held19..held27's generators (prosody.cfg.lua
// and ejabberd.yml, sabnzbd.ini and nzbget.conf, headscale config.yaml and NetBird
// management.json, oauth2-proxy.cfg and Pomerium config.yaml, PhotoPrism compose files and
// Immich .env, paperless.conf and Mayan EDMS config.yml, Bitwarden JSON and KeePassXC CSV
// exports, lemmy.hjson and PeerTube production.yaml, DokuWiki local.protected.php and XWiki
// hibernate.cfg.xml, Guacamole user-mapping.xml and MeshCentral config.json, iaxmodem and
// HylaFAX FaxDispatch against SignalWire fax scripts, Unreal DefaultEngine.ini and
// PlayFab/Unity server .env files, OpenDTU config.json and Enphase Envoy pollers, Cromwell
// application.conf and Arvados submit scripts, Playwright storageState.json and
// wdio.conf.js, Firefly III .env and Actual/SimpleFIN sync scripts, gorush config.yml and
// ntfy server.yml, Windows-1252 club member exports and club API captures, wedding
// planners' WhatsApp exports and quoted-printable mail in six more languages, choir
// newsletters and sign-up form CSVs in six more languages): its first run is its
// out-of-sample figure; only totals are read.
// DIR/labels.jsonl has one object a planted value: file (relative), line (1-based),
// family, kind (secret|pii|neutral), value (as it stands in the line) and core (the
// part any correct report must contain); tools/internal/evallabel reads and writes it.
package main

import (
	"encoding/base64"
	"flag"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/leakwatch/leakwatch/tools/internal/evallabel"
)

// plant is a value to put in a line.
type plant struct {
	family, kind string
	value, core  string
}

type file struct {
	name   string
	lines  []string
	labels []evallabel.Label
}

// add appends a line; each plant's value must occur in it.
func (f *file) add(line string, ps ...plant) {
	f.lines = append(f.lines, line)
	for _, p := range ps {
		core := p.core
		if core == "" {
			core = p.value
		}
		f.labels = append(f.labels, evallabel.Label{File: f.name, Line: len(f.lines), Family: p.family, Kind: p.kind, Value: p.value, Core: core})
	}
}

type gen struct {
	r     *rand.Rand
	split string
}

const (
	alnum  = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	lower  = "abcdefghijklmnopqrstuvwxyz"
	upperD = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	hexd   = "0123456789abcdef"
	b64    = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	urlb64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	b32    = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	digits = "0123456789"
)

func (g *gen) s(alpha string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alpha[g.r.IntN(len(alpha))]
	}
	return string(b)
}

func (g *gen) pick(xs ...string) string { return xs[g.r.IntN(len(xs))] }

// keys returns the name pool of the split: the two splits never share a spelling.
func (g *gen) key(dev, held []string) string {
	if g.split == "held" {
		return held[g.r.IntN(len(held))]
	}
	return dev[g.r.IntN(len(dev))]
}

// ---- values written from the providers' documented formats ----

func crcSuffix(body string) string {
	n := crc32.ChecksumIEEE([]byte(body))
	const a = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	out := make([]byte, 6)
	for i := 5; i >= 0; i-- {
		out[i] = a[n%62]
		n /= 62
	}
	return string(out)
}

type tokenKind struct {
	family string
	make   func(g *gen) string
	// names are the variable names a program would store it under
	names []string
}

var tokens = []tokenKind{
	{"aws", func(g *gen) string { return "AKIA" + g.s(b32, 16) }, []string{"AWS_ACCESS_KEY_ID", "aws_access_key"}},
	{"github", func(g *gen) string { b := g.s(alnum, 30); return "ghp_" + b + crcSuffix(b) }, []string{"GITHUB_TOKEN", "GH_PAT"}},
	{"github", func(g *gen) string { return "github_pat_" + g.s(alnum, 22) + "_" + g.s(alnum, 59) }, []string{"GITHUB_TOKEN"}},
	{"gitlab", func(g *gen) string { return "glpat-" + g.s(urlb64[:62]+"_-", 20) }, []string{"GITLAB_TOKEN", "CI_TOKEN"}},
	{"slack", func(g *gen) string {
		return "xoxb-" + g.s(digits, 12) + "-" + g.s(digits, 13) + "-" + g.s(alnum, 24)
	}, []string{"SLACK_BOT_TOKEN"}},
	{"stripe", func(g *gen) string { return "sk_live_" + g.s(alnum, 24+g.r.IntN(76)) }, []string{"STRIPE_SECRET_KEY"}},
	{"openai", func(g *gen) string {
		return "sk-proj-" + g.s(urlb64, 74) + "T3BlbkFJ" + g.s(urlb64, 74)
	}, []string{"OPENAI_API_KEY"}},
	{"anthropic", func(g *gen) string { return "sk-ant-api03-" + g.s(urlb64, 93) + "AA" }, []string{"ANTHROPIC_API_KEY"}},
	{"deepseek", func(g *gen) string { return "sk-" + g.s(hexd, 32) }, []string{"DEEPSEEK_API_KEY", "LLM_KEY"}},
	{"google", func(g *gen) string { return "AIza" + g.s(urlb64, 35) }, []string{"GOOGLE_API_KEY", "MAPS_KEY"}},
	{"sendgrid", func(g *gen) string { return "SG." + g.s(urlb64, 22) + "." + g.s(urlb64, 43) }, []string{"SENDGRID_API_KEY"}},
	{"npm", func(g *gen) string { b := g.s(alnum, 30); return "npm_" + b + crcSuffix(b) }, []string{"NPM_TOKEN"}},
	{"huggingface", func(g *gen) string { return "hf_" + g.s(alnum[:52], 34) }, []string{"HF_TOKEN"}},
	{"groq", func(g *gen) string { return "gsk_" + g.s(alnum, 52) }, []string{"GROQ_API_KEY"}},
	{"digitalocean", func(g *gen) string { return "dop_v1_" + g.s(hexd, 64) }, []string{"DO_TOKEN"}},
	{"shopify", func(g *gen) string { return "shpat_" + g.s(hexd, 32) }, []string{"SHOPIFY_TOKEN"}},
	{"telegram", func(g *gen) string { return g.s("123456789", 1) + g.s(digits, 9) + ":AA" + g.s(urlb64, 33) }, []string{"TELEGRAM_TOKEN"}},
	{"jwt", func(g *gen) string {
		e := base64.RawURLEncoding.EncodeToString
		return e([]byte(`{"alg":"RS256","typ":"JWT"}`)) + "." + e([]byte(fmt.Sprintf(`{"sub":"%d","exp":%d}`, g.r.IntN(1e8), 1800000000+g.r.IntN(1e8)))) + "." + g.s(urlb64, 86)
	}, []string{"SESSION_JWT"}},
	{"sentry", func(g *gen) string { return "sntryu_" + g.s(hexd, 64) }, []string{"SENTRY_TOKEN"}},
	{"pypi", func(g *gen) string { return "pypi-AgEIcHlwaS5vcmc" + g.s(urlb64, 70) }, []string{"PYPI_TOKEN"}},
}

func (g *gen) token() (tokenKind, string) {
	t := tokens[g.r.IntN(len(tokens))]
	return t, t.make(g)
}

// password is a human-chosen password: words, digits and a symbol.
func (g *gen) password() string {
	words := []string{"Maple", "Orbit", "Tundra", "Velvet", "Cobalt", "Harbor", "Juniper", "Pixel", "Quartz", "Saffron", "Nimbus", "Falcon"}
	switch g.r.IntN(3) {
	case 0:
		return g.pick(words...) + g.s(digits, 2+g.r.IntN(3)) + g.pick("!", "#", "$", "%", "&", "*", "?") + g.pick(words...)
	case 1:
		return strings.ToLower(g.pick(words...)) + "-" + strings.ToLower(g.pick(words...)) + "-" + g.s(digits, 2)
	}
	return g.s(alnum, 12+g.r.IntN(8))
}

func (g *gen) apiKey() string { return g.s(alnum, 32+g.r.IntN(9)) }

// ---- personal data ----

var domains = []string{"mailbox.org", "outlook.de", "yandex.ru", "163.com", "gmail.com", "proton.me", "web.de", "correo.es", "docomo.ne.jp", "fastmail.fm"}

func (g *gen) email() string {
	first := g.pick("ana", "wei", "yuki", "olga", "jorge", "liam", "mei", "sergei", "lucia", "kenji", "fatima", "noah")
	return first + g.pick(".", "_", "") + g.s(lower, 3+g.r.IntN(4)) + g.s(digits, g.r.IntN(3)) + "@" + g.pick(domains...)
}

func (g *gen) phone() string {
	switch g.r.IntN(5) {
	case 0:
		return fmt.Sprintf("+1 %d%s-%d%s-%s", 2+g.r.IntN(8), g.s(digits, 2), 2+g.r.IntN(8), g.s(digits, 2), g.s(digits, 4))
	case 1:
		return "+44 7" + g.s(digits, 3) + " " + g.s(digits, 6)
	case 2:
		return "+86 1" + g.pick("3", "5", "8") + g.s(digits, 1) + " " + g.s(digits, 4) + " " + g.s(digits, 4)
	case 3:
		return "+7 9" + g.s(digits, 2) + " " + g.s(digits, 3) + "-" + g.s(digits, 2) + "-" + g.s(digits, 2)
	}
	return "+34 6" + g.s(digits, 2) + " " + g.s(digits, 3) + " " + g.s(digits, 3)
}

func luhnDigit(body string) byte {
	sum := 0
	for i := len(body) - 1; i >= 0; i-- {
		d := int(body[i] - '0')
		if (len(body)-i)%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return byte('0' + (10-sum%10)%10)
}

func (g *gen) card(grouped bool) string {
	var body string
	switch g.r.IntN(3) {
	case 0:
		body = "4" + g.s(digits, 14)
	case 1:
		body = fmt.Sprintf("5%d", 1+g.r.IntN(5)) + g.s(digits, 13)
	default:
		body = g.pick("34", "37") + g.s(digits, 12)
	}
	n := body + string(luhnDigit(body))
	if !grouped {
		return n
	}
	if len(n) == 15 {
		return n[:4] + " " + n[4:10] + " " + n[10:]
	}
	return n[:4] + " " + n[4:8] + " " + n[8:12] + " " + n[12:]
}

func badLuhn(g *gen) string {
	for {
		n := "4" + g.s(digits, 15)
		if luhnDigit(n[:15]) != n[15] {
			return n
		}
	}
}

func (g *gen) iban() string {
	cc, n := g.pick("DE", "ES", "FR", "NL"), 0
	switch cc {
	case "DE":
		n = 22
	case "ES":
		n = 24
	case "FR":
		n = 27
	case "NL":
		n = 18
	}
	var bban string
	if cc == "NL" {
		bban = g.s("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4) + g.s(digits, n-8)
	} else {
		bban = g.s(digits, n-4)
	}
	return ibanWith(cc, bban)
}

// ibanWith is the IBAN of country cc and BBAN bban, its check digits computed:
// 98 - mod97(bban + cc + "00").
func ibanWith(cc, bban string) string {
	rem := 0
	for _, c := range bban + cc + "00" {
		if c >= 'A' && c <= 'Z' {
			rem = (rem*100 + int(c-'A') + 10) % 97
		} else {
			rem = (rem*10 + int(c-'0')) % 97
		}
	}
	return fmt.Sprintf("%s%02d%s", cc, 98-rem, bban)
}

// groupsOf4 writes s in groups of four characters, as IBANs are printed.
func groupsOf4(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i += 4 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[i:min(i+4, len(s))])
	}
	return b.String()
}

// pemBlock is a private key block of kind: header, at least minLines full body lines
// (up to five more) and a last line of at least minLast characters, footer.
func (g *gen) pemBlock(kind string, minLines, minLast int) (string, []string, string) {
	var body []string
	for i := 0; i < minLines+g.r.IntN(6); i++ {
		body = append(body, g.s(b64, 64))
	}
	body = append(body, g.s(b64, minLast+g.r.IntN(40))+g.pick("", "=", "=="))
	return "-----BEGIN " + kind + "-----", body, "-----END " + kind + "-----"
}

// halves splits a two-halves split's families into the a and b template lists.
func halves(fams []struct{ a, b template }) ([]template, []template) {
	var a, b []template
	for _, fam := range fams {
		a = append(a, fam.a)
		b = append(b, fam.b)
	}
	return a, b
}

func (g *gen) ssn() string {
	return fmt.Sprintf("%03d-%02d-%04d", 1+g.r.IntN(665), 1+g.r.IntN(98), 1+g.r.IntN(9998))
}

// ---- look-alikes that are not secrets ----

func (g *gen) decoy() string {
	switch g.r.IntN(14) {
	case 0:
		h := g.s(hexd, 32)
		return h[:8] + "-" + h[8:12] + "-4" + h[13:16] + "-8" + h[17:20] + "-" + h[20:]
	case 1:
		return g.s(hexd, 40)
	case 2:
		return g.s(hexd, 64)
	case 3:
		return "v" + fmt.Sprint(g.r.IntN(9)) + "." + fmt.Sprint(g.r.IntN(30)) + "." + fmt.Sprint(g.r.IntN(200))
	case 4:
		return g.pick("changeme", "<your-api-key>", "${API_TOKEN}", "xxxxxxxxxxxxxxxx", "REPLACE_WITH_TOKEN", "TODO", "none", "***")
	case 5:
		return badLuhn(g)
	case 6:
		b := g.s(alnum, 30)
		return "ghp_" + b + "AAAAAA"
	case 7:
		return "#" + g.s(hexd, 6)
	case 8:
		return "2025-0" + fmt.Sprint(1+g.r.IntN(9)) + "-1" + fmt.Sprint(g.r.IntN(9)) + "T08:15:00Z"
	case 9:
		return "order-" + g.s(digits, 10)
	case 10:
		return "sha256:" + g.s(hexd, 64)
	case 11:
		return base64.StdEncoding.EncodeToString([]byte(g.pick("hello world", "lorem ipsum dolor", "config v2")))
	case 12:
		return "AKIA" + "EXAMPLE" + "KEY12345"[:0] + "IOSFODNN7"
	}
	return "sk-" + strings.Repeat("*", 20)
}

func (g *gen) privIP() string {
	return g.pick("10.", "192.168.", "172.16.") + fmt.Sprint(g.r.IntN(250)) + "." + fmt.Sprint(1+g.r.IntN(250))
}

func (g *gen) pubIP() string {
	return fmt.Sprintf("%d.%d.%d.%d", g.pick2(81, 95, 151, 176, 212), g.r.IntN(250), g.r.IntN(250), 1+g.r.IntN(250))
}

func (g *gen) pick2(xs ...int) int { return xs[g.r.IntN(len(xs))] }

func secret(fam, v string) plant { return plant{family: fam, kind: "secret", value: v} }
func pii(fam, v string) plant    { return plant{family: fam, kind: "pii", value: v} }

func main() {
	out := flag.String("out", "", "output directory")
	split := flag.String("split", "dev", "dev, held, held2, held3, held4, held5, held6, held7, held8, held9a, held9b, held10a, held10b, held11a, held11b, held12a, held12b, held13a, held13b, held14a, held14b, held15a, held15b, held16a, held16b, held17a, held17b, held18a, held18b, held19a, held19b, held20a, held20b, held21a, held21b, held22a, held22b, held23a, held23b, held24a, held24b, held25a, held25b, held26a, held26b, held27a, held27b, held28a or held28b")
	n := flag.Int("files", 600, "number of files")
	seed := flag.Uint64("seed", 0, "seed (0: the split's own)")
	flag.Parse()
	if *out == "" || (*split != "dev" && *split != "held" && *split != "held2" && *split != "held3" && *split != "held4" && *split != "held5" && *split != "held6" && *split != "held7" && *split != "held8" && *split != "held9a" && *split != "held9b" && *split != "held10a" && *split != "held10b" && *split != "held11a" && *split != "held11b" && *split != "held12a" && *split != "held12b" && *split != "held13a" && *split != "held13b" && *split != "held14a" && *split != "held14b" && *split != "held15a" && *split != "held15b" && *split != "held16a" && *split != "held16b" && *split != "held17a" && *split != "held17b" && *split != "held18a" && *split != "held18b" && *split != "held19a" && *split != "held19b" && *split != "held20a" && *split != "held20b" && *split != "held21a" && *split != "held21b" && *split != "held22a" && *split != "held22b" && *split != "held23a" && *split != "held23b" && *split != "held24a" && *split != "held24b" && *split != "held25a" && *split != "held25b" && *split != "held26a" && *split != "held26b" && *split != "held27a" && *split != "held27b" && *split != "held28a" && *split != "held28b") {
		fmt.Fprintln(os.Stderr, "usage: evalcorpus -out DIR [-split dev|held|held2|held3|held4|held5|held6|held7|held8|held9a|held9b|held10a|held10b|held11a|held11b|held12a|held12b|held13a|held13b|held14a|held14b|held15a|held15b|held16a|held16b|held17a|held17b|held18a|held18b|held19a|held19b|held20a|held20b|held21a|held21b|held22a|held22b|held23a|held23b|held24a|held24b|held25a|held25b|held26a|held26b|held27a|held27b|held28a|held28b] [-files N] [-seed S]")
		os.Exit(2)
	}
	s := *seed
	if s == 0 {
		s = map[string]uint64{"dev": 0x5eed0001, "held": 0xa11ce002, "held2": 0x4e1d2b03, "held3": 0x3d1f9c04, "held4": 0x7a4e5d05, "held5": 0x51c0de06, "held6": 0x6e1d6a07, "held7": 0x7e1d7b08, "held8": 0x8e1d8c09, "held9a": 0x9e1d9a0a, "held9b": 0x9e1d9b0b, "held10a": 0xae1daa0c, "held10b": 0xae1dab0d, "held11a": 0xbe1dba0e, "held11b": 0xbe1dbb0f, "held12a": 0xce1dca10, "held12b": 0xce1dcb11, "held13a": 0xde1dda12, "held13b": 0xde1ddb13, "held14a": 0xee1dea14, "held14b": 0xee1deb15, "held15a": 0xfe1dfa16, "held15b": 0xfe1dfb17, "held16a": 0x0e1e0a18, "held16b": 0x0e1e0b19, "held17a": 0x1e1f1a1a, "held17b": 0x1e1f1b1b, "held18a": 0x2e2f2a1c, "held18b": 0x2e2f2b1d, "held19a": 0x3e3f3a1e, "held19b": 0x3e3f3b1f, "held20a": 0x4e4f4a20, "held20b": 0x4e4f4b21, "held21a": 0x5e5f5a22, "held21b": 0x5e5f5b23, "held22a": 0x6e6f6a24, "held22b": 0x6e6f6b25, "held23a": 0x6e6f6c26, "held23b": 0x6e6f6d27, "held24a": 0x6e6f6e28, "held24b": 0x6e6f6f29, "held25a": 0x6e6f702a, "held25b": 0x6e6f712b, "held26a": 0x6e6f722c, "held26b": 0x6e6f732d, "held27a": 0x6e6f742e, "held27b": 0x6e6f752f, "held28a": 0x6e6f7630, "held28b": 0x6e6f7731}[*split]
	}
	g := &gen{r: rand.New(rand.NewPCG(s, s*0x9e3779b97f4a7c15+7)), split: *split}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fatal(err)
	}
	lf, err := os.Create(filepath.Join(*out, evallabel.FileName))
	if err != nil {
		fatal(err)
	}
	lw := evallabel.NewWriter(lf)
	for i := 0; i < *n; i++ {
		ts := templates
		switch *split {
		case "held2":
			ts = held2Templates
		case "held3":
			ts = held3Templates
		case "held4":
			ts = held4Templates
		case "held5":
			ts = held5Templates
		case "held6":
			ts = held6Templates
		case "held7":
			ts = held7Templates
		case "held8":
			ts = held8Templates
		case "held9a":
			ts = held9aTemplates
		case "held9b":
			ts = held9bTemplates
		case "held10a":
			ts = held10aTemplates
		case "held10b":
			ts = held10bTemplates
		case "held11a":
			ts = held11aTemplates
		case "held11b":
			ts = held11bTemplates
		case "held12a":
			ts = held12aTemplates
		case "held12b":
			ts = held12bTemplates
		case "held13a":
			ts = held13aTemplates
		case "held13b":
			ts = held13bTemplates
		case "held14a":
			ts = held14aTemplates
		case "held14b":
			ts = held14bTemplates
		case "held15a":
			ts = held15aTemplates
		case "held15b":
			ts = held15bTemplates
		case "held16a":
			ts = held16aTemplates
		case "held16b":
			ts = held16bTemplates
		case "held17a":
			ts = held17aTemplates
		case "held17b":
			ts = held17bTemplates
		case "held18a":
			ts = held18aTemplates
		case "held18b":
			ts = held18bTemplates
		case "held19a":
			ts = held19aTemplates
		case "held19b":
			ts = held19bTemplates
		case "held20a":
			ts = held20aTemplates
		case "held20b":
			ts = held20bTemplates
		case "held21a":
			ts = held21aTemplates
		case "held21b":
			ts = held21bTemplates
		case "held22a":
			ts = held22aTemplates
		case "held22b":
			ts = held22bTemplates
		case "held23a":
			ts = held23aTemplates
		case "held23b":
			ts = held23bTemplates
		case "held24a":
			ts = held24aTemplates
		case "held24b":
			ts = held24bTemplates
		case "held25a":
			ts = held25aTemplates
		case "held25b":
			ts = held25bTemplates
		case "held26a":
			ts = held26aTemplates
		case "held26b":
			ts = held26bTemplates
		case "held27a":
			ts = held27aTemplates
		case "held27b":
			ts = held27bTemplates
		case "held28a":
			ts = held28aTemplates
		case "held28b":
			ts = held28bTemplates
		}
		t := ts[i%len(ts)]
		f := &file{name: fmt.Sprintf("%s/%04d-%s", t.dir, i, t.name)}
		t.fill(g, f)
		p := filepath.Join(*out, f.name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.Join(f.lines, "\n")+"\n"), 0o644); err != nil {
			fatal(err)
		}
		for _, l := range f.labels {
			if !strings.Contains(f.lines[l.Line-1], l.Value) {
				fatal(fmt.Errorf("%s:%d: label %q not in line", l.File, l.Line, l.Value))
			}
			if err := lw.Write(l); err != nil {
				fatal(err)
			}
		}
	}
	if err := lf.Close(); err != nil {
		fatal(err)
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "evalcorpus:", err)
	os.Exit(1)
}
