package check_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network/check"
)

// firstWrong is the quantity where each mistake first shows, on Small's
// inputs with every quantity given.
var firstWrong = map[string]string{
	"label-vector": "d3", "mean-cost": "J",
	"no-gprime": "d2", "gprime-of-a": "d2", "bias-delta": "d2", "bias-last": "d2",
	"transposed-delta": "Delta1", "reg-bias": "D1", "no-m": "D1",
	"in-place": "costs2", "random-stream": "Init1",
}

// otherStream returns initial weights in cell 9's range from another
// stream than np.random.seed's.
func otherStream(in check.Inputs) map[string]*matrix.Dense {
	r := rand.New(rand.NewPCG(1, 2))
	e := map[string]*matrix.Dense{}
	for l := 1; l < len(in.Theta); l++ {
		t := in.Theta[l]
		eps := 0.0
		for _, v := range in.Expected(nil)[fmt.Sprint("Init", l)].Data {
			eps = max(eps, 2*abs(v))
		}
		a := matrix.New(t.Rows, t.Cols)
		for i := range a.Data {
			a.Data[i] = (r.Float64() - 0.5) * eps
		}
		e[fmt.Sprint("Init", l)] = a
	}
	return e
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// TestEveryMistake gives check the arrays each mistake computes and wants it
// to stop at the quantity where the mistake first shows and name it.
func TestEveryMistake(t *testing.T) {
	if len(check.Mistakes) < 9 || len(firstWrong) != len(check.Mistakes) {
		t.Fatalf("%d mistakes, %d in this test's table", len(check.Mistakes), len(firstWrong))
	}
	for _, in := range []check.Inputs{check.Small(), check.Moons()} {
		r, err := in.Arrays(in.Expected(nil))
		if err != nil || !r.OK() || len(r.Lines) != len(in.Names()) {
			t.Fatalf("the tutorial's own arrays: %v, %+v", err, r)
		}
		for _, mk := range check.Mistakes {
			if in.Lambda == 0 && mk.Lambda != 0 {
				continue
			}
			got := in.Expected(&mk)
			if mk.Stream {
				for k, v := range otherStream(in) {
					got[k] = v
				}
			}
			r, err := in.Arrays(got)
			if err != nil {
				t.Fatalf("%s: %v", mk.Name, err)
			}
			var b strings.Builder
			r.Write(&b)
			if r.OK() || r.Mistake == nil || r.Mistake.Name != mk.Name {
				t.Errorf("%s: the report does not name it:\n%s", mk.Name, b.String())
				continue
			}
			if in.Lambda != 0 && r.Wrong.Name != firstWrong[mk.Name] {
				t.Errorf("%s: first wrong %s, want %s:\n%s", mk.Name, r.Wrong.Name, firstWrong[mk.Name], b.String())
			}
		}
	}
}

// TestTransposed gives check every array transposed: Thetas, X, A, Z, d,
// Delta, D, Trained and Init. It is named transposed, and agrees.
func TestTransposed(t *testing.T) {
	in := check.Moons()
	got := map[string]*matrix.Dense{}
	for k, v := range in.Expected(nil) {
		got[k] = matrix.T(v)
	}
	for l := 1; l < len(in.Theta); l++ {
		in.Theta[l] = matrix.T(in.Theta[l])
	}
	in.X = matrix.T(in.X)
	r, err := in.Arrays(got)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	r.Write(&b)
	if !r.OK() || !r.Transposed || !strings.Contains(b.String(), "transposes of the tutorial's") || !strings.Contains(b.String(), "Delta2    6x5     largest difference 0  (transposed, as your Thetas)") || !r.XTransposed {
		t.Errorf("every array transposed:\n%s", b.String())
	}
	// Only Delta2 transposed: named transposed, not as wrong numbers.
	in = check.Moons()
	got = in.Expected(nil)
	got["Delta2"] = matrix.T(got["Delta2"])
	r, _ = in.Arrays(got)
	b.Reset()
	r.Write(&b)
	if r.OK() || r.Wrong.Name != "Delta2" || !strings.Contains(b.String(), "transposed: Delta2 is the transpose of the expected 5x6") {
		t.Errorf("Delta2 transposed:\n%s", b.String())
	}
}

// TestBadInputs: arrays check cannot compare are errors, not reports.
func TestBadInputs(t *testing.T) {
	in := check.Small()
	got := in.Expected(nil)
	got["J"] = &matrix.Dense{Rows: 1, Cols: 1, Data: []float64{nan()}}
	if _, err := in.Arrays(got); err == nil || !strings.Contains(err.Error(), "J[0,0] is NaN") {
		t.Errorf("NaN: %v", err)
	}
	in.Theta[2] = matrix.New(2, 5)
	if _, err := in.Arrays(nil); err == nil || !strings.Contains(err.Error(), "do not chain") {
		t.Errorf("Thetas that do not chain: %v", err)
	}
	in = check.Small()
	in.Theta = in.Theta[:1]
	if _, err := in.Arrays(nil); err == nil || !strings.Contains(err.Error(), "no Theta1") {
		t.Errorf("no Theta: %v", err)
	}
}

func nan() float64 { z := 0.0; return z / z }

// TestFuncs: the example's backpropagation with its 1/m passes, and a
// Forward and Cost that are package network's in disguise pass too.
func TestFuncs(t *testing.T) {
	in := check.Small()
	r, err := in.Funcs(check.Funcs{Backprop: myBackprop(true)})
	if err != nil || !r.OK() || len(r.Lines) != 2 {
		var b strings.Builder
		if r != nil {
			r.Write(&b)
		}
		t.Fatalf("the right backprop: %v\n%s", err, b.String())
	}
	_, err = in.Funcs(check.Funcs{Cost: func([]*matrix.Dense, *matrix.Dense, []int, float64) float64 { panic("oops") }})
	if err == nil || !strings.Contains(err.Error(), "your Cost panicked: oops") {
		t.Errorf("a Cost that panics: %v", err)
	}
}

// TestToleranceText: the reports say 1e-9.
func TestToleranceText(t *testing.T) {
	if check.Tolerance != 1e-9 {
		t.Errorf("Tolerance %v: the reports and ann check -h say 1e-9", check.Tolerance)
	}
}
