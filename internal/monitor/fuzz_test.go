package monitor

import (
	"strings"
	"testing"
)

// FuzzParseConfig: any file, however broken, gives a configuration or an error, never a
// panic; and an error about a field names a line.
func FuzzParseConfig(f *testing.F) {
	f.Add(validConfig)
	f.Add("groups:\n  - name: a\n    targets: [127.0.0.1]\n    schedule: {cron: \"* * * * *\"}\n")
	f.Add("groups: [\n")
	f.Add("web: {listen: '[::1]:0'}\ngroups:\n  - {name: x, targets: [10.0.0.0/8], schedule: {interval: 1s}}\n")
	f.Add("alerts:\n  - {name: m, type: email, to: [\"a\\r\\n@b\"]}\n")
	f.Add("&a [*a]")
	f.Fuzz(func(t *testing.T, doc string) {
		if len(doc) > 1<<14 {
			return
		}
		cfg, err := ParseConfig([]byte(doc), "fuzz.yaml", "/tmp")
		if err == nil {
			if len(cfg.Groups) == 0 {
				t.Fatal("a configuration without groups was accepted")
			}
			return
		}
		var ce *ConfigError
		if !asConfigError(err, &ce) {
			t.Fatalf("error of type %T", err)
		}
		for _, e := range ce.Errors {
			if fe, ok := e.(*FieldError); ok && fe.Line == 0 && strings.TrimSpace(doc) != "" {
				t.Fatalf("field error without a line: %v", fe)
			}
		}
	})
}

func asConfigError(err error, target **ConfigError) bool {
	ce, ok := err.(*ConfigError)
	if ok {
		*target = ce
	}
	return ok
}
