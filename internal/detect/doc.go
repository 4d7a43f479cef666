// Package detect finds secrets and personal data in text: API keys and tokens of some
// 200 kinds, private keys, connection strings and passwords, e-mail addresses, phone
// numbers, payment cards, IBANs, national IDs and IP addresses. It also classifies a
// column's values as chat transcripts, and redacts what it finds.
//
// # How a scan works
//
// Every rule registers short literals (anchors) that any match must contain: a token's
// prefix ("ghp_", "sk-ant-api03-"), a key name ("password", "aws_secret"), a structural
// mark ("://", "-----BEGIN ", "@", a run of six digits). All anchors are compiled into one
// Aho–Corasick automaton over a folded alphabet (ASCII case folded, every digit folded to
// '0'), run as a dense DFA, four independent walks at a time on large inputs. That pass
// costs about a nanosecond a byte and is the only work done on most of the input.
//
// Each anchor hit wakes its detector, which confirms the anchor exactly and reads only a
// small window around it: a hand-written matcher or a regular expression for token
// formats, an assignment parser that understands JSON, JSON nested in JSON strings
// (\"key\": \"value\"), YAML, env files, URL query strings and their URL-encoded forms,
// and dedicated parsers for PEM blocks (with real or escaped line breaks), URLs,
// JWTs, Authorization headers and numbers. Validators reject look-alikes: CRC32
// checksums of GitHub and npm tokens, Luhn and issuer ranges for cards, mod 97 for IBANs,
// the check digit and birth date of PRC IDs, and a placeholder filter for documentation
// keys, masks, template expressions and environment references.
//
// Formats that are too plain to trust alone (an AWS secret key is 40 base64 characters;
// a DeepSeek key is "sk-" and 32 hex digits) are accepted only with context: the name of
// the key they are assigned to, or a provider's name nearby. Context words are recorded
// during the same pass and checked once it is over, so they may come before or after the
// value. Overlapping matches are settled in favour of the most specific rule.
//
// Rules are data (rules_*.go): each carries examples it must match and look-alikes it
// must not, written as templates that ExpandExample fills with generated text, so no
// credential is stored in the source. TestRuleExamples runs them all.
package detect
