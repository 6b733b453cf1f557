// Package layer holds a network's layer sizes and the initial weights Theta, the
// tutorial's "Theta initialization" section and its cell 9.
//
// A network of L layers has sizes s_1, ..., s_L: s_1 input features, s_L output
// classes, and hidden layers between, none counting the bias unit. The weights
// mapping layer l to layer l+1 are
//
//	Θ^(l): s_{l+1} x (s_l + 1), for l = 1, ..., L-1, column 0 the bias weights
//
// and the slices returned here are indexed by that l: Theta[l] is Θ^(l), and
// Theta[0] is nil.
//
// The tutorial describes one initialization in its text and runs another in its
// code. Both are here; the code's is the default because it is what produced
// the tutorial's numbers:
//
//	code (Init):     ε = √6 / √(s_{l+1} + s_l + 1)
//	                 Θ^(l) = (rand(s_{l+1}, s_l + 1) - 0.5) ε     uniform in [-ε/2, ε/2)
//	text (InitText): ε = √6 / √(L_out + L_in),  L_in = s_l, L_out = s_{l+1}
//	                 Θ^(l) = (2 rand(s_{l+1}, s_l + 1) - 1) ε      uniform in [-ε, ε)
//
// L_in and L_out are the units into and out of the layer without the bias, so
// the text's ε counts one unit fewer than the code's, and its range is twice as
// wide (docs/errata.md discusses the text's wording). Both draw from numpy's legacy
// stream after np.random.seed(seed), matrix by matrix for l = 1, 2, ..., each
// row by row, so Init reproduces the tutorial's initial weights bit for bit.
package layer

import (
	"fmt"
	"math"

	"github.com/ann-go/ann/internal/nprand"
	"github.com/ann-go/ann/matrix"
)

// Tutorial is the example network of the tutorial's "An example network"
// section: two inputs, two hidden layers of five units, two output classes.
var Tutorial = []int{2, 5, 5, 2}

// Check returns an error unless sizes describes a network: at least two layers,
// each of at least one unit, and at most matrix.MaxElements weights in all,
// Σ_l s_{l+1} (s_l + 1), counted without overflow.
func Check(sizes []int) error {
	if len(sizes) < 2 {
		return fmt.Errorf("layer: a network needs at least 2 layers (input and output), got %d", len(sizes))
	}
	for i, s := range sizes {
		if s < 1 {
			return fmt.Errorf("layer: layer %d has %d units; every layer needs at least 1", i+1, s)
		}
	}
	weights := 0
	for l := 1; l < len(sizes); l++ {
		in, out := sizes[l-1], sizes[l]
		if in >= matrix.MaxElements || out > matrix.MaxElements || weights+out*(in+1) > matrix.MaxElements {
			return fmt.Errorf("layer: layers of %v units are too large: more than matrix.MaxElements = %d weights (from Theta%d, %d x %d, on)", sizes, matrix.MaxElements, l, out, in+1)
		}
		weights += out * (in + 1)
	}
	return nil
}

// Epsilon returns the code's ε = √6 / √(s_{l+1} + s_l + 1) for the weights from
// a layer of sIn units to one of sOut units, the tutorial's cell 9.
//
// It panics unless both layers have at least one unit.
func Epsilon(sIn, sOut int) float64 {
	mustUnits(sIn, sOut)
	return math.Sqrt(6) / math.Sqrt(float64(sOut+sIn+1))
}

// EpsilonText returns the text's ε = √6 / √(L_out + L_in) for the weights from
// a layer of sIn = L_in units to one of sOut = L_out units.
//
// It panics unless both layers have at least one unit.
func EpsilonText(sIn, sOut int) float64 {
	mustUnits(sIn, sOut)
	return math.Sqrt(6) / math.Sqrt(float64(sOut+sIn))
}

// Init returns the tutorial code's initial weights for a network with the
// given layer sizes: Theta[l] = (rand - 0.5) Epsilon, drawn after
// np.random.seed(seed). It panics if Check(sizes) fails.
func Init(sizes []int, seed uint32) []*matrix.Dense {
	return draw(sizes, seed, Epsilon, func(u, eps float64) float64 { return (u - 0.5) * eps })
}

// InitText returns the initial weights as the tutorial's text describes them:
// uniform in [-ε, ε), Theta[l] = (2 rand - 1) EpsilonText, drawn after
// np.random.seed(seed). It panics if Check(sizes) fails.
func InitText(sizes []int, seed uint32) []*matrix.Dense {
	return draw(sizes, seed, EpsilonText, func(u, eps float64) float64 { return (2*u - 1) * eps })
}

// mustUnits panics unless both layers have at least one unit.
func mustUnits(sIn, sOut int) {
	if sIn < 1 || sOut < 1 {
		panic(fmt.Sprintf("layer: layers of %d and %d units: want at least 1 each", sIn, sOut))
	}
}

func draw(sizes []int, seed uint32, epsilon func(sIn, sOut int) float64, f func(u, eps float64) float64) []*matrix.Dense {
	if err := Check(sizes); err != nil {
		panic(err.Error())
	}
	rs := nprand.New(seed)
	Theta := make([]*matrix.Dense, len(sizes))
	for l := 1; l < len(sizes); l++ {
		sIn, sOut := sizes[l-1], sizes[l] // s_l and s_{l+1}: Go's sizes[0] is s_1
		eps := epsilon(sIn, sOut)
		Theta[l] = matrix.New(sOut, sIn+1)
		for i := range Theta[l].Data {
			Theta[l].Data[i] = f(rs.Float64(), eps)
		}
	}
	return Theta
}

// Sizes returns the layer sizes s_1, ..., s_L of the weights Theta (indexed
// from 1), and an error if their shapes do not chain: Θ^(l) must be
// s_{l+1} x (s_l + 1).
func Sizes(Theta []*matrix.Dense) ([]int, error) {
	if len(Theta) < 2 || Theta[0] != nil {
		return nil, fmt.Errorf("layer: want Theta[1..L-1] with Theta[0] nil, got %d matrices", len(Theta))
	}
	sizes := make([]int, len(Theta))
	for l := 1; l < len(Theta); l++ {
		t := Theta[l]
		if t == nil {
			return nil, fmt.Errorf("layer: Theta%d is missing", l)
		}
		if t.Rows < 1 || t.Cols < 2 {
			return nil, fmt.Errorf("layer: Theta%d is %dx%d: want at least 1 row and 2 columns (bias and one input)", l, t.Rows, t.Cols)
		}
		if l > 1 && t.Cols != sizes[l-1]+1 {
			return nil, fmt.Errorf("layer: Theta%d is %dx%d but Theta%d has %d rows: want %d columns (its %d units plus bias)",
				l, t.Rows, t.Cols, l-1, sizes[l-1], sizes[l-1]+1, sizes[l-1])
		}
		sizes[l-1] = t.Cols - 1
		sizes[l] = t.Rows
	}
	return sizes, nil
}
