package redis

import (
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store/vuln"
)

// cves are Redis's published vulnerabilities that matter to an exposed server. Sources:
// the "Open source Redis security fixes compatibility" lists in Redis's own release
// notes (redis/docs, content/operate/rs/release-notes: which CVE each OSS release
// fixed), the OSS release announcements (redis/redis pull requests "Release 7.2.6",
// "Redis 7.2.7"; redis/docker-library-redis "Update redis to 6.2.20, 7.2.11 and 7.4.6"
// and "Update Redis versions for CVE security fixes" for 6.2.19/7.2.10/7.4.5), and
// Debian DSA-5610 for the 7.0.x fixes. Fixed lists the first fixed release of each
// branch; a branch absent from the list and older than the newest fixed one never got
// the fix (7.0 and 6.0 after their end of life).
var cves = []vuln.CVE{
	{ID: "CVE-2025-49844", Severity: finding.Critical, Fixed: []string{"6.2.20", "7.2.11", "7.4.6", "8.0.4", "8.2.2"},
		Ref:     "https://github.com/redis/redis/security/advisories/GHSA-4789-qfc9-5f9q",
		Summary: `"RediShell": a Lua script can trigger a use-after-free in the Lua parser and run code on the host`},
	{ID: "CVE-2025-46817", Severity: finding.High, Fixed: []string{"6.2.20", "7.2.11", "7.4.6", "8.0.4", "8.2.2"},
		Summary: "a Lua script can overflow an integer in unpack() and corrupt memory, possibly running code"},
	{ID: "CVE-2025-46818", Severity: finding.Medium, Fixed: []string{"6.2.20", "7.2.11", "7.4.6", "8.0.4", "8.2.2"},
		Summary: "a Lua script can run in the context of another user through unprotected metatables"},
	{ID: "CVE-2025-46819", Severity: finding.Medium, Fixed: []string{"6.2.20", "7.2.11", "7.4.6", "8.0.4", "8.2.2"},
		Summary: "a Lua script can read out of bounds and crash the server"},
	{ID: "CVE-2025-32023", Severity: finding.High, Fixed: []string{"6.2.19", "7.2.10", "7.4.5", "8.0.3"}, Introduced: "2.8",
		Summary: "a crafted string makes HyperLogLog commands write out of bounds, possibly running code"},
	{ID: "CVE-2025-48367", Severity: finding.Medium, Fixed: []string{"6.2.19", "7.2.10", "7.4.5", "8.0.3"},
		Summary: "an unauthenticated connection can make the server stop accepting connections (denial of service)"},
	{ID: "CVE-2025-21605", Severity: finding.High, Fixed: []string{"6.2.18", "7.2.8", "7.4.3"},
		Summary: "an unauthenticated client can grow its output buffer until the server runs out of memory"},
	{ID: "CVE-2024-46981", Severity: finding.High, Fixed: []string{"6.2.17", "7.2.7", "7.4.2"},
		Summary: "a Lua script can manipulate the garbage collector into a use-after-free and run code"},
	{ID: "CVE-2024-51741", Severity: finding.Medium, Fixed: []string{"7.2.7", "7.4.2"}, Introduced: "7.0.0",
		Summary: "a malformed ACL selector crashes the server"},
	{ID: "CVE-2024-31449", Severity: finding.High, Fixed: []string{"6.2.16", "7.2.6", "7.4.1"}, Introduced: "2.8.18",
		Summary: "a Lua script can overflow the stack in the bit library, possibly running code"},
	{ID: "CVE-2024-31228", Severity: finding.Medium, Fixed: []string{"6.2.16", "7.2.6", "7.4.1"},
		Summary: "long match patterns (KEYS, SCAN, PSUBSCRIBE, …) recurse without bound and crash the server"},
	{ID: "CVE-2024-31227", Severity: finding.Medium, Fixed: []string{"7.2.6", "7.4.1"}, Introduced: "7.0.0",
		Summary: "a malformed ACL selector makes the server crash (denial of service)"},
	{ID: "CVE-2023-41056", Severity: finding.High, Fixed: []string{"7.0.15", "7.2.4"}, Introduced: "7.0.9",
		Summary: "wrong accounting when resizing memory buffers leads to a heap overflow and possibly code execution"},
	{ID: "CVE-2023-45145", Severity: finding.Low, Fixed: []string{"6.2.14", "7.0.14", "7.2.2"},
		Summary: "the Unix socket is briefly reachable with permissive permissions at start-up"},
	{ID: "CVE-2023-41053", Severity: finding.Low, Fixed: []string{"7.0.13", "7.2.1"}, Introduced: "7.0.0",
		Summary: "SORT_RO reads keys the user's ACL does not allow"},
	{ID: "CVE-2023-36824", Severity: finding.High, Fixed: []string{"7.0.12"}, Introduced: "7.0.0",
		Summary: "extracting key names (COMMAND GETKEYS, ACL key patterns) can overflow the heap, possibly running code"},
	{ID: "CVE-2022-24834", Severity: finding.High, Fixed: []string{"6.0.20", "6.2.13", "7.0.12"}, Introduced: "2.6",
		Summary: "a Lua script can overflow the heap in the cjson and cmsgpack libraries, possibly running code"},
	{ID: "CVE-2023-28856", Severity: finding.Medium, Fixed: []string{"6.2.12", "7.0.11"},
		Summary: "HINCRBYFLOAT can create an invalid hash field that crashes the server"},
	{ID: "CVE-2023-28425", Severity: finding.Medium, Fixed: []string{"7.0.10"}, Introduced: "7.0.8",
		Summary: "a crafted MSETNX command triggers an assertion and stops the server"},
	{ID: "CVE-2023-25155", Severity: finding.Medium, Fixed: []string{"6.2.11", "7.0.9"},
		Summary: "SRANDMEMBER, ZRANDMEMBER and HRANDFIELD overflow an integer and stop the server"},
	{ID: "CVE-2022-36021", Severity: finding.Medium, Fixed: []string{"6.2.11", "7.0.9"},
		Summary: "crafted match patterns (KEYS, SCAN) make the server hang at 100% CPU"},
	{ID: "CVE-2023-22458", Severity: finding.Medium, Fixed: []string{"6.2.9", "7.0.8"},
		Summary: "HRANDFIELD and ZRANDMEMBER overflow an integer and stop the server"},
	{ID: "CVE-2022-35977", Severity: finding.Medium, Fixed: []string{"6.2.9", "7.0.8"},
		Summary: "SETRANGE and SORT overflow an integer and drive the server into an out-of-memory panic"},
	{ID: "CVE-2022-35951", Severity: finding.High, Fixed: []string{"7.0.5"}, Introduced: "7.0.0",
		Summary: "a crafted XAUTOCLAIM COUNT overflows the heap, possibly running code"},
	{ID: "CVE-2022-31144", Severity: finding.High, Fixed: []string{"7.0.4"}, Introduced: "7.0.0",
		Summary: "a crafted XAUTOCLAIM overflows the heap, possibly running code"},
	{ID: "CVE-2022-24735", Severity: finding.High, Fixed: []string{"6.2.7", "7.0.0"},
		Summary: "Lua code can be injected to run with another user's (possibly higher) privileges"},
	{ID: "CVE-2022-24736", Severity: finding.Medium, Fixed: []string{"6.2.7", "7.0.0"},
		Summary: "loading a crafted Lua script dereferences a NULL pointer and crashes the server"},
	{ID: "CVE-2021-32675", Severity: finding.High, Fixed: []string{"5.0.14", "6.0.16", "6.2.6"},
		Summary: "unauthenticated clients can exhaust memory with requests announcing many elements (denial of service)"},
	{ID: "CVE-2021-32626", Severity: finding.High, Fixed: []string{"5.0.14", "6.0.16", "6.2.6"},
		Summary: "crafted Lua scripts overflow the heap, possibly running code"},
	{ID: "CVE-2021-32672", Severity: finding.Medium, Fixed: []string{"5.0.14", "6.0.16", "6.2.6"},
		Summary: "the Lua debugger reads random heap memory"},
	{ID: "CVE-2021-41099", Severity: finding.Medium, Fixed: []string{"5.0.14", "6.0.16", "6.2.6"},
		Summary: "with a large proto-max-bulk-len, string commands and network payloads overflow the heap"},
	{ID: "CVE-2021-32627", Severity: finding.Medium, Fixed: []string{"5.0.14", "6.0.16", "6.2.6"},
		Summary: "with a large proto-max-bulk-len and client-query-buffer-limit, streams overflow the heap"},
	{ID: "CVE-2021-32628", Severity: finding.Medium, Fixed: []string{"5.0.14", "6.0.16", "6.2.6"},
		Summary: "with large ziplist limits, ziplist-encoded types overflow the heap"},
	{ID: "CVE-2021-32687", Severity: finding.Medium, Fixed: []string{"5.0.14", "6.0.16", "6.2.6"},
		Summary: "with a large set-max-intset-entries, intsets overflow the heap"},
	{ID: "CVE-2021-32761", Severity: finding.High, Fixed: []string{"5.0.13", "6.0.15", "6.2.5"}, Introduced: "2.2",
		Summary: "BITFIELD overflows an integer and corrupts the heap, possibly running code"},
	{ID: "CVE-2021-32625", Severity: finding.High, Fixed: []string{"6.0.14", "6.2.4"}, Introduced: "6.0.0",
		Summary: "STRALGO LCS overflows an integer and corrupts the heap, possibly running code"},
	{ID: "CVE-2021-29477", Severity: finding.High, Fixed: []string{"6.0.13", "6.2.3"}, Introduced: "6.0.0",
		Summary: "STRALGO LCS overflows an integer and corrupts the heap, possibly running code"},
	{ID: "CVE-2015-4335", Severity: finding.Critical, Fixed: []string{"2.8.21", "3.0.2"},
		Summary: "EVAL accepts precompiled Lua bytecode, which escapes the sandbox and runs code on the host"},
}

var vulnReport = vuln.Report{
	Rule: "redis-known-vulnerabilities", Product: "Redis",
	DefaultRef: "https://github.com/redis/redis/security/advisories",
	Remediation: "Upgrade to a maintained Redis release that carries every fix listed (6.2.20, 7.2.11, 7.4.6, 8.0.4, 8.2.2 or " +
		"newer); until then require a password, keep the port off untrusted networks, and deny EVAL/EVALSHA/FUNCTION " +
		"to accounts that do not need scripting (most of the list is reachable only through Lua scripts).",
	Note: "Matched on the self-reported version: distributions (Debian, Ubuntu, RHEL) backport fixes without changing " +
		"it, so check the installed package's changelog before concluding.",
}
