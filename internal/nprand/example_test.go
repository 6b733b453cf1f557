package nprand_test

import (
	"fmt"

	"github.com/ann-go/ann/internal/nprand"
)

// The same numbers as np.random.seed(0); np.random.rand(3), and a permutation
// as np.random.RandomState(0).permutation(10).
func Example() {
	rs := nprand.New(0)
	fmt.Printf("%.8f %.8f %.8f\n", rs.Float64(), rs.Float64(), rs.Float64())
	fmt.Println(nprand.New(0).Permutation(10))
	// Output:
	// 0.54881350 0.71518937 0.60276338
	// [2 8 4 9 1 6 7 3 0 5]
}
