package model

import (
	"bytes"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ann-go/ann/internal/npy"
	"github.com/ann-go/ann/internal/randdata"
	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/network"
)

// A model with feature inputs computes them from (x1, x2), standardizes
// them, and runs the network: the same numbers as the network on the
// features standardized by hand.
func TestModelFeatures(t *testing.T) {
	fs := Features{X1X2, X1, SinX2}
	m := &Model{Net: &network.Network{Theta: layer.Init([]int{3, 4, 2}, 7), Hidden: network.Tanh},
		Features: fs, Scaler: &Scaler{Mean: []float64{0.1, 0.5, 0}, Std: []float64{0.5, 1, 2}}}
	if m.Columns() != 2 {
		t.Errorf("Columns() = %d, want 2", m.Columns())
	}
	X, _ := moons.Make(40, 0.2, 3)
	F, err := fs.Apply(X)
	if err != nil {
		t.Fatal(err)
	}
	S, err := m.Scaler.Transform(F)
	if err != nil {
		t.Fatal(err)
	}
	want := matrix.T(network.Forward(m.Net, S).H()) // H is K x m
	got, err := m.Probabilities(X)
	if err != nil {
		t.Fatal(err)
	}
	if !near(got, want, 1e-14) {
		t.Errorf("Probabilities with features differ from the network on the features:\n%v\n%v", got, want)
	}
	if _, err := m.Probabilities(F); err == nil || !strings.Contains(err.Error(), "X is 40x3 but the features x1*x2,x1,sin(x2) are computed from 2 columns") {
		t.Errorf("Probabilities of 3 columns: %v, want a dimension mismatch", err)
	}

	// The grid is the plane (x1, x2), not the features.
	xs, ys := randdata.Axis(30, 5), randdata.Axis(20, 6)
	grid, err := m.GridProbabilities(xs, ys)
	if err != nil {
		t.Fatal(err)
	}
	points, err := m.Probabilities(randdata.GridPoints(xs, ys))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(grid.Data, points.Data) {
		t.Error("GridProbabilities with features differs from Probabilities at the grid's points")
	}

	// Written and read back, the model computes the same numbers.
	path := filepath.Join(t.TempDir(), "m.npz")
	if err := m.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	back, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(back.Features, fs) {
		t.Errorf("read back features %v, want %v", back.Features, fs)
	}
	again, err := back.Probabilities(X)
	if err != nil || !slices.Equal(again.Data, got.Data) {
		t.Errorf("a read-back model with features predicts differently (%v)", err)
	}
}

func TestModelFeaturesCheck(t *testing.T) {
	net := network.New(layer.Init([]int{3, 2}, 0))
	for _, tc := range []struct {
		fs   Features
		want string
	}{
		{Features{X1, X2}, "model: 2 features (x1,x2) for 3 input units"},
		{Features{X1, X2, X1}, "model: feature x1 is listed twice"},
		{Features{X1, X2, 12}, "model: feature 2 is Feature(12)"},
	} {
		m := &Model{Net: net, Features: tc.fs}
		_, err := m.Predict(matrix.New(1, 2))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("Features %v: %v, want %q", tc.fs, err, tc.want)
		}
		var buf bytes.Buffer
		if err := m.Write(&buf); err == nil {
			t.Errorf("Features %v: Write wrote an invalid model", tc.fs)
		}
	}
	// A model file with features that are not codes is an error.
	theta := npy.Array{Name: "Theta1", Shape: []int{2, 4}, Data: make([]float64, 8)}
	for _, tc := range []struct {
		codes []float64
		shape []int
		want  string
	}{
		{[]float64{0, 1, 7}, []int{3}, "features[2] is 7: want a feature code 0..6"},
		{[]float64{0, 1.5, 2}, []int{3}, "features[1] is 1.5"},
		{[]float64{0, math.NaN(), 2}, []int{3}, "features[1] is NaN"},
		{[]float64{4, 1, 4}, []int{3}, "features lists x1*x2 twice"},
		{[]float64{0, 1}, []int{2}, "features has shape [2]: want (3,)"},
	} {
		var buf bytes.Buffer
		if err := npy.WriteNPZ(&buf, []npy.Array{theta, {Name: "features", Shape: tc.shape, Data: tc.codes}}); err != nil {
			t.Fatal(err)
		}
		_, err := Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("features %v: %v, want %q", tc.codes, err, tc.want)
		}
	}
}
