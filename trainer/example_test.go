package trainer_test

import (
	"context"
	"fmt"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/trainer"
)

// The tutorial's "Take 1": 1000 iterations of batch gradient descent on the
// moons, from the weights np.random.seed(0) gives.
func ExampleTrain() {
	X, y := moons.Make(1000, 0.1, 0)
	net := network.New(layer.Init(layer.Tutorial, 0))
	res, err := trainer.Train(context.Background(), net, X, y, trainer.Config{Alpha: 0.5, Iters: 1000})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("cost: first %.4f, last %.4f\n", res.Costs[0], res.Costs[len(res.Costs)-1])
	fmt.Printf("accuracy: %.3f\n", network.Accuracy(res.Net, X, y))
	// Output:
	// cost: first 1.4015, last 0.5195
	// accuracy: 0.875
}

// The same Take 1 on the reference loop: the tutorial's train_network written
// with network.Forward, network.CostOf, network.Backprop and Step, the loop a
// reader edits to see a change.
func ExampleTrain_reference() {
	X, y := moons.Make(1000, 0.1, 0)
	net := network.New(layer.Init(layer.Tutorial, 0))
	res, err := trainer.Train(context.Background(), net, X, y, trainer.Config{Alpha: 0.5, Iters: 1000, Reference: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("cost: first %.4f, last %.4f, after training %.4f\n", res.Costs[0], res.Costs[len(res.Costs)-1], res.FinalCost)
	fmt.Printf("accuracy: %.3f\n", network.Accuracy(res.Net, X, y))
	// Output:
	// cost: first 1.4015, last 0.5195, after training 0.5195
	// accuracy: 0.875
}

// A learner's own loop, step by step, the tutorial's train_network on the
// package network functions: it is what Train with Config.Reference runs.
func ExampleStep() {
	X, y := moons.Make(1000, 0.1, 0)
	net := network.New(layer.Init(layer.Tutorial, 0))
	alpha := 0.5
	var costs []float64
	for range 1000 {
		p := network.Forward(net, X)
		costs = append(costs, network.CostOf(net, p, y, 0))
		trainer.Step(net.Theta, network.Backprop(net, p, y, 0), alpha)
	}
	fmt.Printf("cost: first %.4f, last %.4f\n", costs[0], costs[len(costs)-1])
	// Output:
	// cost: first 1.4015, last 0.5195
}
