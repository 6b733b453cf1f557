package finite_test

import (
	"fmt"
	"math"

	"github.com/ann-go/ann/internal/finite"
)

// A row of data is checked before it is used, and the error names the first
// number that is not finite.
func Example() {
	row := []float64{0.5, math.Inf(1), math.NaN()}
	fmt.Println(finite.Is(row[0]), finite.Is(row[1]))
	if i := finite.Index(row); i >= 0 {
		fmt.Printf("column %d is %v: want finite numbers\n", i, row[i])
	}
	// Output:
	// true false
	// column 1 is +Inf: want finite numbers
}
