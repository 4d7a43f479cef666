package detect

import (
	"strings"
	"testing"
)

// A name,value table's header is a line of its own: the walk up from a row reads whole
// lines, and a line of more than 512 bytes is none of the table's (its last 512 bytes
// ending in ",value" are no header, and the walk does not go on from inside it).
func TestStruct37NameValueLongLineAbove(t *testing.T) {
	row := "db_password,Gull$ward772\n"
	held5Want(t, []held5Case{
		{strings.Repeat("x", 600) + "\nname,value\n" + row, "password-assignment", "Gull$ward772"},
	})
	h11Quiet(t, []string{
		strings.Repeat("x", 600) + " name,value\n" + row, // the header's cells end a long line
		"name,value\n" + strings.Repeat("x", 600) + "\n" + row,
		"name,value\n" + strings.Repeat("y", 520) + "z,value\n" + row,
	})
}
