package trainer

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"testing"

	"github.com/ann-go/ann/internal/reference"
	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/fast"
	"github.com/ann-go/ann/trainer/dataset"
)

// The numpy reference runs: the tutorial's own code (testdata/reference/README.md,
// testdata/numpy, docs/numpy). Every cost within 1e-9 relative, the final Theta
// within 1e-8 absolute, the same accuracies, and the initial Theta bit for bit.
func TestAgainstNumpy(t *testing.T) {
	var runs []*reference.Run
	for _, name := range []string{"take1", "take2", "regularized"} {
		r, err := reference.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		runs = append(runs, r)
	}
	more, err := reference.LoadRuns("numpy/runs.json")
	if err != nil {
		t.Fatal(err)
	}
	runs = append(runs, more...)
	for _, r := range runs {
		c := r.Config
		if c.Data == "iris" { // testdata/iris.csv, unscaled, as the numpy run read it
			data, err := dataset.ReadCSV(filepath.Join(reference.Dir(), "iris.csv"))
			if err != nil {
				t.Fatal(err)
			}
			checkRun(t, r, data.X, data.Y)
			continue
		}
		X, y := moons.Make(c.N, c.Noise, c.DataSeed)
		checkRun(t, r, X, y)
	}
}

// checkRun checks both loops, the fast one and the reference one, against the
// numpy run r.
func checkRun(t *testing.T, r *reference.Run, X *matrix.Dense, y []int) {
	t.Helper()
	for _, ref := range []bool{false, true} {
		checkLoop(t, r, X, y, ref)
	}
}

func checkLoop(t *testing.T, r *reference.Run, X *matrix.Dense, y []int, ref bool) {
	t.Helper()
	c := r.Config
	name := runName(c)
	if ref {
		name += " (reference loop)"
	}
	Theta := layer.Init(c.Layers, c.Seed)
	for l, want := range r.InitTheta() {
		if l > 0 && !matrixEqual(Theta[l], want) {
			t.Errorf("%s: initial Theta%d = %v, want %v (bit for bit)", name, l, Theta[l], want)
		}
	}
	Xtrain := &matrix.Dense{Rows: c.NTrain, Cols: X.Cols, Data: X.Data[:c.NTrain*X.Cols]}
	res, err := Train(context.Background(), network.New(Theta), Xtrain, y[:c.NTrain],
		Config{Alpha: c.Alpha, Iters: c.Iters, Lambda: c.Lambda, Reference: ref})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(res.Costs) != len(r.Costs) {
		t.Fatalf("%s: %d costs, want %d", name, len(res.Costs), len(r.Costs))
	}
	worst, at := 0.0, 0
	for i, want := range r.Costs {
		if d := math.Abs(res.Costs[i]-want) / math.Abs(want); !(d <= worst) {
			worst, at = d, i
		}
	}
	if !(worst <= 1e-9) {
		t.Errorf("%s: cost of iteration %d = %v, want %v (relative difference %.2g > 1e-9)", name, at+1, res.Costs[at], r.Costs[at], worst)
	}
	for l, want := range r.Theta() {
		if l == 0 {
			continue
		}
		for i, v := range want.Data {
			if got := res.Net.Theta[l].Data[i]; !(math.Abs(got-v) <= 1e-8) {
				t.Errorf("%s: trained Theta%d element %d = %v, want %v", name, l, i, got, v)
				break
			}
		}
	}
	if got := network.Accuracy(res.Net, X, y); got != r.AccuracyAll {
		t.Errorf("%s: accuracy on all rows = %v, want %v", name, got, r.AccuracyAll)
	}
	if got := network.Accuracy(res.Net, Xtrain, y[:c.NTrain]); got != r.AccuracyTrain {
		t.Errorf("%s: accuracy on the training rows = %v, want %v", name, got, r.AccuracyTrain)
	}
	if got, want := res.FinalCost, r.FinalCost; !(math.Abs(got-want) <= 1e-9*want) {
		t.Errorf("%s: cost after training = %v, want %v", name, got, want)
	}
	if r.PredictAll != nil {
		pred := fast.Predict(res.Net, X)
		for i, want := range r.PredictAll {
			if pred[i] != want {
				t.Errorf("%s: predict row %d = %d, want %d", name, i, pred[i], want)
				break
			}
		}
		P := fast.Probabilities(res.Net, X)
		for i, row := range r.ProbaFirst10 {
			for k, want := range row {
				if got := P.At(i, k); !(math.Abs(got-want) <= 1e-9) {
					t.Errorf("%s: probability row %d class %d = %v, want %v", name, i, k, got, want)
				}
			}
		}
	}
}

func runName(c reference.Config) string {
	return fmt.Sprintf("layers %v seed %d iters %d lambda %v", c.Layers, c.Seed, c.Iters, c.Lambda)
}

func matrixEqual(a, b *matrix.Dense) bool {
	if !matrix.SameShape(a, b) {
		return false
	}
	for i, v := range a.Data {
		if v != b.Data[i] {
			return false
		}
	}
	return true
}
