package main

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"github.com/ann-go/ann/internal/svgcheck"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ann-go/ann/internal/golden"
	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/trainer"
)

var tutorialFigures = []string{"data.svg",
	"take1-cost.svg", "take1-boundary.svg", "take1-neurons.svg", "take1-training.svg",
	"take2-cost.svg", "take2-boundary.svg", "take2-neurons.svg", "take2-training.svg",
	"take1-vs-take2-cost.svg"}

// ann tutorial prints what the notebook's cells print and draws its five
// figures, and the neurons and training figures of both takes and their cost
// curves in one figure; it lists every file it wrote, and the committed
// docs/figures are exactly what it draws.
func TestTutorial(t *testing.T) {
	t.Parallel()
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
	if n := strings.Count(out, "wrote "); n != len(tutorialFigures) {
		t.Errorf("ann tutorial printed %d \"wrote\" lines, want %d:\n%s", n, len(tutorialFigures), out)
	}
	figures := filepath.Join("..", "..", "docs", "figures")
	for _, name := range tutorialFigures {
		if !strings.Contains(out, "wrote "+filepath.Join(dir, name)+"\n") {
			t.Errorf("ann tutorial did not list %s", name)
		}
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
	t.Parallel()
	dir := t.TempDir()
	if code, _, errs := runAnn("train", "-q", "-iters", "50", "-n", "200", "-out", dir); code != 0 {
		t.Fatal(errs)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	want := []string{"boundary.svg", "cost.svg", "costs.csv", "model.npz", "neurons.svg", "run.json", "training-animated.svg", "training.svg"}
	if !slices.Equal(names, want) {
		t.Fatalf("train -out wrote %v, want %v", names, want)
	}
	for _, name := range want {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(name, ".svg") {
			checkXML(t, name, b)
			if len(b) > 300<<10 {
				t.Errorf("%s is %d bytes, want under 300 KB", name, len(b))
			}
			if sub := "moons n=200 noise 0.1 · layers 2-5-5-2 · α 0.5 · λ 0 · 50 iterations"; !strings.Contains(string(b), sub) {
				t.Errorf("%s does not say what was run (%q)", name, sub)
			}
		}
	}
}

// points counts the data points of a boundary figure: the circles without a
// style of their own in a group that draws them filled (a dark outline) or
// hollow (no fill).
func points(t *testing.T, b []byte) (filled, hollow int) {
	t.Helper()
	filled, hollow, err := svgcheck.Points(b)
	if err != nil {
		t.Fatalf("not well-formed XML: %v", err)
	}
	return filled, hollow
}

// Take 2 trains on the first 500 rows: its boundary draws them filled and
// the other 500 hollow, and its training figure shows the boundary at 6
// iterations, the first and the last among them.
func TestTrainHeldRowsHollow(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if code, _, errs := runAnn("train", "-q", "-first", "500", "-iters", "5000", "-out", dir); code != 0 {
		t.Fatal(errs)
	}
	b, err := os.ReadFile(filepath.Join(dir, "boundary.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if filled, hollow := points(t, b); filled != 500 || hollow != 500 {
		t.Errorf("boundary.svg draws %d filled and %d hollow points, want 500 and 500", filled, hollow)
	}
	if !strings.Contains(string(b), ">not trained on<") || !strings.Contains(string(b), "trained on the first 500 rows") {
		t.Error("boundary.svg does not say which rows were held out")
	}
	tr, err := os.ReadFile(filepath.Join(dir, "training.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(tr), ">iteration "); n != 6 {
		t.Errorf("training.svg has %d frames, want 6", n)
	}
	for _, it := range []string{">iteration 1, cost 1.4017<", ">iteration 5000, cost 0.0301<"} {
		if !strings.Contains(string(tr), it) {
			t.Errorf("training.svg has no frame %q", it)
		}
	}
	if filled, hollow := points(t, tr); filled != 6*500 || hollow != 6*500 {
		t.Errorf("training.svg draws %d filled and %d hollow points, want %d of each", filled, hollow, 6*500)
	}

	// -test-fraction holds out a random quarter: those rows are hollow.
	dir = t.TempDir()
	if code, _, errs := runAnn("train", "-q", "-n", "200", "-iters", "20", "-test-fraction", "0.25", "-out", dir); code != 0 {
		t.Fatal(errs)
	}
	if b, err = os.ReadFile(filepath.Join(dir, "boundary.svg")); err != nil {
		t.Fatal(err)
	}
	if filled, hollow := points(t, b); filled != 150 || hollow != 50 {
		t.Errorf("-test-fraction 0.25: boundary.svg draws %d filled and %d hollow points, want 150 and 50", filled, hollow)
	}
}

// -snapshots picks training.svg's frames and does not change the training:
// costs.csv is byte for byte the same as with the default snapshots.
func TestTrainSnapshots(t *testing.T) {
	t.Parallel()
	read := func(args ...string) (costs, training string) {
		t.Helper()
		dir := t.TempDir()
		args = append([]string{"train", "-q", "-n", "200", "-iters", "300", "-out", dir}, args...)
		if code, _, errs := runAnn(args...); code != 0 {
			t.Fatal(errs)
		}
		c, err := os.ReadFile(filepath.Join(dir, "costs.csv"))
		if err != nil {
			t.Fatal(err)
		}
		tr, err := os.ReadFile(filepath.Join(dir, "training.svg"))
		if err != nil {
			t.Fatal(err)
		}
		return string(c), string(tr)
	}
	costs, training := read()
	costs2, training2 := read("-snapshots", "300,1,7,150,7")
	if costs != costs2 {
		t.Error("costs.csv differs with -snapshots")
	}
	if n := strings.Count(training, ">iteration "); n != 6 {
		t.Errorf("training.svg has %d frames by default, want 6", n)
	}
	var frames []string
	for _, line := range strings.Split(training2, "\n") {
		if i := strings.Index(line, ">iteration "); i >= 0 {
			frames = append(frames, strings.SplitN(line[i+len(">iteration "):], ",", 2)[0])
		}
	}
	if want := []string{"1", "7", "150", "300"}; !slices.Equal(frames, want) {
		t.Errorf("-snapshots 300,1,7,150,7: frames at iterations %v, want %v", frames, want)
	}
	for _, bad := range []string{"0", "301", "1,x", ""} {
		if bad == "" {
			bad = "1,,2"
		}
		code, _, errs := runAnn("train", "-q", "-n", "200", "-iters", "300", "-snapshots", bad)
		if code != 2 || !strings.Contains(errs, "-snapshots "+bad+": ") {
			t.Errorf("-snapshots %s: exit %d, stderr %q; want exit 2 and a message about -snapshots", bad, code, errs)
		}
	}
}

// -confidence shades the regions: boundary.svg draws more paths with it.
func TestTrainConfidence(t *testing.T) {
	t.Parallel()
	paths := func(args ...string) int {
		t.Helper()
		dir := t.TempDir()
		args = append([]string{"train", "-q", "-n", "200", "-iters", "300", "-out", dir}, args...)
		if code, _, errs := runAnn(args...); code != 0 {
			t.Fatal(errs)
		}
		b, err := os.ReadFile(filepath.Join(dir, "boundary.svg"))
		if err != nil {
			t.Fatal(err)
		}
		return strings.Count(string(b), "<path")
	}
	if plain, shaded := paths(), paths("-confidence"); !(shaded > plain) {
		t.Errorf("boundary.svg has %d paths with -confidence, %d without; want more with it", shaded, plain)
	}
}

// A CSV's header names the axes of every figure drawn over the data, and
// data with three features gets no boundary, neurons or training figures.
func TestTrainFiguresHeader(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	csv := filepath.Join(dir, "d.csv")
	rows := "height,weight,label\n"
	for i := range 40 {
		rows += fmt.Sprintf("%d,%d,%d\n", i%7, i%5, i%2)
	}
	if err := os.WriteFile(csv, []byte(rows), 0o666); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if code, _, errs := runAnn("train", "-q", "-data", csv, "-iters", "20", "-out", out); code != 0 {
		t.Fatal(errs)
	}
	for _, name := range []string{"boundary.svg", "neurons.svg", "training.svg"} {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), ">height<") || !strings.Contains(string(b), ">weight<") {
			t.Errorf("%s does not name its axes after the header height,weight", name)
		}
		if !strings.Contains(string(b), "d.csv · layers 2-5-5-2") {
			t.Errorf("%s does not name the data file", name)
		}
	}

	csv3 := filepath.Join(dir, "d3.csv")
	rows = ""
	for i := range 40 {
		rows += fmt.Sprintf("%d,%d,%d,%d\n", i%7, i%5, i%3, i%2)
	}
	if err := os.WriteFile(csv3, []byte(rows), 0o666); err != nil {
		t.Fatal(err)
	}
	out3 := filepath.Join(dir, "out3")
	if code, _, errs := runAnn("train", "-q", "-data", csv3, "-layers", "3,4,2", "-iters", "20", "-out", out3); code != 0 {
		t.Fatal(errs)
	}
	for _, name := range []string{"boundary.svg", "neurons.svg", "training.svg", "training-animated.svg"} {
		if _, err := os.Stat(filepath.Join(out3, name)); !os.IsNotExist(err) {
			t.Errorf("3 features: %s written (%v)", name, err)
		}
	}
}

// Each cross-validation panel draws every row, the fold's held-out rows
// hollow: over the folds each row is hollow once.
func TestCVPanelsHeld(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if code, _, errs := runAnn("cv", "-q", "-n", "100", "-k", "4", "-iters", "20", "-out", dir); code != 0 {
		t.Fatal(errs)
	}
	b, err := os.ReadFile(filepath.Join(dir, "cv-boundaries.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if filled, hollow := points(t, b); filled != 300 || hollow != 100 {
		t.Errorf("cv-boundaries.svg draws %d filled and %d hollow points, want 300 and 100", filled, hollow)
	}
}

// BenchmarkSnapshots is Take 2's training without snapshots and with the
// candidates training.svg keeps (about 64 copies of the weights).
func BenchmarkSnapshots(b *testing.B) {
	X, y := moons.Make(500, 0.1, 0)
	for _, bc := range []struct {
		name  string
		snaps []int
	}{{"none", nil}, {"candidates", snapshotCandidates(5000)}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				net := network.New(layer.Init(layer.Tutorial, 0))
				c := trainer.Config{Alpha: 0.5, Iters: 5000, Snapshots: bc.snaps}
				if _, err := trainer.Train(context.Background(), net, X, y, c); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// The candidates are sorted, distinct, in 1..iters, with 1 and iters, and about
// 64; pickFrames takes 6 distinct ones of them for a long run.
func TestSnapshotCandidates(t *testing.T) {
	t.Parallel()
	for _, iters := range []int{1, 2, 5, 64, 1000, 5000, 1 << 20} {
		c := snapshotCandidates(iters)
		if !slices.IsSorted(c) || len(slices.Compact(slices.Clone(c))) != len(c) || c[0] != 1 || c[len(c)-1] != iters || len(c) > 64 {
			t.Errorf("snapshotCandidates(%d) = %v: want sorted, distinct, from 1 to %d, at most 64", iters, c, iters)
		}
		if iters >= 1000 && len(c) < 48 {
			t.Errorf("snapshotCandidates(%d): %d candidates, want about 64", iters, len(c))
		}
		costs := make([]float64, iters)
		for i := range costs {
			costs[i] = 1 / float64(i+1)
		}
		f := pickFrames(costs, c, nil)
		if want := min(iters, trainingFrames); len(f) != want || !slices.IsSorted(f) || len(slices.Compact(slices.Clone(f))) != len(f) {
			t.Errorf("iters %d: frames %v, want %d distinct increasing", iters, f, want)
		}
		for _, it := range f {
			if !slices.Contains(c, it) {
				t.Errorf("iters %d: frame %d is not a candidate", iters, it)
			}
		}
	}
}
