package detect

import "testing"

// TestTreeRound3Classes: the classes of false positives found by triaging every
// non-test secret finding of /usr/share/perl and /usr/lib/x86_64-linux-gnu/perl at
// 8759804 (realtrees3.go). Each example text must yield no secret; each leak text,
// which differs from it only in the signal the class reads, must still yield its rule
// and value: the test fails without the class and again if the class swallows the leak.
func TestTreeRound3Classes(t *testing.T) {
	checkTreeClasses(t, []treeClassCase{
		{class: "Configure's answer to a d_ probe",
			example: "d_getpwent='define'\nd_grpasswd='define'\nd_gethbyname='define'\n",
			leak:    "d_getpwent='define'\nd_grpasswd='Kestrel!4410'\nd_gethbyname='define'\n",
			rule:    "password-assignment", value: "Kestrel!4410"},
		{class: "Configure's answer to an i_ probe",
			example: "i_pthread='define'\ni_pwd='undef'\ni_quadmath='undef'\n",
			// the same answer under a key that is no Configure symbol
			leak: "i_pthread='define'\nadmin_pwd='undef4410'\ni_quadmath='undef'\n",
			rule: "password-assignment", value: "undef4410"},
		{class: "Perl's backticks: a command's output",
			example: "sub _os2_cwd {\n    my $pwd = `cmd /c cd`;\n    chomp $pwd;\n}\n",
			// the same command in a Markdown code span, no sigil: no command runs
			leak: "sub _os2_cwd {\n    pwd = `cmd /c cd`;\n    chomp $pwd;\n}\n",
			rule: "password-assignment", value: "cmd /c cd"},
		{class: "a module's name as a hash key",
			example: "    'Test2::Event::Ok'      => 'cpan',\n    'Test2::Event::Pass'    => 'cpan',\n    'Test2::Event::Plan'    => 'cpan',\n",
			leak:    "    'Test2::Event::Ok'      => 'cpan',\n    'Test2::Event::pass'    => 'cpan4410',\n    'Test2::Event::Plan'    => 'cpan',\n",
			rule:    "password-assignment", value: "cpan4410"},
		{class: "anonymous FTP's password with Net::FTP's leading dash",
			example: "      $pass = '-anonymous@'\n        if (!defined $pass && (!defined($ruser) || $ruser =~ /^anonymous/o));\n",
			leak:    "      $pass = '-kestrel@4410'\n        if (!defined $pass && (!defined($ruser) || $ruser =~ /^anonymous/o));\n",
			rule:    "password-assignment", value: "-kestrel@4410"},
		{class: "a list of upper-case status words in POD",
			example: "Get a single word describing the status of the aggregated tests.\nDepending on the outcome of the tests returns 'PASS', 'FAIL' or\n'NOTESTS'. This token is understood by L<CPAN::Reporter>.\n",
			leak:    "Get a single word describing the status of the aggregated tests.\nDepending on the outcome of the tests returns 'PASS', 'FAIL4410' or\n'NOTESTS'. This token is understood by L<CPAN::Reporter>.\n",
			rule:    "password-assignment", value: "FAIL4410"},
		{class: "upper-case words in a code list are not prose", example: "my $user = 'admin';\n",
			// round 2's unsorted keyword list: pairs or arguments, still read
			leak: "    tokens = ('PRINT', 'PASS', 'PAUSE', 'OPEN');\n", rule: "password-assignment", value: "PAUSE"},
		// Perl's own spellings of a hard-coded password stay found
		{class: "control: my $password", example: "my $user = 'admin';\n",
			leak: "my $password = 'Kestrel!4410';\n", rule: "password-assignment", value: "Kestrel!4410"},
		{class: "control: password => in a hash", example: "my %args = (user => 'admin');\n",
			leak: "my %args = (user => 'admin', password => 'Heron#2277x');\n", rule: "password-assignment", value: "Heron#2277x"},
		{class: "control: a package variable", example: "$Net::FTP::user = 'admin';\n",
			leak: "$Net::FTP::password = 'Heron#2277x';\n", rule: "password-assignment", value: "Heron#2277x"},
	})
}
