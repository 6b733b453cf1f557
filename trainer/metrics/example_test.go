package metrics_test

import (
	"os"

	"github.com/ann-go/ann/trainer/metrics"
)

func Example() {
	y := []int{0, 0, 0, 1, 1, 2, 2, 2, 2}
	pred := []int{0, 0, 1, 1, 1, 2, 2, 0, 2}
	c := metrics.New(3, y, pred)
	c.Write(os.Stdout, []string{"setosa", "versicolor", "virginica"})
	// Output:
	// true \ predicted     setosa versicolor  virginica
	// setosa                    2          1          0
	// versicolor                0          2          0
	// virginica                 1          0          3
	//
	//              precision    recall  f1-score   support
	//       setosa    0.6667    0.6667    0.6667         3
	//   versicolor    0.6667    1.0000    0.8000         2
	//    virginica    1.0000    0.7500    0.8571         4
	//     accuracy                        0.7778         9
	//    macro avg    0.7778    0.8056    0.7746         9
	// weighted avg    0.8148    0.7778    0.7810         9
}
