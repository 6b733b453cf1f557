package trainer

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/network"
)

// Adam's first steps, computed by hand in the paper's form (Kingma and Ba,
// Algorithm 1: bias-corrected moments m̂ = m/(1-β1^t), v̂ = v/(1-β2^t),
// Θ := Θ - α m̂/(√v̂ + ε̂)), with ε̂ = ε/√(1-β2^t), which makes it the same
// update as the form Train uses. The first step is also checked in closed
// form: m̂ = D and v̂ = D², so each weight moves by α D/(|D| + ε/√(1-β2)),
// almost exactly α against the sign of its gradient.
func TestAdamFirstSteps(t *testing.T) {
	X, y := moons.Make(60, 0.2, 2)
	net := network.New(layer.Init([]int{2, 4, 2}, 1))
	const alpha, lambda, beta1, beta2, eps = 0.01, 0.1, 0.9, 0.999, 1e-8
	hand := net.Copy()
	m, v := zerosLike(hand.Theta), zerosLike(hand.Theta)
	for step := 1; step <= 3; step++ {
		D := network.Backprop(hand, network.Forward(hand, X), y, lambda)
		before := hand.Copy()
		for l := 1; l < len(D); l++ {
			for i, d := range D[l].Data {
				m[l].Data[i] = beta1*m[l].Data[i] + (1-beta1)*d
				v[l].Data[i] = beta2*v[l].Data[i] + (1-beta2)*d*d
				mHat := m[l].Data[i] / (1 - math.Pow(beta1, float64(step)))
				vHat := v[l].Data[i] / (1 - math.Pow(beta2, float64(step)))
				epsHat := eps / math.Sqrt(1-math.Pow(beta2, float64(step)))
				hand.Theta[l].Data[i] -= alpha * mHat / (math.Sqrt(vHat) + epsHat)
			}
		}
		res, err := Train(context.Background(), net, X, y, Config{Alpha: alpha, Iters: step, Lambda: lambda, Optimizer: "adam"})
		if err != nil {
			t.Fatal(err)
		}
		for l := 1; l < len(D); l++ {
			for i, want := range hand.Theta[l].Data {
				if got := res.Net.Theta[l].Data[i]; math.Abs(got-want) > 1e-14 {
					t.Fatalf("step %d: Theta%d[%d] = %v, by hand %v", step, l, i, got, want)
				}
				if step == 1 {
					d := D[l].Data[i]
					move := before.Theta[l].Data[i] - want
					if closed := alpha * d / (math.Abs(d) + eps/math.Sqrt(1-beta2)); math.Abs(move-closed) > 1e-15 {
						t.Fatalf("step 1: Theta%d[%d] moved %v, want α D/(|D|+ε/√(1-β2)) = %v", l, i, move, closed)
					}
				}
			}
		}
	}
	// β1, β2 and ε given explicitly as the defaults give the same bits.
	a, err := Train(context.Background(), net, X, y, Config{Alpha: alpha, Iters: 5, Optimizer: "adam"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Train(context.Background(), net, X, y, Config{Alpha: alpha, Iters: 5, Optimizer: "adam", Beta1: 0.9, Beta2: 0.999, Epsilon: 1e-8})
	if err != nil {
		t.Fatal(err)
	}
	if a.FinalCost != b.FinalCost {
		t.Errorf("defaults: final cost %v, explicit %v", a.FinalCost, b.FinalCost)
	}
}

// Optimizer "momentum" is the Momentum field's update; "gd" the plain one.
func TestOptimizerNames(t *testing.T) {
	X, y := moons.Make(60, 0.2, 2)
	net := network.New(layer.Init([]int{2, 4, 2}, 1))
	train := func(c Config) float64 {
		t.Helper()
		res, err := Train(context.Background(), net, X, y, c)
		if err != nil {
			t.Fatal(err)
		}
		return res.FinalCost
	}
	if a, b := train(Config{Alpha: 0.5, Iters: 10, Momentum: 0.9}), train(Config{Alpha: 0.5, Iters: 10, Momentum: 0.9, Optimizer: "momentum"}); a != b {
		t.Errorf("optimizer momentum: final cost %v, Momentum alone %v", b, a)
	}
	if a, b := train(Config{Alpha: 0.5, Iters: 10}), train(Config{Alpha: 0.5, Iters: 10, Optimizer: "gd"}); a != b {
		t.Errorf("optimizer gd: final cost %v, default %v", b, a)
	}
}

func TestOptimizerConfigErrors(t *testing.T) {
	for _, tt := range []struct {
		c    Config
		want string
	}{
		{Config{Alpha: 1, Iters: 1, Optimizer: "sgd"}, "trainer: optimizer sgd: want gd, momentum or adam"},
		{Config{Alpha: 1, Iters: 1, Optimizer: "momentum"}, "momentum 0: want a number in (0, 1)"},
		{Config{Alpha: 1, Iters: 1, Optimizer: "adam", Momentum: 0.9}, "momentum 0.9: want 0 with optimizer adam"},
		{Config{Alpha: 1, Iters: 1, Beta1: 0.5}, "trainer: beta1 0.5: only for optimizer adam"},
		{Config{Alpha: 1, Iters: 1, Optimizer: "adam", Beta2: 1}, "beta2 1: want a number in [0, 1)"},
		{Config{Alpha: 1, Iters: 1, Optimizer: "adam", Epsilon: -1}, "epsilon -1"},
		{Config{Alpha: 1, Iters: 1, Optimizer: "adam", Reference: true}, "the reference loop is gradient descent only"},
	} {
		if err := tt.c.Check(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Check(%+v) = %v, want %q", tt.c, err, tt.want)
		}
	}
}
