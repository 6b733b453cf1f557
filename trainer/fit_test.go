package trainer_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/model"
	"github.com/ann-go/ann/trainer"
)

// Fit is the explicit path in one call: the same weights, costs and scaler
// as layer.Init, model.FitScaler and Train by hand.
func TestFitIsTheExplicitPath(t *testing.T) {
	X, y := moons.Make(300, 0.2, 2)
	X.Data[1] *= 40
	ctx := context.Background()
	m, res, err := trainer.Fit(ctx, X, y, trainer.Options{Hidden: []int{4}, Activation: network.Tanh, Seed: 3, Standardize: true,
		Config: trainer.Config{Alpha: 0.7, Iters: 40}})
	if err != nil {
		t.Fatal(err)
	}
	sc := model.FitScaler(X)
	Xs, err := sc.Transform(X)
	if err != nil {
		t.Fatal(err)
	}
	net := network.New(layer.Init([]int{2, 4, 2}, 3))
	net.Hidden = network.Tanh
	want, err := trainer.Train(ctx, net, Xs, y, trainer.Config{Alpha: 0.7, Iters: 40})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Costs, want.Costs) || !slices.Equal(m.Scaler.Mean, sc.Mean) || !slices.Equal(m.Scaler.Std, sc.Std) {
		t.Errorf("Fit's costs or scaler differ from the explicit path's")
	}
	for l := 1; l < len(want.Net.Theta); l++ {
		if !slices.Equal(m.Net.Theta[l].Data, want.Net.Theta[l].Data) || m.Net.Hidden != network.Tanh {
			t.Errorf("Fit's Theta%d or activation differs from the explicit path's", l)
		}
	}
	// The zero Options are the tutorial's network, weights and training.
	m, res, err = trainer.Fit(ctx, X, y, trainer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, err = trainer.Train(ctx, network.New(layer.Init(layer.Tutorial, 0)), X, y, trainer.Config{Alpha: 0.5, Iters: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m.Net.Sizes(), layer.Tutorial) || m.Scaler != nil || !slices.Equal(res.Costs, want.Costs) {
		t.Errorf("Fit with zero Options: sizes %v, scaler %v, or costs differ from the tutorial's 2-5-5-2, α 0.5, 1000 iterations", m.Net.Sizes(), m.Scaler)
	}
}

func TestFitErrors(t *testing.T) {
	ctx := context.Background()
	X := matrix.New(3, 2)
	for _, tt := range []struct {
		y    []int
		o    trainer.Options
		want string
	}{
		{[]int{0, 0, 0}, trainer.Options{}, "trainer: Fit: dataset: the 3 rows hold 1 class"},
		{[]int{0, -1, 1}, trainer.Options{}, "trainer: Fit: dataset: label -1 of row 1"},
		{[]int{0, 1, 1}, trainer.Options{Hidden: []int{0}}, "trainer: Fit: layer"},
		{[]int{0, 1}, trainer.Options{}, "trainer: Fit: dataset: 2 labels for 3 rows"},
		{[]int{0, 1, 0}, trainer.Options{Config: trainer.Config{Alpha: -1}}, "trainer: alpha -1"},
	} {
		if m, _, err := trainer.Fit(ctx, X, tt.y, tt.o); m != nil || err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Fit(y %v, %+v) = %v, %v; want nil and an error containing %q", tt.y, tt.o, m, err, tt.want)
		}
	}
}

// One call from data to a model that predicts raw rows and saves.
func ExampleFit() {
	X, y := moons.Make(1000, 0.1, 0) // the tutorial's data
	m, res, err := trainer.Fit(context.Background(), X, y, trainer.Options{Standardize: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	acc, err := m.Accuracy(X, y) // m standardizes X as Fit did
	fmt.Printf("%v network, cost %.4f -> %.4f, accuracy %.3f %v\n", m.Net.Sizes(), res.Costs[0], res.FinalCost, acc, err)
	// Output:
	// [2 5 5 2] network, cost 1.4015 -> 0.5180, accuracy 0.876 <nil>
}
