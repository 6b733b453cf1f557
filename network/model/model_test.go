package model

import (
	"bytes"
	"github.com/ann-go/ann/internal/randdata"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ann-go/ann/internal/npy"
	"github.com/ann-go/ann/internal/reference"
	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/network"
)

// A network trained by the tutorial's numpy code and saved with np.savez (and
// np.savez_compressed) predicts in ann what it predicts in numpy, with the same
// probabilities to 1e-12 (docs/numpy/gen_model.py made the files).
func TestReadNumpyModel(t *testing.T) {
	dir := filepath.Join(reference.Dir(), "numpy")
	want, err := reference.LoadModelPredictions()
	if err != nil {
		t.Fatal(err)
	}
	X, _ := moons.Make(300, 0.2, 5) // the inputs gen_model.py used
	for _, name := range []string{"model.npz", "model_compressed.npz"} {
		m, err := ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if got := m.Net.Sizes(); len(got) != 4 || got[1] != 6 || got[2] != 4 {
			t.Errorf("%s: sizes %v, want [2 6 4 2]", name, got)
		}
		pred, err := m.Predict(X)
		if err != nil {
			t.Fatal(err)
		}
		P, err := m.Probabilities(X)
		if err != nil {
			t.Fatal(err)
		}
		for i := range want.Predict {
			if pred[i] != want.Predict[i] {
				t.Fatalf("%s: row %d predicted %d, numpy %d", name, i, pred[i], want.Predict[i])
			}
			for k, w := range want.Proba[i] {
				if !(math.Abs(P.At(i, k)-w) <= 1e-12) {
					t.Fatalf("%s: row %d class %d probability %v, numpy %v", name, i, k, P.At(i, k), w)
				}
			}
		}
	}
}

func TestModelRoundTrip(t *testing.T) {
	for _, m := range []*Model{
		{Net: network.New(layer.Init([]int{2, 5, 5, 2}, 0))},
		{Net: &network.Network{Theta: layer.Init([]int{3, 4, 3}, 1), Hidden: network.Tanh}, Scaler: &Scaler{Mean: []float64{1, 2, 3}, Std: []float64{0.5, 1, 2}}},
		{Net: &network.Network{Theta: layer.Init([]int{1, 2}, 2), Hidden: network.ReLU}},
		{Net: &network.Network{Theta: layer.Init([]int{2, 2}, 3)}, Scaler: &Scaler{Mean: []float64{-1, 1e3}, Std: []float64{1e-3, 7}}},
		{Net: &network.Network{Theta: layer.Init([]int{2, 6, 3}, 4), Hidden: network.Tanh}, Scaler: &Scaler{Mean: []float64{0.5, 0}, Std: []float64{1, 2}}},
		{Net: network.New(layer.Init([]int{2, 5, 5, 2}, 5)), Edits: []Edit{{0, 1, 1, 0, 0.5}, {7, 3, 2, 5, -1.25}, {7, 2, 5, 3, 1e-300}}},
	} {
		var buf bytes.Buffer
		if err := m.Write(&buf); err != nil {
			t.Fatal(err)
		}
		got, err := Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		if got.Net.Hidden != m.Net.Hidden || len(got.Net.Theta) != len(m.Net.Theta) {
			t.Fatalf("read back %v with %d Thetas, want %v with %d", got.Net.Hidden, len(got.Net.Theta), m.Net.Hidden, len(m.Net.Theta))
		}
		for l := 1; l < len(m.Net.Theta); l++ {
			if !near(got.Net.Theta[l], m.Net.Theta[l], 0) {
				t.Errorf("Theta%d differs after a round trip", l)
			}
		}
		if (got.Scaler == nil) != (m.Scaler == nil) || m.Scaler != nil && (!slices.Equal(got.Scaler.Mean, m.Scaler.Mean) || !slices.Equal(got.Scaler.Std, m.Scaler.Std)) {
			t.Errorf("standardization %+v, want %+v", got.Scaler, m.Scaler)
		}
		if !slices.Equal(got.Edits, m.Edits) {
			t.Errorf("edits %v, want %v", got.Edits, m.Edits)
		}
		path := filepath.Join(t.TempDir(), "m.npz")
		if err := m.WriteFile(path); err != nil {
			t.Fatal(err)
		}
		fromFile, err := ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		X, _ := moons.Make(50, 0.2, 1)
		if s1 := m.Net.Sizes()[0]; s1 != 2 {
			X = matrix.New(50, s1)
			for i := range X.Data {
				X.Data[i] = float64(i%7) - 3
			}
		}
		want, err1 := m.Probabilities(X)
		got2, err2 := fromFile.Probabilities(X)
		if err1 != nil || err2 != nil || !slices.Equal(want.Data, got2.Data) {
			t.Errorf("%v: predictions after WriteFile and ReadFile differ (%v, %v)", m.Net.Sizes(), err1, err2)
		}
	}
	// And through a file.
	path := filepath.Join(t.TempDir(), "model.npz")
	m := &Model{Net: network.New(layer.Init(layer.Tutorial, 0))}
	if err := m.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(path); err != nil {
		t.Fatal(err)
	}
}

func TestModelStandardize(t *testing.T) {
	net := network.New([]*matrix.Dense{nil, matrix.FromRows([][]float64{{0, -10, 0}, {0, 10, 0}})})
	m := &Model{Net: net, Scaler: &Scaler{Mean: []float64{5, 0}, Std: []float64{2, 1}}}
	X := matrix.FromRows([][]float64{{4, 7}, {6, -7}})
	S, err := m.Standardize(X)
	if err != nil {
		t.Fatal(err)
	}
	if S.At(0, 0) != -0.5 || S.At(1, 0) != 0.5 || S.At(0, 1) != 7 {
		t.Errorf("Standardize = %v", S)
	}
	if got, err := m.Predict(X); err != nil || got[0] != 0 || got[1] != 1 {
		t.Errorf("Predict = %v, %v, want [0 1] (x1 below and above the mean 5)", got, err)
	}
}

// Everything that is not a model file is a clear error, never a panic.
func TestReadModelErrors(t *testing.T) {
	theta := func(name string, r, c int) npy.Array {
		return npy.Array{Name: name, Shape: []int{r, c}, Data: make([]float64, r*c)}
	}
	tests := []struct {
		arrays []npy.Array
		want   string
	}{
		{nil, "no Theta arrays"},
		{[]npy.Array{theta("Theta1", 5, 3), theta("Theta3", 2, 6)}, "Theta2 is missing"},
		{[]npy.Array{theta("Theta0", 5, 3)}, `array "Theta0": want Theta1, Theta2, ... numbered from 1`},
		{[]npy.Array{theta("Theta01", 5, 3)}, `array "Theta01"`},
		{[]npy.Array{theta("Theta1", 5, 3), theta("Theta2", 2, 5)}, "Theta2 is 2x5 but Theta1 has 5 rows: want 6 columns"},
		{[]npy.Array{{Name: "Theta1", Shape: []int{15}, Data: make([]float64, 15)}}, "Theta1 has shape [15]: want 2 dimensions"},
		{[]npy.Array{theta("Theta1", 2, 3), theta("weights", 1, 1)}, `unknown array "weights"`},
		{[]npy.Array{{Name: "Theta1", Shape: []int{1, 2}, Data: []float64{0, math.NaN()}}}, "Theta1 holds NaN at element 1"},
		{[]npy.Array{theta("Theta1", 2, 3), {Name: "hidden", Shape: []int{}, Data: []float64{7}}}, "hidden must be one number"},
		{[]npy.Array{theta("Theta1", 2, 3), {Name: "standardize_mean", Shape: []int{2}, Data: []float64{0, 0}}}, "come together"},
		{[]npy.Array{theta("Theta1", 2, 3), {Name: "standardize_mean", Shape: []int{3}, Data: make([]float64, 3)}, {Name: "standardize_std", Shape: []int{3}, Data: []float64{1, 1, 1}}}, "standardize_mean has shape [3]: want (2,)"},
		{[]npy.Array{theta("Theta1", 2, 3), {Name: "standardize_mean", Shape: []int{2}, Data: make([]float64, 2)}, {Name: "standardize_std", Shape: []int{2}, Data: []float64{1, 0}}}, "standardize_std[1] is 0"},
		{[]npy.Array{theta("Theta1", 2, 3), {Name: "edited", Shape: []int{5}, Data: []float64{0, 1, 1, 0, 1}}}, "edited has shape [5]: want (n, 5)"},
		{[]npy.Array{theta("Theta1", 2, 3), {Name: "edited", Shape: []int{1, 5}, Data: []float64{0.5, 1, 1, 0, 1}}}, "edited row 0, column 0 is 0.5: want a whole number"},
		{[]npy.Array{theta("Theta1", 2, 3), {Name: "edited", Shape: []int{1, 5}, Data: []float64{0, 1, 1, math.Inf(1), 1}}}, "edited row 0, column 3 is +Inf"},
		{[]npy.Array{theta("Theta1", 2, 3), {Name: "edited", Shape: []int{1, 5}, Data: []float64{0, 2, 1, 0, 1}}}, "edited: edit 0: layer 2: the network has Theta1 to Theta1"},
		{[]npy.Array{theta("Theta1", 2, 3), {Name: "edited", Shape: []int{1, 5}, Data: []float64{0, 1, 0, 0, 1}}}, "edit 0: row 0 of Theta1: want 1 to 2"},
		{[]npy.Array{theta("Theta1", 2, 3), {Name: "edited", Shape: []int{1, 5}, Data: []float64{0, 1, 1, 3, 1}}}, "edit 0: column 3 of Theta1: want 0 (the bias) to 2"},
		{[]npy.Array{theta("Theta1", 2, 3), {Name: "edited", Shape: []int{1, 5}, Data: []float64{-1, 1, 1, 0, 1}}}, "edit 0: iteration -1"},
		{[]npy.Array{theta("Theta1", 2, 3), {Name: "edited", Shape: []int{1, 5}, Data: []float64{0, 1, 1, 0, math.NaN()}}}, "edit 0: value NaN: want a finite weight"},
		{[]npy.Array{theta("Theta1", 2, 3), {Name: "edited", Shape: []int{2, 5}, Data: []float64{5, 1, 1, 0, 1, 4, 1, 1, 0, 1}}}, "edit 1: iteration 4 comes after edit 0's 5"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := npy.WriteNPZ(&buf, tt.arrays); err != nil {
			t.Fatal(err)
		}
		_, err := Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Read(%d arrays): error %v, want %q", len(tt.arrays), err, tt.want)
		}
	}
	// A truncated file, at every length.
	var buf bytes.Buffer
	(&Model{Net: network.New(layer.Init([]int{2, 3, 2}, 0))}).Write(&buf)
	for n := 0; n < buf.Len(); n++ {
		if _, err := Read(bytes.NewReader(buf.Bytes()[:n]), int64(n)); err == nil {
			t.Fatalf("a model cut to %d of %d bytes was read without error", n, buf.Len())
		}
	}
	if _, err := ReadFile(filepath.Join(t.TempDir(), "none.npz")); err == nil {
		t.Error("ReadModelFile of a missing file: no error")
	}
}

// A model standardizes the grid's axes as it does each point.
func TestModelGrid(t *testing.T) {
	xs, ys := randdata.Axis(70, 5), randdata.Axis(40, 6)
	X := randdata.GridPoints(xs, ys)
	for _, g := range []network.Activation{network.Tanh, network.Sigmoid} {
		m := &Model{Net: &network.Network{Theta: layer.Init(layer.Tutorial, 2), Hidden: g}, Scaler: &Scaler{Mean: []float64{0.5, -1}, Std: []float64{2, 0.25}}}
		want, _ := m.Probabilities(X)
		got, err := m.GridProbabilities(xs, ys)
		if err != nil {
			t.Fatal(err)
		}
		if g == network.Tanh && !slices.Equal(got.Data, want.Data) || !near(got, want, 1e-14) {
			t.Errorf("%v: GridProbabilities differs from Probabilities", g)
		}
		labels, _ := m.PredictGrid(xs, ys)
		if want, _ := m.Predict(X); !slices.Equal(labels, want) {
			t.Errorf("%v: PredictGrid differs from Predict", g)
		}
	}
}

// With Reference, the outputs come from network.Forward, the tutorial's
// forward_prop, rather than the engine: the same probabilities to 1e-12, the
// same predictions, and grids that are the points run forward as rows.
func TestModelReference(t *testing.T) {
	xs, ys := randdata.Axis(70, 5), randdata.Axis(40, 6)
	X := randdata.GridPoints(xs, ys)
	for _, g := range []network.Activation{network.Sigmoid, network.Tanh, network.ReLU} {
		engine := &Model{Net: &network.Network{Theta: layer.Init(layer.Tutorial, 3), Hidden: g}, Scaler: &Scaler{Mean: []float64{0.5, -1}, Std: []float64{2, 0.25}}}
		ref := *engine
		ref.Reference = true
		want, _ := engine.Probabilities(X)
		got, err := ref.Probabilities(X)
		if err != nil {
			t.Fatal(err)
		}
		if h := network.Forward(ref.Net, mustStandardize(t, &ref, X)).H(); !slices.Equal(got.Data, matrix.T(h).Data) {
			t.Errorf("%v: the reference Probabilities are not network.Forward's h, transposed", g)
		}
		if !near(got, want, 1e-12) {
			t.Errorf("%v: the reference Probabilities differ from the engine's by more than 1e-12", g)
		}
		grid, err := ref.GridProbabilities(xs, ys)
		if err != nil || !slices.Equal(grid.Data, got.Data) {
			t.Errorf("%v: the reference GridProbabilities (%v) are not its Probabilities of the grid's points", g, err)
		}
		a, _ := ref.Predict(X)
		b, _ := engine.Predict(X)
		if !slices.Equal(a, b) {
			t.Errorf("%v: the reference predictions differ from the engine's", g)
		}
	}
}

func mustStandardize(t *testing.T, m *Model, X *matrix.Dense) *matrix.Dense {
	t.Helper()
	S, err := m.Standardize(X)
	if err != nil {
		t.Fatal(err)
	}
	return S
}
