package detect

import (
	"encoding/base64"
	"testing"
)

// jwtWithExp builds an unsigned-looking JWT (HS256 header, a made-up signature) whose
// payload names an access key and the expiry exp, spelt as JSON (a number or a string).
func jwtWithExp(exp string) string {
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." +
		enc([]byte(`{"accessKey":"T7QZ0LMW3PK2RVYX8ND4","exp":`+exp+`,"sub":"harrier"}`)) +
		".Vb3kQ9_xLr7TmZ2pWc8dNf4hJs6gYa1eKu0oRi5tBnE"
}

// ciJob is a GitHub Actions workflow with one job whose body is body.
func ciJob(body string) string {
	return "name: ldap\non: [push]\njobs:\n  check:\n    runs-on: ubuntu-latest\n" + body +
		"    steps:\n      - run: go test ./...\n"
}

// TestTreeRound8Classes: the classes of false positives found by triaging every
// non-test secret finding of the Go module cache and of the Google Cloud SDK at main
// 28758b2. Each example text must yield no secret; each leak text, the same text with
// only the signal the class reads changed, must still yield its rule and value.
func TestTreeRound8Classes(t *testing.T) {
	sts := func(exp, expiration string) string {
		return "Your temporary credentials:\n\n```\n{\n \"credentials\": {\n  \"AccessKeyID\": \"T7QZ0LMW3PK2RVYX8ND4\",\n" +
			"  \"SecretAccessKey\": \"Hq2Rv7Nw4Lt9Xc1Ps6Bd3Kf8Zm5Gj0Ye7Ua2Vo4W\",\n" +
			"  \"SessionToken\": \"" + jwtWithExp(exp) + "\",\n" + expiration + "  \"SignerType\": 1\n }\n}\n```\n"
	}
	rfcRequest := func(host string) string {
		return "    Revoke it like this::\n\n        POST /revoke HTTP/1.1\n        Host: " + host + "\n" +
			"        Content-Type: application/x-www-form-urlencoded\n        Authorization: Basic " +
			base64.StdEncoding.EncodeToString([]byte("w4rbler9Qx:Tz8Lp2Mv6Kd")) + "\n\n        token=7hqx3plm0vtnc4wrbz8k&token_type_hint=refresh_token\n"
	}
	checkTreeClasses(t, []treeClassCase{
		{class: "temporary credentials whose session token (a JWT) expired: the secret key beside it",
			example: sts(`"1546300800"`, ""), leak: sts(`"4102444800"`, ""),
			rule: "aws-secret-access-key", value: "Hq2Rv7Nw4Lt9Xc1Ps6Bd3Kf8Zm5Gj0Ye7Ua2Vo4W"},
		{class: "temporary credentials whose session token (a JWT) expired: the session token itself",
			example: sts("1546300800", ""), leak: sts("4102444800", ""),
			rule: "jwt", value: jwtWithExp("4102444800")},
		{class: "an HTTP request to a host reserved for documentation: its Authorization header",
			example: rfcRequest("server.example.com"), leak: rfcRequest("auth.heronworks.io"),
			rule: "basic-auth", value: "w4rbler9Qx:Tz8Lp2Mv6Kd"},
		{class: "an HTTP request to a host reserved for documentation: its body",
			example: rfcRequest("server.example.com"), leak: rfcRequest("auth.heronworks.io"),
			rule: "generic-api-key", value: "7hqx3plm0vtnc4wrbz8k"},
		{class: "a redirect to a host reserved for documentation",
			example: "        HTTP/1.1 302 Found\n        Location: https://client.example.org/cb#access_token=Jr5Vq8Lm2Xc7Tn4Wb9&state=q1\n",
			leak:    "        HTTP/1.1 302 Found\n        Location: https://client.heronworks.io/cb#access_token=Jr5Vq8Lm2Xc7Tn4Wb9&state=q1\n",
			rule:    "generic-api-key", value: "Jr5Vq8Lm2Xc7Tn4Wb9"},
		{class: "a redirect to the machine itself stays found (a captured local callback may be live)",
			example: "        HTTP/1.1 302 Found\n        Location: https://client.example.org/cb#access_token=Jr5Vq8Lm2Xc7Tn4Wb9&state=q1\n",
			leak:    "        HTTP/1.1 302 Found\n        Location: http://localhost:8080/cb#access_token=Jr5Vq8Lm2Xc7Tn4Wb9&state=q1\n",
			rule:    "generic-api-key", value: "Jr5Vq8Lm2Xc7Tn4Wb9"},
		{class: "a Python help text's EXAMPLES string",
			example: "EXAMPLES = \"\"\"\\\n    To create a profile:\n\n        $ {{command}} my-profile --region=us-central1 --password=Vq7rTz2x9\n        --username=my-user\n    \"\"\"\n",
			leak:    "SUMMARY = \"\"\"\\\n    To create a profile:\n\n        $ {{command}} my-profile --region=us-central1 --password=Vq7rTz2x9\n        --username=my-user\n    \"\"\"\n",
			rule:    "password-assignment", value: "Vq7rTz2x9"},
		{class: "a path through objects with an index (a paginator's output token)",
			example: "{\n  \"DescribeFlock\": {\n    \"output_token\": \"FlockDescription.Shards[-1].ShardId\"\n  }\n}\n",
			leak:    "{\n  \"DescribeFlock\": {\n    \"output_token\": \"FlockDescription.qXr7LmVz2KtWpB[-1].ShardId\"\n  }\n}\n",
			rule:    "generic-api-key", value: "FlockDescription.qXr7LmVz2KtWpB[-1].ShardId"},
		{class: "a dotted type name in an annotation",
			example: "def _GetReauth(\n    oauth2_creds: 'wrenclient_2_1.client.OAuth2Credentials',\n) -> None:\n",
			leak:    "def _GetReauth(\n    oauth2_creds: 'wrenclient_2_1.Cl13nTqZ.OAuth2Credentials',\n) -> None:\n",
			rule:    "generic-api-key", value: "wrenclient_2_1.Cl13nTqZ.OAuth2Credentials"},
		{class: "a pagination cursor under a label of words",
			example: "    Items in page: 3\n    Next page token: Wq3Lr8Vx2Tn7Bk5Mz9Pd\n",
			leak:    "    Items in page: 3\n    Refresh token: Wq3Lr8Vx2Tn7Bk5Mz9Pd\n",
			rule:    "generic-api-key", value: "Wq3Lr8Vx2Tn7Bk5Mz9Pd"},
		{class: "a CI job's service container: its env",
			example: ciJob("    services:\n      directory:\n        image: example/openldap\n        env:\n          LDAP_ORG: \"Heron\"\n          LDAP_ADMIN_PASSWORD: \"Wq7rTz2x9\"\n"),
			leak:    ciJob("    steps:\n      - name: deploy\n        env:\n          LDAP_ORG: \"Heron\"\n          LDAP_ADMIN_PASSWORD: \"Wq7rTz2x9\"\n"),
			rule:    "password-assignment", value: "Wq7rTz2x9"},
		{class: "a Compose file's service env stays found (no CI job: it may run anywhere)",
			example: ciJob("    services:\n      directory:\n        image: example/openldap\n        env:\n          LDAP_ORG: \"Heron\"\n          LDAP_ADMIN_PASSWORD: \"Wq7rTz2x9\"\n"),
			leak:    "services:\n  directory:\n    image: example/openldap\n    environment:\n      LDAP_ORG: \"Heron\"\n      LDAP_ADMIN_PASSWORD: \"Wq7rTz2x9\"\n",
			rule:    "password-assignment", value: "Wq7rTz2x9"},
		{class: "a record whose sibling values are elided",
			example: "//\t\"caller\": {\n//\t    \"type\": \"IAMUser\",\n//\t    \"arn\": \"...\",\n//\t    \"accountId\": \"...\",\n//\t    \"accessKeyId\": \"AKIAZ7QW3RLX5NTV2KPM\"\n//\t},\n",
			leak:    "//\t\"caller\": {\n//\t    \"type\": \"IAMUser\",\n//\t    \"arn\": \"arn:aws:iam::431187206652:user/ci\",\n//\t    \"accountId\": \"431187206652\",\n//\t    \"accessKeyId\": \"AKIAZ7QW3RLX5NTV2KPM\"\n//\t},\n",
			rule:    "aws-access-key-id", value: "AKIAZ7QW3RLX5NTV2KPM"},
		{class: "URL credentials whose user part is one-letter names joined by '@' and whose host is one letter",
			example: "// (postgres://a@u:wq7:Lr2@h parses with port \"wq7:Lr2@h\")\n",
			leak:    "// (postgres://ab@u:wq7:Lr2@h parses with port \"wq7:Lr2@h\")\n",
			rule:    "postgres-connection-string", value: "wq7:Lr2"},
	})
}

// TestExpiredAWSSessionStaysFound: AWS's own session tokens are no JWTs; an assume-role
// answer whose "Expiration" is past keeps all its parts found (the benchmark counts
// them), and so does an HTTP capture to a documentation host that is not an indented
// quote (tcpdump, a proxy's export).
func TestExpiredAWSSessionStaysFound(t *testing.T) {
	e := Default()
	for _, c := range []struct{ text, rule, value string }{
		{"{\n  \"AccessKeyId\": \"ASIAZ7QW3RLX5NTV2KPM\",\n  \"SecretAccessKey\": \"Hq2Rv7Nw4Lt9Xc1Ps6Bd3Kf8Zm5Gj0Ye7Ua2Vo4W\",\n" +
			"  \"SessionToken\": \"IQoJb3JpZ2luX2VjEHcaCXVzLWVhc3QtMiJHMEUCIQD7x9Lq2Vr5Tn8Wm3Kp6Bz4Jd1Yc7Xf0Hs2Ga9Qe5UiAiB3\",\n" +
			"  \"Expiration\": \"2019-03-02T10:00:00Z\"\n}\n", "aws-secret-access-key", "Hq2Rv7Nw4Lt9Xc1Ps6Bd3Kf8Zm5Gj0Ye7Ua2Vo4W"},
		{"GET /reports HTTP/1.1\nHost: reports.corp.example\nAuthorization: Basic " +
			base64.StdEncoding.EncodeToString([]byte("w4rbler9Qx:Tz8Lp2Mv6Kd")) + "\n\n", "basic-auth", "w4rbler9Qx:Tz8Lp2Mv6Kd"},
	} {
		if ms := scanText(e, "", c.text); !hasMatch(ms, c.rule, c.value) {
			t.Errorf("%q: want %s %q, got %s", c.text, c.rule, c.value, describe(ms))
		}
	}
}
