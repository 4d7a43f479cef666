package detect

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
