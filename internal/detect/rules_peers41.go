package detect

import (
	"bytes"
	"encoding/base64"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Formats that trufflehog's and gitleaks' own test cases showed missing (round
// peers41, tools/peercases), each written from the provider's documentation; every
// string here is written for this file.
var peers41Tokens = []tk{
	{id: "checkout-secret-key", title: "Checkout.com secret key", provider: "Checkout.com", sev: finding.Critical,
		// Checkout.com's secret keys of its classic API: "sk_test_" (sandbox) or "sk_"
		// (live) and a UUID. The UUID's frame after "sk_" is no other provider's
		// (Stripe's keys have no dashes); one written with capitals is still one.
		re: `sk_(?:test_)?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`, lits: []string{"sk_"},
		ex:  []string{`CHECKOUT_SECRET_KEY=sk_test_{uuid}`, `checkout_api_key: "sk_{uuid}"`},
		nex: []string{`sk_test_{h:32}`, `task_{uuid}`, `sk_test_00000000-0000-0000-0000-000000000000`}},
	{id: "gcp-json-key-docker-auth", title: "Google Cloud service account key in a Docker login (_json_key)", provider: "Google Cloud", sev: finding.Critical,
		// Google's registries (gcr.io, Artifact Registry) take a service account's JSON
		// key as a Docker password under the user name "_json_key" (or, base64-encoded,
		// "_json_key_base64"); docker login stores "user:password" in base64 as the
		// auth of config.json, so the whole key, private key and all, sits there. The
		// base64 of "_json_key" is "X2pzb25fa2V5"; a value whose decoded key holds no
		// private key is not one. (An auth value is longer than the assignment reader's
		// 1 KiB, hence a token rule.)
		re: `X2pzb25fa2V5[A-Za-z0-9+/]{200}[A-Za-z0-9+/]*={0,2}`, check: gcpJSONKeyAuth,
		rem: "Delete the service account key in Google Cloud (IAM, Service accounts, Keys), create a new one if it is still needed, and log in again; prefer a credential helper (docker-credential-gcr, gcloud auth configure-docker) to a key in config.json.",
		ex:  []string{gcpJSONKeyAuthExample(false), gcpJSONKeyAuthExample(true)},
		nex: []string{`"auth": "` + base64.StdEncoding.EncodeToString([]byte(`_json_key:{"type": "service_account", "project_id": "demo", "private_key": "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n", "client_email": "puller@demo.iam.gserviceaccount.com"}`)) + `"`}},
}

// gcpJSONKeyAuth decodes a Docker auth value and accepts "_json_key:" followed by a
// service account key (or "_json_key_base64:" followed by one in base64) whose
// private key has a body: a key cut short ("MIIE...") in a how-to is none.
func gcpJSONKeyAuth(tok []byte) bool {
	// (DecodeString sizes its own buffer: a length that is no multiple of four
	// decodes, unpadded, to more bytes than the padded form's DecodedLen gives)
	dec, err := base64.StdEncoding.DecodeString(string(tok))
	if err != nil {
		dec, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(string(tok), "="))
		if err != nil {
			return false
		}
	}
	if rest, ok := bytes.CutPrefix(dec, []byte("_json_key_base64:")); ok {
		if dec, err = base64.StdEncoding.DecodeString(string(bytes.TrimSpace(rest))); err != nil {
			return false
		}
	} else if dec, ok = bytes.CutPrefix(dec, []byte("_json_key:")); !ok {
		return false
	}
	i := bytes.Index(dec, []byte(`"private_key"`))
	if i < 0 {
		return false
	}
	b := bytes.Index(dec[i:], []byte("PRIVATE KEY-----"))
	if b < 0 {
		return false
	}
	body := dec[i+b+len("PRIVATE KEY-----"):]
	e := bytes.Index(body, []byte("-----END"))
	if e < 0 {
		return false
	}
	body = bytes.ReplaceAll(body[:e], []byte(`\n`), nil)
	return len(bytes.TrimSpace(body)) >= 300 && !bytes.Contains(body, []byte("..."))
}

// gcpJSONKeyAuthExample writes a config.json auth entry holding a made-up service
// account key (base64-wrapped once more with wrapped).
func gcpJSONKeyAuthExample(wrapped bool) string {
	var pem strings.Builder
	for i := 0; i < 16; i++ {
		pem.WriteString("Tq8vLm2Wz7Rb4Kx9Vn3Pd6Hs1Fg5Jc0Ye8Ua2Io7Ek4Xw9Qs3Zr6Mt1Nb5Ch8DfGj\\n")
	}
	key := `{"type": "service_account", "project_id": "orbit-build", "private_key_id": "4e1c9a7f2b8d3e6a0c5f9b1d7e3a8c4f2b6d0e9a", ` +
		`"private_key": "-----BEGIN PRIVATE KEY-----\\n` + pem.String() + `-----END PRIVATE KEY-----\\n", ` +
		`"client_email": "image-puller@orbit-build.iam.gserviceaccount.com"}`
	user := "_json_key:" + key
	if wrapped {
		user = "_json_key_base64:" + base64.StdEncoding.EncodeToString([]byte(key))
	}
	return `{"auths": {"https://europe-docker.pkg.dev": {"auth": "` + base64.StdEncoding.EncodeToString([]byte(user)) + `"}}}`
}

// flyMacaroonBody accepts a Fly.io macaroon's base64 body: msgpack with runs of zero
// bytes, so runs of "A" are part of a real token where the placeholder test of a
// token's body rejects them (six of one character in a row). The runs are passed over
// and the rest must pass that test and look random (three character classes, high
// entropy).
func flyMacaroonBody(tok []byte) bool {
	_, body, _ := bytes.Cut(tok, []byte("_"))
	rest := make([]byte, 0, len(body))
	for i := 0; i < len(body); {
		j := i
		for j < len(body) && body[j] == 'A' {
			j++
		}
		if j-i >= 4 {
			i = j
			continue
		}
		if j > i {
			rest = append(rest, body[i:j]...)
			i = j
			continue
		}
		rest = append(rest, body[i])
		i++
	}
	return len(rest) >= 40 && !anchoredPlaceholder(rest) && classCount(rest) >= 3 && entropy(rest) >= 4.5
}
