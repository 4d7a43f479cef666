package detect

import (
	"sync"
	"testing"
)

func BenchmarkPhoneLibValid(b *testing.B) {
	vs := []string{"(416) 634-8127", "070-412 38 95", "0 (532) 417 28 93", "082 415 3927", "(123) 456-7890", "0803-41-27-789"}
	phoneLibRegions()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		phoneLibValid([]byte(vs[i%len(vs)]))
	}
}

func BenchmarkPhoneLibValidRef(b *testing.B) {
	vs := []string{"(416) 634-8127", "070-412 38 95", "0 (532) 417 28 93", "082 415 3927", "(123) 456-7890", "0803-41-27-789"}
	phoneLibRegions()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		phoneLibValidRef([]byte(vs[i%len(vs)]))
	}
}

func BenchmarkPhoneLibRegionsOnce(b *testing.B) {
	for i := 0; i < b.N; i++ {
		plOnce = sync.Once{}
		plRegions = nil
		phoneLibRegions()
	}
}
