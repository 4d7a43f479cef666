package mysql

import (
	"bytes"
	"testing"
)

// FuzzParseGreeting feeds arbitrary first bytes to the greeting parser: no panic, and
// whatever it accepts is a plausible MySQL greeting or ERR packet.
func FuzzParseGreeting(f *testing.F) {
	f.Add(packet(0, v10("8.0.36", mysql8Caps, "caching_sha2_password", 0)))
	f.Add(packet(0, v10("5.5.5-10.11.19-MariaDB-0+deb12u1", capSecureConnection|capPluginAuth, "mysql_native_password", 0x1d)))
	f.Add(packet(0, append([]byte{0xff, 0x6a, 0x04}, "Host 'x' is not allowed to connect"...)))
	f.Add(packet(0, append([]byte{9}, "3.20.32\x00\x01\x00\x00\x00scramble\x00"...)))
	f.Add([]byte("HTTP/1.1 200 OK\r\n"))
	f.Add([]byte{0xff, 0xff, 0xff, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		complete := packetComplete(data)
		g, err := ParseGreeting(data)
		if err != nil {
			return
		}
		if !complete {
			t.Fatal("parsed a greeting from an incomplete packet")
		}
		if g.Err == nil && (g.Version == "" || !plausibleVersion(g.Version)) {
			t.Fatalf("implausible version %q accepted", g.Version)
		}
		if g.Err != nil && g.Err.Code < 1000 {
			t.Fatalf("error code %d accepted", g.Err.Code)
		}
		if len(g.AuthPlugin) > 64 || bytes.IndexByte([]byte(g.AuthPlugin), 0) >= 0 {
			t.Fatalf("plugin %q", g.AuthPlugin)
		}
		_ = CleanVersion(g.Version)
		_ = g.Flavor()
	})
}

// FuzzConnectionHost: any table definition yields a bounded host or none.
func FuzzConnectionHost(f *testing.F) {
	f.Add("ENGINE=FEDERATED CONNECTION='mysql://u:p@h:3306/db/t'")
	f.Add("ENGINE=SPIDER COMMENT='host \"h\", port \"1\"'")
	f.Add("CONNECTION='a\\'b''c'")
	f.Fuzz(func(t *testing.T, def string) {
		if h := connectionHost(def); len(h) > 220 {
			t.Fatalf("host of %d bytes", len(h))
		}
	})
}
