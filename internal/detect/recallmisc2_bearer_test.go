package detect

import "testing"

// "Bearer %@" (or %s, {}) in a format string: the token is the literal argument passed
// for the placeholder; a variable there is no finding.
func TestBearerFormatArg(t *testing.T) {
	held5Want(t, []held5Case{
		{`[req setValue:[NSString stringWithFormat:@"Bearer %@", @"Qw7rT2yU9iO3pA5sD8fG1hJ4kL6zX0cV"] forHTTPHeaderField:@"Authorization"];`, "bearer-token", "Qw7rT2yU9iO3pA5sD8fG1hJ4kL6zX0cV"},
		{`headers = {"Authorization": "Bearer {}".format("Mn4bV7cX1zL9kJ2hG5fD8sA3pO6iU0yT")}`, "bearer-token", "Mn4bV7cX1zL9kJ2hG5fD8sA3pO6iU0yT"},
	})
	held5Quiet(t, []string{
		`[req setValue:[NSString stringWithFormat:@"Bearer %@", token] forHTTPHeaderField:@"Authorization"];`,
		`req.Header.Set("Authorization", fmt.Sprintf("Bearer %s", os.Getenv("TOKEN")))`,
		`log.Printf("Bearer %s", "not a token at all")`,
	}, "bearer-token", "generic-api-key")
}
