package model_test

import (
	"bytes"
	"fmt"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/model"
)

// A model saved by ann (or by numpy.savez with arrays Theta1, Theta2, ...) is
// read back and predicts.
func ExampleRead() {
	var file bytes.Buffer
	m := &model.Model{Net: network.New(layer.Init(layer.Tutorial, 0))}
	if err := m.Write(&file); err != nil {
		fmt.Println(err)
		return
	}
	loaded, err := model.Read(bytes.NewReader(file.Bytes()), int64(file.Len()))
	if err != nil {
		fmt.Println(err)
		return
	}
	X := matrix.FromRows([][]float64{{0, 1}, {1, -0.5}})
	pred, err := loaded.Predict(X)
	fmt.Println(loaded.Net.Sizes(), pred, err)
	// Output:
	// [2 5 5 2] [1 1] <nil>
}

// A half-filled model is an error, not a panic.
func ExampleModel_Check() {
	m := &model.Model{Net: network.New(layer.Init(layer.Tutorial, 0)), Scaler: &model.Scaler{Mean: []float64{0, 0}}}
	_, err := m.Predict(matrix.New(1, 2))
	fmt.Println(err)
	// Output:
	// model: the Scaler's Mean and Std come together; it has only one
}
