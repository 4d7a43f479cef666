package detect

import "testing"

// Identity numbers in their printed forms stand without a word naming them, in any
// language's sentence or record; a wrong check digit, a version string or a longer
// dotted run does not.
func TestNationalIDPrintedForms(t *testing.T) {
	held5Want(t, []held5Case{
		{"Kiiwa kyange: 756.6891.7692.64", "national-id", "756.6891.7692.64"},
		{`{"note": "ref 529.982.247-25 ok"}`, "national-id", "529.982.247-25"},
		{"fornecedor 11.222.333/0001-81", "national-id", "11.222.333/0001-81"},
		{"<v>94.08.28-980.16</v>", "national-id", "94.08.28-980.16"},
		{"ཨང་གྲངས་ 20.345.676-K", "national-id", "20.345.676-K"},
		{"rol 7.345.672-k.", "national-id", "7.345.672-k"},
	})
	held5Quiet(t, []string{
		"Kiiwa kyange: 756.6891.7692.65",
		"ref 529.982.247-26",
		"fornecedor 11.222.333/0001-82",
		"version 756.6891.7692.64",
		"release 529.982.247-25",
		"1.756.6891.7692.64",
		"529.982.247-25.7",
		"ཨང་གྲངས་ 20.345.677-K",
		"20.345.676-KB",
	}, "national-id")
}
