package detect

import "bytes"

// sasFieldsOK checks the other fields of the query string that holds an Azure SAS
// signature at data[i] ("sig=…"), as the tokenDet's start test (tk.left): Azure writes
// them itself, so a permission letter it does not define ("sp=rqx") or an address that
// is no IPv4 address or range ("sip=168.1.6") marks a string typed by hand, not a
// signature Azure issued. Fields it does not know it leaves alone.
func sasFieldsOK(data []byte, i int) bool {
	lo := i
	for lo > 0 && i-lo < 2048 && sasQueryByte(data[lo-1]) {
		lo--
	}
	hi := i
	for hi < len(data) && hi-i < 2048 && sasQueryByte(data[hi]) {
		hi++
	}
	for _, f := range bytes.Split(data[lo:hi], []byte("&")) {
		k, v, ok := bytes.Cut(f, []byte("="))
		if !ok {
			continue
		}
		if j := bytes.LastIndexAny(k, "?&;"); j >= 0 {
			k = k[j+1:]
		}
		// "AZURE_SAS=sp=r…": the query began inside another assignment's value
		for j := bytes.IndexByte(v, '='); j > 0 && run(v, 0, cWord, j) == j; j = bytes.IndexByte(v, '=') {
			k, v = v[:j], v[j+1:]
		}
		switch string(k) {
		case "sp":
			// blob, file, queue, table and account permissions (Azure's "Create a
			// service SAS" and "Create an account SAS")
			if len(v) == 0 {
				return false
			}
			for _, c := range v {
				if bytes.IndexByte([]byte("racwdxyltfmeopiu"), c) < 0 {
					return false
				}
			}
		case "sip":
			a, b, rng := bytes.Cut(bytes.ReplaceAll(v, []byte("%2D"), []byte("-")), []byte("-"))
			if !ipv4Dotted(a) || rng && !ipv4Dotted(b) {
				return false
			}
		}
	}
	return true
}

func sasQueryByte(c byte) bool {
	return c > ' ' && c < 0x7f && c != '"' && c != '\'' && c != '`' && c != '<' && c != '>'
}

// ipv4Dotted reports four decimal numbers of at most 255 joined by dots.
func ipv4Dotted(s []byte) bool {
	parts := bytes.Split(s, []byte("."))
	if len(parts) != 4 {
		return false
	}
	for _, p := range parts {
		if len(p) == 0 || len(p) > 3 {
			return false
		}
		n := 0
		for _, c := range p {
			if !isDigit(c) {
				return false
			}
			n = n*10 + int(c-'0')
		}
		if n > 255 {
			return false
		}
	}
	return true
}
