// Package model is a trained network as a file: the network of package
// network, the feature inputs and the standardization of its inputs that
// training used, and its reading and writing as numpy's .npz. Prediction is
// the tutorial's predict, after computing the feature inputs f (if any; see
// Features) and standardizing each input j:
//
//	u = f(x) or x,   u_j' = (u_j - Mean[j]) / Std[j],   predict(x) = argmax_k h_k(u')
//
// computed by package network/fast (or, with Reference, by package network).
//
// # Standardization
//
// The tutorial's data, the two moons, need no scaling; other data sets
// (iris, digits) train well only with z-score feature scaling, as
// scikit-learn's StandardScaler does it. FitScaler computes each column j's
// mean and deviation over the m training rows, and Scaler.Transform
// standardizes any rows with them:
//
//	mean_j = (1/m) Σ_i x_ij
//	std_j  = √( (1/m) Σ_i (x_ij - mean_j)² )      ddof 0; 1 for a constant column
//	z_ij   = (x_ij - mean_j) / std_j
//
// computed so that no finite column overflows, and equal to scikit-learn's
// to the bit wherever scikit-learn's own arithmetic stays finite. The model
// keeps the Scaler so that every input is scaled as the training rows were.
package model

import (
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/ann-go/ann/internal/finite"
	"github.com/ann-go/ann/internal/npy"
	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/fast"
)

// A Model is a trained network with what prediction needs besides its
// weights: the standardization of the inputs, if training used one.
//
// A model file is numpy's .npz, so numpy.load reads it and numpy.savez writes
// one. Its arrays, all float64:
//
//	Theta1 ... Theta{L-1}   Θ^(l), s_{l+1} x (s_l + 1), C order       always
//	hidden                  0-d: 0 sigmoid, 1 tanh, 2 relu            when not sigmoid
//	features                1-d, s_1 codes of Feature                  with feature inputs
//	                        (0 x1, 1 x2, 2 x1², 3 x2², 4 x1·x2, 5 sin x1, 6 sin x2)
//	standardize_mean        1-d, s_1 values                           with standardization
//	standardize_std         1-d, s_1 values, each > 0                 with standardization
//	edited                  n x 5, one row per weight typed by hand:  when edited (see Edit)
//	                        iteration, l, i, j, value
//
// A network trained with the tutorial's numpy code and saved as
// np.savez("m.npz", Theta1=Thetas[1], Theta2=Thetas[2], Theta3=Thetas[3]) is
// such a file.
//
// Every method checks the model first (see Check) and returns its error: a
// zero Model, or one whose Scaler has Mean but no Std, is an error, not a
// panic.
type Model struct {
	Net *network.Network
	// Features, when not nil, are the network's inputs computed from the
	// two columns (x1, x2) of the data: input j is Features[j](x1, x2).
	Features Features
	// Scaler, when not nil, standardizes each input j before the first
	// layer, u_j' = (u_j - Mean[j]) / Std[j], as training did; with
	// Features, u is the features.
	Scaler *Scaler
	// Edits, when not nil, are the weights typed by hand while the
	// network trained (ann serve's playground lets one edit a weight), in
	// the order typed: the file says that its weights were edited, and
	// where. Prediction does not use them: the weights already hold them,
	// and whatever training did after.
	Edits []Edit
	// Reference, when true, computes the outputs with package network's
	// forward propagation, the tutorial's forward_prop (network.Forward),
	// instead of package network/fast's engine: slower, and the same
	// numbers to within a few ulps. A model file does not record it.
	Reference bool
}

// An Edit is one weight typed by hand: after Iteration iterations of
// training (0: the starting weights, before the first), Θ^(l)_ij, the
// tutorial's weight from unit j of layer l to unit i of layer l+1, was set to
// Value. Layer is l (1 to L-1, as in Network.Theta), Row is i (1 to s_{l+1})
// and Col is j (0, the bias unit, to s_l); Theta[l].At(Row-1, Col) held
// Value right after the edit.
type Edit struct {
	Iteration, Layer, Row, Col int
	Value                      float64
}

// Array names in a model file.
const (
	hiddenArray   = "hidden"
	featuresArray = "features"
	meanArray     = "standardize_mean"
	stdArray      = "standardize_std"
	editedArray   = "edited"
)

// maxEditIteration bounds an Edit's Iteration, so that the file's float64
// holds it exactly.
const maxEditIteration = 1 << 53

// Check returns an error unless m has a network (see network.Network.Check),
// either no Features or valid ones (see Features.Check), one per
// input unit, either no Scaler or one with a finite Mean and a finite
// Std > 0 per input unit, and Edits that each name a weight of the network,
// with a finite Value, in an order whose iterations do not decrease.
func (m *Model) Check() error {
	if m == nil {
		return errors.New("model: nil model")
	}
	if m.Net == nil {
		return errors.New("model: no network")
	}
	sizes, err := m.Net.Check()
	if err != nil {
		return fmt.Errorf("model: %w", err)
	}
	if m.Features != nil {
		if err := m.Features.Check(); err != nil {
			return err
		}
		if len(m.Features) != sizes[0] {
			return fmt.Errorf("model: %d features (%v) for %d input units", len(m.Features), m.Features, sizes[0])
		}
	}
	if err := checkEdits(m.Edits, sizes); err != nil {
		return fmt.Errorf("model: %w", err)
	}
	s := m.Scaler
	if s == nil {
		return nil
	}
	if (s.Mean == nil) != (s.Std == nil) {
		return errors.New("model: the Scaler's Mean and Std come together; it has only one")
	}
	if len(s.Mean) != sizes[0] || len(s.Std) != sizes[0] {
		return fmt.Errorf("model: %d means and %d standard deviations for %d input features", len(s.Mean), len(s.Std), sizes[0])
	}
	for j := range s.Mean {
		if !finite.Is(s.Mean[j]) {
			return fmt.Errorf("model: Mean[%d] is %v: want a finite number", j, s.Mean[j])
		}
		if !(finite.Is(s.Std[j]) && s.Std[j] > 0) {
			return fmt.Errorf("model: Std[%d] is %v: want a finite standard deviation > 0", j, s.Std[j])
		}
	}
	return nil
}

// checkEdits returns an error unless each edit names a weight of a network of
// the given sizes, with a finite value, and their iterations do not decrease.
func checkEdits(edits []Edit, sizes []int) error {
	for k, e := range edits {
		switch {
		case e.Iteration < 0 || e.Iteration > maxEditIteration:
			return fmt.Errorf("edit %d: iteration %d: want 0 to 2^53", k, e.Iteration)
		case k > 0 && e.Iteration < edits[k-1].Iteration:
			return fmt.Errorf("edit %d: iteration %d comes after edit %d's %d: want the edits in the order typed", k, e.Iteration, k-1, edits[k-1].Iteration)
		case e.Layer < 1 || e.Layer >= len(sizes):
			return fmt.Errorf("edit %d: layer %d: the network has Theta1 to Theta%d", k, e.Layer, len(sizes)-1)
		case e.Row < 1 || e.Row > sizes[e.Layer]:
			return fmt.Errorf("edit %d: row %d of Theta%d: want 1 to %d (the units of layer %d)", k, e.Row, e.Layer, sizes[e.Layer], e.Layer+1)
		case e.Col < 0 || e.Col > sizes[e.Layer-1]:
			return fmt.Errorf("edit %d: column %d of Theta%d: want 0 (the bias) to %d", k, e.Col, e.Layer, sizes[e.Layer-1])
		case !finite.Is(e.Value):
			return fmt.Errorf("edit %d: value %v: want a finite weight", k, e.Value)
		}
	}
	return nil
}

// Columns returns the number of columns of the data the model reads: 2
// (x1, x2) with Features, otherwise one per input unit, s_1.
func (m *Model) Columns() int {
	if m.Features != nil {
		return 2
	}
	return m.Net.Sizes()[0]
}

// Standardize returns X, m x Columns(), as the network's first layer takes
// it: its Features computed, if the model has any, then the model's
// standardization applied, if it has one; X itself if it has neither. It
// returns an error if the model is not valid, X does not have Columns()
// columns or holds a number that is not finite, a feature is not finite, or
// a standardized number overflows.
func (m *Model) Standardize(X *matrix.Dense) (*matrix.Dense, error) {
	if err := m.Check(); err != nil {
		return nil, err
	}
	if m.Features != nil {
		if X == nil {
			return nil, errors.New("model: nil X")
		}
		if X.Cols != 2 || len(X.Data) != X.Rows*X.Cols {
			return nil, fmt.Errorf("model: dimension mismatch: X is %dx%d but the features %v are computed from 2 columns (x1, x2)", X.Rows, X.Cols, m.Features)
		}
		if i := finite.Index(X.Data); i >= 0 {
			return nil, fmt.Errorf("model: X holds %v in row %d, column %d: want finite numbers", X.Data[i], i/X.Cols, i%X.Cols)
		}
		F, err := m.Features.Apply(X)
		if err != nil {
			return nil, err
		}
		X = F
	}
	if err := m.Net.CheckX(X); err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	if m.Scaler == nil {
		return X, nil
	}
	return m.Scaler.Transform(X)
}

// Probabilities returns the network's output units for each example of X,
// m x K, after standardizing X (see Standardize for the errors).
func (m *Model) Probabilities(X *matrix.Dense) (*matrix.Dense, error) {
	S, err := m.Standardize(X)
	if err != nil {
		return nil, err
	}
	if m.Reference {
		return finiteOutputs(matrix.T(network.Forward(m.Net, S).H()))
	}
	return finiteOutputs(fast.Probabilities(m.Net, S))
}

// Predict returns the class of each example of X, the largest of its
// Probabilities (ties to the first), with their errors.
func (m *Model) Predict(X *matrix.Dense) ([]int, error) {
	P, err := m.Probabilities(X)
	if err != nil {
		return nil, err
	}
	return argmax(P), nil
}

// Accuracy returns the fraction of the examples of X whose predicted class
// (see Predict) is their label in y. A label that is not one of the network's
// classes counts as wrong. It returns Predict's errors, and an error unless y
// holds one label per row of X and there is at least one row.
func (m *Model) Accuracy(X *matrix.Dense, y []int) (float64, error) {
	if X != nil && len(y) != X.Rows {
		return 0, fmt.Errorf("model: %d labels for %d examples", len(y), X.Rows)
	}
	pred, err := m.Predict(X)
	if err != nil {
		return 0, err
	}
	if len(pred) == 0 {
		return 0, errors.New("model: no examples to score")
	}
	right := 0
	for i, c := range pred {
		if c == y[i] {
			right++
		}
	}
	return float64(right) / float64(len(pred)), nil
}

// argmax returns the index of the largest number of each row of P, the
// first on ties, and nothing for no rows.
func argmax(P *matrix.Dense) []int {
	if P.Rows == 0 {
		return []int{}
	}
	return matrix.ArgmaxRows(P)
}

// GridProbabilities returns the network's output units at the points of the
// grid xs × ys (see fast.GridProbabilities), after standardizing them: a grid
// in the raw inputs is a grid in the standardized ones. With Features, the
// grid is in the plane (x1, x2) and each point's features are computed (see
// Standardize); with Features or Reference, the points are run as rows of
// Probabilities. It returns an error unless the model is valid, reads two
// columns and the axes are finite.
func (m *Model) GridProbabilities(xs, ys []float64) (*matrix.Dense, error) {
	if err := m.Check(); err != nil {
		return nil, err
	}
	if m.Features != nil || m.Reference {
		// Point j*len(xs) + i is (xs[i], ys[j]), as fast.GridProbabilities
		// orders them.
		X := matrix.New(len(xs)*len(ys), 2)
		for j, y := range ys {
			for i, x := range xs {
				X.Set(j*len(xs)+i, 0, x)
				X.Set(j*len(xs)+i, 1, y)
			}
		}
		return m.Probabilities(X)
	}
	xs, ys, err := m.standardizeGrid(xs, ys)
	if err != nil {
		return nil, err
	}
	return finiteOutputs(fast.GridProbabilities(m.Net, xs, ys))
}

// PredictGrid returns the class of each point of the grid xs × ys, the
// largest of its GridProbabilities (ties to the first), with their errors.
func (m *Model) PredictGrid(xs, ys []float64) ([]int, error) {
	P, err := m.GridProbabilities(xs, ys)
	if err != nil {
		return nil, err
	}
	return argmax(P), nil
}

// finiteOutputs returns P, or an *OutputError if an output is NaN (from
// inputs or weights so large that the network's sums overflow).
func finiteOutputs(P *matrix.Dense) (*matrix.Dense, error) {
	for i, v := range P.Data {
		if math.IsNaN(v) {
			return nil, &OutputError{Example: i / P.Cols}
		}
	}
	return P, nil
}

// OutputError reports an example whose output the network cannot compute:
// its inputs, or the weights, are so large that a sum overflows and an
// output unit is NaN.
type OutputError struct {
	Example int // the example's row, counting from 0
}

func (e *OutputError) Error() string {
	return fmt.Sprintf("model: the output of example %d is NaN: the inputs or the weights are too large for the network", e.Example)
}

// standardizeGrid returns the grid's axes standardized as Standardize does
// each point's two features.
func (m *Model) standardizeGrid(xs, ys []float64) ([]float64, []float64, error) {
	if err := m.Check(); err != nil {
		return nil, nil, err
	}
	if s1 := m.Net.Sizes()[0]; s1 != 2 {
		return nil, nil, fmt.Errorf("model: a grid has 2 inputs, the network %d", s1)
	}
	axis := func(v []float64, j int) ([]float64, error) {
		if i := finite.Index(v); i >= 0 {
			return nil, fmt.Errorf("model: grid axis %d holds %v: want finite numbers", j, v[i])
		}
		if m.Scaler == nil {
			return v, nil
		}
		// The axis, standardized as input j.
		s := make([]float64, len(v))
		for i, x := range v {
			var ok bool
			if s[i], ok = m.Scaler.standardize(j, x); !ok {
				return nil, fmt.Errorf("model: grid axis %d, point %d: %s", j, i, m.Scaler.beyond(j, x))
			}
		}
		return s, nil
	}
	sx, err := axis(xs, 0)
	if err != nil {
		return nil, nil, err
	}
	sy, err := axis(ys, 1)
	return sx, sy, err
}

// arrays returns the model as named arrays, in file order.
func (m *Model) arrays() []npy.Array {
	var a []npy.Array
	for l := 1; l < len(m.Net.Theta); l++ {
		t := m.Net.Theta[l]
		a = append(a, npy.Array{Name: "Theta" + strconv.Itoa(l), Shape: []int{t.Rows, t.Cols}, Data: t.Data})
	}
	if m.Net.Hidden != network.Sigmoid {
		a = append(a, npy.Array{Name: hiddenArray, Shape: []int{}, Data: []float64{float64(m.Net.Hidden)}})
	}
	if m.Features != nil {
		codes := make([]float64, len(m.Features))
		for j, f := range m.Features {
			codes[j] = float64(f)
		}
		a = append(a, npy.Array{Name: featuresArray, Shape: []int{len(codes)}, Data: codes})
	}
	if s := m.Scaler; s != nil {
		a = append(a,
			npy.Array{Name: meanArray, Shape: []int{len(s.Mean)}, Data: s.Mean},
			npy.Array{Name: stdArray, Shape: []int{len(s.Std)}, Data: s.Std})
	}
	if len(m.Edits) > 0 {
		rows := make([]float64, 0, 5*len(m.Edits))
		for _, e := range m.Edits {
			rows = append(rows, float64(e.Iteration), float64(e.Layer), float64(e.Row), float64(e.Col), e.Value)
		}
		a = append(a, npy.Array{Name: editedArray, Shape: []int{len(m.Edits), 5}, Data: rows})
	}
	return a
}

// Write writes the model as an .npz file to w. It returns an error, and
// writes nothing, if the model is not valid (see Check).
func (m *Model) Write(w io.Writer) error {
	if err := m.Check(); err != nil {
		return err
	}
	if err := npy.WriteNPZ(w, m.arrays()); err != nil {
		return fmt.Errorf("model: %w", err)
	}
	return nil
}

// WriteFile writes the model to the file at path, whole or not at all; Check's
// error leaves the file untouched.
func (m *Model) WriteFile(path string) error {
	if err := m.Check(); err != nil {
		return err
	}
	if err := npy.WriteNPZFile(path, m.arrays()); err != nil {
		return fmt.Errorf("model: %w", err)
	}
	return nil
}

// ReadFile reads a model from the .npz file at path. Errors name the file.
func ReadFile(path string) (*Model, error) {
	arrays, err := npy.ReadNPZFile(path)
	if err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	m, err := fromArrays(arrays)
	if err != nil {
		return nil, fmt.Errorf("model: %s: %w", path, err)
	}
	return m, nil
}

// Read reads a model from the .npz data in r (size bytes). It returns an
// error, never panics, for anything that is not a model file: a corrupt or
// truncated archive, arrays of another type, a missing or misnumbered Theta,
// shapes that do not chain s_{l+1} x (s_l + 1), values that are not finite, an
// unknown array.
func Read(r io.ReaderAt, size int64) (*Model, error) {
	arrays, err := npy.ReadNPZ(r, size)
	if err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	m, err := fromArrays(arrays)
	if err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	return m, nil
}

func fromArrays(arrays []npy.Array) (*Model, error) {
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
		if a.Name != hiddenArray && a.Name != featuresArray && a.Name != meanArray && a.Name != stdArray && a.Name != editedArray {
			return nil, fmt.Errorf("unknown array %q: a model holds Theta1..Theta{L-1}, and optionally %s, %s, %s, %s and %s",
				a.Name, hiddenArray, featuresArray, meanArray, stdArray, editedArray)
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
		if err := finiteArray(name, a.Data); err != nil {
			return nil, err
		}
		Theta[l] = &matrix.Dense{Rows: a.Shape[0], Cols: a.Shape[1], Data: a.Data}
	}
	sizes, err := layer.Sizes(Theta)
	if err != nil {
		return nil, err
	}
	m := &Model{Net: &network.Network{Theta: Theta}}
	if a, ok := byName[hiddenArray]; ok {
		if len(a.Data) != 1 || len(a.Shape) > 1 || a.Data[0] != math.Trunc(a.Data[0]) || a.Data[0] < 0 || a.Data[0] > float64(network.ReLU) {
			return nil, fmt.Errorf("%s must be one number, 0 (sigmoid), 1 (tanh) or 2 (relu); got %v", hiddenArray, a.Data)
		}
		m.Net.Hidden = network.Activation(a.Data[0])
	}
	if a, ok := byName[featuresArray]; ok {
		if len(a.Shape) != 1 || a.Shape[0] != sizes[0] {
			return nil, fmt.Errorf("%s has shape %v: want (%d,), one code per input unit", featuresArray, a.Shape, sizes[0])
		}
		fs := make(Features, len(a.Data))
		for j, v := range a.Data {
			if v != math.Trunc(v) || v < 0 || v > float64(SinX2) {
				return nil, fmt.Errorf("%s[%d] is %v: want a feature code 0..6 (x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2))", featuresArray, j, v)
			}
			fs[j] = Feature(v)
			if slices.Contains(fs[:j], fs[j]) {
				return nil, fmt.Errorf("%s lists %v twice", featuresArray, fs[j])
			}
		}
		m.Features = fs
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
			if err := finiteArray(a.Name, a.Data); err != nil {
				return nil, err
			}
		}
		for j, s := range std.Data {
			if !(s > 0) {
				return nil, fmt.Errorf("%s[%d] is %v: want a standard deviation > 0", stdArray, j, s)
			}
		}
		m.Scaler = &Scaler{Mean: mean.Data, Std: std.Data}
	}
	if a, ok := byName[editedArray]; ok {
		edits, err := readEdits(a, sizes)
		if err != nil {
			return nil, err
		}
		if len(edits) > 0 {
			m.Edits = edits
		}
	}
	return m, nil
}

// readEdits returns the edits of the array edited, n x 5, each row
// iteration, l, i, j, value, checked as Check checks them.
func readEdits(a npy.Array, sizes []int) ([]Edit, error) {
	if len(a.Shape) != 2 || a.Shape[1] != 5 {
		return nil, fmt.Errorf("%s has shape %v: want (n, 5), rows of iteration, l, i, j, value", editedArray, a.Shape)
	}
	edits := make([]Edit, a.Shape[0])
	for k := range edits {
		row := a.Data[5*k : 5*k+5]
		for c, v := range row[:4] {
			if v != math.Trunc(v) || !(math.Abs(v) <= maxEditIteration) {
				return nil, fmt.Errorf("%s row %d, column %d is %v: want a whole number (iteration, l, i, j)", editedArray, k, c, v)
			}
		}
		edits[k] = Edit{Iteration: int(row[0]), Layer: int(row[1]), Row: int(row[2]), Col: int(row[3]), Value: row[4]}
	}
	if err := checkEdits(edits, sizes); err != nil {
		return nil, fmt.Errorf("%s: %w", editedArray, err)
	}
	return edits, nil
}

func finiteArray(name string, v []float64) error {
	if i := finite.Index(v); i >= 0 {
		return fmt.Errorf("%s holds %v at element %d: weights must be finite", name, v[i], i)
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
