package check

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/ann-go/ann/internal/finite"
	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
)

// Tolerance is how close a learner's number must be to check's: within
// Tolerance · max(1, |expected|). It allows for a different order of
// summation (numpy's against Go's), about 1e-15 here, and is far below what
// the smallest mistake in Mistakes changes (about 1e-3 on Inputs' cases).
const Tolerance = 1e-9

// Report is the outcome of a check: a line per quantity compared, in the
// tutorial's order, up to the first that disagrees.
type Report struct {
	Lines []Line
	// Wrong is the first line that disagrees, nil if every one agrees.
	Wrong *Line
	// Mistake is the catalogue's mistake whose numbers equal the learner's
	// where they first disagree, nil if none does.
	Mistake *Mistake
	// Transposed says the learner's Thetas are the transposes of the
	// tutorial's, and were compared as such.
	Transposed bool
	// XTransposed says the learner's X holds one example per column, and
	// was transposed to compare.
	XTransposed bool
	// Ignored lists the arrays given that check does not know.
	Ignored []string
}

// OK reports whether every quantity compared agrees.
func (r *Report) OK() bool { return r.Wrong == nil }

// Line is the comparison of one quantity.
type Line struct {
	Name  string
	OK    bool
	Shape string // the learner's, e.g. "3x4"; "scalar" for J
	// Layout is "numpy's layout" or "ann's layout" for A, Z and d, which
	// either may hold, and "transposed" for an array whose transpose is the
	// expected one.
	Layout string
	// Diff is the largest |got - expected|.
	Diff float64
	// Row and Col index, in the learner's layout, the entry of the largest
	// relative difference, Expected and Got its two values.
	Row, Col      int
	Expected, Got float64
	// Problem describes a line that is not OK for another reason than its
	// numbers (its shape), "" otherwise.
	Problem string
}

// Arrays compares the learner's arrays got, by the names Names lists
// (others are ignored; "Theta_grads1" is "D1"), with those in.Expected(nil)
// computes, in the tutorial's order, stopping at the first that disagrees;
// for it, it looks for the mistake in Mistakes whose numbers equal the
// learner's. Vectors (J, costs) may have any shape of the right size; A, Z
// and d may be in numpy's layout (m rows) or ann's (m columns). If the
// Thetas (in.Theta) do not chain but their transposes do, the learner is
// taken to keep Θ transposed, and Delta, D, Trained and Init too; an X of
// one example per column is transposed to compare. It returns
// an error for inputs that in.Check refuses and for a NaN or an infinity
// among the arrays.
func (in Inputs) Arrays(got map[string]*matrix.Dense) (*Report, error) {
	r := &Report{}
	if len(in.Theta) > 1 && in.Theta[1] != nil {
		if _, err := layer.Sizes(in.Theta); err != nil {
			t := transposeAll(in.Theta)
			if _, err := layer.Sizes(t); err == nil {
				in.Theta, r.Transposed = t, true
			}
		}
		if n := in.Theta[1].Cols - 1; in.X != nil && in.X.Cols != n && in.X.Rows == n {
			in.X, r.XTransposed = matrix.T(in.X), true
		}
	}
	if err := in.Check(); err != nil {
		return nil, err
	}
	for name, a := range got {
		if a == nil {
			return nil, fmt.Errorf("check: %s is nil", name)
		}
		for i, v := range a.Data {
			if !finite.Is(v) {
				return nil, fmt.Errorf("check: %s[%d,%d] is %v: a number is needed", name, i/max(1, a.Cols), i%max(1, a.Cols), v)
			}
		}
	}
	got = renamed(got)
	known := map[string]bool{}
	for _, name := range in.Names() {
		known[name] = true
	}
	for name := range got {
		if !known[name] {
			r.Ignored = append(r.Ignored, name)
		}
	}
	sortStrings(r.Ignored)

	want := in.Expected(nil)
	for _, name := range in.Names() {
		g, ok := got[name]
		if !ok {
			continue
		}
		line := compare(name, want[name], g, r.Transposed)
		r.Lines = append(r.Lines, line)
		if !line.OK {
			r.Wrong = &r.Lines[len(r.Lines)-1]
			r.Mistake = in.identify(name, g, got, r.Transposed)
			break
		}
	}
	return r, nil
}

// identify returns the mistake whose numbers equal the learner's array g of
// the quantity name, preferring, of several, the one that agrees with most
// of the learner's other arrays; nil if none does.
func (in Inputs) identify(name string, g *matrix.Dense, got map[string]*matrix.Dense, transposed bool) *Mistake {
	var best *Mistake
	bestScore := -1
	for i := range Mistakes {
		mk := &Mistakes[i]
		e := in.Expected(mk)
		if mk.Stream {
			if !strings.HasPrefix(name, "Init") || !in.initInRange(got, transposed) {
				continue
			}
		} else if e[name] == nil || !compare(name, e[name], g, transposed).OK {
			continue
		}
		score := 0
		for n, a := range got {
			if e[n] != nil && compare(n, e[n], a, transposed).OK {
				score++
			}
		}
		if score > bestScore {
			best, bestScore = mk, score
		}
	}
	return best
}

// initInRange reports whether the learner's Init arrays are all there and
// drawn in cell 9's range.
func (in Inputs) initInRange(got map[string]*matrix.Dense, transposed bool) bool {
	sizes := make([]int, len(in.Theta))
	sizes[0] = in.Theta[1].Cols - 1
	Init := make([]*matrix.Dense, len(in.Theta))
	for l := 1; l < len(in.Theta); l++ {
		sizes[l] = in.Theta[l].Rows
		a := got[fmt.Sprint("Init", l)]
		if a == nil {
			return false
		}
		if transposed {
			a = matrix.T(a)
		}
		if !matrix.SameShape(a, in.Theta[l]) {
			return false
		}
		Init[l] = a
	}
	return inRange(sizes, Init)
}

// kind returns how the quantity name may be laid out: "layer" for A, Z and
// d (either layout), "weights" for those of Θ's shape, "vector" otherwise.
func kind(name string) string {
	switch {
	case name == "J" || strings.HasPrefix(name, "costs"):
		return "vector"
	case strings.HasPrefix(name, "Delta") || strings.HasPrefix(name, "D") ||
		strings.HasPrefix(name, "Trained") || strings.HasPrefix(name, "Init"):
		return "weights"
	}
	return "layer"
}

// compare compares the learner's array g of the quantity name with the
// expected e (numpy's layout).
func compare(name string, e, g *matrix.Dense, transposed bool) Line {
	line := Line{Name: name, Shape: fmt.Sprintf("%dx%d", g.Rows, g.Cols)}
	switch kind(name) {
	case "vector":
		if name == "J" && len(g.Data) == 1 {
			line.Shape = "scalar"
		}
		if len(g.Data) != len(e.Data) {
			line.Problem = fmt.Sprintf("%d numbers, want %d", len(g.Data), len(e.Data))
			return line
		}
		flat := &matrix.Dense{Rows: g.Rows, Cols: g.Cols, Data: e.Data}
		return numbers(line, flat, g)
	case "layer":
		t := matrix.T(e)
		numpy, ann := matrix.SameShape(g, e), matrix.SameShape(g, t)
		switch {
		case numpy && ann: // square: either
			l := numbers(line, e, g)
			l.Layout = "numpy's layout"
			if !l.OK {
				if l2 := numbers(line, t, g); l2.OK {
					l2.Layout = "ann's layout"
					return l2
				}
			}
			return l
		case numpy:
			line.Layout = "numpy's layout"
			return numbers(line, e, g)
		case ann:
			line.Layout = "ann's layout"
			return numbers(line, t, g)
		}
		line.Problem = fmt.Sprintf("shape %s, want %dx%d (numpy's layout, one example per row) or %dx%d (ann's)", line.Shape, e.Rows, e.Cols, e.Cols, e.Rows)
		return line
	}
	want := e
	if transposed {
		want = matrix.T(e)
	}
	if matrix.SameShape(g, want) {
		l := numbers(line, want, g)
		if transposed {
			l.Layout = "transposed, as your Thetas"
		}
		if l.OK || !matrix.SameShape(g, matrix.T(want)) || !numbers(line, matrix.T(want), g).OK {
			return l
		}
	}
	if matrix.SameShape(g, matrix.T(want)) {
		l := numbers(line, matrix.T(want), g)
		if l.OK {
			l.OK = false
			l.Layout = "transposed"
			l.Problem = fmt.Sprintf("transposed: %s is the transpose of the expected %dx%d", name, want.Rows, want.Cols)
			return l
		}
	}
	line.Problem = fmt.Sprintf("shape %s, want %dx%d, the shape of Theta", line.Shape, want.Rows, want.Cols)
	return line
}

// numbers compares g with e, of the same shape, entry by entry.
func numbers(line Line, e, g *matrix.Dense) Line {
	worst := -1.0
	line.OK = true
	for i, want := range e.Data {
		d := math.Abs(g.Data[i] - want)
		line.Diff = max(line.Diff, d)
		if rel := d / math.Max(1, math.Abs(want)); rel > worst {
			worst = rel
			line.Row, line.Col, line.Expected, line.Got = i/g.Cols, i%g.Cols, want, g.Data[i]
		}
		if !(d <= Tolerance*math.Max(1, math.Abs(want))) {
			line.OK = false
		}
	}
	return line
}

// renamed returns got with numpy's Theta_grads<l> named D<l>.
func renamed(got map[string]*matrix.Dense) map[string]*matrix.Dense {
	r := map[string]*matrix.Dense{}
	for name, a := range got {
		if rest, ok := strings.CutPrefix(name, "Theta_grads"); ok {
			if _, err := strconv.Atoi(rest); err == nil {
				name = "D" + rest
			}
		}
		r[name] = a
	}
	return r
}

// transposeAll returns the transposes of Theta[1:], Theta[0] nil.
func transposeAll(Theta []*matrix.Dense) []*matrix.Dense {
	t := make([]*matrix.Dense, len(Theta))
	for l := 1; l < len(Theta); l++ {
		if Theta[l] == nil {
			return Theta
		}
		t[l] = matrix.T(Theta[l])
	}
	return t
}

// sortStrings sorts s in place (insertion sort: a handful of names).
func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// Write writes the report: a ✓ or ✗ line per quantity compared, and for
// the first that disagrees, its worst entry and the mistake that explains
// it, then a verdict line.
func (r *Report) Write(w io.Writer) error {
	var b strings.Builder
	if r.Transposed {
		b.WriteString("Your Thetas are the transposes of the tutorial's ((s_l + 1) x s_{l+1}): checked as such.\n")
	}
	if r.XTransposed {
		b.WriteString("Your X holds one example per column, the transpose of the tutorial's: checked as such.\n")
	}
	for _, l := range r.Lines {
		mark := "✓"
		if !l.OK {
			mark = "✗"
		}
		layout := ""
		if l.Layout != "" && l.Problem == "" {
			layout = "  (" + l.Layout + ")"
		}
		if l.Problem != "" && !strings.HasPrefix(l.Problem, "transposed") {
			fmt.Fprintf(&b, "%s %-9s %-7s %s\n", mark, l.Name, l.Shape, l.Problem)
			continue
		}
		fmt.Fprintf(&b, "%s %-9s %-7s largest difference %.2g%s\n", mark, l.Name, l.Shape, l.Diff, layout)
	}
	if wr := r.Wrong; wr != nil {
		if strings.HasPrefix(wr.Problem, "transposed") {
			fmt.Fprintf(&b, "  %s\n", wr.Problem)
		} else if wr.Problem == "" {
			fmt.Fprintf(&b, "  %s[%d,%d]: expected %.10g, got %.10g\n", wr.Name, wr.Row, wr.Col, wr.Expected, wr.Got)
		}
		if mk := r.Mistake; mk != nil {
			fmt.Fprintf(&b, "  your %s is what the mistake %s gives: %s\n", wr.Name, mk.Name, mk.What)
			fmt.Fprintf(&b, "  numpy: %s\n", mk.Numpy)
		} else {
			fmt.Fprintf(&b, "  no mistake ann knows gives your %s\n", wr.Name)
		}
		fmt.Fprintf(&b, "check: %s is the first quantity that disagrees\n", wr.Name)
	} else {
		fmt.Fprintf(&b, "check: all %d quantities agree to 1e-9·max(1, |expected|)\n", len(r.Lines))
	}
	if len(r.Ignored) > 0 {
		fmt.Fprintf(&b, "ignored (not a quantity check knows): %s\n", strings.Join(r.Ignored, ", "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
