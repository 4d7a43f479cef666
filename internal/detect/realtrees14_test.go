package detect

import "testing"

// TestTreeRound14Classes: each example text must yield no secret; each leak text, the
// same text with only the signal the class reads changed, must still yield its rule and
// value.
func TestTreeRound14Classes(t *testing.T) {
	tf := func(label string) string {
		return "resource \"aws_mq_broker\" \"" + label + "\" {\n  broker_name = \"orders\"\n  user {\n    username = \"admin\"\n    password = \"Qv7tm2Lr9x\"\n  }\n}\n"
	}
	cfn := func(name string) string {
		return "Resources:\n  " + name + ":\n    Type: AWS::DocDB::DBCluster\n    Properties:\n      MasterUsername: admin\n      MasterUserPassword: Rk8wq3Zt5v\n"
	}
	host := func(h string) string {
		return "{\n  \"auths\": {\n    \"" + h + "\": {\n      \"username\": \"ci\",\n      \"password\": \"Tz6pw4Km8q\"\n    }\n  }\n}\n"
	}
	checkNamedTreeClasses(t, "main.tf", []treeClassCase{
		{class: "a resource labelled good_example", example: tf("good_example"), leak: tf("orders"),
			rule: "password-assignment", value: "Qv7tm2Lr9x"},
		{class: "a resource labelled example", example: tf("example"), leak: tf("examiner"),
			rule: "password-assignment", value: "Qv7tm2Lr9x"},
	})
	checkNamedTreeClasses(t, "stack.yaml", []treeClassCase{
		{class: "a CloudFormation resource named BadExample", example: cfn("BadExample"), leak: cfn("OrdersDb"),
			rule: "password-assignment", value: "Rk8wq3Zt5v"},
	})
	// a documentation host stands in for a real one: the block it names stays read
	checkNamedTreeClasses(t, "config.json", []treeClassCase{
		{class: "a block named example, not a host", example: host("example"), leak: host("registry.example.com"),
			rule: "password-assignment", value: "Tz6pw4Km8q"},
	})
}

// TestExampleName: names that label a block an example, and names that only hold the
// letters.
func TestExampleName(t *testing.T) {
	for k, want := range map[string]bool{"example": true, "good_example": true, "BadExample": true, "examples": true,
		"example-db": true, "ExampleUser": true, "counterexample": false, "registry.example.com": false,
		"examplar": false, "my example": false, "exampled": false} {
		if got := exampleName([]byte(k)); got != want {
			t.Errorf("exampleName(%q) = %v, want %v", k, got, want)
		}
	}
}

// TestPgpassHostName: a .pgpass line's first field is a host; a timestamp inside a
// query string splits into five fields alike and is no such line.
func TestPgpassHostName(t *testing.T) {
	checkNamedTreeClasses(t, "request.snap", []treeClassCase{
		{class: "a timestamp in a query string is no pgpass line",
			example: "EndTime=2000-01-01T00%3A00%3A00Z&StartTime=2000-01-01T00%3A00%3A00Z&Version=2016-11-15\n",
			leak:    "db-1.internal:5432:orders:app:Wq7r9Lz2x!\n",
			rule:    "password-assignment", value: "Wq7r9Lz2x!"},
	})
}

// TestWeakProviderWordInLongerName: an everyday word that names a provider, running on
// into a longer name, names something of its own; the same word ending the key, or a
// longer name that says key, stays found.
func TestWeakProviderWordInLongerName(t *testing.T) {
	etw := func(name string) string {
		return "var providers = map[string]string{\n\t\"" + name + "\": \"d67fbb76-d18a-4ae3-a4a3-8c1db52d6c62\",\n}\n"
	}
	checkNamedTreeClasses(t, "etw_map.go", []treeClassCase{
		{class: "a provider's word inside a longer name", example: etw("microsoft-windows-privacy-auditing"),
			leak: etw("microsoft-windows-privacy"), rule: "privacy-api-key", value: "d67fbb76-d18a-4ae3-a4a3-8c1db52d6c62"},
		{class: "a longer name that names a key", example: etw("microsoft-windows-privacy-auditing"),
			leak: etw("privacy-api-key"), rule: "privacy-api-key", value: "d67fbb76-d18a-4ae3-a4a3-8c1db52d6c62"},
	})
}

// TestShapeIntroduced: a value that a phrase introduces as the shape of a kind of
// value ("looks something like this:", "with the following structure:") is an
// illustration; the same block under plain prose stays found.
func TestShapeIntroduced(t *testing.T) {
	doc := func(intro string) string {
		return "-   **X-Registry-Config** - a registry auth config JSON\n        object " + intro + "\n\n            {\n" +
			"                \"https://index.docker.io/v1/\": {\n                    \"username\": \"mobydock\",\n" +
			"                    \"password\": \"conta1n3rize14\"\n                }\n            }\n"
	}
	checkNamedTreeClasses(t, "api.md", []treeClassCase{
		{class: "a block the following structure introduces", example: doc("with the following structure:"),
			leak: doc("that the daemon reads:"), rule: "password-assignment", value: "conta1n3rize14"},
	})
	pw := func(intro string) string {
		return "<p>The login page's password " + intro + " <code>password=Wq7r9Lz2xK</code></p>\n"
	}
	checkNamedTreeClasses(t, "service-2.json", []treeClassCase{
		{class: "a shape phrase before the value on its line", example: pw("looks something like this:"),
			leak: pw("is set:"), rule: "password-assignment", value: "Wq7r9Lz2xK"},
	})
}

// TestShapePhraseInIsContainsFold: the once-a-scan check answers as containsFold does,
// for phrases at the text's start and end, in any case, next to colons that end no
// phrase, and for texts with none.
func TestShapePhraseInIsContainsFold(t *testing.T) {
	texts := []string{"", ":", "::::", "something like this:", "x Something Like THIS: y", "like this:", "this:",
		"a: b: the following structure:", "THE FOLLOWING STRUCTURE", "the following structure :", "key: value\nthe following structure:\n  token: abc",
		"somethinglike this:", "something like this;", "something like thi:s:"}
	for i := 0; i < 2000; i++ {
		b := make([]byte, 40)
		for k := range b {
			b[k] = "sTHi :lkeofwngrucmt"[(i*31+k*7+k*k*i)%19]
		}
		texts = append(texts, string(b))
	}
	yes := 0
	for _, s := range texts {
		want := containsFold([]byte(s), shapePhrases...)
		if got := shapePhraseIn([]byte(s)); got != want {
			t.Fatalf("shapePhraseIn(%q) = %v, containsFold says %v", s, got, want)
		}
		if want {
			yes++
		}
	}
	if yes < 4 {
		t.Fatalf("only %d texts hold a phrase: the test checks nothing", yes)
	}
}
