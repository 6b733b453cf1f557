package dataset

import (
	"fmt"
	"math"
	"slices"

	"github.com/ann-go/ann/internal/nprand"
)

// StratifiedSplit splits the row indices 0..m-1 of the labels y (m = len(y))
// into a training and a test set that keep each class's share, exactly as
// scikit-learn 1.2's
// train_test_split(range(m), test_size=testFraction, stratify=y, random_state=seed)
// does (its StratifiedShuffleSplit, which MLPClassifier's early stopping uses
// for its validation set):
//
//	n_test  = ⌈testFraction · m⌉,  n_train = m - n_test
//	c_k     = the rows of class k, ascending, for the classes present, by label
//	n_k     = approximate_mode(|c|, n_train)    each class's training rows
//	t_k     = approximate_mode(|c| - n, n_test)  and test rows
//	for each class k: p = permutation(|c_k|); train += c_k[p[:n_k]]; test += c_k[p[n_k:n_k+t_k]]
//	train = permutation of train; test = permutation of test
//
// approximate_mode(counts, n) gives class k ⌊counts_k/Σcounts · n⌋ and hands the
// rows still missing to the classes with the largest remainders, breaking ties
// by a draw (numpy's choice without replacement: the first of a permutation).
// All draws come from one RandomState(seed), in this order. It returns a
// *ArgError where scikit-learn raises a ValueError: testFraction not in (0,
// 1), a class with fewer than 2 rows, or fewer training or test rows than
// classes. A class may still get no test rows when the classes are very
// unequal; the caller that needs every class on both sides checks.
// It panics if a label is negative.
func StratifiedSplit(y []int, testFraction float64, seed uint32) (train, test []int, err error) {
	m := len(y)
	if err := CheckTrainTestSplit(m, testFraction); err != nil {
		return nil, nil, err
	}
	nTest := int(math.Ceil(testFraction * float64(m)))
	nTrain := m - nTest
	var byClass [][]int // the rows of each label, ascending
	for i, c := range y {
		if c < 0 {
			panic(fmt.Sprintf("dataset: StratifiedSplit: label %d of row %d is negative", c, i))
		}
		for len(byClass) <= c {
			byClass = append(byClass, nil)
		}
		byClass[c] = append(byClass[c], i)
	}
	var classes [][]int // the classes present, by label
	var counts []int
	for _, rows := range byClass {
		if len(rows) > 0 {
			classes = append(classes, rows)
			counts = append(counts, len(rows))
		}
	}
	if slices.Min(counts) < 2 {
		return nil, nil, &ArgError{Pkg: "dataset", Arg: "rows", Value: m, Want: "want at least 2 rows of every class to stratify (the least populated class has 1)"}
	}
	if nTrain < len(classes) {
		return nil, nil, &ArgError{Pkg: "dataset", Arg: "test-fraction", Value: testFraction,
			Want: fmt.Sprintf("want a smaller fraction: it leaves %d training rows for %d classes", nTrain, len(classes))}
	}
	if nTest < len(classes) {
		return nil, nil, &ArgError{Pkg: "dataset", Arg: "test-fraction", Value: testFraction,
			Want: fmt.Sprintf("want a larger fraction: it holds out %d rows for %d classes", nTest, len(classes))}
	}
	rs := nprand.New(seed)
	n := approximateMode(counts, nTrain, rs)
	rest := make([]int, len(counts))
	for k := range counts {
		rest[k] = counts[k] - n[k]
	}
	t := approximateMode(rest, nTest, rs)
	for k, rows := range classes {
		p := rs.Permutation(len(rows))
		for _, j := range p[:n[k]] {
			train = append(train, rows[j])
		}
		for _, j := range p[n[k] : n[k]+t[k]] {
			test = append(test, rows[j])
		}
	}
	return permute(train, rs), permute(test, rs), nil
}

// permute returns v in the order of a numpy permutation of it.
func permute(v []int, rs *nprand.State) []int {
	out := make([]int, len(v))
	for i, j := range rs.Permutation(len(v)) {
		out[i] = v[j]
	}
	return out
}

// approximateMode is scikit-learn's _approximate_mode(counts, draws, rng):
// an approximation of the mode of the multivariate hypergeometric
// distribution, each class's share of draws rounded down, the rest handed
// out by largest remainder, ties broken by rs.
func approximateMode(counts []int, draws int, rs *nprand.State) []int {
	total := 0
	for _, c := range counts {
		total += c
	}
	continuous := make([]float64, len(counts))
	floored := make([]int, len(counts))
	sum := 0
	for k, c := range counts {
		continuous[k] = float64(c) / float64(total) * float64(draws)
		floored[k] = int(math.Floor(continuous[k]))
		sum += floored[k]
	}
	need := draws - sum
	if need <= 0 {
		return floored
	}
	remainder := make([]float64, len(counts))
	for k := range counts {
		remainder[k] = continuous[k] - float64(floored[k])
	}
	values := slices.Clone(remainder)
	slices.Sort(values)
	values = slices.Compact(values)
	for i := len(values) - 1; i >= 0 && need > 0; i-- {
		var inds []int
		for k, r := range remainder {
			if r == values[i] {
				inds = append(inds, k)
			}
		}
		add := min(len(inds), need)
		for _, j := range rs.Permutation(len(inds))[:add] { // rng.choice(inds, add, replace=False)
			floored[inds[j]]++
		}
		need -= add
	}
	return floored
}
