package detect

import (
	"bytes"
	"encoding/base64"
)

// Proxmox VE API tokens: the "Authorization: PVEAPIToken=USER@REALM!TOKENID=UUID"
// header its API documents, and the table `pveum user token add` prints, whose "value"
// row under a "full-tokenid" row holds the token's secret (a UUID, shown once). A
// Proxmox Backup Server encryption key file ({"kdf": …, "data": "<base64>", …}): the
// "data" member of an object with a "kdf" member is the key itself when no KDF protects
// it, and the wrapped key otherwise; both are read as the secret. (docLayoutDet's
// readers.)

// uuidEnd is the end of a UUID (8-4-4-4-12 hexadecimal) starting at p, or -1.
func uuidEnd(data []byte, p int) int {
	groups := [5]int{8, 4, 4, 4, 12}
	q := p
	for gi, n := range groups {
		for i := 0; i < n; i++ {
			if q >= len(data) || !uuidHexDigit(data[q]) {
				return -1
			}
			q++
		}
		if gi < 4 {
			if q >= len(data) || data[q] != '-' {
				return -1
			}
			q++
		}
	}
	if q < len(data) && (uuidHexDigit(data[q]) || data[q] == '-') {
		return -1
	}
	return q
}

func uuidHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// pveHeader reads "PVEAPIToken=USER@REALM!TOKENID=UUID" (or with a blank for the
// first "=").
func (d *docLayoutDet) pveHeader(sc *scanner, _, end int) {
	data := sc.data
	if d.secret == nil || end >= len(data) || (data[end] != '=' && data[end] != ' ') {
		return
	}
	le := lineEndWithin(data, end, 300)
	p := end + 1
	at := bytes.IndexByte(data[p:le], '@')
	bang := bytes.IndexByte(data[p:le], '!')
	if at <= 0 || bang <= at {
		return
	}
	q := p + bang + 1
	for q < le && (asciiAlnum(data[q]) || data[q] == '-' || data[q] == '_' || data[q] == '.') {
		q++
	}
	if q >= le || (data[q] != '=' && data[q] != ':') || q == p+bang+1 {
		return
	}
	if e := uuidEnd(data, q+1); e > 0 {
		sc.emit(d.secret, q+1, e, string(data[q+1:e]))
	}
}

// pveTable reads the "value" row that follows a "full-tokenid" row in the table
// `pveum user token add` prints (within a few lines: a separator and an "info" row may
// come between).
func (d *docLayoutDet) pveTable(sc *scanner, _, end int) {
	data := sc.data
	if d.secret == nil {
		return
	}
	p := lineEndWithin(data, end, 400)
	for n := 0; n < 6 && p < len(data); n++ {
		ls := p + 1
		le := lineEndWithin(data, ls, 400)
		line := data[ls:le]
		// the row's first cell, after the table's border
		i := 0
		for i < len(line) && !asciiAlnum(line[i]) {
			i++
		}
		if bytes.HasPrefix(line[i:], []byte("value")) && i+5 < len(line) && !asciiAlnum(line[i+5]) {
			for j := ls + i + 5; j < le; j++ {
				if uuidHexDigit(data[j]) && !asciiAlnum(data[j-1]) {
					if e := uuidEnd(data, j); e > 0 {
						sc.emit(d.secret, j, e, string(data[j:e]))
						return
					}
				}
			}
			return
		}
		p = le
	}
}

// pbsKeyFile reads the "data" member of the object holding a "kdf" member: a Proxmox
// Backup Server key file. The member's value must be standard base64 of at least 32
// bytes.
func (d *docLayoutDet) pbsKeyFile(sc *scanner, at, end int) {
	data := sc.data
	if d.secret == nil {
		return
	}
	// the object around: from its "{" before the anchor to the "}" that closes it
	lo := max(0, at-300)
	ob := bytes.LastIndexByte(data[lo:at], '{')
	if ob < 0 {
		return
	}
	ob += lo
	hi := min(len(data), end+1200)
	cb, depth := -1, 0
	for i := end; i < hi && cb < 0; i++ {
		switch data[i] {
		case '{':
			depth++
		case '}':
			if depth == 0 {
				cb = i
			}
			depth--
		}
	}
	if cb < 0 {
		return
	}
	obj := data[ob:cb]
	k := bytes.Index(obj, []byte(`"data"`))
	if k < 0 {
		return
	}
	p := ob + k + 6
	for p < cb && (data[p] == ' ' || data[p] == ':' || data[p] == '\t' || data[p] == '\n' || data[p] == '\r') {
		p++
	}
	if p >= cb || data[p] != '"' {
		return
	}
	vs := p + 1
	ve := bytes.IndexByte(data[vs:cb], '"')
	if ve < 0 {
		return
	}
	ve += vs
	v := data[vs:ve]
	raw, err := base64.StdEncoding.DecodeString(string(v))
	if err != nil || len(raw) < 32 || classCount(v) < 3 {
		return
	}
	sc.emit(d.secret, vs, ve, string(v))
}
