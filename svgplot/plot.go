package svgplot

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
)

// Options are the texts and the size of a figure. The zero value gives a
// 640x480 figure with each plot's default axis titles and no title.
type Options struct {
	Title  string // the title above the plot; "" for none
	XLabel string // the x axis title; "" for the plot's default
	YLabel string // the y axis title; "" for the plot's default

	// Width and Height are the figure's size in pixels; 0 means 640x480,
	// except for BoundaryPanels, where it means 320x300 per panel.
	Width, Height int

	// ClassNames[k] names label (class) k in legends; a missing or empty
	// name is "class k".
	ClassNames []string

	// Columns is the number of panels per row of BoundaryPanels; 0 means
	// min(len(panels), 3).
	Columns int
}

// size returns the figure's width and height, def if Options leave them 0.
func (o Options) size(defWidth, defHeight int) (width, height int) {
	width, height = o.Width, o.Height
	if width <= 0 {
		width = defWidth
	}
	if height <= 0 {
		height = defHeight
	}
	return width, height
}

// className returns the legend name of class k.
func (o Options) className(k int) string {
	if k < len(o.ClassNames) && o.ClassNames[k] != "" {
		return o.ClassNames[k]
	}
	return "class " + strconv.Itoa(k)
}

// labels returns the axis titles, defaults used for the empty ones.
func (o Options) labels(defX, defY string) (xlabel, ylabel string) {
	xlabel, ylabel = o.XLabel, o.YLabel
	if xlabel == "" {
		xlabel = defX
	}
	if ylabel == "" {
		ylabel = defY
	}
	return xlabel, ylabel
}

// The colors. Label k of a data set is drawn in pointColors[k] (cycling
// after 10), except that Scatter draws label 0 "lightblue" as the
// tutorial's cell 11 does; decision regions are filled with the light
// regionColors, so that the points stand out on them; cost curves take
// seriesColors in turn (matplotlib's tab10).
var (
	pointColors  = []string{"#1f77b4", "darkred", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"}
	regionColors = []string{"#cfe8f3", "#f6d2cf", "#d5eecf", "#fde4cb", "#e4daef", "#eadcd7", "#f8dcef", "#e6e6e6", "#efefcc", "#cdeef3"}
	seriesColors = []string{"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"}
)

// color returns palette[k], cycling.
func color(palette []string, k int) string { return palette[k%len(palette)] }

// scatterColor returns the color of label k in Scatter.
func scatterColor(k int) string {
	if k == 0 {
		return "lightblue"
	}
	return color(pointColors, k)
}

// The data points: dots of this radius in pixels, with a thin dark edge so
// that light ones show on white.
const (
	dotRadius = 3
	dotStroke = "stroke:#333;stroke-width:0.4"
)

// tolerance is how far in pixels a drawn curve may depart from the computed
// one when simplify drops vertices: far below what a screen shows.
const tolerance = 0.1

// Scatter draws the 2-D data set (x[i], y[i]) with each point colored by
// labels[i], as the tutorial's cell 11 draws the moons: label 1 darkred,
// label 0 lightblue, further labels in a fixed qualitative palette. The
// axes span the data and 5% more on each side; the axis titles default to
// the tutorial's X[:,0] and X[:,1]. A legend names the labels.
//
// Scatter panics if x, y and labels differ in length. It returns an error if
// a coordinate is NaN or infinite or a label is negative, and the first
// error writing to w.
func Scatter(w io.Writer, x, y []float64, labels []int, opt Options) error {
	checkPoints(x, y, labels)
	if err := pointsError(x, y, labels); err != nil {
		return fmt.Errorf("svgplot: %v", err)
	}
	width, height := opt.size(640, 480)
	xlabel, ylabel := opt.labels("X[:,0]", "X[:,1]")
	xmin, xmax := span(x)
	ymin, ymax := span(y)
	xmin, xmax = widen(xmin, xmax, 0.05)
	ymin, ymax = widen(ymin, ymax, 0.05)
	return figure(w, width, height, func(s *SVG) {
		a := layout(box{0, 0, float64(width), float64(height)}, extent{xmin, xmax, 0}, extent{ymin, ymax, 0}, opt.Title, xlabel, ylabel)
		clip(s, a.sc)
		pts := drawPoints(s, a.sc, x, y, labels, scatterColor)
		s.EndGroup()
		drawFrame(s, a)
		var entries []legendEntry
		for _, k := range distinct(labels) {
			entries = append(entries, legendEntry{name: opt.className(k), dot: scatterColor(k)})
		}
		drawLegend(s, a.sc, entries, pts)
	})
}

// Series is one cost curve: Y[i] is the cost J computed in iteration i+1 of
// gradient descent, before that iteration's update (the tutorial's
// costs[i], cell 10), drawn at x = i+1. Name is its legend entry.
type Series struct {
	Name string
	Y    []float64
}

// Costs draws one or more cost curves against the iteration number, as the
// tutorial's cells 12 and 14 draw the cost of training: the x axis, "Iteration #",
// runs from 0 to the longest series' length; the y axis, "Cost J(Θ)",
// starts at 0 (or the smallest cost, if negative) as the tutorial's
// ax.set_ylim(0, ...) does. Several series, such as the training and the
// test cost or one per cross-validation fold, each get a color, and a legend
// names them unless there is a single unnamed series.
//
// Costs returns an error if there are no series, a series is empty, or a
// cost is NaN or infinite, naming the series and the iteration, and the
// first error writing to w.
func Costs(w io.Writer, series []Series, opt Options) error {
	if len(series) == 0 {
		return fmt.Errorf("svgplot: no cost series")
	}
	n, ymin, ymax := 0, 0.0, math.Inf(-1)
	for i, ser := range series {
		name := strconv.Itoa(i + 1)
		if ser.Name != "" {
			name = strconv.Quote(ser.Name)
		}
		if len(ser.Y) == 0 {
			return fmt.Errorf("svgplot: cost series %s is empty", name)
		}
		for j, v := range ser.Y {
			if bad := badNumber(v); bad != "" {
				return fmt.Errorf("svgplot: cost series %s has %s at iteration %d", name, bad, j+1)
			}
		}
		lo, hi := span(ser.Y)
		n, ymin, ymax = max(n, len(ser.Y)), min(ymin, lo), max(ymax, hi)
	}
	if ymax <= ymin {
		ymax = ymin + 1
	}
	ymax += 0.05 * (ymax - ymin)
	width, height := opt.size(640, 480)
	xlabel, ylabel := opt.labels("Iteration #", "Cost J(Θ)")
	return figure(w, width, height, func(s *SVG) {
		a := layout(box{0, 0, float64(width), float64(height)}, extent{0, float64(n), 1}, extent{ymin, ymax, 0}, opt.Title, xlabel, ylabel)
		var all []point
		var entries []legendEntry
		for i, ser := range series {
			pts := make([]point, len(ser.Y))
			for j, v := range ser.Y {
				pts[j] = a.sc.pt(float64(j+1), v)
			}
			all = append(all, pts...)
			col := color(seriesColors, i)
			if len(pts) == 1 { // a polyline of one point shows nothing
				s.Circle(pts[0].X, pts[0].Y, dotRadius, "fill:"+col)
			}
			pts = simplify(pts, tolerance, false)
			xs, ys := make([]float64, len(pts)), make([]float64, len(pts))
			for j, p := range pts {
				xs[j], ys[j] = p.X, p.Y
			}
			s.Polyline(xs, ys, "fill:none;stroke-width:1.5;stroke-linejoin:round;stroke:"+col)
			name := ser.Name
			if name == "" {
				name = "series " + strconv.Itoa(i+1)
			}
			entries = append(entries, legendEntry{name: name, line: col})
		}
		drawFrame(s, a)
		if len(series) > 1 || series[0].Name != "" {
			drawLegend(s, a.sc, entries, all)
		}
	})
}

// Grid holds a classifier's scores on a regular grid over a rectangle, the
// input of a decision-boundary plot (the tutorial's cell 7 evaluates its
// network on a 1000x1000 np.meshgrid over the data's range +-1).
//
// Grid point (i, j), 0 <= i < Nx, 0 <= j < Ny, is
//
//	x_i = XMin + i*(XMax-XMin)/(Nx-1),  y_j = YMin + j*(YMax-YMin)/(Ny-1),
//
// and the score of class k there, 0 <= k < K, is P[(j*Nx+i)*K + k]: the
// network's output row for the point, rows ordered with x fastest (as
// np.c_[xx.ravel(), yy.ravel()] orders them). The predicted class is the
// one with the largest score.
type Grid struct {
	XMin, XMax, YMin, YMax float64 // the plotted rectangle
	Nx, Ny                 int     // grid points along x and y, each >= 2
	K                      int     // number of classes, >= 1
	P                      []float64
}

// check panics if the grid breaks its documented contract.
func (g Grid) check() {
	if g.Nx < 2 || g.Ny < 2 || g.K < 1 {
		panic(fmt.Sprintf("svgplot: grid of %dx%d points and %d classes, want at least 2x2 and 1", g.Nx, g.Ny, g.K))
	}
	if len(g.P) != g.Nx*g.Ny*g.K {
		panic(fmt.Sprintf("svgplot: grid has len(P) = %d, want Nx*Ny*K = %d", len(g.P), g.Nx*g.Ny*g.K))
	}
	// The differences are +Inf if a bound is infinite, and the comparisons
	// false if one is NaN.
	if !(g.XMin < g.XMax && g.YMin < g.YMax) || math.IsInf(g.XMax-g.XMin, 0) || math.IsInf(g.YMax-g.YMin, 0) {
		panic(fmt.Sprintf("svgplot: grid rectangle [%g, %g] x [%g, %g] is empty or not finite", g.XMin, g.XMax, g.YMin, g.YMax))
	}
}

// margin returns f_k = P_k - max_{c != k} P_c at every grid point, indexed
// like the grid, j*Nx+i: positive exactly where class k wins.
func (g Grid) margin(k int) []float64 {
	f := make([]float64, g.Nx*g.Ny)
	for q := range f {
		scores := g.P[q*g.K : (q+1)*g.K]
		other := math.Inf(-1)
		for c, v := range scores {
			if c != k {
				other = max(other, v)
			}
		}
		f[q] = scores[k] - other
	}
	return f
}

// at returns the data position of the grid point (i, j), fractional i and
// j allowed. (float64(...): no fused multiply-add, see scale.)
func (g Grid) at(i, j float64) (x, y float64) {
	return g.XMin + float64(i*(g.XMax-g.XMin)/float64(g.Nx-1)), g.YMin + float64(j*(g.YMax-g.YMin)/float64(g.Ny-1))
}

// Panel is one decision-boundary plot of a figure of BoundaryPanels: the
// grid of scores, the data (X[i], Y[i]) with true labels Labels[i], and a
// title above the panel.
type Panel struct {
	Grid   Grid
	X, Y   []float64
	Labels []int
	Title  string
}

// Boundary draws the decision regions of a classifier and the data on top,
// as the tutorial's plot_decision_boundary (cell 7) does with contourf and
// scatter: the region where class k has the largest score is filled with a
// light color of class k, and each point (x[i], y[i]) is a dot in the strong
// color of its true label labels[i]. The axes span the grid's rectangle; a
// legend shows each class's region and dot colors.
//
// Boundary panics if the grid breaks its contract (see Grid) or x, y and
// labels differ in length. It returns an error if a coordinate is NaN or
// infinite or a label is negative, and the first error writing to w. NaN
// scores belong to no region and leave the background color.
func Boundary(w io.Writer, g Grid, x, y []float64, labels []int, opt Options) error {
	p := Panel{Grid: g, X: x, Y: y, Labels: labels, Title: opt.Title}
	opt.Title = ""
	width, height := opt.size(640, 480)
	return boundaries(w, []Panel{p}, 1, width, height, opt)
}

// BoundaryPanels draws several decision-boundary plots, one per panel, in
// rows of opt.Columns panels, with opt.Title above them all and each
// panel's Title above it; for instance the boundary of each fold of a
// cross-validation. Each panel is drawn as Boundary draws its plot; the
// first holds the legend. It panics if there are no panels, and otherwise
// panics and fails as Boundary does, the error naming the panel.
func BoundaryPanels(w io.Writer, panels []Panel, opt Options) error {
	if len(panels) == 0 {
		panic("svgplot: BoundaryPanels: no panels")
	}
	cols := opt.Columns
	if cols <= 0 {
		cols = min(len(panels), 3)
	}
	rows := (len(panels) + cols - 1) / cols
	width, height := opt.size(320*cols, 300*rows)
	return boundaries(w, panels, cols, width, height, opt)
}

// boundaries checks the panels and draws them in rows of cols under the
// title.
func boundaries(w io.Writer, panels []Panel, cols, width, height int, opt Options) error {
	for i, p := range panels {
		p.Grid.check()
		checkPoints(p.X, p.Y, p.Labels)
		if err := pointsError(p.X, p.Y, p.Labels); err != nil {
			if len(panels) > 1 {
				return fmt.Errorf("svgplot: panel %d: %v", i, err)
			}
			return fmt.Errorf("svgplot: %v", err)
		}
	}
	rows := (len(panels) + cols - 1) / cols
	return figure(w, width, height, func(s *SVG) {
		top := 0.0
		if opt.Title != "" {
			top = titleSize + 12
			s.Text(float64(width)/2, titleSize+6, opt.Title,
				"font-size:"+strconv.Itoa(titleSize+1)+"px;text-anchor:middle;font-weight:bold")
		}
		cw, ch := float64(width)/float64(cols), (float64(height)-top)/float64(rows)
		for i, p := range panels {
			b := box{float64(i%cols) * cw, top + float64(i/cols)*ch, cw, ch}
			drawBoundary(s, b, p, opt, i == 0)
		}
	})
}

// drawBoundary draws one decision-boundary plot in the pixel box b, with a
// legend if legend is set.
//
// The plot rectangle is painted with class 0's color, then the region of
// each class k >= 1 on top, as the polygons that contour traces around
// f_k > 0, mapped to pixels and simplified; regions of different classes
// do not overlap, since f_k > 0 for at most one k at a point.
func drawBoundary(s *SVG, b box, p Panel, opt Options, legend bool) {
	g := p.Grid
	xlabel, ylabel := opt.labels("X[:,0]", "X[:,1]")
	a := layout(b, extent{g.XMin, g.XMax, 0}, extent{g.YMin, g.YMax, 0}, p.Title, xlabel, ylabel)
	c := a.sc
	s.Rect(c.left, c.top, c.width, c.height, "fill:"+color(regionColors, 0))
	clip(s, c)
	for k := 1; k < g.K; k++ {
		var d []byte
		for _, poly := range contour(g.margin(k), g.Nx, g.Ny) {
			for v, q := range poly {
				poly[v] = c.pt(g.at(q.X, q.Y))
			}
			d = appendPolygon(d, simplify(poly, tolerance, true))
		}
		if len(d) > 0 {
			// The thin edge in the fill color closes the hairline seams
			// that antialiasing leaves between neighboring regions.
			rc := color(regionColors, k)
			s.Path(string(d), "fill:"+rc+";fill-rule:evenodd;stroke:"+rc+";stroke-width:0.5;stroke-linejoin:round")
		}
	}
	pts := drawPoints(s, c, p.X, p.Y, p.Labels, func(k int) string { return color(pointColors, k) })
	s.EndGroup()
	drawFrame(s, a)
	if legend {
		n := g.K
		if ls := distinct(p.Labels); len(ls) > 0 {
			n = max(n, ls[len(ls)-1]+1)
		}
		entries := make([]legendEntry, n)
		for k := range entries {
			entries[k] = legendEntry{name: opt.className(k), fill: color(regionColors, k), dot: color(pointColors, k)}
		}
		drawLegend(s, c, entries, pts)
	}
}

// appendPolygon appends the path data of the closed polygon p,
// "Mx0 y0Lx1 y1 x2 y2 ...Z", to d; polygons of fewer than 3 vertices add
// nothing.
func appendPolygon(d []byte, p []point) []byte {
	if len(p) < 3 {
		return d
	}
	for v, q := range p {
		switch v {
		case 0:
			d = append(d, 'M')
		case 1:
			d = append(d, 'L')
		default:
			d = append(d, ' ')
		}
		d = appendNum(d, q.X)
		d = append(d, ' ')
		d = appendNum(d, q.Y)
	}
	return append(d, 'Z')
}

// drawPoints draws the data points (x[i], y[i]) as dots colored by label,
// one group per label so that each color is written once, and returns
// their pixel positions.
func drawPoints(s *SVG, c scale, x, y []float64, labels []int, color func(k int) string) []point {
	pts := make([]point, len(x))
	for i := range x {
		pts[i] = c.pt(x[i], y[i])
	}
	for _, k := range distinct(labels) {
		s.Group("fill:" + color(k) + ";" + dotStroke)
		for i, p := range pts {
			if labels[i] == k {
				s.Circle(p.X, p.Y, dotRadius, "")
			}
		}
		s.EndGroup()
	}
	return pts
}

// distinct returns the different labels in increasing order.
func distinct(labels []int) []int {
	ls := slices.Clone(labels)
	slices.Sort(ls)
	return slices.Compact(ls)
}

// checkPoints panics if x, y and labels differ in length.
func checkPoints(x, y []float64, labels []int) {
	if len(x) != len(y) || len(x) != len(labels) {
		panic(fmt.Sprintf("svgplot: data of len(x) = %d, len(y) = %d, len(labels) = %d, want equal", len(x), len(y), len(labels)))
	}
}

// pointsError returns an error naming the first NaN or infinite coordinate
// or negative label, or nil.
func pointsError(x, y []float64, labels []int) error {
	for i := range x {
		if bad := badNumber(x[i]); bad != "" {
			return fmt.Errorf("x[%d] is %s", i, bad)
		}
		if bad := badNumber(y[i]); bad != "" {
			return fmt.Errorf("y[%d] is %s", i, bad)
		}
		if labels[i] < 0 {
			return fmt.Errorf("labels[%d] is %d, want >= 0", i, labels[i])
		}
	}
	return nil
}

// badNumber returns "NaN", "+Inf" or "-Inf" if v is one, or "".
func badNumber(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return ""
}

// figure writes a width x height SVG document to w: a white background and
// what draw draws, in a sans-serif font. It returns the first write error.
func figure(w io.Writer, width, height int, draw func(s *SVG)) error {
	bw := bufio.NewWriter(w)
	s := New(bw, width, height)
	s.Rect(0, 0, float64(width), float64(height), "fill:#fff")
	s.Group("font-family:sans-serif")
	draw(s)
	s.EndGroup()
	if err := s.End(); err != nil {
		return err
	}
	return bw.Flush()
}
