package detect

import "testing"

// R assigns with "<-" and "<<-" (ripsecrets' random-string matcher reads them as it
// reads "=" and ":="): a generated value under a secret's name so assigned is found;
// the arrows that are no assignment ("<--", "<->", "a < -1"), and R code that reads a
// secret from elsewhere, give nothing.
func TestRAssignArrow(t *testing.T) {
	v := "2Tm6cdsRVBTL9hRCmR6MRDTpMLFS4I"
	e := Default()
	found := func(line string) bool {
		hit := false
		e.Scan([]byte(line+"\n"), func(m Match) {
			if string([]byte(line + "\n")[m.Start:m.End]) == v {
				hit = true
			}
		})
		return hit
	}
	for _, l := range []string{
		`secret_key <- "` + v + `"`,
		`api_token <- '` + v + `'`,
		`SECRET_TOKEN<-` + v,
		`access_token <<- "` + v + `"`,
	} {
		if !found(l) {
			t.Errorf("%s: not found", l)
		}
	}
	for _, l := range []string{
		`secret_key <-- "` + v + `"`,
		`api_token <-> "` + v + `"`,
		`api_token < "` + v + `"`,
		`api_key <- Sys.getenv("API_KEY")`,
	} {
		if found(l) {
			t.Errorf("%s: found", l)
		}
	}
}
