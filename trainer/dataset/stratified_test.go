package dataset

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The splits in testdata/stratified.json were made by scikit-learn 1.2.1
// (Debian's python3-sklearn, numpy 1.24.2) with
//
//	train_test_split(np.arange(m), test_size=f, stratify=y, shuffle=True, random_state=seed)
//
// by docs/numpy/gen_stratified.py, for small hand-made label sets, the moons,
// iris and the digits; where scikit-learn raised a ValueError the file has
// its message instead.
func TestStratifiedSplitMatchesScikitLearn(t *testing.T) {
	var f struct {
		Cases []struct {
			Y           []int   `json:"y"`
			Fraction    float64 `json:"fraction"`
			Seed        uint32  `json:"seed"`
			Train, Test []int
			Error       string
		}
	}
	loadJSON(t, filepath.Join("testdata", "stratified.json"), &f)
	if len(f.Cases) < 60 {
		t.Fatalf("%d cases, want the file's 60 or more", len(f.Cases))
	}
	splits, refusals := 0, 0
	for _, c := range f.Cases {
		name := fmt.Sprintf("m %d, fraction %v, seed %d", len(c.Y), c.Fraction, c.Seed)
		train, test, err := StratifiedSplit(c.Y, c.Fraction, c.Seed)
		if c.Error != "" {
			var ae *ArgError
			if !errors.As(err, &ae) {
				t.Errorf("%s: error %v, want an *ArgError where scikit-learn said %q", name, err, c.Error)
			}
			refusals++
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !slices.Equal(train, c.Train) || !slices.Equal(test, c.Test) {
			t.Errorf("%s:\ntrain %v\n want %v\ntest %v\n want %v", name, train, c.Train, test, c.Test)
		}
		splits++
	}
	if splits < 40 || refusals < 20 {
		t.Errorf("%d splits and %d refusals compared, want at least 40 and 20", splits, refusals)
	}
}

func TestStratifiedSplitErrors(t *testing.T) {
	for _, tt := range []struct {
		y    []int
		f    float64
		want string
	}{
		{[]int{0, 0, 1, 1}, 0, "dataset: test-fraction 0: want a fraction between 0 and 1"},
		{[]int{0, 0, 0, 1}, 0.5, "dataset: rows 4: want at least 2 rows of every class"},
		{[]int{0, 0, 1, 1, 2, 2}, 0.1, "dataset: test-fraction 0.1: want a larger fraction: it holds out 1 rows for 3 classes"},
		{[]int{0, 0, 1, 1, 2, 2}, 0.7, "dataset: test-fraction 0.7: want a smaller fraction: it leaves 1 training rows for 3 classes"},
	} {
		_, _, err := StratifiedSplit(tt.y, tt.f, 0)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("StratifiedSplit(%v, %v) error %v, want %q", tt.y, tt.f, err, tt.want)
		}
	}
}
