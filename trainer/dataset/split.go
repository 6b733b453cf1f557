package dataset

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/ann-go/ann/internal/nprand"
	"github.com/ann-go/ann/matrix"
)

// KFold splits the row indices 0..m-1 into k folds for cross-validation and
// returns each fold's test indices, fold by fold, exactly as scikit-learn
// 1.2's KFold(n_splits=k, shuffle=True, random_state=seed).split(X) yields
// them for m rows:
//
//	p = RandomState(seed).permutation(m)
//	fold sizes: m/k rounded down, plus one for each of the first m mod k folds
//	fold j's test set = the j-th consecutive chunk of p, sorted ascending
//
// (scikit-learn sorts them: it marks the chunk in a boolean mask and returns
// the marked indices in order.) Fold j's training set is Complement(m,
// folds[j]). It panics if k < 2 or k > m, where scikit-learn raises a
// ValueError; CheckKFold returns that finding as an error.
func KFold(m, k int, seed uint32) [][]int {
	if err := CheckKFold(m, k); err != nil {
		panic("dataset: KFold: " + strings.TrimPrefix(err.Error(), "dataset: "))
	}
	p := nprand.New(seed).Permutation(m)
	folds := make([][]int, k)
	start := 0
	for j := range folds {
		size := m / k
		if j < m%k {
			size++
		}
		folds[j] = slices.Clone(p[start : start+size])
		slices.Sort(folds[j])
		start += size
	}
	return folds
}

// Complement returns, in ascending order, the indices 0..m-1 that are not in
// test: the training rows of a fold, as scikit-learn's split yields them. It
// panics if an index in test is outside 0..m-1.
func Complement(m int, test []int) []int {
	in := make([]bool, m)
	for _, i := range test {
		if i < 0 || i >= m {
			panic(fmt.Sprintf("dataset: Complement: index %d is outside 0..%d", i, m-1))
		}
		in[i] = true
	}
	var rest []int
	for i, t := range in {
		if !t {
			rest = append(rest, i)
		}
	}
	return rest
}

// TrainTestSplit splits the row indices 0..m-1 into a training and a test
// set, exactly as scikit-learn 1.2's
// train_test_split(range(m), test_size=testFraction, shuffle=True, random_state=seed)
// does (its ShuffleSplit):
//
//	n_test  = ⌈testFraction · m⌉          the float64 product, rounded up
//	p       = RandomState(seed).permutation(m)
//	test    = p[:n_test]
//	train   = p[n_test:]
//
// Both are in the permutation's order, not sorted. It panics where
// scikit-learn raises a ValueError: if testFraction is not in (0, 1) or the
// training set would be empty (n_test = m, so m must be at least 2).
// CheckTrainTestSplit returns those findings as errors.
func TrainTestSplit(m int, testFraction float64, seed uint32) (train, test []int) {
	if err := CheckTrainTestSplit(m, testFraction); err != nil {
		panic("dataset: TrainTestSplit: " + strings.TrimPrefix(err.Error(), "dataset: "))
	}
	nTest := int(math.Ceil(testFraction * float64(m)))
	p := nprand.New(seed).Permutation(m)
	return p[nTest:], p[:nTest:nTest]
}

// CheckKFold returns an *ArgError unless KFold can split m rows into k
// folds: 2 <= k <= m.
func CheckKFold(m, k int) error {
	switch {
	case m < 2:
		return &ArgError{Pkg: "dataset", Arg: "rows", Value: m, Want: "want at least 2 rows to make 2 folds"}
	case k < 2 || k > m:
		return &ArgError{Pkg: "dataset", Arg: "k", Value: k, Want: fmt.Sprintf("want from 2 to %d folds (one per row at most)", m)}
	}
	return nil
}

// CheckTrainTestSplit returns an *ArgError unless TrainTestSplit can hold
// out the fraction testFraction of m rows and leave rows to train on: 0 <
// testFraction < 1 and ⌈testFraction · m⌉ < m.
func CheckTrainTestSplit(m int, testFraction float64) error {
	switch {
	case !(testFraction > 0 && testFraction < 1):
		return &ArgError{Pkg: "dataset", Arg: "test-fraction", Value: testFraction, Want: "want a fraction between 0 and 1"}
	case m < 2:
		return &ArgError{Pkg: "dataset", Arg: "rows", Value: m, Want: "want at least 2 rows: one to train on, one to hold out"}
	}
	if nTest := int(math.Ceil(testFraction * float64(m))); nTest >= m {
		return &ArgError{Pkg: "dataset", Arg: "test-fraction", Value: testFraction,
			Want: fmt.Sprintf("want a smaller fraction: it holds out all %d rows, leaving none to train on", m)}
	}
	return nil
}

// Rows returns the rows of X and the labels of y at idx, in idx's order (an
// index may repeat). y may be nil, and then the labels returned are nil too.
// It panics if an index is outside X's rows or y's length differs from X's
// row count.
func Rows(X *matrix.Dense, y []int, idx []int) (*matrix.Dense, []int) {
	if y != nil && len(y) != X.Rows {
		panic(fmt.Sprintf("dataset: Rows: %d labels for %d rows", len(y), X.Rows))
	}
	Xs := matrix.New(len(idx), X.Cols)
	var ys []int
	if y != nil {
		ys = make([]int, len(idx))
	}
	for r, i := range idx {
		if i < 0 || i >= X.Rows {
			panic(fmt.Sprintf("dataset: Rows: index %d is outside 0..%d", i, X.Rows-1))
		}
		copy(Xs.Row(r), X.Data[i*X.Cols:(i+1)*X.Cols])
		if y != nil {
			ys[r] = y[i]
		}
	}
	return Xs, ys
}
