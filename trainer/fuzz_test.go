package trainer

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/ann-go/ann/internal/finite"
	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/trainer/dataset"
)

// FuzzTrain trains on random small data, sizes and settings: Train never
// panics, and returns either finite costs or an error: a *DivergenceError,
// or a *dataset.ArgError or a data error for settings it cannot run with.
func FuzzTrain(f *testing.F) {
	f.Add(uint8(5), uint8(2), uint8(3), uint8(2), 0.5, 0.0, 0.0, uint8(0), uint8(3), false, []byte{1, 2, 3, 4, 5, 6, 7, 8})
	f.Add(uint8(20), uint8(3), uint8(0), uint8(3), 1e300, 0.1, 0.9, uint8(4), uint8(10), false, []byte{255, 0, 128})
	f.Add(uint8(1), uint8(1), uint8(4), uint8(1), 0.1, 2.0, 0.0, uint8(0), uint8(2), true, []byte{9})
	f.Add(uint8(0), uint8(2), uint8(2), uint8(2), 0.5, 0.0, 0.0, uint8(0), uint8(1), true, []byte{})
	f.Fuzz(func(t *testing.T, m, n, hidden, K uint8, alpha, lambda, momentum float64, batch, iters uint8, ref bool, data []byte) {
		rows, cols := int(m%40), int(n%4)+1
		sizes := []int{cols}
		if hidden%5 != 0 {
			sizes = append(sizes, int(hidden%5))
		}
		sizes = append(sizes, int(K%3)+1)
		X := matrix.New(rows, cols)
		y := make([]int, rows)
		for i := range X.Data {
			b := byte(i)
			if len(data) > 0 {
				b = data[i%len(data)]
			}
			X.Data[i] = (float64(b) - 128) * math.Pow(10, float64(b%7)-3)
		}
		for i := range y {
			y[i] = i % sizes[len(sizes)-1]
		}
		net := network.New(layer.Init(sizes, uint32(m)))
		c := Config{Alpha: alpha, Iters: int(iters%20) + 1, Lambda: lambda, Momentum: momentum, Batch: int(batch % 8), Reference: ref}
		res, err := Train(context.Background(), net, X, y, c)
		var de *DivergenceError
		var ae *dataset.ArgError
		switch {
		case err == nil:
			for _, J := range append(res.Costs, res.FinalCost) {
				if !finite.Is(J) {
					t.Fatalf("no error but the cost %v", J)
				}
			}
			if len(res.Costs) != c.Iters {
				t.Fatalf("%d costs for %d iterations", len(res.Costs), c.Iters)
			}
		case errors.As(err, &de):
			for _, J := range res.Costs {
				if !finite.Is(J) {
					t.Fatalf("the cost %v recorded before %v", J, err)
				}
			}
		case errors.As(err, &ae):
			if res != nil {
				t.Fatal("a result with a configuration error")
			}
		case rows == 0:
			// "no examples to train on"
		default:
			t.Fatalf("unexpected error %v", err)
		}
	})
}
