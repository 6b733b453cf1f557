package network

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/ann-go/ann/internal/npy"
	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
)

// A Model is a trained network with what prediction needs besides its
// weights: the standardization of the inputs, if training used one.
//
// A model file is numpy's .npz, so numpy.load reads it and numpy.savez writes
// one. Its arrays, all float64:
//
//	Theta1 ... Theta{L-1}   Θ^(l), s_{l+1} x (s_l + 1), C order       always
//	hidden                  0-d: 0 sigmoid, 1 tanh, 2 relu            when not sigmoid
//	standardize_mean        1-d, s_1 values                           with standardization
//	standardize_std         1-d, s_1 values, each > 0                 with standardization
//
// A network trained with the tutorial's numpy code and saved as
// np.savez("m.npz", Theta1=Thetas[1], Theta2=Thetas[2], Theta3=Thetas[3]) is
// such a file.
type Model struct {
	Net *Network
	// Mean and Std, when not nil, standardize each input feature j before
	// the first layer, x_j' = (x_j - Mean[j]) / Std[j], as training did.
	Mean, Std []float64
}

// Array names in a model file.
const (
	hiddenArray = "hidden"
	meanArray   = "standardize_mean"
	stdArray    = "standardize_std"
)

// Standardize returns X with the model's standardization applied, or X itself
// if the model has none. It panics if X's columns do not match the input layer.
func (m *Model) Standardize(X *matrix.Dense) *matrix.Dense {
	m.Net.checkX(X)
	if m.Mean == nil {
		return X
	}
	S := matrix.New(X.Rows, X.Cols)
	for i := 0; i < X.Rows; i++ {
		for j, v := range X.Row(i) {
			S.Data[i*X.Cols+j] = (v - m.Mean[j]) / m.Std[j]
		}
	}
	return S
}

// Probabilities returns the network's output units for each example of X,
// m x K, after standardizing X.
func (m *Model) Probabilities(X *matrix.Dense) *matrix.Dense {
	return m.Net.Probabilities(m.Standardize(X))
}

// Predict returns the class of each example of X, after standardizing X.
func (m *Model) Predict(X *matrix.Dense) []int {
	return m.Net.Predict(m.Standardize(X))
}

// GridProbabilities returns the network's output units at the points of the
// grid xs × ys (see Network.GridProbabilities), after standardizing them: a
// grid in the raw inputs is a grid in the standardized ones. It panics unless
// the network has two inputs.
func (m *Model) GridProbabilities(xs, ys []float64) *matrix.Dense {
	xs, ys = m.standardizeGrid(xs, ys)
	return m.Net.GridProbabilities(xs, ys)
}

// PredictGrid returns the class of each point of the grid xs × ys (see
// Network.PredictGrid), after standardizing them. It panics unless the
// network has two inputs.
func (m *Model) PredictGrid(xs, ys []float64) []int {
	xs, ys = m.standardizeGrid(xs, ys)
	return m.Net.PredictGrid(xs, ys)
}

// standardizeGrid returns the grid's axes standardized as Standardize does
// each point's two features.
func (m *Model) standardizeGrid(xs, ys []float64) ([]float64, []float64) {
	if m.Mean == nil {
		return xs, ys
	}
	axis := func(v []float64, j int) []float64 {
		s := make([]float64, len(v))
		for i, x := range v {
			s[i] = (x - m.Mean[j]) / m.Std[j]
		}
		return s
	}
	return axis(xs, 0), axis(ys, 1)
}

// arrays returns the model as named arrays, in file order.
func (m *Model) arrays() []npy.Array {
	var a []npy.Array
	for l := 1; l < len(m.Net.Theta); l++ {
		t := m.Net.Theta[l]
		a = append(a, npy.Array{Name: "Theta" + strconv.Itoa(l), Shape: []int{t.Rows, t.Cols}, Data: t.Data})
	}
	if m.Net.Hidden != Sigmoid {
		a = append(a, npy.Array{Name: hiddenArray, Shape: []int{}, Data: []float64{float64(m.Net.Hidden)}})
	}
	if m.Mean != nil {
		a = append(a,
			npy.Array{Name: meanArray, Shape: []int{len(m.Mean)}, Data: m.Mean},
			npy.Array{Name: stdArray, Shape: []int{len(m.Std)}, Data: m.Std})
	}
	return a
}

// WriteNPZ writes the model as an .npz file.
func (m *Model) WriteNPZ(w io.Writer) error {
	return npy.WriteNPZ(w, m.arrays())
}

// WriteFile writes the model to the file at path, whole or not at all.
func (m *Model) WriteFile(path string) error {
	return npy.WriteNPZFile(path, m.arrays())
}

// ReadModelFile reads a model from an .npz file. Errors name the file.
func ReadModelFile(path string) (*Model, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m, err := ReadModel(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// ReadModel reads a model from the .npz data in r (size bytes). It returns an
// error, never panics, for anything that is not a model file: a corrupt or
// truncated archive, arrays of another type, a missing or misnumbered Theta,
// shapes that do not chain s_{l+1} x (s_l + 1), values that are not finite, an
// unknown array.
func ReadModel(r io.ReaderAt, size int64) (*Model, error) {
	arrays, err := npy.ReadNPZ(r, size)
	if err != nil {
		return nil, err
	}
	return modelFromArrays(arrays)
}

func modelFromArrays(arrays []npy.Array) (*Model, error) {
	byName := map[string]npy.Array{}
	maxL := 0
	for _, a := range arrays {
		byName[a.Name] = a
		if rest, ok := strings.CutPrefix(a.Name, "Theta"); ok {
			l, err := strconv.Atoi(rest)
			if err != nil || l < 1 || strconv.Itoa(l) != rest {
				return nil, fmt.Errorf("array %q: want Theta1, Theta2, ... numbered from 1", a.Name)
			}
			maxL = max(maxL, l)
			continue
		}
		if a.Name != hiddenArray && a.Name != meanArray && a.Name != stdArray {
			return nil, fmt.Errorf("unknown array %q: a model holds Theta1..Theta{L-1}, and optionally %s, %s and %s",
				a.Name, hiddenArray, meanArray, stdArray)
		}
	}
	if maxL == 0 {
		return nil, fmt.Errorf("no Theta arrays: want Theta1, Theta2, ... (arrays present: %s)", names(arrays))
	}
	Theta := make([]*matrix.Dense, maxL+1)
	for l := 1; l <= maxL; l++ {
		name := "Theta" + strconv.Itoa(l)
		a, ok := byName[name]
		if !ok {
			return nil, fmt.Errorf("%s is missing (the file has Theta arrays up to Theta%d)", name, maxL)
		}
		if len(a.Shape) != 2 {
			return nil, fmt.Errorf("%s has shape %v: want 2 dimensions, s_{l+1} x (s_l + 1)", name, a.Shape)
		}
		if err := finite(name, a.Data); err != nil {
			return nil, err
		}
		Theta[l] = &matrix.Dense{Rows: a.Shape[0], Cols: a.Shape[1], Data: a.Data}
	}
	sizes, err := layer.Sizes(Theta)
	if err != nil {
		return nil, err
	}
	m := &Model{Net: &Network{Theta: Theta}}
	if a, ok := byName[hiddenArray]; ok {
		if len(a.Data) != 1 || len(a.Shape) > 1 || a.Data[0] != math.Trunc(a.Data[0]) || a.Data[0] < 0 || a.Data[0] > float64(ReLU) {
			return nil, fmt.Errorf("%s must be one number, 0 (sigmoid), 1 (tanh) or 2 (relu); got %v", hiddenArray, a.Data)
		}
		m.Net.Hidden = Activation(a.Data[0])
	}
	mean, hasMean := byName[meanArray]
	std, hasStd := byName[stdArray]
	if hasMean != hasStd {
		return nil, fmt.Errorf("%s and %s come together; the file has only one", meanArray, stdArray)
	}
	if hasMean {
		for _, a := range []npy.Array{mean, std} {
			if len(a.Shape) != 1 || a.Shape[0] != sizes[0] {
				return nil, fmt.Errorf("%s has shape %v: want (%d,), one value per input feature", a.Name, a.Shape, sizes[0])
			}
			if err := finite(a.Name, a.Data); err != nil {
				return nil, err
			}
		}
		for j, s := range std.Data {
			if !(s > 0) {
				return nil, fmt.Errorf("%s[%d] is %v: want a standard deviation > 0", stdArray, j, s)
			}
		}
		m.Mean, m.Std = mean.Data, std.Data
	}
	return m, nil
}

func finite(name string, v []float64) error {
	for i, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("%s holds %v at element %d: weights must be finite", name, x, i)
		}
	}
	return nil
}

func names(arrays []npy.Array) string {
	var n []string
	for _, a := range arrays {
		n = append(n, a.Name)
	}
	slices.Sort(n)
	if len(n) == 0 {
		return "none"
	}
	return strings.Join(n, ", ")
}
