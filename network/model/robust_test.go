package model

import (
	"bytes"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
)

// Zero and half-filled models, bad inputs, and standardizations that would
// give Inf or NaN: every method returns an error naming the package, never
// panics, and writes no file.
func TestBadModels(t *testing.T) {
	tut := func() *network.Network { return network.New(layer.Init(layer.Tutorial, 0)) }
	models := map[string]*Model{
		"nil":              nil,
		"zero":             {},
		"zero network":     {Net: &network.Network{}},
		"Mean without Std": {Net: tut(), Scaler: &Scaler{Mean: []float64{0, 0}}},
		"short Mean":       {Net: tut(), Scaler: &Scaler{Mean: []float64{0}, Std: []float64{1}}},
		"Std 0":            {Net: tut(), Scaler: &Scaler{Mean: []float64{0, 0}, Std: []float64{1, 0}}},
		"Std NaN":          {Net: tut(), Scaler: &Scaler{Mean: []float64{0, 0}, Std: []float64{1, math.NaN()}}},
		"Mean Inf":         {Net: tut(), Scaler: &Scaler{Mean: []float64{math.Inf(1), 0}, Std: []float64{1, 1}}},
		"NaN weight":       {Net: &network.Network{Theta: []*matrix.Dense{nil, matrix.FromRows([][]float64{{math.NaN(), 0, 0}})}}},
		"edit of Theta4":   {Net: tut(), Edits: []Edit{{Iteration: 1, Layer: 4, Row: 1, Col: 0}}},
		"edit Inf":         {Net: tut(), Edits: []Edit{{Iteration: 1, Layer: 1, Row: 1, Col: 0, Value: math.Inf(-1)}}},
	}
	X := matrix.FromRows([][]float64{{1, 2}})
	for name, m := range models {
		check := func(what string, err error) {
			if err == nil || !strings.HasPrefix(err.Error(), "model: ") {
				t.Errorf("%s: %s error %v, want a model: error", name, what, err)
			}
		}
		check("Check", m.Check())
		_, err := m.Standardize(X)
		check("Standardize", err)
		_, err = m.Probabilities(X)
		check("Probabilities", err)
		_, err = m.Predict(X)
		check("Predict", err)
		_, err = m.GridProbabilities([]float64{0}, []float64{0})
		check("GridProbabilities", err)
		_, err = m.PredictGrid([]float64{0}, []float64{0})
		check("PredictGrid", err)
		check("Write", m.Write(&bytes.Buffer{}))
		path := filepath.Join(t.TempDir(), "m.npz")
		check("WriteFile", m.WriteFile(path))
		if _, err := ReadFile(path); err == nil {
			t.Errorf("%s: WriteFile left a file", name)
		}
	}
	good := &Model{Net: tut(), Scaler: &Scaler{Mean: []float64{0, 0}, Std: []float64{1e-300, 1}}}
	for name, bad := range map[string]*matrix.Dense{
		"nil":         nil,
		"0 columns":   matrix.New(1, 0),
		"3 columns":   matrix.New(1, 3),
		"NaN":         matrix.FromRows([][]float64{{math.NaN(), 0}}),
		"-Inf":        matrix.FromRows([][]float64{{0, math.Inf(-1)}}),
		"overflowing": matrix.FromRows([][]float64{{1e300, 0}}), // 1e300 / 1e-300
	} {
		if _, err := good.Predict(bad); err == nil || !strings.HasPrefix(err.Error(), "model: ") {
			t.Errorf("Predict(%s) error %v", name, err)
		}
	}
	if _, err := good.PredictGrid([]float64{math.NaN()}, []float64{0}); err == nil {
		t.Error("PredictGrid of a NaN axis: no error")
	}
	three := &Model{Net: network.New(layer.Init([]int{3, 2}, 0))}
	if _, err := three.GridProbabilities([]float64{0}, []float64{0}); err == nil || !strings.Contains(err.Error(), "2 inputs") {
		t.Errorf("a grid of a 3-input model: %v", err)
	}
	if pred, err := good.Predict(matrix.New(0, 2)); err != nil || len(pred) != 0 {
		t.Errorf("Predict of 0 rows: %v, %v", pred, err)
	}
	// Huge finite inputs without standardization: finite probabilities.
	plain := &Model{Net: tut()}
	P, err := plain.Probabilities(matrix.FromRows([][]float64{{1e300, -1e300}, {-1e308, 1e308}}))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range P.Data {
		if !(v >= 0 && v <= 1) {
			t.Errorf("probability %v for huge inputs", v)
		}
	}
}

// Standardizing goes through Scaler.Transform: x - mean may overflow
// where (x - mean) / std does not, and the result is still computed.
func TestStandardizeDoesNotOverflow(t *testing.T) {
	net, err := network.FromWeights(matrix.FromRows([][]float64{{0, 1e-300, 0}, {0, 0, 1}}))
	if err != nil {
		t.Fatal(err)
	}
	m := &Model{Net: net, Scaler: &Scaler{Mean: []float64{-1e308, 0}, Std: []float64{1e10, 1}}}
	S, err := m.Standardize(matrix.FromRows([][]float64{{1.7e308, 2}}))
	if err != nil {
		t.Fatalf("Standardize(1.7e308) with mean -1e308, std 1e10: %v, want 2.7e298", err)
	}
	if got := S.At(0, 0); !(math.Abs(got-2.7e298) <= 1e284) || S.At(0, 1) != 2 {
		t.Errorf("Standardize = %v, want [2.7e298 2]", S.Data)
	}
	if _, err := m.Standardize(matrix.FromRows([][]float64{{1.7e308, 2}, {0, 1}})); err != nil {
		t.Errorf("second row: %v", err)
	}
	m.Scaler.Std[0] = 1e-300
	if _, err := m.Standardize(matrix.FromRows([][]float64{{1e300, 0}})); err == nil || !strings.Contains(err.Error(), "beyond the float64 range") {
		t.Errorf("Standardize(1e300) with std 1e-300: %v, want an error: beyond the float64 range", err)
	}
}
