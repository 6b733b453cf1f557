package svgplot

import (
	"math"
	"math/rand/v2"

	"github.com/ann-go/ann/matrix"
)

// testNet is a small sigmoid network written here so that svgplot's tests
// need no network package: Theta[l], l = 1..L-1, as network holds it.
type testNet struct{ Theta []*matrix.Dense }

// moonsNet is a 2-5-5-2 network trained by hand (in numpy, 20000 steps of
// gradient descent with alpha 2 on make_moons(1000, noise=0.1)), its
// weights rounded to two decimals: it separates the two moons.
func moonsNet() testNet {
	return testNet{[]*matrix.Dense{nil,
		matrix.FromRows([][]float64{{-4.25, -7.39, 6.09}, {0.16, -0.59, 0.06}, {-4.51, 3.05, -2.26}, {5.45, -8.36, -4.77}, {-7.75, 5.73, -3.44}}),
		matrix.FromRows([][]float64{{-3.04, -6.67, -0.58, 1.71, 7.24, 5.58}, {2.36, 4.54, 1.71, -2.5, -6.11, -4.56}, {1.75, 3.47, 0.39, -2.02, -3.95, -2.99}, {-1.8, -4.58, -0.75, 1.56, 4.83, 3.59}, {0.83, 1.49, 0.33, -0.8, -2.3, -1.41}}),
		matrix.FromRows([][]float64{{1.28, -10.02, 7.35, 4.77, -6.76, 2.53}, {-0.53, 10.08, -8.02, -5.15, 5.76, -1.97}}),
	}}
}

// randomNet returns a network of the given layer sizes with weights uniform
// in [-scale, scale).
func randomNet(sizes []int, scale float64, seed uint64) testNet {
	r := rand.New(rand.NewPCG(seed, 2))
	n := testNet{Theta: []*matrix.Dense{nil}}
	for l := 1; l < len(sizes); l++ {
		T := matrix.New(sizes[l], sizes[l-1]+1)
		for q := range T.Data {
			T.Data[q] = (2*r.Float64() - 1) * scale
		}
		n.Theta = append(n.Theta, T)
	}
	return n
}

// scaled returns the network with every weight multiplied by t: a stand-in
// for the network earlier in training.
func (n testNet) scaled(t float64) testNet {
	s := testNet{Theta: []*matrix.Dense{nil}}
	for _, T := range n.Theta[1:] {
		s.Theta = append(s.Theta, matrix.Scale(t, T))
	}
	return s
}

// forward returns a^(l), l = 1..L, for the rows of X, laid out as
// network.Pass.A: (s_l + 1) x m with a bias row 0, except a^(L), s_L x m.
func (n testNet) forward(X *matrix.Dense) []*matrix.Dense {
	L := len(n.Theta)
	A := make([]*matrix.Dense, L+1)
	A[1] = matrix.WithBiasRow(matrix.T(X))
	for l := 1; l < L; l++ {
		a := matrix.Apply(func(z float64) float64 { return 1 / (1 + math.Exp(-z)) }, matrix.Mul(n.Theta[l], A[l]))
		if l+1 < L {
			a = matrix.WithBiasRow(a)
		}
		A[l+1] = a
	}
	return A
}

// scores is the network's ScoreFunc: its outputs on the grid xs × ys, x
// fastest.
func (n testNet) scores(xs, ys []float64) (*matrix.Dense, error) {
	X := matrix.New(len(xs)*len(ys), 2)
	for j, y := range ys {
		for i, x := range xs {
			X.Set(j*len(xs)+i, 0, x)
			X.Set(j*len(xs)+i, 1, y)
		}
	}
	A := n.forward(X)
	return matrix.T(A[len(A)-1]), nil
}

// neuronNet returns the network as Neurons takes it, over the data X.
func (n testNet) neuronNet(X *matrix.Dense) NeuronNet {
	return NeuronNet{Theta: n.Theta, Forward: n.forward, X: X}
}

// moonsX returns moons(n) as an n x 2 matrix and its labels.
func moonsX(n int) (*matrix.Dense, []int) {
	x, y, labels := moons(n)
	X := matrix.New(n, 2)
	for i := range n {
		X.Set(i, 0, x[i])
		X.Set(i, 1, y[i])
	}
	return X, labels
}
