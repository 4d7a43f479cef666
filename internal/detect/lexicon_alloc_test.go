package detect

import "testing"

// Reading a name in ASCII against the lexicon allocates nothing: a log holds a key
// name at every match, and English names, which the lexicon mostly does not know, are
// the commonest (the joins of segments are looked up without building strings).
func TestLexNameASCIIAllocatesNothing(t *testing.T) {
	for _, key := range []string{"db_connection_timeout_ms", "userSessionCacheKey", "kata_sandi", "apischluessel", "chave_de_api", "request_id"} {
		var buf [12][]byte
		var text [maxKeyLen]byte
		segs := keySegments([]byte(key), buf[:0], text[:0])
		if len(segs) == 0 {
			t.Fatalf("%s: no segments", key)
		}
		lexName(segs) // (the table is built once, on first use)
		if n := testing.AllocsPerRun(50, func() { lexName(segs) }); n != 0 {
			t.Errorf("lexName(%q): %.0f allocations per call, want 0", key, n)
		}
	}
}
