package detect

import "bytes"

// Gates of stop 41 (recur41): classes of misses seen in many tuning splits, written
// as mechanisms.

// keySizeHex reports hex of a symmetric key's length — 32, 48 or 64 digits, the
// 128, 192 and 256 bits of AES, of a device's or a network's key, of a MAC key — in one
// case, letters and digits both, spread as random hex spreads: many distinct digits,
// no digit run of four or more (padding, masks, "0000…" placeholders).
//
// Under namedKey's strict names ("<word>_key", "DeviceKey") such a value is the thing's
// key: the owners whose keys are digests and ids (cache, hash, object, …) are left out
// of those names by ownerKeyWords, and a table of such values under keyed names is a
// column of digests (hexColumn: namedHexColumnRow).
func keySizeHex(v []byte) bool {
	switch len(v) {
	case 32, 48, 64:
	default:
		return false
	}
	if !allHex(v) || classCount(v) != 2 || bytes.ContainsAny(v, "abcdef") && bytes.ContainsAny(v, "ABCDEF") {
		return false
	}
	var seen [128]bool
	distinct, rep, step, dir := 0, 1, 1, 0
	for i, c := range v {
		if !seen[c] {
			seen[c] = true
			distinct++
		}
		if i > 0 && c == v[i-1] {
			if rep++; rep >= 4 {
				return false
			}
		} else {
			rep = 1
		}
		if d := hexVal(c) - hexVal(v[max(i, 1)-1]); i > 0 && (d == 1 || d == -1) {
			if d != dir {
				step, dir = 1, d
			}
			if step++; step >= 5 {
				return false // "0123456789abcdef…", "fedcba98…": typed, not drawn
			}
		} else {
			step, dir = 1, 0
		}
	}
	return distinct >= 11 && !isPlaceholder(v)
}

// hexVal is a hex digit's value.
func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -100
}

// namedHexColumnRow reports a key-sized hex value (keySizeHex) under namedKey's strict
// names that stands in a column of hex words of its length (hexColumn): a table of
// digests keyed by names, as hexColumnRow is for shorter hex.
func namedHexColumnRow(data []byte, a *assignment, key, v []byte) bool {
	return a.valEnd <= len(data) && keySizeHex(v) && namedKeyBytes(key) && !namedKeyValue(v) &&
		hexColumn(data, a.valStart, a.valEnd)
}

// multiKeyName reports a name of three words or more whose last is "key"
// ("agentEnrollKey", "mesh_network_key"), none of which names an owner whose keys are
// digests or ids (ownerKeyWords, but a key slot's), a provider (its rules know its
// keys), or anything notSecretTail or saysNotSecret refuses. namedKey takes two words
// alone; under a longer name the generic rule takes a key-sized random hex value and
// nothing else (secretAssign), the shape a key of a device, a mesh or an agent's
// enrolment has and a word, a path or an id has not.
func multiKeyName(segs [][]byte) bool {
	n := len(segs)
	if n < 3 || string(segs[n-1]) != "key" || saysNotSecret(segs) {
		return false
	}
	for _, w := range segs[:n-1] {
		if len(w) < 2 || ownerKeyWords[string(w)] && !keySlotWords[string(w)] || notSecretTail[string(w)] || providerWord(w) {
			return false
		}
		for _, c := range w {
			if !is(c, cLower) {
				return false
			}
		}
	}
	return true
}

// genericKVKey is the generic-api-key rule's key test: genericKey's names, and
// multiKeyName's for a key-sized hex value alone (secretAssign).
func genericKVKey(segs [][]byte) bool {
	return genericKey(segs) || multiKeyName(segs)
}

// onlyMultiKey reports a raw key that genericKVKey takes by multiKeyName alone.
func onlyMultiKey(key []byte) bool {
	if len(key) > maxKeyLen {
		return false
	}
	var segBuf [12][]byte
	var text [maxKeyLen]byte
	segs := keySegments(bytes.Trim(key, `"'`), segBuf[:0], text[:0])
	return multiKeyName(segs) && !genericKey(segs)
}
