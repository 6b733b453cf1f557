package model_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/model"

	// -update, so that go test ./... -update runs here too (no golden files here).
	_ "github.com/ann-go/ann/internal/golden"
)

// A model scores labelled examples: the fraction it classifies right.
func ExampleModel_Accuracy() {
	m := &model.Model{Net: network.New(layer.Init(layer.Tutorial, 0))}
	X := matrix.FromRows([][]float64{{0, 1}, {1, -0.5}})
	acc, err := m.Accuracy(X, []int{1, 0})
	fmt.Println(acc, err)
	// Output:
	// 0.5 <nil>
}

// Accuracy agrees with package network's Accuracy on the raw network, and
// standardizes the inputs as Predict does.
func TestAccuracy(t *testing.T) {
	X, y := moons.Make(200, 0.2, 3)
	net := network.New(layer.Init(layer.Tutorial, 1))
	m := &model.Model{Net: net}
	got, err := m.Accuracy(X, y)
	if err != nil {
		t.Fatal(err)
	}
	if want := network.Accuracy(net, X, y); !(math.Abs(got-want) <= 0) {
		t.Errorf("Accuracy = %v, want network.Accuracy's %v", got, want)
	}
	// With a standardization that is the identity the result is the same.
	ms := &model.Model{Net: net, Scaler: &model.Scaler{Mean: []float64{0, 0}, Std: []float64{1, 1}}}
	if gs, err := ms.Accuracy(X, y); err != nil || gs != got {
		t.Errorf("with the identity standardization: %v, %v; want %v", gs, err, got)
	}
}

func TestAccuracyErrors(t *testing.T) {
	m := &model.Model{Net: network.New(layer.Init(layer.Tutorial, 0))}
	for name, tt := range map[string]struct {
		X    *matrix.Dense
		y    []int
		want string
	}{
		"labels":    {matrix.New(3, 2), []int{0, 1}, "model: 2 labels for 3 examples"},
		"no rows":   {matrix.New(0, 2), []int{}, "model: no examples to score"},
		"features":  {matrix.New(2, 3), []int{0, 1}, "model: "},
		"nonfinite": {matrix.FromRows([][]float64{{math.NaN(), 0}}), []int{0}, "model: "},
	} {
		_, err := m.Accuracy(tt.X, tt.y)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one starting %q", name, err, tt.want)
		}
	}
}
