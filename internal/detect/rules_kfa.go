package detect

// kfaTokens are prefixed credentials that the provider catalogue knew only beside the
// provider's bare name, found missing in Kingfisher's and trufflehog's examples.
var kfaTokens = []tk{
	// Teamwork (Projects, Desk, CRM, Spaces: one API token for all its products) issues
	// "tkn.v1_" with 71 letters and digits and one '='. The catalogue had it as a shape
	// to find beside the bare word "teamwork"; its products' names ("teamworkdesk token
	// = …") are not that word, and the prefix with its fixed length and padding is
	// distinctive enough alone. Same rule id as before.
	pfx("teamwork-api-key", "Teamwork", "tkn.v1_{a:71}="),
}
