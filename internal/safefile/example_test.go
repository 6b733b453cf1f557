package safefile_test

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/ann-go/ann/internal/safefile"
)

func ExampleWrite() {
	dir, _ := os.MkdirTemp("", "safefile")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "costs.csv")
	err := safefile.Write(path, func(w io.Writer) error {
		_, err := io.WriteString(w, "iteration,cost\n1,1.4\n")
		return err
	})
	b, _ := os.ReadFile(path)
	fmt.Printf("%v\n%s", err, b)
	// Output:
	// <nil>
	// iteration,cost
	// 1,1.4
}
