package moons

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// pinned is one data set computed in Python with numpy from the formulas in
// the doc comments of XOR and Spiral, by docs/numpy/gen_dataset_checks.py
// (moons/testdata/more.json).
type pinned struct {
	N     int         `json:"n"`
	Noise float64     `json:"noise"`
	Seed  uint32      `json:"seed"`
	K     int         `json:"K"`
	X     [][]float64 `json:"X"`
	Y     []int       `json:"y"`
}

func loadMore(t *testing.T) (xor, spiral []pinned) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "more.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct{ XOR, Spiral []pinned }
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.XOR) == 0 || len(f.Spiral) == 0 {
		t.Fatal("testdata/more.json: no cases")
	}
	return f.XOR, f.Spiral
}

func TestXORMatchesNumpy(t *testing.T) {
	cases, _ := loadMore(t)
	for _, c := range cases {
		X, y := XOR(c.N, c.Noise, c.Seed)
		checkSame(t, fmt.Sprintf("XOR(%d, %v, %d)", c.N, c.Noise, c.Seed), X, y, c.X, c.Y)
	}
}

func TestSpiralMatchesNumpy(t *testing.T) {
	_, cases := loadMore(t)
	for _, c := range cases {
		X, y := Spiral(c.N, c.Noise, c.Seed, c.K)
		checkSame(t, fmt.Sprintf("Spiral(%d, %v, %d, %d)", c.N, c.Noise, c.Seed, c.K), X, y, c.X, c.Y)
	}
}

func TestXOR(t *testing.T) {
	const n = 10000
	X, y := XOR(n, 0, 3)
	if X.Rows != n || X.Cols != 2 || len(y) != n {
		t.Fatalf("XOR(%d) gives %dx%d and %d labels", n, X.Rows, X.Cols, len(y))
	}
	ones := 0
	for i, label := range y {
		x1, x2 := X.At(i, 0), X.At(i, 1)
		if x1 < -1 || x1 >= 1 || x2 < -1 || x2 >= 1 {
			t.Fatalf("point %d = (%v, %v) is outside [-1, 1)²", i, x1, x2)
		}
		want := 0
		if (x1 > 0) != (x2 > 0) {
			want = 1
		}
		if label != want {
			t.Fatalf("point %d = (%v, %v) has label %d, want %d", i, x1, x2, label, want)
		}
		ones += label
	}
	// Uniform points: each quadrant holds a quarter, so about half are 1s
	// (the standard deviation of the count is 50).
	if ones < n/2-300 || ones > n/2+300 {
		t.Errorf("XOR(%d) has %d labels 1, want about %d", n, ones, n/2)
	}
	// The noise is drawn after the points: it moves them, not the labels.
	Xn, yn := XOR(n, 0.1, 3)
	for i := range y {
		if yn[i] != y[i] {
			t.Fatalf("with noise, y[%d] = %d, want %d", i, yn[i], y[i])
		}
	}
	if d := Xn.At(0, 0) - X.At(0, 0); d == 0 || math.Abs(d) > 1 {
		t.Errorf("noise moved x1 of point 0 by %v", d)
	}
	Xa, ya := XOR(n, 0.1, 3)
	checkSame(t, "XOR again", Xa, ya, rows(Xn), yn)
}

func TestSpiral(t *testing.T) {
	for _, tt := range []struct{ n, K int }{{0, 2}, {1, 2}, {7, 2}, {100, 2}, {101, 3}, {10, 4}} {
		X, y := Spiral(tt.n, 0, 5, tt.K)
		if X.Rows != tt.n || X.Cols != 2 || len(y) != tt.n {
			t.Fatalf("Spiral(%d, K=%d) gives %dx%d and %d labels", tt.n, tt.K, X.Rows, X.Cols, len(y))
		}
		count := make([]int, tt.K)
		for i, label := range y {
			count[label]++
			// Without noise, a point's distance from the center is its t,
			// and its angle is 4t + 2πj/K.
			r := math.Hypot(X.At(i, 0), X.At(i, 1))
			if r < 0.1-1e-15 || r > 1+1e-15 {
				t.Fatalf("Spiral point %d at radius %v, want 0.1..1", i, r)
			}
			want := 4*r + 2*math.Pi*float64(label)/float64(tt.K)
			if d := math.Remainder(math.Atan2(X.At(i, 1), X.At(i, 0))-want, 2*math.Pi); !(math.Abs(d) <= 1e-12) {
				t.Fatalf("Spiral point %d (label %d) is %v radians off its arm", i, label, d)
			}
		}
		for j, c := range count {
			want := tt.n / tt.K
			if j >= tt.K-tt.n%tt.K {
				want++
			}
			if c != want {
				t.Errorf("Spiral(%d, K=%d) has %d points of label %d, want %d", tt.n, tt.K, c, j, want)
			}
		}
	}
	X1, y1 := Spiral(50, 0.2, 9, 2)
	X2, y2 := Spiral(50, 0.2, 9, 2)
	checkSame(t, "Spiral again", X2, y2, rows(X1), y1)
}

func TestMorePanics(t *testing.T) {
	for name, f := range map[string]func(){
		"XOR(-1)":            func() { XOR(-1, 0, 0) },
		"XOR(noise -1)":      func() { XOR(5, -1, 0) },
		"XOR(noise NaN)":     func() { XOR(5, math.NaN(), 0) },
		"Spiral(-1)":         func() { Spiral(-1, 0, 0, 2) },
		"Spiral(noise -0.1)": func() { Spiral(5, -0.1, 0, 2) },
		"Spiral(noise NaN)":  func() { Spiral(5, math.NaN(), 0, 2) },
		"Spiral(K 1)":        func() { Spiral(5, 0, 0, 1) },
		"Spiral(K 0)":        func() { Spiral(5, 0, 0, 0) },
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
