package cli

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/leakwatch/leakwatch/internal/target"
)

// The Kubernetes example is an Indexed Job whose pods each scan a different shard of
// the same targets into one history, unprivileged and with resource limits, and whose
// scan flags leakwatch accepts.
func TestKubernetesJobExample(t *testing.T) {
	b, err := os.ReadFile("../../examples/k8s/scan-job.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var job struct {
		Kind string
		Spec struct {
			CompletionMode string `yaml:"completionMode"`
			Completions    int
			Parallelism    int
			Template       struct {
				Spec struct {
					AutomountServiceAccountToken *bool `yaml:"automountServiceAccountToken"`
					SecurityContext              struct {
						RunAsNonRoot bool `yaml:"runAsNonRoot"`
					} `yaml:"securityContext"`
					Containers []struct {
						Args []string
						Env  []struct {
							Name      string
							Value     string
							ValueFrom map[string]map[string]string `yaml:"valueFrom"`
						}
						Resources struct {
							Limits map[string]string
						}
						SecurityContext struct {
							AllowPrivilegeEscalation *bool `yaml:"allowPrivilegeEscalation"`
							Privileged               *bool
							Capabilities             struct{ Drop []string }
						} `yaml:"securityContext"`
					}
				}
			}
		}
	}
	if err := yaml.Unmarshal(b, &job); err != nil {
		t.Fatal(err)
	}
	s := job.Spec
	if job.Kind != "Job" || s.CompletionMode != "Indexed" || s.Completions < 2 || s.Parallelism < 1 {
		t.Fatalf("not an Indexed Job: %+v", job)
	}
	pod := s.Template.Spec
	if pod.AutomountServiceAccountToken == nil || *pod.AutomountServiceAccountToken || !pod.SecurityContext.RunAsNonRoot || len(pod.Containers) != 1 {
		t.Fatalf("pod spec: %+v", pod)
	}
	c := pod.Containers[0]
	sc := c.SecurityContext
	if sc.Privileged == nil || *sc.Privileged || sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation || len(sc.Capabilities.Drop) == 0 {
		t.Errorf("container security context: %+v", sc)
	}
	if c.Resources.Limits["memory"] == "" || c.Resources.Limits["cpu"] == "" {
		t.Errorf("no resource limits: %+v", c.Resources)
	}
	vars := map[string]string{}
	for _, e := range c.Env {
		vars[e.Name] = e.Value
		if e.Name == "HISTORY_DSN" && e.ValueFrom["secretKeyRef"]["key"] == "" {
			t.Errorf("the history DSN does not come from a Secret: %+v", e)
		}
	}
	if vars["SHARDS"] != strconv.Itoa(s.Completions) {
		t.Errorf("SHARDS=%q but %d completions", vars["SHARDS"], s.Completions)
	}
	if len(c.Args) != 1 {
		t.Fatalf("args %q", c.Args)
	}
	script := c.Args[0]
	for _, want := range []string{"--store \"$HISTORY_DSN\"", "--run-key", "--group"} {
		if !strings.Contains(script, want) {
			t.Errorf("the command lacks %s", want)
		}
	}
	// The shard expression, evaluated by a POSIX shell for the first and last index,
	// names shards 1/N and N/N.
	expr := regexp.MustCompile(`--shard "([^"]+)"`).FindStringSubmatch(script)
	if expr == nil {
		t.Fatalf("no --shard in %q", script)
	}
	for idx, want := range map[int]int{0: 1, s.Completions - 1: s.Completions} {
		cmd := exec.Command("/bin/sh", "-c", `printf '%s' "`+expr[1]+`"`)
		cmd.Env = []string{"JOB_COMPLETION_INDEX=" + strconv.Itoa(idx), "SHARDS=" + vars["SHARDS"]}
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		sh, err := target.ParseShard(string(out))
		if err != nil || sh.Index != want || sh.Count != s.Completions {
			t.Errorf("index %d: --shard %q (%v), want %d/%d", idx, out, err, want, s.Completions)
		}
	}
	// Every flag of the command is one `leakwatch scan` has.
	cmd := newScanCmd(&env{})
	for _, f := range regexp.MustCompile(`--([a-z-]+)`).FindAllStringSubmatch(script, -1) {
		if cmd.Flags().Lookup(f[1]) == nil {
			t.Errorf("leakwatch scan has no --%s", f[1])
		}
	}
}
