//go:build race

package unpack

const raceEnabled = true
