package dataset

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/ann-go/ann/internal/reference"
	"github.com/ann-go/ann/matrix"
)

// scalerCase is StandardScaler().fit(X) as scikit-learn 1.2.1 computed it,
// printed by docs/numpy/gen_dataset_checks.py into testdata/scaler.json. For
// digits the file names the data file and keeps the transform of its first
// rows only.
type scalerCase struct {
	Name       string      `json:"name"`
	File       string      `json:"file"`
	X          [][]float64 `json:"X"`
	Mean       []float64   `json:"mean"`
	Var        []float64   `json:"var"`
	Scale      []float64   `json:"scale"`
	Z          [][]float64 `json:"Z"`
	ZFirstRows [][]float64 `json:"Z_first_rows"`
}

// near reports whether got is within tol of want, relative to max(1, |want|).
func near(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

func TestScalerMatchesScikitLearn(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "scaler.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct{ Cases []scalerCase }
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Cases) < 7 {
		t.Fatalf("testdata/scaler.json has %d cases, want 7", len(f.Cases))
	}
	// FitScaler sums in numpy's order (row by row), fuses no multiply-add,
	// and math.Sqrt is correctly rounded like C's sqrt, so the means, the
	// deviations and the scaled values agree bit for bit.
	for _, c := range f.Cases {
		X := matrix.FromRows(c.X)
		want := c.Z
		if c.File != "" {
			d, err := ReadCSV(filepath.Join(reference.Dir(), filepath.Base(c.File)))
			if err != nil {
				t.Fatal(err)
			}
			X = d.X
			want = c.ZFirstRows
		}
		s := FitScaler(X)
		for j := range c.Mean {
			if s.Mean[j] != c.Mean[j] || s.Std[j] != c.Scale[j] {
				t.Errorf("%s: column %d: mean %v, std %v; want %v, %v", c.Name, j, s.Mean[j], s.Std[j], c.Mean[j], c.Scale[j])
			}
		}
		Z := s.Apply(X)
		for i, row := range want {
			for j, w := range row {
				if got := Z.At(i, j); got != w {
					t.Errorf("%s: Z[%d][%d] = %v, want %v", c.Name, i, j, got, w)
				}
			}
		}
	}
}

func TestScaler(t *testing.T) {
	X := matrix.FromRows([][]float64{{1, 5, 0.1}, {3, 5, 0.1}, {8, 5, 0.1}})
	s := FitScaler(X)
	// Column 0: mean 4, variance (9 + 1 + 16)/3; columns 1 and 2 are
	// constant and get Std 1 (0.1's mean is 0.1 up to rounding).
	if !near(s.Mean[0], 4, 1e-15) || !near(s.Std[0], math.Sqrt(26.0/3), 1e-15) || s.Std[1] != 1 || s.Std[2] != 1 {
		t.Errorf("FitScaler = %+v, want mean 4, std √(26/3), then std 1, 1", s)
	}
	Z := s.Apply(X)
	var sum, sq float64
	for i := 0; i < 3; i++ {
		sum += Z.At(i, 0)
		sq += Z.At(i, 0) * Z.At(i, 0)
		if Z.At(i, 1) != 0 || math.Abs(Z.At(i, 2)) > 1e-15 {
			t.Errorf("constant columns scale to %v, %v, want 0", Z.At(i, 1), Z.At(i, 2))
		}
	}
	if math.Abs(sum) > 1e-15 || math.Abs(sq/3-1) > 1e-15 {
		t.Errorf("column 0 scaled has mean %v and variance %v, want 0 and 1", sum/3, sq/3)
	}
	if X.At(0, 0) != 1 {
		t.Error("Apply changed its argument")
	}
	for name, f := range map[string]func(){
		"FitScaler(0 rows)":    func() { FitScaler(matrix.New(0, 3)) },
		"Apply(wrong columns)": func() { s.Apply(matrix.New(2, 2)) },
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
