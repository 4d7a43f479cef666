package detect

import "testing"

// Declarations that name a type between a variable and its value: Visual Basic's
// "As TYPE" and Dhall's ": Text". The value is read as it is after "=" alone.
func TestTypedDeclarations(t *testing.T) {
	held5Want(t, []held5Case{
		{`Public Const REST_KEY As String = "t6qO9zlJM8ff0KJ1hcPboKIsQNqLc_l_QjeKs7RE"`, "generic-api-key", "t6qO9zlJM8ff0KJ1hcPboKIsQNqLc_l_QjeKs7RE"},
		{`Dim apiKey As String = "Zx81kQp0LmT4vW9rYb2NcD5eHs7JuA3j"`, "generic-api-key", "Zx81kQp0LmT4vW9rYb2NcD5eHs7JuA3j"},
		{`Public Const API_TOKEN As String = "5139717b3ff37e341cb7cdac3160878ac9063437"`, "generic-api-key", "5139717b3ff37e341cb7cdac3160878ac9063437"},
		{`let apiKey : Text = "nRHzxR17uNkIp4B8MRS_I9U-afnKsDVdGg5NOdxw"`, "generic-api-key", "nRHzxR17uNkIp4B8MRS_I9U-afnKsDVdGg5NOdxw"},
		{`let apiKey : Text = "64d92b75c476c468925bf78cf5744967"`, "generic-api-key", "64d92b75c476c468925bf78cf5744967"},
	})
	h11Quiet(t, []string{
		`Dim apiKey As String = GetSetting("app", "auth", "key")`,
		`let apiKey : Text = env:API_KEY as Text`,
		`Public Const API_TOKEN As Integer = 42`,
	})
}
