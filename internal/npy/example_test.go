package npy_test

import (
	"bytes"
	"fmt"
	"log"

	"github.com/ann-go/ann/internal/npy"
)

// ExampleWriteNPZ writes two weight matrices as numpy.savez would and
// reads them back. In Python the same bytes load with
//
//	m = np.load('m.npz'); m['Theta1'].shape  # (2, 3)
func ExampleWriteNPZ() {
	arrays := []npy.Array{
		{Name: "Theta1", Shape: []int{2, 3}, Data: []float64{0.5, -1.5, 2.5, -10.5, 11.5, -12.5}},
		{Name: "Theta2", Shape: []int{1, 3}, Data: []float64{1, 0, -1}},
	}
	var buf bytes.Buffer
	if err := npy.WriteNPZ(&buf, arrays); err != nil {
		log.Fatal(err)
	}
	got, err := npy.ReadNPZ(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range got {
		fmt.Printf("%s %v %.1f\n", a.Name, a.Shape, a.Data)
	}
	// Output:
	// Theta1 [2 3] [0.5 -1.5 2.5 -10.5 11.5 -12.5]
	// Theta2 [1 3] [1.0 0.0 -1.0]
}

// ExampleReadNPY shows the header WriteNPY writes, as numpy.save does,
// padded so the data starts at a multiple of 64 bytes.
func ExampleReadNPY() {
	var buf bytes.Buffer
	if err := npy.WriteNPY(&buf, npy.Array{Shape: []int{2}, Data: []float64{1, 2}}); err != nil {
		log.Fatal(err)
	}
	b := buf.Bytes()
	hlen := int(b[8]) | int(b[9])<<8 // little-endian uint16
	fmt.Printf("%d bytes: %q, then the data\n", 10+hlen, bytes.TrimRight(b[10:10+hlen], " \n"))
	a, err := npy.ReadNPY(&buf)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(a.Shape, a.Data)
	// Output:
	// 128 bytes: "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", then the data
	// [2] [1 2]
}
