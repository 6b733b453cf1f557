package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ann-go/ann/internal/golden"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/check"
	"github.com/ann-go/ann/sigmoid"
)

// exerciseFiles are the learner's files the exercise path of
// docs/checkpoints.md checks, by name: which quantities of the small case
// each holds, and the mistake they were computed with ("" for none).
var exerciseFiles = []struct {
	name, mistake string
	keep          func(name string) bool
}{
	{"forward", "", func(n string) bool { return n[0] == 'A' || n[0] == 'Z' }},
	{"cost", "", func(n string) bool { return n[0] == 'A' || n[0] == 'Z' || n == "J" }},
	{"label", "label-vector", func(n string) bool { return n[0] == 'd' }},
	{"gprime", "gprime-of-a", func(n string) bool { return n[0] == 'd' }},
	{"no-m", "no-m", func(n string) bool { return n[0] == 'd' || strings.HasPrefix(n, "D") }},
	{"train", "in-place", func(n string) bool { return strings.HasPrefix(n, "costs") || strings.HasPrefix(n, "Trained") }},
	{"init", "random-stream", func(n string) bool { return strings.HasPrefix(n, "Init") }},
}

// TestCheckpointsExercise pins every command, output and number of the
// exercise path at the top of docs/checkpoints.md: its outputs exactly
// (go test -update rewrites them), its numbers by computing them.
func TestCheckpointsExercise(t *testing.T) {
	parallelUnlessUpdate(t)
	doc := readDoc(t, "checkpoints.md")
	updated := doc
	exercise := doc[:strings.Index(doc, "# Appendix")]
	pin := func(cmd, out, dir, as string) {
		t.Helper()
		out = strings.ReplaceAll(out, dir+string(filepath.Separator), as)
		lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
		want, ok := replaceBlock(updated, cmd, lines)
		if !ok {
			t.Errorf("docs/checkpoints.md shows no output under %q", cmd)
			return
		}
		if want != updated && !golden.Update() {
			t.Errorf("docs/checkpoints.md: the output under %q is not what it prints now:\n%s", cmd, out)
		}
		updated = want
	}

	dir := t.TempDir()
	code, out, errs := runAnn("check", "-inputs", filepath.Join(dir, "in"))
	if code != 0 {
		t.Fatalf("check -inputs: %s", errs)
	}
	pin("ann check -inputs in", out, dir, "")

	in := check.Small()
	for _, f := range exerciseFiles {
		var mk *check.Mistake
		if f.mistake != "" {
			m, _ := check.Find(f.mistake)
			mk = &m
		}
		got := map[string]*matrix.Dense{}
		for k, v := range in.Expected(mk) {
			if f.keep(k) {
				got[k] = v
			}
		}
		if f.mistake == "random-stream" {
			for l := 1; l < len(in.Theta); l++ {
				a := got[fmt.Sprint("Init", l)]
				if a == nil {
					a = in.Expected(nil)[fmt.Sprint("Init", l)].Copy()
				}
				for i := range a.Data {
					a.Data[i] = -a.Data[i] // a stream in the same range, not np.random.seed's
				}
				got[fmt.Sprint("Init", l)] = a
			}
		}
		path := writeCheckNPZ(t, f.name, in, got)
		_, out, _ := runAnn("check", path)
		pin("ann check "+f.name+".npz", out, filepath.Dir(path), "")
	}
	_, out, _ = runAnn("check", writeCheckNPZ(t, "small", in, in.Expected(nil)))
	last := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if l := last[len(last)-1]; !strings.Contains(exercise, "\n    "+l+"\n") {
		t.Errorf("the exercise path does not show the last line ann check prints for the small case: %s", l)
	}

	checkExcerpts(t, "checkpoints.md", []docExcerpt{
		{args: []string{"trace", "-layers", "2,3,2", "-m", "3", "-rows"}, from: "a^(2)", to: "z^(3) = Θ^(2) a^(2)  (3x2, numpy: Z[3])"},
	})

	n := network.New(in.Theta)
	for _, c := range []struct {
		text string
		ok   bool
	}{
		{"`sigmoid(0)` = **0.5**", sigmoid.G(0) == 0.5},
		{"`sigmoid_gradient(0)` = **0.25**", sigmoid.Gradient(0) == 0.25},
		{fmt.Sprintf("K ln 2 = %.6f", 2*math.Ln2), true},
		{fmt.Sprintf("λ term adds %.6f", network.Regularization(n, 1, 3)), true},
		{"`costs[0]` = 1.4017014191935728", strings.Contains(doc, "\n    1,1.4017014191935728\n")},
		{"`costs[4999]` = 0.03012820583532904", strings.Contains(doc, "\n    5000,0.03012820583532904\n")},
		{"eleven\nsteps", strings.Count(exercise, "\n**") == 11},
	} {
		if !strings.Contains(exercise, c.text) || !c.ok {
			t.Errorf("the exercise path: %q is not shown or not true", c.text)
		}
	}
	if golden.Update() && updated != doc {
		if err := os.WriteFile(filepath.Join("..", "..", "docs", "checkpoints.md"), []byte(updated), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCheckpointsSymptoms pins the table of each mistake's gradient check in
// docs/checkpoints.md: ann gradcheck -bug NAME's largest relative difference.
func TestCheckpointsSymptoms(t *testing.T) {
	t.Parallel()
	if !golden.Exact {
		t.Skip("relative differences printed to two digits; checked where golden.Exact holds")
	}
	doc := readDoc(t, "checkpoints.md")
	for _, mk := range check.Mistakes {
		if !mk.Gradient() {
			continue
		}
		_, out, _ := runAnn("gradcheck", "-bug", mk.Name)
		_, after, ok := strings.Cut(out, "gradient check: FAILED: largest relative difference ")
		value, _, _ := strings.Cut(after, " ")
		if !ok || !strings.Contains(doc, "| `"+mk.Name+"` | "+value+" |\n") {
			t.Errorf("docs/checkpoints.md lacks the row | `%s` | %s | (ann gradcheck -bug %s)", mk.Name, value, mk.Name)
		}
	}
	if !strings.Contains(doc, "(m − 1)/(m + 1) = 9/11 = 0.82") || math.Abs(9.0/11-0.82) > 0.005 || !strings.Contains(doc, "= 1/3") {
		t.Errorf("docs/checkpoints.md: the fractions of mean-cost and no-m")
	}
}
