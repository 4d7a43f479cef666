package target

import "net/netip"

// ShardOf is the 1-based index of the shard of count that holds a: Shard{ShardOf(a, n),
// n}.Has(a) always holds. It lets one pass over a Set count every shard's addresses.
func ShardOf(a netip.Addr, count int) int {
	if count <= 1 {
		return 1
	}
	return 1 + int(addrHash(fromAddr(a.Unmap()))%uint64(count))
}
