package dataset_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/trainer/dataset"
)

// The package's main use: read a data file, hold out a test set and make the
// folds of cross-validation. (scikit-learn 1.2.1's train_test_split and
// KFold, with random_state=0, print the same; model.FitScaler standardizes
// the training rows as its StandardScaler does.)
func Example() {
	d, err := dataset.ReadCSV(filepath.Join("..", "..", "testdata", "iris.csv"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d rows, %d features, K = %d classes, header %q\n", d.X.Rows, d.X.Cols, d.K, d.Header)

	train, test := dataset.TrainTestSplit(d.X.Rows, 0.2, 0)
	Xtrain, ytrain := dataset.Rows(d.X, d.Y, train)
	Xtest, _ := dataset.Rows(d.X, d.Y, test)
	fmt.Println(len(train), "training rows, first", train[:3], "labels", ytrain[:3])
	fmt.Println(len(test), "test rows, first", Xtest.Row(0))

	for j, fold := range dataset.KFold(Xtrain.Rows, 5, 0) {
		fmt.Printf("fold %d: %d test rows, %d training rows\n", j, len(fold), len(dataset.Complement(Xtrain.Rows, fold)))
	}
	// Output:
	// 150 rows, 4 features, K = 3 classes, header ["150" "4" "setosa" "versicolor" "virginica"]
	// 120 training rows, first [137 84 27] labels [2 1 0]
	// 30 test rows, first [5.8 2.8 5.1 2.4]
	// fold 0: 24 test rows, 96 training rows
	// fold 1: 24 test rows, 96 training rows
	// fold 2: 24 test rows, 96 training rows
	// fold 3: 24 test rows, 96 training rows
	// fold 4: 24 test rows, 96 training rows
}

func ExampleReader() {
	const file = `x1,x2,label
0.5,1.25,0
-1,2,1
3,0,2
`
	d, err := dataset.NewReader(strings.NewReader(file), "example.csv").Read()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Header, d.X.Rows, d.X.Cols, d.K)
	fmt.Println(d.X, d.Y)

	// Errors say where: a *ParseError holds the file, line and column.
	_, err = dataset.NewReader(strings.NewReader("1,2,0\n3,4,1\n5,six,1\n"), "bad.csv").Read()
	fmt.Println(err)
	var pe *dataset.ParseError
	if errors.As(err, &pe) {
		fmt.Println(pe.Line, pe.Column)
	}

	// The caps are fields.
	r := dataset.NewReader(strings.NewReader("1,2,0\n3,4,1\n5,6,1\n"), "big.csv")
	r.MaxValues = 6
	_, err = r.Read()
	fmt.Println(err, errors.Is(err, dataset.ErrTooLarge))
	// Output:
	// [x1 x2 label] 3 2 3
	// [[0.5 1.25]
	//  [-1 2]
	//  [3 0]] [0 1 2]
	// dataset: bad.csv:3:2: "six" is not a number
	// 3 2
	// dataset: big.csv:3: more than 6 numbers: the data set is too large true
}

func ExampleReader_ReadFeatures() {
	// Inputs to predict for a network of 2 inputs: rows of 2 fields, or of
	// 3 with a label.
	d, err := dataset.NewReader(strings.NewReader("0.5,1\n2,-1\n"), "in.csv").ReadFeatures(2)
	fmt.Println(d.X, d.HasLabels, d.Y, err)
	// Output:
	// [[0.5 1]
	//  [2 -1]] false [] <nil>
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

func ExampleArgError() {
	// A k the user chose is checked before KFold, which would panic on it;
	// the *ArgError names the argument as a flag would, for a usage line.
	err := dataset.CheckKFold(6, 7)
	var ae *dataset.ArgError
	if errors.As(err, &ae) {
		fmt.Printf("-%s %v: %s\n", ae.Arg, ae.Value, ae.Want)
	}
	fmt.Println(err)
	// Output:
	// -k 7: want from 2 to 6 folds (one per row at most)
	// dataset: k 7: want from 2 to 6 folds (one per row at most)
}

func ExampleTrainTestSplit() {
	// As scikit-learn's train_test_split(range(10), test_size=0.3,
	// random_state=4): ⌈0.3·10⌉ = 3 test rows.
	train, test := dataset.TrainTestSplit(10, 0.3, 4)
	fmt.Println(train, test)
	// Output:
	// [9 2 6 0 1 5 7] [3 8 4]
}

func ExampleRows() {
	X := matrix.FromRows([][]float64{{0, 1}, {2, 3}, {4, 5}})
	Xs, ys := dataset.Rows(X, []int{7, 8, 9}, []int{2, 0})
	fmt.Println(Xs, ys)
	// Output:
	// [[4 5]
	//  [0 1]] [9 7]
}

// WriteCSV writes a data set that ReadCSV reads back exactly.
func ExampleWriteCSV() {
	X := matrix.FromRows([][]float64{{0.5, -1}, {1e-3, 2.25}})
	if err := dataset.WriteCSV(os.Stdout, X, []int{0, 1}, nil); err != nil {
		fmt.Println(err)
	}
	// Output:
	// x1,x2,label
	// 0.5,-1,0
	// 0.001,2.25,1
}

// The data sets of package moons by name, as a command's -data flag names
// them, with their class count.
func ExampleGenerate() {
	d, err := dataset.Generate("moons", 1000, 0.1, 0) // the tutorial's make_moons(1000, noise=0.1, random_state=0)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.X.Rows, "rows,", d.X.Cols, "features, K =", d.K)
	_, err = dataset.Generate("blobs", 100, 0, 0)
	fmt.Println(err)
	// Output:
	// 1000 rows, 2 features, K = 2
	// dataset: unknown data set "blobs": want moons, circles, xor, spiral
}
