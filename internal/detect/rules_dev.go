package detect

import (
	"bytes"
	"encoding/base64"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// githubCRC validates the checksum of a classic GitHub token of the standard length and
// lets longer kinds (refresh tokens) through on format alone.
func githubCRC(tok []byte) bool {
	if len(tok) != 40 {
		return len(tok) > 40
	}
	return checksumTokenOK(4)(tok)
}

// Code hosting, package registries and CI.
var devTokens = []tk{
	{id: "github-pat", title: "GitHub personal access token (classic)", provider: "GitHub", sev: finding.Critical,
		re: `ghp_[A-Za-z0-9]{36}`, check: checksumTokenOK(4),
		ex:  []string{`GITHUB_TOKEN=ghp_{gh}`, `{"token_github": "ghp_{gh}"}`, `https://ghp_{gh}@github.com/org/repo.git`},
		nex: []string{`ghp_{badgh}`, `ghp_{a:20}`, `xghp_{gh}`, `ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`}},
	{id: "github-oauth-token", title: "GitHub OAuth access token", provider: "GitHub", sev: finding.Critical,
		re: `gho_[A-Za-z0-9]{36}`, check: checksumTokenOK(4),
		ex:  []string{`gho_{gh}`},
		nex: []string{`gho_{badgh}`}},
	{id: "github-user-to-server-token", title: "GitHub App user-to-server token", provider: "GitHub", sev: finding.Critical,
		re: `ghu_[A-Za-z0-9]{36}`, check: checksumTokenOK(4),
		ex:  []string{`ghu_{gh}`},
		nex: []string{`ghu_{badgh}`}},
	{id: "github-app-installation-token", title: "GitHub App installation (server-to-server) token", provider: "GitHub", sev: finding.Critical,
		re: `ghs_[A-Za-z0-9]{36}`, check: checksumTokenOK(4),
		ex:  []string{`"token": "ghs_{gh}"`},
		nex: []string{`ghs_{badgh}`}},
	{id: "github-refresh-token", title: "GitHub refresh token", provider: "GitHub", sev: finding.High,
		re: `ghr_[A-Za-z0-9]{36,76}`, check: githubCRC,
		ex:  []string{`ghr_{gh}`, `ghr_{a:76}`},
		nex: []string{`ghr_{badgh}`}},
	{id: "github-fine-grained-pat", title: "GitHub fine-grained personal access token", provider: "GitHub", sev: finding.Critical,
		re:  `github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}`,
		ex:  []string{`GH_TOKEN=github_pat_{a:22}_{a:59}`},
		nex: []string{`github_pat_{a:22}`, `github_pat_{a:22}_{a:30}`}},
	{id: "gitlab-pat", title: "GitLab personal access token", provider: "GitLab", sev: finding.Critical,
		re:  `glpat-[A-Za-z0-9_.-]{20,80}`,
		ex:  []string{`GITLAB_TOKEN=glpat-{u:20}`, `PRIVATE-TOKEN: glpat-{u:27}.01.{L:9}`},
		nex: []string{`glpat-{u:10}`, `glpat-xxxxxxxxxxxxxxxxxxxx`}},
	{id: "gitlab-deploy-token", title: "GitLab deploy token", provider: "GitLab", sev: finding.High,
		re:  `gldt-[A-Za-z0-9_-]{20,64}`,
		ex:  []string{`gldt-{u:20}`},
		nex: []string{`gldt-{u:8}`}},
	{id: "gitlab-runner-token", title: "GitLab runner authentication token", provider: "GitLab", sev: finding.High,
		re:  `glrt-[A-Za-z0-9_.-]{20,64}`,
		ex:  []string{`token = "glrt-{u:20}"`},
		nex: []string{`glrt-{u:8}`}},
	{id: "gitlab-runner-registration-token", title: "GitLab runner registration token", provider: "GitLab", sev: finding.High,
		re:  `GR1348941[A-Za-z0-9_-]{20,40}`,
		ex:  []string{`REGISTRATION_TOKEN=GR1348941{u:20}`},
		nex: []string{`GR1348941{u:5}`}},
	{id: "gitlab-pipeline-trigger-token", title: "GitLab pipeline trigger token", provider: "GitLab", sev: finding.High,
		re:  `glptt-[a-f0-9]{40}`,
		ex:  []string{`glptt-{h:40}`},
		nex: []string{`glptt-{h:20}`}},
	{id: "gitlab-ci-job-token", title: "GitLab CI/CD job token", provider: "GitLab", sev: finding.Medium,
		re:  `glcbt-[A-Za-z0-9]{1,5}_[A-Za-z0-9_-]{20}`,
		ex:  []string{`glcbt-{h:2}_{u:20}`},
		nex: []string{`glcbt-{h:2}_{u:5}`}},
	{id: "gitlab-oauth-app-secret", title: "GitLab OAuth application secret", provider: "GitLab", sev: finding.High,
		re:  `gloas-[A-Za-z0-9_-]{64}`,
		ex:  []string{`gloas-{h:64}`},
		nex: []string{`gloas-{h:20}`}},
	{id: "gitlab-incoming-mail-token", title: "GitLab incoming e-mail token", provider: "GitLab", sev: finding.Medium,
		re:  `glimt-[A-Za-z0-9_-]{25}`,
		ex:  []string{`glimt-{u:25}`},
		nex: []string{`glimt-{u:10}`}},
	{id: "gitlab-feed-token", title: "GitLab feed token", provider: "GitLab", sev: finding.Medium,
		re:  `glft-[A-Za-z0-9_-]{20}`,
		ex:  []string{`glft-{u:20}`},
		nex: []string{`glft-{u:10}`}},
	{id: "gitlab-agent-token", title: "GitLab agent for Kubernetes token", provider: "GitLab", sev: finding.High,
		re:  `glagent-[A-Za-z0-9_-]{50}`,
		ex:  []string{`glagent-{u:50}`},
		nex: []string{`glagent-{u:20}`}},
	{id: "gitlab-feature-flags-token", title: "GitLab feature flags client token", provider: "GitLab", sev: finding.Medium,
		re:  `glffct-[A-Za-z0-9_-]{20}`,
		ex:  []string{`glffct-{u:20}`},
		nex: []string{`glffct-{u:10}`}},
	{id: "gitlab-scim-token", title: "GitLab SCIM OAuth token", provider: "GitLab", sev: finding.High,
		re:  `glsoat-[A-Za-z0-9_-]{20}`,
		ex:  []string{`glsoat-{u:20}`},
		nex: []string{`glsoat-{u:10}`}},
	{id: "bitbucket-app-password", title: "Bitbucket app password", provider: "Atlassian", sev: finding.High,
		re:  `ATBB[A-Za-z0-9_=.-]{28,64}`,
		ex:  []string{`BITBUCKET_APP_PASSWORD=ATBB{a:32}`},
		nex: []string{`ATBB{a:10}`}},
	{id: "atlassian-api-token", title: "Atlassian API token", provider: "Atlassian", sev: finding.High,
		re:  `ATATT3[A-Za-z0-9_=-]{150,250}`,
		ex:  []string{`JIRA_API_TOKEN=ATATT3{u:180}={H:8}`},
		nex: []string{`ATATT3{u:40}`}},
	{id: "npm-token", title: "npm access token", provider: "npm", sev: finding.Critical,
		re: `npm_[A-Za-z0-9]{36}`, check: checksumTokenOK(4),
		ex:  []string{`//registry.npmjs.org/:_authToken=npm_{gh}`, `NPM_TOKEN=npm_{gh}`},
		nex: []string{`npm_{badgh}`, `npm_{a:20}`}},
	{id: "pypi-token", title: "PyPI upload token", provider: "PyPI", sev: finding.Critical,
		re: `pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,400}`, lits: []string{"pypi-AgEIcHlwaS5vcmc", "pypi-AgENdGVzdC5weXBpLm9yZw"},
		ex:  []string{`password = pypi-AgEIcHlwaS5vcmc{u:150}`},
		nex: []string{`pypi-AgEIcHlwaS5vcmc{u:10}`}},
	{id: "dockerhub-pat", title: "Docker Hub personal access token", provider: "Docker", sev: finding.High,
		re:  `dckr_pat_[A-Za-z0-9_-]{27}`,
		ex:  []string{`DOCKERHUB_TOKEN=dckr_pat_{u:27}`},
		nex: []string{`dckr_pat_{u:10}`}},
	{id: "dockerhub-oat", title: "Docker Hub organization access token", provider: "Docker", sev: finding.High,
		re:  `dckr_oat_[A-Za-z0-9_-]{32}`,
		ex:  []string{`dckr_oat_{u:32}`},
		nex: []string{`dckr_oat_{u:10}`}},
	{id: "rubygems-api-key", title: "RubyGems API key", provider: "RubyGems", sev: finding.High,
		re:  `rubygems_[a-f0-9]{48}`,
		ex:  []string{`GEM_HOST_API_KEY=rubygems_{h:48}`},
		nex: []string{`rubygems_{h:20}`}},
	{id: "nuget-api-key", title: "NuGet API key", provider: "NuGet", sev: finding.High,
		re:  `oy2[a-z0-9]{43}`,
		ex:  []string{`NUGET_API_KEY=oy2{L:43}`},
		nex: []string{`oy2{L:20}`, `boy2{L:43}`}},
	{id: "crates-io-token", title: "crates.io API token", provider: "crates.io", sev: finding.High,
		re:  `cio[A-Za-z0-9]{32}`,
		ex:  []string{`CARGO_REGISTRY_TOKEN=cio{a:32}`},
		nex: []string{`cio{a:10}`, `radio{a:32}`}},
	{id: "artifactory-api-key", title: "JFrog Artifactory API key", provider: "JFrog", sev: finding.High,
		re:  `AKCp[A-Za-z0-9]{69}`,
		ex:  []string{`ARTIFACTORY_API_KEY=AKCp{a:69}`},
		nex: []string{`AKCp{a:20}`}},
	{id: "artifactory-reference-token", title: "JFrog reference token", provider: "JFrog", sev: finding.High,
		re:  `cmVmdGtuOjAxOj[A-Za-z0-9]{50,120}`,
		ex:  []string{`cmVmdGtuOjAxOj{a:50}`},
		nex: []string{`cmVmdGtuOjAxOj{a:10}`}},
	{id: "sonarqube-token", title: "SonarQube token", provider: "SonarSource", sev: finding.High,
		re: `(?:sqp|squ|sqa)_[a-f0-9]{40}`, lits: []string{"sqp_", "squ_", "sqa_"},
		ex:  []string{`SONAR_TOKEN=sqp_{h:40}`, `squ_{h:40}`},
		nex: []string{`sqp_{h:20}`}},
	{id: "circleci-token", title: "CircleCI personal API token", provider: "CircleCI", sev: finding.High,
		re:  `CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40}`,
		ex:  []string{`CIRCLECI_TOKEN=CCIPAT_{a:22}_{h:40}`},
		nex: []string{`CCIPAT_{a:22}`}},
	{id: "circleci-project-token", title: "CircleCI project API token", provider: "CircleCI", sev: finding.High,
		// CircleCI's changelog gives both new token kinds one layout: CCIPAT_ for a
		// person's, CCIPRJ_ for a project's, a base58 UUID and 40 hex digits
		re:  `CCIPRJ_[A-Za-z0-9]{22}_[a-f0-9]{40}`,
		ex:  []string{`CIRCLE_PROJECT_TOKEN=CCIPRJ_{a:22}_{h:40}`},
		nex: []string{`CCIPRJ_{a:22}`, `CCIPRJ_{a:22}_{h:20}`}},
	{id: "buildkite-token", title: "Buildkite API access token", provider: "Buildkite", sev: finding.High,
		re:  `bkua_[a-f0-9]{40}`,
		ex:  []string{`BUILDKITE_API_TOKEN=bkua_{h:40}`},
		nex: []string{`bkua_{h:10}`}},
	{id: "harness-pat", title: "Harness personal access token", provider: "Harness", sev: finding.High,
		re: `(?:pat|sat)\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20}`, lits: []string{"pat.", "sat."},
		ex:  []string{`pat.{u:22}.{h:24}.{a:20}`},
		nex: []string{`pat.{u:22}`, `compat.{u:22}.{h:24}.{a:20}`}},
	{id: "octopus-deploy-api-key", title: "Octopus Deploy API key", provider: "Octopus Deploy", sev: finding.High,
		// 26 characters after "API-" in older servers' keys, more (27 to 34) in newer ones;
		// letters past F are in nearly every key, while "API-" and 32 hexadecimal digits
		// is a GUID in a page's name (notion.site/API-BD80F56C…)
		re: `API-[A-Z0-9]{26,34}`, check: func(t []byte) bool { return !allHex(t[4:]) },
		ex:  []string{`OCTOPUS_API_KEY=API-{V:26}`, `X-Octopus-ApiKey: API-{V:27}`, `"octopus_api_key": "API-{V:31}"`},
		nex: []string{`API-{V:10}`, `https://fog-ringer-f42.notion.site/API-BD80F56CDC1441E6BF6011AB6D852875`}},
	{id: "linear-api-key", title: "Linear API key", provider: "Linear", sev: finding.High,
		re:  `lin_api_[A-Za-z0-9]{40}`,
		ex:  []string{`LINEAR_API_KEY=lin_api_{a:40}`},
		nex: []string{`lin_api_{a:10}`}},
	{id: "postman-api-key", title: "Postman API key", provider: "Postman", sev: finding.High,
		re:  `PMAK-[a-f0-9]{24}-[a-f0-9]{34}`,
		ex:  []string{`PMAK-{h:24}-{h:34}`},
		nex: []string{`PMAK-{h:24}`}},
	{id: "figma-pat", title: "Figma personal access token", provider: "Figma", sev: finding.High,
		re:  `figd_[A-Za-z0-9_-]{40}`,
		ex:  []string{`FIGMA_TOKEN=figd_{u:40}`},
		nex: []string{`figd_{u:10}`}},
	{id: "prefect-api-key", title: "Prefect API key", provider: "Prefect", sev: finding.High,
		re:  `pnu_[A-Za-z0-9]{36}`,
		ex:  []string{`PREFECT_API_KEY=pnu_{a:36}`},
		nex: []string{`pnu_{a:10}`}},
	{id: "readme-api-key", title: "ReadMe API key", provider: "ReadMe", sev: finding.Medium,
		re:  `rdme_[a-z0-9]{70}`,
		ex:  []string{`rdme_{L:70}`},
		nex: []string{`rdme_{L:20}`}},
	{id: "launchdarkly-access-token", title: "LaunchDarkly access token", provider: "LaunchDarkly", sev: finding.High,
		re:  `api-` + uuidRe,
		ctx: &ctxSpec{keys: []string{"launchdarkly", "ld_"}, near: []string{"launchdarkly"}},
		ex:  []string{`LAUNCHDARKLY_ACCESS_TOKEN=api-{uuid}`},
		nex: []string{`REQUEST_ID=api-{uuid}`}},
	{id: "openshift-oauth-token", title: "OpenShift OAuth access token", provider: "Red Hat", sev: finding.High,
		// OpenShift 4.6 and later issue OAuth access and authorize tokens as "sha256~"
		// and the base64url of 32 random bytes (43 characters); the server keeps
		// only the token's SHA-256
		re: `sha256~[A-Za-z0-9_-]{43}`, check: generatedBody(7),
		ex:  []string{`oc login --token=sha256~{u:43} --server=https://api.ocp.corp.test:6443`, `Authorization: Bearer sha256~{u:43}`},
		nex: []string{`sha256~{u:20}`, `sha256~{u:43}x`}},
}

var devKV = []kv{
	{id: "github-oauth-client-secret", title: "GitHub OAuth app client secret", provider: "GitHub", sev: finding.High,
		keys: []string{"client_secret", "clientsecret", "client-secret"}, near: []string{"github"}, value: `[a-f0-9]{40}`,
		ex:  []string{`GITHUB_CLIENT_SECRET={h:40}`},
		nex: []string{`GITHUB_CLIENT_SECRET={h:20}`}},
	{id: "npm-legacy-auth-token", title: "npm legacy auth token (.npmrc)", provider: "npm", sev: finding.High,
		// the key is .npmrc's _auth or _authToken itself, not any name that starts
		// with "_auth" (_AuthorizeType_name, SID_AUTHORITY)
		keys: []string{"_authtoken", "_auth"}, keyOK: npmrcKey, value: uuidRe + `|[A-Za-z0-9+/=]{20,200}`,
		ex: []string{`//registry.npmjs.org/:_authToken={uuid}`, `_auth={b:40}`},
		nex: []string{`//registry.npmjs.org/:_authToken=${NPM_TOKEN}`, `const _AuthorizeType_name = "ATUnknownATUsernamePasswordATWindowsIntegrated"`,
			`SECURITY_WORLD_SID_AUTHORITY = AuthorityValueWithManyLetters`}},
	{id: "docker-config-auth", title: "Docker registry credentials (config.json auth)", provider: "Docker", sev: finding.High,
		keys: []string{"auth"}, near: []string{"auths"}, nearAnyLine: true, keyOK: exactly("auth"), value: `[A-Za-z0-9+/]{8,}={0,2}`, decode: dockerAuth,
		ex:  []string{`{"auths": {"registry.internal:5000": {"auth": "{basic:deploy}"}}}`},
		nex: []string{`{"auths": {"registry.internal:5000": {"auth": "bm90aGluZw=="}}}`, `{"auth": "{basic:deploy}"}`}},
	{id: "travis-ci-token", title: "Travis CI API token", provider: "Travis CI", sev: finding.High,
		keys: []string{"travis"}, value: `[A-Za-z0-9_-]{22}`, valueOK: mixed,
		ex:  []string{`TRAVIS_API_TOKEN={u:22}`},
		nex: []string{`TRAVIS_BRANCH=main`}},
	{id: "codecov-token", title: "Codecov upload token", provider: "Codecov", sev: finding.Medium,
		keys: []string{"codecov"}, value: uuidRe,
		ex:  []string{`CODECOV_TOKEN={uuid}`},
		nex: []string{`CODECOV_FLAGS=unit`}},
	{id: "snyk-token", title: "Snyk API token", provider: "Snyk", sev: finding.High,
		keys: []string{"snyk"}, value: uuidRe,
		ex:  []string{`SNYK_TOKEN={uuid}`},
		nex: []string{`SNYK_ORG=acme`}},
	{id: "jenkins-api-token", title: "Jenkins API token", provider: "Jenkins", sev: finding.High,
		keys: []string{"jenkins"}, value: `[a-f0-9]{32,34}`,
		ex:  []string{`JENKINS_API_TOKEN=11{h:32}`},
		nex: []string{`JENKINS_URL=https://ci.internal/`}},
	{id: "gitea-token", title: "Gitea / Forgejo access token", provider: "Gitea", sev: finding.High,
		keys: []string{"gitea", "forgejo"}, value: `[a-f0-9]{40}`,
		ex:  []string{`GITEA_TOKEN={h:40}`},
		nex: []string{`GITEA_URL=https://git.internal`}},
}

// exactly accepts a key made of the given segments only.
func exactly(words ...string) func([][]byte) bool {
	return func(segs [][]byte) bool {
		if len(segs) != len(words) {
			return false
		}
		for i, w := range words {
			if string(segs[i]) != w {
				return false
			}
		}
		return true
	}
}

// dockerAuth decodes the "auth" value of a Docker config.json: base64 of user:password.
func dockerAuth(v []byte) ([]byte, bool) {
	dec, err := base64.StdEncoding.DecodeString(string(v))
	if err != nil {
		return nil, false
	}
	c := bytes.IndexByte(dec, ':')
	if c <= 0 || c == len(dec)-1 || isPlaceholder(dec[c+1:]) || namesItself(dec[c+1:]) {
		return nil, false // "my_username:my_password" in a how-to
	}
	return dec, true
}

// namesItself reports a password that is only the word for one, with an owner before
// it: "password", "my_password", "yourPassword", "the-secret".
func namesItself(pw []byte) bool {
	low := bytes.ToLower(pw)
	for _, own := range []string{"my", "your", "the", "some"} {
		if rest, ok := bytes.CutPrefix(low, []byte(own)); ok {
			low = bytes.TrimLeft(rest, "_-. ")
			break
		}
	}
	switch string(low) {
	case "password", "passwd", "pass", "pwd", "secret", "token", "apikey", "api_key", "secretkey", "secret_key", "secret-key":
		return true
	}
	return false
}

// npmrcKey accepts .npmrc's own names: _auth and _authToken.
func npmrcKey(segs [][]byte) bool {
	switch len(segs) {
	case 1:
		return string(segs[0]) == "auth" || string(segs[0]) == "authtoken"
	case 2:
		return string(segs[0]) == "auth" && string(segs[1]) == "token"
	}
	return false
}
