package lab

import (
	"context"
	"fmt"
	"net/url"
	"strings"
)

// HostileNames are the names a hostile server gives its tables, columns and keys in
// the tests of issue 10: a terminal title change followed by a screen clear, an OSC-8
// link, report lines forged after CR/LF, markdown links and an image, a Slack channel
// ping with a link, and a bidi override. Each is at most 63 bytes, so PostgreSQL keeps
// it whole.
var HostileNames = []string{
	"\x1b]0;PWNED-TITLE\x07\x1b[2J\x1b[3J\x1b[Hcleared",
	"\x1b]8;;https://evil.example/\x1b\\osc8-link\x1b]8;;\x1b\\",
	"forged\nCRITICAL FORGED line\r\nCRITICAL FORGED again",
	"](javascript:alert(1)) [x](https://evil.example/) ![i](x)",
	HostileSlackName,
	"abc\u202egnp.exe\u200b",
}

// HostileSlackName is the hostile name of issue 10's row 3: in a Slack message as is, it
// pings the whole channel and shows a link of the attacker's. Its table (or key) also
// holds a Stripe key, a kind of secret no other hostile name holds, so that the alert
// about a first scan names it in its new-kind-of-secret event.
const HostileSlackName = "<!channel> <https://evil.example/|rotate your keys here>"

// HostileSlackSecret is the Stripe key beside HostileSecret under HostileSlackName.
func HostileSlackSecret() string { return NewSynth(1011).StripeKey() }

// hostileValues are the values stored under a hostile name.
func hostileValues(name string) []string {
	v := []string{"github_token=" + HostileSecret()}
	if name == HostileSlackName {
		v = append(v, "stripe_key="+HostileSlackSecret())
	}
	return v
}

// HostileColumn is the name of the column of every hostile table: its sampled values
// hold HostileSecret, so findings name both table and column.
const HostileColumn = "notes\x1b[2J\nCRITICAL FORGED column"

// HostileSecret is the credential planted in every hostile table and key, so that the
// scan reports a secret at each hostile name.
func HostileSecret() string { return NewSynth(1010).GitHubToken() }

// HostileDatabase holds the hostile tables on ClickHouse and PostgreSQL.
const HostileDatabase = "hostile"

// SeedHostileNames creates one table per HostileNames in database HostileDatabase,
// each with HostileColumn holding a row with HostileSecret (and HostileSlackSecret).
func (ch *ClickHouse) SeedHostileNames(ctx context.Context) error {
	stmts := []string{"CREATE DATABASE IF NOT EXISTS " + HostileDatabase}
	for _, name := range HostileNames {
		table := HostileDatabase + "." + chIdent(name)
		stmts = append(stmts, fmt.Sprintf("CREATE TABLE %s (%s String) ENGINE = Memory", table, chIdent(HostileColumn)))
		for _, v := range hostileValues(name) {
			stmts = append(stmts, fmt.Sprintf("INSERT INTO %s VALUES ('%s')", table, v))
		}
	}
	for _, q := range stmts {
		if _, err := ch.query(ctx, "default", ch.Password, q, url.Values{}); err != nil {
			return fmt.Errorf("lab: seeding hostile names: %w", err)
		}
	}
	return nil
}

// chIdent quotes an identifier for ClickHouse: back quotes, with backslash escapes for
// the quote, the backslash and every byte that is not printable ASCII.
func chIdent(s string) string {
	var b strings.Builder
	b.WriteByte('`')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '`' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20 || c == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('`')
	return b.String()
}

// SeedHostileNames creates database HostileDatabase with one table per HostileNames,
// each with HostileColumn holding a row with HostileSecret, readable by every role.
func (pg *Postgres) SeedHostileNames(ctx context.Context) error {
	if err := pg.Exec(ctx, "postgres", "CREATE DATABASE "+HostileDatabase); err != nil {
		return fmt.Errorf("lab: seeding hostile names: %w", err)
	}
	for _, name := range HostileNames {
		var rows []string
		for _, v := range hostileValues(name) {
			rows = append(rows, "("+pgLiteral(v)+")")
		}
		q := fmt.Sprintf("CREATE TABLE public.%[1]s (%[2]s text); INSERT INTO public.%[1]s VALUES %[3]s; GRANT SELECT ON public.%[1]s TO PUBLIC",
			pgIdent(name), pgIdent(HostileColumn), strings.Join(rows, ", "))
		if err := pg.Exec(ctx, HostileDatabase, q); err != nil {
			return fmt.Errorf("lab: seeding hostile names: %w", err)
		}
	}
	return nil
}

// SeedHostileNames sets one key per HostileNames in database 0, each a string holding
// HostileSecret.
func (r *Redis) SeedHostileNames(ctx context.Context) error {
	c, err := r.Admin(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	var cmds [][]string
	for _, name := range HostileNames {
		cmds = append(cmds, []string{"SET", name, strings.Join(hostileValues(name), "\n")})
	}
	if err := c.Pipeline(ctx, cmds); err != nil {
		return fmt.Errorf("lab: seeding hostile redis keys: %w", err)
	}
	return nil
}
