package model

import (
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/ann-go/ann/internal/finite"
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

// nearRel reports whether got is within tol of want, relative to max(1, |want|).
func nearRel(got, want, tol float64) bool {
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
			X = readFeatures(t, filepath.Join(reference.Dir(), filepath.Base(c.File)))
			want = c.ZFirstRows
		}
		s := FitScaler(X)
		for j := range c.Mean {
			if s.Mean[j] != c.Mean[j] || s.Std[j] != c.Scale[j] {
				t.Errorf("%s: column %d: mean %v, std %v; want %v, %v", c.Name, j, s.Mean[j], s.Std[j], c.Mean[j], c.Scale[j])
			}
		}
		Z, err := s.Transform(X)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		for i, row := range want {
			for j, w := range row {
				if got := Z.At(i, j); got != w {
					t.Errorf("%s: Z[%d][%d] = %v, want %v", c.Name, i, j, got, w)
				}
			}
		}
	}
}

// readFeatures returns the features of a gzipped CSV file without a header,
// all its columns but the last (the label), as the generator's load_csv.
// (Package model's own tests read it without trainer/dataset, a package
// above this one.)
func readFeatures(t *testing.T, path string) *matrix.Dense {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(z).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows := make([][]float64, len(records))
	for i, r := range records {
		for _, field := range r[:len(r)-1] {
			x, err := strconv.ParseFloat(field, 64)
			if err != nil {
				t.Fatalf("%s, line %d: %v", path, i+1, err)
			}
			rows[i] = append(rows[i], x)
		}
	}
	return matrix.FromRows(rows)
}

func TestScaler(t *testing.T) {
	X := matrix.FromRows([][]float64{{1, 5, 0.1}, {3, 5, 0.1}, {8, 5, 0.1}})
	s := FitScaler(X)
	// Column 0: mean 4, variance (9 + 1 + 16)/3; columns 1 and 2 are
	// constant and get Std 1 (0.1's mean is 0.1 up to rounding).
	if !nearRel(s.Mean[0], 4, 1e-15) || !nearRel(s.Std[0], math.Sqrt(26.0/3), 1e-15) || s.Std[1] != 1 || s.Std[2] != 1 {
		t.Errorf("FitScaler = %+v, want mean 4, std √(26/3), then std 1, 1", s)
	}
	Z, err := s.Transform(X)
	if err != nil {
		t.Fatal(err)
	}
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
		t.Error("Transform changed its argument")
	}
	for name, f := range map[string]func(){
		"FitScaler(0 rows)":               func() { FitScaler(matrix.New(0, 3)) },
		"FitScaler(0 rows, 0 cols)":       func() { FitScaler(matrix.New(0, 0)) },
		"FitScaler(NaN)":                  func() { FitScaler(matrix.FromRows([][]float64{{1}, {math.NaN()}})) },
		"FitScaler(Inf)":                  func() { FitScaler(matrix.FromRows([][]float64{{math.Inf(-1)}, {1}})) },
		"Transform(wrong columns)":        func() { s.Transform(matrix.New(2, 2)) },
		"InverseTransform(wrong columns)": func() { s.InverseTransform(matrix.New(2, 4)) },
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

// TestScalerExtremes fits columns whose squares leave the float64 range, up
// (near ±1e300, ±1.7e308), where scikit-learn returns a Std of 1 or NaN, and
// down (near 1e-300), and checks FitScaler against the mean and population
// deviation computed exactly (math/big, rounded to float64 at the end). A
// column of deviations below 1e-154 is constant for FitScaler as for
// scikit-learn (their squares underflow to 0): Std 1.
func TestScalerExtremes(t *testing.T) {
	for _, col := range [][]float64{
		{1e300, 2e300, 3e300},
		{-1e300, 1e300, -5e299, 7e299},
		{1e154, 2e154, 3e154},
		{math.MaxFloat64, -math.MaxFloat64},
		{math.MaxFloat64, math.MaxFloat64 / 2, -math.MaxFloat64, 1},
		{1e-150, 2e-150, 3e-150},
		{1e-300, 2e-300, 3e-300},                   // constant: Std 1
		{-1e-300, 3e-300, 5e-324},                  // constant: Std 1
		{1e300, 1e300, 1e300},                      // constant: Std 1
		{1e-300, 1e-300},                           // constant: Std 1
		{0, 0, 0},                                  // constant: Std 1
		{1e300, -1e-300, 1e-300, -1e300, 0, 1e300}, // 600 orders of magnitude
	} {
		X := matrix.New(len(col), 2)
		for i, x := range col {
			X.Set(i, 0, x)
			X.Set(i, 1, float64(i)) // an ordinary column beside it
		}
		s := FitScaler(X)
		mean, std := exactMeanStd(col)
		if std < 1e-154 {
			std = 1
		}
		if !(math.Abs(s.Mean[0]-mean) <= 1e-15*math.Abs(mean)) || !(math.Abs(s.Std[0]-std) <= 1e-15*std) {
			t.Errorf("FitScaler(%v): mean %v, std %v; want %v, %v", col, s.Mean[0], s.Std[0], mean, std)
		}
		Z, err := s.Transform(X)
		if err != nil {
			t.Errorf("Transform(%v): %v", col, err)
			continue
		}
		var sum, sq float64
		for i := range col {
			z := Z.At(i, 0)
			if !finite.Is(z) {
				t.Fatalf("Transform(%v) row %d = %v", col, i, z)
			}
			sum += z
			sq += z * z
		}
		m := float64(len(col))
		wantSq := m // standardized: mean 0, variance 1
		if s.Std[0] == 1 && std == 1 {
			wantSq = 0 // a constant column scales to zeros (near 0 for rounding)
		}
		if !(math.Abs(sum/m) <= 1e-14) || !(math.Abs(sq-wantSq) <= 1e-14*m) {
			t.Errorf("Transform(%v) column: mean %v, Σz² %v; want 0, %v", col, sum/m, sq, wantSq)
		}
		back, err := s.InverseTransform(Z)
		if err != nil {
			t.Errorf("InverseTransform(%v): %v", col, err)
			continue
		}
		for i, x := range col {
			if got := back.At(i, 0); !(math.Abs(got-x) <= 1e-15*math.Max(math.Abs(x), math.Abs(mean))+4*std*0x1p-52) {
				t.Errorf("InverseTransform(Transform(%v)) row %d = %v", col, i, got)
			}
		}
	}
}

// exactMeanStd returns the mean and the population standard deviation of
// col, computed exactly and rounded at the end.
func exactMeanStd(col []float64) (mean, std float64) {
	const prec = 4000 // enough for sums of squares of 1e±308 with no rounding
	sum := new(big.Float).SetPrec(prec)
	for _, x := range col {
		sum.Add(sum, new(big.Float).SetPrec(prec).SetFloat64(x))
	}
	m := new(big.Float).SetPrec(prec).SetInt64(int64(len(col)))
	mu := new(big.Float).SetPrec(prec).Quo(sum, m)
	sq := new(big.Float).SetPrec(prec)
	for _, x := range col {
		d := new(big.Float).SetPrec(prec).SetFloat64(x)
		d.Sub(d, mu)
		sq.Add(sq, d.Mul(d, d))
	}
	v := sq.Quo(sq, m)
	std, _ = v.Sqrt(v).Float64()
	mean, _ = mu.Float64()
	return mean, std
}

func TestTransformOverflow(t *testing.T) {
	X := matrix.FromRows([][]float64{{1e-150, 0}, {2e-150, 1}, {3e-150, 2}})
	s := FitScaler(X) // Std of column 0: about 8.2e-151
	for _, tt := range []struct {
		row  []float64
		want string
	}{
		{[]float64{1e300, 0}, "model: Transform: row 1, column 0: (1e+300 - mean 2e-150) / std 8.164965809277261e-151 is beyond the float64 range"},
		{[]float64{math.NaN(), 0}, "model: Transform: row 1, column 0 is NaN"},
		{[]float64{0, math.Inf(1)}, "model: Transform: row 1, column 1 is +Inf"},
	} {
		Z, err := s.Transform(matrix.FromRows([][]float64{{0, 0}, tt.row}))
		if Z != nil || err == nil || err.Error() != tt.want {
			t.Errorf("Transform(%v) = %v, %v; want nil, %s", tt.row, Z, err, tt.want)
		}
	}
	// x - mean overflows, but the standardized value does not.
	s = FitScaler(matrix.FromRows([][]float64{{-math.MaxFloat64}, {math.MaxFloat64}}))
	Z, err := s.Transform(matrix.FromRows([][]float64{{math.MaxFloat64}, {-math.MaxFloat64}, {0}}))
	if err != nil || Z.At(0, 0) != 1 || Z.At(1, 0) != -1 || Z.At(2, 0) != 0 {
		t.Errorf("Transform(±MaxFloat64) with mean 0, std MaxFloat64 = %v, %v; want [1 -1 0]", Z, err)
	}
	s = FitScaler(matrix.FromRows([][]float64{{1e308}, {1e308}})) // constant: Std 1
	if _, err := s.Transform(matrix.FromRows([][]float64{{-1e308}})); err == nil {
		t.Error("Transform(-1e308) of a constant column at 1e308: no error")
	}
	if _, err := s.InverseTransform(matrix.FromRows([][]float64{{1e308}})); err == nil {
		t.Error("InverseTransform(1e308) with mean 1e308: no error")
	}
	if _, err := s.InverseTransform(matrix.FromRows([][]float64{{math.NaN()}})); err == nil {
		t.Error("InverseTransform(NaN): no error")
	}
}
