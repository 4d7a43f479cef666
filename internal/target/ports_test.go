package target

import (
	"slices"
	"strings"
	"testing"
)

func TestParsePorts(t *testing.T) {
	names := map[string][]int{"clickhouse": {8123, 9000, 8443, 9440}, "redis": {6379}}
	tests := []struct {
		in   string
		want []int
	}{
		{"8123", []int{8123}},
		{"9440,8123,9000", []int{8123, 9000, 9440}},
		{"9000-9003", []int{9000, 9001, 9002, 9003}},
		{" 9000 - 9001 , 80 ", []int{80, 9000, 9001}},
		{"9000,9000,8999-9001", []int{8999, 9000, 9001}},
		{"ClickHouse,6379", []int{6379, 8123, 8443, 9000, 9440}},
		{"redis", []int{6379}},
		{"1,65535", []int{1, 65535}},
	}
	for _, tt := range tests {
		got, err := ParsePorts(tt.in, names)
		if err != nil {
			t.Errorf("ParsePorts(%q): %v", tt.in, err)
			continue
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("ParsePorts(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	all, err := ParsePorts("1-65535", nil)
	if err != nil || len(all) != 65535 {
		t.Fatalf("full range: %d ports, %v", len(all), err)
	}
}

func TestParsePortsErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "empty"},
		{"80,", "empty element"},
		{",80", "empty element"},
		{"0", "out of range"},
		{"65536", "out of range"},
		{"100-50", "ends before it starts"},
		{"80-", "empty port"},
		{"80-x", "invalid port"},
		{"mongo", "unknown port or name"},
		{"1e3", "invalid port"},
		{"-5", "unknown port or name"},
	}
	for _, tt := range tests {
		_, err := ParsePorts(tt.in, map[string][]int{"bad": {0}})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParsePorts(%q) error = %v, want it to mention %q", tt.in, err, tt.want)
		}
		if err != nil && !strings.Contains(err.Error(), tt.in) {
			t.Errorf("error %q does not name the list", err)
		}
	}
	if _, err := ParsePorts("bad", map[string][]int{"bad": {0}}); err == nil {
		t.Error("a name mapping to port 0 was accepted")
	}
}
