package check_test

import (
	"fmt"
	"os"

	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network/check"
	"github.com/ann-go/ann/sigmoid"
)

// myBackprop is a learner's own backpropagation, in numpy's layout (one
// example per row), for one hidden layer. It has a mistake: forgetting the
// 1/m, when divide is false.
func myBackprop(divide bool) func(Theta []*matrix.Dense, X *matrix.Dense, y []int, lambda float64) []*matrix.Dense {
	return func(Theta []*matrix.Dense, X *matrix.Dense, y []int, lambda float64) []*matrix.Dense {
		m := float64(X.Rows)
		A1 := matrix.WithBiasCol(X)
		A2 := matrix.WithBiasCol(matrix.Apply(sigmoid.G, matrix.MulT(A1, Theta[1])))
		A3 := matrix.Apply(sigmoid.G, matrix.MulT(A2, Theta[2]))
		d3 := A3.Copy()
		for i, c := range y {
			d3.Set(i, c, d3.At(i, c)-1) // A3 - y_mat
		}
		back := matrix.Mul(d3, matrix.DropFirstCol(Theta[2]))
		d2 := matrix.MulElem(back, matrix.Apply(sigmoid.GradientFromA, matrix.DropFirstCol(A2)))
		D := []*matrix.Dense{nil, matrix.TMul(d2, A1), matrix.TMul(d3, A2)}
		for l := 1; l <= 2; l++ {
			if divide {
				D[l] = matrix.Scale(1/m, D[l])
			}
			for j := 0; j < D[l].Rows; j++ {
				for i := 1; i < D[l].Cols; i++ {
					D[l].Set(j, i, D[l].At(j, i)+lambda/m*Theta[l].At(j, i))
				}
			}
		}
		return D
	}
}

// A Go learner checks their own backpropagation in their own go test: with
// the 1/m forgotten, check names the mistake.
func ExampleInputs_Funcs() {
	in := check.Small() // 2-3-2, 3 examples, λ = 1
	r, err := in.Funcs(check.Funcs{Backprop: myBackprop(false)})
	if err != nil {
		fmt.Println(err)
		return
	}
	r.Write(os.Stdout)
	if !r.OK() {
		fmt.Println("the test fails here: t.Fatal(...)")
	}
	// Output:
	// ✗ D1        3x3     largest difference 0.26
	//   D1[0,1]: expected 0.1996628651, got 0.4555290177
	//   your D1 is what the mistake no-m gives: forgets the 1/m: D^(l) = Δ^(l) + (λ/m) Θ^(l)
	//   numpy: Theta_grads[L-i] = Deltas[L-i] + Theta_regs[L-i]
	// check: D1 is the first quantity that disagrees
	// the test fails here: t.Fatal(...)
}
