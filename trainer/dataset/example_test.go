package dataset_test

import (
	"fmt"
	"strings"

	"github.com/ann-go/ann/trainer/dataset"
	"github.com/ann-go/ann/matrix"
)

func ExampleParseCSV() {
	const file = `x1,x2,label
0.5,1.25,0
-1,2,1
3,0,2
`
	d, err := dataset.ParseCSV(strings.NewReader(file), "example.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Header, d.X.Rows, d.X.Cols, d.K)
	fmt.Println(d.X, d.Y)

	_, err = dataset.ParseCSV(strings.NewReader("1,2,0\n3,4,1\n5,six,1\n"), "bad.csv")
	fmt.Println(err)
	// Output:
	// [x1 x2 label] 3 2 3
	// [[0.5 1.25]
	//  [-1 2]
	//  [3 0]] [0 1 2]
	// bad.csv:3:2: "six" is not a number
}

func ExampleKFold() {
	// The test and training rows of 5-fold cross-validation over 12 rows,
	// as scikit-learn's KFold(n_splits=5, shuffle=True, random_state=0)
	// splits them (checked with scikit-learn 1.2.1).
	for j, test := range dataset.KFold(12, 5, 0) {
		fmt.Println(j, test, dataset.Complement(12, test))
	}
	// Output:
	// 0 [4 6 11] [0 1 2 3 5 7 8 9 10]
	// 1 [2 8 10] [0 1 3 4 5 6 7 9 11]
	// 2 [1 7] [0 2 3 4 5 6 8 9 10 11]
	// 3 [3 9] [0 1 2 4 5 6 7 8 10 11]
	// 4 [0 5] [1 2 3 4 6 7 8 9 10 11]
}

func ExampleFitScaler() {
	// The second column is constant: its Std is 1, so it scales to zeros.
	// (scikit-learn's StandardScaler gives the same mean_, scale_ and
	// transform.)
	X := matrix.FromRows([][]float64{{1, 10}, {2, 10}, {3, 10}, {6, 10}})
	s := dataset.FitScaler(X)
	fmt.Printf("mean %v std %.4f\n", s.Mean, s.Std)
	Z := s.Apply(X)
	for i := 0; i < Z.Rows; i++ {
		fmt.Printf("%7.4f %v\n", Z.At(i, 0), Z.At(i, 1))
	}
	// Output:
	// mean [3 10] std [1.8708 1.0000]
	// -1.0690 0
	// -0.5345 0
	//  0.0000 0
	//  1.6036 0
}
