package detect

import "testing"

// A password file printed by cat between two prompts.
func TestCatSecretFile(t *testing.T) {
	held5Want(t, []held5Case{
		{"root@pve1:~# cat /etc/pve/priv/storage/nas-backup.pw\nTq7v+PzXh\\50\nroot@pve1:~# ls\n", "password-assignment", "Tq7v+PzXh\\50"},
		{"$ cat /run/secrets/db_password\nharbin sylhet 85@\n$ exit\n", "password-assignment", "harbin sylhet 85@"},
	})
	h11Quiet(t, []string{
		"root@h:~# cat /etc/passwd\nroot:x:0:0:root:/root:/bin/bash\nroot@h:~# ls\n",
		"$ cat notes.txt\nQz7!marlin2\n$ exit\n",
		"$ cat /run/secrets/db_password\nline one\nline two\n$ exit\n",
	})
}
