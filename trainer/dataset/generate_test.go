package dataset_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/trainer/dataset"
)

// Generate makes what package moons makes for each name, and says which
// argument is wrong rather than panicking.
func TestGenerate(t *testing.T) {
	want := map[string]func() (*matrix.Dense, []int){
		"moons":   func() (*matrix.Dense, []int) { return moons.Make(50, 0.1, 3) },
		"circles": func() (*matrix.Dense, []int) { return moons.Circles(50, 0.1, 3, 0.8) },
		"xor":     func() (*matrix.Dense, []int) { return moons.XOR(50, 0.1, 3) },
		"spiral":  func() (*matrix.Dense, []int) { return moons.Spiral(50, 0.1, 3, 2) },
	}
	for _, name := range dataset.Generators {
		d, err := dataset.Generate(name, 50, 0.1, 3)
		if err != nil {
			t.Fatalf("Generate(%s): %v", name, err)
		}
		X, y := want[name]()
		if !slices.Equal(d.X.Data, X.Data) || !slices.Equal(d.Y, y) || d.K != 2 || !d.HasLabels {
			t.Errorf("Generate(%s) differs from package moons' generator or has K %d, want 2", name, d.K)
		}
	}
	for _, tt := range []struct {
		name  string
		n     int
		noise float64
		want  string
	}{
		{"blobs", 10, 0, `dataset: unknown data set "blobs": want moons, circles, xor, spiral`},
		{"moons", 1, 0, "dataset: moons: n 1: want from 2 to"},
		{"xor", -5, 0, "dataset: xor: n -5"},
		{"spiral", 10, -1, "dataset: spiral: noise -1: want a finite number >= 0"},
	} {
		if _, err := dataset.Generate(tt.name, tt.n, tt.noise, 0); err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Generate(%s, %d, %v) = %v, want an error starting %q", tt.name, tt.n, tt.noise, err, tt.want)
		}
	}
}

func TestLabeled(t *testing.T) {
	X := matrix.New(3, 1)
	d, err := dataset.Labeled(X, []int{0, 2, 1})
	if err != nil || d.K != 3 {
		t.Errorf("Labeled(3 rows, labels 0 2 1) = %+v, %v; want K 3", d, err)
	}
	for _, y := range [][]int{{0, 0, 0}, {0, 1}, {0, -1, 1}} {
		if _, err := dataset.Labeled(X, y); err == nil {
			t.Errorf("Labeled(3 rows, %v): no error", y)
		}
	}
}
