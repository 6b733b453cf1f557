//go:build long

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ann-go/ann/internal/golden"
	"github.com/ann-go/ann/trainer/dataset"
)

// docs/crossvalidation.md's "Your own data" sections: the digits stopped
// early with their confusion matrix, the λ sweep, and the exported
// classifier used from the document's own ten-line program, which this test
// extracts, builds against the exported package and runs on the first row.
// The document shows each command and everything it prints; go test -tags
// long -update redraws its figures.
func TestOwnDataDoc(t *testing.T) {
	if !golden.Exact {
		t.Skip("1326 iterations at alpha 2 end elsewhere where Go fuses multiply-adds; checked on amd64 (GOAMD64 v1 or v2)")
	}
	doc := readDoc(t, "crossvalidation.md")
	figures := filepath.Join("..", "..", "docs", "figures")
	digits := filepath.Join("..", "..", "testdata", "digits.csv.gz")
	model := ""
	for _, r := range []struct {
		args  []string
		files map[string]string
	}{
		{[]string{"train", "-data", "testdata/digits.csv.gz", "-layers", "64,25,10", "-standardize", "-alpha", "2", "-iters", "3000", "-test-fraction", "0.2",
			"-early-stopping", "-n-iter-no-change", "50", "-tol", "0", "-per-class", "-out", "digits"},
			map[string]string{"cost.svg": "digits-early-cost.svg", "confusion.svg": "digits-confusion.svg"}},
		{[]string{"cv", "-data", "testdata/digits.csv.gz", "-layers", "64,25,10", "-standardize", "-alpha", "2", "-iters", "200", "-k", "3",
			"-sweep", "lambda=0,0.3,1,3", "-out", "sweep"},
			map[string]string{"validation-curve.svg": "digits-sweep.svg"}},
	} {
		cmd := "ann " + strings.Join(r.args, " ")
		if !strings.Contains(doc, "$ "+cmd+"\n") {
			t.Errorf("docs/crossvalidation.md does not show the command %q", cmd)
		}
		dir := t.TempDir()
		args := append([]string{}, r.args...)
		for i, a := range args {
			if a == "testdata/digits.csv.gz" {
				args[i] = digits
			}
			if i > 0 && args[i-1] == "-out" {
				args[i] = dir
			}
		}
		code, out, errs := runAnn(append(args, "-q")...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", cmd, code, errs)
		}
		block := "$ " + cmd + "\n" + strings.ReplaceAll(out, digits, "testdata/digits.csv.gz")
		if !strings.Contains(doc, indentBlock(block)) {
			t.Errorf("docs/crossvalidation.md lacks what %q prints now:\n%s", cmd, indentBlock(block))
		}
		for src, name := range r.files {
			b, err := os.ReadFile(filepath.Join(dir, src))
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join(figures, name), b)
		}
		if r.args[0] == "train" {
			model = filepath.Join(dir, "model.npz")
		}
	}

	// The exported classifier and the document's program.
	const export = "$ ann export -model digits/model.npz -lang go -package digits -o app/digits/digits.go\n"
	if !strings.Contains(doc, export) {
		t.Errorf("docs/crossvalidation.md does not show %q", export)
	}
	app := t.TempDir()
	if err := os.Mkdir(filepath.Join(app, "digits"), 0o755); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runAnn("export", "-model", model, "-lang", "go", "-package", "digits", "-o", filepath.Join(app, "digits", "digits.go")); code != 0 {
		t.Fatal(errs)
	}
	const begin, end = "```go\n", "```\n"
	i := strings.Index(doc, begin+"package main\n")
	j := strings.Index(doc[max(i, 0):], end)
	if i < 0 || j < 0 {
		t.Fatal("docs/crossvalidation.md has no Go program (```go package main)")
	}
	program := doc[i+len(begin) : i+j]
	if n := strings.Count(strings.TrimSpace(program), "\n") + 1; n > 20 {
		t.Errorf("the program is %d lines", n)
	}
	for name, s := range map[string]string{"go.mod": "module app\n\ngo 1.22\n", "main.go": program} {
		if err := os.WriteFile(filepath.Join(app, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d, err := dataset.ReadCSV(digits)
	if err != nil {
		t.Fatal(err)
	}
	var pixels []string
	for _, v := range d.X.Row(0) {
		pixels = append(pixels, g(v))
	}
	run := exec.Command("go", append([]string{"run", "."}, pixels...)...)
	run.Dir = app
	run.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=", "GOTOOLCHAIN=local")
	out, err := run.CombinedOutput()
	if err != nil {
		t.Fatalf("go run the document's program: %v\n%s", err, out)
	}
	shown := "$ go run . " + strings.Join(pixels, " ") + "\n" + string(out)
	if !strings.Contains(doc, indentBlock(shown)) {
		t.Errorf("docs/crossvalidation.md lacks the run of its program:\n%s", indentBlock(shown))
	}
}

// indentBlock indents each line of s by four spaces, as a Markdown code block.
func indentBlock(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "    " + l
		}
	}
	return strings.Join(lines, "\n") + "\n"
}
