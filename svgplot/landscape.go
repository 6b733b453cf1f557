package svgplot

import (
	"fmt"
	"io"
	"math"
	"strconv"
)

// Slice is one panel of Landscape: the cost J on a regular grid over a
// plane through the weights, J[j*len(A)+i] at the point (A[i], B[j]) of the
// plane, and the path of gradient descent projected on it, (PathA[k],
// PathB[k]) in the order of the iterations.
type Slice struct {
	Title        string
	A, B         []float64 // the grid's coordinates, each increasing evenly, at least 2
	J            []float64 // the costs, positive
	PathA, PathB []float64
}

// Curve is one line of Landscape's lower plot: Y[i] at X[i].
type Curve struct {
	Name string
	X, Y []float64
}

// landscapeBands is the number of color bands of Landscape's maps.
const landscapeBands = 12

// landscapeColor returns the color of band b of landscapeBands, from dark
// blue (low J) through teal and green to yellow (high J), as viridis runs.
func landscapeColor(b int) string {
	stops := [][3]float64{{0x44, 0x01, 0x54}, {0x3b, 0x52, 0x8b}, {0x21, 0x90, 0x8d}, {0x5d, 0xc8, 0x63}, {0xfd, 0xe7, 0x25}}
	t := (float64(b) + 0.5) / landscapeBands * float64(len(stops)-1)
	k := min(int(t), len(stops)-2)
	f := t - float64(k)
	var c [3]int
	for i := range c {
		c[i] = int(math.Round(stops[k][i] + (stops[k+1][i]-stops[k][i])*f))
	}
	return fmt.Sprintf("#%02x%02x%02x", c[0], c[1], c[2])
}

// Landscape draws the loss landscape of a network: above, one panel per
// slice, the cost J over a plane through the weights as a map of bands of
// log J (dark low, light high, one color scale for all panels) with the
// path of gradient descent on it, a ring at its start and a dot at its end;
// below, the curves, J along lines through the weights (such as the
// straight line from the initial to the trained weights, X its fraction of
// the way). opt.Title and opt.Subtitle go on top, opt.XLabel and opt.YLabel
// name the slices' axes (default "d1", "d2"); the curves' axes are "t" and
// "Cost J". The width is opt.Width (default 420 per panel, at least 640).
//
// Landscape returns an error if there are no slices, a slice's grid is not
// at least 2x2 with increasing coordinates and len(A)*len(B) costs, a cost
// is not positive and finite, a path's two coordinate lists differ in
// length or hold a NaN or infinite value, or a curve is empty, its X and Y
// differ in length or hold a NaN or infinite value; and the first error
// writing to w. It writes nothing unless the input is good.
func Landscape(w io.Writer, curves []Curve, slices []Slice, opt Options) error {
	if len(slices) == 0 {
		return fmt.Errorf("svgplot: no slices")
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for k, sl := range slices {
		if err := sl.check(); err != nil {
			return fmt.Errorf("svgplot: slice %d: %v", k, err)
		}
		for _, v := range sl.J {
			lo, hi = min(lo, math.Log10(v)), max(hi, math.Log10(v))
		}
	}
	if !(hi > lo) {
		hi = lo + 1
	}
	var xlo, xhi, ylo, yhi float64 = math.Inf(1), math.Inf(-1), 0, math.Inf(-1)
	for k, c := range curves {
		if len(c.X) == 0 || len(c.X) != len(c.Y) {
			return fmt.Errorf("svgplot: curve %d has %d x and %d y values", k, len(c.X), len(c.Y))
		}
		for i := range c.X {
			if badNumber(c.X[i]) != "" || badNumber(c.Y[i]) != "" {
				return fmt.Errorf("svgplot: curve %d has a NaN or infinite value at point %d", k, i)
			}
			xlo, xhi, ylo, yhi = min(xlo, c.X[i]), max(xhi, c.X[i]), min(ylo, c.Y[i]), max(yhi, c.Y[i])
		}
	}
	cols := len(slices)
	width := float64(max(640, 420*cols))
	if opt.Width > 0 {
		width = float64(opt.Width)
	}
	const panelH, lineH, barH = 400.0, 300.0, 40.0
	top := headerHeight(width, opt.Title, opt.Subtitle)
	height := top + barH + panelH
	if len(curves) > 0 {
		height += lineH
	}
	xlabel, ylabel := opt.labels("d1", "d2")
	return figure(w, int(math.Ceil(width)), int(math.Ceil(height)), func(s *SVG) {
		drawHeader(s, width, opt.Title, opt.Subtitle)
		drawColorBar(s, width, top+8, lo, hi)
		pw := width / float64(cols)
		for k, sl := range slices {
			b := box{float64(k) * pw, top + barH, pw, panelH}
			drawSlice(s, b, sl, lo, hi, xlabel, ylabel)
		}
		if len(curves) == 0 {
			return
		}
		b := box{0, top + barH + panelH, width, lineH}
		xlo2, xhi2 := widen(xlo, xhi, 0.02)
		a := layoutSub(b, extent{xlo2, xhi2, 0}, extent{ylo, yhi + 0.05*(yhi-ylo), 0}, "", "", "t (0: the initial weights, 1: the trained ones)", "Cost J")
		var entries []legendEntry
		var all []point
		clip(s, a.sc)
		for k, c := range curves {
			xs, ys := make([]float64, len(c.X)), make([]float64, len(c.X))
			for i := range c.X {
				p := a.sc.pt(c.X[i], c.Y[i])
				xs[i], ys[i] = p.X, p.Y
				all = append(all, p)
			}
			col := color(seriesColors, k)
			s.Polyline(xs, ys, "fill:none;stroke-width:1.5;stroke-linejoin:round;stroke:"+col)
			entries = append(entries, legendEntry{name: c.Name, line: col})
		}
		for _, t := range []float64{0, 1} {
			if t >= xlo2 && t <= xhi2 {
				x := a.sc.px(t)
				s.Line(x, a.sc.top, x, a.sc.top+a.sc.height, "stroke:#999;stroke-width:0.8;stroke-dasharray:3 3")
			}
		}
		s.EndGroup()
		drawFrame(s, a)
		drawLegend(s, a.sc, entries, all)
	})
}

// check returns an error unless the slice is good input for Landscape.
func (sl Slice) check() error {
	for _, axis := range [][]float64{sl.A, sl.B} {
		if len(axis) < 2 {
			return fmt.Errorf("a grid axis of %d points, want at least 2", len(axis))
		}
		for i := 1; i < len(axis); i++ {
			if !(axis[i] > axis[i-1]) || badNumber(axis[i]) != "" || badNumber(axis[0]) != "" {
				return fmt.Errorf("grid coordinates not increasing and finite at %d", i)
			}
		}
	}
	if len(sl.J) != len(sl.A)*len(sl.B) {
		return fmt.Errorf("%d costs for a %dx%d grid", len(sl.J), len(sl.A), len(sl.B))
	}
	for i, v := range sl.J {
		if !(v > 0) || math.IsInf(v, 0) {
			return fmt.Errorf("cost %d is %v, want positive and finite", i, v)
		}
	}
	if len(sl.PathA) != len(sl.PathB) {
		return fmt.Errorf("the path has %d and %d coordinates", len(sl.PathA), len(sl.PathB))
	}
	for i := range sl.PathA {
		if badNumber(sl.PathA[i]) != "" || badNumber(sl.PathB[i]) != "" {
			return fmt.Errorf("the path's point %d is not finite", i)
		}
	}
	return nil
}

// drawColorBar draws the scale of the maps' colors centered in a figure of
// the given width, from y: log J from lo to hi.
func drawColorBar(s *SVG, width, y, lo, hi float64) {
	const bw = 22.0
	label := "Cost J, log scale:"
	x := width/2 - (textWidth(label, tickSize)+8+bw*landscapeBands)/2
	s.Group("font-size:" + strconv.Itoa(tickSize) + "px;fill:#222")
	s.Text(x, y+tickSize, label, "")
	x += textWidth(label, tickSize) + 8
	for b := range landscapeBands {
		s.Rect(x+float64(b)*bw, y+1, bw, tickSize, "fill:"+landscapeColor(b))
	}
	s.Text(x, y+2*tickSize+5, strconv.FormatFloat(math.Pow(10, lo), 'g', 3, 64), "text-anchor:middle")
	s.Text(x+bw*landscapeBands, y+2*tickSize+5, strconv.FormatFloat(math.Pow(10, hi), 'g', 3, 64), "text-anchor:middle")
	s.EndGroup()
}

// drawSlice draws one slice in the pixel box b: the bands of log J between
// lo and hi, the path, its start and end.
func drawSlice(s *SVG, b box, sl Slice, lo, hi float64, xlabel, ylabel string) {
	na, nb := len(sl.A), len(sl.B)
	a := layoutSub(b, extent{sl.A[0], sl.A[na-1], 0}, extent{sl.B[0], sl.B[nb-1], 0}, sl.Title, "", xlabel, ylabel)
	c := a.sc
	clip(s, c)
	s.Rect(c.left, c.top, c.width, c.height, "fill:"+landscapeColor(0))
	f := make([]float64, len(sl.J))
	for band := 1; band < landscapeBands; band++ {
		level := lo + (hi-lo)*float64(band)/landscapeBands
		for q, v := range sl.J {
			f[q] = math.Log10(v) - level
		}
		var d []byte
		for _, poly := range contour(f, na, nb) {
			for k, q := range poly {
				x := sl.A[0] + q.X*(sl.A[na-1]-sl.A[0])/float64(na-1)
				y := sl.B[0] + q.Y*(sl.B[nb-1]-sl.B[0])/float64(nb-1)
				poly[k] = c.pt(x, y)
			}
			d = appendPolygon(d, simplify(poly, 0.3, true))
		}
		if len(d) > 0 {
			col := landscapeColor(band)
			s.Path(string(d), "fill:"+col+";fill-rule:evenodd;stroke:"+col+";stroke-width:0.3")
		}
	}
	if n := len(sl.PathA); n > 0 {
		pts := make([]point, n)
		for i := range pts {
			pts[i] = c.pt(sl.PathA[i], sl.PathB[i])
		}
		pts = simplify(pts, tolerance, false)
		xs, ys := make([]float64, len(pts)), make([]float64, len(pts))
		for i, p := range pts {
			xs[i], ys[i] = p.X, p.Y
		}
		s.Polyline(xs, ys, "fill:none;stroke:#000;stroke-width:3.5;stroke-linejoin:round;stroke-opacity:0.5")
		s.Polyline(xs, ys, "fill:none;stroke:#fff;stroke-width:1.6;stroke-linejoin:round")
		start, end := pts[0], pts[len(pts)-1]
		s.Circle(start.X, start.Y, 5, "fill:none;stroke:#fff;stroke-width:2")
		s.Circle(end.X, end.Y, 4.5, "fill:#d62728;stroke:#fff;stroke-width:1.2")
	}
	s.EndGroup()
	drawFrame(s, a)
}
