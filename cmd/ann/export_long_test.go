//go:build long

package main

import (
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ann-go/ann/trainer/dataset"
)

// exportModel is a model the export tests train, and the data it is
// compared on.
type exportModel struct {
	name  string   // the Go package and file name
	train []string // ann train's flags
	data  string   // the data's CSV file, "" for train's -data moons
}

var exportModels = []exportModel{
	{"digits", []string{"-data", filepath.Join("..", "..", "testdata", "digits.csv.gz"), "-layers", "64,25,10", "-standardize", "-alpha", "2", "-iters", "40"}, filepath.Join("..", "..", "testdata", "digits.csv.gz")},
	{"moons", []string{"-layers", "2,5,5,2", "-activation", "tanh", "-iters", "200"}, ""},
	{"features", []string{"-features", "x1,x2,x1^2,x2^2,x1*x2,sin(x1),sin(x2)", "-layers", "7,4,2", "-activation", "relu", "-standardize", "-iters", "100"}, ""},
}

// exported is one trained model, its inputs (a CSV of the training data's
// features, no labels) and what ann predict says about them.
type exported struct {
	exportModel
	model, inputs string
	classes       []int
	proba         [][]float64
}

// prepareExports trains the models and runs ann predict on their data.
func prepareExports(t *testing.T) []exported {
	t.Helper()
	var out []exported
	for _, em := range exportModels {
		dir := t.TempDir()
		args := append(append([]string{"train"}, em.train...), "-q", "-out", dir)
		if code, _, errs := runAnn(args...); code != 0 {
			t.Fatalf("ann %v: %s", args, errs)
		}
		e := exported{exportModel: em, model: filepath.Join(dir, "model.npz"), inputs: filepath.Join(dir, "inputs.csv")}
		var rows [][]float64
		if em.data != "" {
			d, err := dataset.ReadCSV(em.data)
			if err != nil {
				t.Fatal(err)
			}
			for i := range d.X.Rows {
				rows = append(rows, d.X.Row(i))
			}
		} else {
			code, csv, errs := runAnn("data", "-data", "moons")
			if code != 0 {
				t.Fatal(errs)
			}
			for _, l := range strings.Split(strings.TrimSpace(csv), "\n") {
				f := strings.Split(l, ",")
				row := make([]float64, len(f)-1)
				for j := range row {
					row[j], _ = strconv.ParseFloat(f[j], 64)
				}
				rows = append(rows, row)
			}
		}
		var b strings.Builder
		for _, r := range rows {
			for j, v := range r {
				if j > 0 {
					b.WriteByte(',')
				}
				b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
			}
			b.WriteByte('\n')
		}
		if err := os.WriteFile(e.inputs, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		code, classes, errs := runAnn("predict", "-model", e.model, "-data", e.inputs)
		if code != 0 {
			t.Fatal(errs)
		}
		for _, f := range strings.Fields(classes) {
			c, _ := strconv.Atoi(f)
			e.classes = append(e.classes, c)
		}
		code, proba, errs := runAnn("predict", "-model", e.model, "-data", e.inputs, "-proba")
		if code != 0 {
			t.Fatal(errs)
		}
		e.proba = parseRows(t, proba)
		if len(e.classes) != len(rows) || len(e.proba) != len(rows) || len(rows) < 1000 {
			t.Fatalf("%s: %d classes and %d probabilities for %d rows", em.name, len(e.classes), len(e.proba), len(rows))
		}
		out = append(out, e)
	}
	return out
}

func parseRows(t *testing.T, s string) [][]float64 {
	t.Helper()
	var rows [][]float64
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		var row []float64
		for _, f := range strings.Split(l, ",") {
			v, err := strconv.ParseFloat(f, 64)
			if err != nil {
				t.Fatalf("%q: %v", l, err)
			}
			row = append(row, v)
		}
		rows = append(rows, row)
	}
	return rows
}

// compare checks a program's output, lines "class,p_1,...,p_K", against ann
// predict's: the same class everywhere, the probabilities to tol (0: equal).
func (e exported) compare(t *testing.T, lang, out string, tol float64) {
	t.Helper()
	rows := parseRows(t, out)
	if len(rows) != len(e.classes) {
		t.Fatalf("%s %s: %d rows, ann predict %d", lang, e.name, len(rows), len(e.classes))
	}
	worst := 0.0
	for i, r := range rows {
		if int(r[0]) != e.classes[i] || len(r)-1 != len(e.proba[i]) {
			t.Fatalf("%s %s: row %d: class %v of %d outputs, ann predict %d of %d", lang, e.name, i+1, r[0], len(r)-1, e.classes[i], len(e.proba[i]))
		}
		for k, p := range r[1:] {
			worst = math.Max(worst, math.Abs(p-e.proba[i][k]))
		}
	}
	if worst > tol {
		t.Errorf("%s %s: probabilities differ from ann predict's by up to %g, want at most %g", lang, e.name, worst, tol)
	}
}

// The exported Go package, built with go build in a module of its
// own, predicts ann predict's class for every row of the training data;
// its probabilities are ann predict's to 1e-12 (the engine adds in another
// order). The Python and JavaScript files do the same where python3 and
// node are installed.
func TestExportRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a Go program")
	}
	models := prepareExports(t)
	mod := t.TempDir()
	var imports, calls strings.Builder
	for _, e := range models {
		dir := filepath.Join(mod, e.name)
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		src := filepath.Join(dir, e.name+".go")
		if code, _, errs := runAnn("export", "-model", e.model, "-lang", "go", "-package", e.name, "-o", src); code != 0 {
			t.Fatal(errs)
		}
		fmt.Fprintf(&imports, "\t%q\n", "exported/"+e.name)
		fmt.Fprintf(&calls, "\tcase %q:\n\t\tpredict, proba = %s.Predict, %s.Probabilities\n", e.name, e.name, e.name)
	}
	main := `package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"

` + imports.String() + `)

func main() {
	var predict func([]float64) int
	var proba func([]float64) []float64
	switch os.Args[1] {
` + calls.String() + `	}
	f, err := os.Open(os.Args[2])
	if err != nil {
		panic(err)
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var x []float64
		for _, s := range strings.Split(sc.Text(), ",") {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				panic(err)
			}
			x = append(x, v)
		}
		fmt.Fprint(w, predict(x))
		for _, p := range proba(x) {
			fmt.Fprint(w, ",", strconv.FormatFloat(p, 'g', -1, 64))
		}
		fmt.Fprintln(w)
	}
}
`
	files := map[string]string{"go.mod": "module exported\n\ngo 1.22\n", "main.go": main}
	for name, s := range files {
		if err := os.WriteFile(filepath.Join(mod, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build := exec.Command("go", "build", "-o", "predict", ".")
	build.Dir = mod
	build.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=", "GOTOOLCHAIN=local")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build of the exported packages: %v\n%s", err, out)
	}
	for _, e := range models {
		out, err := exec.Command(filepath.Join(mod, "predict"), e.name, e.inputs).Output()
		if err != nil {
			t.Fatalf("the exported %s: %v", e.name, err)
		}
		e.compare(t, "go", string(out), 1e-12)
	}

	if py, err := exec.LookPath("python3"); err != nil {
		t.Log("python3 not found: the exported Python is not run")
	} else {
		for _, e := range models {
			src := filepath.Join(mod, "py_"+e.name+".py")
			if code, _, errs := runAnn("export", "-model", e.model, "-lang", "python", "-o", src); code != 0 {
				t.Fatal(errs)
			}
			script := fmt.Sprintf(`import sys
sys.path.insert(0, %q)
import py_%s as m
for line in open(%q):
    x = [float(v) for v in line.split(",")]
    print(",".join([str(m.predict(x))] + [repr(p) for p in m.probabilities(x)]))
`, mod, e.name, e.inputs)
			out, err := exec.Command(py, "-c", script).Output()
			if err != nil {
				t.Fatalf("python3 %s: %v", e.name, err)
			}
			e.compare(t, "python", string(out), 1e-12)
		}
	}

	if node, err := exec.LookPath("node"); err != nil {
		t.Log("node not found: the exported JavaScript is not run")
	} else {
		for _, e := range models {
			src := filepath.Join(mod, "js_"+e.name+".mjs")
			if code, _, errs := runAnn("export", "-model", e.model, "-lang", "js", "-o", src); code != 0 {
				t.Fatal(errs)
			}
			runner := filepath.Join(mod, "run_"+e.name+".mjs")
			script := fmt.Sprintf(`import { readFileSync } from "node:fs";
import { predict, probabilities } from %q;
const out = [];
for (const line of readFileSync(%q, "utf8").trim().split("\n")) {
  const x = line.split(",").map(Number);
  out.push([predict(x), ...probabilities(x).map(String)].join(","));
}
console.log(out.join("\n"));
`, src, e.inputs)
			if err := os.WriteFile(runner, []byte(script), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(node, runner).Output()
			if err != nil {
				t.Fatalf("node %s: %v", e.name, err)
			}
			e.compare(t, "js", string(out), 1e-12)
		}
	}
}
