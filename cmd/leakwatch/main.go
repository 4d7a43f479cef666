// Command leakwatch finds data stores left open on a network, proves what they leak with
// read-only bounded queries, and watches them over time.
package main

import (
	"os"

	"github.com/leakwatch/leakwatch/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
