package querywatch

import (
	"context"
	"fmt"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store/clickhouse"
)

// What the server's logs cannot show, said once per server (and again a month later, so
// that a fixed server stops hearing it): queries sent with log_queries=0, and failed
// logins on a server without session_log whose text log the watcher does not read.

var (
	ruleLogQueriesOff = &rule{"querywatch-log-queries-can-be-disabled", "Users can keep their queries out of query_log",
		"Make log_queries unchangeable for every profile that may change settings (<constraints><log_queries><const/>" +
			"</log_queries></constraints>, or CREATE SETTINGS PROFILE … SETTINGS log_queries = 1 CONST), or give users " +
			"readonly=1 profiles; send query_log to a place users cannot disable, such as the server's own log shipping."}
	ruleNoLoginLog = &rule{"querywatch-failed-logins-not-visible", "Failed logins are not visible to the watcher",
		"Enable <session_log> in config.xml (the stock file has it commented out) or pass the server's text log " +
			"(clickhouse-server.log) with --server-log, which records refused logins with the client's address."}
)

// blindSpotQuiet is how long a blind spot stays quiet after it was reported.
const blindSpotQuiet = 30 * 24 * time.Hour

func (w *Watcher) blindSpots(ctx context.Context, st *detectorState, now int64) []finding.Finding {
	if st.Alerted == nil {
		st.Alerted = map[string]int64{}
	}
	var out []finding.Finding
	say := func(r *rule, sev finding.Severity, detail, evidence string) {
		k := r.ID + "|" + w.cfg.Endpoint.Address()
		if until, ok := st.Alerted[k]; ok && now < until {
			return
		}
		st.Alerted[k] = now + int64(blindSpotQuiet/time.Second)
		f := finding.Finding{Severity: sev, Category: finding.Intrusion, Rule: r.ID, Title: r.Title, Detail: detail,
			Evidence: evidence, Remediation: r.Remediation, References: refs,
			Host: w.cfg.Endpoint.Name(), Port: w.cfg.Endpoint.Port, Protocol: clickhouse.ProtoHTTP}
		f.ComputeID()
		out = append(out, f)
	}
	if w.schema.queryLog != nil {
		const detail = "A query reaches query_log only when log_queries=1 for it, and any user allowed to change settings " +
			"(readonly=0 or 2) can send log_queries=0 with the query or SET it for the session: what such a user " +
			"reads or calls leaves nothing the watcher can see."
		switch n, how := w.logQueriesConstraints(ctx); {
		case n < 0:
			say(ruleLogQueriesOff, finding.Low, detail, "constraints on log_queries could not be read ("+how+")")
		case n == 0:
			say(ruleLogQueriesOff, finding.Low, detail, "no settings profile makes log_queries unchangeable")
		}
	}
	if w.schema.sessionLog == nil && len(w.cfg.ServerLogs) == 0 {
		say(ruleNoLoginLog, finding.Low,
			"The server has no session_log, and no server log was given: refused logins (password guessing) appear "+
				"nowhere the watcher reads.", "system.session_log absent; no --server-log")
	}
	return out
}

// logQueriesConstraints counts the profile elements that make log_queries const
// (writability CONST on 22.x+, readonly = 1 on 20.x–21.x); -1 when it cannot tell.
func (w *Watcher) logQueriesConstraints(ctx context.Context) (int, string) {
	rows, err := w.client.Rows(ctx, "SELECT name FROM system.columns WHERE database = 'system' "+
		"AND table = 'settings_profile_elements' AND name IN ('writability', 'readonly')", 10)
	if err != nil {
		return -1, err.Error()
	}
	cond := ""
	for _, r := range rows {
		switch {
		case len(r) == 1 && r[0] == "writability":
			cond = "writability = 'CONST'"
		case len(r) == 1 && r[0] == "readonly" && cond == "":
			cond = "readonly = 1"
		}
	}
	if cond == "" {
		return -1, "system.settings_profile_elements has no constraint columns on this server"
	}
	rows, err = w.client.Rows(ctx, "SELECT toString(count()) FROM system.settings_profile_elements "+
		"WHERE setting_name = 'log_queries' AND "+cond, 1)
	if err != nil || len(rows) != 1 || len(rows[0]) != 1 {
		if err == nil {
			err = fmt.Errorf("unexpected answer")
		}
		return -1, err.Error()
	}
	return int(atoi64(rows[0][0])), ""
}
