package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ann-go/ann/internal/npy"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network/check"
)

// checkFirstWrong is the quantity where each mistake first shows in an
// .npz that holds every quantity, on the small inputs.
var checkFirstWrong = map[string]string{
	"label-vector": "d3", "mean-cost": "J",
	"no-gprime": "d2", "gprime-of-a": "d2", "bias-delta": "d2", "bias-last": "d2",
	"transposed-delta": "Delta1", "reg-bias": "D1", "no-m": "D1",
	"in-place": "costs2", "random-stream": "Init1",
}

// writeCheckNPZ writes the inputs in and the arrays got (numpy's layout) as
// a learner's .npz, and returns its path.
func writeCheckNPZ(t *testing.T, name string, in check.Inputs, got map[string]*matrix.Dense) string {
	t.Helper()
	y := make([]float64, len(in.Y))
	for i, v := range in.Y {
		y[i] = float64(v)
	}
	arrays := []npy.Array{
		{Name: "X", Shape: []int{in.X.Rows, in.X.Cols}, Data: in.X.Data},
		{Name: "y", Shape: []int{len(y)}, Data: y, Int: true},
		{Name: "lambda", Shape: []int{}, Data: []float64{in.Lambda}},
		{Name: "alpha", Shape: []int{}, Data: []float64{in.Alpha}},
		{Name: "iters", Shape: []int{}, Data: []float64{float64(in.Iters)}, Int: true},
	}
	for l := 1; l < len(in.Theta); l++ {
		th := in.Theta[l]
		arrays = append(arrays, npy.Array{Name: fmt.Sprint("Theta", l), Shape: []int{th.Rows, th.Cols}, Data: th.Data})
	}
	for _, k := range in.Names() {
		a, ok := got[k]
		if !ok {
			continue
		}
		shape := []int{a.Rows, a.Cols}
		if k == "J" {
			shape = []int{}
		} else if strings.HasPrefix(k, "costs") {
			shape = []int{len(a.Data)}
		}
		arrays = append(arrays, npy.Array{Name: k, Shape: shape, Data: a.Data})
	}
	path := filepath.Join(t.TempDir(), name+".npz")
	if err := npy.WriteNPZFile(path, arrays); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestCheckMistakes builds, from the Go side, the .npz of the tutorial's
// code and of each mistake in the catalogue: exit 0 for the first, and for
// each mistake exit 1, the first wrong quantity the one where it shows, and
// its name.
func TestCheckMistakes(t *testing.T) {
	t.Parallel()
	in := check.Small()
	code, out, errs := runAnn("check", writeCheckNPZ(t, "right", in, in.Expected(nil)))
	if code != 0 || !strings.Contains(out, "check: all 18 quantities agree to 1e-9·max(1, |expected|)") {
		t.Fatalf("the tutorial's arrays: exit %d\n%s%s", code, out, errs)
	}
	if len(check.Mistakes) != len(checkFirstWrong) {
		t.Fatalf("%d mistakes, %d in this test's table", len(check.Mistakes), len(checkFirstWrong))
	}
	for _, mk := range check.Mistakes {
		got := in.Expected(&mk)
		if mk.Stream {
			r := rand.New(rand.NewPCG(3, 4))
			for l := 1; l < len(in.Theta); l++ {
				a := in.Expected(nil)[fmt.Sprint("Init", l)].Copy()
				for i := range a.Data {
					a.Data[i] = (r.Float64() - 0.5) * 0.7
				}
				got[fmt.Sprint("Init", l)] = a
			}
		}
		code, out, errs := runAnn("check", writeCheckNPZ(t, mk.Name, in, got))
		first := checkFirstWrong[mk.Name]
		if code != 1 || !strings.Contains(out, "\n✗ "+first+" ") || !strings.Contains(out, "the mistake "+mk.Name+" gives") ||
			!strings.Contains(errs, first+" disagrees") {
			t.Errorf("%s: exit %d, want 1 with ✗ %s and the mistake named:\n%s%s", mk.Name, code, first, out, errs)
		}
	}
}

// TestCheckTransposed: a file with every array transposed, Thetas and X
// too, is named transposed and agrees.
func TestCheckTransposed(t *testing.T) {
	t.Parallel()
	in := check.Moons()
	got := map[string]*matrix.Dense{}
	for k, v := range in.Expected(nil) {
		got[k] = matrix.T(v)
	}
	tin := in
	tin.Theta = []*matrix.Dense{nil}
	for _, th := range in.Theta[1:] {
		tin.Theta = append(tin.Theta, matrix.T(th))
	}
	tin.X = matrix.T(in.X)
	code, out, errs := runAnn("check", writeCheckNPZ(t, "transposed", tin, got))
	if code != 0 || !strings.Contains(out, "Your Thetas are the transposes of the tutorial's") ||
		!strings.Contains(out, "Your X holds one example per column") || !strings.Contains(out, "(transposed, as your Thetas)") {
		t.Errorf("every array transposed: exit %d\n%s%s", code, out, errs)
	}
}

// TestCheckBadFiles: what ann check cannot read exits 2 with one line.
func TestCheckBadFiles(t *testing.T) {
	t.Parallel()
	in := check.Small()
	dir := t.TempDir()
	notNPZ := filepath.Join(dir, "x.npz")
	if err := os.WriteFile(notNPZ, []byte("not a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	noTheta := writeCheckNPZ(t, "notheta", check.Inputs{Theta: []*matrix.Dense{nil}, X: in.X, Y: in.Y}, nil)
	bad := in
	bad.Theta = []*matrix.Dense{nil, in.Theta[1], matrix.New(2, 7)}
	noChain := writeCheckNPZ(t, "nochain", bad, nil)
	withNaN := in.Expected(nil)
	withNaN["J"] = &matrix.Dense{Rows: 1, Cols: 1, Data: []float64{nanValue()}}
	nanFile := writeCheckNPZ(t, "nan", in, withNaN)
	onlyInputs := writeCheckNPZ(t, "inputs", in, nil)
	for _, c := range []struct{ path, want string }{
		{notNPZ, "not an .npz file"},
		{filepath.Join(dir, "missing.npz"), "no such file"},
		{noTheta, "no Theta1"},
		{noChain, "do not chain"},
		{nanFile, "J holds NaN"},
		{onlyInputs, "no quantity to check"},
	} {
		code, out, errs := runAnn("check", c.path)
		if code != 2 || out != "" || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, c.want) {
			t.Errorf("ann check %s: exit %d, stdout %q, stderr %q; want exit 2 and one line with %q", c.path, code, out, errs, c.want)
		}
	}
	if code, _, errs := runAnn("check"); code != 2 || !strings.Contains(errs, "want one FILE.npz") {
		t.Errorf("ann check without a file: exit %d, %q", code, errs)
	}
}

func nanValue() float64 { z := 0.0; return z / z }

// TestCheckInputs: -inputs writes files numpy loads: X, y (int64), the
// Thetas and params.json, and check -h states the tolerance.
func TestCheckInputs(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	code, out, errs := runAnn("check", "-inputs", dir)
	if code != 0 || !strings.Contains(out, "small: Theta1.npy, Theta2.npy, X.npy, y.npy and params.json (layers [2 3 2], m = 3, lambda 1, alpha 0.5, iters 3, seed 0)") ||
		!strings.Contains(out, "moons: Theta1.npy, Theta2.npy, Theta3.npy, X.npy, y.npy and params.json (layers [2 5 5 2], m = 20, lambda 0, alpha 0.5, iters 10, seed 0)") {
		t.Fatalf("-inputs: exit %d\n%s%s", code, out, errs)
	}
	y, err := npy.ReadNPYFile(filepath.Join(dir, "small", "y.npy"))
	if err != nil || !y.Int || len(y.Data) != 3 {
		t.Errorf("small/y.npy: %v %+v, want 3 int64 labels", err, y)
	}
	th, err := npy.ReadNPYFile(filepath.Join(dir, "moons", "Theta2.npy"))
	if err != nil || fmt.Sprint(th.Shape) != "[5 6]" || th.Data[0] != check.Moons().Theta[2].Data[0] {
		t.Errorf("moons/Theta2.npy: %v %v", err, th.Shape)
	}
	code, out, _ = runAnn("check", "-h")
	if code != 0 || !strings.Contains(out, "|got - expected| <= 1e-9 * max(1, |expected|)") || !strings.Contains(out, "Exit 0") {
		t.Errorf("check -h: exit %d\n%s", code, out)
	}
}
