package model

import (
	"bytes"
	"encoding/binary"
	"math"
	"testing"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
)

// FuzzModelPredict reads random bytes as a model file and predicts random
// inputs with what it reads: never a panic; an error, or finite probabilities
// and classes of the output layer.
func FuzzModelPredict(f *testing.F) {
	for _, m := range []*Model{
		{Net: network.New(layer.Init(layer.Tutorial, 0))},
		{Net: &network.Network{Theta: layer.Init([]int{2, 2}, 1), Hidden: network.ReLU}, Scaler: &Scaler{Mean: []float64{1, -1}, Std: []float64{0.5, 2}}},
		{Net: &network.Network{Theta: layer.Init([]int{3, 4, 3}, 2), Hidden: network.Tanh}},
		{Net: network.New(layer.Init(layer.Tutorial, 3)), Edits: []Edit{{Iteration: 2, Layer: 2, Row: 5, Col: 5, Value: 3}}},
	} {
		var buf bytes.Buffer
		if err := m.Write(&buf); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes(), []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
	}
	f.Add([]byte("PK\x03\x04"), []byte{0x7f, 0xf0, 0, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, file, input []byte) {
		m, err := Read(bytes.NewReader(file), int64(len(file)))
		if err != nil {
			return
		}
		sizes := m.Net.Sizes()
		n := sizes[0]
		rows := len(input) / 8 / n
		X := matrix.New(rows, n)
		for i := range X.Data {
			X.Data[i] = math.Float64frombits(binary.LittleEndian.Uint64(input[8*i:]))
		}
		P, err := m.Probabilities(X)
		if err != nil {
			return
		}
		for _, v := range P.Data {
			if !(v >= 0 && v <= 1) {
				t.Fatalf("probability %v", v)
			}
		}
		pred, err := m.Predict(X)
		if err != nil {
			t.Fatalf("Probabilities without error, Predict %v", err)
		}
		for _, c := range pred {
			if c < 0 || c >= sizes[len(sizes)-1] {
				t.Fatalf("class %d", c)
			}
		}
		if n == 2 && rows > 0 {
			if _, err := m.PredictGrid(X.Row(0), X.Row(rows-1)); err != nil {
				return
			}
		}
	})
}
