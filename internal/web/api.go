package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/leakwatch/leakwatch/internal/history"
	"github.com/leakwatch/leakwatch/internal/monitor"
)

// The JSON API serves everything the dashboard shows, behind the same auth.

func (s *Server) apiSummary(w http.ResponseWriter, r *http.Request) {
	c, err := s.current(r.Context())
	if err != nil {
		s.apiFail(w, err)
		return
	}
	sm := s.summary(c)
	writeJSON(w, http.StatusOK, struct {
		BySeverity   map[string]int `json:"by_severity"`
		OpenServices int            `json:"open_services"`
		Services     int            `json:"services"`
		Findings     int            `json:"findings"`
		Groups       []groupView    `json:"groups"`
	}{sm.BySeverity, sm.OpenServices, sm.Services, sm.Total, sm.Groups})
}

func (s *Server) apiFindings(w http.ResponseWriter, r *http.Request) {
	c, err := s.current(r.Context())
	if err != nil {
		s.apiFail(w, err)
		return
	}
	out := c.findings
	if out == nil {
		out = []GroupFinding{}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiFinding(w http.ResponseWriter, r *http.Request) {
	v, err := s.findingView(r.Context(), r.PathValue("id"))
	switch {
	case err != nil:
		s.apiFail(w, err)
	case v == nil:
		s.apiError(w, http.StatusNotFound, "no such finding")
	default:
		writeJSON(w, http.StatusOK, v)
	}
}

func (s *Server) apiServices(w http.ResponseWriter, r *http.Request) {
	c, err := s.current(r.Context())
	if err != nil {
		s.apiFail(w, err)
		return
	}
	out := c.services
	if out == nil {
		out = []GroupService{}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiService(w http.ResponseWriter, r *http.Request) {
	v, err := s.serviceView(r.Context(), r.PathValue("group"), r.PathValue("addr"))
	switch {
	case err != nil:
		s.apiFail(w, err)
	case v == nil:
		s.apiError(w, http.StatusNotFound, "no such service in the group's latest run")
	default:
		writeJSON(w, http.StatusOK, v)
	}
}

func (s *Server) apiRuns(w http.ResponseWriter, r *http.Request) {
	runs, err := s.cfg.Backend.Store().Runs(r.Context(), s.runsFilter(r))
	if err != nil {
		s.apiFail(w, err)
		return
	}
	if runs == nil {
		runs = []history.Run{}
	}
	writeJSON(w, http.StatusOK, runs)
}

func (s *Server) apiRun(w http.ResponseWriter, r *http.Request) {
	id, ok := parseID(r.PathValue("id"))
	if !ok {
		s.apiError(w, http.StatusBadRequest, "bad run id")
		return
	}
	v, err := s.runView(r.Context(), id)
	switch {
	case errors.Is(err, history.ErrNotFound):
		s.apiError(w, http.StatusNotFound, "no such run")
	case err != nil:
		s.apiFail(w, err)
	default:
		writeJSON(w, http.StatusOK, v)
	}
}

func (s *Server) apiDiff(w http.ResponseWriter, r *http.Request) {
	from, ok1 := parseID(r.URL.Query().Get("from"))
	to, ok2 := parseID(r.URL.Query().Get("to"))
	if !ok1 || !ok2 {
		s.apiError(w, http.StatusBadRequest, "give from and to run ids")
		return
	}
	a, err := s.report(r.Context(), from)
	if err == nil {
		var b = a
		if b, err = s.report(r.Context(), to); err == nil {
			d := history.Compare(a, b)
			d.From, d.To = from, to
			writeJSON(w, http.StatusOK, d)
			return
		}
	}
	if errors.Is(err, history.ErrNotFound) {
		s.apiError(w, http.StatusNotFound, "no such run")
		return
	}
	s.apiFail(w, err)
}

func (s *Server) apiScan(w http.ResponseWriter, r *http.Request) {
	group := r.URL.Query().Get("group")
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		var body struct {
			Group string `json:"group"`
		}
		if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&body); err != nil {
			s.apiError(w, http.StatusBadRequest, "want {\"group\": NAME}")
			return
		}
		group = body.Group
	} else if group == "" {
		group = r.PostFormValue("group")
	}
	err := s.cfg.Backend.TriggerScan(group, "api")
	switch {
	case errors.Is(err, monitor.ErrBusy):
		s.apiError(w, http.StatusConflict, err.Error())
	case errors.Is(err, monitor.ErrUnknownGroup):
		s.apiError(w, http.StatusNotFound, err.Error())
	case err != nil:
		s.apiFail(w, err)
	default:
		writeJSON(w, http.StatusAccepted, map[string]string{"status": "started", "group": group})
	}
}

func (s *Server) apiReload(w http.ResponseWriter, r *http.Request) {
	if err := s.cfg.Backend.Reload(); err != nil {
		s.apiError(w, http.StatusBadRequest, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "reloaded"})
}

func (s *Server) apiFail(w http.ResponseWriter, err error) {
	s.log.Error("api", "err", err)
	s.apiError(w, http.StatusInternalServerError, "internal error reading the history")
}
