// Package target turns what the user typed into the set of endpoints a scan may touch.
//
// Specs (ParseSpec, ReadList) name host names, addresses, CIDR blocks, ranges, host:port
// pairs and URLs; ReadList also reads other scanners' output (nmap, masscan, naabu, zmap;
// imports.go), whose open ports come as specs marked Open. Build resolves names (once a
// name: OnceResolver), subtracts exclusions on every path, IPv6 forms of excluded IPv4
// addresses included (embed.go), de-duplicates
// overlapping specs and checks an address cap, giving a Set that is at once:
//
//   - the work list: Set.All is a lazy iterator over store.Endpoint, in address order or in
//     a seeded pseudo-random permutation that spreads load over hosts and subnets, with an
//     exact Set.Count computed without materialising anything (a /8 is one interval);
//   - the scope: Set.Contains and Set.ContainsAddr tell a dialer whether it may connect;
//   - one shard of a larger job (Shard): membership is a fixed hash of the address, so n
//     machines given the same targets cover them exactly once between them.
//
// Sets store intervals of a 128-bit address space (IPv4 mapped into it), so their memory
// grows with the number of specs and resolved names, never with the size of blocks.
package target
