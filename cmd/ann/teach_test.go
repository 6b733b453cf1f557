package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ann-go/ann/internal/golden"
	"github.com/ann-go/ann/svgplot"
)

// The numbers in docs/checkpoints.md, docs/errata.md, docs/experiments.md and
// docs/beyond.md are what the ann commands shown there print now. The tests
// run each command the way the document shows it and fail if the document
// lacks the command or a line it prints. go test ./cmd/ann -run Doc -update
// rewrites the output blocks under the commands (and the experiments table and
// figures); the full-precision costs.csv rows of checkpoints.md, which equal
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
	checkDoc(t, "checkpoints.md", []docRun{
		{args: []string{"trace", "-layers", "2,3,2"}},
		{args: []string{"trace", "-layers", "2,3,2", "-lambda", "1"}, from: "Cost"},
		{args: []string{"train", "-out", "take1"}, out: "take1", rows: []int{1, 2, 10, 100, 1000}},
		{args: []string{"train", "-first", "500", "-iters", "5000", "-out", "take2"}, out: "take2", rows: []int{1, 2, 10, 100, 1000, 2000, 3000, 5000}},
	})
}

func TestErrataDoc(t *testing.T) {
	if testing.Short() {
		t.Skip("about 3 seconds of training")
	}
	if !golden.Exact {
		t.Skip("runs of 5000 and 10000 iterations that leave a plateau end a few digits apart where Go fuses multiply-adds; checked on amd64 (GOAMD64 v1 or v2)")
	}
	checkDoc(t, "errata.md", []docRun{
		{args: []string{"train", "-layers", "2,5,2", "-iters", "5000"}},
		{args: []string{"train", "-layers", "2,2"}},
		{args: []string{"train", "-iters", "5000"}},
		{args: []string{"train", "-iters", "10000"}},
		{args: []string{"train", "-first", "500", "-iters", "5000"}},
		{args: []string{"train", "-init", "text"}},
	})
}

// experiment is one run of docs/experiments.md.
type experiment struct {
	args     []string // after "ann train"
	curve    string   // its legend entry in experiments-cost.svg; "" for none
	boundary string   // the docs/figures file its boundary.svg is copied to; "" for none
}

var experiments = []experiment{
	{args: []string{"-layers", "2,2"}, curve: "2-2 (logistic regression)", boundary: "experiments-boundary-2-2.svg"},
	{args: []string{"-layers", "2,5,2"}},
	{args: []string{"-layers", "2,5,2", "-iters", "5000"}, curve: "2-5-2, 5000 iterations", boundary: "experiments-boundary-2-5-2.svg"},
	{args: nil, curve: "2-5-5-2 (Take 1)"},
	{args: []string{"-iters", "5000"}},
	{args: []string{"-iters", "10000"}, curve: "2-5-5-2, 10000 iterations"},
	{args: []string{"-first", "500", "-iters", "5000"}, curve: "2-5-5-2 on 500 points (Take 2)"},
	{args: []string{"-first", "500", "-iters", "5000", "-optimizer", "momentum"}},
	{args: []string{"-first", "500", "-iters", "5000", "-optimizer", "adam", "-alpha", "0.01"}},
	{args: []string{"-momentum", "0.9"}, curve: "momentum 0.9", boundary: "experiments-boundary-momentum.svg"},
	{args: []string{"-activation", "tanh"}, curve: "tanh hidden layers", boundary: "experiments-boundary-tanh.svg"},
	{args: []string{"-alpha", "2"}},
	{args: []string{"-alpha", "5"}, curve: "α = 5"},
	{args: []string{"-init", "text"}},
	{args: []string{"-seed", "1"}},
	{args: []string{"-seed", "2"}},
	{args: []string{"-seed", "3"}},
	{args: []string{"-seed", "4"}},
}

var (
	costLine     = regexp.MustCompile(`(?m)^cost: +\S+ at iteration 1, \S+ at iteration (\d+), (\S+) after training$`)
	accuracyLine = regexp.MustCompile(`(?m)^accuracy: .* (\S+) on all (\d+) rows$`)
)

const (
	tableBegin = "<!-- begin table: go test ./cmd/ann -run TestExperimentsDoc -update -->\n"
	tableEnd   = "<!-- end table -->\n"
)

// docs/experiments.md's table and figures are what these runs make now;
// go test ./cmd/ann -run TestExperimentsDoc -update rewrites them.
func TestExperimentsDoc(t *testing.T) {
	if testing.Short() {
		t.Skip("about 5 seconds of training")
	}
	if !golden.Exact {
		t.Skip("runs that leave a plateau end a few digits apart where Go fuses multiply-adds; checked on amd64 (GOAMD64 v1 or v2)")
	}
	var table strings.Builder
	table.WriteString("| command | iterations | cost after training | accuracy on all 1000 | left the plateau (cost < 0.1) |\n|---|---|---|---|---|\n")
	var series []svgplot.Series
	figures := filepath.Join("..", "..", "docs", "figures")
	for _, e := range experiments {
		args := append([]string{"train"}, e.args...)
		r := docRun{args: append(args, "-q")}
		if e.curve != "" || e.boundary != "" {
			r = docRun{args: append(args, "-q", "-out", "dir"), out: "dir"}
		}
		out, dir := runDoc(t, r)
		c := costLine.FindStringSubmatch(out)
		a := accuracyLine.FindStringSubmatch(out)
		if c == nil || a == nil || a[2] != "1000" {
			t.Fatalf("ann %s printed\n%s\nwant the cost and accuracy lines, on all 1000 rows", strings.Join(args, " "), out)
		}
		cost, err := strconv.ParseFloat(c[2], 64)
		if err != nil {
			t.Fatal(err)
		}
		left := "no"
		if cost < 0.1 {
			left = "yes"
		}
		fmt.Fprintf(&table, "| `ann %s` | %s | %s | %s | %s |\n", strings.Join(args, " "), c[1], c[2], a[1], left)
		if e.curve != "" {
			series = append(series, svgplot.Series{Name: e.curve, Y: readCosts(t, filepath.Join(dir, "costs.csv"))})
		}
		if e.boundary != "" {
			b, err := os.ReadFile(filepath.Join(dir, "boundary.svg"))
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join(figures, e.boundary), b)
		}
	}
	var fig bytes.Buffer
	if err := svgplot.Costs(&fig, series, svgplot.Options{Title: "Why is Take 1 straight? The cost of each run"}); err != nil {
		t.Fatal(err)
	}
	checkXML(t, "experiments-cost.svg", fig.Bytes())
	golden.Check(t, filepath.Join(figures, "experiments-cost.svg"), fig.Bytes())

	path := filepath.Join("..", "..", "docs", "experiments.md")
	doc := readDoc(t, "experiments.md")
	i := strings.Index(doc, tableBegin)
	j := strings.Index(doc, tableEnd)
	if i < 0 || j < i {
		t.Fatalf("docs/experiments.md lacks the markers %q and %q around the table", tableBegin, tableEnd)
	}
	updated := doc[:i+len(tableBegin)] + table.String() + doc[j:]
	if golden.Update() {
		if err := os.WriteFile(path, []byte(updated), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if updated != doc {
		t.Errorf("docs/experiments.md's table differs from what the runs print now (go test ./cmd/ann -run TestExperimentsDoc -update rewrites it): %s",
			golden.FirstDiff([]byte(updated), []byte(doc)))
	}
}

func TestBeyondDoc(t *testing.T) {
	if !golden.Exact {
		t.Skip("a run of 6000 iterations that leaves a plateau; checked on amd64 (GOAMD64 v1 or v2)")
	}
	checkDoc(t, "beyond.md", []docRun{
		{args: []string{"train", "-first", "500", "-iters", "5000", "-out", "run"}, out: "run"},
		{args: []string{"train", "-first", "500", "-iters", "6000"}},
	})
}
