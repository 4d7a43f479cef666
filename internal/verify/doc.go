// Package verify asks a found secret's issuer whether the secret still works (opt-in:
// `--verify`). Each verifier calls one documented, read-only identity endpoint of its
// issuer — the cheapest call that proves the key is accepted, never one that changes
// anything or costs the owner money — and turns the answer into a verdict: live (the
// issuer accepted it), revoked (the issuer says it is invalid, revoked or expired) or
// unknown (no verifier, a paired value missing, the issuer unreachable or rate-limiting,
// an answer the verifier does not recognise).
//
// Safety, in the order a request meets it:
//   - A secret goes only to its own issuer: every verifier declares the fixed host names
//     it may contact and the client refuses any other. No host is ever taken from the
//     scanned data; where the issuer's host depends on the tenant (Okta, Shopify,
//     Supabase projects, Azure storage accounts, Jira sites) the verdict is unknown, with
//     that reason, and nothing is sent.
//   - HTTPS with the system's certificate roots, no proxy, no redirect followed to any
//     other host (a redirect is an unknown verdict).
//   - One global rate limit, at most one or two requests in flight per issuer, a timeout
//     on every request, response bodies read up to a cap, and no retries: a rate-limited
//     or failed request is an unknown verdict, so verification never holds a scan.
//   - An issuer that cannot be reached once is not asked again in the run, and after a
//     few unreachable issuers with no answer from any, the runner concludes it is offline
//     and answers unknown at once.
//   - Each distinct secret (with its paired values) is asked about once per run.
//   - Requests are logged (info level) by method, host and path; a path that holds the
//     secret (Telegram, Discord webhooks) is logged with the secret replaced, and every
//     error text is scrubbed of the secret before it reaches a log or a report.
//   - What an issuer returns is untrusted text: identities are clipped and control
//     characters dropped here, and every output sink sanitises them again.
//
// The verifiers and the responses they rely on are listed, with links to the issuers'
// documentation, in docs/verifiers.md, which a test regenerates from the registry.
package verify
