package postgres

import (
	"bytes"
	"testing"
)

// FuzzReadStartupReply feeds arbitrary server bytes to the startup-exchange parser: it
// must never panic, never claim a login without AuthenticationOk, and stay within its
// bounds.
func FuzzReadStartupReply(f *testing.F) {
	f.Add(bytes.Join([][]byte{msg('R', i32(0)), msg('S', cstr("server_version", "15.18")), msg('K', i32(1), i32(2)), msg('Z', []byte{'I'})}, nil))
	f.Add(msg('R', i32(10), cstr("SCRAM-SHA-256", "")))
	f.Add(msg('R', i32(5), []byte{1, 2, 3, 4}))
	f.Add(msg('E', errorBody("S", "FATAL", "V", "FATAL", "C", "28000", "M", "no pg_hba.conf entry", "R", "ClientAuthentication")))
	f.Add(msg('v', i32(2), i32(0)))
	f.Add([]byte{'R', 0x7f, 0xff, 0xff, 0xff})
	f.Add([]byte("SSH-2.0-OpenSSH_9.2\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		hs, err := readStartupReply(bytes.NewReader(data))
		if hs == nil {
			if err == nil {
				t.Fatal("nil handshake without an error")
			}
			return
		}
		if hs.Ready && hs.AuthCode != authOK {
			t.Fatalf("ready without AuthenticationOk: %+v", hs)
		}
		if len(hs.Params) > 64 {
			t.Fatalf("%d params kept", len(hs.Params))
		}
		_ = hs.method()
	})
}

// FuzzParseErrorFields: any bytes, no panic; a result always carries a 5-character code.
func FuzzParseErrorFields(f *testing.F) {
	f.Add(errorBody("S", "FATAL", "C", "28P01", "M", "password authentication failed"))
	f.Add([]byte{'C', '2', 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := parseErrorFields(data)
		if err == nil && len(e.Code) != 5 {
			t.Fatalf("code %q accepted", e.Code)
		}
	})
}

// FuzzStatusCap: whatever the server sends and however reads cut it, the cap passes the
// bytes through unchanged until it refuses, never counts more ParameterStatus bytes than
// it read, and never panics.
func FuzzStatusCap(f *testing.F) {
	f.Add(bytes.Join([][]byte{msg('R', i32(0)), msg('S', cstr("server_version", "15.18")), msg('Z', []byte{'I'})}, nil), uint8(1))
	f.Add(bytes.Join([][]byte{msg('D', []byte("row")), msg('S', cstr("a", "b")), msg('S', cstr("c", "d"))}, nil), uint8(3))
	f.Add([]byte{'S', 0, 0, 0, 0, 'S', 0xff, 0xff, 0xff, 0xff}, uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, chunk uint8) {
		s := &statusCap{r: &chunked{b: data, n: int(chunk%16) + 1}, max: 64}
		var got []byte
		buf := make([]byte, 7)
		for {
			n, err := s.Read(buf)
			got = append(got, buf[:n]...)
			if err != nil {
				break
			}
		}
		if !bytes.HasPrefix(data, got) {
			t.Fatalf("passed %q of %q", got, data)
		}
		if s.status > int64(len(data)) {
			t.Fatalf("counted %d status bytes of %d read", s.status, len(data))
		}
	})
}
