package main

import (
	"fmt"
	"net/url"
	"strings"
)

// held5Templates are the file shapes of the held5 split (see held5.go).
var held5Templates = []template{
	{"state", "terraform.tfstate", func(g *gen, f *file) {
		f.add("{")
		f.add(`  "version": 4,`)
		f.add(`  "terraform_version": "1.` + fmt.Sprint(5+g.r.IntN(5)) + `.` + fmt.Sprint(g.r.IntN(6)) + `",`)
		f.add(`  "serial": ` + fmt.Sprint(g.r.IntN(400)) + `,`)
		f.add(`  "lineage": "` + g.h5uuid() + `",`)
		f.add(`  "resources": [`)
		f.add(`    {"mode": "managed", "type": "aws_db_instance", "name": "main", "instances": [{"schema_version": 2, "attributes": {`)
		pw := g.h5pass()
		f.add(`      "username": "`+g.h5user()+`", "password": "`+h5js(pw)+`", "engine": "postgres",`, h5pw(h5js(pw)))
		f.add(`      "arn": "` + g.h5neg() + `", "id": "` + g.s(lower, 3) + "-" + g.s(h5lowerD, 10) + `"`)
		f.add(`    }, "sensitive_attributes": [[{"type": "get_attr", "value": "password"}]]}]},`)
		f.add(`    {"mode": "managed", "type": "aws_iam_access_key", "name": "ci", "instances": [{"attributes": {`)
		ak, sk := "AKIA"+g.s(b32, 16), g.s(b64, 40)
		f.add(`      "id": "`+ak+`", "user": "ci-deployer", "status": "Active",`, secret("aws", ak))
		f.add(`      "secret": "`+h5js(sk)+`", "ses_smtp_password_v4": null, "encrypted_secret": null`, secret("aws", h5js(sk)))
		f.add(`    }}]},`)
		n, v, p := g.h5tok()
		f.add(`    {"mode": "managed", "type": "kubernetes_secret", "name": "` + strings.ToLower(n) + `", "instances": [{"attributes": {"data": {`)
		f.add(`      "`+strings.ToLower(n)+`": "`+h5js(v)+`"`, plant{family: p.family, kind: "secret", value: h5js(v)})
		f.add(`    }, "metadata": [{"resource_version": "` + fmt.Sprint(g.r.IntN(1e7)) + `", "uid": "` + g.h5uuid() + `"}]}}]}`)
		f.add(`  ]`)
		f.add("}")
	}},
	{"k8s", "secret-get.json", func(g *gen, f *file) {
		f.add("{")
		f.add(`    "apiVersion": "v1",`)
		f.add(`    "data": {`)
		pw := g.h5pass()
		e := b64s(pw)
		f.add(`        "db-password": "`+e+`",`, plant{family: "password", kind: "secret", value: e})
		_, v, p := g.h5tok()
		e2 := b64s(v)
		f.add(`        "`+g.pick("api-token", "provider-key", "upstream-credential")+`": "`+e2+`",`, plant{family: p.family, kind: "secret", value: e2})
		f.add(`        "db-user": "` + b64s(g.h5user()) + `",`)
		f.add(`        "ca.crt": "` + b64s("-----BEGIN CERTIFICATE-----\n"+g.s(b64, 64)+"\n-----END CERTIFICATE-----\n") + `"`)
		f.add(`    },`)
		f.add(`    "kind": "Secret",`)
		f.add(`    "metadata": {"creationTimestamp": "` + h5ts(g) + `Z", "name": "` + g.pick("billing", "search", "ingest") + `-creds", "namespace": "` + g.pick("prod", "apps") + `", "resourceVersion": "` + fmt.Sprint(g.r.IntN(1e8)) + `", "uid": "` + g.h5uuid() + `"},`)
		f.add(`    "type": "Opaque"`)
		f.add("}")
	}},
	{"k8s", "kustomization.yaml", func(g *gen, f *file) {
		f.add("apiVersion: kustomize.config.k8s.io/v1beta1")
		f.add("kind: Kustomization")
		f.add("namespace: " + g.pick("payments", "edge", "ml"))
		f.add("resources:")
		f.add("  - ../../base")
		f.add("secretGenerator:")
		f.add("  - name: app-secrets")
		f.add("    literals:")
		pw := g.h5pass()
		f.add("      - "+g.pick("DB_PASS", "PG_PASSWORD", "MARIADB_PASSWORD")+"="+pw, h5pw(pw))
		n, v, p := g.h5tok()
		f.add("      - "+n+"="+v, p)
		f.add("      - SIGNING_KEY_REF=" + g.h5neg())
		f.add("images:")
		f.add("  - name: app")
		f.add("    digest: sha256:" + g.s(hexd, 64))
	}},
	{"k8s", "describe-pod.txt", func(g *gen, f *file) {
		name := g.pick("api", "worker", "cron") + "-" + g.s(h5lowerD, 10) + "-" + g.s(h5lowerD, 5)
		f.add("Name:             " + name)
		f.add("Namespace:        " + g.pick("default", "prod"))
		f.add("Node:             ip-" + strings.ReplaceAll(g.privIP(), ".", "-") + ".ec2.internal")
		f.add("Containers:")
		f.add("  app:")
		f.add("    Container ID:   containerd://" + g.s(hexd, 64))
		f.add("    Image ID:       registry.example.net/app@sha256:" + g.s(hexd, 64))
		f.add("    Environment:")
		f.add("      LOG_FORMAT:         json")
		dsn, pw := g.h5dsn()
		f.add("      DATABASE_URL:       "+dsn, h5pw(pw))
		n, v, p := g.h5tok()
		f.add("      "+n+":"+strings.Repeat(" ", 2+g.r.IntN(8))+v, p)
		f.add("      SESSION_SECRET:     <set to the key 'session' in secret 'web-secrets'>  Optional: false")
		f.add("      TRACE_PARENT:       " + g.h5neg())
		f.add("    Mounts:")
		f.add("      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-" + g.s(h5lowerD, 5) + " (ro)")
	}},
	{"cloud", "assume-role.json", func(g *gen, f *file) {
		f.add("{")
		f.add(`    "Credentials": {`)
		ak := "ASIA" + g.s(b32, 16)
		f.add(`        "AccessKeyId": "`+ak+`",`, secret("aws", ak))
		sk := g.s(b64, 40)
		f.add(`        "SecretAccessKey": "`+h5js(sk)+`",`, secret("aws", h5js(sk)))
		st := "IQoJb3JpZ2luX2VjE" + g.s(b64, 300)
		f.add(`        "SessionToken": "`+h5js(st)+`",`, secret("aws", h5js(st)))
		f.add(`        "Expiration": "` + h5ts(g) + `+00:00"`)
		f.add(`    },`)
		f.add(`    "AssumedRoleUser": {"AssumedRoleId": "AROA` + g.s(b32, 17) + `:deploy", "Arn": "` + g.h5neg() + `"}`)
		f.add("}")
	}},
	{"cloud", "az-sp-create.json", func(g *gen, f *file) {
		f.add("Creating 'Contributor' role assignment under scope '/subscriptions/" + g.h5uuid() + "'")
		f.add("The output includes credentials that you must protect. Be sure that you do not include these credentials in your code or check the credentials into your source control.")
		f.add("{")
		f.add(`  "appId": "` + g.h5uuid() + `",`)
		f.add(`  "displayName": "` + g.pick("gh-deployer", "terraform-sp") + `",`)
		cs := g.s(alnum, 3) + "8Q~" + g.s(alnum+"~_.-", 34)
		f.add(`  "password": "`+cs+`",`, secret("azure", cs))
		f.add(`  "tenant": "` + g.h5uuid() + `"`)
		f.add("}")
		f.add("$ gcloud auth print-access-token")
		at := "ya29.a0" + g.s(urlb64, 160)
		f.add(at, secret("google", at))
	}},
	{"dotfiles", ".netrc", func(g *gen, f *file) {
		for i := 0; i < 2+g.r.IntN(2); i++ {
			host := g.pick("api.heroku.com", "git.heroku.com", "urs.earthdata.nasa.gov", "ftp.mirror.lan", "artifacts.corp")
			if g.r.IntN(2) == 0 {
				pw := g.h5pass()
				f.add("machine "+host+" login "+g.h5user()+" password "+pw, h5pw(pw))
			} else {
				f.add("machine " + host)
				f.add("  login " + g.h5user())
				pw := g.h5rand()
				f.add("  password "+pw, h5pw(pw))
			}
		}
		f.add("default login anonymous password " + g.pick("guest", "anonymous"))
	}},
	{"dotfiles", ".git-credentials", func(g *gen, f *file) {
		v := g.h5gh("ghp_")
		f.add("https://"+g.pick("octo", "build-bot", "jdoe")+":"+v+"@github.com", secret("github", v))
		t := "glpat-" + g.s(alnum+"-_", 20)
		f.add("https://oauth2:"+t+"@gitlab."+g.pick("corp", "example.org"), secret("gitlab", t))
		pw := g.h5pass()
		e := url.QueryEscape(pw)
		f.add("https://"+g.h5user()+":"+e+"@git."+g.pick("internal", "lan")+"/scm", h5pw(e))
		bb := "ATBB" + g.s(alnum, 32)
		f.add("https://x-token-auth:"+bb+"@bitbucket.org", secret("bitbucket", bb))
	}},
	{"dotfiles", "docker-config.json", func(g *gen, f *file) {
		f.add("{")
		f.add(`	"auths": {`)
		u, pw := g.h5user(), g.h5pass()
		a := b64s(u + ":" + pw)
		f.add(`		"`+g.pick("registry.gitlab.com", "ghcr.io", "quay.io", "harbor.corp:5000")+`": {"auth": "`+a+`"},`, plant{family: "password", kind: "secret", value: a})
		tok := "dckr_pat_" + g.s(urlb64, 27)
		a2 := b64s(g.pick("ci", "release") + ":" + tok)
		f.add(`		"https://index.docker.io/v1/": {"auth": "`+a2+`"}`, plant{family: "docker", kind: "secret", value: a2})
		f.add(`	},`)
		f.add(`	"credsStore": "` + g.pick("desktop", "pass", "osxkeychain") + `",`)
		f.add(`	"currentContext": "default"`)
		f.add("}")
	}},
	{"dotfiles", ".npmrc", func(g *gen, f *file) {
		f.add("registry=https://registry.npmjs.org/")
		t := g.h5gh("npm_")
		f.add("//registry.npmjs.org/:_authToken="+t, secret("npm", t))
		pw := g.h5pass()
		e := b64s(pw)
		f.add("//npm.pkg."+g.pick("corp", "internal")+"/:_password="+e, plant{family: "password", kind: "secret", value: e})
		f.add("//npm.pkg.corp/:username=" + g.h5user())
		f.add("//npm.pkg.github.com/:_authToken=${NPM_GH_TOKEN}")
		f.add("always-auth=true")
		f.add("# integrity of the last publish: " + g.h5neg())
	}},
	{"dotfiles", ".pypirc", func(g *gen, f *file) {
		f.add("[distutils]")
		f.add("index-servers =")
		f.add("    pypi")
		f.add("    internal")
		f.add("")
		f.add("[pypi]")
		f.add("username = __token__")
		t := "pypi-AgEIcHlwaS5vcmcCJ" + g.s(urlb64, 120)
		f.add("password = "+t, secret("pypi", t))
		f.add("")
		f.add("[internal]")
		f.add("repository = https://pypi." + g.pick("corp", "lan") + "/simple/")
		f.add("username = " + g.h5user())
		pw := g.h5pass()
		f.add("password = "+pw, h5pw(pw))
		f.add("")
		f.add("# pip.conf")
		pw2 := g.h5pass()
		e := url.QueryEscape(pw2)
		f.add("extra-index-url = https://"+g.h5user()+":"+e+"@pypi.internal/simple", h5pw(e))
	}},
	{"dotfiles", ".pgpass", func(g *gen, f *file) {
		f.add("# hostname:port:database:username:password")
		for i := 0; i < 2+g.r.IntN(3); i++ {
			pw := g.h5pass()
			if strings.ContainsAny(pw, ":\\") {
				pw = strings.NewReplacer(":", "", "\\", "").Replace(pw)
			}
			f.add(g.h5host()+":5432:"+g.pick("*", "orders", "analytics")+":"+g.h5user()+":"+pw, h5pw(pw))
		}
		f.add("")
		f.add("# ~/.my.cnf")
		f.add("[client]")
		f.add("user=" + g.h5user())
		pw := g.h5pass()
		f.add("password=\""+pw+"\"", h5pw(pw))
		f.add("host=" + g.h5host())
	}},
	{"dotfiles", ".s3cfg", func(g *gen, f *file) {
		f.add("[default]")
		ak, sk := "AKIA"+g.s(b32, 16), g.s(b64, 40)
		f.add("access_key = "+ak, secret("aws", ak))
		f.add("secret_key = "+sk, secret("aws", sk))
		f.add("host_base = s3.amazonaws.com")
		f.add("gpg_passphrase = ")
		f.add("")
		f.add("# rclone.conf")
		f.add("[" + g.pick("wasabi", "b2", "r2") + "]")
		f.add("type = s3")
		f.add("provider = Other")
		ak2 := g.s(upperD, 20)
		f.add("access_key_id = "+ak2, h5gen(ak2))
		sk2 := g.s(alnum, 40)
		f.add("secret_access_key = "+sk2, h5gen(sk2))
		f.add("endpoint = https://" + g.s(hexd, 32) + ".r2.cloudflarestorage.com")
	}},
	{"dotfiles", "credentials.toml", func(g *gen, f *file) {
		f.add("# ~/.cargo/credentials.toml")
		f.add("[registry]")
		t := "cio" + g.s(alnum, 32)
		f.add(`token = "`+t+`"`, h5gen(t))
		f.add("")
		f.add("[registries.internal]")
		t2 := "Bearer " + g.s(alnum, 40)
		f.add(`token = "`+t2+`"`, h5gen(t2[len("Bearer "):]))
		f.add("")
		f.add("# ~/.gem/credentials")
		f.add("---")
		rg := "rubygems_" + g.s(hexd, 48)
		f.add(":rubygems_api_key: "+rg, secret("rubygems", rg))
	}},
	{"config", "NuGet.Config", func(g *gen, f *file) {
		nl := "\r"
		f.add("\ufeff<?xml version=\"1.0\" encoding=\"utf-8\"?>" + nl)
		f.add("<configuration>" + nl)
		f.add("  <packageSources>" + nl)
		f.add("    <add key=\"internal\" value=\"https://pkgs.dev.azure.com/" + g.s(lower, 6) + "/_packaging/feed/nuget/v3/index.json\" />" + nl)
		f.add("  </packageSources>" + nl)
		f.add("  <packageSourceCredentials>" + nl)
		f.add("    <internal>" + nl)
		f.add("      <add key=\"Username\" value=\"" + g.h5user() + "\" />" + nl)
		pw := g.s(h5lowerD, 52)
		f.add("      <add key=\"ClearTextPassword\" value=\""+pw+"\" />"+nl, h5pw(pw))
		f.add("    </internal>" + nl)
		f.add("  </packageSourceCredentials>" + nl)
		f.add("  <apikeys>" + nl)
		k := "oy2" + g.s(h5lowerD, 43)
		f.add("    <add key=\"https://api.nuget.org/v3/index.json\" value=\""+k+"\" />"+nl, secret("nuget", k))
		f.add("  </apikeys>" + nl)
		f.add("</configuration>" + nl)
	}},
	{"config", "auth.json", func(g *gen, f *file) {
		f.add("{")
		f.add(`    "http-basic": {`)
		pw := g.h5pass()
		f.add(`        "repo.packagist.com": {"username": "token", "password": "`+h5js(pw)+`"}`, h5pw(h5js(pw)))
		f.add(`    },`)
		t := g.h5gh("gho_")
		f.add(`    "github-oauth": {"github.com": "`+t+`"},`, secret("github", t))
		gl := "glpat-" + g.s(alnum, 20)
		f.add(`    "gitlab-token": {"gitlab.com": "`+gl+`"},`, secret("gitlab", gl))
		f.add(`    "bearer": {"repo.example.org": "` + g.h5neg() + `"}`)
		f.add("}")
	}},
	{"ci", "Jenkinsfile", func(g *gen, f *file) {
		f.add("pipeline {")
		f.add("  agent { label 'linux' }")
		f.add("  environment {")
		f.add("    REGISTRY = 'harbor.corp:5000'")
		f.add("    REGISTRY_CREDS = credentials('harbor-robot')")
		n, v, p := g.h5tok()
		f.add("    "+n+" = '"+v+"'", p)
		f.add("  }")
		f.add("  stages {")
		f.add("    stage('migrate') {")
		f.add("      steps {")
		pw := g.h5pass()
		f.add("        sh \"flyway -url=jdbc:postgresql://"+g.h5host()+"/app -user="+g.h5user()+" -password='"+pw+"' migrate\"", h5pw(pw))
		f.add("        withCredentials([string(credentialsId: 'sonar', variable: 'SONAR_TOKEN')]) {")
		f.add("          sh 'sonar-scanner -Dsonar.login=$SONAR_TOKEN'")
		f.add("        }")
		k := g.h5rand()
		f.add("        sh \"curl -fsS -H 'X-Deploy-Key: "+k+"' https://deploy.corp/hooks/app\"", h5gen(k))
		f.add("      }")
		f.add("    }")
		f.add("  }")
		f.add("}")
	}},
	{"ci", "circleci-config.yml", func(g *gen, f *file) {
		f.add("version: 2.1")
		f.add("jobs:")
		f.add("  test:")
		f.add("    docker:")
		f.add("      - image: cimg/python:3.12")
		f.add("        auth:")
		f.add("          username: " + g.h5user())
		pw := g.h5pass()
		f.add("          password: "+pw, h5pw(pw))
		f.add("      - image: cimg/postgres:16.2")
		f.add("        environment:")
		pw2 := g.h5pass()
		f.add("          POSTGRES_PASSWORD: "+pw2, h5pw(pw2))
		f.add("    environment:")
		n, v, p := g.h5tok()
		f.add("      "+n+": "+v, p)
		f.add("      CACHE_KEY: v1-deps-{{ checksum \"poetry.lock\" }}")
		f.add("    steps:")
		f.add("      - checkout")
		f.add("      - run: pytest -q")
	}},
	{"ci", "azure-pipelines.yml", func(g *gen, f *file) {
		f.add("trigger:")
		f.add("  - main")
		f.add("variables:")
		f.add("  - group: release-secrets")
		f.add("  - name: buildConfiguration")
		f.add("    value: Release")
		f.add("  - name: storageKey")
		sk := b64s(g.s(alnum, 64))
		f.add("    value: '"+sk+"'", secret("azure", sk))
		f.add("steps:")
		f.add("  - script: dotnet build --configuration $(buildConfiguration)")
		f.add("  - task: AzureCLI@2")
		f.add("    inputs:")
		f.add("      azureSubscription: 'prod-connection'")
		n, v, p := g.h5tok()
		f.add("      inlineScript: 'az keyvault secret set --vault-name kv-prod --name "+strings.ToLower(strings.ReplaceAll(n, "_", "-"))+" --value "+v+"'", p)
		f.add("  - script: echo $(System.AccessToken) | az devops login")
	}},
	{"ops", "cloud-init.yaml", func(g *gen, f *file) {
		f.add("#cloud-config")
		f.add("hostname: " + g.pick("edge", "runner", "bastion") + "-" + fmt.Sprint(g.r.IntN(50)))
		f.add("chpasswd:")
		f.add("  expire: false")
		f.add("  users:")
		pw := g.h5pass()
		f.add("    - {name: ubuntu, password: "+pw+", type: text}", h5pw(pw))
		f.add("ssh_authorized_keys:")
		f.add("  - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + g.s(b64, 43) + " ops@laptop")
		f.add("write_files:")
		f.add("  - path: /etc/app/env")
		f.add("    encoding: b64")
		n, v, p := g.h5tok()
		blob := b64s("APP_MODE=prod\n" + n + "=" + v + "\n")
		f.add("    content: "+blob, plant{family: p.family, kind: "secret", value: blob})
		f.add("    permissions: '0600'")
		f.add("runcmd:")
		f.add("  - [systemctl, enable, --now, app]")
	}},
	{"ops", "prometheus.yml", func(g *gen, f *file) {
		f.add("global:")
		f.add("  scrape_interval: 30s")
		f.add("scrape_configs:")
		f.add("  - job_name: node")
		f.add("    basic_auth:")
		f.add("      username: prometheus")
		pw := g.h5pass()
		f.add("      password: '"+pw+"'", h5pw(pw))
		f.add("    static_configs:")
		f.add("      - targets: ['" + g.privIP() + ":9100']")
		f.add("  - job_name: federate")
		k := g.h5rand()
		f.add("    bearer_token: "+k, h5gen(k))
		f.add("remote_write:")
		f.add("  - url: https://prometheus-prod-" + fmt.Sprint(10+g.r.IntN(40)) + "-prod-eu-west-2.grafana.net/api/prom/push")
		f.add("    basic_auth:")
		f.add("      username: " + g.s(digits, 7))
		_, v, p := g.h5tok()
		f.add("      password: "+v, p)
		f.add("# alertmanager.yml")
		f.add("global:")
		wh := "https://hooks.slack.com/services/T" + g.s(upperD, 10) + "/B" + g.s(upperD, 10) + "/" + g.s(alnum, 24)
		f.add("  slack_api_url: '"+wh+"'", secret("slack", wh[len("https://hooks.slack.com/services/"):]))
		f.add("  smtp_auth_username: alerts")
		pw2 := g.h5pass()
		f.add("  smtp_auth_password: \""+pw2+"\"", h5pw(pw2))
		f.add("  smtp_from: alertmanager@corp.example", plant{family: "role-address", kind: "neutral", value: "alertmanager@corp.example"})
	}},
	{"ops", "grafana-datasources.yaml", func(g *gen, f *file) {
		f.add("apiVersion: 1")
		f.add("datasources:")
		f.add("  - name: Postgres")
		f.add("    type: postgres")
		f.add("    url: " + g.h5host() + ":5432")
		f.add("    user: grafana_ro")
		f.add("    secureJsonData:")
		pw := g.h5pass()
		f.add("      password: "+pw, h5pw(pw))
		f.add("  - name: Loki")
		f.add("    type: loki")
		f.add("    jsonData:")
		f.add("      httpHeaderName1: X-Scope-OrgID")
		f.add("    secureJsonData:")
		k := g.h5rand()
		f.add("      httpHeaderValue1: "+k, h5gen(k))
		f.add("  - name: CloudWatch")
		f.add("    jsonData: {authType: keys, defaultRegion: eu-central-1}")
		ak, sk := "AKIA"+g.s(b32, 16), g.s(b64, 40)
		f.add("    secureJsonData: {accessKey: "+ak+", secretKey: "+sk+"}", secret("aws", ak), secret("aws", sk))
	}},
	{"ops", "logstash.conf", func(g *gen, f *file) {
		f.add("input {")
		f.add("  beats { port => 5044 }")
		f.add("}")
		f.add("output {")
		f.add("  elasticsearch {")
		f.add("    hosts => [\"https://" + g.h5host() + ":9200\"]")
		f.add("    user => \"logstash_writer\"")
		pw := g.h5pass()
		f.add("    password => \""+pw+"\"", h5pw(pw))
		f.add("    ssl_certificate_authorities => \"/etc/logstash/ca.pem\"")
		f.add("  }")
		f.add("  http {")
		f.add("    url => \"https://http-intake.logs.datadoghq.eu/api/v2/logs\"")
		k := g.s(hexd, 32)
		f.add("    headers => { \"DD-API-KEY\" => \""+k+"\" }", secret("datadog", k))
		f.add("  }")
		f.add("}")
	}},
	{"ops", "nginx-site.conf", func(g *gen, f *file) {
		f.add("server {")
		f.add("    listen 443 ssl http2;")
		f.add("    server_name " + g.pick("api", "files", "grafana") + ".corp.example;")
		f.add("    ssl_certificate /etc/ssl/certs/site.pem;")
		f.add("    location /upstream/ {")
		f.add("        proxy_pass https://backend.internal;")
		_, v, p := g.h5tok()
		f.add("        proxy_set_header Authorization \"Bearer "+v+"\";", p)
		f.add("        proxy_set_header X-Request-Id $request_id;")
		f.add("    }")
		f.add("    location /legacy/ {")
		u, pw := g.h5user(), g.h5pass()
		a := b64s(u + ":" + pw)
		f.add("        proxy_set_header Authorization \"Basic "+a+"\";", plant{family: "password", kind: "secret", value: a})
		f.add("        add_header ETag " + g.h5neg() + ";")
		f.add("    }")
		f.add("}")
	}},
	{"ops", "haproxy.cfg", func(g *gen, f *file) {
		f.add("global")
		f.add("    log /dev/log local0")
		f.add("    stats socket /run/haproxy/admin.sock mode 660 level admin")
		f.add("userlist admins")
		pw := g.h5pass()
		f.add("    user ops insecure-password "+pw, h5pw(pw))
		f.add("    user audit password $6$" + g.s(alnum, 16) + "$" + g.s(alnum+"./", 86))
		f.add("frontend stats")
		f.add("    bind *:8404")
		pw2 := g.h5pass()
		f.add("    stats auth admin:"+pw2, h5pw(pw2))
		f.add("    stats uri /stats")
	}},
	{"ops", "supervisord.conf", func(g *gen, f *file) {
		f.add("[program:worker]")
		f.add("command=/srv/app/bin/worker --queue default")
		n, v, p := g.h5tok()
		pw := g.h5pass()
		f.add(`environment=APP_ENV="prod",`+n+`="`+v+`",REDIS_PASSWORD="`+pw+`"`, p, h5pw(pw))
		f.add("autorestart=true")
		f.add("user=app")
		f.add("")
		f.add("[inet_http_server]")
		f.add("port=127.0.0.1:9001")
		f.add("username=supervisor")
		pw2 := g.h5pass()
		f.add("password="+pw2, h5pw(pw2))
	}},
	{"ops", "sasl_passwd", func(g *gen, f *file) {
		f.add("# /etc/postfix/sasl_passwd — postmap after editing")
		pw := g.h5pass()
		f.add("[smtp."+g.pick("sendgrid.net", "mailgun.org", "office365.com")+"]:587 "+g.h5user()+":"+pw, h5pw(pw))
		k := "SG." + g.s(urlb64, 22) + "." + g.s(urlb64, 43)
		f.add("[smtp.sendgrid.net]:2525 apikey:"+k, secret("sendgrid", k))
		f.add("")
		f.add("# /etc/wpa_supplicant/wpa_supplicant.conf")
		f.add("network={")
		f.add("    ssid=\"" + g.pick("Lab-5G", "Warehouse", "Office-Guest") + "\"")
		psk := g.h5pass()
		f.add("    psk=\""+psk+"\"", h5pw(psk))
		f.add("    key_mgmt=WPA-PSK")
		f.add("}")
		f.add("# /etc/fstab")
		pw3 := g.h5pass()
		for strings.ContainsAny(pw3, ", ") {
			pw3 = g.h5pass()
		}
		f.add("//nas.lan/backup /mnt/backup cifs username="+g.h5user()+",password="+pw3+",uid=1000 0 0", h5pw(pw3))
	}},
	{"ops", "encrypted-secrets.yaml", func(g *gen, f *file) {
		f.add("# SOPS-encrypted values (safe to commit)")
		f.add("db_password: " + "ENC[AES256_GCM,data:" + b64s(g.s(alnum, 14)) + ",iv:" + b64s(g.s(alnum, 24)) + ",tag:" + b64s(g.s(alnum, 12)) + ",type:str]")
		f.add("api_token: " + g.h5neg())
		f.add("sops:")
		f.add("    age:")
		f.add("        - recipient: age1" + strings.ToLower(g.s(h5bech, 58)))
		f.add("    lastmodified: \"" + h5ts(g) + "Z\"")
		f.add("    mac: ENC[AES256_GCM,data:" + b64s(g.s(alnum, 48)) + ",type:str]")
		f.add("---")
		f.add("# ansible-vault")
		f.add("vault_smtp_password: !vault |")
		f.add("    $ANSIBLE_VAULT;1.1;AES256")
		for i := 0; i < 3; i++ {
			f.add("    " + g.s(hexd, 80))
		}
		f.add("---")
		f.add("apiVersion: bitnami.com/v1alpha1")
		f.add("kind: SealedSecret")
		f.add("spec:")
		f.add("  encryptedData:")
		f.add("    password: AgB" + g.s(b64, 300) + "==")
		f.add("---")
		f.add("# Pulumi.prod.yaml")
		f.add("config:")
		f.add("  app:dbPassword:")
		f.add("    secure: v1:" + g.s(b64, 16) + ":" + g.s(b64, 44))
		f.add("  app:region: eu-west-1")
		f.add("  # TODO(ops): this one was never moved into secure config")
		n, v, p := g.h5tok()
		f.add("  app:"+strings.ToLower(n)+": "+v, p)
	}},
	{"logs", "redis-monitor.log", func(g *gen, f *file) {
		f.add("OK")
		t := 1764900000 + g.r.IntN(1e6)
		cl := g.privIP() + ":" + fmt.Sprint(40000+g.r.IntN(20000))
		pw := g.h5pass()
		f.add(fmt.Sprintf(`%d.%06d [0 %s] "AUTH" "%s"`, t, g.r.IntN(1e6), cl, pw), h5pw(pw))
		f.add(fmt.Sprintf(`%d.%06d [0 %s] "SELECT" "2"`, t, g.r.IntN(1e6), cl))
		e := g.h5email()
		f.add(fmt.Sprintf(`%d.%06d [2 %s] "HSET" "user:%d" "email" "%s" "plan" "pro"`, t+1, g.r.IntN(1e6), cl, g.r.IntN(1e6), e), h5mail(e))
		_, v, p := g.h5tok()
		f.add(fmt.Sprintf(`%d.%06d [2 %s] "SET" "integration:%s:token" "%s" "EX" "3600"`, t+1, g.r.IntN(1e6), cl, g.pick("crm", "billing"), v), p)
		f.add(fmt.Sprintf(`%d.%06d [2 %s] "GET" "session:%s"`, t+2, g.r.IntN(1e6), cl, g.s(hexd, 32)))
		u, pw2 := g.h5user(), g.h5pass()
		f.add(fmt.Sprintf(`%d.%06d [0 %s] "AUTH" "%s" "%s"`, t+3, g.r.IntN(1e6), cl, u, pw2), h5pw(pw2))
		ph := g.h5phone()
		f.add(fmt.Sprintf(`%d.%06d [2 %s] "LPUSH" "sms:outbox" "{\"to\":\"%s\",\"body\":\"Your code is %s\"}"`, t+4, g.r.IntN(1e6), cl, ph, g.s(digits, 6)), h5tel(ph))
	}},
	{"logs", "postgresql.log", func(g *gen, f *file) {
		ts := func() string {
			return "2026-11-" + fmt.Sprintf("%02d %02d:%02d:%02d.%03d UTC", 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), g.r.IntN(1000))
		}
		pid := fmt.Sprint(1000 + g.r.IntN(60000))
		f.add(ts() + " [" + pid + "] LOG:  connection authorized: user=postgres database=postgres application_name=psql")
		pw := g.h5pass()
		f.add(ts()+" ["+pid+"] LOG:  statement: CREATE ROLE "+g.h5user()+" LOGIN PASSWORD '"+pw+"';", h5pw(pw))
		pw2 := g.h5pass()
		f.add(ts()+" ["+pid+"] LOG:  statement: ALTER USER "+g.h5user()+" WITH ENCRYPTED PASSWORD '"+pw2+"' VALID UNTIL '2027-01-01';", h5pw(pw2))
		e := g.h5email()
		f.add(ts() + " [" + pid + "] ERROR:  duplicate key value violates unique constraint \"users_email_key\"")
		f.add(ts()+" ["+pid+"] DETAIL:  Key (email)=("+e+") already exists.", h5mail(e))
		f.add(ts() + " [" + pid + "] LOG:  duration: " + fmt.Sprint(g.r.IntN(900)) + ".412 ms  statement: SELECT id FROM jobs WHERE lease_token = '" + g.h5uuid() + "'")
		dsn, dpw := g.h5dsn()
		if strings.HasPrefix(dsn, "postgresql") {
			f.add(ts()+" ["+pid+"] LOG:  statement: CREATE SERVER reporting FOREIGN DATA WRAPPER postgres_fdw OPTIONS (dsn '"+dsn+"');", h5pw(dpw))
		}
	}},
	{"logs", "mongod.log", func(g *gen, f *file) {
		d := func() string { return `{"$date":"` + h5ts(g) + `.` + fmt.Sprint(100+g.r.IntN(900)) + `+00:00"}` }
		f.add(`{"t":` + d() + `,"s":"I","c":"NETWORK","id":22943,"ctx":"listener","msg":"Connection accepted","attr":{"remote":"` + g.privIP() + `:51022","connectionCount":` + fmt.Sprint(g.r.IntN(300)) + `}}`)
		pw := g.h5pass()
		f.add(`{"t":`+d()+`,"s":"I","c":"COMMAND","id":51803,"ctx":"conn`+fmt.Sprint(g.r.IntN(900))+`","msg":"Slow query","attr":{"type":"command","ns":"admin.$cmd","command":{"createUser":"`+g.h5user()+`","pwd":"`+h5js(pw)+`","roles":["readWrite"]},"durationMillis":`+fmt.Sprint(100+g.r.IntN(400))+`}}`, h5pw(h5js(pw)))
		e := g.h5email()
		ph := g.h5phone()
		f.add(`{"t":`+d()+`,"s":"I","c":"COMMAND","id":51803,"ctx":"conn12","msg":"Slow query","attr":{"ns":"crm.contacts","command":{"find":"contacts","filter":{"email":"`+e+`","phone":"`+ph+`"}},"planSummary":"COLLSCAN"}}`, h5mail(e), h5tel(ph))
		_, v, p := g.h5tok()
		f.add(`{"t":`+d()+`,"s":"W","c":"COMMAND","id":20525,"ctx":"conn7","msg":"Failed to gather storage statistics","attr":{"ns":"ops.webhooks","doc":{"url":"https://hooks.partner.example/in","secret":"`+h5js(v)+`"}}}`, plant{family: p.family, kind: "secret", value: h5js(v)})
	}},
	{"logs", "clickhouse-query_log.tsv", func(g *gen, f *file) {
		row := func(q string) string {
			return "2026-11-" + fmt.Sprintf("%02d", 1+g.r.IntN(28)) + "\t" + h5ts(g) + "\t" + g.h5uuid() + "\tQueryFinish\t" + g.pick("default", "etl", "grafana") + "\t" + q + "\t" + fmt.Sprint(g.r.IntN(100000))
		}
		f.add("event_date\tevent_time\tquery_id\ttype\tuser\tquery\tread_rows")
		ak, sk := "AKIA"+g.s(b32, 16), g.s(alnum, 40)
		f.add(row("INSERT INTO raw.events SELECT * FROM s3('https://"+g.s(lower, 8)+".s3.amazonaws.com/exports/*.parquet', '"+ak+"', '"+sk+"', 'Parquet')"), secret("aws", ak), secret("aws", sk))
		pw := g.h5pass()
		f.add(row("CREATE USER "+g.h5user()+" IDENTIFIED WITH sha256_password BY '"+pw+"' HOST ANY"), h5pw(pw))
		pw2 := g.h5pass()
		f.add(row("SELECT count() FROM mysql('"+g.h5host()+":3306', 'shop', 'orders', '"+g.h5user()+"', '"+pw2+"')"), h5pw(pw2))
		e := g.h5email()
		f.add(row("SELECT * FROM app.users WHERE email = '"+e+"' FORMAT JSON"), h5mail(e))
		f.add(row("SELECT cityHash64('" + g.s(hexd, 40) + "') AS h"))
		f.add(row("SELECT sum(bytes) FROM system.parts WHERE active"))
	}},
	{"logs", "llm_log_stream.jsonl", func(g *gen, f *file) {
		for i := 0; i < 4+g.r.IntN(3); i++ {
			meta := fmt.Sprintf(`{"ts":"%sZ","request_id":"req_%s","model":"%s","user":"u_%d",`, h5ts(g), g.s(alnum, 24), g.pick("deepseek-chat", "gpt-4o-mini", "claude-sonnet-4-5"), g.r.IntN(1e6))
			switch g.r.IntN(6) {
			case 0:
				_, v, p := g.h5tok()
				c := g.pick("my key is ", "why does this fail? key=", "use this token: ", "I set the header to Bearer ")
				f.add(meta+`"messages":[{"role":"user","content":"`+h5js(c+v)+`"}],"tokens":`+fmt.Sprint(g.r.IntN(900))+`}`, plant{family: p.family, kind: "secret", value: h5js(v)})
			case 1:
				e, ph := g.h5email(), g.h5phone()
				f.add(meta+`"messages":[{"role":"system","content":"You are a support agent."},{"role":"user","content":"`+h5js("email me at "+e+" or call "+ph)+`"}]}`, h5mail(e), h5tel(ph))
			case 2:
				pw := g.h5pass()
				c := g.pick("here is my .env:\nDB_USER=app\nDB_PASS=", "mysql -u root -p", "login: admin / password: ")
				f.add(meta+`"messages":[{"role":"user","content":"`+h5js(c+pw)+`\nit says access denied"}]}`, h5pw(h5js(pw)))
			case 3:
				f.add(meta + `"messages":[{"role":"assistant","content":"` + h5js("Set OPENAI_API_KEY to your key, e.g. export OPENAI_API_KEY=sk-... (never paste the real one here)") + `"}]}`)
			case 4:
				c := h5card(g)
				f.add(meta+`"messages":[{"role":"user","content":"`+h5js("card "+c+" was charged twice")+`"}]}`, pii("card", c))
			default:
				f.add(meta + `"messages":[{"role":"user","content":"` + h5js("commit "+g.s(hexd, 40)+" broke the build, trace id "+g.h5uuid()) + `"}]}`)
			}
		}
	}},
	{"logs", "strace.txt", func(g *gen, f *file) {
		pid := fmt.Sprint(2000 + g.r.IntN(30000))
		pw := g.h5pass()
		f.add(pid+` execve("/usr/bin/mysql", ["mysql", "-h", "`+g.h5host()+`", "-u`+g.h5user()+`", "-p`+pw+`", "shop"], 0x7ffd`+g.s(hexd, 8)+` /* 24 vars */) = 0`, h5pw(pw))
		f.add(pid + ` openat(AT_FDCWD, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3`)
		pw2 := g.h5pass()
		f.add(fmt.Sprintf(`%s write(5, "AUTH %s\r\n", %d) = %d`, pid, pw2, len(pw2)+7, len(pw2)+7), h5pw(pw2))
		_, v, p := g.h5tok()
		f.add(fmt.Sprintf(`%s sendto(7, "GET /v1/items HTTP/1.1\r\nHost: api.vendor.example\r\nAuthorization: Bearer %s\r\n\r\n", %d, MSG_NOSIGNAL, NULL, 0) = %d`, pid, v, 80+len(v), 80+len(v)), p)
		f.add(pid + ` read(5, "+OK\r\n", 16384) = 5`)
		f.add(pid + ` +++ exited with 0 +++`)
	}},
	{"logs", "ps-auxww.txt", func(g *gen, f *file) {
		f.add("USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND")
		f.add("root           1  0.0  0.1 168532 12340 ?        Ss   Nov02   0:09 /sbin/init")
		pw := g.h5pass()
		f.add(fmt.Sprintf("app       %6d  1.2  3.4 2345678 280120 ?     Sl   09:12   4:31 /usr/bin/java -Dspring.datasource.password=%s -jar /srv/app.jar", 1000+g.r.IntN(9000), pw), h5pw(pw))
		k := g.h5rand()
		f.add(fmt.Sprintf("backup    %6d  0.0  0.0  12000  3300 ?        S    03:00   0:00 restic backup /data --password-command 'echo %s'", 1000+g.r.IntN(9000), k), h5pw(k))
		_, v, p := g.h5tok()
		f.add(fmt.Sprintf("runner    %6d  0.3  0.5 812345 40112 ?        Ssl  Nov03  12:01 /opt/agent/bin/agent --api-key=%s --site eu", 1000+g.r.IntN(9000), v), p)
		f.add(fmt.Sprintf("postgres  %6d  0.0  0.2 220000 18000 ?        Ss   Nov02   0:01 postgres: checkpointer", 1000+g.r.IntN(9000)))
	}},
	{"logs", "production.log", func(g *gen, f *file) {
		id := g.h5uuid()
		f.add("I, [" + h5ts(g) + ".123456 #" + fmt.Sprint(g.r.IntN(9999)) + "]  INFO -- : [" + id + "] Started POST \"/users\" for " + g.privIP() + " at 2026-11-04 10:00:00 +0000")
		e := g.h5email()
		ph := g.h5phone()
		f.add(`I, [`+h5ts(g)+`.123456 #88]  INFO -- : [`+id+`]   Parameters: {"user"=>{"email"=>"`+e+`", "phone"=>"`+ph+`", "password"=>"[FILTERED]"}, "commit"=>"Sign up"}`, h5mail(e), h5tel(ph))
		_, v, p := g.h5tok()
		f.add(`I, [`+h5ts(g)+`.123456 #88]  INFO -- : [`+id+`]   Parameters: {"integration"=>{"provider"=>"vendor", "api_key"=>"`+v+`"}}`, p)
		pw := g.h5pass()
		f.add(`E, [`+h5ts(g)+`.123456 #88] ERROR -- : [`+id+`] Mysql2::Error: Access denied for user 'app'@'10.0.0.4' -- config: {:adapter=>"mysql2", :username=>"app", :password=>"`+pw+`"}`, h5pw(pw))
		f.add("I, [" + h5ts(g) + ".123456 #88]  INFO -- : [" + id + "] Completed 201 Created in 43ms (Views: 0.2ms | ActiveRecord: 9.1ms)")
	}},
	{"logs", "traceback.txt", func(g *gen, f *file) {
		f.add("Traceback (most recent call last):")
		f.add(`  File "/srv/app/worker.py", line ` + fmt.Sprint(20+g.r.IntN(200)) + `, in run`)
		dsn, pw := g.h5dsn()
		f.add(`    engine = create_engine("`+dsn+`")`, h5pw(pw))
		f.add(`  File "/usr/lib/python3.12/site-packages/sqlalchemy/engine/base.py", line 145, in __init__`)
		f.add(`    self._dbapi_connection = engine.raw_connection()`)
		_, v, p := g.h5tok()
		pw2 := g.h5pass()
		f.add(`    settings = {'region': 'eu-west-1', 'api_key': '`+v+`', 'smtp_password': '`+pw2+`', 'retries': 3}`, p, h5pw(pw2))
		f.add("sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server failed: FATAL:  password authentication failed")
		f.add("(Background on this error at: https://sqlalche.me/e/20/e3q8)")
	}},
	{"logs", "node-error.log", func(g *gen, f *file) {
		f.add("node:internal/process/promises:391")
		f.add("    triggerUncaughtException(err, true /* fromPromise */);")
		f.add("    ^")
		f.add("")
		f.add("Error: Request failed with status code 401")
		f.add("    at settle (/app/node_modules/axios/lib/core/settle.js:19:12)")
		f.add("  config: {")
		f.add("    url: 'https://api.vendor.example/v2/orders',")
		f.add("    headers: Object [AxiosHeaders] {")
		f.add("      Accept: 'application/json, text/plain, */*',")
		_, v, p := g.h5tok()
		f.add("      Authorization: 'Bearer "+v+"',", p)
		k := g.h5rand()
		f.add("      'x-api-key': '"+k+"',", h5gen(k))
		f.add("      'User-Agent': 'axios/1.7.7'")
		f.add("    },")
		pw := g.h5pass()
		f.add("    auth: { username: 'svc', password: '"+pw+"' },", h5pw(pw))
		f.add("    data: '{\"orderId\":\"" + g.h5uuid() + "\"}'")
		f.add("  },")
		f.add("  code: 'ERR_BAD_REQUEST'")
	}},
	{"logs", "logfmt.log", func(g *gen, f *file) {
		for i := 0; i < 5; i++ {
			ts := h5ts(g) + "Z"
			switch g.r.IntN(5) {
			case 0:
				e := g.h5email()
				f.add(fmt.Sprintf(`ts=%s level=info msg="password reset sent" user_email=%s request_id=%s`, ts, e, g.s(hexd, 16)), h5mail(e))
			case 1:
				_, v, p := g.h5tok()
				f.add(fmt.Sprintf(`ts=%s level=debug component=upstream msg="calling vendor" auth_header="Bearer %s" retry=0`, ts, v), p)
			case 2:
				pw := g.h5pass()
				for strings.ContainsAny(pw, " \"") {
					pw = g.h5pass()
				}
				f.add(fmt.Sprintf(`ts=%s level=warn msg="falling back to static credentials" db_user=%s db_pass=%s`, ts, g.h5user(), pw), h5pw(pw))
			case 3:
				f.add(fmt.Sprintf(`ts=%s level=info msg="build finished" commit=%s digest=%s`, ts, g.s(hexd, 40), g.h5neg()))
			default:
				ph := g.h5phone()
				f.add(fmt.Sprintf(`ts=%s level=info msg="otp dispatched" to="%s" provider=sms`, ts, ph), h5tel(ph))
			}
		}
	}},
	{"logs", "u_ex.log", func(g *gen, f *file) {
		nl := "\r"
		f.add("#Software: Microsoft Internet Information Services 10.0" + nl)
		f.add("#Version: 1.0" + nl)
		f.add("#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status time-taken" + nl)
		for i := 0; i < 4; i++ {
			ip := g.h5ip()
			pre := fmt.Sprintf("2026-11-%02d %02d:%02d:%02d %s ", 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), g.privIP())
			switch g.r.IntN(3) {
			case 0:
				k := g.h5rand()
				f.add(pre+"GET /api/export apikey="+k+"&format=csv 443 - "+ip+" Mozilla/5.0+(Windows+NT+10.0) 200 88"+nl, h5gen(k), neutral("ip", ip))
			case 1:
				e := g.h5email()
				enc := url.QueryEscape(e)
				f.add(pre+"POST /account/lookup email="+enc+" 443 - "+ip+" curl/8.5.0 200 12"+nl, plant{family: "email", kind: "pii", value: enc, core: strings.SplitN(e, "@", 2)[0]}, neutral("ip", ip))
			default:
				f.add(pre + "GET /health - 443 - " + ip + " kube-probe/1.30 200 1" + nl)
			}
		}
	}},
	{"logs", "cloudtrail.json", func(g *gen, f *file) {
		f.add(`{"Records": [`)
		f.add(`  {"eventVersion": "1.09", "eventTime": "` + h5ts(g) + `Z", "eventSource": "ssm.amazonaws.com", "eventName": "PutParameter",`)
		_, v, p := g.h5tok()
		f.add(`   "requestParameters": {"name": "/prod/app/vendor-token", "type": "String", "value": "`+h5js(v)+`", "overwrite": true},`, plant{family: p.family, kind: "secret", value: h5js(v)})
		f.add(`   "userIdentity": {"type": "AssumedRole", "accessKeyId": "ASIA` + g.s(b32, 16)[:0] + strings.Repeat("X", 16) + `"},`)
		f.add(`   "requestID": "` + g.h5uuid() + `", "eventID": "` + g.h5uuid() + `"},`)
		f.add(`  {"eventName": "CreateUser", "eventSource": "iam.amazonaws.com", "requestParameters": {"userName": "` + g.h5user() + `", "tags": [{"key": "owner", "value": "platform"}]}}`)
		f.add(`]}`)
	}},
	{"logs", "php-dump.txt", func(g *gen, f *file) {
		f.add("array(4) {")
		f.add("  [\"host\"]=>")
		h := g.h5host()
		f.add(fmt.Sprintf("  string(%d) \"%s\"", len(h), h))
		f.add("  [\"password\"]=>")
		pw := g.h5pass()
		f.add(fmt.Sprintf("  string(%d) \"%s\"", len(pw), pw), h5pw(pw))
		f.add("  [\"api_secret\"]=>")
		k := g.h5rand()
		f.add(fmt.Sprintf("  string(%d) \"%s\"", len(k), k), h5gen(k))
		f.add("  [\"contact\"]=>")
		e := g.h5email()
		f.add(fmt.Sprintf("  string(%d) \"%s\"", len(e), e), h5mail(e))
		f.add("}")
	}},
	{"data", "people.ldif", func(g *gen, f *file) {
		for i := 0; i < 2; i++ {
			uid := g.pick(h5first...) + fmt.Sprint(g.r.IntN(99))
			f.add("dn: uid=" + uid + ",ou=people,dc=corp,dc=example")
			f.add("objectClass: inetOrgPerson")
			f.add("cn: " + strings.ToUpper(uid[:1]) + uid[1:])
			e := g.h5email()
			f.add("mail: "+e, h5mail(e))
			ph := g.h5phone()
			f.add("telephoneNumber: "+ph, h5tel(ph))
			pw := g.h5pass()
			e64 := b64s(pw)
			f.add("userPassword:: "+e64, plant{family: "password", kind: "secret", value: e64})
			f.add("")
		}
		f.add("dn: cn=replicator,dc=corp,dc=example")
		f.add("userPassword: {SSHA}" + b64s(g.s(alnum, 24)))
	}},
	{"data", "contacts.vcf", func(g *gen, f *file) {
		nl := "\r"
		for i := 0; i < 2; i++ {
			f.add("BEGIN:VCARD" + nl)
			f.add("VERSION:4.0" + nl)
			f.add("FN:" + h5cap(g.pick(h5first...)) + " " + g.pick("Kowalska", "de Vries", "Santoso", "Cohen", "Papadopoulou", "Lindqvist") + nl)
			e := g.h5email()
			f.add("EMAIL;TYPE=work:"+e+nl, h5mail(e))
			ph := g.h5phone()
			f.add("TEL;TYPE=cell;VALUE=uri:tel:"+strings.ReplaceAll(ph, " ", "-")+nl, h5tel(strings.ReplaceAll(ph, " ", "-")))
			f.add("UID:urn:uuid:" + g.h5uuid() + nl)
			f.add("END:VCARD" + nl)
		}
	}},
	{"data", "meeting.ics", func(g *gen, f *file) {
		f.add("BEGIN:VCALENDAR")
		f.add("PRODID:-//Corp//Calendar//EN")
		f.add("BEGIN:VEVENT")
		f.add("UID:" + g.h5uuid() + "@calendar.corp")
		f.add("DTSTART:20261112T090000Z")
		e := g.h5email()
		f.add("ORGANIZER;CN=Ops:mailto:"+e, h5mail(e))
		e2 := g.h5email()
		f.add("ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:"+e2, h5mail(e2))
		pw := g.s(alnum, 10)
		f.add("DESCRIPTION:Bridge: https://meet.example.net/j/"+g.s(digits, 11)+"?pwd="+pw+"\\nDial-in PIN "+g.s(digits, 6), h5pw(pw))
		f.add("END:VEVENT")
		f.add("END:VCALENDAR")
	}},
	{"data", "mongoexport.json", func(g *gen, f *file) {
		for i := 0; i < 3; i++ {
			e := g.h5email()
			ph := g.h5phone()
			switch g.r.IntN(3) {
			case 0:
				f.add(`{"_id":{"$oid":"`+g.s(hexd, 24)+`"},"email":"`+e+`","phone":"`+ph+`","createdAt":{"$date":"`+h5ts(g)+`Z"}}`, h5mail(e), h5tel(ph))
			case 1:
				_, v, p := g.h5tok()
				f.add(`{"_id":{"$oid":"`+g.s(hexd, 24)+`"},"owner":"`+e+`","integrations":{"vendor":{"token":"`+h5js(v)+`","scopes":["read"]}}}`, h5mail(e), plant{family: p.family, kind: "secret", value: h5js(v)})
			default:
				c := h5card(g)
				f.add(`{"_id":{"$oid":"`+g.s(hexd, 24)+`"},"billing":{"pan":"`+c+`","exp":"0`+fmt.Sprint(1+g.r.IntN(9))+`/29"},"etag":"`+g.s(hexd, 32)+`"}`, pii("card", c))
			}
		}
	}},
	{"data", "bulk.ndjson", func(g *gen, f *file) {
		for i := 0; i < 3; i++ {
			f.add(`{"index":{"_index":"audit-2026.11","_id":"` + g.s(urlb64, 20) + `"}}`)
			switch g.r.IntN(3) {
			case 0:
				e := g.h5email()
				f.add(`{"@timestamp":"`+h5ts(g)+`Z","event":"login","user":{"email":"`+e+`"},"source":{"ip":"`+g.privIP()+`"}}`, h5mail(e))
			case 1:
				pw := g.h5pass()
				f.add(`{"@timestamp":"`+h5ts(g)+`Z","event":"config_change","diff":{"smtp.password":{"old":"***","new":"`+h5js(pw)+`"}}}`, h5pw(h5js(pw)))
			default:
				f.add(`{"@timestamp":"` + h5ts(g) + `Z","event":"deploy","commit":"` + g.s(hexd, 40) + `","image":"` + g.h5neg() + `"}`)
			}
		}
	}},
	{"data", "hgetall.txt", func(g *gen, f *file) {
		f.add("127.0.0.1:6379> HGETALL tenant:" + fmt.Sprint(g.r.IntN(9999)) + ":settings")
		f.add(` 1) "name"`)
		f.add(` 2) "` + g.pick("Acme GmbH", "Loja Azul", "Toko Makmur") + `"`)
		f.add(` 3) "billing_email"`)
		e := g.h5email()
		f.add(` 4) "`+e+`"`, h5mail(e))
		f.add(` 5) "` + g.pick("smtp_pass", "sftp_password", "ftp_pwd") + `"`)
		pw := g.h5pass()
		f.add(` 6) "`+pw+`"`, h5pw(pw))
		f.add(` 7) "` + g.pick("stripe_key", "payments_secret", "vendor_token") + `"`)
		_, v, p := g.h5tok()
		f.add(` 8) "`+v+`"`, p)
		f.add(` 9) "updated_at"`)
		f.add(`10) "` + fmt.Sprint(1764900000+g.r.IntN(1e6)) + `"`)
	}},
	{"data", "crm-export.csv", func(g *gen, f *file) {
		nl := "\r"
		f.add("\ufeffKundennummer;Vollständiger Name;E-Mail-Adresse;Mobilnummer;Zahlungsmittel;Notiz" + nl)
		for i := 0; i < 4; i++ {
			e, ph := g.h5email(), g.h5phone()
			id := fmt.Sprint(100000 + g.r.IntN(900000))
			nm := h5cap(g.pick(h5first...)) + " " + g.pick("Müller", "Yılmaz", "Silva", "Nowak")
			if g.r.IntN(2) == 0 {
				c := g.h5card(g.pick(" ", "-", ""))
				f.add(id+";"+nm+";"+e+";"+ph+";"+c+";"+g.pick("Stammkunde", "Rückruf erbeten")+nl, h5mail(e), h5tel(ph), pii("card", c))
			} else {
				ib := g.h5iban()
				f.add(id+";"+nm+";"+e+";"+ph+";"+ib+";Lastschrift"+nl, h5mail(e), h5tel(ph), pii("iban", ib))
			}
		}
		f.add("999999;Testkunde;test@example.com;+49 30 000000;4111 1111 1111 1111;Testdaten"+nl, neutral("phone", "+49 30 000000"))
	}},
	{"docs", "runbook.adoc", func(g *gen, f *file) {
		f.add("= Failover runbook")
		f.add(":toc:")
		f.add("")
		f.add("== Credentials")
		f.add("")
		f.add("[source,bash]")
		f.add("----")
		dsn, pw := g.h5dsn()
		f.add("export REPLICA_URL='"+dsn+"'", h5pw(pw))
		n, v, p := g.h5tok()
		f.add("export "+n+"="+v, p)
		f.add("export WEBHOOK_SECRET=<ask-in-#ops>")
		f.add("----")
		f.add("")
		f.add("NOTE: Pager contact is " + g.pick("the on-call rotation", "#ops-escalation") + ".")
		e := g.h5email()
		f.add("Escalate to mailto:"+e+"[the DBA].", h5mail(e))
	}},
	{"docs", "setup.rst", func(g *gen, f *file) {
		f.add("Setup")
		f.add("=====")
		f.add("")
		f.add("Configure the client:")
		f.add("")
		f.add(".. code-block:: python")
		f.add("")
		_, v, p := g.h5tok()
		f.add("   client = Client(api_key=\""+v+"\")", p)
		f.add("   client.timeout = 30")
		f.add("")
		f.add(".. note:: Example values like ``api_key=\"sk-xxxxxxxx\"`` are placeholders.")
		f.add("")
		pw := g.h5pass()
		f.add(":Staging password: ``"+pw+"``", h5pw(pw))
		f.add(":Build: ``" + g.s(hexd, 40) + "``")
	}},
	{"docs", "confluence-page.txt", func(g *gen, f *file) {
		f.add("h1. Vendor integration")
		f.add("{info}Owned by the payments team.{info}")
		f.add("||Environment||Key||Notes||")
		_, v, p := g.h5tok()
		f.add("|production|{{"+v+"}}|rotate quarterly|", p)
		k := g.h5rand()
		f.add("|staging|{{"+k+"}}|shared with QA|", h5gen(k))
		f.add("|dev|{{" + g.h5neg() + "}}|placeholder|")
		f.add("{code:bash}")
		pw := g.h5pass()
		f.add("psql \"host="+g.h5host()+" user="+g.h5user()+" password="+pw+" dbname=ledger\"", h5pw(pw))
		f.add("{code}")
		e := g.h5email()
		f.add("Contact: [~"+strings.SplitN(e, "@", 2)[0]+"] ("+e+")", h5mail(e))
	}},
	{"docs", "notes.org", func(g *gen, f *file) {
		f.add("#+TITLE: Infra notes")
		f.add("* TODO rotate vendor keys")
		f.add("  DEADLINE: <2026-12-01 Tue>")
		f.add("** vendor")
		f.add("   :PROPERTIES:")
		_, v, p := g.h5tok()
		f.add("   :TOKEN:    "+v, p)
		f.add("   :END:")
		f.add("#+begin_src sh")
		pw := g.h5pass()
		f.add("  redis-cli -h "+g.h5host()+" -a '"+pw+"' INFO", h5pw(pw))
		f.add("#+end_src")
		f.add("   - checksum of the dump: =" + g.s(hexd, 64) + "=")
	}},
	{"docs", "paper.tex", func(g *gen, f *file) {
		f.add(`\documentclass{article}`)
		f.add(`\begin{document}`)
		f.add(`\section{Reproducibility}`)
		_, v, p := g.h5tok()
		f.add(`The experiments used the API key \texttt{`+v+`} (revoked after submission).`, p)
		e := g.h5email()
		f.add(`Correspondence: \href{mailto:`+e+`}{`+e+`}`, h5mail(e), plant{family: "email", kind: "pii", value: e})
		f.add(`Data hash: \texttt{` + g.s(hexd, 64) + `}`)
		f.add(`\end{document}`)
	}},
	{"mail", "thread.mbox", func(g *gen, f *file) {
		e1, e2 := g.h5email(), g.h5email()
		f.add("From "+e1+" Thu Nov  6 09:12:44 2026", h5mail(e1))
		f.add("From: "+e1, h5mail(e1))
		f.add("To: "+e2, h5mail(e2))
		f.add("Subject: =?UTF-8?Q?Zugangsdaten_f=C3=BCr_den_Testserver?=")
		f.add("MIME-Version: 1.0")
		f.add("Content-Type: text/plain; charset=UTF-8")
		f.add("Content-Transfer-Encoding: quoted-printable")
		f.add("")
		f.add("Hallo,")
		f.add("")
		pw := g.h5pass()
		q := h5qp("Passwort für den Server: " + pw)
		f.add(q, h5pw(h5qp(pw)))
		n, v, p := g.h5tok()
		q2 := h5qp(n + "=" + v)
		f.add(q2, plant{family: p.family, kind: "secret", value: h5qp(v)})
		f.add("")
		f.add("Gr=C3=BC=C3=9Fe")
		f.add("")
		e3 := g.h5email()
		f.add("From "+e3+" Thu Nov  6 10:02:01 2026", h5mail(e3))
		f.add("From: "+e3, h5mail(e3))
		f.add("Subject: Re: Zugangsdaten")
		f.add("")
		f.add("> Passwort f=C3=BCr den Server: [entfernt]")
		f.add("Danke, bitte nie wieder per Mail. Message-ID <" + g.s(hexd, 16) + "@mail.corp>")
	}},
	{"chat", "whatsapp.txt", func(g *gen, f *file) {
		ts := func() string {
			return fmt.Sprintf("[%02d/11/2026, %02d:%02d:%02d]", 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
		}
		a, b := h5cap(g.pick(h5first...)), h5cap(g.pick(h5first...))
		f.add(ts() + " " + a + ": " + g.pick("Oi, conseguiu acessar o painel?", "Bhai, dashboard khul gaya?", "Halo, sudah bisa login ke panel?"))
		pw := g.h5pass()
		f.add(ts()+" "+b+": "+g.pick("Não, a senha é ", "नहीं, पासवर्ड है ", "Belum, kata sandinya ")+pw, h5pw(pw))
		_, v, p := g.h5tok()
		f.add(ts()+" "+a+": "+g.pick("usa essa chave: ", "यह key लगाओ: ", "pakai kunci ini: ")+v, p)
		ph := g.h5phone()
		f.add(ts()+" "+b+": "+g.pick("me liga no ", "मुझे कॉल करो ", "telepon aku di ")+ph, h5tel(ph))
		f.add(ts() + " " + a + ": <Mídia oculta>")
	}},
	{"chat", "irc.log", func(g *gen, f *file) {
		ts := func() string { return fmt.Sprintf("[%02d:%02d]", g.r.IntN(24), g.r.IntN(60)) }
		f.add(ts() + " *** Joins: " + g.pick(h5first...) + " (~u@" + g.privIP() + ")")
		f.add(ts() + " <" + g.pick(h5first...) + "> " + g.pick("czy ktoś ma dostęp do bazy?", "heeft iemand toegang tot de database?", "har någon åtkomst till databasen?"))
		pw := g.h5pass()
		f.add(ts()+" <"+g.pick(h5first...)+"> "+g.pick("hasło: ", "wachtwoord: ", "lösenord: ")+pw, h5pw(pw))
		_, v, p := g.h5tok()
		f.add(ts()+" <"+g.pick(h5first...)+"> "+g.pick("token do API to ", "de API-sleutel is ", "API-nyckeln är ")+v+" "+g.pick("(nie udostępniaj)", "(niet delen)", "(dela inte)"), p)
		f.add(ts() + " <" + g.pick(h5first...) + "> commit " + g.s(hexd, 7) + " naprawia to / fixt het")
	}},
	{"chat", "discord-export.json", func(g *gen, f *file) {
		f.add(`{"guild": {"id": "` + g.s(digits, 18) + `", "name": "dev-team"}, "messages": [`)
		_, v, p := g.h5tok()
		f.add(`  {"id": "`+g.s(digits, 18)+`", "timestamp": "`+h5ts(g)+`+00:00", "author": {"name": "`+g.pick(h5first...)+`"}, "content": "`+h5js(g.pick("Ось ключ: ", "Tady je klíč: ", "Εδώ το κλειδί: ")+v)+`"},`, plant{family: p.family, kind: "secret", value: h5js(v)})
		pw := g.h5pass()
		f.add(`  {"id": "`+g.s(digits, 18)+`", "timestamp": "`+h5ts(g)+`+00:00", "author": {"name": "`+g.pick(h5first...)+`"}, "content": "`+h5js(g.pick("пароль від стейджингу: ", "heslo ke stagingu: ", "κωδικός για staging: ")+pw)+`"},`, h5pw(h5js(pw)))
		f.add(`  {"id": "` + g.s(digits, 18) + `", "timestamp": "` + h5ts(g) + `+00:00", "author": {"name": "bot"}, "content": "` + h5js("deploy "+g.s(hexd, 40)+" ok") + `"}`)
		f.add(`]}`)
	}},
	{"chat", "telegram-result.json", func(g *gen, f *file) {
		f.add(`{"name": "ops", "type": "private_group", "messages": [`)
		e := g.h5email()
		f.add(`  {"id": `+fmt.Sprint(g.r.IntN(99999))+`, "type": "message", "date": "`+h5ts(g)+`", "from": "`+g.pick(h5first...)+`", "text": ["`+h5js(g.pick("כתובת המייל שלי ", "ایمیل من ", "আমার ইমেইল "))+`", {"type": "email", "text": "`+e+`"}]},`, h5mail(e))
		_, v, p := g.h5tok()
		f.add(`  {"id": `+fmt.Sprint(g.r.IntN(99999))+`, "type": "message", "date": "`+h5ts(g)+`", "from": "`+g.pick(h5first...)+`", "text": [{"type": "code", "text": "`+h5js(v)+`"}, "`+h5js(g.pick(" זה המפתח", " این کلید است", " এটা চাবি"))+`"]},`, plant{family: p.family, kind: "secret", value: h5js(v)})
		ph := g.h5phone()
		f.add(`  {"id": `+fmt.Sprint(g.r.IntN(99999))+`, "type": "message", "date": "`+h5ts(g)+`", "from": "`+g.pick(h5first...)+`", "text": [{"type": "phone", "text": "`+ph+`"}]}`, h5tel(ph))
		f.add(`]}`)
	}},
	{"chat", "tickets-multilingual.txt", func(g *gen, f *file) {
		lines := []struct{ pw, tok, mail string }{
			{"비밀번호는 ", "API 키: ", "제 이메일은 "},
			{"كلمة المرور هي ", "مفتاح الواجهة: ", "بريدي الإلكتروني "},
			{"Das Kennwort lautet ", "Der Schlüssel ist ", "Meine Adresse: "},
			{"A senha do banco é ", "A chave da API é ", "Meu e-mail é "},
			{"पासवर्ड है ", "एपीआई कुंजी: ", "मेरा ईमेल "},
			{"Şifre şu: ", "API anahtarı: ", "E-postam: "},
			{"密碼是", "金鑰：", "我的信箱："},
			{"รหัสผ่านคือ ", "คีย์ API คือ ", "อีเมลของฉัน "},
		}
		for i := 0; i < 3; i++ {
			l := lines[g.r.IntN(len(lines))]
			switch g.r.IntN(3) {
			case 0:
				pw := g.h5pass()
				f.add("#"+fmt.Sprint(1000+g.r.IntN(9000))+" "+l.pw+pw, h5pw(pw))
			case 1:
				_, v, p := g.h5tok()
				f.add("#"+fmt.Sprint(1000+g.r.IntN(9000))+" "+l.tok+v, p)
			default:
				e := g.h5email()
				f.add("#"+fmt.Sprint(1000+g.r.IntN(9000))+" "+l.mail+e, h5mail(e))
			}
		}
		f.add("#" + fmt.Sprint(1000+g.r.IntN(9000)) + " ticket ref " + g.h5uuid())
	}},
	{"src", "runtime.exs", func(g *gen, f *file) {
		f.add("import Config")
		f.add("config :app, App.Repo,")
		pw := g.h5pass()
		f.add("  username: \"postgres\", password: \""+pw+"\",", h5pw(pw))
		f.add("  hostname: \"" + g.h5host() + "\", pool_size: 10")
		_, v, p := g.h5tok()
		f.add("config :app, :vendor, api_key: \""+v+"\"", p)
		f.add("config :app, AppWeb.Endpoint, secret_key_base: System.fetch_env!(\"SECRET_KEY_BASE\")")
	}},
	{"src", "env.dart", func(g *gen, f *file) {
		f.add("class Env {")
		_, v, p := g.h5tok()
		f.add("  static const String apiKey = '"+v+"';", p)
		k := g.h5rand()
		f.add("  static const clientSecret = \""+k+"\";", h5gen(k))
		f.add("  static const buildId = '" + g.s(hexd, 40) + "';")
		f.add("}")
	}},
	{"src", "init.lua", func(g *gen, f *file) {
		f.add("local M = {}")
		_, v, p := g.h5tok()
		f.add("M.token = \""+v+"\"", p)
		pw := g.h5pass()
		f.add("M.db = { user = \""+g.h5user()+"\", password = [["+pw+"]] }", h5pw(pw))
		f.add("M.version = \"" + fmt.Sprintf("%d.%d.%d", g.r.IntN(5), g.r.IntN(20), g.r.IntN(50)) + "\"")
		f.add("return M")
	}},
	{"src", "setup.R", func(g *gen, f *file) {
		f.add("library(DBI)")
		_, v, p := g.h5tok()
		f.add("Sys.setenv("+g.pick("VENDOR_TOKEN", "API_KEY", "HF_TOKEN")+" = \""+v+"\")", p)
		pw := g.h5pass()
		f.add("con <- dbConnect(RPostgres::Postgres(), host = \""+g.h5host()+"\", user = \"analyst\", password = \""+pw+"\")", h5pw(pw))
		f.add("digest <- \"" + g.s(hexd, 64) + "\"")
	}},
	{"src", "deploy.pl", func(g *gen, f *file) {
		f.add("use strict; use warnings;")
		pw := g.h5pass()
		f.add("my $dbh = DBI->connect('dbi:mysql:database=app;host="+g.h5host()+"', 'app', q{"+pw+"});", h5pw(pw))
		_, v, p := g.h5tok()
		f.add("my %cfg = (token => '"+v+"', retries => 3);", p)
		f.add("my $sum = '" + g.s(hexd, 32) + "';")
	}},
	{"src", "Settings.scala", func(g *gen, f *file) {
		f.add("object Settings {")
		_, v, p := g.h5tok()
		f.add("  val vendorKey: String = sys.env.getOrElse(\"VENDOR_KEY\", \""+v+"\")", p)
		pw := g.h5pass()
		f.add("  lazy val jdbcUrl = s\"jdbc:postgresql://"+g.h5host()+":5432/app?user=app&password="+pw+"\"", h5pw(pw))
		f.add("  val traceId = \"" + g.h5uuid() + "\"")
		f.add("}")
	}},
	{"src", "build.gradle", func(g *gen, f *file) {
		f.add("publishing {")
		f.add("  repositories {")
		f.add("    maven {")
		f.add("      url = uri('https://nexus.corp/repository/releases/')")
		f.add("      credentials {")
		f.add("        username = 'deployer'")
		pw := g.h5pass()
		f.add("        password = '"+pw+"'", h5pw(pw))
		f.add("      }")
		f.add("    }")
		f.add("  }")
		f.add("}")
		f.add("// gradle.properties")
		k := g.h5rand()
		f.add("signing.password="+k, h5pw(k))
		f.add("org.gradle.jvmargs=-Xmx2g")
	}},
	{"api", "config.textproto", func(g *gen, f *file) {
		f.add("# proto-file: config.proto")
		f.add("# proto-message: ServiceConfig")
		f.add("name: \"" + g.pick("ingest", "notify") + "\"")
		f.add("upstream {")
		f.add("  address: \"" + g.h5host() + ":443\"")
		_, v, p := g.h5tok()
		f.add("  credentials { bearer_token: \""+v+"\" }", p)
		f.add("}")
		f.add("smtp { user: \"mailer\" password: \"" + g.h5neg() + "\" }")
	}},
	{"api", "openapi.yaml", func(g *gen, f *file) {
		f.add("openapi: 3.1.0")
		f.add("info: {title: Vendor API, version: 2.4.0}")
		f.add("components:")
		f.add("  securitySchemes:")
		f.add("    apiKey: {type: apiKey, in: header, name: X-Api-Key}")
		f.add("  examples:")
		f.add("    key:")
		f.add("      value: " + g.pick("YOUR_API_KEY", "sk_test_xxxxxxxxxxxxxxxxxxxx", "<api-key>"))
		f.add("servers:")
		_, v, p := g.h5tok()
		f.add("  - url: https://api.vendor.example/v2?key="+v, p)
		f.add("    description: sandbox (" + g.s(hexd, 8) + ")")
	}},
	{"encoded", "form-posts.log", func(g *gen, f *file) {
		for i := 0; i < 3; i++ {
			ts := h5ts(g)
			switch g.r.IntN(3) {
			case 0:
				e := g.h5email()
				pw := g.h5pass()
				body := "username=" + url.QueryEscape(e) + "&password=" + url.QueryEscape(pw) + "&remember=on"
				f.add(ts+" POST /login body="+body, plant{family: "email", kind: "pii", value: url.QueryEscape(e), core: strings.SplitN(e, "@", 2)[0]}, h5pw(url.QueryEscape(pw)))
			case 1:
				ph := g.h5phone()
				f.add(ts+" POST /otp body=msisdn="+url.QueryEscape(ph)+"&lang=pt-BR", plant{family: "phone", kind: "pii", value: url.QueryEscape(ph), core: ph[len(ph)-4:]})
			default:
				_, v, p := g.h5tok()
				f.add(ts+" POST /oauth/token body=grant_type=client_credentials&client_secret="+url.QueryEscape(v)+"&scope=read+write", plant{family: p.family, kind: "secret", value: url.QueryEscape(v)})
			}
		}
	}},
	{"encoded", "escaped.json", func(g *gen, f *file) {
		f.add("{")
		dsn, _ := g.h5dsn()
		i := strings.Index(dsn, "://")
		j := strings.LastIndex(dsn, "@")
		pw := dsn[strings.Index(dsn[i+3:], ":")+i+4 : j]
		f.add(`  "replica": "`+h5jsSlash(dsn)+`",`, h5pw(h5jsSlash(pw)))
		e := g.h5email()
		f.add(`  "notify": "`+strings.ReplaceAll(h5js(e), "@", `\u0040`)+`",`, plant{family: "email", kind: "pii", value: strings.ReplaceAll(h5js(e), "@", `\u0040`), core: strings.SplitN(e, "@", 2)[0]})
		_, v, p := g.h5tok()
		f.add(`  "headers": "Authorization: Bearer `+h5jsSlash(v)+`\r\nAccept: *\/*",`, plant{family: p.family, kind: "secret", value: h5jsSlash(v)})
		f.add(`  "checksum": "` + g.h5neg() + `"`)
		f.add("}")
	}},
	{"deps", "lockfiles.txt", func(g *gen, f *file) {
		f.add("# go.sum")
		for i := 0; i < 3; i++ {
			m := g.pick("golang.org/x/net", "github.com/pkg/errors", "gopkg.in/yaml.v3")
			f.add(m + " v0." + fmt.Sprint(g.r.IntN(40)) + ".0 h1:" + b64s(g.s(alnum, 32)))
		}
		f.add("# package-lock.json")
		f.add(`      "integrity": "sha512-` + b64s(g.s(alnum, 64)) + `",`)
		f.add(`      "resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz",`)
		f.add("# Cargo.lock")
		f.add(`checksum = "` + g.s(hexd, 64) + `"`)
		f.add("# poetry.lock")
		f.add(`{file = "pkg-1.0.tar.gz", hash = "sha256:` + g.s(hexd, 64) + `"},`)
		f.add("# yarn.lock")
		f.add("  resolved \"https://registry.yarnpkg.com/ms/-/ms-2.1.3.tgz#" + g.s(hexd, 40) + "\"")
		// A token left in a lock file's registry URL is still a leak.
		if g.r.IntN(2) == 0 {
			t := g.h5gh("npm_")
			f.add(`      "resolved": "https://`+t+`@npm.pkg.corp/x/-/x-2.0.0.tgz",`, secret("npm", t))
		}
	}},
	{"keys", "service-key.txt", func(g *gen, f *file) {
		f.add("# deploy key for the mirror host, generated " + h5ts(g))
		pem := g.h5pem()
		f.add(pem[0], secret("private-key", pem[0]))
		for _, l := range pem[1:] {
			f.add(l)
		}
		f.add("# public half:")
		f.add("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ" + g.s(b64, 200) + " mirror@ci")
		f.add("-----BEGIN CERTIFICATE-----")
		f.add(g.s(b64, 64))
		f.add("-----END CERTIFICATE-----")
		ag := "AGE-SECRET-KEY-1" + g.s(h5bech, 58)
		f.add("# sops age key: "+ag, secret("age", ag))
	}},
	{"keys", "firebase-admin.json", func(g *gen, f *file) {
		pem := g.h5pem()
		body := strings.Join(pem, "\\n") + "\\n"
		f.add("{")
		f.add(`  "type": "service_account",`)
		f.add(`  "project_id": "` + g.pick("shop", "chat", "maps") + "-" + g.s(h5lowerD, 6) + `",`)
		f.add(`  "private_key_id": "` + g.s(hexd, 40) + `",`)
		f.add(`  "private_key": "`+body+`",`, secret("private-key", pem[0]))
		f.add(`  "client_email": "firebase-adminsdk-` + g.s(h5lowerD, 5) + `@project.iam.gserviceaccount.com",`)
		f.add(`  "client_id": "` + g.s(digits, 21) + `"`)
		f.add("}")
	}},
	{"shell", "zsh_history", func(g *gen, f *file) {
		ts := func() string { return fmt.Sprintf(": %d:0;", 1764000000+g.r.IntN(1e6)) }
		_, v, p := g.h5tok()
		f.add(ts()+"http POST https://api.vendor.example/v1/jobs 'Authorization:Bearer "+v+"'", p)
		pw := g.h5pass()
		f.add(ts()+"PGPASSWORD='"+pw+"' pg_dump -h "+g.h5host()+" -U "+g.h5user()+" app > app.sql", h5pw(pw))
		pw2 := g.h5pass()
		f.add(ts()+"docker login -u "+g.h5user()+" -p '"+pw2+"' harbor.corp:5000", h5pw(pw2))
		k := g.h5rand()
		f.add(ts()+"aws configure set aws_secret_access_key "+k, h5gen(k))
		f.add(ts() + "git log --oneline " + g.s(hexd, 7) + ".." + g.s(hexd, 7))
		f.add(ts() + "echo $GITHUB_TOKEN | gh auth login --with-token")
	}},
}

func h5card(g *gen) string { return g.h5card(g.pick(" ", "-", "")) }

func h5cap(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
