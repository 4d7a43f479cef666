#!/usr/bin/env bash
# Detection benchmark. Prints, in one run and side by side with gitleaks (and trufflehog
# when TRUFFLEHOG names a binary):
#
#  1. IN-SAMPLE — the labelled log corpus of ../shared/corpus/gen.py: the rules' examples
#     were written from the same generator, so its scores say little about real data.
#     Also MB/s and peak RSS (both tools pinned to one core, GOMAXPROCS=1) and a REDACT_GB
#     stream through `leakwatch redact` to show that memory stays flat.
#  2. OUT-OF-SAMPLE — tools/evalcorpus: files of 27 kinds in four languages, written from
#     the providers' documented formats with templates and names of their own; "dev" was
#     looked at while rules were written, "held" is the held-out split (its misses were
#     printed once), "held2" a third split written later whose cases were never looked at,
#     "held3" a fourth (tools/evalcorpus/held3.go) whose first run was out of sample and
#     which was tuned on after it, and "held4" a fifth (held4.go, infrastructure, CI, HTTP,
#     Windows, chat exports, mail, seven more languages), first run out of sample, then tuned on,
#     and "held5" a sixth (held5.go, held5_templates.go: state files and CLI output, credential
#     dotfiles, ops configs, server and LLM logs, LDIF/vCard/iCalendar, mbox, chat exports in
#     twelve more languages), first run out of sample, then tuned on, and "held6" a seventh
#     (held6.go, held6_templates.go: mobile app files, IaC, Salt/Puppet/Chef, proxies, JVM and
#     framework configs, batch files, an LLM gateway trace export, curl -v, a MySQL general log,
#     PuTTY/PGP/JWK keys, prose in eight more languages), first run out of sample, then tuned on,
#     and "held7" an eighth (held7.go, held7_templates.go: database client output and dumps,
#     OTLP/Sentry/Datadog/journald/RFC 5424 payloads, HTTP captures, data science files, LLM
#     batch files, patches, SMTP transcripts, chat in fifteen more languages, passwords under
#     names that do not say "password"), first run out of sample, then tuned on, and "held8" a
#     ninth (held8.go, held8_templates.go: eight more source languages, secrets in
#     concatenation, f-strings, heredocs and raw strings, CI logs with ANSI colour, helm/kubectl/
#     reg/docker/terraform/git output, crash reports' environment dumps, .mobileconfig, IDE run
#     configurations, spreadsheets, prose with a clause between name and value, keys pasted alone
#     in chat), first run out of sample, then tuned on, and "held9a"/"held9b" a tenth in two
#     halves (held9.go, held9_templates.go: each class in two shapes, one per half — VPN and
#     RADIUS secrets, Windows deployment files, FTP clients, CLI credential stores, brokers,
#     database server configs, HashiCorp tools, GraphQL/multipart bodies, MIME parts, object
#     dumps, log shippers, Jenkins, password-manager exports, crontabs, prose in ten more
#     languages): held9a may be tuned on, held9b is held out (only its totals are read),
#     and "held10a"/"held10b" an eleventh in two halves the same way (held10.go,
#     held10_templates.go: Wi-Fi and VPN client files, network devices, SNMP/IPMI,
#     alerting, web server auth, service environments, ASP.NET, JVM build tools, Kafka/
#     Cassandra/Neo4j, Oracle/SQL Server command lines, Vagrant/Packer, game servers and
#     engines, mobile logs, SMTP relays, log shippers, CIFS mounts, data platforms), and
#     "held11a"/"held11b" a twelfth in two halves the same way (held11.go,
#     held11_templates.go: directory services, DNS TSIG keys, backup tools, mail and IRC
#     clients, CI systems other than Jenkins, package manager auth files, serialized
#     sessions, Windows event logs, auditd and xtrace, forward proxies, monitoring, home
#     automation, media servers, smaller clouds' CLIs, ACME plugins, self-hosted apps,
#     Windows credential files, office XML): its first run was out of sample; held11a
#     was tuned on after it, held11b is held out (only its totals are read), and
#     "held12a"/"held12b" a thirteenth in two halves the same way (held12.go,
#     held12_templates.go: MCP and AI assistant configs, LLM gateways and SDK scripts, ML
#     tracking credentials, Celery/Prefect/Dagster/Rundeck, wrangler/fly/Vercel files,
#     Supabase/Hasura/PostgREST, OpenTelemetry Collector/Promtail/Alloy, database REPL
#     histories, JetBrains/VS Code/sftp-config files, Joomla/Magento/PrestaShop, OctoPrint/
#     Frigate/Tasmota, Argo CD/Flux, MuleSoft/IBM ACE/TIBCO, ngrok/frp/cloudflared/
#     Tailscale, JMeter/k6/Locust, search engines, app signing, Syncthing/rsyncd, chat-ops
#     bots, prose in ten more languages): its first run was out of sample; held12a may be
#     tuned on, held12b is held out (only its totals are read), and "held13a"/"held13b" a
#     fourteenth the same way (held13.go, held13_templates.go: Kong/APISIX, Keycloak/
#     Authelia/oauth2-proxy, Exim/OpenSMTPD/Haraka, Duplicati/Kopia/Velero, Windows
#     command lines and publish profiles, database GUI clients, Pulsar/Kafka Connect/rpk,
#     HTTPie/Hurl/REST Client, APM agents, payment SDKs, Helm/JFrog/Conan/pub, OpenWrt/
#     OPNsense, SQL user and link DDL, remote build caches, Graylog/Wazuh/Kibana, Odoo/
#     Moodle/MediaWiki/Drupal, live streaming, bitcoind/lnd/Hardhat/Foundry, prose in ten
#     more languages): its first run was out of sample; held13a may be tuned on, held13b
#     is held out (only its totals are read), and "held14a"/"held14b" a fifteenth the
#     same way (held14.go, held14_templates.go: Terraform state and plans, Kubernetes
#     Secrets, GitHub Actions/Azure Pipelines logs, HAR and DevTools copies, Postman/Bruno,
#     Jupyter/Databricks, zsh/fish/PSReadLine histories, Dockerfiles and docker inspect,
#     systemd/supervisord/launchd, crash reports, quoted-printable mail, Slack/Telegram
#     exports, LLM chat logs, PostgreSQL/ClickHouse query logs, pg_dump COPY and sqlite
#     dumps, keys inside JSON/.env/properties, connection strings, webpack bundles and
#     source maps, PII records, prose in Chinese, Japanese, Russian, Spanish, Arabic and
#     Korean): its first run was out of sample; held14a may be tuned on, held14b is held
#     out (only its totals are read), and "held15a"/"held15b" a sixteenth the same way
#     (held15.go, held15_templates.go: ClickHouse/Loki rows of an AI app, Ansible
#     inventories and group_vars, Helm values and compose overrides, Bitbucket/CircleCI,
#     wp-config/Laravel, Rails credentials/Django settings, .pgpass/rclone.conf, .reg/
#     PowerShell, Jira/GitHub issues, IRC/Teams, HTML forms/__NEXT_DATA__, grpcurl/
#     textproto, Elixir/Erlang configs, CSV/SpreadsheetML exports, syslog/logfmt, AWS/
#     Azure/GCP secret CLI output, heroku config/render.yaml, cloud-init/Butane, HL7/FHIR,
#     pain.001/MT940, prose in French, German, Portuguese, Polish, Turkish, Vietnamese,
#     Hindi and Indonesian): its first run was out of sample; held15a may be tuned on,
#     held15b is held out (only its totals are read), and "held16a"/"held16b" a
#     seventeenth the same way (held16.go, held16_templates.go: Redis AOF/IMAP sessions,
#     preseed/Kickstart, keychain dumps/KWallet, WildFly/Liberty, ALB/Envoy access logs,
#     systemctl status/docker ps, mysqldump/SQL*Plus, VBA/ABAP, Objective-C/Delphi,
#     keepalived/pcs, iSCSI/Ceph, libvirt/clouds.yaml, CDK/Jsonnet, prefs.js/defaults,
#     Travis/AppVeyor, SMS/LINE exports, Markdown/MediaWiki tables, Dhall/Pkl, Tink/
#     EncryptionConfiguration, tac_plus/VyOS): its first run was out of sample; held16a
#     may be tuned on, held16b is held out (only its totals are read), and
#     "held17a"/"held17b" an eighteenth the same way (held17.go, held17_templates.go:
#     JCL/RACF, Fortran namelists/nextflow.config, jcmd/jps, tshark/Zeek,
#     Mastodon/Discourse, ERPNext/Dolibarr, GEDCOM/dcmdump, X12/EDIFACT, MT103/camt.053,
#     direnv/pm2, klist/ktpass, Bamboo/Spinnaker, Crossplane/Tekton,
#     ModSecurity/varnishlog, Intune/WCD, Zulip/Rocket.Chat exports, aliyun/yc,
#     Crystal/Grails, Power Query/Apps Script, Kannel/Gammu): its first run was out of
#     sample; held17a may be tuned on, held17b is held out (only its totals are read), and
#     "held18a"/"held18b" a nineteenth the same way (held18.go, held18_templates.go:
#     Emacs/vimrc, Zeppelin/Quarto, Stata/SPSS, uWSGI/gunicorn, Varnish VCL/OpenResty,
#     Zendesk/Freshdesk exports, localStorage/shared_prefs, WLST/Karaf features.xml,
#     Trino/Oozie, terragrunt/kitchen, alembic/sqitch, PowerShell transcripts/Clixml,
#     cabal/Julia startup.jl, Tableau .tds/DBeaver, Google Chat/Skype exports,
#     Gatus/Sensu Go, Kea/PowerDNS, hostapd/iwd, chezmoi/mise, justfile/Taskfile): its
#     first run was out of sample; held18a may be tuned on, held18b is held out (only its
#     totals are read), and "held19a"/"held19b" a twentieth the same way (held19.go,
#     held19_templates.go: Notion/Obsidian notes, Trello/Asana exports, Viber/Threema
#     chats, Pat Winlink/Pi-Star, POS journals/ISO 8583 traces, .xcscheme/.xcconfig,
#     Ghost/Wiki.js, Domino DXL/zmlocalconfig, COBOL extracts/WORKING-STORAGE, HRIS
#     CSV/worker XML, electron-builder/Tauri, arduino_secrets.h/platformio.ini,
#     QGIS/GeoServer, Beancount/hledger, Amadeus PNR/hotel PMS CSV, bookmarks.html/
#     Firefox session store, iPXE/GRUB, Talos/K3s, Proxmox/vSphere, Freqtrade/QuickFIX):
#     its first run was out of sample; held19a may be tuned on, held19b is held out (only
#     its totals are read), and "held20a"/"held20b" a twenty-first the same way (held20.go,
#     held20_templates.go, written without reading the detector: OFX/QIF, UBL/Factur-X,
#     Akamai .edgerc/Fastly, crowdin.yml/.transifexrc, sapnwrfc.ini/JCo, Slurm/PBS,
#     Synapse/mautrix, ld-relay/Unleash+Flagsmith, M3U/Kodi, CUPS/MFP address books, SIM
#     batches/Open5GS, ChirpStack/TTN, OneRoster/IMS Enterprise, Concordance DAT/EDRM XML,
#     Qualtrics/LimeSurvey, Intercom/LiveChat transcripts, Data Loader/SuiteCRM,
#     FreeSWITCH/Yealink, Roundcube/SOGo, Matomo/Plausible+Umami): its first run was out
#     of sample; since stop 33's h20a round held20a is tuned on, held20b is held out (only
#     its totals are read), and "held21a"/"held21b" a twenty-second the same way (held21.go,
#     held21_templates.go, written without reading the detector: crew rosters/EFB plists,
#     VSAT/FAL crew lists, Galaxy/BaseSpace, SCPI logs/LIMS exports, Steamworks VDF/Godot,
#     Amazon order reports/SP-API, Dynamics NAV/BcContainerHelper, Asterisk CDR/ASN.1 CDR,
#     Niagara/BMS gateways, Guix/EDN, Velociraptor/osquery, Teltonika/Traccar, CUE/Tiltfile,
#     NCPDP SCRIPT/ASAP, call-centre transcripts in eight more languages, NACHA/Moov ACH,
#     ACORD AL3/XML, OpenAS2, Koha/SIP2, Xibo/Screenly): its first run was out of sample;
#     held21a is tuned on since stop 34's h21a round, held21b is held out (only its totals
#     are read), and "held22a"/"held22b" a twenty-third the same way (held22.go,
#     held22_templates.go, written without reading the detector: JCAMP-DX/HDF5 dumps,
#     FITS/INDI, RANCID/Expect, LEDES, BAI2/bank SFTP connectors, ISOBUS TASKDATA, OCPP,
#     weewx, Mailman/Sympa, RTF/groff memos, Firebird/Informix, AutoHotkey/AutoIt, Mirth,
#     Open edX/Chamilo, CasparCG/MOS, BigCommerce/Shopware, Cirrus/Earthfile,
#     Greengrass/IoT Edge, voicemail and school messages in sixteen more languages):
#     held22a is tuned on since stop 35's h22sec/h22pii rounds, held22b is held out (only
#     its totals are read), and "held23a"/"held23b" a twenty-fourth the same way (held23.go,
#     held23_templates.go, written without reading the detector: OpenEMR/OpenMRS, drone
#     ground control, LSL/Luau scripts, GST/Tally exports, Kamailio, access-control exports,
#     DocuSign, Canvas/LTI, Z-Wave, Bitrise/Buildbot, Hammerspoon/Keyboard Maestro, ABA/STP
#     payroll, ArchivesSpace/EAD, HTCondor, Snakemake, ROS 2, ZPL/Link-OS label printers,
#     KEPServerEX/OPC UA clients, guest messages and maintenance requests in eighteen more
#     languages): held23a is tuned on since stop 37, held23b is held out (only its totals
#     are read), and "held24a"/"held24b" a twenty-fifth the same way (held24.go,
#     held24_templates.go, written without reading the detector: KNX, TR-069/GenieACS,
#     JD Edwards, balenaOS/Mender, GoCD, DLMS/DSMR meters, CargoWise, X-Road, OMERO,
#     Zellij/tmuxinator, CNAB 240/Pix, MDT, Teradata/Netezza scripts, REDCap,
#     ZoneMinder/Shinobi, Signal K, Mopidy/Navidrome, PowerSchool, veterinary messages and
#     driver notes in eighteen more languages): held24a is tuned on since stop 38, held24b
#     is held out, and "held25a"/"held25b" a twenty-sixth the same way (held25.go,
#     held25_templates.go, written without reading the detector: PiAware/fr24feed, Zuul,
#     EPICS, iDempiere, BACS, OpenCart, ThingsBoard, TrinityCore, pretix, RETS/MLS,
#     Tarantool, MonetDB, Jamf Pro, OpenTripPlanner/OneBusAway, Open Dental, act_runner,
#     SeisComP, CoovaChilli, coworking messages and ferry notes in sixteen more
#     languages): held out in both halves in stop 38, held25a tuned on since stop 39
#     (held25b is held out), and "held26a"/"held26b" a
#     twenty-seventh the same way (held26.go, held26_templates.go, written without reading
#     the detector: CollectiveAccess/Omeka S, Aras/Windchill, SatNOGS/GNU Radio, OSIsoft PI,
#     Guidewire ClaimCenter, Evergreen, osTicket, Snipe-IT/GLPI, DSpace/Dataverse,
#     Checkmk/LibreNMS, Taiga/OpenProject, TheHive/OpenCTI, Zengin/Japanese payroll, UK DTC
#     flows, Helios, race timing, uniCenta oPOS, Rock RMS, car rental messages and allotment
#     notes in sixteen more languages): held out in both halves since stop 39, and
#     "held27a"/"held27b" a twenty-eighth the same way (held27.go, held27_templates.go,
#     written without reading the detector: Ignition SCADA, VuFind/FOLIO, Orthanc/OHIF,
#     Easyship, Jasmin SMS, CFDI nómina, SARS IRP5 payroll, Nakama, eLabFTW/openBIS, CKAN,
#     Request Tracker, Flutter/Capacitor, Kamal, CiviCRM, listmonk, Jitsi/BigBlueButton,
#     SumUp, Crisp/tawk.to chats, Rivendell/LibreTime, Weblate, messages in eighteen more
#     languages): held out in both halves.
#  3. PEERS — trufflehog's detector pattern tests, gitleaks' rule examples, Nosey Parker's
#     and Kingfisher's rule examples (each of the last two split in a half A tuned on and a
#     half B held out), read from the fetched mirrors (/work/.mirror) at run time by
#     tools/peercases; a set is skipped when its mirror is absent (KINGFISHER_MIRROR,
#     NOSEYPARKER_MIRROR, DETECTSECRETS_MIRROR and SECRETLINT_MIRROR name other copies).
#     detect-secrets' plugin tests, secretlint's rule snapshots, semgrep-rules' secrets rule
#     tests, ripsecrets' tests and Trivy's secret scanner tests are split the same way
#     (SEMGREP_MIRROR, RIPSECRETS_MIRROR, TRIVY_MIRROR name other copies).
#  4. REAL TREES — the Go toolchain's src (and TREES=name=DIR,… more), no live secrets:
#     time with every core and every non-test finding for triage.
#
#   ./scripts/bench-detect.sh            # 100 MB corpus (220000 rows), gitleaks on 20000 rows
#   ROWS=20000 GL_LINES=5000 ./scripts/bench-detect.sh
#   SECTIONS="eval peers" ./scripts/bench-detect.sh
#
# gitleaks does well under 1 MB/s on the log corpus, so it scans the first GL_LINES lines
# of it (GL_LINES=0: all of it); leakwatch scans both the whole corpus and that slice.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-220000}
SEED=${SEED:-1}
GL_LINES=${GL_LINES:-20000}
REDACT_GB=${REDACT_GB:-1}
CPU=${CPU:-0}
SHARED=${SHARED:-../shared}
SECTIONS=${SECTIONS:-insample eval peers trees}
SECTIONS=${SECTIONS//,/ } # "eval,peers" as well as "eval peers"
EVAL_FILES=${EVAL_FILES:-600}
TREES=${TREES:-gosrc=$(go env GOROOT)/src}
TRUFFLEHOG=${TRUFFLEHOG:-}
OUT=${OUT:-bench-out/detect}
GITLEAKS_VERSION=v8.30.1
TOOLS=$PWD/bin/tools

command -v taskset >/dev/null || CPU=""

mkdir -p "$TOOLS" "$OUT"
# The generated evaluation trees hold .go files: a go.mod of their own keeps them out of
# the project's ./... when OUT is inside the checkout (the default).
[ -e "$OUT/go.mod" ] || printf 'module benchout\n' >"$OUT/go.mod"
if [ "$(cat "$TOOLS/.gitleaks-version" 2>/dev/null)" != "$GITLEAKS_VERSION" ] || [ ! -x "$TOOLS/gitleaks" ]; then
	echo "installing gitleaks $GITLEAKS_VERSION into $TOOLS" >&2
	GOBIN=$TOOLS go install "github.com/zricethezav/gitleaks/v8@$GITLEAKS_VERSION"
	echo "$GITLEAKS_VERSION" >"$TOOLS/.gitleaks-version"
fi
go build -o "$TOOLS/leakwatch-bench" ./cmd/leakwatch
go build -o "$TOOLS/benchdetect" ./tools/benchdetect

go build -o "$TOOLS/evalcorpus" ./tools/evalcorpus
go build -o "$TOOLS/peercases" ./tools/peercases
th_args=()
if [ -n "$TRUFFLEHOG" ]; then th_args=(-trufflehog "$TRUFFLEHOG"); fi
peer_args=()
if [ -n "${NOSEYPARKER_MIRROR:-}" ]; then peer_args+=(-noseyparker-mirror "$NOSEYPARKER_MIRROR"); fi
if [ -n "${KINGFISHER_MIRROR:-}" ]; then peer_args+=(-kingfisher-mirror "$KINGFISHER_MIRROR"); fi
if [ -n "${DETECTSECRETS_MIRROR:-}" ]; then peer_args+=(-detectsecrets-mirror "$DETECTSECRETS_MIRROR"); fi
if [ -n "${SECRETLINT_MIRROR:-}" ]; then peer_args+=(-secretlint-mirror "$SECRETLINT_MIRROR"); fi
if [ -n "${SEMGREP_MIRROR:-}" ]; then peer_args+=(-semgrep-mirror "$SEMGREP_MIRROR"); fi
if [ -n "${RIPSECRETS_MIRROR:-}" ]; then peer_args+=(-ripsecrets-mirror "$RIPSECRETS_MIRROR"); fi
if [ -n "${TRIVY_MIRROR:-}" ]; then peer_args+=(-trivy-mirror "$TRIVY_MIRROR"); fi

has() { case " $SECTIONS " in *" $1 "*) return 0 ;; esac; return 1; }

echo "leakwatch $(git describe --tags --always --dirty 2>/dev/null || echo dev), gitleaks $GITLEAKS_VERSION${TRUFFLEHOG:+, trufflehog $("$TRUFFLEHOG" --version 2>&1 | tail -1)}, $(nproc) CPUs"

if has insample; then
	echo
	echo "== 1. IN-SAMPLE: ../shared/corpus/gen.py log corpus (the rules' examples come from the same generator) =="
	if [ ! -f "$SHARED/corpus/gen.py" ]; then
		echo "skipped: $SHARED/corpus/gen.py not found (set SHARED to the shared folder)"
	else
		corpus=$OUT/corpus-$ROWS-$SEED
		if [ ! -s "$corpus/log_stream.jsonl" ] || [ ! -s "$corpus/labels.jsonl" ]; then
			echo "generating the corpus ($ROWS rows, seed $SEED) in $corpus" >&2
			python3 "$SHARED/corpus/gen.py" "$corpus" --rows "$ROWS" --seed "$SEED"
		fi
		echo "pinned to CPU '${CPU:-none}', GOMAXPROCS=1"
		"$TOOLS/benchdetect" -corpus "$corpus" -leakwatch "$TOOLS/leakwatch-bench" -gitleaks "$TOOLS/gitleaks" \
			-gitleaks-lines "$GL_LINES" -redact-gb "$REDACT_GB" -cpu "$CPU" -out "$OUT"
	fi
fi

if has eval; then
	echo
	echo "== 2. OUT-OF-SAMPLE: tools/evalcorpus ($EVAL_FILES files a split; dev, held3, held4, held5, held6, held7, held8, held9a, held10a, held11a, held12a, held13a, held14a, held15a, held16a, held17a, held18a, held19a, held20a, held21a, held22a, held23a, held24a and held25a were looked at while writing rules, held, held2, held9b, held10b, held11b, held12b, held13b, held14b, held15b, held16b, held17b, held18b, held19b, held20b, held21b, held22b, held23b, held24b, held25b, held26a, held26b, held27a and held27b were not) =="
	for split in dev held held2 held3 held4 held5 held6 held7 held8 held9a held9b held10a held10b held11a held11b held12a held12b held13a held13b held14a held14b held15a held15b held16a held16b held17a held17b held18a held18b held19a held19b held20a held20b held21a held21b held22a held22b held23a held23b held24a held24b held25a held25b held26a held26b held27a held27b; do
		rm -rf "$OUT/eval-$split"
		"$TOOLS/evalcorpus" -out "$OUT/eval-$split" -split "$split" -files "$EVAL_FILES"
	done
	"$TOOLS/benchdetect" -eval "dev=$OUT/eval-dev,held=$OUT/eval-held,held2=$OUT/eval-held2,held3=$OUT/eval-held3,held4=$OUT/eval-held4,held5=$OUT/eval-held5,held6=$OUT/eval-held6,held7=$OUT/eval-held7,held8=$OUT/eval-held8,held9a=$OUT/eval-held9a,held9b=$OUT/eval-held9b,held10a=$OUT/eval-held10a,held10b=$OUT/eval-held10b,held11a=$OUT/eval-held11a,held11b=$OUT/eval-held11b,held12a=$OUT/eval-held12a,held12b=$OUT/eval-held12b,held13a=$OUT/eval-held13a,held13b=$OUT/eval-held13b,held14a=$OUT/eval-held14a,held14b=$OUT/eval-held14b,held15a=$OUT/eval-held15a,held15b=$OUT/eval-held15b,held16a=$OUT/eval-held16a,held16b=$OUT/eval-held16b,held17a=$OUT/eval-held17a,held17b=$OUT/eval-held17b,held18a=$OUT/eval-held18a,held18b=$OUT/eval-held18b,held19a=$OUT/eval-held19a,held19b=$OUT/eval-held19b,held20a=$OUT/eval-held20a,held20b=$OUT/eval-held20b,held21a=$OUT/eval-held21a,held21b=$OUT/eval-held21b,held22a=$OUT/eval-held22a,held22b=$OUT/eval-held22b,held23a=$OUT/eval-held23a,held23b=$OUT/eval-held23b,held24a=$OUT/eval-held24a,held24b=$OUT/eval-held24b,held25a=$OUT/eval-held25a,held25b=$OUT/eval-held25b,held26a=$OUT/eval-held26a,held26b=$OUT/eval-held26b,held27a=$OUT/eval-held27a,held27b=$OUT/eval-held27b" -leakwatch "$TOOLS/leakwatch-bench" \
		-gitleaks "$TOOLS/gitleaks" "${th_args[@]}" -out "$OUT"
fi

if has peers; then
	echo
	echo "== 3. PEERS: each other's test cases (read from the fetched mirrors at run time) =="
	"$TOOLS/peercases" -leakwatch "$TOOLS/leakwatch-bench" -gitleaks "$TOOLS/gitleaks" "${th_args[@]}" "${peer_args[@]}" -out "$OUT/peers"
fi

if has trees; then
	echo
	echo "== 4. REAL TREES: no live secrets; every core; non-test findings listed for triage =="
	"$TOOLS/benchdetect" -trees "$TREES" -leakwatch "$TOOLS/leakwatch-bench" -gitleaks "$TOOLS/gitleaks" -out "$OUT"
fi
