package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// readmeSection returns the text of README.md's section that starts with the
// heading title, up to the next heading of its level.
func readmeSection(t *testing.T, title string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, s, ok := strings.Cut(string(b), "\n## "+title+"\n")
	if !ok {
		t.Fatalf("README.md has no section %q", title)
	}
	s, _, _ = strings.Cut(s, "\n## ")
	return s
}

// The Go program of README's "Using the packages" compiles exactly as shown,
// and prints what the README says it prints.
func TestReadmeProgram(t *testing.T) {
	t.Parallel()
	sec := readmeSection(t, "Using the packages")
	_, code, ok := strings.Cut(sec, "```go\n")
	if !ok {
		t.Fatal("README's Using the packages has no ```go block")
	}
	code, rest, _ := strings.Cut(code, "```")
	_, want, ok := strings.Cut(rest, "```text\n")
	if !ok {
		t.Fatal("README's Using the packages shows no ```text output after its program")
	}
	want, _, _ = strings.Cut(want, "```")
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build README's program with")
	}
	// A directory inside the module (so that its imports resolve), which
	// ./... skips for its leading underscore.
	dir, err := os.MkdirTemp(filepath.Join("..", ".."), "_readme")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "readme")
	build := exec.Command(goTool, "build", "-o", bin, "./"+filepath.Base(dir))
	build.Dir = filepath.Join("..", "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("README's program does not compile as shown: %v\n%s", err, out)
	}
	run := exec.Command(bin)
	run.Dir = t.TempDir() // it writes model.npz
	out, err := run.CombinedOutput()
	if err != nil {
		t.Fatalf("README's program: %v\n%s", err, out)
	}
	if string(out) != want {
		t.Errorf("README's program prints\n%s\nREADME says\n%s", out, want)
	}
}

// The commands README's Running section shows exist, with the flags they
// are shown with.
func TestReadmeCommands(t *testing.T) {
	t.Parallel()
	sec := readmeSection(t, "Running")
	n := 0
	for _, line := range strings.Split(sec, "\n") {
		cmd, ok := strings.CutPrefix(strings.TrimSpace(line), "go run ./cmd/ann ")
		if !ok {
			continue
		}
		cmd, _, _ = strings.Cut(cmd, "#")
		args := strings.Fields(cmd)
		n++
		if args[0] == "help" {
			continue
		}
		code, out, errs := runAnn(args[0], "-h")
		if code != 0 {
			t.Errorf("README runs ann %s, but ann %s -h exits %d: %s", args[0], args[0], code, errs)
			continue
		}
		for _, a := range args[1:] {
			if strings.HasPrefix(a, "-") && !strings.Contains(out, "\n  "+a+" ") && !strings.Contains(out, "\n  "+a+"\t") && !strings.Contains(out, "\n  "+a+"\n") {
				t.Errorf("README runs ann %s with %s, a flag it does not have", args[0], a)
			}
		}
	}
	if n < 10 {
		t.Errorf("README's Running section shows %d commands; did its format change?", n)
	}
}
