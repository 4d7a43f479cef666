package detect

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"math/big"
	"strings"
	"testing"
)

// TestKfaClasses: classes found by triaging the peers' clean negatives and Kingfisher's
// half A misses (see the README's peers section), each beside a control. Every string is
// written here.
func TestKfaClasses(t *testing.T) {
	e := Default()
	for _, c := range []struct {
		class, text, rule, value string
	}{
		// a cmd.exe / MSBuild / NuGet environment reference holds only a variable's name
		{"percent env reference", `<add key="ClearTextPassword" value="%FEED_PUBLISH_PASSWORD%" />`, "", ""},
		{"percent env reference in a batch file", `set DB_PASSWORD=%PROD_DB_PASSWORD%`, "", ""},
		{"percent env reference, unquoted, hex letters first", "set NUGET_PASSWORD=%FEED_PUBLISH_PASSWORD%\nDB_PASSWORD=%DBPASSWORD%", "", ""},
		{"escapes of UTF-8 text still decoded", "login?user=bob&password=Gr%C3%BCnWald%2142x&next=/", "password-assignment", "GrünWald!42x"},
		{"a password inside percent signs is still one", `<add key="ClearTextPassword" value="Tq8!mWz3rLp" />`, "password-assignment", "Tq8!mWz3rLp"},
		// a time stamp read as the value of a credential-named key
		{"time stamp as first query field", "SAS_TOKEN=st=2031-07-15T10:11:12Z&se=2031-08-15T10:11:12Z&sv=2022-11-02&sr=c", "!generic-api-key", ""},
		{"time stamp alone", `api_token: "2031-07-15T10:11:12.123+02:00"`, "", ""},
		{"a key beside it still found", "STORAGE_API_KEY=kCzJr4i0B3JrTAwR4y9ojfljoQoaF1Ll\nCREATED=2031-07-15T10:11:12Z", "", "kCzJr4i0B3JrTAwR4y9ojfljoQoaF1Ll"},
		// Teamwork's prefixed token, whichever product's name stands beside it, or none
		{"teamwork token, product name", "teamworkdesk_token: tkn.v1_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8dKLzdocJ2isAjIhKtJ0RlgLKOmxgJTeKdNnF=",
			"teamwork-api-key", "tkn.v1_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8dKLzdocJ2isAjIhKtJ0RlgLKOmxgJTeKdNnF="},
		{"teamwork token alone", "Authorization header was tkn.v1_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8dKLzdocJ2isAjIhKtJ0RlgLKOmxgJTeKdNnF= (rotated)",
			"teamwork-api-key", "tkn.v1_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8dKLzdocJ2isAjIhKtJ0RlgLKOmxgJTeKdNnF="},
		{"teamwork prefix, short body", "id tkn.v1_RIBXuDL7DxtpYlSXpfKtHF4vUCsMehGAkWvj7FAc= here", "!teamwork-api-key", ""},
		// Asana's legacy personal access token, "0/" and 32 hex digits, beside its name
		{"asana legacy PAT", "ASANA_TOKEN=0/2aabfe228f219e9cb0eb53f16947ccf2", "asana-pat", "0/2aabfe228f219e9cb0eb53f16947ccf2"},
		{"legacy shape, no asana", "build 0/2aabfe228f219e9cb0eb53f16947ccf2 passed", "", ""},
		// an account path's digits in sequence do not make the secret after it typed
		{"asana PAT, run in the user id", "asana_pat = 1/1203456789187234:qsajAIxNKu8iS2G8NPRVdD53X83RZJzz", "asana-pat", "1/1203456789187234:qsajAIxNKu8iS2G8NPRVdD53X83RZJzz"},
		{"asana PAT, secret that says it is fake", "asana_pat = 1/1203456789187234:fake5fa12345abcdef12345abcdef1234", "", ""},
		// JFrog's 73-character API key always begins "AKCp": 73 characters without it are
		// no JFrog format, and the name "artifactory" nearby does not make them one
		{"artifactory, 73 characters without AKCp", "[INFO] calling the artifactory API\n[DEBUG] using key=DNxril3RavGD5MfvJ7NScUykT8C8UBkkpdhiG37LeXSyYV4g6snRoUYA4fXr6nzrvZcmT4a4A", "", ""},
		{"artifactory API key", "ARTIFACTORY_API_KEY=AKCpd5y2FibpBV62h9MahWLm52mva5fiI6bGfKFI6mAezmOWfSLjl8MU9cdrJRM2jVrVKch3T", "artifactory-api-key", "AKCpd5y2FibpBV62h9MahWLm52mva5fiI6bGfKFI6mAezmOWfSLjl8MU9cdrJRM2jVrVKch3T"},
		{"jfrog identity token", "[INFO] calling the artifactory API\n[DEBUG] using key=z85pkNGcVx2RHLKXSf3wh34LxCnzm8KVbyZMvaBhnoCru0ftOsgHYdbyXJZBFwTX", "jfrog-identity-token", "z85pkNGcVx2RHLKXSf3wh34LxCnzm8KVbyZMvaBhnoCru0ftOsgHYdbyXJZBFwTX"},
		// IEX Cloud documents tokens as sk_ or pk_ and 32 characters: another two letters
		// before the underscore are no IEX token, though 35 characters of [a-z0-9_]
		{"iex, another prefix", "iexapis = 'qm_7c0e4b9a2f61d8357e9b0c4a1f6d2e83'", "", ""},
		{"iex secret token", "iexapis = 'sk_7c0e4b9a2f61d8357e9b0c4a1f6d2e83'", "iexapis-api-key", "sk_7c0e4b9a2f61d8357e9b0c4a1f6d2e83"},
		// an Azure SAS whose other fields Azure would not have written
		{"SAS, undefined permission letter", "BLOB_SAS=sp=rkw&st=2031-07-15T10:11:12Z&se=2031-08-15T10:11:12Z&spr=https&sv=2022-11-02&sr=c&sig=Tq7Vw2Xz9Lp4Rs8Mn3Kb6Yc1Hd5Fg0Ja2Ue7Io4Rt8%3D", "!azure-sas-token", ""},
		{"SAS, address of three numbers", "BLOB_SAS=sp=rl&st=2031-07-15T10:11:12Z&se=2031-08-15T10:11:12Z&sip=10.4.7&spr=https&sv=2022-11-02&sr=c&sig=Tq7Vw2Xz9Lp4Rs8Mn3Kb6Yc1Hd5Fg0Ja2Ue7Io4Rt8%3D", "!azure-sas-token", ""},
		{"SAS as Azure writes it", "https://acct.blob.core.windows.net/c?sp=racwl&st=2031-07-15T10:11:12Z&se=2031-08-15T10:11:12Z&sip=10.4.7.1-10.4.7.9&spr=https&sv=2022-11-02&sr=c&sig=Tq7Vw2Xz9Lp4Rs8Mn3Kb6Yc1Hd5Fg0Ja2Ue7Io4Rt8%3D",
			"azure-sas-token", "Tq7Vw2Xz9Lp4Rs8Mn3Kb6Yc1Hd5Fg0Ja2Ue7Io4Rt8="},
		// A value tied to one provider's credential (the provider's name and its key's
		// shape, a key naming the provider, an issuer's literal) that runs through the
		// digits or the alphabet is still reported (anchoredPlaceholder); under a generic
		// key it is not, and words, masks and references stay placeholders everywhere.
		// the provider named beside a value of its shape, or in the key
		{"catalogue shape beside the name, digit run", "dandelion token: 9c4e2f8a1234567890d6e0f3a9c8b1d2", "dandelion-api-key", "9c4e2f8a1234567890d6e0f3a9c8b1d2"},
		{"catalogue shape under the provider's key, letter run", `tomtom_secret = "Qw7ZxK2mNp4RsT8vLb3ABCDEFGHIJ9c6"`, "tomtom-api-key", "Qw7ZxK2mNp4RsT8vLb3ABCDEFGHIJ9c6"},
		{"catalogue shape, says fake", "dandelion token: fake2f8a1234567890d6e0f3a9c8b1d2", "", ""},
		// a rule whose key names the provider (datadog's DD_API_KEY)
		{"provider key rule, digit run", "DD_API_KEY=5e8a1c9f1234567890b7e2a6c3f81b4d", "datadog-api-key", "5e8a1c9f1234567890b7e2a6c3f81b4d"},
		{"provider key, one letter repeated", "DD_API_KEY=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "", ""},
		{"provider key, reference", "DD_API_KEY=${DATADOG_API_KEY}", "", ""},
		// an issuer's literal: the rule's fixed prefix or one of its anchors
		{"issuer prefix, digit run", "DIGITALOCEAN_TOKEN=dop_v1_3fa8c2d9e1b71234567890a0e9d2b5f8137c4e6a9d0b2f5c8e1a3d7b9f2c4e6a",
			"digitalocean-pat", "dop_v1_3fa8c2d9e1b71234567890a0e9d2b5f8137c4e6a9d0b2f5c8e1a3d7b9f2c4e6a"},
		{"issuer anchor at the head of a rule's pattern, digit run", "STRIPE_KEY=sk_test_9fQ2xL7mR4tV1234567890bN8cK3wJ6hY", "stripe-test-secret-key", "sk_test_9fQ2xL7mR4tV1234567890bN8cK3wJ6hY"},
		{"issuer prefix, example word", "DIGITALOCEAN_TOKEN=dop_v1_example9e1b71234567890a0e9d2b5f8137c4e6a9d0b2f5c8e1a3d7b9f2c4e6", "", ""},
		// under a generic key the runs stay a placeholder's
		{"generic key, digit run", "api_key = 9c4e2f8a1234567890d6e0f3a9c8b1d2", "", ""},
		// "private" is a key word beside a provider's name, as "secret" is
		{"hex shape after the name and private", "lemlist private 4c7e1a9f2b8d3e6a0f5c9b1d7e2a4f8c", "lemlist-api-key", "4c7e1a9f2b8d3e6a0f5c9b1d7e2a4f8c"},
		{"private without a provider's name", "deploy private 4c7e1a9f2b8d3e6a0f5c9b1d7e2a4f8c", "", ""},
	} {
		checkClassCase(t, e, c.class, c.text, c.rule, c.value)
	}
}

// TestKfaDefusedRSA: an RSA key whose numbers were changed so that it could be published
// (p·q ≠ n) is no leak; the same key unchanged is, in PKCS#1 and PKCS#8, with real line
// breaks or JSON's escaped ones. The keys are generated here.
func TestKfaDefusedRSA(t *testing.T) {
	e := Default()
	key, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	altered := *key
	altered.Primes = []*big.Int{new(big.Int).Add(key.Primes[0], big.NewInt(2)), key.Primes[1]}
	pkcs8 := func(k *rsa.PrivateKey) []byte {
		// PKCS#8 by hand: x509.MarshalPKCS8PrivateKey validates the key first
		b, err := asn1.Marshal(struct {
			Version    int
			Algo       pkix.AlgorithmIdentifier
			PrivateKey []byte
		}{0, pkix.AlgorithmIdentifier{Algorithm: oidRSA, Parameters: asn1.NullRawValue}, x509.MarshalPKCS1PrivateKey(k)})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	armour := func(label string, der []byte, escaped bool) string {
		s := string(pem.EncodeToMemory(&pem.Block{Type: label, Bytes: der}))
		if escaped {
			return `{"private_key": "` + strings.ReplaceAll(s, "\n", `\n`) + `"}`
		}
		return s
	}
	//lint:ignore SA1019 a multi-prime key is what the test needs
	multi, err := rsa.GenerateMultiPrimeKey(rand.Reader, 3, 1024) //nolint:staticcheck
	if err != nil {
		t.Fatal(err)
	}
	for _, esc := range []bool{false, true} {
		for _, c := range []struct {
			class, text, rule string
		}{
			{"PKCS#1 key", armour("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(key), esc), "private-key-rsa"},
			{"PKCS#8 key", armour("PRIVATE KEY", pkcs8(key), esc), "private-key-pkcs8"},
			{"PKCS#1 key, p changed", armour("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(&altered), esc), ""},
			{"PKCS#8 key, p changed", armour("PRIVATE KEY", pkcs8(&altered), esc), ""},
			{"multi-prime key (n = p·q·r)", armour("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(multi), esc), "private-key-rsa"},
		} {
			found := false
			for _, m := range scanAll(e, c.text) {
				if strings.HasPrefix(m.Rule.ID, "private-key") {
					found = true
					if c.rule != "" && m.Rule.ID != c.rule {
						t.Errorf("%s (escaped %v): rule %s, want %s", c.class, esc, m.Rule.ID, c.rule)
					}
				}
			}
			if found != (c.rule != "") {
				t.Errorf("%s (escaped %v): found %v, want %v", c.class, esc, found, c.rule != "")
			}
		}
	}
}
