package main

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ann-go/ann/internal/golden"
)

var tutorialFigures = []string{"data.svg", "take1-cost.svg", "take1-boundary.svg", "take2-cost.svg", "take2-boundary.svg"}

// ann tutorial prints what the notebook's cells print and draws its five
// figures; the committed docs/figures are exactly what it draws.
func TestTutorial(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := runAnn("tutorial", "-out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"Theta1 shape: 5 by 3\nTheta2 shape: 5 by 6\nTheta3 shape: 2 by 6\n",
		"((1000,), (1000, 2))",
		"0.519495 at iteration 1000", "accuracy 0.875 on the 1000 training points",
		"0.030128 at iteration 5000", "accuracy 0.998 on the 500 training points, 0.998 on all 1000",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("ann tutorial printed\n%s\nwant it to contain %q", out, want)
		}
	}
	if !strings.Contains(errs, "iteration 5000/5000") {
		t.Errorf("no training progress on stderr: %q", errs)
	}
	figures := filepath.Join("..", "..", "docs", "figures")
	for _, name := range tutorialFigures {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		checkXML(t, name, got)
		if len(got) > 300<<10 {
			t.Errorf("%s is %d bytes, want under 300 KB", name, len(got))
		}
		golden.Check(t, filepath.Join(figures, name), got)
	}
}

// checkXML fails the test unless b is well-formed XML with an <svg> root.
func checkXML(t *testing.T, name string, b []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	root := ""
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Errorf("%s: not well-formed XML: %v", name, err)
			return
		}
		if se, ok := tok.(xml.StartElement); ok && root == "" {
			root = se.Name.Local
		}
	}
	if root != "svg" {
		t.Errorf("%s: root element %q, want svg", name, root)
	}
}

func TestTrainWritesFigures(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := runAnn("train", "-q", "-iters", "50", "-n", "200", "-out", dir); code != 0 {
		t.Fatal(errs)
	}
	for _, name := range []string{"cost.svg", "boundary.svg", "costs.csv", "run.json"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(name, ".svg") {
			checkXML(t, name, b)
		}
	}
}
