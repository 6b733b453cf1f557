//go:build long

package main

import (
	"bytes"
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
	tableBegin = "<!-- begin table: go test -tags long ./cmd/ann -run TestExperimentsDoc -update -->\n"
	tableEnd   = "<!-- end table -->\n"
)

// docs/experiments.md's table and figures are what these runs make now;
// go test -tags long ./cmd/ann -run TestExperimentsDoc -update rewrites them.
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
		t.Errorf("docs/experiments.md's table differs from what the runs print now (go test -tags long ./cmd/ann -run TestExperimentsDoc -update rewrites it): %s",
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
