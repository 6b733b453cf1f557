//go:build long

package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// addressLimit is the address space the bounded commands run in: what a
// 4 GB machine, or a container limited to it, gives a process.
const addressLimit = "4000000000"

// TestBoundedCommands runs commands whose work or memory would be far past
// ann's budgets under prlimit --as=4000000000: each must refuse in one line,
// with exit 2, within seconds, naming a size that fits, rather than compute
// for minutes, print megabytes or die of a fatal out-of-memory error.
func TestBoundedCommands(t *testing.T) {
	bin := buildAnn(t)
	prlimit, err := exec.LookPath("prlimit")
	if err != nil {
		t.Skip("prlimit (util-linux) is not installed: the address-space limit cannot be set")
	}
	dir := t.TempDir()
	big := filepath.Join(dir, "big.npz")
	writeZeroModel(t, big, []int{2, 10000, 10000, 2}) // 100,060,002 weights, 800 MB
	csv := filepath.Join(dir, "x.csv")
	if err := os.WriteFile(csv, []byte("0.1,0.2,0\n0.3,0.4,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string // in the one line of stderr
	}{
		{[]string{"gradcheck", "-layers", "2,100000,2"}, "more than ann's budget of 1e+09: -layers 2,999,2 fits"},
		{[]string{"gradcheck", "-m", "1000000"}, "-m 76946 fits"},
		{[]string{"gradcheck", "-lambda", "1e300"}, "-lambda 1e+300: the regularization term's gradient would be"},
		{[]string{"gradcheck", "-lambda", "1.7e308", "-m", "1"}, "the cost J at these weights is +Inf"},
		{[]string{"trace", "-layers", "2,1000000,2"}, "-layers 2,3161,2 fits (hidden layer 2 at most 3161 units)"},
		{[]string{"trace", "-layers", "2,1000,2", "-m", "50"}, "-layers 2,446,2 fits"},
		{[]string{"trace", "-model", big, "-data", csv}, "a network of at most 15811 weights fits"},
		{[]string{"predict", "-model", big, "-data", csv}, "more than ann's budget of 2 GiB: the model's 100060002 weights need most of it"},
	} {
		t.Run(strings.Join(tc.args[:1], " "), func(t *testing.T) {
			cmd := exec.Command(prlimit, append([]string{"--as=" + addressLimit, bin}, tc.args...)...)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			start := time.Now()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err = <-done:
			case <-time.After(60 * time.Second):
				cmd.Process.Kill()
				<-done
				t.Fatalf("ann %v still running after a minute", tc.args)
			}
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 2 {
				t.Errorf("ann %v: %v, want exit status 2\nstderr: %.500s", tc.args, err, stderr.String())
			}
			lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
			if len(lines) != 1 || !strings.Contains(lines[0], tc.want) {
				t.Errorf("ann %v: stderr %.500q, want one line containing %q", tc.args, stderr.String(), tc.want)
			}
			if stdout.Len() != 0 {
				t.Errorf("ann %v: wrote %d bytes to stdout, want none", tc.args, stdout.Len())
			}
			if tc.args[0] == "predict" {
				// docs/reliability.md quotes this line (wrapped).
				b, err := os.ReadFile(filepath.Join("..", "..", "docs", "reliability.md"))
				if err != nil {
					t.Fatal(err)
				}
				doc := strings.Join(strings.Fields(string(b)), " ")
				if line := strings.TrimSpace(stderr.String()); !strings.Contains(doc, line) {
					t.Errorf("docs/reliability.md does not quote what predict prints now:\n%s", line)
				}
			}
			t.Logf("ann %v: %v", tc.args, time.Since(start).Round(time.Millisecond))
		})
	}
}

// writeZeroModel writes a model file of a network of the given sizes with
// all weights 0, deflated: a few hundred kB however many weights it holds,
// as numpy.savez_compressed writes a network of zeros.
func writeZeroModel(t *testing.T, path string, sizes []int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	zeros := make([]byte, 1<<20)
	for l := 1; l < len(sizes); l++ {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("Theta%d.npy", l), Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		rows, cols := sizes[l], sizes[l-1]+1
		h := fmt.Sprintf("{'descr': '<f8', 'fortran_order': False, 'shape': (%d, %d), }", rows, cols)
		h += strings.Repeat(" ", (64-(10+len(h)+1)%64)%64) + "\n"
		w.Write([]byte{0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, byte(len(h)), byte(len(h) >> 8)})
		w.Write([]byte(h))
		for left := 8 * rows * cols; left > 0; left -= len(zeros) {
			if _, err := w.Write(zeros[:min(left, len(zeros))]); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
