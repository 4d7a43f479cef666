package main

import (
	"testing"

	"github.com/leakwatch/leakwatch/internal/lab"
)

// TestMinIOWellKnownPortOnlyOnLocalhost: a lab MinIO on another loopback address never
// asks for the well-known port 9000, free or not: MinIO also listens on 127.0.0.1:9000
// and would share it with the MinIO there (the demo then found the open MinIO protected
// in half its runs).
func TestMinIOWellKnownPortOnlyOnLocalhost(t *testing.T) {
	if !lab.PortFree("127.0.0.2", 9000) {
		t.Skip("127.0.0.2:9000 is taken here")
	}
	for _, wk := range []bool{true, false} {
		if p := minioPort("127.0.0.2", wk); p != 0 {
			t.Errorf("MinIO on 127.0.0.2 (well-known ports %v) asks for port %d, want 0 (a free one)", wk, p)
		}
	}
}
