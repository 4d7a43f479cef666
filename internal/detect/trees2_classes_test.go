package detect

import "testing"

// TestTreeRound2Classes: the classes of false positives found by triaging every
// non-test secret finding of /usr/lib/python3/dist-packages and /usr/lib/python3.11 at
// b1a5798 (realtrees2.go). Each example text must yield no secret; each leak text,
// which differs from it only in the signal the class reads, must still yield its rule
// and value: the test fails without the class and again if the class swallows the leak.
func TestTreeRound2Classes(t *testing.T) {
	checkTreeClasses(t, []treeClassCase{
		{class: "a sorted keyword table: a keyword after PASS",
			example: "    tokens = (\n        'OPEN', 'OPTIONAL', 'OPTIONS', 'PARAMETER', 'PASS', 'PAUSE', 'POINTER', 'PRINT',\n    )\n",
			// the same words out of order: a list of pairs or arguments, not a table
			leak: "    tokens = (\n        'PRINT', 'POINTER', 'OPTIONS', 'PARAMETER', 'PASS', 'PAUSE', 'OPEN', 'OPTIONAL',\n    )\n",
			rule: "password-assignment", value: "PAUSE"},
		{class: "a sorted keyword table: snake_case names after a passwd directive",
			example: "    keywords = (\n        \"cache_log\", \"cache_mem\", \"cache_mgr\", \"cachemgr_passwd\", \"cache_peer\",\n        \"cache_peer_access\", \"cache_swap\",\n    )\n",
			leak:    "    keywords = (\n        \"cache_swap\", \"cache_mem\", \"cache_mgr\", \"cachemgr_passwd\", \"cache_peer\",\n        \"cache_log\", \"cache_peer_access\",\n    )\n",
			rule:    "password-assignment", value: "cache_peer"},
		{class: "a sorted set of class names",
			example: "COCOA_INTERFACES = {'TKTokenConfiguration', 'TKTokenDriver', 'TKTokenKeyAlgorithm', 'TKTokenKeychainCertificate', 'TKTokenKeychainContents', 'TKTokenKeychainItem', 'TKTokenKeychainKey', 'TKTokenPasswordAuthOperation', 'TKTokenSession', 'TKTokenWatcher', 'TWRequest'}\n",
			leak:    "COCOA_INTERFACES = {'TKTokenConfiguration', 'TKTokenDriver', 'TKTokenKeyAlgorithm', 'TKTokenSession', 'TKTokenKeychainContents', 'TKTokenKeychainItem', 'TKTokenKeychainKey', 'TKTokenPasswordAuthOperation', 'TKTokenKeychainCertificate', 'TKTokenWatcher', 'TWRequest'}\n",
			rule:    "generic-api-key", value: "TKTokenKeychainKey"},
		{class: "a docstring's literal block introduced by a line ending in '::' that names an example",
			example: "    def create(self):\n        \"\"\"Create a response.\n\n        An example of a valid request::\n\n            >>> h, b, s = endpoint.create_access_token_response(uri)\n            >>> b\n            'oauth_token=lsdkfol23w54jlksdef&oauth_token_secret=qwe089234lkjsdf&realms=movies'\n            >>> s\n            200\n        \"\"\"\n",
			leak:    "    def create(self):\n        \"\"\"Create a response.\n\n        What a valid request returns::\n\n            >>> h, b, s = endpoint.create_access_token_response(uri)\n            >>> b\n            'oauth_token=lsdkfol23w54jlksdef&oauth_token_secret=qwe089234lkjsdf&realms=movies'\n            >>> s\n            200\n        \"\"\"\n",
			rule:    "generic-api-key", value: "lsdkfol23w54jlksdef"},
		{class: "a code directive below a paragraph that names an example",
			example: "        \"\"\"Prepare a revocation request.\n\n        An example of a revocation request\n\n        .. code-block:: http\n\n            POST /revoke HTTP/1.1\n            Host: auth.heronworks.io\n            Authorization: Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW\n\n            token=45ghiukldjahdnhzdauz&token_type_hint=refresh_token\n        \"\"\"\n",
			leak:    "        \"\"\"Prepare a revocation request.\n\n        A revocation request\n\n        .. code-block:: http\n\n            POST /revoke HTTP/1.1\n            Host: auth.heronworks.io\n            Authorization: Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW\n\n            token=45ghiukldjahdnhzdauz&token_type_hint=refresh_token\n        \"\"\"\n",
			rule:    "generic-api-key", value: "45ghiukldjahdnhzdauz"},
		{class: "a code directive after \"For example:\", the value deeper than the block",
			example: "    :param body: The full json encoded response body.\n\n    For example:\n\n    .. code-block:: http\n\n        HTTP/1.1 200 OK\n        Cache-Control: no-store\n\n        {\n            \"access_token\":\"2YotnFZFEjr1zCsicMWpAA\",\n            \"token_type\":\"example\"\n        }\n",
			leak:    "    :param body: The full json encoded response body.\n\n    It returns:\n\n    .. code-block:: http\n\n        HTTP/1.1 200 OK\n        Cache-Control: no-store\n\n        {\n            \"access_token\":\"2YotnFZFEjr1zCsicMWpAA\",\n            \"token_type\":\"example\"\n        }\n",
			rule:    "generic-api-key", value: "2YotnFZFEjr1zCsicMWpAA"},
		{class: "an indented block after a label ending in \"Eg:\"",
			example: "    \"\"\"If a password is given, it is stored\n        in clear text). Eg:\n\n            [pypi]\n            username: fred\n            password: sekrit\n\n        Otherwise ask.\n    \"\"\"\n",
			leak:    "    \"\"\"If a password is given, it is stored\n        in clear text) as in:\n\n            [pypi]\n            username: fred\n            password: sekrit\n\n        Otherwise ask.\n    \"\"\"\n",
			rule:    "password-assignment", value: "sekrit"},
		{class: "a module docstring's code below a label naming an example",
			example: "\"\"\"An extensible library for opening URLs.\n\nExample usage:\n\nimport urllib.request\n\nauthinfo = urllib.request.HTTPBasicAuthHandler()\nauthinfo.add_password(realm='PDQ Application',\n                      uri='https://mahler:8092/site-updates.py',\n                      user='klem',\n                      passwd='geheim$parole')\n\"\"\"\n",
			// the same code after the docstring's end: code, not documentation
			leak: "\"\"\"An extensible library for opening URLs.\n\nExample usage:\n\"\"\"\nimport urllib.request\n\nauthinfo = urllib.request.HTTPBasicAuthHandler()\nauthinfo.add_password(realm='PDQ Application',\n                      uri='https://mahler:8092/site-updates.py',\n                      user='klem',\n                      passwd='geheim$parole')\n",
			rule: "password-assignment", value: "geheim$parole"},
	})
}

// TestTreeRound2Helpers: the content checks against their near misses.
func TestTreeRound2Helpers(t *testing.T) {
	for _, c := range []struct {
		name string
		got  bool
		want bool
	}{
		{"word order by bytes", inWordOrder([]byte("PASS"), []byte("PAUSE")), true},
		{"word order ignoring underscores", inWordOrder([]byte("cachemgr_passwd"), []byte("cache_peer")), true},
		{"word order broken", inWordOrder([]byte("user"), []byte("admin")), false},
		{"plain word", plainWord([]byte("ERROR STOP")), true},
		{"a password is no plain word", plainWord([]byte("Kq9!zT7m")), false},
		{"pairs are no word list", sortedWordList([]byte(`("user", "admin", "password", "hunter2", "url", "x")`), 31, 38), false},
		{"Eg label", labelNamesExample([]byte("in clear text). Eg:")), true},
		{"e.g. label", labelNamesExample([]byte("such as, e.g.:")), true},
		{"a word ending in eg", labelNamesExample([]byte("the keg:")), false},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
}
