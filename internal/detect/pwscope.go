package detect

import "bytes"

// scopedPasswordKey accepts a key whose password word is followed by what the password
// is for, not by an attribute of it: "password_db", "passwordProd", "senha_banco",
// "contraseña_de_la_bd", "пароль_бд", "wachtwoord_admin". Languages that put the
// owner after the noun (Romance, Slavic, Dutch, Polish…) name their keys this way, and
// English keys do too when a list of them is sorted by the word. The words after the
// password word must all be scope words (a database, an environment, a role, a
// protocol) or prepositions, so "password_hash", "password_policy",
// "password_length" or "password_server" stay out.
func scopedPasswordKey(segs [][]byte) bool {
	if len(segs) < 2 || len(segs) > 6 {
		return false
	}
	head := -1
	for i := len(segs) - 2; i >= 0 && i >= len(segs)-5; i-- {
		if scopedHead(segs[i]) || string(segs[i]) == "passe" && i >= 2 && string(segs[i-1]) == "de" && string(segs[i-2]) == "mot" {
			head = i
			break
		}
	}
	if head < 0 {
		return false
	}
	scope := false
	for _, s := range segs[head+1:] {
		switch {
		case passwordScopes[string(s)]:
			scope = true
		case scopePrepositions[string(s)]:
		default:
			return false
		}
	}
	return scope
}

// scopedHead reports a password word that names nothing else: the short and ambiguous
// ones ("pass", "pw", "pwd", "psk", "passe", "parola") are left out.
func scopedHead(s []byte) bool {
	switch string(s) {
	case "pass", "pw", "pwd", "psk", "passe", "parola", "pswd", "pword", "passw":
		return false
	}
	return passwordWords[string(s)] || lexPasswordKey([][]byte{s})
}

// passwordScopes are what a password opens: a database, an environment, a role, a
// protocol or service, or which of two passwords it is.
var passwordScopes = map[string]bool{
	"db": true, "database": true, "bd": true, "bdd": true, "banco": true, "datenbank": true, "baza": true, "bazy": true,
	"bazie": true, "dbase": true, "base": true, "databas": true, "tietokanta": true, "veritabani": true,
	"prod": true, "production": true, "prd": true, "dev": true, "development": true, "stage": true, "staging": true,
	"uat": true, "preprod": true, "produccion": true, "producao": true,
	"admin": true, "administrator": true, "root": true, "superuser": true, "sa": true, "user": true, "usuario": true,
	"utilisateur": true, "benutzer": true, "gebruiker": true, "uzytkownika": true,
	"mysql": true, "mariadb": true, "postgres": true, "postgresql": true, "pg": true, "oracle": true, "mssql": true,
	"redis": true, "mongo": true, "mongodb": true, "rabbitmq": true, "smtp": true, "mail": true, "email": true,
	"correo": true, "imap": true, "ldap": true, "ftp": true, "sftp": true, "ssh": true, "vpn": true, "wifi": true,
	"wlan": true, "vnc": true, "rdp": true, "sql": true,
	"old": true, "new": true, "current": true, "neu": true, "alt": true, "nuevo": true, "nueva": true, "novo": true,
	"nova": true, "nouveau": true, "antigo": true, "actual": true,
	"бд": true, "базы": true, "базе": true, "админа": true, "сервера": true, "数据库": true, "管理员": true,
	"データベース": true, "管理者": true, "데이터베이스": true, "관리자": true,
}

// scopePrepositions join a password word to its scope: "senha_do_banco",
// "contraseña_de_la_bd", "password_for_db".
var scopePrepositions = map[string]bool{"de": true, "do": true, "da": true, "del": true, "la": true, "du": true,
	"des": true, "di": true, "della": true, "dell": true, "van": true, "voor": true, "fur": true, "für": true, "der": true,
	"dla": true, "for": true, "of": true, "för": true, "til": true, "para": true, "pour": true}

// tailedPasswordKey accepts a key whose password word is followed by one or two words
// that are no attribute of a password, whatever they are: "ses_smtp_password_v4",
// "password_main", "passwordReplica". scopedPasswordKey lists what a password opens;
// the list cannot be complete (versions, replicas, tenants, hosts are named anyhow),
// while what makes a name NOT a password's slot is a small closed class: the password's
// metadata, its policy, its form field, its hashing (passwordMeta). A key accepted only
// this way must hold a value that reads as a password on its own (passwordAssignWhy:
// tailedOnlyKey).
func tailedPasswordKey(segs [][]byte) bool {
	if len(segs) < 2 || len(segs) > 6 || saysNotSecret(segs) {
		return false
	}
	head := -1
	for i := len(segs) - 2; i >= 0 && i >= len(segs)-3; i-- {
		if scopedHead(segs[i]) {
			head = i
			break
		}
	}
	if head < 0 {
		return false
	}
	for _, s := range segs[head+1:] {
		if len(s) == 0 || passwordMeta[string(s)] || heldLeafWords[string(s)] || passwordWords[string(s)] || digestWord(s) {
			return false
		}
	}
	return true
}

// digestWord is a word naming a digest or an encoding of a value: sha256, md5, sha1,
// hex, base64, hashes, crypted.
func digestWord(s []byte) bool {
	for _, p := range []string{"sha", "md", "hash", "crypt", "hex", "b64", "base", "pbkdf", "scrypt", "argon", "hmac", "crc", "digest", "salt"} {
		if bytes.HasPrefix(s, []byte(p)) {
			return true
		}
	}
	return false
}

// passwordMeta are words after a password word that make the name one of something
// about a password rather than of the password: a form's field and its text, a policy,
// a check, an event, a file holding it, an encoding of it.
var passwordMeta = map[string]bool{
	"field": true, "fields": true, "input": true, "prompt": true, "placeholder": true, "text": true, "message": true,
	"msg": true, "error": true, "errors": true, "err": true, "label": true, "title": true, "help": true, "tooltip": true,
	"visible": true, "visibility": true, "toggle": true, "show": true, "hide": true, "hidden": true, "mask": true,
	"masked": true, "confirm": true, "confirmation": true, "again": true, "repeat": true, "retype": true,
	"rule": true, "rules": true, "regex": true, "regexp": true, "pattern": true, "validator": true, "validation": true,
	"valid": true, "invalid": true, "check": true, "checker": true, "strength": true, "score": true, "meter": true,
	"reset": true, "change": true, "changed": true, "forgot": true, "forgotten": true, "recovery": true, "expired": true,
	"expire": true, "expires": true, "expiry": true, "expiration": true, "attempts": true, "retries": true, "retry": true,
	"tries": true, "failures": true, "lockout": true, "len": true, "size": true, "chars": true, "digits": true,
	"upper": true, "lower": true, "uppercase": true, "lowercase": true, "special": true, "symbols": true, "numbers": true,
	"numeric": true, "file": true, "files": true, "filename": true, "path": true, "dir": true, "env": true, "var": true,
	"variable": true, "command": true, "cmd": true, "script": true, "helper": true, "manager": true, "store": true,
	"storage": true, "vault": true, "ref": true, "reference": true, "secret": true, "encrypted": true, "enc": true,
	"encoded": true, "hashed": true, "digest": true, "crypt": true, "bcrypt": true, "sha": true, "md5": true,
	"auth": true, "authentication": true, "method": true, "methods": true, "login": true, "protected": true,
	"less": true, "free": true, "set": true, "sent": true, "needed": true, "supported": true, "allowed": true,
	"policy": true, "policies": true, "mode": true, "option": true, "options": true, "flag": true, "flags": true,
	"on": true, "off": true, "yes": true, "no": true, "true": true, "false": true, "default": true, "defaults": true,
	"spec": true, "config": true, "cfg": true, "settings": true, "setting": true, "param": true, "params": true,
	"arg": true, "args": true, "key": true, "keys": true, "token": true, "timeout": true, "cache": true,
	"request": true, "response": true, "callback": true, "handler": true, "provider": true, "plugin": true,
	"widget": true, "view": true, "page": true, "form": true, "dialog": true, "button": true, "link": true,
	"url": true, "uri": true, "endpoint": true, "api": true, "service": true, "update": true, "updated": true,
	"last": true, "time": true, "date": true, "timestamp": true, "stamp": true, "status": true, "state": true,
	"source": true, "type": true, "kind": true, "format": true, "encoding": true, "charset": true, "version": true,
}

// tailedOnlyKey reports a key the password rule accepts only by tailedPasswordKey.
func tailedOnlyKey(key []byte) bool {
	if len(key) > maxKeyLen {
		return false
	}
	var buf [12][]byte
	var text [maxKeyLen]byte
	segs := keySegments(key, buf[:0], text[:0])
	if !tailedPasswordKey(segs) || scopedPasswordKey(segs) || credentialKey(segs) {
		return false
	}
	last := segs[len(segs)-1]
	return !passwordWords[string(last)] && !held11PwName(last) && !lexPasswordKey(segs)
}
