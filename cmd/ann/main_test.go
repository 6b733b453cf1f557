package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runAnn runs ann in-process and returns its exit status and output.
func runAnn(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestUsage(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{}, {"help"}} {
		code, out, errs := runAnn(args...)
		text := out + errs
		if !strings.Contains(text, "Usage: ann <command>") || !strings.Contains(text, "data ") {
			t.Errorf("ann %v prints %q, want the usage with the commands", args, text)
		}
		if want := map[bool]int{true: 2, false: 0}[len(args) == 0]; code != want {
			t.Errorf("ann %v exits %d, want %d", args, code, want)
		}
	}
}

// The package documentation lists every command with its summary.
func TestDocListsCommands(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range commands {
		if line := fmt.Sprintf("//\t%-10s %s\n", c.name, c.summary); !strings.Contains(string(src), line) {
			t.Errorf("the package doc lacks the line %q", line)
		}
	}
}

func TestData(t *testing.T) {
	t.Parallel()
	code, out, errs := runAnn("data", "-n", "3", "-noise", "0", "-data-seed", "5")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 || lines[0] != "x1,x2,label" {
		t.Fatalf("ann data -n 3 printed %q, want a header and 3 rows", out)
	}
	// Without noise the three points are the moons' ends and middle, shuffled;
	// 1 - sin(π) - 0.5 rounds to 0.4999999999999999, in numpy too.
	for _, want := range []string{"1,0,0\n", "0,0.5,1\n", "2,0.4999999999999999,1\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("output %q lacks the row %q", out, want)
		}
	}

	path := filepath.Join(t.TempDir(), "moons.csv")
	if code, _, errs := runAnn("data", "-o", path, "-first", "10"); code != 0 {
		t.Fatalf("ann data -o: exit %d, %s", code, errs)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, all, _ := runAnn("data")
	if want := strings.Join(strings.SplitAfter(all, "\n")[:11], ""); string(b) != want {
		t.Errorf("-o -first 10 wrote %q, want the first 10 rows of the full output %q", b, want)
	}
}

// Each mistake a user can make gives one line naming it, and exit status 2.
func TestBadInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"bogus"}, `unknown command "bogus"`},
		{[]string{"data", "-bogus"}, "flag provided but not defined: -bogus"},
		{[]string{"data", "-n", "0"}, "-n 0: want from 1 to 67108864 examples"},
		{[]string{"data", "-n", "10000000000"}, "-n 10000000000: want from 1 to 67108864 examples"},
		{[]string{"data", "-n", "ten"}, `invalid value "ten" for flag -n`},
		{[]string{"data", "-noise", "-0.5"}, "-noise -0.5: want a finite number >= 0"},
		{[]string{"data", "-noise", "NaN"}, "-noise NaN: want a finite number >= 0"},
		{[]string{"data", "-data-seed", "-1"}, "want an integer from 0 to 4294967295"},
		{[]string{"data", "-data-seed", "4294967296"}, "want an integer from 0 to 4294967295"},
		{[]string{"data", "-data", "spirals"}, `-data "spirals"`},
		{[]string{"data", "-first", "2000"}, "-first 2000: the data set has only 1000 rows"},
		{[]string{"data", "-first", "-3"}, "-first -3"},
		{[]string{"data", "extra"}, `unexpected argument "extra"`},
		{[]string{"data", "-o", filepath.Join(os.TempDir(), "no-such-dir-ann", "x.csv")}, "no such file or directory"},
	}
	for _, tt := range tests {
		code, out, errs := runAnn(tt.args...)
		if code != 2 || !strings.Contains(errs, tt.want) || strings.Count(errs, "\n") != 1 || out != "" {
			t.Errorf("ann %s: exit %d, stdout %q, stderr %q; want exit 2 and one line containing %q",
				strings.Join(tt.args, " "), code, out, errs, tt.want)
		}
	}
}
