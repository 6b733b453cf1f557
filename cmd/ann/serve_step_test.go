package main

import (
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"strings"
	"testing"

	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/trace"
)

// traceSection returns the lines of a section of ann trace's output: those
// after the first line that starts with head, up to a blank line, each split
// into fields.
func traceSection(t *testing.T, out, head string) [][]string {
	t.Helper()
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		if !strings.HasPrefix(l, head) {
			continue
		}
		var rows [][]string
		for _, r := range lines[i+1:] {
			if strings.TrimSpace(r) == "" {
				break
			}
			rows = append(rows, strings.Fields(r))
		}
		return rows
	}
	t.Fatalf("ann trace prints no section %q", head)
	return nil
}

// The step-through's numbers are ann trace's for the same example and
// weights: z and a per unit, J, δ per unit, D and the numerical gradient per
// weight, and Θ - α D, to the digits the trace prints.
func TestServeStepEqualsTrace(t *testing.T) {
	t.Parallel()
	srv := newServer(t, playLimits)
	form := url.Values{"layers": {"2,3,4,2"}, "activation": {"tanh"}, "lambda": {"0.1"}, "alpha": {"0.3"}}
	p := openPage(t, srv, form)
	const example = 7
	code, body := get(t, srv, fmt.Sprintf("/api/step?id=%s&example=%d", p.id, example))
	if code != 200 {
		t.Fatalf("GET /api/step: %d %s", code, body)
	}
	var s stepInfo
	if err := json.Unmarshal(body, &s); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runAnn("trace", "-layers", "2,3,4,2", "-activation", "tanh", "-lambda", "0.1", "-alpha", "0.3", "-example", fmt.Sprint(example))
	if code != 0 {
		t.Fatal(errs)
	}
	num := func(v float64) string { return fmt.Sprintf("%.6f", v) }
	if s.Iter != 0 || s.Example != example || fmt.Sprint(s.Sizes) != "[2 3 4 2]" {
		t.Fatalf("step: iteration %d, example %d, sizes %v", s.Iter, s.Example, s.Sizes)
	}
	x := traceSection(t, out, "              x_1")
	if x[0][2] != num(s.X[0]) || x[0][3] != num(s.X[1]) {
		t.Errorf("x = %v, trace %v", s.X, x[0])
	}
	for l := 2; l <= 4; l++ {
		var rows [][]string
		if l < 4 {
			rows = traceSection(t, out, fmt.Sprintf("a^(%d) = [1; g(z^(%d))]", l, l))
			rows = rows[2:] // the header and the bias unit
		} else {
			rows = traceSection(t, out, "h = a^(4)")[1:]
		}
		for j, r := range rows {
			if r[1] != num(s.Z[l][j]) || r[2] != num(s.A[l][j]) {
				t.Errorf("layer %d unit %d: z %s a %s, trace %v", l, j+1, num(s.Z[l][j]), num(s.A[l][j]), r)
			}
		}
		rows = traceSection(t, out, fmt.Sprintf("δ^(%d) = ", l))[1:]
		if l < 4 {
			rows = rows[2:] // the notes under the formula, then the header
		}
		for j, r := range rows {
			if got := r[len(r)-1]; got != num(s.Delta[l][j]) {
				t.Errorf("δ^(%d)_%d = %s, trace %s", l, j+1, num(s.Delta[l][j]), got)
			}
		}
	}
	if want := "J = "; !strings.Contains(out, fmt.Sprintf("= %s   (numpy: calculate_cost", num(s.J))) {
		t.Errorf("J = %s is not the trace's %s...", num(s.J), want)
	}
	for l := 1; l <= 3; l++ {
		check := func(what, head string, m [][]float64) {
			rows := traceSection(t, out, head)[1:]
			for j, r := range rows {
				for i, v := range m[j] {
					if r[i+1] != num(v) {
						t.Errorf("%s[%d][%d] = %s, trace %s", what, j+1, i, num(v), r[i+1])
					}
				}
			}
		}
		check(fmt.Sprintf("D^(%d)", l), fmt.Sprintf("D^(%d) = (1/m)", l), s.D[l])
		check(fmt.Sprintf("Θ^(%d)", l), fmt.Sprintf("Θ^(%d)  (", l), s.Theta[l])
		check(fmt.Sprintf("Θ^(%d) - α D", l), fmt.Sprintf("Θ^(%d) - α D^(%d)", l, l), s.ThetaAfter[l])
		k := 0
		for _, r := range traceSection(t, out, fmt.Sprintf("D^(%d) beside the numerical", l))[2:] {
			j, i := k/len(s.D[l][0]), k%len(s.D[l][0])
			if r[3] != num(s.Numerical[l][j][i]) {
				t.Errorf("numerical ∂J/∂Θ^(%d)_%d,%d = %s, trace %s", l, j+1, i, num(s.Numerical[l][j][i]), r[3])
			}
			k++
		}
	}
	if s.Alpha != 0.3 || trace.DefaultAlpha == 0 {
		t.Errorf("α = %v", s.Alpha)
	}
	if code, body := get(t, srv, "/api/step?id="+p.id+"&example=1000"); code != 400 || !strings.Contains(string(body), "want an example of the data set, 0..999") {
		t.Errorf("example 1000: %d %s", code, body)
	}
}

// The enlarged map of a unit is the unit's output over the run's plane: at
// the example's point it is the step-through's a for that example, for
// every unit of every layer (the inputs are the features, with -features),
// and at the grid's points it is network.Forward's a of the untrained model
// (the run is at iteration 0) at those points.
func TestServeUnitMap(t *testing.T) {
	srv := newServer(t, playLimits)
	form := url.Values{"layers": {"3,4,2"}, "features": {"x1,x2,x1*x2"}, "activation": {"tanh"}, "n": {"200"}}
	p := openPage(t, srv, form)
	setup, err := playLimits.setup(form, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	const example = 5
	var s stepInfo
	code, body := get(t, srv, fmt.Sprintf("/api/step?id=%s&example=%d", p.id, example))
	if code != 200 || json.Unmarshal(body, &s) != nil {
		t.Fatalf("GET /api/step: %d %s", code, body)
	}
	for l, n := range s.Sizes {
		l++
		for j := 1; j <= n; j++ {
			var m unitMap
			code, body := get(t, srv, fmt.Sprintf("/api/map?id=%s&example=%d&l=%d&j=%d", p.id, example, l, j))
			if code != 200 || json.Unmarshal(body, &m) != nil {
				t.Fatalf("GET /api/map l=%d j=%d: %d %s", l, j, code, body)
			}
			if math.Abs(m.At-s.A[l][j-1]) > 1e-12 {
				t.Errorf("unit %d of layer %d: the map's a at example %d is %v, the step's %v", j, l, example, m.At, s.A[l][j-1])
			}
			if len(m.Values) != m.Steps*m.Steps || m.Lo > m.Hi || m.L != l || m.J != j || m.Extent != setup.extent() {
				t.Fatalf("unit %d of layer %d: %d values on a %d grid, range %v..%v, l %d j %d, extent %v", j, l, len(m.Values), m.Steps, m.Lo, m.Hi, m.L, m.J, m.Extent)
			}
			xs := matrix.Linspace(m.Extent[0], m.Extent[1], m.Steps, true)
			ys := matrix.Linspace(m.Extent[2], m.Extent[3], m.Steps, true)
			for _, q := range []int{0, m.Steps - 1, m.Steps * m.Steps / 2, m.Steps*m.Steps - 1} {
				S, err := setup.untrained.Standardize(matrix.FromRows([][]float64{{xs[q%m.Steps], ys[q/m.Steps]}}))
				if err != nil {
					t.Fatal(err)
				}
				a := network.Forward(setup.untrained.Net, S).A[l].Data
				if l < len(s.Sizes) {
					a = a[1:] // the bias unit
				}
				if math.Abs(m.Values[q]-a[j-1]) > 0.5e-4 {
					t.Errorf("unit %d of layer %d at grid point %d: map %v, a %v", j, l, q, m.Values[q], a[j-1])
				}
			}
		}
	}
	for _, q := range []string{"l=0&j=1", "l=4&j=1", "l=2&j=5", "l=2&j=x", "l=3&j=0"} {
		if code, body := get(t, srv, fmt.Sprintf("/api/map?id=%s&example=0&%s", p.id, q)); code != 400 || !strings.Contains(string(body), "want") {
			t.Errorf("%s: %d %s", q, code, body)
		}
	}
}
