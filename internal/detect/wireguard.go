package detect

import "bytes"

// wgKeyShape reports WireGuard's key encoding: the standard base64 of 32 bytes, 44
// characters with one '=' of padding; 32 bytes leave the last character before the
// padding with its two low bits zero (one of "AEIMQUYcgkosw048").
func wgKeyShape(v []byte) bool {
	if len(v) != 44 || v[43] != '=' || !b64Body(v[:43]) {
		return false
	}
	return bytes.IndexByte([]byte("AEIMQUYcgkosw048"), v[42]) >= 0
}

// wgDump reads the output of `wg show [IFACE|all] dump` (wg(8)): tab-separated lines,
// the interface's "[IFACE] PRIVATE-KEY PUBLIC-KEY LISTEN-PORT FWMARK" and each peer's
// "[IFACE] PUBLIC-KEY PRESHARED-KEY ENDPOINT ALLOWED-IPS HANDSHAKE RX TX KEEPALIVE"
// (the preshared key "(none)" when there is none). at is a hit of "=\t" on the line:
// the line is read once, from its first key.
func (d *held16Det) wgDump(sc *scanner, at, _ int) {
	data := sc.data
	ls := lineStartWithin(data, at, 512)
	le := lineEndWithin(data, at, 1024)
	var f [][2]int
	for p := ls; p <= le && len(f) < 10; {
		e := p
		for e < le && data[e] != '\t' {
			e++
		}
		f = append(f, [2]int{p, e})
		p = e + 1
	}
	first := -1
	for i, x := range f {
		if wgKeyShape(data[x[0]:x[1]]) {
			first = i
			break
		}
	}
	if first < 0 || first > 1 || f[first][1] != at+1 || first+2 >= len(f) {
		return // not this line's first key
	}
	k1, k2, next := f[first], f[first+1], data[f[first+2][0]:f[first+2][1]]
	switch {
	case wgKeyShape(data[k2[0]:k2[1]]) && allDigits(next) && len(next) <= 5 && first+3 < len(f):
		sc.emit(d.secret, k1[0], k1[1], string(data[k1[0]:k1[1]])) // the interface's private key
	case wgKeyShape(data[k2[0]:k2[1]]) && (string(next) == "(none)" || bytes.IndexByte(next, ':') > 0):
		sc.emit(d.secret, k2[0], k2[1], string(data[k2[0]:k2[1]])) // a peer's preshared key
	}
}

// wgPrinted reads a WireGuard key printed alone on the line after a command that
// prints a private or preshared key: "wg genkey", "wg genpsk", "wg show IFACE
// private-key" / "preshared-keys", or a cat of a private key's file. A command that
// pipes the key on to "wg pubkey" prints the public key: not read.
func (d *held16Det) wgPrinted(sc *scanner, at, p int) {
	data := sc.data
	ls := lineStartWithin(data, at, 512)
	le := lineEndWithin(data, at, 512)
	line := data[ls:le]
	if indexFold(line, "pubkey") >= 0 || indexFold(line, "public") >= 0 {
		return
	}
	if !containsFold(line, "genkey", "genpsk", "wg show", "cat ") {
		return // "wg set wg0 private-key FILE" prints nothing
	}
	q := le + 1
	for n := 0; n < 8 && q < len(data); n++ {
		e := lineEndWithin(data, q, 512)
		w := bytes.TrimRight(data[q:e], "\r")
		// "wg show IFACE preshared-keys" prints "PEER-PUBLIC-KEY<tab>PSK" lines
		if t := bytes.IndexByte(w, '\t'); t >= 0 && wgKeyShape(w[:t]) {
			if k := bytes.TrimSpace(w[t+1:]); wgKeyShape(k) {
				ks := q + t + 1 + bytes.Index(w[t+1:], k)
				sc.emit(d.secret, ks, ks+44, string(k))
			}
			q = e + 1
			continue
		}
		if k := bytes.TrimSpace(w); wgKeyShape(k) && n == 0 {
			ks := q + bytes.Index(w, k)
			sc.emit(d.secret, ks, ks+44, string(k))
		}
		break
	}
}

// wgNamed reads a WireGuard key after the word that names it, parted by blanks and
// perhaps quoted ("private-key 'KEY'", "option preshared_key 'KEY'", a config.boot's
// "private-key KEY"); with no key there, a command line that prints keys (wgPrinted).
func (d *held16Det) wgNamed(sc *scanner, at, p int) {
	data := sc.data
	if p < len(data) && data[p] == 's' {
		p++ // "preshared-keys"
	}
	q := skipSpaces(data, p)
	if q > p && q < len(data) {
		quote := byte(0)
		if data[q] == '\'' || data[q] == '"' {
			quote = data[q]
			q++
		}
		if q+44 <= len(data) && wgKeyShape(data[q:q+44]) {
			e := q + 44
			if quote != 0 && (e >= len(data) || data[e] != quote) {
				return
			}
			if quote == 0 && e < len(data) && data[e] != ' ' && data[e] != '\t' && data[e] != '\n' && data[e] != '\r' && data[e] != ';' {
				return
			}
			sc.emit(d.secret, q, q+44, string(data[q:q+44]))
			return
		}
	}
	d.wgPrinted(sc, at, p)
}
