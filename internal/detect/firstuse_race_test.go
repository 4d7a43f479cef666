package detect

import (
	"fmt"
	"sync"
	"testing"
)

// TestScanConcurrentFirstUse: scans started together on a fresh process's first text
// initialise what is built on first use at once — the phone plans and each region's
// quick test, the plans' compiled patterns, lazyre's expressions — and find what one
// scan after them finds (run alone with -race, so that no earlier test initialised
// them: go test -race -run TestScanConcurrentFirstUse ./internal/detect).
func TestScanConcurrentFirstUse(t *testing.T) {
	e := Default()
	var data []byte
	for i := 0; i < 40; i++ {
		data = fmt.Appendf(data, "Please call me at (415) %03d-%04d or +44 20 7946 %04d, Tel. 030 %08d.\n", 200+i, 1000+i*7, 100+i, 12345678+i*97)
		data = fmt.Appendf(data, "Rufen Sie 0171 %07d an; móvil 6%08d; 090-%04d-%04d\n", 1234567+i*13, 12345678+i, 1000+i, 2000+i)
	}
	data = append(data, "tunnel 0123456789abcdef0123456789abcdef and key 0x"+
		"4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318\n"...)
	counts := make([]int, 6)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for w := range counts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			e.Scan(data, func(Match) { counts[w]++ })
		}()
	}
	close(start)
	wg.Wait()
	want, phones := 0, 0
	e.Scan(data, func(m Match) {
		want++
		if m.Rule.ID == "phone-number" {
			phones++
		}
	})
	if phones == 0 {
		t.Fatal("no phone number found: the plans were not read")
	}
	for w, n := range counts {
		if n != want {
			t.Errorf("scan %d of the first ones found %d, a scan after them %d", w, n, want)
		}
	}
}
