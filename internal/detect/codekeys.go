package detect

import "bytes"

// Codes that open something: a PIN ("ADMIN_PIN", "userPin", "sim_pin", "pin_code") and
// an access code ("accessCode", "door_code", "gate-code", "alarmcode") are passwords a
// person types on a keypad or a web panel, kept under names that say neither password
// nor secret. They are judged as passwords (passwordKey), with a value test of their
// own (codeCredValue): a code has digits, and a hardware pin's number ("LED_PIN = 13")
// or a certificate pin ("pin-sha256") is no code.

// codeAnchors wake the password rule on those names. "pin" alone is no anchor (it is in
// "mapping", "spinner", "shipping", and a table's "PIN" column numbers users): the word
// must be joined to another.
var codeAnchors = []string{"_pin", "-pin", ".pin", "pin_", "pin-", "adminpin", "userpin", "simpin", "masterpin", "loginpin",
	"accesscode", "access_code", "access-code", "doorcode", "door_code", "door-code", "entrycode", "entry_code",
	"gatecode", "gate_code", "gate-code", "alarmcode", "alarm_code", "unlockcode", "unlock_code", "keypadcode", "keypad_code",
	"pincode", "lockcode", "lock_code",
	// a wireless network's key under its own words (wifiKey)
	"wifi", "wlan"}

// codeOwners are the words before "code" that make it a code that opens something.
var codeOwners = map[string]bool{"access": true, "door": true, "entry": true, "gate": true, "alarm": true, "unlock": true,
	"keypad": true, "lock": true, "pin": true}

// gluedCodeNames are those names written as one word.
var gluedCodeNames = map[string]bool{"accesscode": true, "doorcode": true, "entrycode": true, "gatecode": true, "alarmcode": true,
	"unlockcode": true, "keypadcode": true, "lockcode": true, "pincode": true, "adminpin": true, "userpin": true,
	"simpin": true, "masterpin": true, "loginpin": true}

// notCodePin are words before "pin" that name a hardware pin, a pinned certificate or
// a pinned version rather than a PIN.
var notCodePin = map[string]bool{"gpio": true, "led": true, "reset": true, "rst": true, "cs": true, "ce": true, "irq": true,
	"int": true, "interrupt": true, "data": true, "clk": true, "clock": true, "sck": true, "sda": true, "scl": true, "rx": true,
	"tx": true, "pwm": true, "button": true, "btn": true, "relay": true, "sensor": true, "output": true, "out": true,
	"input": true, "in": true, "power": true, "enable": true, "en": true, "trigger": true, "echo": true, "dc": true,
	"busy": true, "mosi": true, "miso": true, "ss": true, "analog": true, "digital": true, "signal": true, "select": true,
	"chip": true, "io": true, "pin": true, "servo": true, "motor": true, "buzzer": true, "switch": true, "wake": true,
	"cert": true, "certificate": true, "ssl": true, "tls": true, "public": true, "pub": true, "key": true, "hash": true,
	"spki": true, "sha256": true, "sha1": true, "hpkp": true, "version": true, "dep": true, "dependency": true, "package": true}

// codeCredKey reports a key whose last words name a PIN or an access code.
func codeCredKey(segs [][]byte) bool {
	n := len(segs)
	if n == 0 {
		return false
	}
	last := string(segs[n-1])
	if gluedCodeNames[last] {
		return n == 1 || !notCodePin[string(segs[n-2])]
	}
	if n < 2 {
		return false
	}
	prev := string(segs[n-2])
	switch last {
	case "pin":
		// a word of two letters before it is a signal's or a device's abbreviation
		// more often than whose code it is ("cs_pin", "en_pin", hostapd's WPS "ap_pin")
		return len(prev) >= 3 && !notCodePin[prev] && !notSecretWords[prev]
	case "code", "number":
		if prev == "pin" {
			return n == 2 || !notCodePin[string(segs[n-3])]
		}
		return last == "code" && codeOwners[prev]
	}
	return false
}

// codeCredKeyBytes is codeCredKey on a raw key.
func codeCredKeyBytes(key []byte) bool {
	if len(key) > maxKeyLen {
		return false
	}
	var buf [12][]byte
	var text [maxKeyLen]byte
	return codeCredKey(keySegments(key, buf[:0], text[:0]))
}

// codeCredValue is what a code's value must be: four to 32 characters with no blank,
// a digit among them, not a version ("1.2.3"), not a pin's digest ("sha256/…"), not an
// escape ("\U0001f9f7") or a hexadecimal literal ("0x10L"), and not a bare number set
// by code's spaced '=' ("const IDC_PIN = 32671", a resource's or a flag's number): a
// code's digits are quoted there, or written as a setting ("pin: 4471", "PIN=4471").
func codeCredValue(a *assignment, v []byte) bool {
	if len(v) < 4 || len(v) > 32 || bytes.ContainsAny(v, " \t/\\") || !bytes.ContainsAny(v, "0123456789") {
		return false
	}
	if v[0] == '0' && (v[1] == 'x' || v[1] == 'X') {
		return false
	}
	if a.quote == 0 && a.spacedSep && !a.colonSep && run(v, 0, cDigit, len(v)) == len(v) {
		return false
	}
	if run(v, 0, cDigit|cDot, len(v)) == len(v) && bytes.IndexByte(v, '.') >= 0 {
		return false // a version
	}
	return true
}

// lastSaysSecret reports a key whose last word is "secret" or "password": a word two
// or more places before it ("public_user_secret") qualifies what the secret opens, not
// the secret.
func lastSaysSecret(segs [][]byte) bool {
	l := string(segs[len(segs)-1])
	return l == "secret" || l == "password"
}

// wifiWords name a wireless network.
var wifiWords = map[string]bool{"wifi": true, "wlan": true, "wpa": true, "wpa2": true, "wpa3": true, "wireless": true}

// wifiKey reports a wireless network's key — "wifi_key", "WLAN_KEY", "clave_wifi",
// "wlan_schluessel", "chave_wifi": a network word beside a word for key (in any language
// the lexicon knows). It is the passphrase people type to join, judged as a password.
func wifiKey(segs [][]byte) bool {
	n := len(segs)
	if n < 2 || n > 4 {
		return false
	}
	if keyWord(segs[n-1]) {
		for _, s := range segs[:n-1] {
			if wifiWords[string(s)] {
				return true // "wifi_key", "wlan_schluessel", "home_wifi_key"
			}
		}
		return false
	}
	return n == 2 && wifiWords[string(segs[1])] && keyWord(segs[0]) // "clave_wifi"
}

// keyWord reports a word for key: English "key" or the lexicon's words for it.
func keyWord(s []byte) bool {
	if string(s) == "key" {
		return true
	}
	k, _, _ := lexLookup([][]byte{s})
	return k == lexKey
}
