package check

import (
	"fmt"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/moons"
)

// Small returns the smallest case: a 2-3-2 network with the weights of
// np.random.seed(0), the first 3 examples of the moons (make_moons(1000,
// noise=0.1, random_state=0)), λ = 1 (so that a mistake in the λ term shows),
// α = 0.5 and 3 iterations of training.
func Small() Inputs {
	X, y := moons.Make(1000, 0.1, 0)
	return Inputs{Theta: layer.Init([]int{2, 3, 2}, 0), X: firstRows(X, 3), Y: y[:3], Lambda: 1, Alpha: 0.5, Iters: 3, Seed: 0}
}

// Moons returns the tutorial's case: its 2-5-5-2 network with the weights of
// np.random.seed(0), the first 20 examples of the moons, λ = 0, α = 0.5 and
// 10 iterations of training.
func Moons() Inputs {
	X, y := moons.Make(1000, 0.1, 0)
	return Inputs{Theta: layer.Init(layer.Tutorial, 0), X: firstRows(X, 20), Y: y[:20], Lambda: 0, Alpha: 0.5, Iters: 10, Seed: 0}
}

// firstRows returns a copy of X's first m rows.
func firstRows(X *matrix.Dense, m int) *matrix.Dense {
	return &matrix.Dense{Rows: m, Cols: X.Cols, Data: append([]float64(nil), X.Data[:m*X.Cols]...)}
}

// Funcs are a learner's own forward propagation, cost and backpropagation in
// Go, over matrix.Dense, each slice indexed by the tutorial's layer numbers
// (Theta[0], Z[0], Z[1], A[0] and D[0] unused), as package network's are.
// Forward's A[l] and Z[l] may hold one example per row (numpy's layout) or
// per column (ann's). A nil function is not checked.
type Funcs struct {
	Forward  func(Theta []*matrix.Dense, X *matrix.Dense) (Z, A []*matrix.Dense)
	Cost     func(Theta []*matrix.Dense, X *matrix.Dense, y []int, lambda float64) float64
	Backprop func(Theta []*matrix.Dense, X *matrix.Dense, y []int, lambda float64) (D []*matrix.Dense)
}

// Funcs runs f on in and checks what it returns, as Arrays does: in the
// tutorial's order, up to the first quantity that disagrees, naming the
// mistake whose numbers equal f's. Each function gets copies of in's arrays.
// It returns an error if in does not pass in.Check, or if a function panics
// or returns the wrong number of layers.
func (in Inputs) Funcs(f Funcs) (r *Report, err error) {
	if err := in.Check(); err != nil {
		return nil, err
	}
	got := map[string]*matrix.Dense{}
	L := len(in.Theta)
	call := func(what string, run func()) {
		if err != nil {
			return
		}
		defer func() {
			if v := recover(); v != nil {
				err = fmt.Errorf("check: your %s panicked: %v", what, v)
			}
		}()
		run()
	}
	if f.Forward != nil {
		call("Forward", func() {
			Z, A := f.Forward(copies(in.Theta), in.X.Copy())
			if len(Z) != L+1 || len(A) != L+1 {
				err = fmt.Errorf("check: your Forward returned %d Z and %d A, want %d each (index 0 unused, then layers 1..%d)", len(Z), len(A), L+1, L)
				return
			}
			for l := 1; l <= L; l++ {
				got[fmt.Sprint("A", l)] = A[l]
				if l > 1 {
					got[fmt.Sprint("Z", l)] = Z[l]
				}
			}
		})
	}
	if f.Cost != nil {
		call("Cost", func() {
			got["J"] = scalar(f.Cost(copies(in.Theta), in.X.Copy(), append([]int(nil), in.Y...), in.Lambda))
		})
	}
	if f.Backprop != nil {
		call("Backprop", func() {
			D := f.Backprop(copies(in.Theta), in.X.Copy(), append([]int(nil), in.Y...), in.Lambda)
			if len(D) != L {
				err = fmt.Errorf("check: your Backprop returned %d D, want %d (index 0 unused, then D^(1)..D^(%d))", len(D), L, L-1)
				return
			}
			for l := 1; l < L; l++ {
				got[fmt.Sprint("D", l)] = D[l]
			}
		})
	}
	if err != nil {
		return nil, err
	}
	for name, a := range got {
		if a == nil {
			return nil, fmt.Errorf("check: your %s is nil", name)
		}
	}
	return in.Arrays(got)
}

// copies returns copies of Theta's matrices.
func copies(Theta []*matrix.Dense) []*matrix.Dense {
	c := make([]*matrix.Dense, len(Theta))
	for l, t := range Theta {
		if t != nil {
			c[l] = t.Copy()
		}
	}
	return c
}
