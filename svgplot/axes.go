package svgplot

import (
	"math"
	"strconv"
	"strings"
)

// Sizes in pixels of the text and the marks around a plot.
const (
	titleSize    = 15  // font size of a plot's title
	subtitleSize = 12  // font size of a subtitle
	labelSize    = 13  // font size of the axis titles and the legend
	tickSize     = 11  // font size of the tick labels
	tickLen      = 4   // length of a tick mark, outside the plot rectangle
	charWidth    = 0.6 // width of a character, as a fraction of the font size (an estimate)
)

// scale maps data coordinates to pixels in the plot rectangle
// [left, left+width] × [top, top+height]:
//
//	px = left + (x - xmin) / (xmax - xmin) * width
//	py = top + (ymax - y) / (ymax - ymin) * height
//
// py is the one place where the y axis is flipped: data y grows upward, SVG
// y downward. The conversions float64(...) in px and py round the product
// before the addition: without them Go may fuse the two into one operation
// (it does on arm64, and on amd64 with GOAMD64=v3), and a coordinate that
// lies within an ulp of a rounding boundary would print differently there.
// With them the SVG has the same bytes on every platform.
type scale struct {
	xmin, xmax, ymin, ymax   float64 // the data rectangle
	left, top, width, height float64 // the plot rectangle, in pixels
}

// px returns the pixel column of data x.
func (c scale) px(x float64) float64 {
	return c.left + float64((x-c.xmin)/(c.xmax-c.xmin)*c.width)
}

// py returns the pixel row of data y.
func (c scale) py(y float64) float64 {
	return c.top + float64((c.ymax-y)/(c.ymax-c.ymin)*c.height)
}

// pt returns the pixel position of the data point (x, y), held within
// farOut pixels of the plot rectangle: a point farther out is clipped
// anyway, and its exact position could overflow to infinity.
func (c scale) pt(x, y float64) point {
	px := max(c.left-farOut, min(c.left+c.width+farOut, c.px(x)))
	py := max(c.top-farOut, min(c.top+c.height+farOut, c.py(y)))
	return point{px, py}
}

// farOut is how far in pixels outside the plot rectangle pt places a point
// at most.
const farOut = 1000

// box is a rectangle in pixels with top-left corner (x, y).
type box struct{ x, y, w, h float64 }

// tick is a labeled position on an axis.
type tick struct {
	v     float64
	label string
}

// axes is a laid-out plot: where its data goes and what its axes show.
type axes struct {
	sc                    scale
	xticks, yticks        []tick
	title, xlabel, ylabel string
	subtitle              string
	b                     box // the box the plot was laid out in, which its texts stay inside
}

// extent is the data range [lo, hi] of an axis, and the smallest tick step
// it allows: 0 for any, 1 for a count such as the iteration number.
type extent struct{ lo, hi, minStep float64 }

// layoutSub places a plot of the data rectangle x × y in the pixel box b,
// leaving room around the plot rectangle for the title and subtitle, the
// tick labels and the axis titles, and chooses the ticks.
func layoutSub(b box, x, y extent, title, subtitle, xlabel, ylabel string) axes {
	top := 10.0
	if title != "" {
		top = 12 + titleSize
	}
	top += float64(len(wrap(subtitle, subtitleSize, b.w-textMargin))) * (subtitleSize + 6)
	bottom := tickLen + 4 + tickSize + 6.0
	if xlabel != "" {
		bottom += labelSize + 4
	}
	height := b.h - top - bottom
	yticks := ticks(y, height, false)
	left := 8 + tickLen + 4 + widest(yticks)
	if ylabel != "" {
		left += labelSize + 6
	}
	right := 16.0
	width := b.w - left - right
	xticks := ticks(x, width, true)
	if n := len(xticks); n > 0 {
		// Room for half the last tick label right of the plot.
		right = max(right, textWidth(xticks[n-1].label, tickSize)/2+4)
		if w := b.w - left - right; w < width {
			width = w
			xticks = ticks(x, width, true)
		}
	}
	return axes{
		sc:     scale{x.lo, x.hi, y.lo, y.hi, b.x + left, b.y + top, width, height},
		xticks: xticks, yticks: yticks,
		title: title, xlabel: xlabel, ylabel: ylabel, subtitle: subtitle, b: b,
	}
}

// textMargin is the room in pixels a line of text leaves to the edges of
// the box it is centered in, both sides together.
const textMargin = 12

// wrap breaks text into lines that are at most width pixels wide at the
// given font size: at the " · " between a subtitle's parts where it can, at
// spaces otherwise. A word wider than width gets a line of its own. It
// returns no lines for "".
func wrap(text string, size, width float64) []string {
	if text == "" {
		return nil
	}
	if textWidth(text, size) <= width {
		return []string{text}
	}
	var lines []string
	line := ""
	add := func(part, sep string) {
		switch {
		case line == "":
			line = part
		case textWidth(line+sep+part, size) <= width:
			line += sep + part
		default:
			lines = append(lines, line)
			line = part
		}
	}
	for _, part := range strings.Split(text, " · ") {
		if textWidth(part, size) <= width {
			add(part, " · ")
			continue
		}
		for i, word := range strings.Fields(part) {
			sep := " "
			if i == 0 {
				sep = " · "
			}
			add(word, sep)
		}
	}
	return append(lines, line)
}

// centerIn returns the x at which text of the given width, centered there,
// is nearest to cx and stays within [lo, hi] (centered in it if wider).
func centerIn(cx, width, lo, hi float64) float64 {
	if width >= hi-lo {
		return (lo + hi) / 2
	}
	return max(lo+width/2, min(hi-width/2, cx))
}

// ticks chooses "nice" ticks for the range e drawn over the given number of
// pixels: the multiples in the range of a step 1, 2 or 5 × 10^k, no smaller
// than e.minStep, at least 60 pixels apart on a horizontal axis and 35 on a
// vertical one, and never so close that the labels of a horizontal axis
// overlap.
func ticks(e extent, pixels float64, horizontal bool) []tick {
	lo, hi := e.lo, e.hi
	if !(hi > lo) || !(pixels > 0) {
		return nil
	}
	spacing := 35.0
	if horizontal {
		spacing = 60
	}
	step := niceStep(max(e.minStep, (hi-lo)/max(1, math.Floor(pixels/spacing))))
	for {
		ts := tickValues(lo, hi, step)
		if !horizontal || widest(ts)+10 <= step/(hi-lo)*pixels || len(ts) <= 2 {
			return ts
		}
		step = niceStep(step * 1.5) // the next nice step: 1 -> 2 -> 5 -> 10
	}
}

// niceStep returns the smallest number of the form 1, 2 or 5 × 10^k that is
// at least raw.
func niceStep(raw float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw*(1-1e-9) {
			return m * p
		}
	}
	return 10 * p
}

// tickValues returns the multiples of step in [lo, hi], labeled with as
// many decimals as the step needs.
func tickValues(lo, hi, step float64) []tick {
	decimals := max(0, int(-math.Floor(math.Log10(step)+1e-9)))
	first, last := math.Ceil(lo/step-1e-9), math.Floor(hi/step+1e-9)
	if !(last-first < 100) {
		return nil // a step too small for the range, as floats cannot count
	}
	var ts []tick
	// Count with an int: past 2^53, k++ on a float64 k would not move.
	for c := 0; first+float64(c) <= last && c < 100; c++ {
		k := first + float64(c)
		v := k * step
		if k == 0 {
			v = 0 // not -0, which would print as "-0"
		}
		ts = append(ts, tick{v, strconv.FormatFloat(v, 'f', decimals, 64)})
	}
	return ts
}

// widest returns the estimated width in pixels of the widest tick label.
func widest(ts []tick) float64 {
	w := 0.0
	for _, t := range ts {
		w = max(w, textWidth(t.label, tickSize))
	}
	return w
}

// textWidth estimates the width in pixels of text at the given font size.
func textWidth(text string, size float64) float64 {
	return float64(len([]rune(text))) * size * charWidth
}

// span returns the smallest and largest of the values, or 0, 0 if there
// are none.
func span(vs []float64) (lo, hi float64) {
	if len(vs) == 0 {
		return 0, 0
	}
	lo, hi = vs[0], vs[0]
	for _, v := range vs {
		lo, hi = min(lo, v), max(hi, v)
	}
	return lo, hi
}

// widen returns [lo, hi] grown by frac of its length on each side, or, if
// the range is a single value, a unit range around it.
func widen(lo, hi, frac float64) (float64, float64) {
	if !(hi > lo) {
		d := max(0.5, math.Abs(lo)*0.1)
		return lo - d, hi + d
	}
	d := (hi - lo) * frac
	return lo - d, hi + d
}

// drawFrame draws what surrounds the plot rectangle: its border, the tick
// marks and labels, the axis titles and the title.
func drawFrame(s *SVG, a axes) {
	c := a.sc
	bottom, right := c.top+c.height, c.left+c.width
	s.Rect(c.left, c.top, c.width, c.height, "fill:none;stroke:#000;stroke-width:1")
	s.Group("stroke:#000;stroke-width:1")
	for _, t := range a.xticks {
		x := c.px(t.v)
		s.Line(x, bottom, x, bottom+tickLen, "")
	}
	for _, t := range a.yticks {
		y := c.py(t.v)
		s.Line(c.left-tickLen, y, c.left, y, "")
	}
	s.EndGroup()

	s.Group("font-size:" + strconv.Itoa(tickSize) + "px;fill:#222")
	s.Group("text-anchor:middle")
	for _, t := range a.xticks {
		s.Text(c.px(t.v), bottom+tickLen+2+tickSize, t.label, "")
	}
	s.EndGroup()
	s.Group("text-anchor:end")
	for _, t := range a.yticks {
		s.Text(c.left-tickLen-3, c.py(t.v)+tickSize*0.35, t.label, "")
	}
	s.EndGroup()
	s.EndGroup()

	s.Group("font-size:" + strconv.Itoa(labelSize) + "px;text-anchor:middle;fill:#000")
	if a.xlabel != "" {
		s.Text(c.left+c.width/2, bottom+tickLen+4+tickSize+4+labelSize, a.xlabel, "")
	}
	if a.ylabel != "" {
		s.TextRotated(c.left-tickLen-4-widest(a.yticks)-6, c.top+c.height/2, -90, a.ylabel, "")
	}
	s.EndGroup()
	titleY := c.top - 8
	lo, hi := a.b.x+textMargin/2, a.b.x+a.b.w-textMargin/2
	lines := wrap(a.subtitle, subtitleSize, a.b.w-textMargin)
	for i := len(lines) - 1; i >= 0; i-- {
		s.Text(centerIn((c.left+right)/2, textWidth(lines[i], subtitleSize), lo, hi), titleY, lines[i], subtitleStyle)
		titleY -= subtitleSize + 6
	}
	if a.title != "" {
		s.Text(centerIn((c.left+right)/2, textWidth(a.title, titleSize), lo, hi), titleY, a.title,
			"font-size:"+strconv.Itoa(titleSize)+"px;text-anchor:middle;font-weight:bold")
	}
}

// clip starts a group clipped to the plot rectangle; end it with EndGroup.
func clip(s *SVG, c scale) {
	s.Group("clip-path:url(#" + s.ClipRect(c.left, c.top, c.width, c.height) + ")")
}

// legendEntry is one line of a legend: a sample, then the name. The sample
// is a square of color fill, a line of color line, a dot of color dot, a
// ring of color ring, and three squares of color shade laid once, twice and
// three times over region color 0 (the steps of Options.Confidence), each
// drawn unless its color is "".
type legendEntry struct {
	name, fill, line, dot, ring, shade string
}

// drawLegend draws the entries in a box in the corner of the plot rectangle
// that covers none of the pixel points avoid (the first of top right, top
// left, bottom right, bottom left that does); if every corner covers some,
// at the place inside the rectangle that covers the fewest, nearest the
// top right. It draws nothing if the box does not fit.
func drawLegend(s *SVG, c scale, entries []legendEntry, avoid []point) {
	const row, sample, margin = labelSize + 5, 18.0, 8.0
	names := 0.0 // the widest name
	for _, e := range entries {
		names = max(names, textWidth(e.name, labelSize))
	}
	w := 6 + sample + 6 + names + 8
	h := float64(len(entries))*row + 6
	if len(entries) == 0 || w+2*margin > c.width || h+2*margin > c.height {
		return
	}
	covered := func(x, y float64) int {
		n := 0
		for _, p := range avoid {
			if p.X >= x-4 && p.X <= x+w+4 && p.Y >= y-4 && p.Y <= y+h+4 {
				n++
			}
		}
		return n
	}
	x0, x1 := c.left+margin, c.left+c.width-margin-w
	y0, y1 := c.top+margin, c.top+c.height-margin-h
	var best box
	bestCount := -1
	for _, y := range []float64{y0, y1} {
		for _, x := range []float64{x1, x0} {
			if n := covered(x, y); bestCount < 0 || n < bestCount {
				best, bestCount = box{x, y, w, h}, n
			}
		}
	}
	if bestCount > 0 {
		// Every corner covers a point: scan the rectangle in steps of 6
		// pixels, rows from the top, each from the right.
		const step = 6.0
		for y := y0; y <= y1 && bestCount > 0; y += step {
			for x := x1; x >= x0; x -= step {
				if n := covered(x, y); n < bestCount {
					best, bestCount = box{x, y, w, h}, n
					if n == 0 {
						break
					}
				}
			}
		}
	}
	s.Rect(best.x, best.y, best.w, best.h, "fill:#fff;fill-opacity:0.85;stroke:#999;stroke-width:0.8")
	s.Group("font-size:" + strconv.Itoa(labelSize) + "px;fill:#000")
	for i, e := range entries {
		y := best.y + 3 + float64(i)*row + row/2 // the row's middle
		x := best.x + 6
		drawSample(s, x, y, sample, e)
		s.Text(x+sample+6, y+labelSize*0.35, e.name, "")
	}
	s.EndGroup()
}

// drawSample draws the sample of a legend entry, sample pixels wide, from x
// on the line through y.
func drawSample(s *SVG, x, y, sample float64, e legendEntry) {
	if e.fill != "" {
		s.Rect(x+2, y-6, sample-4, 12, "fill:"+e.fill+";stroke:#999;stroke-width:0.5")
	}
	if e.line != "" {
		s.Line(x, y, x+sample, y, "stroke:"+e.line+";stroke-width:2")
	}
	if e.dot != "" {
		s.Circle(x+sample/2, y, dotRadius, "fill:"+e.dot+";"+dotStroke)
	}
	if e.ring != "" {
		s.Circle(x+sample/2, y, dotRadius, "fill:none;stroke:"+e.ring+";"+ringStroke)
	}
	if e.shade != "" {
		for i := range 3 {
			sx := x + float64(i)*sample/3
			s.Rect(sx, y-6, sample/3, 12, "fill:"+color(regionColors, 0))
			for range i + 1 {
				s.Rect(sx, y-6, sample/3, 12, "fill:"+e.shade+";fill-opacity:"+confidenceOpacity)
			}
		}
	}
}
