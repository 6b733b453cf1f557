//go:build long

package dataset

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestGzipBombUnderPrlimit reads the bombs with ReadCSV in a child process
// whose address space prlimit caps at 4 GB: each must end with the cap's
// error, not with the Go runtime's fatal "out of memory".
func TestGzipBombUnderPrlimit(t *testing.T) {
	if dir := os.Getenv("DATASET_BOMB_DIR"); dir != "" {
		// The child: read the bombs, print the errors.
		for _, name := range []string{"rows.csv.gz", "line.csv.gz"} {
			_, err := ReadCSV(filepath.Join(dir, name))
			if err == nil || !errors.Is(err, ErrTooLarge) {
				t.Fatalf("ReadCSV(%s): error %v, want one of the caps", name, err)
			}
			t.Log(err)
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		t.Logf("memory obtained from the OS: %.0f MB (MemStats.Sys)", float64(ms.Sys)/1e6)
		return
	}
	if testing.Short() {
		t.Skip("reads tens of megabytes")
	}
	prlimit, err := exec.LookPath("prlimit")
	if err != nil {
		t.Skip("no prlimit")
	}
	// Under an emulator (GOARCH=arm64 go test -exec qemu-aarch64-static,
	// say) this test runs but cannot start its own binary again.
	if err := exec.Command(os.Args[0], "-test.run=^$").Run(); err != nil {
		t.Skipf("the test binary cannot be started again on this machine: %v", err)
	}
	dir := t.TempDir()
	for name, b := range map[string][]byte{"rows.csv.gz": rowsBomb(t), "line.csv.gz": lineBomb(t)} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(prlimit, "--as=4000000000", os.Args[0], "-test.run=^TestGzipBombUnderPrlimit$", "-test.v")
	cmd.Env = append(os.Environ(), "DATASET_BOMB_DIR="+dir)
	out, err := cmd.CombinedOutput()
	t.Logf("child under prlimit --as=4000000000:\n%s", out)
	if err != nil {
		t.Fatalf("child: %v", err)
	}
	for _, want := range []string{"rows.csv.gz:3355444: more than 33554432 numbers", "line.csv.gz:1: line longer than 1048576 bytes"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("child's output lacks %q", want)
		}
	}
}
