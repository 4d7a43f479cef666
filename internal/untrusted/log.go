package untrusted

import (
	"context"
	"fmt"
	"log/slog"
)

// LogHandler wraps h so that every message, attribute key, string value, error and
// Stringer in a record is rendered with Text before h sees it. Probers log what servers
// said (versions, errors, names); slog's text handler quotes such values already, but
// its JSON handler and other handlers leave bidi and invisible characters raw, and a log
// ends up in a terminal, a journal viewer or a browser.
func LogHandler(h slog.Handler) slog.Handler {
	if lh, ok := h.(logHandler); ok {
		return lh
	}
	return logHandler{h}
}

type logHandler struct{ h slog.Handler }

var _ slog.Handler = logHandler{}

func (l logHandler) Enabled(ctx context.Context, level slog.Level) bool {
	return l.h.Enabled(ctx, level)
}

func (l logHandler) Handle(ctx context.Context, r slog.Record) error {
	nr := slog.NewRecord(r.Time, r.Level, Text(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		nr.AddAttrs(cleanAttr(a))
		return true
	})
	return l.h.Handle(ctx, nr)
}

func (l logHandler) WithAttrs(as []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(as))
	for i, a := range as {
		clean[i] = cleanAttr(a)
	}
	return logHandler{l.h.WithAttrs(clean)}
}

func (l logHandler) WithGroup(name string) slog.Handler { return logHandler{l.h.WithGroup(Text(name))} }

func cleanAttr(a slog.Attr) slog.Attr {
	a.Key = Text(a.Key)
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		a.Value = slog.StringValue(Text(v.String()))
	case slog.KindGroup:
		g := v.Group()
		clean := make([]slog.Attr, len(g))
		for i, m := range g {
			clean[i] = cleanAttr(m)
		}
		a.Value = slog.GroupValue(clean...)
	case slog.KindAny:
		switch x := v.Any().(type) {
		case error:
			a.Value = slog.StringValue(Text(x.Error()))
		case fmt.Stringer:
			a.Value = slog.StringValue(Text(x.String()))
		case []string:
			clean := make([]string, len(x))
			for i, s := range x {
				clean[i] = Text(s)
			}
			a.Value = slog.AnyValue(clean)
		case []byte:
			a.Value = slog.StringValue(Text(string(x)))
		default:
			a.Value = v
		}
	default:
		a.Value = v
	}
	return a
}
