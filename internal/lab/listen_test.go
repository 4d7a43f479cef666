package lab

import "testing"

func TestCheckListenHost(t *testing.T) {
	for _, h := range []string{"127.0.0.1", "127.9.8.7", "::1"} {
		if err := checkListenHost(h); err != nil {
			t.Errorf("%s: %v", h, err)
		}
	}
	for _, h := range []string{"10.0.0.1", "192.168.1.1", "example.com", ""} {
		if checkListenHost(h) == nil {
			t.Errorf("%s accepted", h)
		}
	}
	// Every address only where nothing but loopback exists.
	isolated := OnlyLoopback() == nil
	if err := checkListenHost("0.0.0.0"); (err == nil) != isolated {
		t.Errorf("0.0.0.0 with only loopback interfaces %v: %v", isolated, err)
	}
}
