package detect

import (
	"strings"
	"testing"
)

// A list under a secret's name: each element stands under the name, a plural's
// singular (listvalues.go). Strings written for the test.
func TestListValues(t *testing.T) {
	held5Want(t, []held5Case{
		{`api_keys = ["Zq8mVt3LpR7wKs2NbX4cY6dE", "Hn4Jm6Kl8Zx0Cv2Bn5Lp9Qw3"]`, "generic-api-key", "Hn4Jm6Kl8Zx0Cv2Bn5Lp9Qw3"},
		{`API_TOKENS = ['Rf6Tg8Yh0Uj2Ik4Ol9PzXc1V', 'Mn5Bv7Cx9Zl2Kj4Hg6Fd8Sa1']`, "generic-api-key", "Rf6Tg8Yh0Uj2Ik4Ol9PzXc1V"},
		{`passwords = ["Quokka7Mango!", "Heron64Marsh!"]`, "password-assignment", "Heron64Marsh!"},
		{`{"passwords": ["Walrus88Tundra", "Bison27Prairie!"]}`, "password-assignment", "Walrus88Tundra"},
		{"tokens:\n  - Pq2Wo4Ei6Ru8Ty0Yt1AqZx3C\n  - Lk3Jh5Gf7Ds9Ap1Qw2ErTy4U\n", "generic-api-key", "Lk3Jh5Gf7Ds9Ap1Qw2ErTy4U"},
		{"passwords:\r\n  - Marmot55Glacier\r\n  - \"Otter77River\"\r\n", "password-assignment", "Otter77River"},
		{`var apiKeys = []string{"Gv5Hb7Nj9Mk1Lp3Oi6UyTr2E", "Ju7Ki9Lo1Pm3Nq5Br8CsXw4Z"}`, "generic-api-key", "Ju7Ki9Lo1Pm3Nq5Br8CsXw4Z"},
		{"secrets = [\n  \"Xk9Lm2Nb4Vc6Zx8As0QwEr5T\",\n  \"Tz3Wq7Er1Ty5Ui9Op2AsDf6G\",\n]\n", "generic-api-key", "Tz3Wq7Er1Ty5Ui9Op2AsDf6G"},
	})
	long := make([]string, maxListItems+1)
	for i := range long {
		long[i] = `"Falcon` + strings.Repeat("7", i+1) + `Orbit!"`
	}
	h11Quiet(t, []string{
		`tokens = ["(", ")", "if", "else"]`,
		"tokens:\n  - read\n  - write\n",
		`api_keys: []`,
		`passwords = [first, second]`,
		`keys = ["FirstName", "LastName", "EmailAddress"]`,
		"\t\tKey: []string{\n\t\t\t\"Red Hat CPE\",\n\t\t\t\"pam-1.5.1-21.el9_5.x86_64\",\n\t\t},",
		`keys := []string{"87c1b129fbadd7b6e9abc0a9ef7695436d767aece042bec198a97e949fcbe14c"}`,
		"secretVarNames := []string{\n\t\"SFP_ATLAS_URI\",\n\t\"SFP_ATLAS_PASSWORD\",\n}",
		`api_tokens = ["Zq8mVt3LpR7wKs2NbX4cY6dE", "see the vault"]`,
		"registryAuthTLSContext: []string{\n\t\"host=tcp://db:2376,ca=/home/admin/ca,key=/home/admin/key-file\",\n},",
		"secrets:\n  - name: db\n    valueFrom: vault\n",
		`api_keys = ["YOUR_API_KEY", "<api-key>"]`,
		`passwords = [` + strings.Join(long, ", ") + `]`, // a dictionary, not a set of credentials
	})
}
