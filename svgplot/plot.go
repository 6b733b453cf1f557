package svgplot

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"

	"github.com/ann-go/ann/internal/finite"
)

// Options are the texts and the size of a figure, and how the data points
// and the decision regions are drawn. The zero value gives a 640x480 figure
// with each plot's default axis titles, no title, every point filled and
// the regions in flat colors.
type Options struct {
	Title    string // the title above the plot; "" for none
	Subtitle string // a line under the title saying what was run; "" for none
	XLabel   string // the x axis title; "" for the plot's default ("x1" for data)
	YLabel   string // the y axis title; "" for the plot's default ("x2" for data)

	// Width and Height are the figure's size in pixels; 0 means 640x480,
	// except for BoundaryPanels, where it means 320x300 per panel.
	Width, Height int

	// ClassNames[k] names label (class) k in legends; a missing or empty
	// name is "class k".
	ClassNames []string

	// Columns is the number of panels per row of BoundaryPanels; 0 means
	// min(len(panels), 3).
	Columns int

	// Held, if not nil, has one entry per data point of Scatter, Boundary
	// and DecisionBoundary: Held[i] marks point i as one the model was not
	// trained on, drawn hollow (a ring in its class color) where training
	// points are filled, and the legend names both kinds. Its length must
	// be the number of points.
	Held []bool

	// Mark, if > 0, is an iteration that Costs marks with a dashed vertical
	// line and, at its top, the label MarkLabel (early stopping's best
	// iteration, "best: iteration 358").
	Mark      int
	MarkLabel string

	// Confidence shades each decision region by the winning class's output
	// h: darker where h >= 0.6, 0.75 and 0.9, lightest where the classifier
	// is unsure (h near 0.5 or below).
	Confidence bool
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

// The colors, defined here once: class (label) k is drawn in
// classColors[k] in every figure, its points as dots of that color and its
// decision region in the light regionColors[k] (both cycling after 10), so
// that the points stand out on the regions; cost curves take seriesColors in
// turn (matplotlib's tab10). Class 1 is the tutorial's darkred; class 0 is
// a stronger blue than its lightblue, which would vanish on the light blue
// region of a decision-boundary plot.
var (
	classColors  = []string{"#1f77b4", "darkred", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"}
	regionColors = []string{"#cfe8f3", "#f6d2cf", "#d5eecf", "#fde4cb", "#e4daef", "#eadcd7", "#f8dcef", "#e6e6e6", "#efefcc", "#cdeef3"}
	seriesColors = []string{"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"}
)

// color returns palette[k], cycling.
func color(palette []string, k int) string { return palette[k%len(palette)] }

// classColor returns the color of the points of class k.
func classColor(k int) string { return color(classColors, k) }

// The data points: dots of this radius in pixels, with a thin dark edge so
// that light ones show on white.
// A held-out point is a ring of the same radius in its class color.
const (
	dotRadius   = 3
	dotStroke   = "stroke:#333;stroke-width:0.4"
	ringStroke  = "stroke-width:1.3"
	heldDefault = "#555" // the legend's samples of filled and hollow points
)

// tolerance is how far in pixels a drawn curve may depart from the computed
// one when simplify drops vertices: far below what a screen shows.
const tolerance = 0.1

// Scatter draws the 2-D data set (x[i], y[i]) with each point colored by
// labels[i], as the tutorial's cell 11 draws the moons: label 1 darkred,
// label 0 blue (see classColors), further labels in a fixed qualitative
// palette; points marked in opt.Held are hollow. The axes span the data and
// 5% more on each side; the axis titles default to x1 and x2. A legend names
// the labels.
//
// Scatter returns an error if there are no points, x, y, labels (and
// opt.Held, if set) differ in length, a coordinate is NaN or infinite, a
// label is negative, or the data's range is too wide for float64, and the
// first error writing to w. It writes nothing unless the input is good.
func Scatter(w io.Writer, x, y []float64, labels []int, opt Options) error {
	if len(x) == 0 && len(y) == 0 && len(labels) == 0 {
		return fmt.Errorf("svgplot: no data points")
	}
	if err := pointsError(x, y, labels, opt.Held); err != nil {
		return fmt.Errorf("svgplot: %v", err)
	}
	width, height := opt.size(640, 480)
	xlabel, ylabel := opt.labels("x1", "x2")
	xmin, xmax := span(x)
	ymin, ymax := span(y)
	if err := rangeError("x", xmin, xmax); err != nil && xmin != xmax {
		return err
	}
	if err := rangeError("y", ymin, ymax); err != nil && ymin != ymax {
		return err
	}
	xmin, xmax = widen(xmin, xmax, 0.05)
	ymin, ymax = widen(ymin, ymax, 0.05)
	if err := rangeError("x", xmin, xmax); err != nil {
		return err
	}
	if err := rangeError("y", ymin, ymax); err != nil {
		return err
	}
	return figure(w, width, height, func(s *SVG) {
		a := layoutSub(box{0, 0, float64(width), float64(height)}, extent{xmin, xmax, 0}, extent{ymin, ymax, 0}, opt.Title, opt.Subtitle, xlabel, ylabel)
		clip(s, a.sc)
		pts := drawPoints(s, a.sc, x, y, labels, opt.Held)
		s.EndGroup()
		drawFrame(s, a)
		var entries []legendEntry
		for _, k := range distinct(labels) {
			entries = append(entries, legendEntry{name: opt.className(k), dot: classColor(k)})
		}
		drawLegend(s, a.sc, append(entries, heldEntries(opt.Held)...), pts)
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
// names them unless there is a single unnamed series. A series shorter than
// the longest ends in a dot, so runs of different lengths (Take 1's 1000
// iterations beside Take 2's 5000) read as such.
//
// Costs returns an error if there are no series, a series is empty, or a
// cost is NaN or infinite, naming the series and the iteration, or the
// costs span a range too wide for float64, and the first error writing to
// w. It writes nothing unless the input is good.
func Costs(w io.Writer, series []Series, opt Options) error {
	if err := seriesError(series); err != nil {
		return err
	}
	if _, ymin, ymax := costRange(series); rangeError("cost", ymin, ymax) != nil {
		return rangeError("cost", ymin, ymax)
	}
	width, height := opt.size(640, 480)
	return figure(w, width, height, func(s *SVG) {
		drawCosts(s, box{0, 0, float64(width), float64(height)}, series, opt.Title, opt.Subtitle, opt)
	})
}

// seriesError returns an error if there are no series, a series is empty,
// or a cost is NaN or infinite, naming the series and the iteration.
func seriesError(series []Series) error {
	if len(series) == 0 {
		return fmt.Errorf("svgplot: no cost series")
	}
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
	}
	return nil
}

// costRange returns the length of the longest series and the y range of
// their plot: from 0, or the smallest cost if negative, to 5% above the
// largest.
func costRange(series []Series) (n int, ymin, ymax float64) {
	ymax = math.Inf(-1)
	for _, ser := range series {
		lo, hi := span(ser.Y)
		n, ymin, ymax = max(n, len(ser.Y)), min(ymin, lo), max(ymax, hi)
	}
	if ymax <= ymin {
		ymax = ymin + 1
	}
	ymax += 0.05 * (ymax - ymin)
	return n, ymin, ymax
}

// drawCosts draws the cost plot of the checked series in the pixel box b
// and returns its axes and the pixel points of its curves.
func drawCosts(s *SVG, b box, series []Series, title, subtitle string, opt Options) (axes, []point) {
	n, ymin, ymax := costRange(series)
	xlabel, ylabel := opt.labels("Iteration #", "Cost J(Θ)")
	// The last iteration is the frame's right edge: a curve ends on it, but
	// the dot of a run of one iteration (one that diverged at its second)
	// would sit half outside, so its axis runs to 2.
	xmax := float64(max(n, 2))
	a := layoutSub(b, extent{0, xmax, 1}, extent{ymin, ymax, 0}, title, subtitle, xlabel, ylabel)
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
		} else if len(pts) < n { // a dot where a shorter run stopped
			s.Circle(pts[len(pts)-1].X, pts[len(pts)-1].Y, 2.5, "fill:"+col)
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
	if opt.Mark > 0 {
		c := a.sc
		x := c.px(float64(opt.Mark))
		s.Line(x, c.top, x, c.top+c.height, "stroke:#444;stroke-width:1;stroke-dasharray:4,3")
		anchor, dx := "start", 4.0
		if x > c.left+c.width*0.7 { // keep the label inside the plot
			anchor, dx = "end", -4
		}
		s.Text(x+dx, c.top+tickSize+4, opt.MarkLabel, "font-size:"+strconv.Itoa(tickSize)+"px;fill:#222;text-anchor:"+anchor)
		all = append(all, point{x, c.top + tickSize}) // the legend avoids the label
	}
	drawFrame(s, a)
	if len(series) > 1 || series[0].Name != "" {
		drawLegend(s, a.sc, entries, all)
	}
	return a, all
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

// check returns an error if the grid breaks its documented contract or
// holds a NaN or infinite score.
func (g Grid) check() error {
	if g.Nx < 2 || g.Ny < 2 || g.K < 1 {
		return fmt.Errorf("grid of %dx%d points and %d classes, want at least 2x2 and 1", g.Nx, g.Ny, g.K)
	}
	if len(g.P) != g.Nx*g.Ny*g.K {
		return fmt.Errorf("grid has len(P) = %d, want Nx*Ny*K = %d", len(g.P), g.Nx*g.Ny*g.K)
	}
	// The differences are +Inf if a bound is infinite or the range too wide,
	// and the comparisons false if one is NaN.
	if !(g.XMin < g.XMax && g.YMin < g.YMax) || badNumber(g.XMax-g.XMin) != "" || badNumber(g.YMax-g.YMin) != "" {
		return fmt.Errorf("grid rectangle [%g, %g] x [%g, %g] is empty or not finite", g.XMin, g.XMax, g.YMin, g.YMax)
	}
	return nil
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
// grid of scores, the data (X[i], Y[i]) with true labels Labels[i], the
// points the model was not trained on marked in Held (nil for none, see
// Options.Held), and a title above the panel.
type Panel struct {
	Grid   Grid
	X, Y   []float64
	Labels []int
	Held   []bool
	Title  string
}

// Boundary draws the decision regions of a classifier and the data on top,
// as the tutorial's plot_decision_boundary (cell 7) does with contourf and
// scatter: the region where class k has the largest score is filled with a
// light color of class k, and each point (x[i], y[i]) is a dot in the strong
// color of its true label labels[i], hollow if opt.Held marks it. The axes
// span the grid's rectangle; a legend shows each class's region and dot
// colors. With opt.Confidence the regions are shaded by the winning score.
// There may be no points; points outside the grid's rectangle are clipped.
//
// Boundary returns an error if the grid breaks its contract (see Grid) or
// holds a NaN or infinite score, x, y, labels (and opt.Held, if set) differ
// in length, a coordinate is NaN or infinite, or a label is negative, and
// the first error writing to w. It writes nothing unless the input is good.
func Boundary(w io.Writer, g Grid, x, y []float64, labels []int, opt Options) error {
	p := Panel{Grid: g, X: x, Y: y, Labels: labels, Held: opt.Held, Title: opt.Title}
	opt.Title = ""
	width, height := opt.size(640, 480)
	return boundaries(w, []Panel{p}, 1, width, height, opt)
}

// BoundaryPanels draws several decision-boundary plots, one per panel, in
// rows of opt.Columns panels, with opt.Title and opt.Subtitle above them
// all and each panel's Title above it; for instance the boundary of each
// fold of a cross-validation. Each panel is drawn as Boundary draws its plot
// (opt.Held is not used: each panel has its own Held); the legend, in one
// line under the title, is that of the panel with the most entries. It
// fails as Boundary does, the error naming the panel, and if there are no
// panels.
func BoundaryPanels(w io.Writer, panels []Panel, opt Options) error {
	if len(panels) == 0 {
		return fmt.Errorf("svgplot: no panels")
	}
	cols := opt.Columns
	if cols <= 0 {
		cols = min(len(panels), 3)
	}
	rows := (len(panels) + cols - 1) / cols
	width, height := opt.size(320*cols, 300*rows)
	return boundaries(w, panels, cols, width, height, opt)
}

// panelError returns the first error of the panel's grid or points, or nil.
func panelError(p Panel) error {
	if err := p.Grid.check(); err != nil {
		return err
	}
	for _, v := range p.Grid.P {
		if bad := badNumber(v); bad != "" {
			return fmt.Errorf("grid has a score that is %s", bad)
		}
	}
	return pointsError(p.X, p.Y, p.Labels, p.Held)
}

// boundaries checks the panels and draws them in rows of cols under the
// title.
func boundaries(w io.Writer, panels []Panel, cols, width, height int, opt Options) error {
	for i, p := range panels {
		if err := panelError(p); err != nil {
			if len(panels) > 1 {
				return fmt.Errorf("svgplot: panel %d: %v", i, err)
			}
			return fmt.Errorf("svgplot: %v", err)
		}
	}
	rows := (len(panels) + cols - 1) / cols
	return figure(w, width, height, func(s *SVG) {
		top := 0.0
		if len(panels) > 1 || opt.Title != "" {
			top = drawHeader(s, float64(width), opt.Title, opt.Subtitle)
		} // else Boundary: the title is the panel's, the subtitle under it
		if len(panels) > 1 {
			// Small panels have no room for a legend beside the data: one
			// line under the title holds it.
			top += legendRow
			var entries []legendEntry
			for _, p := range panels { // the panel with the most classes, or held-out points
				if e := boundaryEntries(p, opt); len(e) > len(entries) {
					entries = e
				}
			}
			drawLegendRow(s, float64(width)/2, top-legendRow/2, entries)
		}

		cw, ch := float64(width)/float64(cols), (float64(height)-top)/float64(rows)
		for i, p := range panels {
			b := box{float64(i%cols) * cw, top + float64(i/cols)*ch, cw, ch}
			sub := ""
			if len(panels) == 1 && opt.Title == "" {
				sub = opt.Subtitle
			}
			drawBoundary(s, b, p, sub, opt, len(panels) == 1)
		}
	})
}

// drawHeader draws a figure's title and subtitle centered at the top, if
// not empty, and returns the height they take.
// A subtitle too wide for the figure is broken into lines (see wrap). With
// s nil it draws nothing: headerHeight.
func drawHeader(s *SVG, width float64, title, subtitle string) float64 {
	top := 0.0
	if title != "" {
		top = titleSize + 12
		if s != nil {
			s.Text(width/2, titleSize+6, title,
				"font-size:"+strconv.Itoa(titleSize+1)+"px;text-anchor:middle;font-weight:bold")
		}
	}
	for _, line := range wrap(subtitle, subtitleSize, width-textMargin) {
		if s != nil {
			s.Text(width/2, top+tickSize+6, line, subtitleStyle)
		}
		top += tickSize + 10
	}
	return top
}

// headerHeight returns the height drawHeader takes.
func headerHeight(width float64, title, subtitle string) float64 {
	return drawHeader(nil, width, title, subtitle)
}

// subtitleStyle is the style of a subtitle, set smaller and in gray.
const subtitleStyle = "font-size:12px;text-anchor:middle;fill:#444"

// The levels of the winning class's output h at which Options.Confidence
// darkens a region, each by confidenceOpacity more of the class color.
var confidenceLevels = []float64{0.6, 0.75, 0.9}

const confidenceOpacity = "0.1"

// drawBoundary draws one decision-boundary plot in the pixel box b, with
// subtitle under its title and a legend if legend is set.
//
// The plot rectangle is painted with class 0's color, then the region of
// each class k >= 1 on top, as the polygons that contour traces around
// f_k > 0, mapped to pixels and simplified; regions of different classes
// do not overlap, since f_k > 0 for at most one k at a point. With
// opt.Confidence each class's color is laid over its region again where
// min(f_k, P_k - level) > 0 for each of the confidenceLevels.
func drawBoundary(s *SVG, b box, p Panel, subtitle string, opt Options, legend bool) {
	g := p.Grid
	xlabel, ylabel := opt.labels("x1", "x2")
	a := layoutSub(b, extent{g.XMin, g.XMax, 0}, extent{g.YMin, g.YMax, 0}, p.Title, subtitle, xlabel, ylabel)
	c := a.sc
	drawRegions(s, c, g, opt.Confidence)
	pts := drawPoints(s, c, p.X, p.Y, p.Labels, p.Held)
	s.EndGroup()
	drawFrame(s, a)
	if legend {
		drawLegend(s, c, boundaryEntries(p, opt), pts)
	}
}

// boundaryEntries returns the legend of a decision-boundary plot: each
// class's region and dot, the confidence shades, and filled and hollow
// points if some are held out.
func boundaryEntries(p Panel, opt Options) []legendEntry {
	n := p.Grid.K
	if ls := distinct(p.Labels); len(ls) > 0 {
		n = max(n, ls[len(ls)-1]+1)
	}
	entries := make([]legendEntry, n)
	for k := range entries {
		entries[k] = legendEntry{name: opt.className(k), fill: color(regionColors, k), dot: classColor(k)}
	}
	if opt.Confidence {
		entries = append(entries, legendEntry{name: "darker: h ≥ 0.6, 0.75, 0.9", shade: classColor(0)})
	}
	return append(entries, heldEntries(p.Held)...)
}

// drawRegions paints the plot rectangle of c with class 0's color and the
// decision regions of the grid on top, shaded by confidence if set (see
// drawBoundary), in a group clipped to the rectangle that it leaves open
// for the points: end it with EndGroup.
func drawRegions(s *SVG, c scale, g Grid, confidence bool) {
	s.Rect(c.left, c.top, c.width, c.height, "fill:"+color(regionColors, 0))
	clip(s, c)
	region := func(f []float64) []byte {
		var d []byte
		for _, poly := range contour(f, g.Nx, g.Ny) {
			for v, q := range poly {
				poly[v] = c.pt(g.at(q.X, q.Y))
			}
			d = appendPolygon(d, simplify(poly, tolerance, true))
		}
		return d
	}
	for k := 1; k < g.K; k++ {
		if d := region(g.margin(k)); len(d) > 0 {
			// The thin edge in the fill color closes the hairline seams
			// that antialiasing leaves between neighboring regions.
			rc := color(regionColors, k)
			s.Path(string(d), "fill:"+rc+";fill-rule:evenodd;stroke:"+rc+";stroke-width:0.5;stroke-linejoin:round")
		}
	}
	if confidence {
		for k := range g.K {
			f := g.margin(k)
			for _, level := range confidenceLevels {
				fl := make([]float64, len(f))
				for q := range f {
					fl[q] = min(f[q], g.P[q*g.K+k]-level)
				}
				if d := region(fl); len(d) > 0 {
					s.Path(string(d), "fill:"+classColor(k)+";fill-opacity:"+confidenceOpacity+";fill-rule:evenodd;stroke:none")
				}
			}
		}
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
// hollow where held[i] (held may be nil), one group per label and kind so
// that each style is written once, and returns their pixel positions.
func drawPoints(s *SVG, c scale, x, y []float64, labels []int, held []bool) []point {
	pts := make([]point, len(x))
	for i := range x {
		pts[i] = c.pt(x[i], y[i])
	}
	isHeld := func(i int) bool { return held != nil && held[i] }
	for _, k := range distinct(labels) {
		for _, hollow := range []bool{false, true} {
			n := 0
			for i := range pts {
				if labels[i] == k && isHeld(i) == hollow {
					n++
				}
			}
			if n == 0 {
				continue
			}
			if hollow {
				s.Group("fill:none;stroke:" + classColor(k) + ";" + ringStroke)
			} else {
				s.Group("fill:" + classColor(k) + ";" + dotStroke)
			}
			for i, p := range pts {
				if labels[i] == k && isHeld(i) == hollow {
					s.Circle(p.X, p.Y, dotRadius, "")
				}
			}
			s.EndGroup()
		}
	}
	return pts
}

// heldEntries returns the legend entries that tell filled training points
// from hollow held-out ones, or none if held is nil.
func heldEntries(held []bool) []legendEntry {
	if held == nil {
		return nil
	}
	return []legendEntry{
		{name: "trained on", dot: heldDefault},
		{name: "not trained on", ring: heldDefault},
	}
}

// distinct returns the different labels in increasing order.
func distinct(labels []int) []int {
	ls := slices.Clone(labels)
	slices.Sort(ls)
	return slices.Compact(ls)
}

// pointsError returns an error if x, y, labels and held (unless nil) differ
// in length, or naming the first NaN or infinite coordinate or negative
// label, or nil.
func pointsError(x, y []float64, labels []int, held []bool) error {
	if len(x) != len(y) || len(x) != len(labels) {
		return fmt.Errorf("data of len(x) = %d, len(y) = %d, len(labels) = %d, want equal", len(x), len(y), len(labels))
	}
	if held != nil && len(held) != len(x) {
		return fmt.Errorf("%d held-out marks for %d points", len(held), len(x))
	}
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
	if !finite.Is(v) {
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
