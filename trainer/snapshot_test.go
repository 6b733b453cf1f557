package trainer

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/trainer/dataset"
)

// Snapshots copy the weights at the start of the iterations asked for,
// without changing the training: the costs, final cost and trained weights
// are bitwise those of a run without snapshots, and the snapshot of
// iteration n is the network that n-1 iterations make. Both loops.
func TestSnapshots(t *testing.T) {
	X, y := moons.Make(300, 0.1, 0)
	for _, ref := range []bool{false, true} {
		for _, batch := range []int{0, 64} {
			if ref && batch != 0 {
				continue
			}
			train := func(iters int, snaps []int) *Result {
				t.Helper()
				net := network.New(layer.Init(layer.Tutorial, 0))
				c := Config{Alpha: 0.5, Iters: iters, Batch: batch, Seed: 3, Reference: ref, Snapshots: snaps}
				res, err := Train(context.Background(), net, X, y, c)
				if err != nil {
					t.Fatal(err)
				}
				return res
			}
			plain := train(60, nil)
			snaps := []int{61, 1, 30, 2, 30}
			res := train(60, snaps)
			if !slices.Equal(plain.Costs, res.Costs) || plain.FinalCost != res.FinalCost || !sameWeights(plain.Net, res.Net) {
				t.Errorf("reference %v, batch %d: snapshots changed the training", ref, batch)
			}
			var iters []int
			for _, s := range res.Snapshots {
				iters = append(iters, s.Iter)
			}
			if want := []int{1, 2, 30, 61}; !slices.Equal(iters, want) {
				t.Fatalf("reference %v, batch %d: snapshots at %v, want %v", ref, batch, iters, want)
			}
			for _, s := range res.Snapshots {
				want := network.New(layer.Init(layer.Tutorial, 0))
				if s.Iter > 1 {
					want = train(s.Iter-1, nil).Net
				}
				if !sameWeights(s.Net, want) {
					t.Errorf("reference %v, batch %d: the snapshot of iteration %d is not the network of %d iterations", ref, batch, s.Iter, s.Iter-1)
				}
			}
			if res.Snapshots[1].Net == res.Net || &res.Snapshots[1].Net.Theta[1].Data[0] == &res.Net.Theta[1].Data[0] {
				t.Error("a snapshot shares the trained network's weights")
			}
		}
	}
}

func TestSnapshotsOutOfRange(t *testing.T) {
	X, y := moons.Make(20, 0.1, 0)
	net := network.New(layer.Init(layer.Tutorial, 0))
	for _, n := range []int{0, -1, 12} {
		_, err := Train(context.Background(), net, X, y, Config{Alpha: 0.5, Iters: 10, Snapshots: []int{1, n}})
		var ae *dataset.ArgError
		if !errors.As(err, &ae) || ae.Arg != "snapshots" {
			t.Errorf("Snapshots {1, %d} with 10 iterations: err %v, want a *dataset.ArgError on snapshots", n, err)
		}
	}
}

func sameWeights(a, b *network.Network) bool {
	if len(a.Theta) != len(b.Theta) {
		return false
	}
	for l := 1; l < len(a.Theta); l++ {
		if !matrixEqual(a.Theta[l], b.Theta[l]) {
			return false
		}
	}
	return true
}
