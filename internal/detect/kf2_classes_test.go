package detect

import "testing"

// TestKf2Classes: classes found by sorting Kingfisher's and Trivy's half A misses by
// provider, each beside a control. Every string is written here.
func TestKf2Classes(t *testing.T) {
	e := Default()
	const azHead = "CytzTGvE5ZrcdZ3wEQQL4RTPTN52DZeocgWf1RfyMuLTLa21e2tw"
	for _, c := range []struct {
		class, text, rule, value string
	}{
		// a provider whose key the catalogue spells as 36 letters, digits and dashes
		// issues UUIDs: the UUID beside its name is its key
		{"graphhopper key, a UUID", "GRAPHHOPPER_API_KEY=28abc70e-91ef-4a4c-ac66-5284cb0f0758", "graphhopper-api-key", "28abc70e-91ef-4a4c-ac66-5284cb0f0758"},
		{"urlscan key, a UUID", `urlscan_key: "6926f223-d39f-4cec-9004-01863fae3b31"`, "urlscan-api-key", "6926f223-d39f-4cec-9004-01863fae3b31"},
		{"a UUID under an id key is no key", "graphhopper_vehicle_id = 41340ee7-4d7c-4af3-9f7b-606ecdd74316", "", ""},
		{"a UUID beside a provider whose key is hex", "cloudsmith_key=c01c0eec-b0ab-4a9a-afef-34d1fd6322b2", "!cloudsmith-api-key", ""},
		// the words that call the value a secret, glued to the name, and a dash before it
		{"name, SECRET, dash", "cloudplanSECRET-HSPIKRKMUDIGU5M53HS6P3BAK5DKWQSJ", "cloudplan-api-key", "HSPIKRKMUDIGU5M53HS6P3BAK5DKWQSJ"},
		{"name, dash, access key, dash", "cloudplan-access-key-7ERUWHHVHHGTO6NEVSUYCEVJGDFR9N7O", "cloudplan-api-key", "7ERUWHHVHHGTO6NEVSUYCEVJGDFR9N7O"},
		{"name, KEY, dash, UUID", "holidayapiKEY-28abc70e-91ef-4a4c-ac66-5284cb0f0758", "holidayapi-api-key", "28abc70e-91ef-4a4c-ac66-5284cb0f0758"},
		{"name, secret, dash, own grouping", "apifonica-secret-swpoamuwnd9-k697-9dc6-goel-su07647ngi6e", "apifonica-api-key", "swpoamuwnd9-k697-9dc6-goel-su07647ngi6e"},
		{"lower-case label words in a shape that holds dashes", "urlscan-secret-access-key-6926f223-d39f-4cec-9004-01863fae3b31", "urlscan-api-key", "6926f223-d39f-4cec-9004-01863fae3b31"},
		{"a resource name before the dash is no key word", "cloudplan-prod-HSPIKRKMUDIGU5M53HS6P3BAK5DKWQSJ", "", ""},
		{"name and dash alone", "cloudplan-HSPIKRKMUDIGU5M53HS6P3BAK5DKWQSJ", "", ""},
		// MaxMind's 2023 license keys end in "_mmk"
		{"maxmind license key, no name", "GEOIP_KEY=zpq8UP_ktsn3NKi3YqHh7wkMz_0OmdOpEQUj_mmk", "maxmind-license-key-v2", "zpq8UP_ktsn3NKi3YqHh7wkMz_0OmdOpEQUj_mmk"},
		{"maxmind suffix on a short name", "remove the cache_dir_mmk file", "", ""},
		// Azure's 84-character identifiable keys name their service near the end
		{"azure AI services key", "AZURE_AI_KEY=" + azHead + "JQQJ992KYXUo3UUhAqoHSDNtACOGfyhN", "azure-identifiable-key-84", azHead + "JQQJ992KYXUo3UUhAqoHSDNtACOGfyhN"},
		{"azure devops PAT keeps its rule", "AZURE_DEVOPS_EXT_PAT=" + azHead + "JQQJ992KYXUo3UUhAqoHSDNtAZDOfyhN", "azure-devops-pat-identifiable", azHead + "JQQJ992KYXUo3UUhAqoHSDNtAZDOfyhN"},
		{"signature too early", "AZURE_AI_KEY=" + azHead[:40] + "JQQJ992KYXUo3UUhAqoHSDNtACOGfyhN", "!azure-identifiable-key-84", ""},
	} {
		checkClassCase(t, e, c.class, c.text, c.rule, c.value)
	}
}
