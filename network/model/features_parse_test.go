package model_test

import (
	"math"
	"strings"
	"testing"

	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network/model"
)

func TestParseFeatures(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{"x1,x2,x1*x2", "x1,x2,x1*x2"},
		{" X1 , x2² ,sin x1,x1x2,sin(x2), x1^2", "x1,x2^2,sin(x1),x1*x2,sin(x2),x1^2"},
		{"x1·x2", "x1*x2"},
	} {
		fs, err := model.ParseFeatures(tc.in)
		if err != nil {
			t.Errorf("ParseFeatures(%q): %v", tc.in, err)
			continue
		}
		if got := fs.String(); got != tc.want {
			t.Errorf("ParseFeatures(%q) = %s, want %s", tc.in, got, tc.want)
		}
		if err := fs.Check(); err != nil {
			t.Errorf("ParseFeatures(%q).Check() = %v, want nil", tc.in, err)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"x1,x3", `model: unknown feature "x3": want a list of x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2)`},
		{"x1,x1", "model: feature x1 is listed twice"},
		{"x1,x1^2,x1²", "model: feature x1^2 is listed twice"},
		{"", `model: unknown feature ""`},
	} {
		_, err := model.ParseFeatures(tc.in)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("ParseFeatures(%q) = %v, want an error starting %q", tc.in, err, tc.want)
		}
	}
}

func TestFeaturesApply(t *testing.T) {
	X := matrix.FromRows([][]float64{{2, -3}, {0.5, 0}})
	all := model.Features{model.X1, model.X2, model.X1Squared, model.X2Squared, model.X1X2, model.SinX1, model.SinX2}
	F, err := all.Apply(X)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]float64{
		{2, -3, 4, 9, -6, math.Sin(2), math.Sin(-3)},
		{0.5, 0, 0.25, 0, 0, math.Sin(0.5), 0},
	}
	if F.Rows != 2 || F.Cols != 7 {
		t.Fatalf("Apply: %dx%d, want 2x7", F.Rows, F.Cols)
	}
	for i := range want {
		for j, w := range want[i] {
			if got := F.At(i, j); got != w {
				t.Errorf("Apply: [%d][%d] (%v) = %v, want %v", i, j, all[j], got, w)
			}
		}
	}
	// Order is the list's, not the constants'.
	G, err := model.Features{model.X1X2, model.X1}.Apply(X)
	if err != nil {
		t.Fatal(err)
	}
	if G.At(0, 0) != -6 || G.At(0, 1) != 2 {
		t.Errorf("Features{x1*x2, x1}.Apply row 0 = %v, want [-6 2]", G.Row(0))
	}
}

func TestFeaturesApplyErrors(t *testing.T) {
	for _, tc := range []struct {
		fs   model.Features
		X    *matrix.Dense
		want string
	}{
		{model.Features{model.X1}, matrix.New(2, 3), "model: features x1 are computed from 2 columns (x1, x2), the data has 3"},
		{model.Features{model.X1X2}, matrix.FromRows([][]float64{{1, 2}, {1e200, 1e200}}), "model: feature x1*x2 of row 1 (1e+200, 1e+200) is +Inf: want a finite number"},
		{model.Features{}, matrix.New(1, 2), "model: no features"},
		{model.Features{model.Feature(9)}, matrix.New(1, 2), "model: feature 0 is Feature(9): want one of x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2)"},
		{model.Features{model.X2, model.X2}, matrix.New(1, 2), "model: feature x2 is listed twice"},
	} {
		_, err := tc.fs.Apply(tc.X)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%v.Apply: %v, want %q", tc.fs, err, tc.want)
		}
	}
}
