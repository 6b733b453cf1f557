package safefile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// CheckSet: a plain directory, new or existing, is written as a set; a
// file is refused; parents are made. (Mount points and read-only mounts:
// TestOutMounts in cmd/ann, in a mount namespace of its own.)
func TestCheckSet(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{dir, filepath.Join(dir, "new", "deeper")} {
		p, err := CheckSet(d)
		if err != nil || p.FileByFile || p.Dir != d {
			t.Errorf("CheckSet(%s) = %+v, %v; want a set, no error", d, p, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "new")); err != nil {
		t.Errorf("CheckSet did not make the parent: %v", err)
	}
	if _, err := CheckSet(file); err == nil || !strings.Contains(err.Error(), "it exists and is not a directory") {
		t.Errorf("CheckSet(a file): %v, want it refused", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("CheckSet left %v in %s, want only file and new", entries, dir)
	}
}

func TestUnescapeMount(t *testing.T) {
	for in, want := range map[string]string{
		`/mnt/a\040b`:   "/mnt/a b",
		`/plain`:        "/plain",
		`/back\134sla`:  `/back\sla`,
		`/short\04`:     `/short\04`,
		`/tab\011end\n`: "/tab\tend\\n",
	} {
		if got := unescapeMount(in); got != want {
			t.Errorf("unescapeMount(%q) = %q, want %q", in, got, want)
		}
	}
}
