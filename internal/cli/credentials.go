package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/target"
)

// credentialFile is the --credentials format (YAML or JSON). Passwords come from the
// environment or from files so that the credentials file itself can be committed or
// shared without holding secrets; an inline password is accepted for local use.
//
//	credentials:
//	  - store: clickhouse        # optional: limit to one product
//	    username: default
//	    password_env: CH_PASSWORD
//	    hosts: [10.0.5.0/24, ch.internal]   # optional: where it may be sent
//	  - username: readonly
//	    password_file: /run/secrets/ro
//
// A credential without hosts is sent only to the targets given on the command line.
type credentialFile struct {
	Credentials []credentialEntry `yaml:"credentials"`
}

type credentialEntry struct {
	Store        string `yaml:"store"`
	Username     string `yaml:"username"`
	Password     string `yaml:"password"`
	PasswordEnv  string `yaml:"password_env"`
	PasswordFile string `yaml:"password_file"`
	// Hosts are addresses, CIDR blocks, ranges and host names (*.domain too) the
	// credential may be sent to; a name matches targets given by that name.
	Hosts []string `yaml:"hosts"`
}

// loadCredentials reads and validates a credentials file. Errors name the entry, never a
// password.
func loadCredentials(path string, getenv func(string) string) ([]store.Credential, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("credentials file: %w", err)
	}
	var cf credentialFile
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&cf); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("credentials file %s: %w", path, err)
	}
	var out []store.Credential
	for i, e := range cf.Credentials {
		where := fmt.Sprintf("credentials file %s: entry %d", path, i+1)
		if e.Username == "" {
			return nil, fmt.Errorf("%s: username is required", where)
		}
		sources := 0
		for _, s := range []string{e.Password, e.PasswordEnv, e.PasswordFile} {
			if s != "" {
				sources++
			}
		}
		if sources > 1 {
			return nil, fmt.Errorf("%s: give only one of password, password_env, password_file", where)
		}
		pw, err := resolvePassword(e.Password, e.PasswordEnv, e.PasswordFile, getenv)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		c := store.Credential{Store: strings.ToLower(e.Store), Username: e.Username, Password: pw}
		if e.Hosts != nil {
			h, err := target.ParseHosts(e.Hosts)
			if err != nil {
				return nil, fmt.Errorf("%s: hosts: %w", where, err)
			}
			c.Scope = h
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("credentials file %s holds no credentials (expected a 'credentials:' list)", path)
	}
	return out, nil
}

func resolvePassword(literal, envName, file string, getenv func(string) string) (string, error) {
	switch {
	case envName != "":
		v := getenv(envName)
		if v == "" {
			return "", fmt.Errorf("environment variable %s is empty or unset", envName)
		}
		return v, nil
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("password file: %w", err)
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	}
	return literal, nil
}
