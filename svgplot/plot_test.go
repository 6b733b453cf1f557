package svgplot

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"math/rand/v2"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ann-go/ann/internal/golden"
)

// checkGolden compares got with testdata/name.golden.svg, as every golden
// test of the module does (internal/golden); go test -update rewrites it.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name+".golden.svg"), got)
}

// smallData is a few points of three labels.
func smallData() (x, y []float64, labels []int) {
	x = []float64{-0.9, -0.5, 0.1, 0.4, 0.8, 1.2, 1.6, 1.9, 0.5}
	y = []float64{0.2, 0.8, 0.95, -0.3, -0.45, -0.2, 0.1, 0.4, 0.3}
	labels = []int{0, 0, 0, 1, 1, 1, 1, 1, 2}
	return x, y, labels
}

// twoClassGrid returns the grid over [-1, 1]² whose class-1 score is
// score(x, y) and class-0 score 1 - score(x, y).
func twoClassGrid(n int, xmin, xmax, ymin, ymax float64, score func(x, y float64) float64) Grid {
	g := Grid{XMin: xmin, XMax: xmax, YMin: ymin, YMax: ymax, Nx: n, Ny: n, K: 2, P: make([]float64, 2*n*n)}
	for j := range n {
		for i := range n {
			x, y := g.at(float64(i), float64(j))
			s := score(x, y)
			g.P[2*(j*n+i)], g.P[2*(j*n+i)+1] = 1-s, s
		}
	}
	return g
}

// circleGrid is a 30x30 grid over [-1, 1]² where class 1 wins inside the
// circle of radius 0.6.
func circleGrid() Grid {
	return twoClassGrid(30, -1, 1, -1, 1, func(x, y float64) float64 {
		return 1 / (1 + math.Exp(-8*(0.36-x*x-y*y)))
	})
}

// threeClassGrid is a 30x30 grid over [-2, 2] × [-1.5, 1.5] of three
// classes whose scores peak at three centers.
func threeClassGrid() Grid {
	const n = 30
	g := Grid{XMin: -2, XMax: 2, YMin: -1.5, YMax: 1.5, Nx: n, Ny: n, K: 3, P: make([]float64, 3*n*n)}
	centers := [3][2]float64{{-1, -0.5}, {1, -0.5}, {0, 1}}
	for j := range n {
		for i := range n {
			x, y := g.at(float64(i), float64(j))
			for k, c := range centers {
				g.P[3*(j*n+i)+k] = math.Exp(-(x-c[0])*(x-c[0]) - (y-c[1])*(y-c[1]))
			}
		}
	}
	return g
}

// threeClassData is a point near each corner of threeClassGrid's regions.
func threeClassData() (x, y []float64, labels []int) {
	return []float64{-1, -1.2, 1, 1.3, 0, 0.2}, []float64{-0.5, -1, -0.5, -1.1, 1, 0.8}, []int{0, 0, 1, 1, 2, 1}
}

// moons is a two-moons data set of n points, noise 0.1, as the tutorial's
// cell 11 makes with scikit-learn (not the same numbers).
func moons(n int) (x, y []float64, labels []int) {
	r := rand.New(rand.NewPCG(0, 1))
	for i := range n {
		t := math.Pi * float64(i%(n/2)) / float64(n/2-1)
		px, py, l := math.Cos(t), math.Sin(t), 0
		if i >= n/2 {
			px, py, l = 1-math.Cos(t), 0.5-math.Sin(t), 1
		}
		x = append(x, px+0.1*r.NormFloat64())
		y = append(y, py+0.1*r.NormFloat64())
		labels = append(labels, l)
	}
	return x, y, labels
}

// moonsGrid is an n×n grid over the moons' range +-1 (as cell 7 takes it)
// with a smooth curved boundary between them.
func moonsGrid(n int, x, y []float64) Grid {
	xmin, xmax := span(x)
	ymin, ymax := span(y)
	return twoClassGrid(n, xmin-1, xmax+1, ymin-1, ymax+1, func(x, y float64) float64 {
		curve := 0.75 - 0.625*x - 1.175*x*x + 0.8*x*x*x // through (-1, -0.6), (0, 0.75), (1, -0.25), (2, 1.2)
		return 1 / (1 + math.Exp(-4*(curve-y)))
	})
}

// plots are the golden figures: each name and a function writing it.
var plots = []struct {
	name             string
	draw             func(w io.Writer) error
	circles, paths   int
	polylines, texts int
}{
	{"scatter", func(w io.Writer) error {
		x, y, labels := smallData()
		return Scatter(w, x, y, labels, Options{Title: "Two moons (cell 11)", ClassNames: []string{"y = 0", "y = 1"}})
	}, 9 + 3, 0, 0, -1},
	{"costs", func(w io.Writer) error {
		var train, test []float64
		for i := range 40 {
			train = append(train, 0.3+1.1*math.Exp(-float64(i)/8))
			test = append(test, 0.4+1.0*math.Exp(-float64(i)/10))
		}
		return Costs(w, []Series{{"training", train}, {"test", test}}, Options{Title: "Cost per iteration (cells 12, 14)"})
	}, 0, 0, 2, -1},
	{"costs_mark", func(w io.Writer) error {
		var train, val []float64
		for i := range 40 {
			train = append(train, 0.3+1.1*math.Exp(-float64(i)/8))
			val = append(val, 0.5+1.0*math.Exp(-float64(i)/6)+0.004*float64(i))
		}
		return Costs(w, []Series{{"training cost", train}, {"validation cost", val}}, Options{Title: "Early stopping", Mark: 17, MarkLabel: "best: iteration 17"})
	}, 0, 0, 2, -1},
	{"confusion", func(w io.Writer) error {
		return Confusion(w, 3, []int{50, 0, 0, 0, 47, 3, 0, 5, 45}, Options{Title: "Confusion matrix", Subtitle: "iris, 150 rows", ClassNames: []string{"setosa", "versicolor", "virginica"}})
	}, 0, 0, 0, -1},
	{"validation_curve", func(w io.Writer) error {
		return ValidationCurve(w, []string{"0", "0.01", "0.1", "1"}, []float64{1, 0.98, 0.93, 0.85}, []float64{0.77, 0.8, 0.865, 0.825},
			[]float64{0.03, 0.03, 0.06, 0.04}, 2, Options{Title: "Choosing λ", XLabel: "λ"})
	}, 8, 0, 2, -1},
	{"costs_single", func(w io.Writer) error {
		return Costs(w, []Series{{"", []float64{0.9}}}, Options{})
	}, 1, 0, 1, -1},
	{"boundary", func(w io.Writer) error {
		x, y, labels := smallData()
		labels[8] = 1
		return Boundary(w, circleGrid(), x, y, labels, Options{Title: "Decision boundary (cell 7)"})
	}, 9 + 2, 1, 0, -1},
	{"boundary3", func(w io.Writer) error {
		x, y, labels := threeClassData()
		return Boundary(w, threeClassGrid(), x, y, labels, Options{Title: "Three classes"})
	}, 6 + 3, 2, 0, -1},
	{"panels", func(w io.Writer) error {
		x, y, labels := smallData()
		labels[8] = 1
		x3, y3, labels3 := threeClassData()
		return BoundaryPanels(w, []Panel{
			{Grid: circleGrid(), X: x, Y: y, Labels: labels, Title: "Fold 1"},
			{Grid: threeClassGrid(), X: x3, Y: y3, Labels: labels3, Title: "Fold 2"},
		}, Options{Title: "Cross-validation"})
	}, 9 + 3 + 6, 1 + 2, 0, -1}, // the legend row names the three classes of both panels
}

func TestGolden(t *testing.T) {
	for _, p := range plots {
		var b bytes.Buffer
		if err := p.draw(&b); err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		checkGolden(t, p.name, b.Bytes())
	}
}

// TestWellFormed parses each figure as XML and counts its elements.
func TestWellFormed(t *testing.T) {
	for _, p := range plots {
		var b bytes.Buffer
		if err := p.draw(&b); err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		counts := countElements(t, p.name, b.Bytes())
		for _, c := range []struct {
			elem      string
			got, want int
		}{
			{"circle", counts["circle"], p.circles},
			{"path", counts["path"], p.paths},
			{"polyline", counts["polyline"], p.polylines},
			{"svg", counts["svg"], 1},
		} {
			if c.got != c.want {
				t.Errorf("%s: %d <%s> elements, want %d", p.name, c.got, c.elem, c.want)
			}
		}
		if counts["text"] < 10 {
			t.Errorf("%s: %d <text> elements, want tick labels and titles", p.name, counts["text"])
		}
	}
}

// countElements parses an SVG document to its end and counts its elements
// by name, failing the test if it is not well-formed XML.
func countElements(t *testing.T, name string, doc []byte) map[string]int {
	t.Helper()
	counts := make(map[string]int)
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: not well-formed XML: %v", name, err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			counts[se.Name.Local]++
			if se.Name.Local == "svg" && se.Name.Space != "http://www.w3.org/2000/svg" {
				t.Errorf("%s: <svg> in namespace %q", name, se.Name.Space)
			}
		}
	}
	return counts
}

func TestBoundaryOneClassEverywhere(t *testing.T) {
	for _, tc := range []struct {
		score float64
		paths int
	}{{0.9, 1}, {0.1, 0}, {0.5, 0}} {
		g := twoClassGrid(10, 0, 1, 0, 1, func(x, y float64) float64 { return tc.score })
		var b bytes.Buffer
		if err := Boundary(&b, g, nil, nil, nil, Options{}); err != nil {
			t.Fatalf("Boundary(class-1 score %g everywhere) = %v", tc.score, err)
		}
		if n := countElements(t, "boundary", b.Bytes())["path"]; n != tc.paths {
			t.Errorf("Boundary(class-1 score %g everywhere) has %d paths, want %d", tc.score, n, tc.paths)
		}
	}
}

func TestErrors(t *testing.T) {
	x, y, labels := smallData()
	nan := math.NaN()
	for _, tc := range []struct {
		err  func() error
		want string
	}{
		{func() error { return Costs(io.Discard, nil, Options{}) }, "svgplot: no cost series"},
		{func() error {
			return Costs(io.Discard, []Series{{"train", []float64{1}}, {"test", nil}}, Options{})
		}, `svgplot: cost series "test" is empty`},
		{func() error {
			ys := make([]float64, 20)
			ys[16] = nan
			return Costs(io.Discard, []Series{{"train", ys}}, Options{})
		}, `svgplot: cost series "train" has NaN at iteration 17`},
		{func() error {
			return Costs(io.Discard, []Series{{"", []float64{1, math.Inf(1)}}}, Options{})
		}, `svgplot: cost series 1 has +Inf at iteration 2`},
		{func() error {
			return Scatter(io.Discard, []float64{0, nan}, []float64{0, 0}, []int{0, 1}, Options{})
		}, "svgplot: x[1] is NaN"},
		{func() error {
			return Scatter(io.Discard, []float64{0, 1}, []float64{0, math.Inf(-1)}, []int{0, 1}, Options{})
		}, "svgplot: y[1] is -Inf"},
		{func() error {
			return Boundary(io.Discard, circleGrid(), []float64{0}, []float64{0}, []int{-1}, Options{})
		}, "svgplot: labels[0] is -1, want >= 0"},
		{func() error {
			return BoundaryPanels(io.Discard, []Panel{
				{Grid: circleGrid(), X: x, Y: y, Labels: labels},
				{Grid: circleGrid(), X: []float64{nan}, Y: []float64{0}, Labels: []int{0}},
			}, Options{})
		}, "svgplot: panel 1: x[0] is NaN"},
		{func() error {
			return Boundary(io.Discard, circleGrid(), []float64{1}, nil, nil, Options{})
		}, "svgplot: data of len(x) = 1, len(y) = 0, len(labels) = 0, want equal"},
		{func() error {
			return Scatter(io.Discard, []float64{1}, []float64{1}, nil, Options{})
		}, "svgplot: data of len(x) = 1, len(y) = 1, len(labels) = 0, want equal"},
		{func() error {
			return Scatter(io.Discard, x, y, labels, Options{Held: []bool{true}})
		}, "svgplot: 1 held-out marks for 9 points"},
		{func() error { return BoundaryPanels(io.Discard, nil, Options{}) }, "svgplot: no panels"},
		{func() error {
			return Scatter(io.Discard, []float64{-1e308, 1e308}, []float64{0, 1}, []int{0, 1}, Options{})
		}, "svgplot: the x range [-1e+308, 1e+308] is too wide to draw"},
		{func() error {
			return Scatter(io.Discard, []float64{0, 1}, []float64{-1.797e308, -1.6e308}, []int{0, 1}, Options{})
		}, "svgplot: the y range [-Inf, -1.59015e+308] is too wide to draw"},
	} {
		if err := tc.err(); err == nil || err.Error() != tc.want {
			t.Errorf("error = %v, want %q", err, tc.want)
		}
	}
}

// TestBadGrids checks that a grid breaking its contract is an error, and
// nothing is written.
func TestBadGrids(t *testing.T) {
	g := circleGrid()
	short := g
	short.P = g.P[1:]
	thin := Grid{XMin: 0, XMax: 1, YMin: 0, YMax: 1, Nx: 1, Ny: 5, K: 2, P: make([]float64, 10)}
	flat := g
	flat.XMax = flat.XMin
	infinite := g
	infinite.YMin = math.Inf(-1)
	nan := g
	nan.XMin = math.NaN()
	huge := g
	huge.XMin, huge.XMax = -1e308, 1e308
	nanScore := g
	nanScore.P = slices.Clone(g.P)
	nanScore.P[7] = math.NaN()
	for _, tc := range []struct {
		name string
		g    Grid
		want string
	}{
		{"len(P)", short, "svgplot: grid has len(P) = 1799, want Nx*Ny*K = 1800"},
		{"Nx < 2", thin, "svgplot: grid of 1x5 points and 2 classes, want at least 2x2 and 1"},
		{"XMax=XMin", flat, "svgplot: grid rectangle [-1, -1] x [-1, 1] is empty or not finite"},
		{"YMin=-Inf", infinite, "svgplot: grid rectangle [-1, 1] x [-Inf, 1] is empty or not finite"},
		{"XMin=NaN", nan, "svgplot: grid rectangle [NaN, 1] x [-1, 1] is empty or not finite"},
		{"XMax-XMin=+Inf", huge, "svgplot: grid rectangle [-1e+308, 1e+308] x [-1, 1] is empty or not finite"},
		{"NaN score", nanScore, "svgplot: grid has a score that is NaN"},
	} {
		var b bytes.Buffer
		err := Boundary(&b, tc.g, nil, nil, nil, Options{})
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: Boundary() = %v, want %q", tc.name, err, tc.want)
		}
		if b.Len() != 0 {
			t.Errorf("%s: Boundary() wrote %d bytes with its error, want none", tc.name, b.Len())
		}
	}
}

func TestPanics(t *testing.T) {
	defer func() {
		msg, _ := recover().(string)
		if !strings.HasPrefix(msg, "svgplot: ") {
			t.Errorf("Polyline: panic %q, want one starting \"svgplot: \"", msg)
		}
	}()
	New(io.Discard, 1, 1).Polyline([]float64{1}, nil, "")
}

// realistic writes the tutorial's decision-boundary figure: a 1000x1000
// grid (cell 7's steps=1000) and 1000 moons points.
func realistic(w io.Writer) error {
	x, y, labels := moons(1000)
	return Boundary(w, moonsGrid(1000, x, y), x, y, labels, Options{Title: "Decision boundary"})
}

func TestBoundarySize(t *testing.T) {
	if testing.Short() {
		t.Skip("1000x1000 grid")
	}
	var b bytes.Buffer
	if err := realistic(&b); err != nil {
		t.Fatal(err)
	}
	if n := b.Len(); n >= 300_000 {
		t.Errorf("1000x1000 boundary with 1000 points is %d bytes, want < 300 KB", n)
	}
	counts := countElements(t, "realistic", b.Bytes())
	if counts["circle"] != 1000+2 || counts["path"] != 1 {
		t.Errorf("realistic boundary has %d circles and %d paths, want 1002 and 1", counts["circle"], counts["path"])
	}
}

func BenchmarkBoundary1000(b *testing.B) {
	x, y, labels := moons(1000)
	g := moonsGrid(1000, x, y)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := Boundary(&buf, g, x, y, labels, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/file")
}

// TestTicksPast2to53 draws data whose ticks are multiples k*step with k
// past 2^53, where k++ on a float64 would loop forever.
func TestTicksPast2to53(t *testing.T) {
	var b bytes.Buffer
	if err := Scatter(&b, []float64{1e17, 1e17 + 64}, []float64{3e16, 3e16 + 8}, []int{0, 1}, Options{}); err != nil {
		t.Fatal(err)
	}
	if n := countElements(t, "ticks", b.Bytes())["text"]; n < 6 {
		t.Errorf("%d texts, want tick labels", n)
	}
}

func TestNoPoints(t *testing.T) {
	var b bytes.Buffer
	if err := Scatter(&b, nil, nil, nil, Options{}); err == nil || err.Error() != "svgplot: no data points" {
		t.Errorf("Scatter(no points) = %v, want svgplot: no data points", err)
	}
	if b.Len() != 0 {
		t.Errorf("Scatter(no points) wrote %d bytes, want none", b.Len())
	}
}

// Every mark of a cost plot is inside its frame, also the one dot of a run
// that stopped after one iteration (the playground's run that diverges at
// its second).
func TestCostMarksInsideFrame(t *testing.T) {
	num := `([0-9.]+)`
	frameRE := regexp.MustCompile(`<rect x="` + num + `" y="` + num + `" width="` + num + `" height="` + num + `" style="fill:none;stroke:#000`)
	circleRE := regexp.MustCompile(`<circle cx="` + num + `" cy="` + num + `" r="` + num + `"`)
	f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
	for _, series := range [][]Series{
		{{Name: "training cost", Y: []float64{1.401466}}},
		{{Name: "training cost", Y: []float64{0.7, 0.6, 0.5}}, {Name: "held-out cost", Y: []float64{0.8}}},
		{{Y: []float64{3}}},
	} {
		var b bytes.Buffer
		if err := Costs(&b, series, Options{Title: "Cost per iteration", Width: 520, Height: 300}); err != nil {
			t.Fatal(err)
		}
		fr := frameRE.FindStringSubmatch(b.String())
		if fr == nil {
			t.Fatalf("no frame in\n%s", b.String())
		}
		x0, y0, x1, y1 := f(fr[1]), f(fr[2]), f(fr[1])+f(fr[3]), f(fr[2])+f(fr[4])
		circles := circleRE.FindAllStringSubmatch(b.String(), -1)
		if len(circles) == 0 {
			t.Fatalf("%d series: no dot", len(series))
		}
		for _, c := range circles {
			cx, cy, r := f(c[1]), f(c[2]), f(c[3])
			if cx-r < x0 || cx+r > x1 || cy-r < y0 || cy+r > y1 {
				t.Errorf("%v: a dot at (%v, %v) r %v is not inside the frame (%v, %v)-(%v, %v)", series[0].Y, cx, cy, r, x0, y0, x1, y1)
			}
		}
	}
}
