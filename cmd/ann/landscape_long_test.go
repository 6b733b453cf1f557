//go:build long

package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ann-go/ann/internal/golden"
	"github.com/ann-go/ann/internal/svgcheck"
)

// docs/experiments.md shows ann landscape's output and figure as they are
// now; go test -tags long ./cmd/ann -run TestLandscapeDoc -update rewrites
// both.
func TestLandscapeDoc(t *testing.T) {
	if testing.Short() {
		t.Skip("about 2 seconds of training")
	}
	if !golden.Exact {
		t.Skip("Take 2 leaves a plateau, where last digits grow; checked on amd64 (GOAMD64 v1 or v2)")
	}
	r := docRun{args: []string{"landscape", "-out", "figures"}, out: "figures"}
	checkDoc(t, "experiments.md", []docRun{r})
	_, dir := runDoc(t, r)
	b, err := os.ReadFile(filepath.Join(dir, "landscape.svg"))
	if err != nil {
		t.Fatal(err)
	}
	checkXML(t, "landscape.svg", b)
	faults, err := svgcheck.Layout(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range faults {
		t.Errorf("landscape.svg: %s", f)
	}
	golden.Check(t, filepath.Join("..", "..", "docs", "figures", "landscape.svg"), b)
}
