// Package identify is the identification stage of a scan: it decides what answers on
// an open port — which data store, or else what kind of service (ssh, http, tls, smtp,
// …, unknown) — from one first contact shared by every product, before any product's
// access check or inventory runs. It is how nmap's service detection and LZR keep
// fingerprinting cheap, with the products' fingerprints declared as data
// (store.Fingerprints) and run here.
//
// The first contact of a port:
//
//  1. Connect and listen. A service that speaks first (SSH, MySQL/MariaDB, SMTP, FTP,
//     NATS, …) is named from its banner. leakwatch waits the whole --banner-wait only on
//     ports whose usual service speaks first (3306, 22, 25, …); elsewhere it speaks after
//     a pause of a few connect round trips (at least 100 ms): a banner sent later still
//     arrives before the answer to what leakwatch said.
//  2. Speak once on that connection: "GET / HTTP/1.0" — whose answer every HTTP product
//     is matched against at once, and which Redis, MongoDB and ClickHouse's native port
//     answer recognisably too — or, on a port a binary product claims (6379, 5432,
//     27017, 11211), that product's hello. No Host header is sent unless the target was
//     given by name: Redis treats a "Host:" line as a cross-protocol attack and logs it.
//  3. A port that closed, answered in no known way, or has said nothing within the
//     banner wait gets the remaining openings — a TLS ClientHello (TLS is detected once,
//     and steps 1–3 repeated inside it), then the products' binary hellos, those of the
//     products claiming the port first — a few at a time on connections of their own,
//     within a small bound per host, all within one I/O timeout. A silent port is so
//     decided after one banner wait plus one round of hellos: at most 4 connections and
//     --banner-wait + --io-timeout.
package identify
