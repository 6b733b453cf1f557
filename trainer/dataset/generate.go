package dataset

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ann-go/ann/internal/finite"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/moons"
)

// Generators names the data sets Generate makes, all of two features and
// two classes, from package moons: the tutorial's two moons, then
// scikit-learn's circles (at its default factor 0.8), xor and two spiral
// arms.
var Generators = []string{"moons", "circles", "xor", "spiral"}

// CirclesFactor is the inner circle's radius over the outer's that Generate
// gives "circles": scikit-learn's make_circles default.
const CirclesFactor = 0.8

// Generate returns the data set that name (one of Generators) makes with n
// examples, Gaussian noise of standard deviation noise and numpy's
// random_state seed, with K = 2. It returns an error naming the argument
// if name is not a generator, n is not from 2 to matrix.MaxElements/2, or
// noise is not a finite number >= 0; and if the n examples hold only one
// class.
func Generate(name string, n int, noise float64, seed uint32) (*Data, error) {
	if !slices.Contains(Generators, name) {
		return nil, fmt.Errorf("dataset: unknown data set %q: want %s", name, strings.Join(Generators, ", "))
	}
	if n < 2 || n > matrix.MaxElements/2 {
		return nil, fmt.Errorf("dataset: %s: n %d: want from 2 to %d examples (two classes)", name, n, matrix.MaxElements/2)
	}
	if !(finite.Is(noise) && noise >= 0) {
		return nil, fmt.Errorf("dataset: %s: noise %v: want a finite number >= 0", name, noise)
	}
	var X *matrix.Dense
	var y []int
	switch name {
	case "moons":
		X, y = moons.Make(n, noise, seed)
	case "circles":
		X, y = moons.Circles(n, noise, seed, CirclesFactor)
	case "xor":
		X, y = moons.XOR(n, noise, seed)
	case "spiral":
		X, y = moons.Spiral(n, noise, seed, 2)
	}
	return Labeled(X, y)
}

// Labeled returns X and y as a Data with K, the class count, one more than
// the largest label. It returns an error unless there is one label per row,
// each >= 0, and at least two classes.
func Labeled(X *matrix.Dense, y []int) (*Data, error) {
	if len(y) != X.Rows {
		return nil, fmt.Errorf("dataset: %d labels for %d rows", len(y), X.Rows)
	}
	K := 0
	for i, c := range y {
		if c < 0 {
			return nil, fmt.Errorf("dataset: label %d of row %d: want a class 0..K-1", c, i)
		}
		K = max(K, c+1)
	}
	if K < 2 {
		return nil, fmt.Errorf("dataset: the %d rows hold %d class: want at least 2", X.Rows, K)
	}
	return &Data{X: X, Y: y, K: K, HasLabels: true}, nil
}
