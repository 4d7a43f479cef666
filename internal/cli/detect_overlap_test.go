package cli

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/detect"
	"github.com/leakwatch/leakwatch/internal/unpack"
)

// overlapZip is a zip of one deflated member, data, whose central directory lists it n
// times under n names (m0000.env, m0001.env, ...): every entry points at the same bytes.
func overlapZip(t *testing.T, data []byte, n int) []byte {
	t.Helper()
	z := mkZip(t, member{"m0000.env", data})
	eocd := len(z) - 22
	if binary.LittleEndian.Uint32(z[eocd:]) != 0x06054b50 {
		t.Fatal("no end of central directory record at the end")
	}
	cdOff := int(binary.LittleEndian.Uint32(z[eocd+16:]))
	entry := z[cdOff:eocd]
	name := []byte("m0000.env")
	at := bytes.Index(entry, name)
	if at < 0 {
		t.Fatal("member name not in its central directory entry")
	}
	out := append([]byte(nil), z[:cdOff]...)
	for i := range n {
		e := append([]byte(nil), entry...)
		copy(e[at:], fmt.Sprintf("m%04d.env", i))
		out = append(out, e...)
	}
	end := append([]byte(nil), z[eocd:]...)
	binary.LittleEndian.PutUint16(end[8:], uint16(n))
	binary.LittleEndian.PutUint16(end[10:], uint16(n))
	binary.LittleEndian.PutUint32(end[12:], uint32(len(out)-cdOff))
	return append(out, end...)
}

// TestDetectOverlappingZipBomb: a zip whose entries all point at one deflated member (a
// 1 MiB text, inflated 2000 times over from 30 KiB) is read once: the entries that
// share its bytes are left out with one warning, and what is read is one member's.
// Before, the walk inflated the member once an entry, up to the byte cap (1 GiB by
// default: 20 s and 500 MB for a 42 KB file).
func TestDetectOverlappingZipBomb(t *testing.T) {
	conf, _ := secretConf()
	text := []byte(conf + strings.Repeat("filler line without any secret in it\n", (1<<20)/37))
	zb := overlapZip(t, text, 2000)
	if len(zb) > 256<<10 {
		t.Fatalf("bomb of %d bytes", len(zb))
	}
	dir := t.TempDir()
	p := putFile(t, dir, "overlap.zip", zb)
	var w fileWorker
	w.unpack.Limits = unpack.Limits{Depth: 3, Bytes: 64 << 20, Members: 100_000, MemberBytes: 256 << 20}
	var warned []string
	w.unpack.Warn = func(name, msg string) { warned = append(warned, name+": "+msg) }
	fs, err := w.scanFile(detect.Default(), false, p, true)
	if err != nil {
		t.Fatal(err)
	}
	if got := w.unpack.Read; got > int64(len(text))+1 {
		t.Errorf("read %d bytes out of the bomb, one member is %d", got, len(text))
	}
	if len(warned) != 1 || !strings.Contains(warned[0], "1999 members") || !strings.Contains(warned[0], "overlapping") {
		t.Errorf("warnings: %q", warned)
	}
	n := 0
	for _, f := range fs {
		if f.f.Rule == "github-pat" {
			n++
			if !strings.HasSuffix(f.f.File, "!m0000.env") {
				t.Errorf("finding in %s", filepath.Base(f.f.File))
			}
		}
	}
	if n != 1 {
		t.Errorf("%d github-pat findings, want the first member's", n)
	}
}
