package detect

import (
	"fmt"
	"strings"
	"testing"
)

// phpSer writes PHP's serialized string token; esc escapes its quotes as an SQL dump or
// a JSON string does.
func phpSer(v string, esc bool) string {
	s := fmt.Sprintf("s:%d:%q;", len(v), v)
	if esc {
		s = strings.ReplaceAll(s, `"`, `\"`)
	}
	return s
}

// PHP-serialized pairs — a session's name|s:N:"…"; and serialize()'s s:N:"name";s:N:"…";
// — are read as the name's assignment, with both tokens' lengths checked: a Redis
// value, a Memcached reply, an SQL dump's cell.
func TestStruct41PHPSerialized(t *testing.T) {
	tok := "Wm8Rz3Kq7Lt2Vx9Nb4Hc6Fj1Gd5Ps0Ya3Ue"
	hex := "7e3a9c1f5d2b8e4a06c9f1d3b7a5e28c"
	held5Want(t, []held5Case{
		// a Redis session whose first pair opens the quoted value
		{`127.0.0.1:6379> GET "PHPREDIS_SESSION:c41e"` + "\n\"refresh_token|" + phpSer(tok, true) + `uid|i:9;"`,
			"generic-api-key", tok},
		// a Memcached reply holding a session
		{"VALUE sess_77ab 0 64\r\nlogin|b:1;api_token|" + phpSer(hex, false) + "\r\nEND\r\n", "generic-api-key", hex},
		// serialize()'s array in an SQL dump's cell
		{"INSERT INTO `options` VALUES (7,'gateway','a:2:{" + phpSer("api_token", true) + phpSer(hex, true) +
			phpSer("mode", true) + phpSer("live", true) + "}');", "generic-api-key", hex},
		// an object's property
		{`O:8:"stdClass":1:{` + phpSer("aws_secret_access_key", false) + phpSer("Jq4Xv8Kz2Rm7Tn5Wb9Lc3Hd6Fy1Gs0Pa7Ue3Ki2w", false) + "}",
			"aws-secret-access-key", "Jq4Xv8Kz2Rm7Tn5Wb9Lc3Hd6Fy1Gs0Pa7Ue3Ki2w"},
	})
	bad := strings.Replace(phpSer(tok, false), fmt.Sprint(len(tok)), fmt.Sprint(len(tok)-2), 1)
	h11Quiet(t, []string{
		// a length that is not the value's
		"a:1:{" + phpSer("api_token", false) + bad + "}",
		"\"refresh_token|" + strings.Replace(phpSer(hex, false), "32", "31", 1) + "\"",
		// a key token whose length is not the name's
		`a:1:{s:8:"api_token";` + phpSer(hex, false) + "}",
		// a setting, not a secret
		"a:1:{" + phpSer("api_token", false) + phpSer("disabled", false) + "}",
	})
	for _, c := range []struct {
		in     string
		wantOK bool
		want   string
	}{
		{`x|s:3:"abc";`, true, "abc"},
		{`;x|s:3:\"abc\";`, true, "abc"},
		{`s:1:"x";s:3:"abc";`, true, "abc"},
		{`s:1:\"x\";s:3:\"abc\";`, true, "abc"},
		{`s:2:"x";s:3:"abc";`, false, ""},
		{`s:1:"x";s:4:"abc";`, false, ""},
		{`s:1:"x";i:3;`, false, ""},
		{`s:1:"x";s:3:"abc"`, false, ""},
		{`=x|s:3:"abc";`, false, ""},
	} {
		data := []byte(c.in)
		ks := strings.IndexByte(c.in, 'x')
		a, ok := phpSerialPair(data, ks, ks+1)
		if ok != c.wantOK || ok && string(data[a.valStart:a.valEnd]) != c.want {
			t.Errorf("phpSerialPair(%q) = %v %q, want %v %q", c.in, ok, data[a.valStart:a.valEnd], c.wantOK, c.want)
		}
	}
}
