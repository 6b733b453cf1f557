package svgplot

import (
	"bytes"
	"io"
	"math"
	"testing"

	"github.com/ann-go/ann/internal/svgcheck"
)

// bowl is a slice of J = 0.05 + (a-2)² + 3b² over [-1, 3] x [-1, 1] with a
// path that bows away from the line b = 0 and comes back to the minimum.
func bowl(n int) Slice {
	sl := Slice{Title: "a bowl"}
	for i := range n {
		sl.A = append(sl.A, -1+4*float64(i)/float64(n-1))
		sl.B = append(sl.B, -1+2*float64(i)/float64(n-1))
	}
	for _, b := range sl.B {
		for _, a := range sl.A {
			sl.J = append(sl.J, 0.05+(a-2)*(a-2)+3*b*b)
		}
	}
	for k := range 50 {
		t := float64(k) / 49
		sl.PathA = append(sl.PathA, 2*t)
		sl.PathB = append(sl.PathB, -0.6*math.Sin(math.Pi*t))
	}
	return sl
}

func drawLandscape(w io.Writer) error {
	line := Curve{Name: "along d1"}
	for i := -10; i <= 50; i++ {
		t := float64(i) / 40
		line.X = append(line.X, t)
		line.Y = append(line.Y, 0.05+(2*t-2)*(2*t-2))
	}
	return Landscape(w, []Curve{line}, []Slice{bowl(21), bowl(11)}, Options{Title: "A bowl, twice", Subtitle: longSubtitle})
}

func TestLandscape(t *testing.T) {
	var b bytes.Buffer
	if err := drawLandscape(&b); err != nil {
		t.Fatal(err)
	}
	faults, err := svgcheck.Layout(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range faults {
		t.Error(f)
	}
	counts := countElements(t, "landscape", b.Bytes())
	if counts["polyline"] != 2*2+1 || counts["path"] < 2*5 {
		t.Errorf("landscape: %d polylines, %d paths; want each path twice (outline, line) and the curve, and bands of both maps", counts["polyline"], counts["path"])
	}
	checkGolden(t, "landscape", b.Bytes())
}

func TestLandscapeErrors(t *testing.T) {
	bad := func(f func(*Slice)) []Slice { s := bowl(5); f(&s); return []Slice{s} }
	for name, c := range map[string]struct {
		curves []Curve
		slices []Slice
	}{
		"no slices":        {nil, nil},
		"one column":       {nil, bad(func(s *Slice) { s.A = s.A[:1] })},
		"not increasing":   {nil, bad(func(s *Slice) { s.A[2] = s.A[1] })},
		"costs":            {nil, bad(func(s *Slice) { s.J = s.J[1:] })},
		"a zero cost":      {nil, bad(func(s *Slice) { s.J[3] = 0 })},
		"a NaN cost":       {nil, bad(func(s *Slice) { s.J[3] = math.NaN() })},
		"path lengths":     {nil, bad(func(s *Slice) { s.PathB = s.PathB[1:] })},
		"an infinite path": {nil, bad(func(s *Slice) { s.PathA[0] = math.Inf(1) })},
		"an empty curve":   {[]Curve{{}}, []Slice{bowl(5)}},
		"a NaN curve":      {[]Curve{{X: []float64{0, 1}, Y: []float64{1, math.NaN()}}}, []Slice{bowl(5)}},
	} {
		var b bytes.Buffer
		if err := Landscape(&b, c.curves, c.slices, Options{}); err == nil || b.Len() != 0 {
			t.Errorf("%s: error %v, %d bytes written; want an error and nothing", name, err, b.Len())
		}
	}
}
