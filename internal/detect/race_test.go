//go:build race

package detect

// raceEnabled scales the heaviest tests down under the race detector, which slows them
// tenfold without finding more.
const raceEnabled = true
