package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ann-go/ann/internal/golden"
)

// The numbers in docs/checkpoints.md, docs/errata.md, docs/experiments.md and
// docs/beyond.md are what the ann commands shown there print now. The tests
// run each command the way the document shows it and fail if the document
// lacks the command or a line it prints; those of errata.md and
// experiments.md, long runs, are in teach_long_test.go. go test -tags long
// ./cmd/ann -run Doc -update rewrites the output blocks under the commands
// (and the experiments table and figures); the full-precision costs.csv rows of checkpoints.md, which equal
// numpy's, are edited by hand. Review the diff of the documents as code.

// docRun is one command a document shows.
type docRun struct {
	args []string // as shown after "ann "
	// from, if set, is the first printed line the document shows: the
	// document shows that line and every one after it.
	from string
	// out, if set, is the -out directory the command names; the test writes
	// to a temporary directory instead.
	out string
	// rows are the iterations whose lines of out/costs.csv the document
	// shows, at full precision.
	rows []int
}

func readDoc(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// parallelUnlessUpdate marks a test that checks a document parallel,
// except under -update, where it rewrites the document (read, edit, write)
// and another test may rewrite the same one: then the tests run one at a
// time.
func parallelUnlessUpdate(t *testing.T) {
	if !golden.Update() {
		t.Parallel()
	}
}

// runDoc runs r and returns what it printed and the directory it wrote to.
func runDoc(t *testing.T, r docRun) (stdout, dir string) {
	t.Helper()
	args := append([]string{}, r.args...)
	if r.out != "" {
		dir = t.TempDir()
		for i, a := range args {
			if a == r.out && i > 0 && args[i-1] == "-out" {
				args[i] = dir
			}
		}
	}
	code, out, errs := runAnn(args...)
	if code != 0 {
		t.Fatalf("ann %s: exit %d: %s", strings.Join(r.args, " "), code, errs)
	}
	return out, dir
}

// checkDoc runs each command and checks that the document shows it and
// everything it prints.
func checkDoc(t *testing.T, name string, runs []docRun) {
	doc := readDoc(t, name)
	updated := doc
	for _, r := range runs {
		cmd := "ann " + strings.Join(r.args, " ")
		if !strings.Contains(doc, cmd+"\n") {
			t.Errorf("docs/%s does not show the command %q", name, cmd)
		}
		out, dir := runDoc(t, r)
		lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
		if r.from != "" {
			start := -1
			for i, l := range lines {
				if l == r.from {
					start = i
					break
				}
			}
			if start < 0 {
				t.Fatalf("%s printed no line %q:\n%s", cmd, r.from, out)
			}
			lines = lines[start:]
		}
		if checkOutputBlock(t, name, doc, &updated, cmd, lines) {
			continue
		}
		if len(r.rows) > 0 && !golden.Exact {
			continue // full-precision costs differ in the last digits where Go fuses multiply-adds
		}
		for _, it := range r.rows {
			row := costsRow(t, filepath.Join(dir, "costs.csv"), it)
			if !strings.Contains(doc, row+"\n") {
				t.Errorf("docs/%s lacks the row of %s's costs.csv for iteration %d (edit it by hand):\n%s", name, cmd, it, row)
			}
		}
	}
	if golden.Update() && updated != doc {
		if err := os.WriteFile(filepath.Join("..", "..", "docs", name), []byte(updated), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// checkOutputBlock checks that docs/name (its text doc) shows every line of
// lines, what cmd prints now; under -update it rewrites the output block
// under cmd in *updated instead, and reports that it did.
func checkOutputBlock(t *testing.T, name, doc string, updated *string, cmd string, lines []string) (rewrote bool) {
	t.Helper()
	if golden.Update() {
		var ok bool
		if *updated, ok = replaceBlock(*updated, cmd, lines); !ok {
			t.Errorf("docs/%s: no output block under %q to rewrite", name, cmd)
		}
		return true
	}
	for _, line := range lines {
		if !strings.Contains(doc, line) {
			t.Errorf("docs/%s lacks this line that %q prints now:\n%s", name, cmd, line)
		}
	}
	return false
}

// replaceBlock replaces the output shown under the command cmd in doc by
// lines. A document shows a command and its output in one of two ways:
//
//	    ann CMD                 an indented line, a blank line, and the
//	                            output indented by four spaces, up to the
//	    output...               next line that is not (or the end)
//
//	```                         a fenced block: the command after "$ ",
//	$ ann CMD                   then the output, up to the closing fence
//	output...
//	```
func replaceBlock(doc, cmd string, lines []string) (string, bool) {
	if i := strings.Index(doc, "\n    "+cmd+"\n\n"); i >= 0 {
		start := i + len("\n    "+cmd+"\n\n")
		end := start
		for end < len(doc) {
			nl := strings.IndexByte(doc[end:], '\n')
			if nl < 0 {
				nl = len(doc) - end - 1
			}
			line := doc[end : end+nl]
			if line != "" && !strings.HasPrefix(line, "    ") {
				break
			}
			end += nl + 1
		}
		var b strings.Builder
		for _, l := range lines {
			if l != "" {
				b.WriteString("    " + l)
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
		return doc[:start] + b.String() + doc[end:], true
	}
	if i := strings.Index(doc, "\n$ "+cmd+"\n"); i >= 0 {
		start := i + len("\n$ "+cmd+"\n")
		end := strings.Index(doc[start:], "```")
		if end < 0 {
			return doc, false
		}
		return doc[:start] + strings.Join(lines, "\n") + "\n" + doc[start+end:], true
	}
	return doc, false
}

// readCosts returns the costs of a costs.csv that ann train -out writes.
func readCosts(t *testing.T, path string) []float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < 2 || strings.Join(recs[0], ",") != "iteration,cost" {
		t.Fatalf("%s: want the header iteration,cost and rows, got %d records", path, len(recs))
	}
	costs := make([]float64, 0, len(recs)-1)
	for i, rec := range recs[1:] {
		if len(rec) != 2 || rec[0] != strconv.Itoa(i+1) {
			t.Fatalf("%s: row %d is %q, want iteration %d and a cost", path, i+2, rec, i+1)
		}
		c, err := strconv.ParseFloat(rec[1], 64)
		if err != nil {
			t.Fatalf("%s: row %d: %v", path, i+2, err)
		}
		costs = append(costs, c)
	}
	return costs
}

// costsRow returns the line "it,cost" of a costs.csv.
func costsRow(t *testing.T, path string, it int) string {
	t.Helper()
	costs := readCosts(t, path)
	if it < 1 || it > len(costs) {
		t.Fatalf("%s has %d costs, no iteration %d", path, len(costs), it)
	}
	return strconv.Itoa(it) + "," + strconv.FormatFloat(costs[it-1], 'g', -1, 64)
}

func TestCheckpointsDoc(t *testing.T) {
	parallelUnlessUpdate(t)
	checkDoc(t, "checkpoints.md", []docRun{
		{args: []string{"trace", "-layers", "2,3,2"}},
		{args: []string{"trace", "-layers", "2,3,2", "-lambda", "1"}, from: "Cost"},
		{args: []string{"train", "-out", "take1"}, out: "take1", rows: []int{1, 2, 10, 100, 1000}},
		{args: []string{"train", "-first", "500", "-iters", "5000", "-out", "take2"}, out: "take2", rows: []int{1, 2, 10, 100, 1000, 2000, 3000, 5000}},
	})
}
