package model_test

import (
	"fmt"
	"path/filepath"

	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network/model"
	"github.com/ann-go/ann/trainer/dataset"
)

func ExampleFitScaler() {
	// The second column is constant: its Std is 1, so it scales to zeros.
	// (scikit-learn's StandardScaler gives the same mean_, scale_ and
	// transform.)
	X := matrix.FromRows([][]float64{{1, 10}, {2, 10}, {3, 10}, {6, 10}})
	s := model.FitScaler(X)
	fmt.Printf("mean %v std %.4f\n", s.Mean, s.Std)
	Z, err := s.Transform(X)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i := range Z.Rows {
		fmt.Printf("%7.4f %v\n", Z.At(i, 0), Z.At(i, 1))
	}
	// Output:
	// mean [3 10] std [1.8708 1.0000]
	// -1.0690 0
	// -0.5345 0
	//  0.0000 0
	//  1.6036 0
}

// The package's main use with a data file: fit the scaler on the training
// rows only, then standardize the test rows with it. (scikit-learn 1.2.1's
// train_test_split with random_state=0 and StandardScaler print the same.)
func ExampleScaler_Transform() {
	d, err := dataset.ReadCSV(filepath.Join("..", "..", "testdata", "iris.csv"))
	if err != nil {
		fmt.Println(err)
		return
	}
	train, test := dataset.TrainTestSplit(d.X.Rows, 0.2, 0)
	Xtrain, _ := dataset.Rows(d.X, d.Y, train)
	Xtest, _ := dataset.Rows(d.X, d.Y, test)
	s := model.FitScaler(Xtrain)
	fmt.Printf("mean %.4f\nstd  %.4f\n", s.Mean, s.Std)
	Ztest, err := s.Transform(Xtest)
	if err != nil {
		fmt.Println(err)
		return
	}
	back, err := s.InverseTransform(Ztest)
	fmt.Printf("first test row %v -> %.4f -> %.4f %v\n", Xtest.Row(0), Ztest.Row(0), back.Row(0), err)
	// Output:
	// mean [5.8808 3.0533 3.8158 1.2317]
	// std  [0.8469 0.4301 1.7775 0.7721]
	// first test row [5.8 2.8 5.1 2.4] -> [-0.0954 -0.5890 0.7225 1.5132] -> [5.8000 2.8000 5.1000 2.4000] <nil>
}
