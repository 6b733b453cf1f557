package dataset

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/ann-go/ann/internal/reference"
	"github.com/ann-go/ann/matrix"
)

// The folds and splits below were printed by scikit-learn 1.2.1 (Debian's
// python3-sklearn, numpy 1.24.2):
//
//	KFold(n_splits=k, shuffle=True, random_state=seed).split(np.zeros((m, 1)))
//	train_test_split(np.arange(m), test_size=f, shuffle=True, random_state=seed)
//
// by docs/numpy/gen_dataset_checks.py (testdata/splits.json), and by
// docs/numpy/gen_data.py (testdata/numpy/kfold.json, test folds only).
type kfoldCase struct {
	M     int     `json:"m"`
	K     int     `json:"k"`
	Seed  uint32  `json:"seed"`
	Test  [][]int `json:"test"`
	Folds [][]int `json:"folds"` // kfold.json's name for Test
	Train [][]int `json:"train"` // only for m <= 150
}

type splitCase struct {
	M            int     `json:"m"`
	TestFraction float64 `json:"test_fraction"`
	Seed         uint32  `json:"seed"`
	Train        []int   `json:"train"`
	Test         []int   `json:"test"`
}

func loadJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func TestKFoldMatchesScikitLearn(t *testing.T) {
	var f struct{ KFold []kfoldCase }
	loadJSON(t, filepath.Join("testdata", "splits.json"), &f)
	var g struct{ Cases []kfoldCase }
	loadJSON(t, filepath.Join(reference.Dir(), "numpy", "kfold.json"), &g)
	if len(f.KFold) == 0 || len(g.Cases) == 0 {
		t.Fatal("no KFold cases")
	}
	trains := 0
	for _, c := range append(f.KFold, g.Cases...) {
		want := c.Test
		if want == nil {
			want = c.Folds
		}
		folds := KFold(c.M, c.K, c.Seed)
		if len(folds) != len(want) {
			t.Fatalf("KFold(%d, %d, %d) has %d folds, want %d", c.M, c.K, c.Seed, len(folds), len(want))
		}
		for j := range want {
			if !slices.Equal(folds[j], want[j]) {
				t.Errorf("KFold(%d, %d, %d) fold %d = %v, want %v", c.M, c.K, c.Seed, j, folds[j], want[j])
			}
			if c.Train != nil {
				trains++
				if got := Complement(c.M, folds[j]); !slices.Equal(got, c.Train[j]) {
					t.Errorf("KFold(%d, %d, %d) fold %d: Complement = %v, want %v", c.M, c.K, c.Seed, j, got, c.Train[j])
				}
			}
		}
	}
	if trains == 0 {
		t.Error("no training folds checked")
	}
}

func TestTrainTestSplitMatchesScikitLearn(t *testing.T) {
	var f struct {
		Split []splitCase `json:"train_test_split"`
	}
	loadJSON(t, filepath.Join("testdata", "splits.json"), &f)
	if len(f.Split) == 0 {
		t.Fatal("no train_test_split cases")
	}
	for _, c := range f.Split {
		train, test := TrainTestSplit(c.M, c.TestFraction, c.Seed)
		if !slices.Equal(train, c.Train) || !slices.Equal(test, c.Test) {
			t.Errorf("TrainTestSplit(%d, %v, %d) = %v, %v; want %v, %v", c.M, c.TestFraction, c.Seed, train, test, c.Train, c.Test)
		}
	}
}

func TestKFold(t *testing.T) {
	for _, tt := range []struct{ m, k int }{{2, 2}, {7, 3}, {10, 10}, {1797, 5}} {
		folds := KFold(tt.m, tt.k, 1)
		seen := make([]int, tt.m)
		for j, f := range folds {
			size := tt.m / tt.k
			if j < tt.m%tt.k {
				size++
			}
			if len(f) != size || !slices.IsSorted(f) {
				t.Errorf("KFold(%d, %d) fold %d = %v: want %d sorted indices", tt.m, tt.k, j, f, size)
			}
			for _, i := range f {
				seen[i]++
			}
			if train := Complement(tt.m, f); len(train)+len(f) != tt.m || !slices.IsSorted(train) {
				t.Errorf("KFold(%d, %d) fold %d: Complement has %d indices", tt.m, tt.k, j, len(train))
			}
		}
		for i, n := range seen {
			if n != 1 {
				t.Fatalf("KFold(%d, %d): index %d is in %d folds, want 1", tt.m, tt.k, i, n)
			}
		}
	}
}

func TestTrainTestSplit(t *testing.T) {
	train, test := TrainTestSplit(10, 0.3, 4)
	if len(train) != 7 || len(test) != 3 {
		t.Fatalf("TrainTestSplit(10, 0.3) = %d and %d indices, want 7 and 3", len(train), len(test))
	}
	all := slices.Sorted(slices.Values(append(slices.Clone(train), test...)))
	for i, v := range all {
		if v != i {
			t.Fatalf("train and test together = %v, want 0..9 once each", all)
		}
	}
	// Appending to test must not write into train, which follows it in
	// the permutation.
	if more := append(test, -1); train[0] == -1 || more[len(test)] != -1 {
		t.Error("appending to test overwrote train")
	}
}

func TestRows(t *testing.T) {
	X := matrix.FromRows([][]float64{{0, 1}, {2, 3}, {4, 5}})
	Xs, ys := Rows(X, []int{7, 8, 9}, []int{2, 0, 2})
	if want := []float64{4, 5, 0, 1, 4, 5}; Xs.Rows != 3 || Xs.Cols != 2 || !slices.Equal(Xs.Data, want) {
		t.Errorf("Rows(X, [2 0 2]) = %v, want rows [4 5] [0 1] [4 5]", Xs)
	}
	if !slices.Equal(ys, []int{9, 7, 9}) {
		t.Errorf("Rows labels = %v, want [9 7 9]", ys)
	}
	Xs, ys = Rows(X, nil, []int{1})
	if ys != nil || !slices.Equal(Xs.Data, []float64{2, 3}) {
		t.Errorf("Rows(X, nil, [1]) = %v, %v; want [[2 3]], nil", Xs, ys)
	}
	Xs.Data[0] = 99
	if X.At(1, 0) != 2 {
		t.Error("Rows shares storage with X")
	}
}

func TestSplitPanics(t *testing.T) {
	X := matrix.New(3, 2)
	for name, f := range map[string]func(){
		"KFold(5, 1)":                func() { KFold(5, 1, 0) },
		"KFold(5, 6)":                func() { KFold(5, 6, 0) },
		"KFold(0, 2)":                func() { KFold(0, 2, 0) },
		"Complement(3, [3])":         func() { Complement(3, []int{3}) },
		"Complement(3, [-1])":        func() { Complement(3, []int{-1}) },
		"TrainTestSplit(10, 0)":      func() { TrainTestSplit(10, 0, 0) },
		"TrainTestSplit(10, 1)":      func() { TrainTestSplit(10, 1, 0) },
		"TrainTestSplit(10, NaN)":    func() { TrainTestSplit(10, math.NaN(), 0) },
		"TrainTestSplit(7, 0.99)":    func() { TrainTestSplit(7, 0.99, 0) }, // ⌈6.93⌉ = 7: no training rows
		"TrainTestSplit(1, 0.5)":     func() { TrainTestSplit(1, 0.5, 0) },
		"TrainTestSplit(0, 0.5)":     func() { TrainTestSplit(0, 0.5, 0) },
		"Rows(X, 2 labels)":          func() { Rows(X, []int{0, 1}, []int{0}) },
		"Rows(X, nil, index 3)":      func() { Rows(X, nil, []int{3}) },
		"Rows(X, nil, index -1)":     func() { Rows(X, nil, []int{-1}) },
		"TrainTestSplit(-3, 0.5)":    func() { TrainTestSplit(-3, 0.5, 0) },
		"TrainTestSplit(10, -0.5)":   func() { TrainTestSplit(10, -0.5, 0) },
		"TrainTestSplit(10, +Inf)":   func() { TrainTestSplit(10, math.Inf(1), 0) },
		"KFold(-1, 2)":               func() { KFold(-1, 2, 0) },
		"Complement(0, [0])":         func() { Complement(0, []int{0}) },
		"Rows(X, 3 labels, index 5)": func() { Rows(X, []int{0, 1, 2}, []int{5}) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s did not panic", name)
				}
			}()
			f()
		}()
	}
}
