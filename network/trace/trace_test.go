package trace

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/ann-go/ann/internal/randdata"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ann-go/ann/internal/golden"
	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/network"
)

// traceCases are the golden traces: the tutorial's network on the first
// example of its data, a tanh network with three classes and λ, and the
// tutorial's network on the first three examples with λ.
var traceCases = []struct {
	name   string
	net    func() *network.Network
	m      int // the first m examples of data
	data   func() (*matrix.Dense, []int)
	lambda float64
}{
	{
		name: "trace_tutorial",
		net:  func() *network.Network { return network.New(layer.Init(layer.Tutorial, 0)) },
		m:    1,
		data: func() (*matrix.Dense, []int) { return moons.Make(1000, 0.1, 0) },
	},
	{
		name: "trace_tanh",
		net: func() *network.Network {
			n := network.New(layer.Init([]int{2, 3, 3}, 0))
			n.Hidden = network.Tanh
			return n
		},
		m:      1,
		data:   func() (*matrix.Dense, []int) { return moons.Spiral(300, 0.1, 0, 3) },
		lambda: 0.5,
	},
	{
		name:   "trace_m3",
		net:    func() *network.Network { return network.New(layer.Init(layer.Tutorial, 0)) },
		m:      3,
		data:   func() (*matrix.Dense, []int) { return moons.Make(1000, 0.1, 0) },
		lambda: 0.7,
	},
}

func TestTrace(t *testing.T) {
	for _, tc := range traceCases {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			X, y := tc.data()
			X = &matrix.Dense{Rows: tc.m, Cols: X.Cols, Data: X.Data[:tc.m*X.Cols]}
			if err := WriteExamples(&b, tc.net(), X, y[:tc.m], Options{Lambda: tc.lambda, Alpha: DefaultAlpha}); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", tc.name+".golden"), b.Bytes())
		})
	}
}

// traceTable returns the rows of the first table after the first line of out
// that starts with heading, each row split into fields, without the table's
// heading line.
func traceTable(t *testing.T, out, heading string) [][]string {
	t.Helper()
	lines := strings.Split(out, "\n")
	for i, line := range lines {
		if !strings.HasPrefix(line, heading) {
			continue
		}
		for i++; i < len(lines) && !strings.HasPrefix(lines[i], "  "); i++ {
		}
		var rows [][]string
		for i++; i < len(lines) && strings.HasPrefix(lines[i], "  "); i++ {
			rows = append(rows, strings.Fields(lines[i]))
		}
		return rows
	}
	t.Fatalf("no line starts with %q in\n%s", heading, out)
	return nil
}

// printedEqual reports whether the printed number s is v to the printed
// precision, six decimals.
func printedEqual(t *testing.T, s string, v float64) bool {
	t.Helper()
	p, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return math.Abs(p-v) <= 0.5e-6*(1+1e-9)
}

// The numbers the trace prints are the network's own: Θ, z, a and h as Forward
// computes them, J as CostOf, D as Backprop, and each δ^(l) as the bias column
// of Backprop's D^(l-1), which for one example is δ^(l) itself.
func TestTracePrintsTheNetworksNumbers(t *testing.T) {
	tests := []struct {
		sizes  []int
		g      network.Activation
		lambda float64
	}{
		{layer.Tutorial, network.Sigmoid, 0},
		{layer.Tutorial, network.Sigmoid, 2.5},
		{[]int{2, 3, 3}, network.Tanh, 0.5},
		{[]int{3, 4, 6, 4}, network.ReLU, 1.3},
		{[]int{4, 3}, network.Sigmoid, 0.2}, // no hidden layer
	}
	for ti, tt := range tests {
		n := network.New(layer.Init(tt.sizes, uint32(ti)))
		n.Hidden = tt.g
		L, K := n.L(), n.K()
		X, y := randdata.Examples(K, tt.sizes[0], K, uint32(10+ti))
		for ex := range y {
			x, label := X.Row(ex), y[ex]
			var b bytes.Buffer
			if err := Write(&b, n, x, label, tt.lambda); err != nil {
				t.Fatalf("%v: %v", tt.sizes, err)
			}
			out := b.String()
			name := fmt.Sprintf("%v %v λ=%v example %d", tt.sizes, tt.g, tt.lambda, ex)
			Xi := matrix.FromRows([][]float64{x})
			p := network.Forward(n, Xi)
			D := network.Backprop(n, p, []int{label}, tt.lambda)
			check := func(what, s string, v float64) {
				t.Helper()
				if !printedEqual(t, s, v) {
					t.Errorf("%s: %s printed %s, want %.9f", name, what, s, v)
				}
			}

			lines := strings.Split(out, "\n")
			if !strings.Contains(out, "\nD above vs network.Backprop(n, network.Forward(n, X), y, λ): largest difference 0, matches Backprop: yes\n") {
				t.Errorf("%s: the trace lacks the check against Backprop:\n%s", name, out)
			}
			var J string
			for _, line := range lines {
				if f := strings.Fields(line); strings.HasPrefix(line, "J = ") && len(f) >= 7 && f[3] == "+" {
					J = f[6]
				}
			}
			check("J", J, network.CostOf(n, p, []int{label}, tt.lambda))

			for l := 1; l < L; l++ {
				for _, m := range []struct {
					name, heading string
					want          *matrix.Dense
				}{
					{"Θ", fmt.Sprintf("Θ^(%d)  (", l), n.Theta[l]},
					{"D", fmt.Sprintf("D^(%d) = ", l), D[l]},
				} {
					rows := traceTable(t, out, m.heading)
					if len(rows) != m.want.Rows {
						t.Fatalf("%s: %s^(%d) has %d rows, want %d", name, m.name, l, len(rows), m.want.Rows)
					}
					for j, r := range rows {
						if len(r) != m.want.Cols+1 {
							t.Fatalf("%s: %s^(%d) row %v, want a label and %d numbers", name, m.name, l, r, m.want.Cols)
						}
						for i, s := range r[1:] {
							check(fmt.Sprintf("%s^(%d)_{%d,%d}", m.name, l, j, i), s, m.want.At(j, i))
						}
					}
				}
			}
			a1 := traceTable(t, out, "a^(1) = [1; x]")
			if len(a1) != p.A[1].Rows {
				t.Fatalf("%s: a^(1) has %d rows, want %d", name, len(a1), p.A[1].Rows)
			}
			for i, r := range a1 {
				if len(r) != 2 {
					t.Fatalf("%s: a^(1) row %v, want a label and a number", name, r)
				}
				check(fmt.Sprintf("a^(1)_%d", i), r[1], p.A[1].Data[i])
			}
			for l := 2; l <= L; l++ {
				rows := traceTable(t, out, fmt.Sprintf("z^(%d) = ", l))
				bias := 0
				if l < L {
					bias = 1 // the bias unit's row has no z
				}
				if len(rows) != p.Z[l].Rows+bias {
					t.Fatalf("%s: the table of z^(%d) has %d rows, want %d", name, l, len(rows), p.Z[l].Rows+bias)
				}
				if bias == 1 {
					if len(rows[0]) != 2 {
						t.Fatalf("%s: a^(%d) bias row %v, want a label and a number", name, l, rows[0])
					}
					check(fmt.Sprintf("a^(%d)_0", l), rows[0][1], 1)
				}
				for j, r := range rows[bias:] {
					if len(r) != 3 {
						t.Fatalf("%s: z^(%d) row %v, want a label, z and a", name, l, r)
					}
					check(fmt.Sprintf("z^(%d)_%d", l, j+bias), r[1], p.Z[l].Data[j])
					check(fmt.Sprintf("a^(%d)_%d", l, j+bias), r[2], p.A[l].Data[j+bias])
				}
				var delta [][]string
				if l == L {
					delta = traceTable(t, out, fmt.Sprintf("δ^(%d) = a^(%d) - y", L, L))
				} else {
					delta = traceTable(t, out, fmt.Sprintf("δ^(%d) = (Θ", l))
				}
				if len(delta) != D[l-1].Rows {
					t.Fatalf("%s: δ^(%d) has %d rows, want %d", name, l, len(delta), D[l-1].Rows)
				}
				for j, r := range delta {
					check(fmt.Sprintf("δ^(%d)_%d", l, j), r[len(r)-1], D[l-1].At(j, 0))
				}
			}
		}
	}
}

// namedTable returns the rows of the table that follows the line name alone,
// the first such line after the first line that starts with heading.
func namedTable(t *testing.T, out, heading, name string) [][]string {
	t.Helper()
	i := strings.Index(out, "\n"+heading)
	if i < 0 {
		t.Fatalf("no line starts with %q in\n%s", heading, out)
	}
	j := strings.Index(out[i:], "\n"+name+"\n")
	if j < 0 {
		t.Fatalf("no line %q after %q in\n%s", name, heading, out)
	}
	return traceTable(t, out[i+j+1:], name)
}

// With m examples, the trace prints Forward's h, CostOf's J, Backprop's D,
// CheckGradients' numerical gradient, each example's share of Δ^(l) adding up
// to Δ^(l), the update Θ - αD and the cost after it, and passes its own checks.
func TestTraceExamples(t *testing.T) {
	tests := []struct {
		sizes         []int
		g             network.Activation
		m             int
		lambda, alpha float64
	}{
		{layer.Tutorial, network.Sigmoid, 3, 0, 0.5},
		{layer.Tutorial, network.Sigmoid, 4, 1.5, 2},
		{[]int{2, 3, 3}, network.Tanh, 3, 0.5, 0.1},
		{[]int{3, 4, 6, 4}, network.ReLU, 5, 1.3, 0.5},
		{[]int{4, 3}, network.Sigmoid, 2, 0.2, 1}, // no hidden layer
	}
	for ti, tt := range tests {
		n := network.New(layer.Init(tt.sizes, uint32(ti)))
		n.Hidden = tt.g
		L, K, m := n.L(), n.K(), tt.m
		X, y := randdata.Examples(m, tt.sizes[0], K, uint32(20+ti))
		name := fmt.Sprintf("%v %v m=%d λ=%v α=%v", tt.sizes, tt.g, m, tt.lambda, tt.alpha)
		var b bytes.Buffer
		if err := WriteExamples(&b, n, X, y, Options{Lambda: tt.lambda, Alpha: tt.alpha, First: 7}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out := b.String()
		for _, want := range []string{
			fmt.Sprintf("for m = %d examples", m),
			"matches CostOf: yes", "matches Backprop: yes", "largest relative difference below 1e-7: yes",
			fmt.Sprintf("  ex %d", 7+m-1),
		} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: the trace lacks %q", name, want)
			}
		}
		p := network.Forward(n, X)
		D := network.Backprop(n, p, y, tt.lambda)
		num := network.CheckGradients(n, X, y, tt.lambda)
		check := func(what, s string, v float64) {
			t.Helper()
			if !printedEqual(t, s, v) {
				t.Errorf("%s: %s printed %s, want %.9f", name, what, s, v)
			}
		}
		checkMatrix := func(what string, rows [][]string, want *matrix.Dense) {
			t.Helper()
			if len(rows) != want.Rows {
				t.Fatalf("%s: %s has %d rows, want %d", name, what, len(rows), want.Rows)
			}
			for j, r := range rows {
				if len(r) != want.Cols+1 {
					t.Fatalf("%s: %s row %v, want a label and %d numbers", name, what, r, want.Cols)
				}
				for i, s := range r[1:] {
					check(fmt.Sprintf("%s_{%d,%d}", what, j, i), s, want.At(j, i))
				}
			}
		}
		checkMatrix("h", namedTable(t, out, fmt.Sprintf("h = a^(%d)", L), fmt.Sprintf("h = a^(%d)", L)), p.H())
		var J, after string
		for _, line := range strings.Split(out, "\n") {
			if f := strings.Fields(line); strings.HasPrefix(line, "J = ") && len(f) >= 7 && f[3] == "+" {
				J = f[6]
			}
			if f := strings.Fields(line); strings.HasPrefix(line, "J after the update") && len(f) >= 5 {
				after = f[4]
			}
		}
		check("J", J, network.CostOf(n, p, y, tt.lambda))
		next := n.Copy()
		for l := 1; l < L; l++ {
			checkMatrix(fmt.Sprintf("D^(%d)", l), traceTable(t, out, fmt.Sprintf("D^(%d) = ", l)), D[l])
			next.Theta[l] = matrix.Sub(n.Theta[l], matrix.Scale(tt.alpha, D[l]))
			checkMatrix(fmt.Sprintf("Θ^(%d) - α D^(%d)", l, l), traceTable(t, out, fmt.Sprintf("Θ^(%d) - α D^(%d)", l, l)), next.Theta[l])

			// The shares of the examples add up to Δ^(l) = m (D^(l) - (λ/m) Θ^(l)),
			// to within m times the printed precision.
			sum := matrix.New(D[l].Rows, D[l].Cols)
			for e := 0; e < m; e++ {
				rows := traceTable(t, out, fmt.Sprintf("ex %d: δ^(%d) (a^(%d))ᵀ", 7+e, l+1, l))
				for j, r := range rows {
					for i, s := range r[1:] {
						v, _ := strconv.ParseFloat(s, 64)
						sum.Data[j*sum.Cols+i] += v
					}
				}
			}
			for j := 0; j < sum.Rows; j++ {
				for i := 0; i < sum.Cols; i++ {
					reg := 0.0
					if i > 0 {
						reg = tt.lambda / float64(m) * n.Theta[l].At(j, i)
					}
					if want := float64(m) * (D[l].At(j, i) - reg); !(math.Abs(sum.At(j, i)-want) <= float64(m)*0.5e-6*(1+1e-9)) {
						t.Errorf("%s: the shares of Δ^(%d)_{%d,%d} add up to %v, want %v", name, l, j, i, sum.At(j, i), want)
					}
				}
			}

			rows := traceTable(t, out, fmt.Sprintf("D^(%d) beside the numerical gradient", l))
			if len(rows) != D[l].Rows*D[l].Cols {
				t.Fatalf("%s: the numerical gradient of Θ^(%d) has %d rows, want %d", name, l, len(rows), D[l].Rows*D[l].Cols)
			}
			for r, f := range rows {
				if len(f) < 5 {
					t.Fatalf("%s: numerical gradient row %v", name, f)
				}
				j, i := r/D[l].Cols, r%D[l].Cols
				if f[0] != strconv.Itoa(j+1) || f[1] != strconv.Itoa(i) {
					t.Errorf("%s: numerical gradient row %d is labeled %s %s, want %d %d", name, r, f[0], f[1], j+1, i)
				}
				check(fmt.Sprintf("D^(%d)_{%d,%d}", l, j, i), f[2], D[l].At(j, i))
				check(fmt.Sprintf("numerical ∂J/∂Θ^(%d)_{%d,%d}", l, j, i), f[3], num.Numerical[l].At(j, i))
			}
		}
		check("J after the update", after, network.Cost(next, X, y, tt.lambda))
	}
}

// traceLargestDifference is what makes the trace's last line say "no" and Trace
// return an error.
func TestTraceLargestDifference(t *testing.T) {
	D := network.New(layer.Init(layer.Tutorial, 0)).Theta
	if d := traceLargestDifference(D, D); d != 0 {
		t.Errorf("traceLargestDifference(D, D) = %v, want 0", d)
	}
	E := make([]*matrix.Dense, len(D))
	for l := 1; l < len(D); l++ {
		E[l] = D[l].Copy()
	}
	E[3].Data[7] += 1e-9
	if d := traceLargestDifference(E, D); !(d > traceTolerance) {
		t.Errorf("traceLargestDifference with one entry 1e-9 off = %v, want more than %v", d, traceTolerance)
	}
	E[3].Data[7] = math.NaN()
	if d := traceLargestDifference(E, D); !(math.IsNaN(d) || d > traceTolerance) {
		t.Errorf("traceLargestDifference with a NaN = %v, want NaN or large", d)
	}
	E[3].Data[7] = D[3].Data[7]
	D[3].Data[7], E[3].Data[7] = math.NaN(), math.NaN()
	D[3].Data[8], E[3].Data[8] = math.Inf(1), math.Inf(1)
	if d := traceLargestDifference(E, D); d != 0 {
		t.Errorf("traceLargestDifference with the same NaN and +Inf in both = %v, want 0", d)
	}
	E[2] = matrix.New(2, 2)
	if d := traceLargestDifference(E, D); !math.IsInf(d, 1) {
		t.Errorf("traceLargestDifference of different shapes = %v, want +Inf", d)
	}
}

// failWriter fails its write number fail (counting from 1) and every later
// one, and counts the writes it is asked for.
type failWriter struct {
	writes, fail int
}

var errWrite = errors.New("disk full")

func (w *failWriter) Write(b []byte) (int, error) {
	w.writes++
	if w.writes >= w.fail {
		return 0, errWrite
	}
	return len(b), nil
}

func TestTraceWriteError(t *testing.T) {
	n := network.New(layer.Init(layer.Tutorial, 0))
	count := &failWriter{fail: math.MaxInt}
	if err := Write(count, n, []float64{0.5, -0.25}, 1, 0.1); err != nil || count.writes < 10 {
		t.Fatalf("Trace made %d writes and returned %v, want many writes and no error", count.writes, err)
	}
	for _, fail := range []int{1, 2, count.writes / 2, count.writes} {
		w := &failWriter{fail: fail}
		err := Write(w, n, []float64{0.5, -0.25}, 1, 0.1)
		if !errors.Is(err, errWrite) {
			t.Errorf("write %d fails: Trace returned %v, want %v", fail, err, errWrite)
		}
		if w.writes != fail {
			t.Errorf("write %d fails: Trace wrote %d times, want no write after the failure", fail, w.writes)
		}
	}
}

func TestTracePanics(t *testing.T) {
	n := network.New(layer.Init(layer.Tutorial, 0))
	for _, tt := range []struct {
		x     []float64
		label int
		want  string
	}{
		{[]float64{1, 2, 3}, 0, "X is 1x3 but the input layer has 2 units"},
		{[]float64{1}, 0, "X is 1x1"},
		{[]float64{1, 2}, 2, "label 2 of example 0 is not a class of the output layer (0..1)"},
		{[]float64{1, 2}, -1, "label -1"},
		{[]float64{1, math.NaN()}, 0, "X holds NaN"},
	} {
		func() {
			defer func() {
				r := recover()
				if s, ok := r.(string); !ok || !strings.HasPrefix(s, "trace: ") || !strings.Contains(s, tt.want) {
					t.Errorf("Trace(%v, %d) panicked with %v, want a trace: panic containing %q", tt.x, tt.label, r, tt.want)
				}
			}()
			Write(io.Discard, n, tt.x, tt.label, 0)
		}()
	}
}

// An output that rounds to exactly 1 for a wrong class makes J = +Inf, as
// CostOf says; the trace shows it and still checks.
func TestTraceInfiniteCost(t *testing.T) {
	n := network.New(layer.Init([]int{2, 2}, 0))
	n.Theta[1] = matrix.FromRows([][]float64{{1000, 0, 0}, {0, 0, 0}})
	var b bytes.Buffer
	if err := Write(&b, n, []float64{1, 1}, 1, 0); err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	out := b.String()
	for _, want := range []string{"J = +Inf + 0.000000 = +Inf", "matches CostOf: yes", "matches Backprop: yes"} {
		if !strings.Contains(out, want) {
			t.Errorf("the trace lacks %q:\n%s", want, out)
		}
	}
}

// Numbers of a million or more print with an exponent, never as hundreds
// of digits.
func TestTraceNumLarge(t *testing.T) {
	for v, want := range map[float64]string{
		0.5: "0.500000", -999999.5: "-999999.500000", 1e6: "1.00000e+06", -3.5e300: "-3.50000e+300",
	} {
		if got := traceNum(v); got != want {
			t.Errorf("traceNum(%g) = %q, want %q", v, got, want)
		}
	}
}
