package moons

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/ann-go/ann/internal/reference"
	"github.com/ann-go/ann/matrix"
)

// circlesCase is one call of scikit-learn's make_circles and what it returned.
type circlesCase struct {
	N      int         `json:"n"`
	Noise  float64     `json:"noise"`
	Seed   uint32      `json:"seed"`
	Factor float64     `json:"factor"`
	X      [][]float64 `json:"X"`
	Y      []int       `json:"y"`
}

func loadCircles(t *testing.T, path string) []circlesCase {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f struct{ Cases []circlesCase }
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(f.Cases) == 0 {
		t.Fatalf("%s: no cases", path)
	}
	return f.Cases
}

// The cases were printed by scikit-learn 1.2.1's make_circles(n_samples=n,
// noise=noise, random_state=seed, factor=factor) (Debian's python3-sklearn):
// testdata/numpy/circles.json by docs/numpy/gen_data.py, and
// moons/testdata/circles_more.json (n = 0 to 4, odd n, noise 0, factor 0) by
// docs/numpy/gen_dataset_checks.py.
func TestCirclesMatchesScikitLearn(t *testing.T) {
	cases := loadCircles(t, filepath.Join(reference.Dir(), "numpy", "circles.json"))
	cases = append(cases, loadCircles(t, filepath.Join("testdata", "circles_more.json"))...)
	for _, c := range cases {
		X, y := Circles(c.N, c.Noise, c.Seed, c.Factor)
		if X.Cols != 2 {
			t.Fatalf("Circles(%d) has %d columns, want 2", c.N, X.Cols)
		}
		name := fmt.Sprintf("Circles(%d, %v, %d, %v)", c.N, c.Noise, c.Seed, c.Factor)
		checkSame(t, name, X, y, c.X, c.Y)
	}
}

func TestCirclesShape(t *testing.T) {
	// n = 5, no noise: 2 outer points at angles 0, π and 3 inner ones at 0,
	// 2π/3, 4π/3 (times factor), in some order.
	X, y := Circles(5, 0, 1, 0.5)
	var out, in int
	for i, label := range y {
		r := math.Hypot(X.At(i, 0), X.At(i, 1))
		switch label {
		case 0:
			out++
			if !(math.Abs(r-1) <= 1e-15) {
				t.Errorf("outer point %d at radius %v, want 1", i, r)
			}
		case 1:
			in++
			if !(math.Abs(r-0.5) <= 1e-15) {
				t.Errorf("inner point %d at radius %v, want 0.5", i, r)
			}
		default:
			t.Errorf("y[%d] = %d, want 0 or 1", i, label)
		}
	}
	if out != 2 || in != 3 {
		t.Errorf("Circles(5) has %d outer and %d inner points, want 2 and 3", out, in)
	}
	X2, y2 := Circles(5, 0, 1, 0.5)
	checkSame(t, "Circles again", X2, y2, rows(X), y)
}

func rows(X *matrix.Dense) [][]float64 {
	r := make([][]float64, X.Rows)
	for i := range r {
		r[i] = X.Row(i)
	}
	return r
}

func TestCirclesPanics(t *testing.T) {
	for _, tt := range []struct {
		n             int
		noise, factor float64
	}{{-1, 0, 0.8}, {10, -0.1, 0.8}, {10, math.NaN(), 0.8}, {10, 0.1, 1}, {10, 0.1, -0.1},
		{10, 0.1, math.NaN()}, {10, 0.1, math.Inf(1)}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Circles(%d, %v, 0, %v) did not panic", tt.n, tt.noise, tt.factor)
				}
			}()
			Circles(tt.n, tt.noise, 0, tt.factor)
		}()
	}
}
