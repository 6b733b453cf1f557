package trace_test

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/trace"
)

// The trace of the smallest network, one input and one output unit, for
// x = 2 of class 0: here only its cost line and its closing check.
func ExampleWrite() {
	net, _ := network.FromWeights(matrix.FromRows([][]float64{{-1, 0.5}})) // z = -1 + 0.5 x
	var out bytes.Buffer
	if err := trace.Write(&out, net, []float64{2}, 0, 0); err != nil {
		fmt.Println(err)
		return
	}
	for _, line := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(line, "J = 0") || strings.Contains(line, "matches") {
			fmt.Println(line)
		}
	}
	// Output:
	// J = 0.693147 + 0.000000 = 0.693147
	// J above vs n.CostOf(n.Forward(X), y, λ): relative difference 0, matches CostOf: yes
	// D above vs n.Backprop(n.Forward(X), y, λ): largest difference 0, matches Backprop: yes
}
