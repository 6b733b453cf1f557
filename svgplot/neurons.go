package svgplot

import (
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/ann-go/ann/matrix"
)

// NeuronNet is what Neurons draws: a network with two inputs, given by its
// weights and a function that runs it, so that svgplot needs no network
// package.
type NeuronNet struct {
	// Theta[l], l = 1..L-1, is Θ^(l): s_{l+1} x (s_l + 1), column 0 the
	// bias weights; Theta[0] is not used. network.Network.Theta holds them
	// so.
	Theta []*matrix.Dense

	// Forward returns the activations a^(l), l = 1..L, of the m examples
	// of X (m x 2, one per row) laid out as network.Pass.A: A[l] is
	// (s_l + 1) x m with row 0 the bias units for l < L, A[L] is s_L x m,
	// and A[0] is not used. For a network n, func(X) { return
	// n.Forward(X).A } (after standardizing X, if the model does).
	Forward func(X *matrix.Dense) []*matrix.Dense

	// X is the data: the plane each unit is drawn over is its range widened
	// by 1 on each side, as in BoundaryGrid.
	X *matrix.Dense

	// Inputs names the input units when they are not the plane's two
	// coordinates but computed from them (tensorflow/playground's feature
	// inputs, such as x1, x2, x1*x2): one name per unit. Forward still takes
	// the plane's points, m x 2, and its a^(1) has len(Inputs) units, each
	// drawn as its own map over the plane. Nil for a network whose two
	// inputs are the plane's coordinates, named by opt.XLabel and
	// opt.YLabel.
	Inputs []string
}

// mapSteps is the number of grid points along each side of a unit's map.
const mapSteps = 40

// The unit maps' colors: output 0 orange, 0.5 white, 1 blue, in mapBands
// bands between the levels 0.1, 0.2, ..., 0.9; the edges blue for a
// positive weight and orange for a negative one (as tensorflow/playground
// draws them).
const (
	lowColor  = "#f59322"
	highColor = "#0877bd"
	mapBands  = 10
)

// bandColor returns the color of band b of mapBands: the color at the
// band's middle, t = (b + 0.5)/mapBands, on the scale orange - white - blue.
func bandColor(b int) string {
	t := (float64(b) + 0.5) / mapBands
	lo, hi := [3]float64{0xf5, 0x93, 0x22}, [3]float64{0x08, 0x77, 0xbd}
	var c [3]float64
	for i := range c {
		if t < 0.5 {
			c[i] = lo[i] + (255-lo[i])*(t/0.5)
		} else {
			c[i] = 255 + (hi[i]-255)*((t-0.5)/0.5)
		}
	}
	return fmt.Sprintf("#%02x%02x%02x", int(math.Round(c[0])), int(math.Round(c[1])), int(math.Round(c[2])))
}

// Neurons draws a network with two inputs as its layers of units, left to
// right, the way tensorflow/playground does: every unit is a small square
// map of its output over the plane x1 × x2 (the input units show x1 and x2
// themselves, scaled to the plane, or with net.Inputs the features computed
// from them), and an edge joins unit i of layer l to
// unit j of layer l+1, blue if the weight Θ^(l)_{j,i} is positive and
// orange if it is negative, as wide as its size relative to the largest
// |weight|. Bias weights are not drawn. A map's colors run from orange at
// 0 through white at 0.5 to blue at 1 in bands 0.1 wide; a unit whose
// outputs leave [0, 1] (a hidden activation other than the sigmoid) is
// scaled to its own range.
//
// Each map is the network run on a 40x40 grid, drawn as nested filled
// contours rather than one rectangle per grid point, to keep the file small.
// opt.Title, opt.Subtitle, opt.XLabel and opt.YLabel (the inputs' names)
// and opt.ClassNames (the output units' names) are used; the size is set by
// the number of layers and units.
//
// Neurons returns an error if the network has not two inputs (or as many as
// net.Inputs names), the shapes
// of Theta do not chain, the data cannot span a plane (see BoundaryGrid),
// or Forward returns a NaN or infinite activation or a matrix of the wrong
// shape, and the first error writing to w. It writes nothing unless the
// input is good.
func Neurons(w io.Writer, net NeuronNet, opt Options) error {
	sizes, err := net.sizes()
	if err != nil {
		return err
	}
	if err := checkX(net.X); err != nil {
		return err
	}
	xmin, xmax := columnSpan(net.X, 0)
	ymin, ymax := columnSpan(net.X, 1)
	xmin, xmax, ymin, ymax = xmin-1, xmax+1, ymin-1, ymax+1
	if err := rangeError("x", xmin, xmax); err != nil {
		return err
	}
	if err := rangeError("y", ymin, ymax); err != nil {
		return err
	}
	maps, err := net.maps(sizes, xmin, xmax, ymin, ymax)
	if err != nil {
		return err
	}

	L := len(sizes)
	most := 0
	for _, s := range sizes {
		most = max(most, s)
	}
	side, gap := 56.0, 14.0 // a unit's square and the space between two
	if most > 6 {
		side, gap = 40, 10
	}
	const colWidth = 170.0
	xlabel, ylabel := opt.labels("x1", "x2")
	labelFont := strconv.Itoa(labelSize) + "px"
	// The figure is as wide as its widest content: the columns of units
	// with the names left of the inputs and right of the outputs, the key,
	// the title; the subtitle and the caption are broken into lines to fit.
	margin := 30.0
	inset := (colWidth - side) / 2 // from a column's left to its squares
	inputName := func(u int) string {
		switch {
		case net.Inputs != nil:
			return net.Inputs[u]
		case u == 0:
			return xlabel
		}
		return ylabel
	}
	names := 0.0
	for u := range sizes[0] {
		names = max(names, textWidth(inputName(u), labelSize))
	}
	margin = max(margin, 8+names+6-inset)
	right := 0.0 // the class names' room right of the last column's squares
	for u := range sizes[L-1] {
		right = max(right, 6+textWidth(opt.className(u), labelSize)+10)
	}
	width := margin + colWidth*float64(L-1) + inset + side + max(right, inset+30)
	key := neuronKey()
	for _, k := range key {
		width = max(width, 30+k.w+10)
	}
	width = max(width, textWidth(opt.Title, titleSize+1)+textMargin)
	caption := wrap("each square: the unit's output over the plane "+xlabel+" × "+ylabel+
		" ("+strconv.FormatFloat(xmin, 'g', 3, 64)+" to "+strconv.FormatFloat(xmax, 'g', 3, 64)+" across, "+
		strconv.FormatFloat(ymin, 'g', 3, 64)+" to "+strconv.FormatFloat(ymax, 'g', 3, 64)+" up)", tickSize, width-30-10)
	width = math.Ceil(width)
	// The key's items, laid in rows that fit the width: the color scale's
	// row is two lines high, for the numbers under it.
	rowH := func(y float64) float64 {
		if y == 0 {
			return 2 * (tickSize + 6)
		}
		return tickSize + 10
	}
	keyH := 0.0
	for x, i := 30.0, 0; i < len(key); i++ {
		if x+key[i].w > width-10 && x > 30 {
			keyH += rowH(keyH)
			x = 30
		}
		key[i].y, key[i].x = keyH, x
		x += key[i].w + 24
	}
	keyH += rowH(keyH)
	top := headerHeight(width, opt.Title, opt.Subtitle)
	if top > 0 {
		top += 4
	}
	top += labelSize + 18 // the layers' names
	area := float64(most)*(side+gap) - gap
	keyTop := top + area + 20
	captionTop := keyTop + keyH + 6
	height := captionTop + float64(len(caption))*(tickSize+6) + 8

	// pos returns the top-left corner of unit u (0-based, bias not counted)
	// of layer l (1-based, as the tutorial numbers layers).
	pos := func(l, u int) (x, y float64) {
		n := float64(sizes[l-1])
		x = margin + colWidth*float64(l-1) + inset
		y = top + (area-(n*(side+gap)-gap))/2 + float64(u)*(side+gap)
		return x, y
	}

	return figure(w, int(math.Ceil(width)), int(math.Ceil(height)), func(s *SVG) {
		drawHeader(s, width, opt.Title, opt.Subtitle)

		// The edges, under the squares, widest last so they stay visible.
		most := 0.0
		for l := 1; l < L; l++ {
			T := net.Theta[l]
			for j := range T.Rows {
				for i := 1; i < T.Cols; i++ {
					most = max(most, math.Abs(T.At(j, i)))
				}
			}
		}
		// Many edges are drawn thinner and lighter, so that they do not
		// merge into one block of color.
		edges := 0
		for l := 1; l < L; l++ {
			edges += sizes[l-1] * sizes[l]
		}
		opacity, widest := "0.75", 4.2
		if edges > 60 {
			opacity, widest = "0.5", 2.5
		}
		for l := 1; l < L; l++ {
			T := net.Theta[l]
			for _, sign := range []float64{1, -1} {
				col := highColor
				if sign < 0 {
					col = lowColor
				}
				s.Group("stroke:" + col + ";stroke-opacity:" + opacity + ";stroke-linecap:round")
				for j := range T.Rows {
					for i := 1; i < T.Cols; i++ {
						v := T.At(j, i)
						if !(v*sign > 0) {
							continue
						}
						x1, y1 := pos(l, i-1)
						x2, y2 := pos(l+1, j)
						wd := 0.3
						if most > 0 {
							wd += widest * math.Abs(v) / most
						}
						s.Line(x1+side, y1+side/2, x2, y2+side/2, "stroke-width:"+strconv.FormatFloat(wd, 'f', 2, 64))
					}
				}
				s.EndGroup()
			}
		}

		// The units.
		for l := 1; l <= L; l++ {
			x, _ := pos(l, 0)
			name := "layer " + strconv.Itoa(l)
			switch l {
			case 1:
				name += " (input)"
			case L:
				name += " (output)"
			}
			s.Text(x+side/2, top-10, name, "font-size:"+labelFont+";text-anchor:middle;font-weight:bold")
			for u := range sizes[l-1] {
				ux, uy := pos(l, u)
				drawUnitMap(s, ux, uy, side, maps[l][u])
				label := ""
				switch {
				case l == 1:
					label = inputName(u)
				case l == L:
					label = opt.className(u)
				}
				if label != "" && l == 1 {
					s.Text(ux-6, uy+side/2+4, label, "font-size:"+labelFont+";text-anchor:end")
				} else if label != "" {
					s.Text(ux+side+6, uy+side/2+4, label, "font-size:"+labelFont)
				}
			}
		}

		// The key: the color scale, the edge colors, and a caption.
		s.Group("font-size:" + strconv.Itoa(tickSize) + "px;fill:#222")
		for _, k := range key {
			k.draw(s, k.x, keyTop+k.y)
		}
		for i, line := range caption {
			s.Text(30, captionTop+tickSize+float64(i)*(tickSize+6), line, "")
		}
		s.EndGroup()
	})
}

// keyItem is one item of the key under a network's units: w pixels wide,
// drawn by draw with its top-left corner at (x, y); x and y, from the
// key's top, are where Neurons lays it.
type keyItem struct {
	w    float64
	draw func(s *SVG, x, y float64)
	x, y float64
}

// neuronKey returns the items of the key of Neurons: the color scale of the
// maps, the edges' two colors, and what an edge's width shows.
func neuronKey() []keyItem {
	scale := keyItem{w: 48 + 14*mapBands + 6, draw: func(s *SVG, x, y float64) {
		s.Text(x, y+tickSize, "output", "")
		bx := x + 48
		for b := range mapBands {
			s.Rect(bx+float64(b)*14, y+1, 14, tickSize, "fill:"+bandColor(b))
		}
		s.Rect(bx, y+1, 14*mapBands, tickSize, "fill:none;stroke:#999;stroke-width:0.5")
		s.Text(bx, y+2*tickSize+4, "0", "text-anchor:middle")
		s.Text(bx+7*mapBands, y+2*tickSize+4, "0.5", "text-anchor:middle")
		s.Text(bx+14*mapBands, y+2*tickSize+4, "1", "text-anchor:middle")
	}}
	edge := func(col, name string) keyItem {
		return keyItem{w: 30 + textWidth(name, tickSize), draw: func(s *SVG, x, y float64) {
			s.Line(x, y+tickSize/2+1, x+24, y+tickSize/2+1, "stroke:"+col+";stroke-width:3")
			s.Text(x+30, y+tickSize, name, "")
		}}
	}
	const note = "(width ∝ |weight|, bias weights not drawn)"
	return []keyItem{scale, edge(highColor, "positive weight"), edge(lowColor, "negative weight"),
		{w: textWidth(note, tickSize), draw: func(s *SVG, x, y float64) { s.Text(x, y+tickSize, note, "") }}}
}

// sizes returns the layer sizes s_1..s_L that Theta implies, or an error if
// there is no layer of weights, the network has not two inputs, or the
// shapes do not chain.
func (net NeuronNet) sizes() ([]int, error) {
	if len(net.Theta) < 2 || net.Forward == nil {
		return nil, fmt.Errorf("svgplot: a network needs Theta[1] and a Forward function")
	}
	sizes := []int{}
	for l := 1; l < len(net.Theta); l++ {
		T := net.Theta[l]
		if T == nil || T.Rows < 1 || T.Cols < 2 {
			return nil, fmt.Errorf("svgplot: Theta%d is missing or empty", l)
		}
		if l == 1 {
			sizes = append(sizes, T.Cols-1)
		} else if T.Cols != sizes[l-1]+1 {
			return nil, fmt.Errorf("svgplot: Theta%d is %dx%d but layer %d has %d units", l, T.Rows, T.Cols, l, sizes[l-1])
		}
		sizes = append(sizes, T.Rows)
		for q, v := range T.Data {
			if bad := badNumber(v); bad != "" {
				return nil, fmt.Errorf("svgplot: Theta%d[%d,%d] is %s", l, q/T.Cols, q%T.Cols, bad)
			}
		}
	}
	if net.Inputs == nil && sizes[0] != 2 {
		return nil, fmt.Errorf("svgplot: the network has %d inputs, want 2 to draw it over the plane (or Inputs naming each)", sizes[0])
	}
	if net.Inputs != nil && sizes[0] != len(net.Inputs) {
		return nil, fmt.Errorf("svgplot: the network has %d inputs but Inputs names %d", sizes[0], len(net.Inputs))
	}
	return sizes, nil
}

// maps runs the network on the mapSteps x mapSteps grid over the plane and
// returns, for each layer l and unit u, the unit's outputs on it scaled to
// [0, 1], indexed j*mapSteps+i as contour takes them.
func (net NeuronNet) maps(sizes []int, xmin, xmax, ymin, ymax float64) ([][][]float64, error) {
	const n = mapSteps
	xs := matrix.Linspace(xmin, xmax, n, true)
	ys := matrix.Linspace(ymin, ymax, n, true)
	X := matrix.New(n*n, 2)
	for j := range n {
		for i := range n {
			X.Set(j*n+i, 0, xs[i])
			X.Set(j*n+i, 1, ys[j])
		}
	}
	A := net.Forward(X)
	L := len(sizes)
	if len(A) != L+1 {
		return nil, fmt.Errorf("svgplot: Forward returned %d matrices, want %d (A[0] unused, then a^(1)..a^(%d))", len(A), L+1, L)
	}
	maps := make([][][]float64, L+1)
	for l := 1; l <= L; l++ {
		bias := 1
		if l == L {
			bias = 0
		}
		a := A[l]
		if a == nil || a.Rows != sizes[l-1]+bias || a.Cols != n*n {
			return nil, fmt.Errorf("svgplot: Forward's a^(%d) is not %dx%d", l, sizes[l-1]+bias, n*n)
		}
		for u := range sizes[l-1] {
			v := make([]float64, n*n)
			copy(v, a.Row(u+bias))
			lo, hi := 0.0, 1.0
			for q, x := range v {
				if bad := badNumber(x); bad != "" {
					return nil, fmt.Errorf("svgplot: unit %d of layer %d is %s at (%g, %g)", u+1, l, bad, xs[q%n], ys[q/n])
				}
				if l == 1 || x < 0 || x > 1 {
					lo, hi = span(v)
					break
				}
			}
			if hi > lo && (lo != 0 || hi != 1) {
				for q := range v {
					v[q] = (v[q] - lo) / (hi - lo)
				}
			}
			maps[l] = append(maps[l], v)
		}
	}
	return maps, nil
}

// drawUnitMap draws a unit's map v (values in [0, 1] on the mapSteps grid)
// as a side x side square with top-left corner (x, y): the square in the
// lowest band's color, then the region above each level 0.1, 0.2, ..., 0.9
// in the next band's color, each inside the one before.
func drawUnitMap(s *SVG, x, y, side float64, v []float64) {
	const n = mapSteps
	s.Rect(x, y, side, side, "fill:"+bandColor(0))
	s.Group("clip-path:url(#" + s.ClipRect(x, y, side, side) + ")")
	f := make([]float64, len(v))
	for b := 1; b < mapBands; b++ {
		level := float64(b) / mapBands
		for q := range v {
			f[q] = v[q] - level
		}
		var d []byte
		for _, poly := range contour(f, n, n) {
			for k, q := range poly {
				poly[k] = point{x + float64(q.X*side/(n-1)), y + side - float64(q.Y*side/(n-1))}
			}
			d = appendPolygon(d, simplify(poly, 0.3, true))
		}
		if len(d) > 0 {
			c := bandColor(b)
			s.Path(string(d), "fill:"+c+";fill-rule:evenodd;stroke:"+c+";stroke-width:0.3")
		}
	}
	s.EndGroup()
	s.Rect(x, y, side, side, "fill:none;stroke:#666;stroke-width:0.8")
}
