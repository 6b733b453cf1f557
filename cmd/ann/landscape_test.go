package main

import (
	"context"
	"flag"
	"io"
	"math"
	"strings"
	"testing"
)

// J on the straight line at t = 0 and t = 1 is the run's first recorded
// cost and its cost after training: both ends of the line are the run's own
// weights.
func TestLandscapeEnds(t *testing.T) {
	t.Parallel()
	fs := flag.NewFlagSet("landscape", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var df dataFlags
	var nf netFlags
	df.register(fs)
	nf.register(fs)
	nf.registerTraining(fs)
	ds, err := parseAndLoad(fs, nil, &df, &nf)
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range []struct{ rows, iters int }{{1000, 1000}, {500, 5000}} {
		n := nf
		n.iters = tk.iters
		l, err := landscapeOf(context.Background(), ds, seq(tk.rows), &n, 5)
		if err != nil {
			t.Fatal(err)
		}
		if l.lineT[l.zero] != 0 || l.lineT[l.one] != 1 {
			t.Fatalf("the line's t = 0 and 1 are at %g and %g", l.lineT[l.zero], l.lineT[l.one])
		}
		for _, c := range []struct {
			what      string
			got, want float64
		}{{"J(Θ_init)", l.lineJ[l.zero], l.first}, {"J(Θ_final)", l.lineJ[l.one], l.final}} {
			if math.Abs(c.got-c.want) > 1e-12*c.want {
				t.Errorf("%d rows, %d iterations: %s on the line is %.15g, the run's cost %.15g", tk.rows, tk.iters, c.what, c.got, c.want)
			}
		}
		if n := len(l.pathA); n != tk.iters/max(1, tk.iters/500)+2 || math.Abs(l.pathB[0]) > 1e-12 || math.Abs(l.pathB[n-1]) > 1e-9 {
			t.Errorf("the path has %d points, from d2 = %g to %g; want both ends on the line (d2 = 0)", n, l.pathB[0], l.pathB[n-1])
		}
		if len(l.J) != 25 {
			t.Errorf("%d costs on a 5x5 slice", len(l.J))
		}
	}
}

func TestLandscapeErrors(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"landscape"},
		{"landscape", "-out", t.TempDir(), "-steps", "2"},
		{"landscape", "-out", t.TempDir(), "-iters", "10"},
		{"landscape", "-out", t.TempDir(), "-n", "100"},
	} {
		code, _, errs := runAnn(args...)
		if code != 2 || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
			t.Errorf("ann %v: exit %d, stderr %q; want 2 and one line", args, code, errs)
		}
	}
}
