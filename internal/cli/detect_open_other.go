//go:build !unix

package cli

import "os"

// openForScan opens a file to be read once.
func openForScan(path string) (*os.File, error) { return os.Open(path) }
