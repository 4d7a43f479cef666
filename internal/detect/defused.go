package detect

import (
	"encoding/asn1"
	"encoding/base64"
	"math/big"
)

// defusedRSA reports an RSA private key (PKCS#1 "RSA PRIVATE KEY" or PKCS#8 "PRIVATE
// KEY") whose body is well-formed DER but whose own numbers disagree: p·q ≠ n. A key a
// program generated, leaked whole, always agrees with itself; one whose digits were
// changed so that it could be published in a test or a README does not. A body that is
// not DER at all (cut short, or random base64 in a template) is not judged here: a
// truncated key still leaks most of one.
// scratch is reused for the decoding, so that keys scanned one after another do not
// each allocate their body twice.
func defusedRSA(label string, body []byte, scratch *[]byte) bool {
	if label != "RSA PRIVATE KEY" && label != "PRIVATE KEY" {
		return false
	}
	der := pemDER(body, scratch)
	if der == nil {
		return false
	}
	if label == "PRIVATE KEY" {
		var p8 struct {
			Version int
			Algo    struct {
				Algorithm asn1.ObjectIdentifier
				Params    asn1.RawValue `asn1:"optional"`
			}
			PrivateKey []byte
		}
		if rest, err := asn1.Unmarshal(der, &p8); err != nil || len(rest) != 0 || !p8.Algo.Algorithm.Equal(oidRSA) {
			return false
		}
		der = p8.PrivateKey
	}
	var k struct {
		Version               int
		N                     *big.Int
		E                     int
		D, P, Q, Dp, Dq, Qinv *big.Int
		Other                 asn1.RawValue `asn1:"optional"`
	}
	if rest, err := asn1.Unmarshal(der, &k); err != nil || len(rest) != 0 {
		return false
	}
	if k.N == nil || k.P == nil || k.Q == nil || k.N.Sign() <= 0 || k.P.Sign() <= 0 || k.Q.Sign() <= 0 {
		return false
	}
	if k.Version != 0 || len(k.Other.FullBytes) > 0 {
		return false // a multi-prime key: n is the product of more than p and q
	}
	return new(big.Int).Mul(k.P, k.Q).Cmp(k.N) != 0
}

var oidRSA = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}

// pemDER decodes a PEM body, its line breaks real or written as escapes, or returns nil.
// The result lies in *scratch, which it grows as needed.
func pemDER(body []byte, scratch *[]byte) []byte {
	need := len(body) + base64.StdEncoding.DecodedLen(len(body))
	if cap(*scratch) < need {
		*scratch = make([]byte, need)
	}
	buf := (*scratch)[:need]
	clean := buf[:0:len(body)] // the base64 alone: never longer than the body
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c == '\\':
			for i+1 < len(body) && body[i+1] == '\\' {
				i++
			}
			if i+1 < len(body) && (body[i+1] == 'n' || body[i+1] == 'r') {
				i++
			}
		case is(c, cB64) || c == '=':
			clean = append(clean, c)
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		default:
			return nil // a header line ("Proc-Type: …") or a mark: not a plain key body
		}
	}
	der := buf[len(body) : len(body)+base64.StdEncoding.DecodedLen(len(clean))]
	n, err := base64.StdEncoding.Decode(der, clean)
	if err != nil {
		return nil
	}
	return der[:n]
}
