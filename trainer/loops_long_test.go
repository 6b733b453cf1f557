//go:build long

package trainer

import (
	"context"
	"math"
	"testing"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/network"
)

// The tutorial's Take 1 (1000 moons, 2-5-5-2, alpha 0.5, 1000 iterations)
// and Take 2 (its first 500 rows, 5000 iterations): the reference loop and
// the fast loop give the same costs, and the same final cost, to 1e-12
// relative.
func TestReferenceLoopEqualsFastLoop(t *testing.T) {
	X, y := moons.Make(1000, 0.1, 0)
	takes := []struct {
		name  string
		m     int
		iters int
	}{{"Take 1", 1000, 1000}, {"Take 2", 500, 5000}}
	for _, tk := range takes {
		Xm := &matrix.Dense{Rows: tk.m, Cols: 2, Data: X.Data[:2*tk.m]}
		var res [2]*Result
		for i, ref := range []bool{false, true} {
			net := network.New(layer.Init(layer.Tutorial, 0))
			r, err := Train(context.Background(), net, Xm, y[:tk.m], Config{Alpha: 0.5, Iters: tk.iters, Reference: ref})
			if err != nil {
				t.Fatalf("%s (reference %v): %v", tk.name, ref, err)
			}
			res[i] = r
		}
		fastRes, refRes := res[0], res[1]
		if len(fastRes.Costs) != tk.iters || len(refRes.Costs) != tk.iters {
			t.Fatalf("%s: %d and %d costs, want %d", tk.name, len(fastRes.Costs), len(refRes.Costs), tk.iters)
		}
		worst := 0.0
		for i, J := range refRes.Costs {
			worst = max(worst, math.Abs(fastRes.Costs[i]-J)/J)
			if math.IsNaN(fastRes.Costs[i]) {
				worst = math.NaN()
			}
		}
		if !(worst <= 1e-12) {
			t.Errorf("%s: the loops' costs differ by up to %.3g relative, want <= 1e-12", tk.name, worst)
		}
		if d := math.Abs(fastRes.FinalCost-refRes.FinalCost) / refRes.FinalCost; !(d <= 1e-12) {
			t.Errorf("%s: final costs %v (fast) and %v (reference)", tk.name, fastRes.FinalCost, refRes.FinalCost)
		}
		if want := network.Cost(refRes.Net, Xm, y[:tk.m], 0); refRes.FinalCost != want {
			t.Errorf("%s: FinalCost %v, network.Cost of the trained network %v", tk.name, refRes.FinalCost, want)
		}
	}
}
