package svgplot

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestElements(t *testing.T) {
	var b bytes.Buffer
	s := New(&b, 100, 50)
	s.Rect(0, 0, 100, 50, "fill:#fff")
	s.Circle(10.004, -0.001, 2.5, "")
	s.Line(1, 2, 3, 4, "stroke:#000")
	s.Polyline([]float64{1, 2, 3}, []float64{4.5, 5.25, 6.125}, "fill:none")
	s.Path("M0 0L1 1Z", "fill:red")
	s.Text(5, 6, `a<b & "c"`, "text-anchor:middle")
	s.TextRotated(5, 6, -90, "y", "")
	id := s.ClipRect(0, 0, 10, 10)
	s.Group("clip-path:url(#" + id + ")")
	s.EndGroup()
	if err := s.End(); err != nil {
		t.Fatalf("End() = %v, want nil", err)
	}
	want := `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" viewBox="0 0 100 50">
<rect x="0.00" y="0.00" width="100.00" height="50.00" style="fill:#fff"/>
<circle cx="10.00" cy="0.00" r="2.50"/>
<line x1="1.00" y1="2.00" x2="3.00" y2="4.00" style="stroke:#000"/>
<polyline points="1.00,4.50 2.00,5.25 3.00,6.12" style="fill:none"/>
<path d="M0 0L1 1Z" style="fill:red"/>
<text x="5.00" y="6.00" style="text-anchor:middle">a&lt;b &amp; &#34;c&#34;</text>
<text x="5.00" y="6.00" transform="rotate(-90.00 5.00 6.00)">y</text>
<defs><clipPath id="clip1">
<rect x="0.00" y="0.00" width="10.00" height="10.00"/>
</clipPath></defs>
<g style="clip-path:url(#clip1)">
</g>
</svg>
`
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// failWriter accepts n bytes, then fails every write, counting them.
type failWriter struct {
	n     int
	fails int
}

var errFull = errors.New("disk full")

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		w.fails++
		return k, errFull
	}
	w.n -= len(p)
	return len(p), nil
}

func TestFirstErrorKept(t *testing.T) {
	w := &failWriter{n: 120}
	s := New(w, 10, 10)
	for range 10 {
		s.Circle(1, 2, 3, "fill:red")
	}
	if err := s.Err(); err != errFull {
		t.Errorf("Err() = %v, want %v", err, errFull)
	}
	if err := s.End(); err != errFull {
		t.Errorf("End() = %v, want %v", err, errFull)
	}
	if w.fails != 1 {
		t.Errorf("writer failed %d times, want 1: no writes after the first error", w.fails)
	}
}

func TestPlotWriteError(t *testing.T) {
	x, y, labels := smallData()
	for _, n := range []int{0, 100, 3000} {
		w := &failWriter{n: n}
		if err := Scatter(w, x, y, labels, Options{}); err != errFull {
			t.Errorf("Scatter to a writer failing after %d bytes = %v, want %v", n, err, errFull)
		}
		if w.fails != 1 {
			t.Errorf("writer failed %d times, want 1", w.fails)
		}
	}
}

func TestAppendNum(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want string
	}{
		{0, "0.00"}, {-0.001, "0.00"}, {-0.004, "0.00"}, {-0.006, "-0.01"},
		{1.005, "1.00"}, {1.0051, "1.01"}, {640, "640.00"}, {-12.345678, "-12.35"},
	} {
		if got := string(appendNum(nil, tc.v)); got != tc.want {
			t.Errorf("appendNum(%g) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

func TestTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi, pixels float64
		horizontal     bool
		want           string
		minStep        float64
	}{
		{0, 1000, 540, true, "0 200 400 600 800 1000", 0},
		{0, 5000, 540, true, "0 1000 2000 3000 4000 5000", 0},
		{0, 1.46, 400, false, "0.0 0.2 0.4 0.6 0.8 1.0 1.2 1.4", 0},
		{-1.27, 2.31, 540, true, "-1.0 -0.5 0.0 0.5 1.0 1.5 2.0", 0},
		{-0.003, 0.0121, 300, false, "-0.002 0.000 0.002 0.004 0.006 0.008 0.010 0.012", 0},
		{0, 1000, 100, true, "0 1000", 0},
		{0, 3, 540, true, "0 1 2 3", 1},
		{0, 3, 540, true, "0.0 0.5 1.0 1.5 2.0 2.5 3.0", 0},
	} {
		var labels []string
		for _, tk := range ticks(extent{tc.lo, tc.hi, tc.minStep}, tc.pixels, tc.horizontal) {
			labels = append(labels, tk.label)
		}
		if got := strings.Join(labels, " "); got != tc.want {
			t.Errorf("ticks(%g, %g, %g, %v) = %q, want %q", tc.lo, tc.hi, tc.pixels, tc.horizontal, got, tc.want)
		}
	}
	for _, tc := range [][2]float64{{0.7, 1}, {1, 1}, {1.01, 2}, {2.5, 5}, {0.031, 0.05}, {7, 10}, {0.2, 0.2}} {
		if got := niceStep(tc[0]); got != tc[1] {
			t.Errorf("niceStep(%g) = %g, want %g", tc[0], got, tc[1])
		}
	}
}
