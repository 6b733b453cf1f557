package svgplot

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/ann-go/ann/internal/finite"
)

// Frame is one snapshot of training for Training and TrainingAnimated: the
// decision regions of the weights at the start of iteration Iteration
// (1-based, before that iteration's update), whose cost is
// costs[Iteration-1], with the data drawn on top. Panel.Title is not used:
// each panel is titled "iteration N, cost J".
type Frame struct {
	Iteration int
	Panel
}

// Training draws how the decision boundary changes as gradient descent
// runs: small multiples of the boundary at the frames' iterations, in rows
// of opt.Columns panels (0 means up to 4), each titled "iteration N,
// cost J", above the cost curve costs (costs[i] the cost J of iteration
// i+1, as Costs draws it) with each frame's iteration marked by a dot on
// the curve, labeled N. opt.Title and opt.Subtitle go above it all, and
// under them a one-line legend; the panels are drawn as BoundaryPanels
// draws them.
//
// Training returns an error if there are no frames, the costs are empty or
// hold a NaN or infinite value, a frame's iteration is not in 1..len(costs),
// or a frame fails as a Panel of BoundaryPanels does, and the first error
// writing to w. It writes nothing unless the input is good.
func Training(w io.Writer, frames []Frame, costs []float64, opt Options) error {
	if err := framesError(frames, costs); err != nil {
		return err
	}
	cols := opt.Columns
	if cols <= 0 {
		cols = min(len(frames), 4)
	}
	rows := (len(frames) + cols - 1) / cols
	const panelW, panelH, costH = 280.0, 260.0, 260.0
	width := max(640, panelW*float64(cols))
	if opt.Width > 0 {
		width = float64(opt.Width)
	}
	panelW2 := width / float64(cols)
	top := headerHeight(width, opt.Title, opt.Subtitle) + legendRow
	height := top + panelH*float64(rows) + costH
	return figure(w, int(math.Ceil(width)), int(math.Ceil(height)), func(s *SVG) {
		drawHeader(s, width, opt.Title, opt.Subtitle)
		drawLegendRow(s, width/2, top-legendRow/2, boundaryEntries(frames[0].Panel, opt))
		for i, f := range frames {
			b := box{float64(i%cols) * panelW2, top + float64(i/cols)*panelH, panelW2, panelH}
			p := f.Panel
			p.Title = frameTitle(f, costs)
			drawBoundary(s, b, p, "", opt, false)
		}
		b := box{0, top + panelH*float64(rows), width, costH}
		a, curve := drawCosts(s, b, []Series{{Y: costs}}, "", "", opt)
		drawMarks(s, a.sc, frames, costs, curve)
	})
}

// TrainingAnimated draws the frames of Training as an animation: one
// decision-boundary plot beside the cost curve, the frames shown in turn,
// 1.5 s each and over again, with a dot on the cost curve at the frame's
// iteration. It animates with SMIL (an <animate> of each frame's
// visibility, no script); a viewer without animation shows the first
// frame. The frames must share their grid's rectangle and their data,
// which is drawn once, from the first frame. It fails as Training does, and
// if the frames' rectangles or data differ.
func TrainingAnimated(w io.Writer, frames []Frame, costs []float64, opt Options) error {
	if err := framesError(frames, costs); err != nil {
		return err
	}
	g0, f0 := frames[0].Grid, frames[0].Panel
	for i, f := range frames[1:] {
		g := f.Grid
		if g.XMin != g0.XMin || g.XMax != g0.XMax || g.YMin != g0.YMin || g.YMax != g0.YMax ||
			!slices.Equal(f.X, f0.X) || !slices.Equal(f.Y, f0.Y) || !slices.Equal(f.Labels, f0.Labels) || !slices.Equal(f.Held, f0.Held) {
			return fmt.Errorf("svgplot: frame %d: its grid's rectangle or its data differ from frame 0's", i+1)
		}
	}
	width, height := opt.size(1000, 460)
	n := len(frames)
	dur := strconv.FormatFloat(1.5*float64(n), 'f', 1, 64) + "s"
	// visible returns the attribute and <animate> child of a group shown
	// only during frame i.
	animate := func(i int) (visibility, anim string) {
		var values, times []string
		for j := range n {
			v := "hidden"
			if j == i {
				v = "visible"
			}
			values = append(values, v)
			times = append(times, strconv.FormatFloat(float64(j)/float64(n), 'f', 4, 64))
		}
		visibility = "hidden"
		if i == 0 {
			visibility = "visible"
		}
		anim = `<animate attributeName="visibility" values="` + strings.Join(values, ";") + `" keyTimes="` +
			strings.Join(times, ";") + `" calcMode="discrete" dur="` + dur + `" repeatCount="indefinite"/>` + "\n"
		return visibility, anim
	}
	return figure(w, width, height, func(s *SVG) {
		top := drawHeader(s, float64(width), opt.Title, opt.Subtitle)
		left := box{0, top, float64(width) * 0.56, float64(height) - top}
		xlabel, ylabel := opt.labels("x1", "x2")
		// Every frame's title has the same size, so one layout serves all.
		a := layoutSub(left, extent{g0.XMin, g0.XMax, 0}, extent{g0.YMin, g0.YMax, 0}, "iteration", "", xlabel, ylabel)
		for i, f := range frames {
			vis, anim := animate(i)
			s.raw(`<g visibility="` + vis + `">` + "\n")
			s.raw(anim)
			drawRegions(s, a.sc, f.Grid, opt.Confidence)
			s.EndGroup()
			fa := a
			fa.title = frameTitle(f, costs)
			fa.xticks, fa.yticks, fa.xlabel, fa.ylabel = nil, nil, "", ""
			drawFrame(s, fa)
			s.EndGroup()
		}
		clip(s, a.sc)
		pts := drawPoints(s, a.sc, f0.X, f0.Y, f0.Labels, f0.Held)
		s.EndGroup()
		a.title = ""
		drawFrame(s, a)
		entries := make([]legendEntry, g0.K)
		for k := range entries {
			entries[k] = legendEntry{name: opt.className(k), fill: color(regionColors, k), dot: classColor(k)}
		}
		drawLegend(s, a.sc, append(entries, heldEntries(f0.Held)...), pts)

		right := box{left.w, top, float64(width) - left.w, float64(height) - top}
		ca, _ := drawCosts(s, right, []Series{{Y: costs}}, "cost per iteration", "", opt)
		for i, f := range frames {
			vis, anim := animate(i)
			s.raw(`<g visibility="` + vis + `">` + "\n")
			s.raw(anim)
			x, y := ca.sc.px(float64(f.Iteration)), ca.sc.py(costs[f.Iteration-1])
			s.Line(x, ca.sc.top, x, ca.sc.top+ca.sc.height, "stroke:#d62728;stroke-width:1;stroke-dasharray:4 3")
			s.Circle(x, y, 4.5, "fill:#d62728;stroke:#fff;stroke-width:1")
			s.EndGroup()
		}
	})
}

// legendRow is the height of the one-line legend of Training.
const legendRow = labelSize + 12

// drawLegendRow draws the legend entries in one line centered at (cx, cy),
// each sample followed by its name.
func drawLegendRow(s *SVG, cx, cy float64, entries []legendEntry) {
	const sample, gap = 18.0, 16.0
	width := 0.0
	for _, e := range entries {
		width += sample + 5 + textWidth(e.name, labelSize) + gap
	}
	x := cx - (width-gap)/2
	s.Group("font-size:" + strconv.Itoa(labelSize) + "px;fill:#000")
	for _, e := range entries {
		drawSample(s, x, cy, sample, e)
		s.Text(x+sample+5, cy+labelSize*0.35, e.name, "")
		x += sample + 5 + textWidth(e.name, labelSize) + gap
	}
	s.EndGroup()
}

// framesError returns an error unless the frames and costs are good input
// for Training.
func framesError(frames []Frame, costs []float64) error {
	if len(frames) == 0 {
		return fmt.Errorf("svgplot: no frames")
	}
	if err := seriesError([]Series{{Name: "costs", Y: costs}}); err != nil {
		return err
	}
	if _, ymin, ymax := costRange([]Series{{Y: costs}}); rangeError("cost", ymin, ymax) != nil {
		return rangeError("cost", ymin, ymax)
	}
	for i, f := range frames {
		if f.Iteration < 1 || f.Iteration > len(costs) {
			return fmt.Errorf("svgplot: frame %d is at iteration %d, want 1 to %d", i, f.Iteration, len(costs))
		}
		if err := panelError(f.Panel); err != nil {
			return fmt.Errorf("svgplot: frame %d: %v", i, err)
		}
	}
	return nil
}

// frameTitle returns a frame's title, "iteration N, cost J".
func frameTitle(f Frame, costs []float64) string {
	return "iteration " + strconv.Itoa(f.Iteration) + ", cost " + strconv.FormatFloat(costs[f.Iteration-1], 'f', 4, 64)
}

// drawMarks marks each frame's iteration on the cost plot of scale c: a
// dashed line down from a dot on the curve, labeled with the iteration
// beside the dot, at the first place near it, tried in a fixed order (right
// and below, right and above, left and below, left and above, then farther
// down or up), whose label crosses neither the curve through the pixel
// points curve, nor a mark's line or dot, nor another label, and stays
// inside the plot.
func drawMarks(s *SVG, c scale, frames []Frame, costs []float64, curve []point) {
	type mark struct{ x, y float64 }
	marks := make([]mark, len(frames))
	for i, f := range frames {
		marks[i] = mark{c.px(float64(f.Iteration)), c.py(costs[f.Iteration-1])}
	}
	bottom := c.top + c.height
	var placed []box
	free := func(b box) bool {
		if b.x < c.left+1 || b.x+b.w > c.left+c.width-1 || b.y < c.top+1 || b.y+b.h > bottom-1 {
			return false
		}
		g := box{b.x - 2, b.y - 2, b.w + 4, b.h + 4}
		for i := 1; i < len(curve); i++ {
			if segmentMeetsBox(curve[i-1], curve[i], g) {
				return false
			}
		}
		for _, m := range marks {
			if segmentMeetsBox(point{m.x, m.y - 5}, point{m.x, bottom}, g) {
				return false
			}
		}
		for _, p := range placed {
			if p.x < g.x+g.w && g.x < p.x+p.w && p.y < g.y+g.h && g.y < p.y+p.h {
				return false
			}
		}
		return true
	}
	s.Group("font-size:" + strconv.Itoa(tickSize) + "px;fill:#d62728")
	for _, m := range marks {
		s.Line(m.x, m.y, m.x, bottom, "stroke:#d62728;stroke-width:0.8;stroke-dasharray:3 3")
		s.Circle(m.x, m.y, 4, "fill:#d62728;stroke:#fff;stroke-width:1")
	}
	for i, f := range frames {
		m := marks[i]
		label := strconv.Itoa(f.Iteration)
		tw := textWidth(label, tickSize)
		var first box
		found := false
		for k := 0; k < 12 && !found; k++ {
			dy := tickSize + 6 + float64(k/4)*(tickSize+4) // the baseline below the dot
			if k%2 == 1 {
				dy = -6 - float64(k/4)*(tickSize+4) // above it
			}
			x := m.x + 6
			if k%4 >= 2 {
				x = m.x - 6 - tw
			}
			b := box{x, m.y + dy - tickSize*0.8, tw, tickSize}
			if k == 0 {
				first = b
			}
			if free(b) {
				first, found = b, true
			}
		}
		placed = append(placed, first)
		s.Text(first.x, first.y+tickSize*0.8, label, "")
	}
	s.EndGroup()
}

// segmentMeetsBox reports whether the segment from p to q meets the box b
// (Liang and Barsky's clipping).
func segmentMeetsBox(p, q point, b box) bool {
	t0, t1 := 0.0, 1.0
	dx, dy := q.X-p.X, q.Y-p.Y
	for _, e := range [4][2]float64{{-dx, p.X - b.x}, {dx, b.x + b.w - p.X}, {-dy, p.Y - b.y}, {dy, b.y + b.h - p.Y}} {
		d, r := e[0], e[1]
		if d == 0 {
			if r < 0 {
				return false
			}
			continue
		}
		t := r / d
		if d < 0 {
			t0 = max(t0, t)
		} else {
			t1 = min(t1, t)
		}
		if t0 > t1 {
			return false
		}
	}
	return true
}

// SnapshotIterations picks n iterations (1-based, increasing) at which to
// show a run whose cost per iteration is costs: the first, the last, and
// between them iterations spaced evenly along the length of the cost curve,
// drawn with the iterations across [0, 1] and the cost up [0, 2] (a fall of
// the cost counts twice as much as the same share of the iterations):
//
//	x_i = (i-1)/(m-1),  y_i = 2 (J_i - min J)/(max J - min J)
//	ℓ_i = Σ_{t<i} √((x_{t+1}-x_t)² + (y_{t+1}-y_t)²)
//	pick the first i with ℓ_i >= k/(n-1) ℓ_m,  k = 1..n-2
//
// so that a steep descent gets panels along it and a long plateau gets one
// too: the tutorial's Take 2, which waits thousands of iterations before its
// cost falls a second time, shows the wait and the fall. A NaN cost counts as
// the cost before it. Where two picks fall on one iteration, the rest are
// taken from the middle of the widest gaps between the picks. It returns
// min(n, len(costs)) iterations, and none if n <= 0 or costs is empty.
func SnapshotIterations(costs []float64, n int) []int {
	m := len(costs)
	n = min(n, m)
	if n <= 0 {
		return nil
	}
	if n == 1 {
		return []int{m}
	}
	y := make([]float64, m)
	lo, hi, last := math.Inf(1), math.Inf(-1), math.NaN()
	for i, v := range costs {
		if !finite.Is(v) {
			v = last
		}
		y[i], last = v, v
		if !math.IsNaN(v) {
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	scale := 0.0
	if hi > lo && !math.IsInf(hi-lo, 0) {
		scale = 2 / (hi - lo)
	}
	length := make([]float64, m) // ℓ_i, by index i-1
	dx := 1 / float64(m-1)
	for i := 1; i < m; i++ {
		dy := 0.0
		if !math.IsNaN(y[i]) && !math.IsNaN(y[i-1]) {
			dy = (y[i] - y[i-1]) * scale
		}
		length[i] = length[i-1] + math.Hypot(dx, dy)
	}
	picked := []int{1, m}
	for k := 1; k <= n-2; k++ {
		target := float64(k) / float64(n-1) * length[m-1]
		i, _ := slices.BinarySearch(length, target)
		picked = append(picked, min(i, m-1)+1)
	}
	slices.Sort(picked)
	picked = slices.Compact(picked)
	for len(picked) < n { // the middle of the widest gap
		g := 0
		for k := 1; k+1 < len(picked); k++ {
			if picked[k+1]-picked[k] > picked[g+1]-picked[g] {
				g = k
			}
		}
		picked = slices.Insert(picked, g+1, (picked[g]+picked[g+1])/2)
	}
	return picked
}
