package moons

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ann-go/ann/internal/reference"
	"github.com/ann-go/ann/matrix"

	// -update, so that go test ./... -update runs here too (no golden files here).
	_ "github.com/ann-go/ann/internal/golden"
)

// checkSame compares a generated data set with scikit-learn's: labels exactly,
// coordinates within 1e-12 (Go's math.Cos/Sin may differ from libm by an ulp).
func checkSame(t *testing.T, name string, X *matrix.Dense, y []int, wantX [][]float64, wantY []int) {
	t.Helper()
	if X.Rows != len(wantX) || len(y) != len(wantY) {
		t.Fatalf("%s: %d rows and %d labels, want %d and %d", name, X.Rows, len(y), len(wantX), len(wantY))
	}
	for i := range wantY {
		if y[i] != wantY[i] {
			t.Fatalf("%s: y[%d] = %d, want %d", name, i, y[i], wantY[i])
		}
		for j, w := range wantX[i] {
			if got := X.At(i, j); !(math.Abs(got-w) <= 1e-12) {
				t.Fatalf("%s: X[%d][%d] = %v, want %v", name, i, j, got, w)
			}
		}
	}
}

// The reference runs hold make_moons(1000, 0.1, 0) (the tutorial's data set) and
// make_moons(400, 0.2, 3), as scikit-learn 1.2.1 made them.
func TestMatchesScikitLearn(t *testing.T) {
	for _, name := range []string{"take1", "regularized"} {
		r, err := reference.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		c := r.Config
		X, y := Make(c.N, c.Noise, c.DataSeed)
		checkSame(t, name, X, y, r.X, r.Y)
	}
}

// testdata/numpy/moons.json holds make_moons for other sizes, noise levels and
// seeds (docs/numpy/gen_data.py, scikit-learn 1.2.1), odd and tiny n among them.
func TestMatchesScikitLearnCases(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(reference.Dir(), "numpy", "moons.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Cases []struct {
			N     int         `json:"n"`
			Noise *float64    `json:"noise"`
			Seed  uint32      `json:"seed"`
			X     [][]float64 `json:"X"`
			Y     []int       `json:"y"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Cases) < 5 {
		t.Fatalf("moons.json has %d cases", len(f.Cases))
	}
	for _, c := range f.Cases {
		noise := 0.0 // noise=None in scikit-learn: no noise, no draws
		if c.Noise != nil {
			noise = *c.Noise
		}
		X, y := Make(c.N, noise, c.Seed)
		checkSame(t, fmt.Sprintf("make_moons(%d, %v, %d)", c.N, noise, c.Seed), X, y, c.X, c.Y)
	}
}

func TestUnshuffled(t *testing.T) {
	X, y := MakeUnshuffled(5, 0, 0)
	// n_out = 2 points at t = 0, π; n_in = 3 at t = 0, π/2, π.
	want := [][]float64{{1, 0}, {-1, 0}, {0, 0.5}, {1, -0.5}, {2, 0.5}}
	checkSame(t, "MakeUnshuffled(5)", X, y, want, []int{0, 0, 1, 1, 1})
}

func TestSmall(t *testing.T) {
	for n := 0; n <= 3; n++ {
		X, y := Make(n, 0.1, 0)
		if X.Rows != n || X.Cols != 2 || len(y) != n {
			t.Errorf("Make(%d) gives %dx%d and %d labels", n, X.Rows, X.Cols, len(y))
		}
	}
	// n = 1: one inner point at t = 0, (0, 0.5), no noise.
	X, y := Make(1, 0, 0)
	checkSame(t, "Make(1, 0, 0)", X, y, [][]float64{{0, 0.5}}, []int{1})
}

// Arguments out of range panic with a message naming the argument, before
// any work: a non-finite noise would otherwise give non-finite data, a huge n
// an out-of-memory end.
func TestPanics(t *testing.T) {
	for _, tt := range []struct {
		n     int
		noise float64
		want  string
	}{
		{-1, 0, "n = -1"},
		{1 << 40, 0, "n = 1099511627776"},
		{10, -0.1, "noise -0.1"},
		{10, math.NaN(), "noise NaN"},
		{5, math.Inf(1), "noise +Inf"},
		{5, math.Inf(-1), "noise -Inf"},
	} {
		for name, f := range map[string]func(){
			"Make":    func() { Make(tt.n, tt.noise, 0) },
			"Circles": func() { Circles(tt.n, tt.noise, 0, 0.5) },
			"XOR":     func() { XOR(tt.n, tt.noise, 0) },
			"Spiral":  func() { Spiral(tt.n, tt.noise, 0, 3) },
		} {
			func() {
				defer func() {
					if r, _ := recover().(string); !strings.HasPrefix(r, "moons: "+name+": ") || !strings.Contains(r, tt.want) {
						t.Errorf("%s(%d, %v): recovered %q, want a moons: %s: panic saying %q", name, tt.n, tt.noise, r, name, tt.want)
					}
				}()
				f()
			}()
		}
	}
}

func BenchmarkMake(b *testing.B) {
	for b.Loop() {
		Make(1000, 0.1, 0)
	}
}
