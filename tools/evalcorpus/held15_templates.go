package main

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/leakwatch/leakwatch/tools/internal/evallabel"
)

// held15Families pairs two variants of one class in different concrete shapes: a goes
// to held15a (may be tuned on), b to held15b (held out; totals only — see held15.go).
var held15Families = []struct{ a, b template }{
	// An AI app's log stream.
	{
		template{"logs", "log_stream.jsonl", func(g *gen, f *file) {
			svc := g.pick("chat-api", "assistant-gw", "rag-worker")
			row := func(level, msg, attrs string, ps ...plant) {
				f.add(fmt.Sprintf(`{"timestamp":"%s","service":"%s","level":"%s","trace_id":"%s","message":"%s","attributes":{%s}}`, g.h15time(), svc, level, g.s(hexd, 32), msg, attrs), ps...)
			}
			for i := 0; i < 7+g.r.IntN(3); i++ {
				switch g.r.IntN(9) {
				case 8:
					c := g.card(g.r.IntN(2) == 0)
					row("INFO", "user message", fmt.Sprintf(`"role":"user","content":"charge my card %s, expiry 0%d/2%d"`, c, 1+g.r.IntN(9), 7+g.r.IntN(3)), h15cc(c))
				case 0:
					n, v, p := g.h15tok()
					row("INFO", "user message", fmt.Sprintf(`"role":"user","content":"%s","conversation_id":"%s"`, g.pick("my "+strings.ToLower(strings.ReplaceAll(n, "_", " "))+" is "+v+" can you check why it returns 401?", "here is the key: "+v, "I set "+n+"="+v+" but the SDK still says unauthorized"), g.h5uuid()), p)
				case 1:
					pw := g.h15pass()
					row("INFO", "user message", fmt.Sprintf(`"role":"user","content":"%s","conversation_id":"%s"`, g.pick("the staging db password is "+pw+", connect and list the tables", "login: admin / password: "+pw, "try with pwd "+pw+" please"), g.h5uuid()), h15pw(pw))
				case 2:
					pw, h := g.h15pass(), g.h15host()
					row("ERROR", "vector store unavailable", fmt.Sprintf(`"error":"dial tcp: lookup %s: no such host","dsn":"postgresql://%s:%s@%s:5432/embeddings"`, h, g.h15user(), pw, h), h15pw(pw))
				case 3:
					_, v, p := g.h15tok()
					row("DEBUG", "provider config loaded", fmt.Sprintf(`"provider":"%s","model":"%s","api_key":"%s","timeout_ms":30000`, g.pick("openrouter", "anthropic", "groq", "xai"), g.pick("claude-sonnet-4", "llama-3.3-70b", "grok-3-mini"), v), p)
				case 4:
					e, ph := g.h15email(), g.h15phone()
					row("INFO", "user message", fmt.Sprintf(`"role":"user","content":"please send the invoice to %s or call me at %s"`, e, ph), h15mail(e), h15tel(ph))
				case 5:
					row("INFO", "assistant message", fmt.Sprintf(`"role":"assistant","content":"I can't use keys pasted in chat; rotate it. Your key %s was masked.","tokens":%d`, g.pick("sk-ant-…"+g.s(alnum, 4), "sk-proj-****", "[REDACTED]"), 100+g.r.IntN(900)))
				case 6:
					row("DEBUG", "provider config loaded", fmt.Sprintf(`"provider":"openai","api_key":"%s","embedding_model":"text-embedding-3-small","cache_key":"%s"`, g.pick("${OPENAI_API_KEY}", "[REDACTED]", "env:OPENAI_API_KEY"), g.s(hexd, 64)))
				default:
					k := g.h15rand()
					row("WARN", "webhook signature mismatch", fmt.Sprintf(`"endpoint":"/hooks/billing","signing_secret":"%s","received_sig":"%s"`, k, g.s(hexd, 64)), h15gen(k))
				}
			}
		}},
		template{"logs", "loki-push.json", func(g *gen, f *file) {
			app := g.pick("copilot-backend", "support-bot", "llm-router")
			f.add(`{"streams":[{"stream":{"app":"` + app + `","env":"` + g.pick("prod", "staging") + `","namespace":"ai"},"values":[`)
			n := 6 + g.r.IntN(3)
			for i := 0; i < n; i++ {
				ts := fmt.Sprint(1767000000000000000 + g.r.Int64N(1e16))
				sep := ","
				if i == n-1 {
					sep = ""
				}
				line := func(s string, ps ...plant) { f.add(`["`+ts+`","`+s+`"]`+sep, ps...) }
				switch g.r.IntN(9) {
				case 8:
					c := g.card(g.r.IntN(2) == 0)
					line(fmt.Sprintf(`{\"lvl\":\"info\",\"event\":\"chat.turn\",\"role\":\"user\",\"text\":\"pay with %s please\"}`, c), h15cc(c))
				case 0:
					_, v, p := g.h15tok()
					line(fmt.Sprintf(`level=info msg=\"chat turn\" role=user text=\"%s\"`, g.pick("why does "+v+" give me forbidden", "token: "+v)), p)
				case 1:
					pw := g.h15pass()
					line(fmt.Sprintf(`{\"lvl\":\"info\",\"event\":\"chat.turn\",\"role\":\"user\",\"text\":\"%s\"}`, g.pick("our redis password is "+pw+" if you need it", "use username ops and password "+pw)), h15pw(pw))
				case 2:
					pw := g.h15pass()
					line(fmt.Sprintf(`level=error msg=\"cache connect failed\" url=\"redis://default:%s@%s:6379/0\"`, pw, g.h15host()), h15pw(pw))
				case 3:
					_, v, p := g.h15tok()
					line(fmt.Sprintf(`{\"lvl\":\"debug\",\"event\":\"upstream.request\",\"headers\":{\"authorization\":\"Bearer %s\"}}`, v), p)
				case 4:
					e := g.h15email()
					line(fmt.Sprintf(`level=info msg=\"ticket created\" requester=%s`, e), h15mail(e))
				case 5:
					line(fmt.Sprintf(`level=debug msg=\"upstream request\" authorization=\"Bearer %s\" request_id=%s`, g.pick("***", "<redacted>", "sk-or-v1-"+strings.Repeat("*", 16)), g.h5uuid()))
				case 6:
					line(fmt.Sprintf(`{\"lvl\":\"info\",\"event\":\"embedding.cached\",\"digest\":\"%s\",\"model\":\"bge-m3\"}`, g.s(hexd, 64)))
				default:
					k := g.h15rand()
					line(fmt.Sprintf(`level=warn msg=\"tool call\" tool=crm_lookup args=\"{\\\"api_secret\\\":\\\"%s\\\"}\"`, k), h15gen(k))
				}
			}
			f.add(`]}]}`)
		}},
	},
	// Ansible variables.
	{
		template{"ansible", "inventory.ini", func(g *gen, f *file) {
			for _, grp := range []string{"web", "db"} {
				f.add("[" + grp + "]")
				for i := 0; i < 2+g.r.IntN(2); i++ {
					h := fmt.Sprintf("%s%02d.%s", grp, i+1, g.pick(h15orgs...))
					ip := g.h15ip()
					switch g.r.IntN(4) {
					case 0:
						f.add(fmt.Sprintf("%s ansible_host=%s ansible_user=%s ansible_ssh_private_key_file=~/.ssh/id_ed25519", h, ip, g.pick("deploy", "ubuntu")), neutral("ip", ip))
					case 1:
						pw := g.h15pass()
						f.add(fmt.Sprintf("%s ansible_host=%s ansible_user=%s ansible_password=%s", h, ip, g.pick("Administrator", "ops", "root"), pw), neutral("ip", ip), h15pw(pw))
					case 2:
						pw, pw2 := g.h15pass(), g.h15pass()
						f.add(fmt.Sprintf("%s ansible_host=%s ansible_ssh_pass=%s ansible_become_pass=%s", h, ip, pw, pw2), neutral("ip", ip), h15pw(pw), h15pw(pw2))
					default:
						f.add(fmt.Sprintf(`%s ansible_host=%s ansible_password="{{ vault_%s_password }}"`, h, ip, grp), neutral("ip", ip))
					}
				}
				f.add("")
			}
			f.add("[db:vars]")
			pw := g.h15pass()
			f.add(g.pick("mysql_root_password", "postgresql_admin_password", "mariadb_root_pass")+"="+pw, h15pw(pw))
			f.add("db_backup_bucket=s3://" + g.pick("erp", "crm") + "-backups")
			f.add("")
			f.add("[all:vars]")
			f.add("ansible_python_interpreter=/usr/bin/python3")
			if g.r.IntN(2) == 0 {
				_, v, p := g.h15tok()
				f.add(g.pick("slack_token", "notify_api_key", "registry_token")+"="+v, p)
			} else {
				f.add("vault_addr=https://" + g.h15host() + ":8200")
			}
		}},
		template{"ansible", "group_vars_all.yml", func(g *gen, f *file) {
			f.add("---")
			f.add("# group_vars/all.yml — shared by every play")
			f.add("timezone: Europe/Berlin")
			f.add("postgres_users:")
			for i := 0; i < 1+g.r.IntN(2); i++ {
				pw := g.h15pass()
				f.add("  - name: " + g.h15user())
				q := g.pick("", "'", "\"")
				f.add("    password: "+q+pw+q, h15pw(pw))
				f.add("    priv: ALL")
			}
			k := g.h15rand()
			f.add("app_secret_key: \""+k+"\"", h15gen(k))
			pw := g.h15pass()
			f.add(g.pick("smtp_relay_password", "ldap_bind_pw", "keycloak_admin_password")+": "+pw, h15pw(pw))
			wh := "https://hooks.slack.com/services/T" + g.s(upperD, 8) + "/B" + g.s(upperD, 10) + "/" + g.s(alnum, 24)
			// the secret is the path's last segment: any correct report contains it,
			// with or without the scheme and host
			f.add("alert_webhook: "+wh, plant{family: "slack-webhook", kind: "secret", value: wh, core: wh[strings.LastIndex(wh, "/")+1:]})
			f.add("registry_password: \"{{ lookup('env', 'REGISTRY_PASSWORD') }}\"")
			f.add("vault_db_password: !vault |")
			f.add("  $ANSIBLE_VAULT;1.1;AES256")
			for i := 0; i < 3; i++ {
				f.add("  " + g.s(hexd, 80))
			}
			if g.r.IntN(2) == 0 {
				h, body, ft := g.h15pem()
				f.add("deploy_private_key: |")
				f.add("  "+h, h15key(h))
				for _, b := range body {
					f.add("  " + b)
				}
				f.add("  " + ft)
			} else {
				_, v, p := g.h15tok()
				f.add(g.pick("api_token", "monitoring_key", "cdn_token")+": "+v, p)
			}
			f.add("ssh_authorized: \"" + g.h15neg() + "\"")
		}},
	},
	// Deployment overrides.
	{
		template{"deploy", "values.yaml", func(g *gen, f *file) {
			f.add("image:")
			f.add("  repository: registry." + g.pick(h15orgs...) + "/app")
			f.add("  digest: sha256:" + g.s(hexd, 64))
			f.add("postgresql:")
			f.add("  enabled: true")
			f.add("  auth:")
			f.add("    username: " + g.h15user())
			pw, pw2 := g.h15pass(), g.h15pass()
			f.add("    password: "+pw, h15pw(pw))
			f.add("    postgresPassword: "+pw2, h15pw(pw2))
			f.add("redis:")
			f.add("  auth:")
			if g.r.IntN(2) == 0 {
				pw3 := g.h15pass()
				f.add("    password: \""+pw3+"\"", h15pw(pw3))
			} else {
				f.add("    existingSecret: redis-auth")
				f.add("    existingSecretPasswordKey: redis-password")
			}
			f.add("extraEnvVars:")
			n, v, p := g.h15tok()
			f.add("  - name: " + n)
			f.add("    value: \""+v+"\"", p)
			f.add("  - name: LOG_LEVEL")
			f.add("    value: info")
			f.add("  - name: SESSION_SECRET")
			f.add("    valueFrom:")
			f.add("      secretKeyRef: {name: app-secrets, key: session}")
			if g.r.IntN(2) == 0 {
				f.add("minio:")
				f.add("  rootUser: admin")
				pw4 := g.h15pass()
				f.add("  rootPassword: "+pw4, h15pw(pw4))
			}
			f.add("ingress:")
			f.add("  annotations:")
			f.add("    nginx.ingress.kubernetes.io/auth-secret: basic-auth")
			f.add("  tls: [{secretName: app-tls, hosts: [app." + g.pick(h15orgs...) + "]}]")
		}},
		template{"deploy", "docker-compose.override.yml", func(g *gen, f *file) {
			f.add("services:")
			f.add("  db:")
			f.add("    image: " + g.pick("postgres:16", "mysql:8.4", "mariadb:11"))
			f.add("    environment:")
			pw := g.h15pass()
			f.add("      "+g.pick("POSTGRES_PASSWORD", "MYSQL_ROOT_PASSWORD", "MARIADB_PASSWORD")+": "+pw, h15pw(pw))
			f.add("      POSTGRES_DB: app")
			f.add("  cache:")
			f.add("    image: redis:7")
			if g.r.IntN(2) == 0 {
				pw2 := g.h15pass()
				f.add(`    command: ["redis-server", "--requirepass", "`+pw2+`"]`, h15pw(pw2))
			} else {
				f.add(`    command: ["redis-server", "--requirepass", "${REDIS_PASSWORD}"]`)
			}
			f.add("  app:")
			f.add("    build: .")
			f.add("    environment:")
			n, v, p := g.h15tok()
			f.add("      - "+n+"="+v, p)
			pw3 := g.h15pass()
			f.add("      - DATABASE_URL=postgres://app:"+pw3+"@db:5432/app", h15pw(pw3))
			f.add("      - SENTRY_RELEASE=" + g.s(hexd, 40))
			f.add("      - API_KEY=${API_KEY:?set it in .env}")
			if g.r.IntN(2) == 0 {
				k := g.h15rand()
				f.add("      - "+g.pick("JWT_SIGNING_KEY", "COOKIE_SECRET", "HMAC_SECRET")+"="+k, h15gen(k))
			}
			f.add("    secrets:")
			f.add("      - smtp_password")
			f.add("secrets:")
			f.add("  smtp_password:")
			f.add("    file: ./secrets/smtp_password.txt")
		}},
	},
	// CI YAML with inline secrets.
	{
		template{"ci", "bitbucket-pipelines.yml", func(g *gen, f *file) {
			f.add("image: node:22")
			f.add("pipelines:")
			f.add("  branches:")
			f.add("    main:")
			f.add("      - step:")
			f.add("          name: Build and deploy")
			f.add("          caches: [node]")
			f.add("          script:")
			ak, sk := g.h15awsID(), g.h15awsSecret()
			f.add("            - export AWS_ACCESS_KEY_ID="+ak, secret("aws", ak))
			f.add("            - export AWS_SECRET_ACCESS_KEY="+sk, secret("aws-secret", sk))
			pw := g.h15pass()
			f.add("            - docker login -u "+g.pick("ci-bot", "deployer")+" -p "+pw+" registry."+g.pick(h15orgs...), h15pw(pw))
			_, v, p := g.h15tok()
			f.add(`            - curl -fsS -H "Authorization: Bearer `+v+`" https://api.`+g.pick(h15orgs...)+`/deploy`, p)
			f.add("            - npm ci && npm run build")
			f.add("            - pipe: atlassian/ssh-run:0.8.1")
			f.add("              variables:")
			f.add("                SSH_USER: $DEPLOY_USER")
			f.add("                SERVER: $PROD_HOST")
			f.add("                COMMAND: './release.sh $BITBUCKET_COMMIT'")
			if g.r.IntN(2) == 0 {
				f.add("      - step:")
				f.add("          name: Notify")
				f.add("          script:")
				k := g.h15rand()
				f.add("            - ./notify --webhook-secret "+k, h15gen(k))
			}
		}},
		template{"ci", "circleci-config.yml", func(g *gen, f *file) {
			f.add("version: 2.1")
			f.add("jobs:")
			f.add("  test:")
			f.add("    docker:")
			f.add("      - image: " + g.pick("cimg/python:3.12", "cimg/node:22.11"))
			f.add("        auth:")
			f.add("          username: " + g.pick("acme-ci", "buildbot"))
			pw := g.h15pass()
			f.add("          password: "+pw, h15pw(pw))
			f.add("      - image: cimg/postgres:16.4")
			f.add("        environment:")
			pw2 := g.h15pass()
			f.add("          POSTGRES_PASSWORD: "+pw2, h15pw(pw2))
			f.add("    environment:")
			n, v, p := g.h15tok()
			f.add("      "+n+": "+v, p)
			f.add("      DOCKERHUB_PASSWORD: $DOCKERHUB_PASSWORD")
			f.add("    steps:")
			f.add("      - checkout")
			if g.r.IntN(2) == 0 {
				b := g.h5gh("npm_")
				f.add("      - run: npm config set //registry.npmjs.org/:_authToken "+b, secret("npm", b))
			} else {
				pw3 := g.h15pass()
				f.add(`      - run: psql "postgresql://ci:`+pw3+`@localhost:5432/test" -f schema.sql`, h15pw(pw3))
			}
			f.add("      - run: pytest --junitxml=reports/junit.xml")
			f.add("      - run: echo << pipeline.parameters.deploy_token >> > /dev/null")
			f.add("workflows:")
			f.add("  main: {jobs: [test]}")
		}},
	},
	// PHP application configs.
	{
		template{"php", "wp-config.php", func(g *gen, f *file) {
			f.add("<?php")
			f.add("define( 'DB_NAME', '" + g.pick("wordpress", "wp_shop", "blog") + "' );")
			f.add("define( 'DB_USER', '" + g.h15user() + "' );")
			pw := g.h15pass()
			f.add("define( 'DB_PASSWORD', '"+pw+"' );", h15pw(pw))
			f.add("define( 'DB_HOST', '" + g.h15host() + "' );")
			f.add("define( 'DB_CHARSET', 'utf8mb4' );")
			salt := "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!@#%^&*()-_[]{}<>~+=,.;:/?|"
			real := g.r.IntN(3) != 0
			for _, k := range []string{"AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT", "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT"} {
				if !real {
					f.add("define( '" + k + "', 'put your unique phrase here' );")
					continue
				}
				v := g.s(salt, 64)
				if k == "AUTH_KEY" || k == "NONCE_SALT" {
					f.add("define( '"+k+"', '"+v+"' );", h15gen(v))
				} else {
					// only the first and last are labelled; the others stay unlabelled and
					// are not scored (so the family's weight stays proportionate)
					f.add("define( '" + k + "', '" + v + "' );")
					f.labels = append(f.labels, evallabel.Label{File: f.name, Line: len(f.lines), Family: "generic", Kind: "neutral", Value: v, Core: v})
				}
			}
			f.add("$table_prefix = 'wp_';")
			if g.r.IntN(2) == 0 {
				k := g.h15rand()
				f.add("define( 'WP_MAIL_SMTP_PASS', '"+k+"' );", h15gen(k))
			}
			f.add("define( 'WP_DEBUG', false );")
		}},
		template{"php", "laravel-config.php", func(g *gen, f *file) {
			f.add("<?php")
			f.add("")
			f.add("return [")
			f.add("    'connections' => [")
			f.add("        'mysql' => [")
			f.add("            'driver' => 'mysql',")
			f.add("            'host' => env('DB_HOST', '" + g.h15host() + "'),")
			f.add("            'username' => env('DB_USERNAME', '" + g.h15user() + "'),")
			pw := g.h15pass()
			f.add("            'password' => env('DB_PASSWORD', '"+pw+"'),", h15pw(pw))
			f.add("        ],")
			f.add("    ],")
			f.add("    'redis' => [")
			f.add("        'default' => ['host' => env('REDIS_HOST', '127.0.0.1'), 'password' => env('REDIS_PASSWORD', null)],")
			f.add("    ],")
			f.add("    'services' => [")
			st := "rk_live_51" + g.s(alnum, 97)
			f.add("        'stripe' => ['key' => 'pk_test_"+g.s(alnum, 24)+"', 'secret' => env('STRIPE_SECRET', '"+st+"')],", secret("stripe", st))
			mg := "key-" + g.s(hexd, 32)
			f.add("        'mailgun' => ['domain' => 'mg."+g.pick(h15orgs...)+"', 'secret' => '"+mg+"'],", secret("mailgun", mg))
			if g.r.IntN(2) == 0 {
				pw2 := g.h15pass()
				f.add("        'ldap' => ['username' => 'cn=reader,dc=corp', 'password' => '"+pw2+"'],", h15pw(pw2))
			} else {
				f.add("        'ses' => ['key' => env('AWS_ACCESS_KEY_ID'), 'secret' => env('AWS_SECRET_ACCESS_KEY')],")
			}
			f.add("    ],")
			ak := "base64:" + h15b64(g.s(alnum, 32))
			f.add("    'key' => env('APP_KEY', '"+ak+"'),", h15gen(ak))
			f.add("    'cipher' => 'AES-256-CBC',")
			f.add("];")
		}},
	},
	// Web frameworks' secrets.
	{
		template{"rails", "credentials.yml.dec", func(g *gen, f *file) {
			f.add("$ bin/rails credentials:show --environment production")
			k := g.s(hexd, 128)
			f.add("secret_key_base: "+k, h15gen(k))
			f.add("aws:")
			ak, sk := g.h15awsID(), g.h15awsSecret()
			f.add("  access_key_id: "+ak, secret("aws", ak))
			f.add("  secret_access_key: "+sk, secret("aws-secret", sk))
			f.add("database:")
			pw := g.h15pass()
			f.add("  password: "+pw, h15pw(pw))
			f.add("smtp:")
			org := g.pick(h15orgs...)
			if u := g.pick("apikey", "postmaster@mg."+org); u == "apikey" {
				f.add("  user_name: " + u)
			} else {
				// a role address (RFC 2142), neutral by held4's policy
				f.add("  user_name: "+u, neutral("email", u))
			}
			v := "SG." + g.s(urlb64, 22) + "." + g.s(urlb64, 43)
			f.add("  password: "+v, secret("sendgrid", v))
			if g.r.IntN(2) == 0 {
				n, t, p := g.h15tok()
				f.add(strings.ToLower(strings.SplitN(n, "_", 2)[0]) + ":")
				f.add("  token: "+t, p)
			}
			f.add("active_record_encryption:")
			k1, k2 := g.s(alnum, 32), g.s(alnum, 32)
			f.add("  primary_key: "+k1, h15gen(k1))
			f.add("  key_derivation_salt: "+k2, h15gen(k2))
		}},
		template{"django", "settings.py", func(g *gen, f *file) {
			f.add("from pathlib import Path")
			f.add("import os")
			f.add("")
			f.add("BASE_DIR = Path(__file__).resolve().parent.parent")
			k := g.s(lower+digits+"!@#%^&*(-_=+)", 50)
			f.add("SECRET_KEY = '"+k+"'", h15gen(k))
			f.add("DEBUG = False")
			f.add("DATABASES = {")
			f.add("    'default': {")
			f.add("        'ENGINE': 'django.db.backends.postgresql',")
			f.add("        'NAME': 'app', 'USER': '" + g.h15user() + "',")
			pw := g.h15pass()
			f.add("        'PASSWORD': '"+pw+"',", h15pw(pw))
			f.add("        'HOST': '" + g.h15host() + "', 'PORT': '5432',")
			f.add("    }")
			f.add("}")
			f.add("EMAIL_HOST = 'smtp." + g.pick(h15orgs...) + "'")
			pw2 := g.h15pass()
			f.add("EMAIL_HOST_PASSWORD = '"+pw2+"'", h15pw(pw2))
			if g.r.IntN(2) == 0 {
				ak, sk := g.h15awsID(), g.h15awsSecret()
				f.add("AWS_ACCESS_KEY_ID = '"+ak+"'", secret("aws", ak))
				f.add("AWS_SECRET_ACCESS_KEY = '"+sk+"'", secret("aws-secret", sk))
			} else {
				f.add("AWS_SECRET_ACCESS_KEY = os.environ['AWS_SECRET_ACCESS_KEY']")
				n, t, p := g.h15tok()
				f.add("INTEGRATIONS = {'"+n+"': '"+t+"'}", p)
			}
			f.add("CACHES = {'default': {'BACKEND': 'django.core.cache.backends.redis.RedisCache', 'LOCATION': os.environ.get('REDIS_URL')}}")
			f.add("PASSWORD_HASHERS = ['django.contrib.auth.hashers.Argon2PasswordHasher']")
		}},
	},
	// Client credential files.
	{
		template{"home", ".pgpass", func(g *gen, f *file) {
			f.add("# hostname:port:database:username:password")
			for i := 0; i < 3+g.r.IntN(3); i++ {
				if g.r.IntN(5) == 0 {
					f.add("#" + g.h15host() + ":5432:*:" + g.h15user() + ":" + g.pick("changeme", "<password>", "xxxxxx"))
					continue
				}
				pw := g.h15pass()
				f.add(g.pick(g.h15host(), "localhost", "*", g.h15ip())+":"+g.pick("5432", "6432", "*")+":"+g.pick("*", "app", "analytics", "postgres")+":"+g.h15user()+":"+pw, h15pw(pw))
			}
		}},
		template{"home", "rclone.conf", func(g *gen, f *file) {
			f.add("[" + g.pick("wasabi", "s3-backup", "r2") + "]")
			f.add("type = s3")
			f.add("provider = " + g.pick("Wasabi", "AWS", "Cloudflare"))
			ak, sk := g.h15awsID(), g.h15awsSecret()
			f.add("access_key_id = "+ak, secret("aws", ak))
			f.add("secret_access_key = "+sk, secret("aws-secret", sk))
			f.add("")
			f.add("[" + g.pick("nas", "sftp-home", "box") + "]")
			f.add("type = " + g.pick("sftp", "webdav", "ftp"))
			f.add("host = " + g.h15host())
			f.add("user = " + g.h15user())
			ob := g.s(urlb64, 24+4*g.r.IntN(8))
			f.add("pass = "+ob, h15pw(ob))
			f.add("")
			f.add("[gdrive]")
			f.add("type = drive")
			f.add("scope = drive")
			at, rt := "ya29."+g.s(urlb64, 150), "1//0"+g.s(urlb64, 99)
			f.add(`token = {"access_token":"`+at+`","token_type":"Bearer","refresh_token":"`+rt+`","expiry":"2026-03-04T10:11:12.123456+01:00"}`, secret("google-oauth", at), secret("google-oauth", rt))
			if g.r.IntN(2) == 0 {
				f.add("")
				f.add("[crypt]")
				f.add("type = crypt")
				f.add("remote = gdrive:vault")
				ob2 := g.s(urlb64, 40+4*g.r.IntN(4))
				f.add("password = "+ob2, h15pw(ob2))
			}
		}},
	},
	// Windows registry and scripts.
	{
		template{"windows", "export.reg", func(g *gen, f *file) {
			f.add("Windows Registry Editor Version 5.00")
			f.add("")
			f.add(`[HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon]`)
			f.add(`"AutoAdminLogon"="1"`)
			f.add(`"DefaultUserName"="` + g.pick("kiosk", "frontdesk", "scanner") + `"`)
			pw := g.h15pass()
			f.add(`"DefaultPassword"="`+pw+`"`, h15pw(pw))
			f.add(`"Shell"="explorer.exe"`)
			f.add("")
			vend := g.pick("Contoso", "Fabrikam", "Bergwerk")
			f.add(`[HKEY_LOCAL_MACHINE\SOFTWARE\` + vend + `\Agent]`)
			f.add(`"InstallId"="{` + strings.ToUpper(g.h5uuid()) + `}"`)
			f.add(`"DataDir"=hex(2):25,00,50,00,52,00,4f,00,47,00,52,00,41,00,4d,00,44,00,41,00,54,00,41,00,25,00,00,00`)
			pw2 := g.h15pass()
			f.add(`"ConnectionString"="Server=`+g.h15host()+`;Database=agent;User Id=agent;Password=`+pw2+`;"`, h15pw(pw2))
			if g.r.IntN(2) == 0 {
				_, v, p := g.h15tok()
				f.add(`"ApiKey"="`+v+`"`, p)
			} else {
				k := g.h15rand()
				f.add(`"ServiceSecret"="`+k+`"`, h15gen(k))
			}
			f.add(`"PollInterval"=dword:0000003c`)
			f.add("")
			f.add(`[HKEY_CURRENT_USER\Software\SimonTatham\PuTTY\Sessions\` + g.pick("prod-jump", "lab") + `]`)
			f.add(`"HostName"="` + g.h15host() + `"`)
			pw3 := g.h15pass()
			f.add(`"ProxyPassword"="`+pw3+`"`, h15pw(pw3))
			f.add(`"PublicKeyFile"="C:\\Users\\ops\\.ssh\\id_rsa.ppk"`)
		}},
		template{"windows", "deploy.ps1", func(g *gen, f *file) {
			f.add("#Requires -Modules Az.Accounts")
			f.add("param([string]$Environment = '" + g.pick("prod", "staging") + "')")
			pw := g.h15pass()
			f.add("$securePw = ConvertTo-SecureString '"+pw+"' -AsPlainText -Force", h15pw(pw))
			f.add("$cred = New-Object System.Management.Automation.PSCredential ('" + g.pick("CORP\\svc_deploy", "svc-sql@corp.local") + "', $securePw)")
			f.add("Invoke-Command -ComputerName " + g.pick("APP01", "SQL02") + " -Credential $cred -ScriptBlock { Restart-Service W3SVC }")
			_, v, p := g.h15tok()
			f.add("$headers = @{ Authorization = \"Bearer "+v+"\" }", p)
			f.add("Invoke-RestMethod -Uri 'https://api." + g.pick(h15orgs...) + "/v1/releases' -Headers $headers -Method Post")
			k := g.h15rand()
			f.add("Invoke-WebRequest -Uri $url -Headers @{'X-Api-Key'='"+k+"'} -OutFile report.csv", h15gen(k))
			f.add("$token = $env:DEPLOY_TOKEN")
			f.add("$pw2 = Read-Host -AsSecureString 'Password'")
			if g.r.IntN(2) == 0 {
				pw2 := g.h15pass()
				f.add("net use Z: \\\\"+g.pick("FILES01", "NAS")+"\\share /user:CORP\\backup "+pw2, h15pw(pw2))
			} else {
				f.add("$sp = Get-Secret -Name DeployPassword -Vault CorpVault")
			}
			f.add("Write-Host \"Deployed build " + g.s(hexd, 40) + "\"")
		}},
	},
	// Issue trackers.
	{
		template{"tickets", "jira-issue.json", func(g *gen, f *file) {
			e := g.h15email()
			f.add("{")
			f.add(fmt.Sprintf(`  "id": "%d", "key": "%s-%d",`, 10000+g.r.IntN(90000), g.pick("OPS", "SUP", "INFRA"), 100+g.r.IntN(9000)))
			f.add(`  "fields": {`)
			f.add(`    "summary": "` + g.pick("Cannot connect to reporting DB", "Integration returns 401", "SFTP upload failing") + `",`)
			f.add(`    "reporter": {"displayName": "`+g.h15name()+`", "emailAddress": "`+e+`"},`, h15mail(e))
			pw := g.h15pass()
			f.add(`    "description": "h3. Steps\n# log in as *`+g.h15user()+`* with password `+pw+`\n# open the report\n\nExpected: data loads",`, h15pw(pw))
			f.add(`    "comment": {"comments": [`)
			_, v, p := g.h15tok()
			f.add(`      {"author": {"displayName": "`+g.h15name()+`"}, "body": "Tried with the service token:\n{code}\ncurl -H 'Authorization: Bearer `+v+`' https://api.internal/v2/sync\n{code}"},`, p)
			if g.r.IntN(2) == 0 {
				pw2 := g.h15pass()
				f.add(`      {"author": {"displayName": "`+g.h15name()+`"}, "body": "new sftp creds: user `+g.h15user()+` / pass `+pw2+`"},`, h15pw(pw2))
			}
			f.add(`      {"author": {"displayName": "Automation for Jira"}, "body": "Secret scanner masked a value: ` + g.h15neg() + `"}`)
			f.add(`    ]},`)
			ph := g.h15phone()
			f.add(`    "customfield_10042": "`+ph+`"`, h15tel(ph))
			f.add("  }")
			f.add("}")
		}},
		template{"tickets", "github-issue.json", func(g *gen, f *file) {
			f.add("{")
			f.add(fmt.Sprintf(`  "number": %d,`, 1+g.r.IntN(4000)))
			f.add(`  "title": "` + g.pick("Webhook delivery fails after upgrade", "Docker image can't reach database", "OAuth callback error") + `",`)
			f.add(`  "user": {"login": "` + g.pick("mehmetyz", "agakow", "julienm", "budis") + `", "type": "User"},`)
			_, v, p := g.h15tok()
			f.add("  \"body\": \"### Config\\r\\n\\r\\n```env\\r\\nAPI_TOKEN="+v+"\\r\\nLOG_LEVEL=debug\\r\\n```\\r\\n\\r\\nSame with v2.\",", p)
			f.add(`  "labels": [{"name": "bug"}],`)
			f.add(`  "comments": [`)
			pw := g.h15pass()
			f.add("    {\"user\": {\"login\": \"maintainer-bot\"}, \"body\": \"Can you share `docker compose config`?\"},")
			f.add("    {\"user\": {\"login\": \"reporter\"}, \"body\": \"```yaml\\nenvironment:\\n  DB_PASSWORD: "+pw+"\\n  DB_HOST: "+g.h15host()+"\\n```\"},", h15pw(pw))
			e := g.h15email()
			f.add(`    {"user": {"login": "reporter"}, "body": "reach me at `+e+` if you need logs"},`, h15mail(e))
			f.add(`    {"user": {"login": "maintainer"}, "body": "Please rotate that token, I edited it to ` + g.h15neg() + `. Fixed in ` + g.s(hexd, 40) + `"}`)
			f.add("  ]")
			f.add("}")
		}},
	},
	// Chat.
	{
		template{"chat", "irc-ops.log", func(g *gen, f *file) {
			nicks := []string{"julien", "katrin", "mehmet", "tomasz", "ananya", "budi"}
			ts := func() string { return fmt.Sprintf("[%02d:%02d:%02d]", g.r.IntN(24), g.r.IntN(60), g.r.IntN(60)) }
			nk := func() string { return g.pick(nicks...) }
			f.add("--- Log opened " + g.pick("Mon", "Tue", "Wed") + " Mar 03 08:00:00 2026")
			f.add(ts() + " -!- " + nk() + " [~" + nk() + "@" + g.h15ip() + "] has joined #ops")
			for i := 0; i < 6+g.r.IntN(3); i++ {
				switch g.r.IntN(7) {
				case 0:
					pw := g.h15pass()
					f.add(ts()+" <"+nk()+"> /msg NickServ IDENTIFY "+pw, h15pw(pw))
				case 1:
					pw := g.h15pass()
					f.add(ts()+" <"+nk()+"> "+g.pick("jump host creds: ops / ", "the grafana admin pw is ", "pass for the wifi guest net: ")+pw, h15pw(pw))
				case 2:
					_, v, p := g.h15tok()
					f.add(ts()+" <"+nk()+"> "+g.pick("use this one for now ", "token: ", "try ")+v, p)
				case 3:
					e := g.h15email()
					f.add(ts()+" <"+nk()+"> customer is "+e+", escalate pls", h15mail(e))
				case 4:
					f.add(ts() + " <" + nk() + "> deployed " + g.s(hexd, 12) + ", hash " + g.s(hexd, 40))
				case 5:
					f.add(ts() + " <" + nk() + "> don't paste passwords here, use " + g.pick("the vault", "1password", "bitwarden") + " (" + g.h15neg() + ")")
				default:
					f.add(ts() + " <" + nk() + "> lunch?")
				}
			}
		}},
		template{"chat", "teams-messages.json", func(g *gen, f *file) {
			f.add(`{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#chats('19%3Ameeting')/messages","value":[`)
			n := 5 + g.r.IntN(3)
			for i := 0; i < n; i++ {
				sep := ","
				if i == n-1 {
					sep = ""
				}
				msg := func(html string, ps ...plant) {
					f.add(fmt.Sprintf(`{"id":"%d","messageType":"message","createdDateTime":"%s","from":{"user":{"displayName":"%s","id":"%s"}},"body":{"contentType":"html","content":"%s"}}%s`, 1700000000000+g.r.Int64N(1e11), g.h15time(), g.h15name(), g.h5uuid(), html, sep), ps...)
				}
				switch g.r.IntN(7) {
				case 0:
					pw := g.h15pass()
					msg(`<p>`+g.pick("Das Passwort für den Drucker-Admin ist ", "vpn password: ", "Kennwort fürs WLAN: ")+`<b>`+pw+`</b></p>`, h15pw(pw))
				case 1:
					pw := g.h15pass()
					msg(`<div>user: <code>`+g.h15user()+`</code><br>password: <code>`+pw+`</code></div>`, h15pw(pw))
				case 2:
					_, v, p := g.h15tok()
					msg(`<p>here is the key for the staging tenant</p><pre>`+v+`</pre>`, p)
				case 3:
					ph := g.h15phone()
					msg(`<p>call the customer at `+ph+` please</p>`, h15tel(ph))
				case 4:
					msg(`<p>I put the secret in Key Vault, reference: <a href=\"https://kv-prod.vault.azure.net/secrets/db-password\">db-password</a></p>`)
				case 5:
					msg(`<p>build <code>` + g.s(hexd, 40) + `</code> is green</p>`)
				default:
					e := g.h15email()
					msg(`<p>invite <a href=\"mailto:`+e+`\">`+g.h15name()+`</a> to the channel</p>`, h15mail(e))
				}
			}
			f.add(`]}`)
		}},
	},
	// Web pages.
	{
		template{"web", "login.html", func(g *gen, f *file) {
			f.add("<!doctype html>")
			f.add(`<html lang="` + g.pick("fr", "de", "pl") + `"><head>`)
			csrf := g.s(urlb64, 40)
			f.add(`<meta name="csrf-token" content="`+csrf+`">`, neutral("csrf", csrf))
			f.add("</head><body>")
			f.add(`<form method="post" action="/session">`)
			f.add(`  <input type="text" name="username" value="` + g.h15user() + `">`)
			pw := g.h15pass()
			f.add(`  <input type="password" name="password" value="`+pw+`">`, h15pw(pw))
			k := g.h15rand()
			f.add(`  <input type="hidden" name="api_key" value="`+k+`">`, h15gen(k))
			f.add(`  <input type="password" name="confirm" placeholder="` + g.pick("••••••••", "Mot de passe", "Passwort") + `">`)
			f.add("</form>")
			f.add("<script>")
			f.add("  window.APP_CONFIG = {")
			f.add(`    stripePublishableKey: "pk_test_` + g.s(alnum, 24) + `",`)
			_, v, p := g.h15tok()
			f.add(`    adminToken: "`+v+`",`, p)
			f.add(`    sentryRelease: "` + g.s(hexd, 40) + `"`)
			f.add("  };")
			f.add("</script>")
			e := g.h15email()
			f.add(`<footer><a href="mailto:`+e+`">Support</a></footer>`, h15mail(e))
			f.add("</body></html>")
		}},
		template{"web", "next-page.html", func(g *gen, f *file) {
			f.add(`<!DOCTYPE html><html><head><meta charSet="utf-8"/><title>Dashboard</title></head><body><div id="__next"></div>`)
			f.add(`<script id="__NEXT_DATA__" type="application/json">{`)
			f.add(`  "props": {"pageProps": {"user": {"id": "` + g.h5uuid() + `",`)
			e := g.h15email()
			f.add(`    "email": "`+e+`"}}},`, h15mail(e))
			f.add(`  "runtimeConfig": {`)
			pw := g.h15pass()
			f.add(`    "DATABASE_URL": "mysql://`+g.h15user()+`:`+pw+`@`+g.h15host()+`:3306/app",`, h15pw(pw))
			n, v, p := g.h15tok()
			f.add(`    "`+n+`": "`+v+`",`, p)
			ph := "phc_" + g.s(alnum, 43)
			f.add(`    "NEXT_PUBLIC_POSTHOG_KEY": "`+ph+`",`, neutral("public-key", ph))
			if g.r.IntN(2) == 0 {
				k := g.h15rand()
				f.add(`    "NEXTAUTH_SECRET": "`+k+`",`, h15gen(k))
			}
			f.add(`    "SMTP_PASSWORD": "` + g.pick("", "***", "[REDACTED]") + `"`)
			f.add(`  },`)
			f.add(`  "page": "/dashboard", "buildId": "` + g.s(urlb64, 21) + `", "isFallback": false`)
			f.add(`}</script></body></html>`)
		}},
	},
	// RPC request dumps and configs.
	{
		template{"rpc", "grpcurl.sh", func(g *gen, f *file) {
			f.add("#!/bin/sh")
			f.add("# smoke tests against the gateway")
			h := "grpc." + g.pick(h15orgs...) + ":443"
			_, v, p := g.h15tok()
			f.add("grpcurl -H 'authorization: Bearer "+v+"' "+h+" list", p)
			pw := g.h15pass()
			f.add(`grpcurl -d '{"username":"`+g.h15user()+`","password":"`+pw+`"}' `+h+` auth.v1.AuthService/Login`, h15pw(pw))
			k := g.h15rand()
			f.add("grpcurl -rpc-header 'x-api-key: "+k+"' -d '{\"id\":\""+g.h5uuid()+"\"}' "+h+" billing.v2.Invoices/Get", h15gen(k))
			f.add(`grpcurl -H "authorization: Bearer $TOKEN" ` + h + ` health.v1.Health/Check`)
			if g.r.IntN(2) == 0 {
				e := g.h15email()
				f.add(`grpcurl -d '{"email":"`+e+`"}' `+h+` users.v1.Users/Lookup`, h15mail(e))
			}
			f.add("grpcurl -plaintext localhost:9090 describe auth.v1.AuthService")
		}},
		template{"rpc", "service.textproto", func(g *gen, f *file) {
			f.add("# proto-file: config/v1/service.proto")
			f.add("# proto-message: ServiceConfig")
			f.add(`name: "` + g.pick("ledger", "notifier", "ingest") + `"`)
			f.add("database {")
			f.add(`  host: "` + g.h15host() + `"`)
			f.add(`  user: "` + g.h15user() + `"`)
			pw := g.h15pass()
			f.add(`  password: "`+pw+`"`, h15pw(pw))
			f.add("  max_connections: 20")
			f.add("}")
			f.add("upstream {")
			_, v, p := g.h15tok()
			f.add(`  api_key: "`+v+`"`, p)
			f.add(`  endpoint: "https://api.` + g.pick(h15orgs...) + `"`)
			f.add("}")
			f.add("oauth {")
			f.add(`  client_id: "` + g.s(digits, 12) + `-` + g.s(lower+digits, 32) + `.apps.googleusercontent.com"`)
			cs := "GOCSPX-" + g.s(urlb64, 28)
			f.add(`  client_secret: "`+cs+`"`, secret("google-oauth", cs))
			f.add("}")
			f.add(`smtp { password_env: "SMTP_PASSWORD" }`)
			f.add(`tls { cert_sha256: "` + g.s(hexd, 64) + `" }`)
		}},
	},
	// BEAM configs.
	{
		template{"elixir", "runtime.exs", func(g *gen, f *file) {
			f.add("import Config")
			f.add("")
			f.add("config :shop, Shop.Repo,")
			f.add(`  username: "` + g.h15user() + `",`)
			pw := g.h15pass()
			f.add(`  password: "`+pw+`",`, h15pw(pw))
			f.add(`  hostname: "` + g.h15host() + `",`)
			f.add("  pool_size: 10")
			f.add("")
			f.add("config :shop, ShopWeb.Endpoint,")
			k := g.s(urlb64, 64)
			f.add(`  secret_key_base: "`+k+`",`, h15gen(k))
			ss := g.s(alnum, 8)
			f.add(`  live_view: [signing_salt: "`+ss+`"]`, neutral("salt", ss))
			f.add("")
			if g.r.IntN(2) == 0 {
				ak, sk := g.h15awsID(), g.h15awsSecret()
				f.add(`config :ex_aws, access_key_id: "`+ak+`",`, secret("aws", ak))
				f.add(`  secret_access_key: "`+sk+`"`, secret("aws-secret", sk))
			} else {
				f.add(`config :ex_aws, access_key_id: {:system, "AWS_ACCESS_KEY_ID"}, secret_access_key: System.fetch_env!("AWS_SECRET_ACCESS_KEY")`)
			}
			_, v, p := g.h15tok()
			f.add(`config :shop, :integrations, api_token: "`+v+`"`, p)
			f.add(`config :shop, Shop.Mailer, adapter: Swoosh.Adapters.Mailgun, api_key: System.get_env("MAILGUN_API_KEY")`)
		}},
		template{"erlang", "sys.config", func(g *gen, f *file) {
			f.add("%% -*- mode: erlang -*-")
			f.add("[")
			f.add(" {" + g.pick("ledger", "chatd", "router") + ", [")
			f.add(`   {db, [{host, "` + g.h15host() + `"}, {port, 5432},`)
			pw := g.h15pass()
			f.add(`         {username, "`+g.h15user()+`"}, {password, "`+pw+`"}]},`, h15pw(pw))
			_, v, p := g.h15tok()
			f.add(`   {api_key, <<"`+v+`">>},`, p)
			f.add(`   {admin_password_env, "ADMIN_PASSWORD"},`)
			f.add(`   {release_sha, "` + g.s(hexd, 40) + `"}`)
			f.add(" ]},")
			f.add(" {rabbit, [")
			f.add(`   {default_user, <<"` + g.h15user() + `">>},`)
			pw2 := g.h15pass()
			f.add(`   {default_pass, <<"`+pw2+`">>}`, h15pw(pw2))
			f.add(" ]},")
			f.add(` {kernel, [{logger_level, info}]}`)
			f.add("].")
			f.add("%% vm.args")
			f.add("-name " + g.pick("ledger", "chatd") + "@" + g.h15ip())
			c := g.s("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 20)
			f.add("-setcookie "+c, h15gen(c))
		}},
	},
	// Tabular exports with locale headers.
	{
		template{"exports", "kunden.csv", func(g *gen, f *file) {
			pl := g.r.IntN(2) == 0
			if pl {
				f.add("Nr klienta;Imię i nazwisko;E-mail;Telefon;PESEL;Numer konta;Hasło;Saldo")
			} else {
				f.add("Kundennr.;Name;E-Mail;Telefon;IBAN;Kennwort;Geburtsdatum;Saldo")
			}
			for i := 0; i < 3+g.r.IntN(2); i++ {
				e, ph, pw := g.h15email(), g.h15phone(), g.h15pass()
				bal := fmt.Sprintf("%d,%02d", g.r.IntN(9000), g.r.IntN(100))
				if pl {
					id, ib := g.h15pesel(), g.h15iban("PL")
					f.add(fmt.Sprintf("%d;%s;%s;%s;%s;%s;%s;%s", 5000+i, g.h15name(), e, ph, id, ib, pw, bal), h15mail(e), h15tel(ph), h15id(id), h15ib(ib), h15pw(pw))
				} else {
					ib := g.h15iban("DE")
					show := ib
					if g.r.IntN(2) == 0 {
						show = groupsOf4(ib)
					}
					f.add(fmt.Sprintf("%d;%s;%s;%s;%s;%s;%02d.%02d.19%d;%s", 5000+i, g.h15name(), e, ph, show, pw, 1+g.r.IntN(28), 1+g.r.IntN(12), 50+g.r.IntN(49), bal), h15mail(e), h15tel(ph), h15ib(show), h15pw(pw))
				}
			}
			f.add(fmt.Sprintf("%d;Testkunde;test@example.com;;;%s;;0,00", 9999, g.pick("********", "", "(verschlüsselt)")), neutral("email", "test@example.com"))
		}},
		template{"exports", "clientes.xml", func(g *gen, f *file) {
			tr := g.r.IntN(2) == 0
			f.add(`<?xml version="1.0"?>`)
			f.add(`<?mso-application progid="Excel.Sheet"?>`)
			f.add(`<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">`)
			f.add(` <Worksheet ss:Name="` + g.pick("Clientes", "Müşteriler") + `"><Table>`)
			hdr := []string{"Nome", "E-mail", "Telefone", "CPF", "IBAN", "Senha"}
			if tr {
				hdr = []string{"Ad Soyad", "E-posta", "Telefon", "TC Kimlik No", "IBAN", "Şifre"}
			}
			f.add("  <Row>")
			for _, h := range hdr {
				f.add(`   <Cell><Data ss:Type="String">` + h + `</Data></Cell>`)
			}
			f.add("  </Row>")
			for i := 0; i < 2+g.r.IntN(2); i++ {
				e, ph, pw := g.h15email(), g.h15phone(), g.h15pass()
				id, ib := g.h15cpf(), g.h15iban("BR")
				if tr {
					id, ib = g.h15tckn(), g.h15iban("TR")
				}
				f.add("  <Row>")
				f.add(`   <Cell><Data ss:Type="String">` + g.h15name() + `</Data></Cell>`)
				f.add(`   <Cell><Data ss:Type="String">`+e+`</Data></Cell>`, h15mail(e))
				f.add(`   <Cell><Data ss:Type="String">`+ph+`</Data></Cell>`, h15tel(ph))
				f.add(`   <Cell><Data ss:Type="String">`+id+`</Data></Cell>`, h15id(id))
				f.add(`   <Cell><Data ss:Type="String">`+ib+`</Data></Cell>`, h15ib(ib))
				f.add(`   <Cell><Data ss:Type="String">`+pw+`</Data></Cell>`, h15pw(pw))
				f.add("  </Row>")
			}
			f.add("  <Row>")
			f.add(`   <Cell><Data ss:Type="String">` + g.pick("Teste", "Deneme") + `</Data></Cell>`)
			f.add(`   <Cell><Data ss:Type="String">teste@example.com</Data></Cell>`, neutral("email", "teste@example.com"))
			f.add(`   <Cell><Data ss:Type="Number">` + fmt.Sprint(g.r.IntN(100000)) + `</Data></Cell>`)
			f.add(`   <Cell><Data ss:Type="String">` + g.pick("***.***.***-**", "000.000.000-00", "<gizli>") + `</Data></Cell>`)
			f.add(`   <Cell><Data ss:Type="String"></Data></Cell>`)
			f.add(`   <Cell><Data ss:Type="String">` + g.pick("********", "(oculta)", "gizli") + `</Data></Cell>`)
			f.add("  </Row>")
			f.add(" </Table></Worksheet>")
			f.add("</Workbook>")
		}},
	},
	// Prose in other languages.
	{
		template{"prose", "forum-eu.txt", func(g *gen, f *file) { g.h15forum(f, &h15sayEU) }},
		template{"prose", "forum-asia.txt", func(g *gen, f *file) { g.h15forum(f, &h15sayAsia) }},
	},
	// Server logs.
	{
		template{"logs", "messages", func(g *gen, f *file) {
			host := g.pick("web01", "app-2", "batch3")
			ts := func() string {
				return fmt.Sprintf("%s %2d %02d:%02d:%02d", g.pick("Jan", "Feb", "Mar"), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
			}
			pid := func() int { return 1000 + g.r.IntN(60000) }
			for i := 0; i < 6+g.r.IntN(3); i++ {
				switch g.r.IntN(8) {
				case 0:
					pw := g.h15pass()
					f.add(fmt.Sprintf("%s %s worker[%d]: connecting to amqp://%s:%s@%s:5672/%%2F", ts(), host, pid(), g.h15user(), pw, g.h15host()), h15pw(pw))
				case 1:
					pw := g.h15pass()
					f.add(fmt.Sprintf("%s %s sudo[%d]:   deploy : TTY=pts/0 ; PWD=/home/deploy ; USER=root ; COMMAND=/usr/bin/mysql -uroot -p%s -e SHOW DATABASES", ts(), host, pid(), pw), h15pw(pw))
				case 2:
					pw := g.h15pass()
					f.add(fmt.Sprintf("%s %s CRON[%d]: (root) CMD (curl -s -u backup:%s https://%s/hooks/nightly)", ts(), host, pid(), pw, g.h15host()), h15pw(pw))
				case 3:
					_, v, p := g.h15tok()
					f.add(fmt.Sprintf("%s %s app[%d]: config loaded: api_key=%s region=eu", ts(), host, pid(), v), p)
				case 4:
					ip := g.pubIP()
					f.add(fmt.Sprintf("%s %s sshd[%d]: Failed password for invalid user admin from %s port %d ssh2", ts(), host, pid(), ip, 30000+g.r.IntN(30000)), neutral("ip", ip))
				case 5:
					e := g.h15email()
					f.add(fmt.Sprintf("%s %s postfix/smtp[%d]: %s: to=<%s>, relay=mx.%s[%s]:25, status=sent", ts(), host, pid(), g.s(upperD, 10), e, g.pick(h15orgs...), g.h15ip()), h15mail(e))
				case 6:
					f.add(fmt.Sprintf("%s %s app[%d]: token refresh ok, token=%s", ts(), host, pid(), g.pick("***", "[REDACTED]", "<masked>")))
				default:
					f.add(fmt.Sprintf("%s %s kernel: [%d.%06d] EXT4-fs (sda1): mounted filesystem %s", ts(), host, g.r.IntN(99999), g.r.IntN(999999), g.h5uuid()))
				}
			}
		}},
		template{"logs", "app.logfmt", func(g *gen, f *file) {
			for i := 0; i < 6+g.r.IntN(3); i++ {
				ts := "ts=" + g.h15time()
				switch g.r.IntN(8) {
				case 0:
					pw := g.h15pass()
					f.add(ts+` level=debug caller=db.go:41 msg="opening pool" dsn="postgres://`+g.h15user()+`:`+pw+`@`+g.h15host()+`/app?sslmode=require"`, h15pw(pw))
				case 1:
					_, v, p := g.h15tok()
					f.add(ts+` level=debug caller=client.go:88 msg="outbound request" method=POST header.authorization="Bearer `+v+`"`, p)
				case 2:
					pw := g.h15pass()
					f.add(ts+` level=info caller=mail.go:17 msg="smtp configured" smtp_user=`+g.h15user()+` smtp_pass=`+pw, h15pw(pw))
				case 3:
					e := g.h15email()
					f.add(ts+` level=info msg="password reset requested" user.email=`+e+` request_id=`+g.h5uuid(), h15mail(e))
				case 4:
					k := g.h15rand()
					f.add(ts+` level=warn msg="webhook verify failed" secret=`+k+` got=`+g.s(hexd, 64), h15gen(k))
				case 5:
					f.add(ts + ` level=info msg="login ok" user=` + g.h15user() + ` token=*** session=` + g.h5uuid())
				case 6:
					f.add(ts + ` level=info msg="config" api_key=` + g.pick(`""`, `"${API_KEY}"`, "<unset>", "[redacted]") + ` build=` + g.s(hexd, 40))
				default:
					ph := g.h15phone()
					f.add(ts+` level=info msg="sms sent" to="`+ph+`" provider=twilio`, h15tel(ph))
				}
			}
		}},
	},
	// Secret managers' CLI output.
	{
		template{"cloud", "get-secret-value.json", func(g *gen, f *file) {
			acct := g.s(digits, 12)
			if g.r.IntN(3) == 0 {
				_, v, p := g.h15tok()
				f.add("$ aws ssm get-parameter --name /prod/integrations/api-key --with-decryption")
				f.add("{")
				f.add(`    "Parameter": {`)
				f.add(`        "Name": "/prod/integrations/api-key",`)
				f.add(`        "Type": "SecureString",`)
				f.add(`        "Value": "`+v+`",`, p)
				f.add(`        "Version": ` + fmt.Sprint(1+g.r.IntN(9)) + `,`)
				f.add(`        "ARN": "arn:aws:ssm:eu-central-1:` + acct + `:parameter/prod/integrations/api-key"`)
				f.add("    }")
				f.add("}")
				return
			}
			name := g.pick("prod/db/app", "rds!cluster-"+g.h5uuid(), "prod/smtp")
			pw := g.h15pass()
			f.add("$ aws secretsmanager get-secret-value --secret-id " + name)
			f.add("{")
			f.add(`    "ARN": "arn:aws:secretsmanager:eu-west-1:` + acct + `:secret:` + name + `-` + g.s(alnum, 6) + `",`)
			f.add(`    "Name": "` + name + `",`)
			f.add(`    "VersionId": "` + g.h5uuid() + `",`)
			f.add(`    "SecretString": "{\"username\":\"`+g.h15user()+`\",\"password\":\"`+pw+`\",\"engine\":\"postgres\",\"host\":\"`+g.h15host()+`\",\"port\":5432}",`, h15pw(pw))
			f.add(`    "VersionStages": ["AWSCURRENT"],`)
			f.add(`    "CreatedDate": "2026-02-1` + fmt.Sprint(g.r.IntN(10)) + `T09:41:12.345000+00:00"`)
			f.add("}")
			ak, sk := g.h15awsID(), g.h15awsSecret()
			f.add("$ cat ~/.aws/credentials")
			f.add("[default]")
			f.add("aws_access_key_id = "+ak, secret("aws", ak))
			f.add("aws_secret_access_key = "+sk, secret("aws-secret", sk))
		}},
		template{"cloud", "keyvault-secret.json", func(g *gen, f *file) {
			if g.r.IntN(2) == 0 {
				v := g.h15pass()
				p := h15pw(v)
				if g.r.IntN(2) == 0 {
					_, v, p = g.h15tok()
				}
				f.add("$ az keyvault secret show --vault-name kv-" + g.pick("prod", "shared") + " --name " + g.pick("sql-admin", "partner-api"))
				f.add("{")
				f.add(`  "attributes": {"created": "2026-01-0` + fmt.Sprint(1+g.r.IntN(9)) + `T10:00:00+00:00", "enabled": true, "recoveryLevel": "Recoverable+Purgeable"},`)
				f.add(`  "contentType": null,`)
				f.add(`  "id": "https://kv-prod.vault.azure.net/secrets/sql-admin/` + g.s(hexd, 32) + `",`)
				f.add(`  "kid": null, "managed": null, "tags": {},`)
				f.add(`  "value": "`+v+`"`, p)
				f.add("}")
				return
			}
			pw := g.h15pass()
			plain := g.pick("", "DB_PASSWORD=")
			data := h15b64(plain + pw)
			f.add("$ gcloud secrets versions access latest --secret=" + g.pick("db-password", "smtp-pass") + " --format=json")
			f.add("{")
			f.add(`  "name": "projects/` + g.s(digits, 12) + `/secrets/db-password/versions/` + fmt.Sprint(1+g.r.IntN(9)) + `",`)
			f.add(`  "payload": {`)
			if plain == "" {
				f.add(`    "data": "`+data+`",`, h15pw(data))
			} else {
				f.add(`    "data": "`+data+`",`, h14b64part("password", data, plain+pw, pw))
			}
			f.add(`    "dataCrc32c": "` + fmt.Sprint(g.r.Int64N(4294967295)) + `"`)
			f.add("  }")
			f.add("}")
			e := g.h15email()
			f.add("$ gcloud secrets add-iam-policy-binding db-password --member=user:"+e+" --role=roles/secretmanager.secretAccessor", h15mail(e))
		}},
	},
	// PaaS config vars.
	{
		template{"paas", "heroku-config.txt", func(g *gen, f *file) {
			app := g.pick("shop-api", "crm-prod", "billing-web")
			f.add("$ heroku config -a " + app)
			f.add("=== " + app + " Config Vars")
			pw := g.s(hexd, 64)
			f.add("DATABASE_URL:             postgres://u"+g.s(lower+digits, 13)+":"+pw+"@ec2-"+fmt.Sprintf("%d-%d-%d-%d", 3+g.r.IntN(50), g.r.IntN(255), g.r.IntN(255), g.r.IntN(255))+".eu-west-1.compute.amazonaws.com:5432/d"+g.s(lower+digits, 13), h15pw(pw))
			pw2 := "p" + g.s(hexd, 64)
			f.add("REDIS_URL:                rediss://:"+pw2+"@ec2-"+fmt.Sprintf("%d-%d-%d-%d", 3+g.r.IntN(50), g.r.IntN(255), g.r.IntN(255), g.r.IntN(255))+".compute-1.amazonaws.com:"+fmt.Sprint(10000+g.r.IntN(20000)), h15pw(pw2))
			f.add("RAILS_ENV:                production")
			k := g.s(hexd, 128)
			f.add("SECRET_KEY_BASE:          "+k, h15gen(k))
			n, v, p := g.h15tok()
			f.add(fmt.Sprintf("%-26s%s", n+":", v), p)
			f.add("WEB_CONCURRENCY:          2")
			f.add("HEROKU_SLUG_COMMIT:       " + g.s(hexd, 40))
			if g.r.IntN(2) == 0 {
				pt := g.s(alnum, 20)
				f.add("PAPERTRAIL_API_TOKEN:     "+pt, h15gen(pt))
			}
		}},
		template{"paas", "render.yaml", func(g *gen, f *file) {
			f.add("services:")
			f.add("  - type: web")
			f.add("    name: " + g.pick("api", "storefront", "admin"))
			f.add("    runtime: " + g.pick("node", "python", "docker"))
			f.add("    envVars:")
			f.add("      - key: DATABASE_URL")
			f.add("        fromDatabase: {name: main-db, property: connectionString}")
			f.add("      - key: SESSION_SECRET")
			f.add("        generateValue: true")
			n, v, p := g.h15tok()
			f.add("      - key: " + n)
			f.add("        value: "+v, p)
			f.add("      - key: STRIPE_WEBHOOK_SECRET")
			f.add("        sync: false")
			pw := g.h15pass()
			f.add("      - key: " + g.pick("SMTP_PASSWORD", "ADMIN_PASSWORD", "REDIS_PASSWORD"))
			f.add("        value: "+pw, h15pw(pw))
			if g.r.IntN(2) == 0 {
				k := g.h15rand()
				f.add("      - key: " + g.pick("INTERNAL_API_SECRET", "ENCRYPTION_KEY"))
				f.add("        value: \""+k+"\"", h15gen(k))
			}
			f.add("      - key: GIT_SHA")
			f.add("        value: " + g.s(hexd, 40))
			f.add("databases:")
			f.add("  - name: main-db")
			f.add("    plan: basic-256mb")
		}},
	},
	// Machine provisioning.
	{
		template{"provision", "user-data.yml", func(g *gen, f *file) {
			f.add("#cloud-config")
			f.add("users:")
			f.add("  - name: ops")
			f.add("    groups: [sudo]")
			f.add("    passwd: " + "$6$" + g.s(b64[:62]+"./", 16) + "$" + g.s(b64[:62]+"./", 86))
			f.add("    ssh_authorized_keys:")
			f.add("      - " + "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + g.s(b64[:62], 43) + " ops@laptop")
			if g.r.IntN(2) == 0 {
				pw := g.h15pass()
				f.add("  - name: " + g.pick("support", "kiosk"))
				f.add("    plain_text_passwd: "+pw, h15pw(pw))
			}
			f.add("chpasswd:")
			f.add("  expire: false")
			f.add("  users:")
			pw2 := g.h15pass()
			f.add("    - {name: root, password: "+pw2+", type: text}", h15pw(pw2))
			f.add("    - {name: ubuntu, type: RANDOM}")
			f.add("write_files:")
			f.add("  - path: /etc/app/env")
			f.add("    permissions: '0600'")
			f.add("    content: |")
			_, v, p := g.h15tok()
			f.add("      API_TOKEN="+v, p)
			f.add("      LOG_LEVEL=info")
			if g.r.IntN(2) == 0 {
				h, body, ft := g.h15pem()
				f.add("  - path: /root/.ssh/id_deploy")
				f.add("    content: |")
				f.add("      "+h, h15key(h))
				for _, b := range body {
					f.add("      " + b)
				}
				f.add("      " + ft)
			}
			f.add("runcmd:")
			f.add("  - [systemctl, enable, --now, app.service]")
		}},
		template{"provision", "config.bu", func(g *gen, f *file) {
			f.add("variant: fcos")
			f.add("version: 1.5.0")
			f.add("passwd:")
			f.add("  users:")
			f.add("    - name: core")
			f.add("      password_hash: " + "$y$j9T$" + g.s(b64[:62]+"./", 22) + "$" + g.s(b64[:62]+"./", 43))
			f.add("      ssh_authorized_keys:")
			f.add("        - " + "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + g.s(b64[:62], 43))
			f.add("storage:")
			f.add("  files:")
			f.add("    - path: /etc/app/db.env")
			f.add("      mode: 0600")
			f.add("      contents:")
			f.add("        inline: |")
			pw := g.h15pass()
			f.add("          DB_PASSWORD="+pw, h15pw(pw))
			f.add("          DB_HOST=" + g.h15host())
			_, v, p := g.h15tok()
			f.add("    - path: /etc/app/token")
			f.add("      contents:")
			f.add("        source: data:,"+url.QueryEscape(v), plant{family: p.family, kind: "secret", value: url.QueryEscape(v), core: strings.SplitN(url.QueryEscape(v), "%", 2)[0]})
			if g.r.IntN(2) == 0 {
				h, body, ft := g.h15pem()
				f.add("    - path: /etc/ssl/private/node.key")
				f.add("      contents:")
				f.add("        inline: |")
				f.add("          "+h, h15key(h))
				for _, b := range body {
					f.add("          " + b)
				}
				f.add("          " + ft)
			}
			f.add("systemd:")
			f.add("  units:")
			f.add("    - name: agent.service")
			f.add("      enabled: true")
			f.add("      contents: |")
			f.add("        [Service]")
			k := g.h15rand()
			f.add("        Environment=AGENT_SECRET="+k, h15gen(k))
			f.add("        ExecStart=/usr/local/bin/agent --config /etc/agent.yaml")
		}},
	},
	// Health records.
	{
		template{"health", "adt_a01.hl7", func(g *gen, f *file) {
			f.add(fmt.Sprintf("MSH|^~\\&|%s|%s|LAB|HOSP|2026%02d%02d%02d%02d||ADT^A01|MSG%s|P|2.5.1", g.pick("EPIC", "CERNER"), g.pick("UKB", "CHU-LYON"), 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.s(digits, 8)))
			f.add(fmt.Sprintf("EVN|A01|2026%02d%02d%02d%02d", 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60)))
			ph, e, ssn := g.h15phone(), g.h15email(), g.ssn()
			nm := strings.Split(g.h15name(), " ")
			f.add(fmt.Sprintf("PID|1||%s^^^HOSP^MR||%s^%s||19%d%02d%02d|%s|||%d Rue Victor Hugo^^Lyon^^69002^FR||%s^PRN^PH~^NET^Internet^%s||||||%s", g.s(digits, 8), nm[len(nm)-1], nm[0], 50+g.r.IntN(49), 1+g.r.IntN(12), 1+g.r.IntN(28), g.pick("F", "M"), 1+g.r.IntN(99), ph, e, ssn), h15tel(ph), h15mail(e), pii("national-id", ssn))
			ph2 := g.h15phone()
			f.add("NK1|1|"+g.h15name()+"|SPO||"+ph2, h15tel(ph2))
			f.add("PV1|1|I|W3^301^1||||" + g.s(digits, 6) + "^Martin^Claire")
			f.add("OBX|1|ST|8867-4^Heart rate^LN||" + fmt.Sprint(55+g.r.IntN(50)) + "|/min|||||F")
		}},
		template{"health", "patient.fhir.json", func(g *gen, f *file) {
			ph, e := g.h15phone(), g.h15email()
			f.add("{")
			f.add(`  "resourceType": "Patient",`)
			f.add(`  "id": "` + g.h5uuid() + `",`)
			f.add(`  "identifier": [`)
			if g.r.IntN(2) == 0 {
				ssn := g.ssn()
				f.add(`    {"system": "http://hl7.org/fhir/sid/us-ssn", "value": "`+ssn+`"},`, pii("national-id", ssn))
			} else {
				id := g.h15cpf()
				f.add(`    {"system": "http://rnds.saude.gov.br/fhir/r4/NamingSystem/cpf", "value": "`+id+`"},`, h15id(id))
			}
			f.add(`    {"system": "urn:oid:1.2.36.146.595.217.0.1", "value": "MRN` + g.s(digits, 7) + `"}`)
			f.add(`  ],`)
			f.add(`  "name": [{"family": "Silva", "given": ["João"]}],`)
			f.add(`  "telecom": [`)
			f.add(`    {"system": "phone", "value": "`+ph+`", "use": "mobile"},`, h15tel(ph))
			f.add(`    {"system": "email", "value": "`+e+`"}`, h15mail(e))
			f.add(`  ],`)
			f.add(`  "birthDate": "19` + fmt.Sprint(50+g.r.IntN(49)) + `-0` + fmt.Sprint(1+g.r.IntN(9)) + `-1` + fmt.Sprint(g.r.IntN(9)) + `",`)
			f.add(`  "meta": {"versionId": "` + fmt.Sprint(1+g.r.IntN(9)) + `", "source": "#` + g.s(alnum, 16) + `"}`)
			f.add("}")
		}},
	},
	// Bank files.
	{
		template{"bank", "pain.001.xml", func(g *gen, f *file) {
			f.add(`<?xml version="1.0" encoding="UTF-8"?>`)
			f.add(`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"><CstmrCdtTrfInitn>`)
			f.add(`<GrpHdr><MsgId>MSG-` + g.s(upperD, 16) + `</MsgId><CreDtTm>2026-03-0` + fmt.Sprint(1+g.r.IntN(9)) + `T10:00:00</CreDtTm><NbOfTxs>2</NbOfTxs></GrpHdr>`)
			f.add(`<PmtInf><PmtInfId>PMT-` + g.s(digits, 10) + `</PmtInfId><PmtMtd>TRF</PmtMtd>`)
			f.add(`<Dbtr><Nm>` + g.pick("Bergwerk IT GmbH", "Lumière Santé SAS") + `</Nm></Dbtr>`)
			ib := g.h15iban(g.pick("DE", "FR"))
			f.add(`<DbtrAcct><Id><IBAN>`+ib+`</IBAN></Id></DbtrAcct>`, h15ib(ib))
			f.add(`<DbtrAgt><FinInstnId><BICFI>` + g.s("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4) + g.pick("DE", "FR") + g.s(upperD, 2) + `XXX</BICFI></FinInstnId></DbtrAgt>`)
			for i := 0; i < 2; i++ {
				ib2 := g.h15iban(g.pick("DE", "FR", "PT", "PL"))
				f.add(`<CdtTrfTxInf><PmtId><EndToEndId>E2E-` + g.s(digits, 12) + `</EndToEndId></PmtId><Amt><InstdAmt Ccy="EUR">` + fmt.Sprintf("%d.%02d", g.r.IntN(9000), g.r.IntN(100)) + `</InstdAmt></Amt>`)
				f.add(`<Cdtr><Nm>`+g.h15name()+`</Nm></Cdtr><CdtrAcct><Id><IBAN>`+ib2+`</IBAN></Id></CdtrAcct>`, h15ib(ib2))
				f.add(`<RmtInf><Ustrd>Rechnung ` + g.s(digits, 6) + `</Ustrd></RmtInf></CdtTrfTxInf>`)
			}
			f.add(`</PmtInf></CstmrCdtTrfInitn></Document>`)
		}},
		template{"bank", "statement.mt940", func(g *gen, f *file) {
			ib := g.h15iban("DE")
			f.add(":20:STARTUMS")
			f.add(":25:"+ib, h15ib(ib))
			f.add(":28C:" + fmt.Sprint(1+g.r.IntN(300)) + "/1")
			f.add(":60F:C2603" + fmt.Sprintf("%02d", 1+g.r.IntN(28)) + "EUR" + fmt.Sprintf("%d,%02d", g.r.IntN(99999), g.r.IntN(100)))
			for i := 0; i < 2+g.r.IntN(2); i++ {
				ib2 := g.h15iban(g.pick("DE", "FR", "PL"))
				f.add(":61:2603" + fmt.Sprintf("%02d%02d", 1+g.r.IntN(12), 1+g.r.IntN(28)) + g.pick("C", "D") + fmt.Sprintf("%d,%02d", g.r.IntN(9999), g.r.IntN(100)) + "NTRFNONREF")
				f.add(":86:166?00GUTSCHRIFT?20SVWZ+RE "+g.s(digits, 8)+"?30"+g.s("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 6)+"XXX?31"+ib2+"?32"+strings.ToUpper(g.h15name()), h15ib(ib2))
			}
			f.add(":86:106?00KARTENZAHLUNG?20" + g.pick("VISA", "MC") + " ************" + g.s(digits, 4) + "?21" + g.pick("REWE", "Lidl", "Shell"))
			f.add(":62F:C2603" + fmt.Sprintf("%02d", 1+g.r.IntN(28)) + "EUR" + fmt.Sprintf("%d,%02d", g.r.IntN(99999), g.r.IntN(100)))
			f.add("-")
		}},
	},
}

var held15aTemplates, held15bTemplates = halves(held15Families)

// h15say builds a forum post's line from a password, an e-mail address and a provider
// token (with its label): case i of a post is h15say[i].
type h15say [11]func(g *gen, pw, e, v string, p plant) (string, []plant)

// h15forum writes five to seven posts, each one of say's cases.
func (g *gen) h15forum(f *file, say *h15say) {
	for i := 0; i < 5+g.r.IntN(3); i++ {
		pw, e := g.h15pass(), g.h15email()
		_, v, p := g.h15tok()
		line, ps := say[g.r.IntN(11)](g, pw, e, v, p)
		f.add(line, ps...)
	}
}

func h15one(ps ...plant) []plant { return ps }

// h15sayEU is French, German, Portuguese and Polish.
var h15sayEU = h15say{
	func(g *gen, pw, e, v string, p plant) (string, []plant) {
		return "Bonjour, je n'arrive pas à me connecter. Mon mot de passe est " + pw + " et l'identifiant " + g.h15user() + ".", h15one(h15pw(pw))
	},
	func(g *gen, pw, e, v string, p plant) (string, []plant) {
		return "Voici ma clé API : " + v + " — elle renvoie une erreur 403.", h15one(p)
	},
	func(g *gen, pw, e, v string, p plant) (string, []plant) {
		return "Hallo zusammen, das Passwort für die Datenbank lautet " + pw + ", bitte nicht weitergeben.", h15one(h15pw(pw))
	},
	func(g *gen, pw, e, v string, p plant) (string, []plant) {
		return "Mein API-Schlüssel " + v + " funktioniert seit gestern nicht mehr.", h15one(p)
	},
	func(g *gen, pw, e, v string, p plant) (string, []plant) {
		return "Olá! A senha do servidor é " + pw + " e o e-mail de contato é " + e + ".", h15one(h15pw(pw), h15mail(e))
	},
	func(g *gen, pw, e, v string, p plant) (string, []plant) {
		return "Meu token de acesso: " + v, h15one(p)
	},
	func(g *gen, pw, e, v string, p plant) (string, []plant) {
		return "Cześć, hasło do bazy: " + pw + " (użytkownik " + g.h15user() + ").", h15one(h15pw(pw))
	},
	func(g *gen, pw, e, v string, p plant) (string, []plant) {
		return "Mój klucz API to " + v + ", proszę o pomoc.", h15one(p)
	},
	func(g *gen, pw, e, v string, p plant) (string, []plant) {
		ph := g.h15phone()
		return "Rufen Sie mich unter " + ph + " an oder schreiben Sie an " + e + ".", h15one(h15tel(ph), h15mail(e))
	},
	func(g *gen, pw, e, v string, p plant) (string, []plant) {
		return "Das Passwort ist " + g.pick("********", "[entfernt]", "geheim", "<Passwort>") + " — mot de passe masqué, senha oculta.", nil
	},
	func(g *gen, pw, e, v string, p plant) (string, []plant) {
		c := g.card(true)
		return g.pick("Mon numéro de carte : ", "Meine Kreditkarte: ", "Numer karty: ") + c, h15one(h15cc(c))
	},
}

// h15sayAsia is Turkish, Vietnamese, Hindi and Indonesian.
var h15sayAsia = h15say{
	func(g *gen, pw, e, v string, p plant) (string, []plant) {
		return "Merhaba, sunucunun şifresi " + pw + " ama giriş yapamıyorum.", h15one(h15pw(pw))
	},
	func(g *gen, pw, e, v string, p plant) (string, []plant) {
		return "API anahtarım: " + v + " — 401 hatası alıyorum.", h15one(p)
	},
	func(g *gen, pw, e, v string, p plant) (string, []plant) {
		return "Chào anh, mật khẩu cơ sở dữ liệu là " + pw + " nhé.", h15one(h15pw(pw))
	},
	func(g *gen, pw, e, v string, p plant) (string, []plant) {
		return "Khóa API của em là " + v + ", anh kiểm tra giúp em.", h15one(p)
	},
	func(g *gen, pw, e, v string, p plant) (string, []plant) {
		return "नमस्ते, मेरा पासवर्ड " + pw + " है और ईमेल " + e + " है।", h15one(h15pw(pw), h15mail(e))
	},
	func(g *gen, pw, e, v string, p plant) (string, []plant) {
		return "यह मेरा API टोकन है: " + v, h15one(p)
	},
	func(g *gen, pw, e, v string, p plant) (string, []plant) {
		return "Halo, kata sandi untuk admin adalah " + pw + ", tolong dicek.", h15one(h15pw(pw))
	},
	func(g *gen, pw, e, v string, p plant) (string, []plant) {
		return "Kunci API saya " + v + " tidak bisa dipakai.", h15one(p)
	},
	func(g *gen, pw, e, v string, p plant) (string, []plant) {
		ph := g.h15phone()
		return "Telefon numaram " + ph + ", e-posta adresim " + e + ".", h15one(h15tel(ph), h15mail(e))
	},
	func(g *gen, pw, e, v string, p plant) (string, []plant) {
		return "Şifre: " + g.pick("******", "(gizli)", "<şifre>") + " — mật khẩu: (đã ẩn), kata sandi: <rahasia>.", nil
	},
	func(g *gen, pw, e, v string, p plant) (string, []plant) {
		c := g.card(true)
		return g.pick("Kart numaram ", "Số thẻ của tôi là ", "Nomor kartu saya ") + c, h15one(h15cc(c))
	},
}
