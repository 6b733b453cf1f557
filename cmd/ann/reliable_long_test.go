//go:build long

package main

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Under a 4 GB address-space limit, every cap gives a message, never a Go
// fatal error.
func TestMemoryLimit(t *testing.T) {
	prlimit, err := exec.LookPath("prlimit")
	if err != nil {
		t.Skip("prlimit is not installed")
	}
	bin := buildAnn(t)
	dir := t.TempDir()
	sparse := filepath.Join(dir, "big.npz")
	f, _ := os.Create(sparse)
	f.Truncate(6 << 30)
	f.Close()
	csv := filepath.Join(dir, "x.csv")
	os.WriteFile(csv, []byte("x1,x2\n1,2\n"), 0o644)
	for _, tt := range []struct {
		args []string
		want string
	}{
		// Within the budget (an estimated 1.4 GiB, the engine's workspaces
		// included), the run completes.
		{[]string{"train", "-q", "-layers", "2,60000,2", "-alpha", "0.0001", "-iters", "2"}, "after training"},
		{[]string{"train", "-layers", "2,100000,2", "-n", "10000"}, "budget"},
		{[]string{"train", "-layers", "2,100000,2", "-out", filepath.Join(dir, "out")}, "budget"},
		{[]string{"train", "-iters", "1000000000"}, "budget"},
		{[]string{"data", "-n", "67108864"}, "budget"},
		{[]string{"predict", "-model", sparse, "-data", csv}, "more than a file of at most"},
		{[]string{"predict", "-model", "/dev/zero", "-data", csv}, "not a regular file"},
	} {
		args := append([]string{"--as=4000000000", bin}, tt.args...)
		cmd := exec.Command(prlimit, args...)
		done := make(chan struct{})
		var outb []byte
		go func() { outb, _ = cmd.CombinedOutput(); close(done) }()
		select {
		case <-done:
		case <-time.After(2 * time.Minute):
			cmd.Process.Kill()
			<-done
		}
		s := string(outb)
		wantCode := 2
		if tt.want == "after training" {
			wantCode = 0
		}
		if strings.Contains(s, "fatal error") || !strings.Contains(s, tt.want) || cmd.ProcessState.ExitCode() != wantCode {
			t.Errorf("ann %s under prlimit --as=4000000000: exit %d, output %q; want %d and %q", strings.Join(tt.args, " "), cmd.ProcessState.ExitCode(), s, wantCode, tt.want)
		}
	}
}

// A command busy where it does not check for signals is ended a moment
// after SIGINT, with the same line and status: gradcheck -v writing 5000
// lines into a pipe that nobody reads, blocked once the pipe is full (before
// the work budget, a huge gradcheck did this; now it cannot run that long).
func TestInterruptBusy(t *testing.T) {
	bin := buildAnn(t)
	cmd := exec.Command(bin, "gradcheck", "-v", "-layers", "2,1000,2", "-m", "1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Its first line says it is running (its signal handling installed, on
	// a machine however loaded); after that the pipe is never read again.
	if _, err := bufio.NewReader(stdout).ReadString('\n'); err != nil {
		t.Fatalf("gradcheck -v printed no first line: %v", err)
	}
	time.Sleep(200 * time.Millisecond) // let it fill the pipe and block
	cmd.Process.Signal(syscall.SIGINT)
	err = cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 {
		t.Errorf("exit %v, want status 130", err)
	}
	if s := stderr.String(); s != "ann gradcheck: interrupted; nothing written\n" {
		t.Errorf("stderr %q, want the one line", s)
	}
}
