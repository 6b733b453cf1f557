package dataset_test

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/ann-go/ann/trainer/dataset"
)

// A k or a test fraction from a user is checked before splitting; the error
// names the argument as a flag would.
func ExampleCheckTrainTestSplit() {
	fmt.Println(dataset.CheckTrainTestSplit(10, 0.3))
	fmt.Println(dataset.CheckTrainTestSplit(7, 0.99))
	fmt.Println(dataset.CheckKFold(6, 7))
	// Output:
	// <nil>
	// dataset: test-fraction 0.99: want a smaller fraction: it holds out all 7 rows, leaving none to train on
	// dataset: k 7: want from 2 to 6 folds (one per row at most)
}

// The checks refuse exactly what KFold and TrainTestSplit panic on.
func TestChecksMatchPanics(t *testing.T) {
	panics := func(f func()) (p bool) {
		defer func() { p = recover() != nil }()
		f()
		return false
	}
	for _, m := range []int{-1, 0, 1, 2, 3, 7, 10} {
		for _, k := range []int{-1, 0, 1, 2, 3, 7, 10, 11} {
			err := dataset.CheckKFold(m, k)
			if p := panics(func() { dataset.KFold(m, k, 0) }); p != (err != nil) {
				t.Errorf("KFold(%d, %d): panics %v, but CheckKFold = %v", m, k, p, err)
			}
			var ae *dataset.ArgError
			if err != nil && !errors.As(err, &ae) {
				t.Errorf("CheckKFold(%d, %d) = %v, want an *ArgError", m, k, err)
			}
		}
		for _, f := range []float64{math.NaN(), math.Inf(-1), -0.5, 0, 0.1, 0.5, 0.9, 0.99, 1, 2, math.Inf(1)} {
			err := dataset.CheckTrainTestSplit(m, f)
			if p := panics(func() { dataset.TrainTestSplit(m, f, 0) }); p != (err != nil) {
				t.Errorf("TrainTestSplit(%d, %v): panics %v, but CheckTrainTestSplit = %v", m, f, p, err)
			}
			var ae *dataset.ArgError
			if err != nil && !errors.As(err, &ae) {
				t.Errorf("CheckTrainTestSplit(%d, %v) = %v, want an *ArgError", m, f, err)
			}
		}
	}
	var ae *dataset.ArgError
	if err := dataset.CheckTrainTestSplit(10, 1.5); !errors.As(err, &ae) || ae.Pkg != "dataset" || ae.Arg != "test-fraction" || ae.Value != 1.5 || ae.Want != "want a fraction between 0 and 1" {
		t.Errorf("CheckTrainTestSplit(10, 1.5) = %#v", err)
	}
}
