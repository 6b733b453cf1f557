package svgplot

import (
	"bytes"
	"encoding/binary"
	"errors"
	"github.com/ann-go/ann/internal/svgcheck"
	"io"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/ann-go/ann/matrix"
)

// TestBoundaryGrid checks the grid against cell 7: the data's range +-1,
// linspace steps, and the scores in np.c_[xx.ravel(), yy.ravel()] order.
func TestBoundaryGrid(t *testing.T) {
	X := matrix.FromRows([][]float64{{0.5, -1}, {2, 0.25}, {-0.75, 3}})
	net := moonsNet()
	g, err := BoundaryGrid(X, net.scores, 7)
	if err != nil {
		t.Fatal(err)
	}
	if g.XMin != -1.75 || g.XMax != 3 || g.YMin != -2 || g.YMax != 4 || g.Nx != 7 || g.Ny != 7 || g.K != 2 {
		t.Fatalf("grid [%g, %g] x [%g, %g], %dx%d, K %d; want [-1.75, 3] x [-2, 4], 7x7, K 2",
			g.XMin, g.XMax, g.YMin, g.YMax, g.Nx, g.Ny, g.K)
	}
	xs, ys := matrix.Linspace(-1.75, 3, 7, true), matrix.Linspace(-2, 4, 7, true)
	for _, ij := range [][2]int{{0, 0}, {6, 0}, {0, 6}, {3, 5}} {
		i, j := ij[0], ij[1]
		want, _ := net.scores([]float64{xs[i]}, []float64{ys[j]})
		for k := range 2 {
			if got := g.P[(j*7+i)*2+k]; got != want.At(0, k) {
				t.Errorf("P at (%d, %d) class %d = %v, want %v", i, j, k, got, want.At(0, k))
			}
		}
	}
	if g, err := BoundaryGrid(X, net.scores, 0); err != nil || g.Nx != DefaultSteps {
		t.Errorf("BoundaryGrid(steps 0) = %d steps, %v; want %d", g.Nx, err, DefaultSteps)
	}
}

// TestDecisionBoundaryIsBoundary checks that DecisionBoundary draws what
// Boundary draws on BoundaryGrid's grid, byte for byte.
func TestDecisionBoundaryIsBoundary(t *testing.T) {
	X, labels := moonsX(200)
	net := moonsNet()
	opt := Options{Title: "t", Subtitle: "s"}
	var a, b bytes.Buffer
	if err := DecisionBoundary(&a, X, labels, net.scores, opt); err != nil {
		t.Fatal(err)
	}
	g, err := BoundaryGrid(X, net.scores, DefaultSteps)
	if err != nil {
		t.Fatal(err)
	}
	if err := Boundary(&b, g, Column(X, 0), Column(X, 1), labels, opt); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("DecisionBoundary differs from Boundary(BoundaryGrid(...))")
	}
}

// Steps of 1 or more than MaxSteps are the caller's mistake: a panic with a
// message, before scores is called on a grid that could not fit in memory.
func TestBoundaryGridSteps(t *testing.T) {
	X := matrix.FromRows([][]float64{{0, 0}, {1, 1}})
	for _, steps := range []int{1, MaxSteps + 1, 1000000} {
		called := false
		scores := func(xs, ys []float64) (*matrix.Dense, error) { called = true; return nil, errors.New("called") }
		func() {
			defer func() {
				if r, _ := recover().(string); !strings.HasPrefix(r, "svgplot: BoundaryGrid: ") || !strings.Contains(r, "MaxSteps") {
					t.Errorf("BoundaryGrid(steps %d): recovered %q, want a panic naming MaxSteps", steps, r)
				}
			}()
			BoundaryGrid(X, scores, steps)
		}()
		if called {
			t.Errorf("BoundaryGrid(steps %d) called scores", steps)
		}
	}
}

func TestBoundaryGridErrors(t *testing.T) {
	scores := moonsNet().scores
	nanScores := func(xs, ys []float64) (*matrix.Dense, error) {
		P, err := scores(xs, ys)
		P.Data[5] = math.NaN()
		return P, err
	}
	failing := func(xs, ys []float64) (*matrix.Dense, error) {
		return nil, errors.New("model: not a model")
	}
	for _, tc := range []struct {
		name   string
		X      *matrix.Dense
		scores ScoreFunc
		want   string
	}{
		{"nil", nil, scores, "svgplot: no data"},
		{"no rows", matrix.New(0, 2), scores, "svgplot: no data"},
		{"3 columns", matrix.New(2, 3), scores, "svgplot: a decision boundary needs 2 features, the data has 3"},
		{"NaN", matrix.FromRows([][]float64{{0, 0}, {1, math.NaN()}}), scores, "svgplot: X[1,1] is NaN"},
		{"Inf", matrix.FromRows([][]float64{{math.Inf(-1), 0}}), scores, "svgplot: X[0,0] is -Inf"},
		{"overflow", matrix.FromRows([][]float64{{-1e308, 0}, {1e308, 1}}), scores, "svgplot: the x range [-1e+308, 1e+308] is too wide to draw"},
		{"overflow +2", matrix.FromRows([][]float64{{0, -9e307}, {1, 9e307}}), scores, "svgplot: the y range [-9e+307, 9e+307] is too wide to draw"},
		{"no width", matrix.FromRows([][]float64{{1e17, 0}, {1e17, 1}}), scores, "svgplot: the x range [1e+17, 1e+17] has no width in float64"},
		{"NaN score", matrix.FromRows([][]float64{{0, 0}, {1, 1}}), nanScores, "svgplot: the score of class 1 at (-0.33333333333333337, -1) is NaN"},
		{"scores fail", matrix.FromRows([][]float64{{0, 0}, {1, 1}}), failing, "model: not a model"},
	} {
		_, err := BoundaryGrid(tc.X, tc.scores, 10)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: BoundaryGrid() = %v, want %q", tc.name, err, tc.want)
		}
	}
	X := matrix.FromRows([][]float64{{0, 0}, {1, 1}})
	for _, tc := range []struct {
		labels []int
		want   string
	}{
		{[]int{0}, "svgplot: 1 labels for 2 rows of data"},
		{[]int{0, -2}, "svgplot: labels[1] is -2, want >= 0"},
	} {
		var b bytes.Buffer
		err := DecisionBoundary(&b, X, tc.labels, scores, Options{})
		if err == nil || err.Error() != tc.want {
			t.Errorf("DecisionBoundary(labels %v) = %v, want %q", tc.labels, err, tc.want)
		}
		if b.Len() != 0 {
			t.Errorf("DecisionBoundary(labels %v) wrote %d bytes with its error", tc.labels, b.Len())
		}
	}
}

// countPoints returns the filled and the hollow data points of a figure:
// the circles in groups styled "fill:COLOR..." and "fill:none...".
func countPoints(t *testing.T, doc []byte) (filled, hollow int) {
	t.Helper()
	filled, hollow, err := svgcheck.Points(doc)
	if err != nil {
		t.Fatalf("not well-formed XML: %v", err)
	}
	return filled, hollow
}

// TestTake2HeldOut draws the tutorial's Take 2: trained on the first 500 of
// 1000 points, so 500 filled and 500 hollow.
func TestTake2HeldOut(t *testing.T) {
	X, labels := moonsX(1000)
	held := make([]bool, 1000)
	for i := 500; i < 1000; i++ {
		held[i] = true
	}
	var b bytes.Buffer
	if err := DecisionBoundary(&b, X, labels, moonsNet().scores, Options{Held: held}); err != nil {
		t.Fatal(err)
	}
	filled, hollow := countPoints(t, b.Bytes())
	if filled != 500 || hollow != 500 {
		t.Errorf("Take 2 has %d filled and %d hollow points, want 500 and 500", filled, hollow)
	}
	for _, name := range []string{">trained on<", ">not trained on<"} {
		if !bytes.Contains(b.Bytes(), []byte(name)) {
			t.Errorf("Take 2's legend lacks %s", name)
		}
	}
	if n := b.Len(); n >= 300_000 {
		t.Errorf("Take 2 is %d bytes, want < 300 KB", n)
	}
}

// takeCosts are two cost curves shaped like the tutorial's Take 1 (1000
// iterations) and Take 2 (5000).
func takeCosts() (take1, take2 []float64) {
	for i := range 5000 {
		x := float64(i)
		if i < 1000 {
			take1 = append(take1, 0.26+0.43/(1+math.Exp((x-420)/35)))
		}
		take2 = append(take2, 0.05+0.2/(1+math.Exp((x-1500)/300))+0.44/(1+math.Exp((x-400)/40)))
	}
	return take1, take2
}

// trainingFrames returns frames of moonsNet scaled by ts on a 40x40 grid
// over n moons points, at iterations its of the cost curve.
func trainingFrames(n int, its []int, ts []float64, held []bool) []Frame {
	X, labels := moonsX(n)
	var frames []Frame
	for k, it := range its {
		g, err := BoundaryGrid(X, moonsNet().scaled(ts[k]).scores, 40)
		if err != nil {
			panic(err)
		}
		frames = append(frames, Frame{Iteration: it, Panel: Panel{Grid: g, X: Column(X, 0), Y: Column(X, 1), Labels: labels, Held: held}})
	}
	return frames
}

// figures are the golden figures of the newer plots.
var figures = []struct {
	name string
	draw func(w io.Writer) error
}{
	{"boundary_held_confidence", func(w io.Writer) error {
		x, y, labels := smallData()
		labels[8] = 1
		held := []bool{false, true, false, false, true, false, false, false, true}
		return Boundary(w, circleGrid(), x, y, labels, Options{
			Title: "Decision boundary", Subtitle: "a circle · 30x30 grid", Held: held, Confidence: true,
			XLabel: "petal length", YLabel: "petal width", ClassNames: []string{"outside", "inside"}})
	}},
	{"costs_takes", func(w io.Writer) error {
		take1, take2 := takeCosts()
		return Costs(w, []Series{{"Take 1: 1000 points, 1000 iterations", take1}, {"Take 2: 500 points, 5000 iterations", take2}},
			Options{Title: "Take 1 vs Take 2", Subtitle: "moons n=1000 noise 0.1 · layers 2-5-5-2 · α 0.5 · λ 0"})
	}},
	{"neurons", func(w io.Writer) error {
		X, _ := moonsX(100)
		return Neurons(w, moonsNet().neuronNet(X), Options{Title: "The network, unit by unit", Subtitle: "layers 2-5-5-2"})
	}},
	{"training", func(w io.Writer) error {
		take1, _ := takeCosts()
		its := SnapshotIterations(take1, 4)
		return Training(w, trainingFrames(60, its, []float64{0.05, 0.3, 0.6, 1}, nil), take1, Options{Title: "Take 1: training"})
	}},
	{"training_animated", func(w io.Writer) error {
		take1, _ := takeCosts()
		its := SnapshotIterations(take1, 3)
		held := make([]bool, 60)
		held[0], held[59] = true, true
		return TrainingAnimated(w, trainingFrames(60, its, []float64{0.05, 0.5, 1}, held), take1, Options{Title: "Take 1: training"})
	}},
}

func TestGoldenFigures(t *testing.T) {
	for _, f := range figures {
		var b bytes.Buffer
		if err := f.draw(&b); err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		countElements(t, f.name, b.Bytes())
		checkGolden(t, f.name, b.Bytes())
	}
}

// TestSizes draws the big figures the tutorial makes and checks that each
// stays under 300 KB.
func TestSizes(t *testing.T) {
	if testing.Short() {
		t.Skip("1000 points")
	}
	X, _ := moonsX(1000)
	take1, _ := takeCosts()
	its := SnapshotIterations(take1, 4)
	held := make([]bool, 1000)
	for i := 500; i < 1000; i++ {
		held[i] = true
	}
	frames := trainingFrames(1000, its, []float64{0.05, 0.3, 0.6, 1}, held)
	for _, f := range []struct {
		name string
		draw func(w io.Writer) error
	}{
		{"neurons 2-5-5-2", func(w io.Writer) error { return Neurons(w, moonsNet().neuronNet(X), Options{}) }},
		{"neurons 2-10-10-10-2", func(w io.Writer) error {
			return Neurons(w, randomNet([]int{2, 10, 10, 10, 2}, 3, 1).neuronNet(X), Options{})
		}},
		{"training, 4 frames, 1000 points", func(w io.Writer) error { return Training(w, frames, take1, Options{}) }},
		{"animated, 4 frames, 1000 points", func(w io.Writer) error { return TrainingAnimated(w, frames, take1, Options{}) }},
	} {
		var b bytes.Buffer
		if err := f.draw(&b); err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		countElements(t, f.name, b.Bytes())
		if n := b.Len(); n >= 300_000 {
			t.Errorf("%s is %d bytes, want < 300 KB", f.name, n)
		}
	}
}

func TestNeuronsErrors(t *testing.T) {
	X, _ := moonsX(50)
	good := moonsNet()
	three := randomNet([]int{3, 4, 2}, 1, 1)
	broken := randomNet([]int{2, 4, 2}, 1, 1)
	broken.Theta[2] = matrix.New(2, 4)
	nanTheta := randomNet([]int{2, 4, 2}, 1, 1)
	nanTheta.Theta[1].Set(1, 2, math.NaN())
	nanForward := good.neuronNet(X)
	nanForward.Forward = func(X *matrix.Dense) []*matrix.Dense {
		A := good.forward(X)
		A[3].Data[2*mapSteps*mapSteps+7] = math.NaN() // unit 2, below the bias row
		return A
	}
	short := good.neuronNet(X)
	short.Forward = func(X *matrix.Dense) []*matrix.Dense { return good.forward(X)[:3] }
	for _, tc := range []struct {
		name string
		net  NeuronNet
		want string
	}{
		{"no Theta", NeuronNet{X: X}, "svgplot: a network needs Theta[1] and a Forward function"},
		{"3 inputs", NeuronNet{Theta: three.Theta, Forward: three.forward, X: X}, "svgplot: the network has 3 inputs, want 2 to draw it over the plane"},
		{"3 inputs, 2 names", NeuronNet{Theta: three.Theta, Forward: three.forward, X: X, Inputs: []string{"x1", "x2"}}, "svgplot: the network has 3 inputs but Inputs names 2"},
		{"chain", broken.neuronNet(X), "svgplot: Theta2 is 2x4 but layer 2 has 4 units"},
		{"NaN weight", nanTheta.neuronNet(X), "svgplot: Theta1[1,2] is NaN"},
		{"no data", good.neuronNet(nil), "svgplot: no data"},
		{"NaN output", nanForward, "svgplot: unit 2 of layer 3 is NaN at"},
		{"short Forward", short, "svgplot: Forward returned 3 matrices, want 5"},
	} {
		var b bytes.Buffer
		err := Neurons(&b, tc.net, Options{})
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: Neurons() = %v, want %q", tc.name, err, tc.want)
		}
		if b.Len() != 0 {
			t.Errorf("%s: Neurons() wrote %d bytes with its error", tc.name, b.Len())
		}
	}
}

func TestTrainingErrors(t *testing.T) {
	take1, _ := takeCosts()
	frames := trainingFrames(20, []int{1, 1000}, []float64{0.1, 1}, nil)
	moved := slices.Clone(frames)
	moved[1].Grid.XMax++
	late := slices.Clone(frames)
	late[1].Iteration = 1001
	for _, tc := range []struct {
		name string
		err  func(w io.Writer) error
		want string
	}{
		{"no frames", func(w io.Writer) error { return Training(w, nil, take1, Options{}) }, "svgplot: no frames"},
		{"no costs", func(w io.Writer) error { return Training(w, frames, nil, Options{}) }, `svgplot: cost series "costs" is empty`},
		{"late", func(w io.Writer) error { return Training(w, late, take1, Options{}) }, "svgplot: frame 1 is at iteration 1001, want 1 to 1000"},
		{"moved", func(w io.Writer) error { return TrainingAnimated(w, moved, take1, Options{}) },
			"svgplot: frame 1: its grid's rectangle or its data differ from frame 0's"},
	} {
		var b bytes.Buffer
		err := tc.err(&b)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
		if b.Len() != 0 {
			t.Errorf("%s: wrote %d bytes with its error", tc.name, b.Len())
		}
	}
}

func TestSnapshotIterations(t *testing.T) {
	take1, _ := takeCosts()
	got := SnapshotIterations(take1, 4)
	if len(got) != 4 || got[0] != 1 || got[3] != 1000 {
		t.Fatalf("SnapshotIterations(take 1, 4) = %v, want 1, two more, 1000", got)
	}
	// The picks are evenly spaced along the curve: the length from one to
	// the next is the same, to within the length of one step.
	length := func(a, b int) float64 {
		lo, hi := slices.Min(take1), slices.Max(take1)
		d := 0.0
		for i := a; i < b; i++ {
			d += math.Hypot(1/999.0, 2*(take1[i]-take1[i-1])/(hi-lo))
		}
		return d
	}
	third := length(1, 1000) / 3
	for k, it := range got[1:3] {
		if d := length(1, it) - float64(k+1)*third; !(d >= 0 && d <= length(it-1, it)) {
			t.Errorf("pick %d: iteration %d is %g along the curve past %d/3 of its length, want within one step", k+1, it, d, k+1)
		}
	}
	flat := make([]float64, 1000)
	for i := range flat {
		flat[i] = 0.7
	}
	// A plateau of 900 iterations between two falls gets a panel of its own.
	plateau := make([]float64, 1000)
	for i := range plateau {
		switch {
		case i < 50:
			plateau[i] = 1 - float64(i)/100
		case i < 950:
			plateau[i] = 0.5
		default:
			plateau[i] = 0.5 - float64(i-950)/100
		}
	}
	for _, tc := range []struct {
		name  string
		costs []float64
		n     int
		want  []int
	}{
		{"flat: evenly spaced", flat, 4, []int{1, 334, 667, 1000}},
		{"plateau", plateau, 5, []int{1, 37, 491, 965, 1000}},
		{"one", take1, 1, []int{1000}},
		{"none", take1, 0, nil},
		{"empty", nil, 3, nil},
		{"more than costs", []float64{3, 2, 1}, 5, []int{1, 2, 3}},
		{"steps: a pick twice, then the widest gap", []float64{1, 1, 0, 0, 0, 0, 0, 0}, 4, []int{1, 3, 5, 8}},
		{"NaN as the cost before it", []float64{1, math.NaN(), 0.5, 0}, 3, []int{1, 3, 4}},
	} {
		if got := SnapshotIterations(tc.costs, tc.n); !slices.Equal(got, tc.want) {
			t.Errorf("%s: SnapshotIterations(%d) = %v, want %v", tc.name, tc.n, got, tc.want)
		}
	}
}

// floats decodes data as little-endian float64s.
func floats(data []byte) []float64 {
	var v []float64
	for len(data) >= 8 {
		v = append(v, math.Float64frombits(binary.LittleEndian.Uint64(data)))
		data = data[8:]
	}
	return v
}

// FuzzFigures draws the data plots of arbitrary floats: each must either
// return an error and write nothing, or write well-formed SVG with no NaN
// or infinite number in it.
func FuzzFigures(f *testing.F) {
	enc := func(vs ...float64) []byte {
		var b []byte
		for _, v := range vs {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		}
		return b
	}
	f.Add(enc(0, 1, 2, 3, 4, 5))
	f.Add(enc(-1e308, 1e308, 1e308, -1e308))
	f.Add(enc(math.NaN(), 0, 1, 1))
	f.Add(enc(1e17, 1e17, 0, 1, 5e-324, -5e-324))
	f.Add(enc(1e17, 1e17+16, 3e16, 3e16+8)) // ticks past 2^53
	f.Add(enc(math.MaxFloat64, 0, -math.MaxFloat64, 1, math.Inf(1), 2))
	f.Fuzz(fuzzOne)
}

// fuzzOne is FuzzFigures on one input.
func fuzzOne(t *testing.T, data []byte) {
	net := moonsNet()
	vs := floats(data)
	n := len(vs) / 2
	x, y := vs[:n], vs[n:2*n]
	labels := make([]int, n)
	for i := range labels {
		labels[i] = int(data[i]%3) - int(data[i]/250) // sometimes -1
	}
	X := matrix.New(n, 2)
	for i := range n {
		X.Set(i, 0, x[i])
		X.Set(i, 1, y[i])
	}
	check := func(name string, draw func(w io.Writer) error) {
		var b bytes.Buffer
		if err := draw(&b); err != nil {
			if !strings.HasPrefix(err.Error(), "svgplot: ") || b.Len() != 0 {
				t.Fatalf("%s: error %q after %d bytes", name, err, b.Len())
			}
			return
		}
		countElements(t, name, b.Bytes())
		for _, bad := range []string{"NaN", "Inf"} {
			if bytes.Contains(b.Bytes(), []byte(bad)) {
				t.Fatalf("%s: the SVG holds %s", name, bad)
			}
		}
	}
	check("Scatter", func(w io.Writer) error { return Scatter(w, x, y, labels, Options{}) })
	check("Boundary", func(w io.Writer) error { return Boundary(w, circleGrid(), x, y, labels, Options{}) })
	check("grid", func(w io.Writer) error {
		g, err := BoundaryGrid(X, net.scores, 12)
		if err != nil {
			return err
		}
		return Boundary(w, g, x, y, labels, Options{Confidence: true})
	})
	check("Neurons", func(w io.Writer) error { return Neurons(w, net.neuronNet(X), Options{}) })
	check("Costs", func(w io.Writer) error { return Costs(w, []Series{{"x", x}}, Options{}) })
}

// A network whose inputs are features computed from the plane (Inputs):
// every input unit is drawn as a map, with its name.
func TestNeuronsFeatureInputs(t *testing.T) {
	X, _ := moonsX(50)
	three := randomNet([]int{3, 4, 2}, 1, 1)
	forward := func(P *matrix.Dense) []*matrix.Dense {
		F := matrix.New(P.Rows, 3)
		for i := range P.Rows {
			F.Set(i, 0, P.At(i, 0))
			F.Set(i, 1, P.At(i, 1))
			F.Set(i, 2, P.At(i, 0)*P.At(i, 1))
		}
		return three.forward(F)
	}
	var b bytes.Buffer
	if err := Neurons(&b, NeuronNet{Theta: three.Theta, Forward: forward, X: X, Inputs: []string{"x1", "x2", "x1·x2"}}, Options{}); err != nil {
		t.Fatal(err)
	}
	svg := b.String()
	if frames := strings.Count(svg, `style="fill:none;stroke:#666;stroke-width:0.8"`); frames != 3+4+2 {
		t.Errorf("%d unit maps, want 9", frames)
	}
	for _, name := range []string{">x1<", ">x2<", ">x1·x2<"} {
		if !strings.Contains(svg, name) {
			t.Errorf("no input named %s", name)
		}
	}
}
