package main

import (
	"context"
	"encoding/json"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/ann-go/ann/internal/safefile"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/model"
)

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("export", "-model FILE.npz -lang go|python|js [-o FILE] [-package NAME]", stdout)
	modelPath := fs.String("model", "", "the model `file`: model.npz from ann train")
	lang := fs.String("lang", "go", "the `language` of the source: go, python or js (an ES module)")
	outPath := fs.String("o", "", "write the source to `FILE` instead of standard output")
	pkg := fs.String("package", "classifier", "go: the package `name`")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *modelPath == "" {
		return usagef("-model is required")
	}
	if *lang != "go" && *lang != "python" && *lang != "js" {
		return usagef("-lang %q: want go, python or js", *lang)
	}
	if !token.IsIdentifier(*pkg) || token.IsKeyword(*pkg) {
		return usagef("-package %q: want a Go identifier", *pkg)
	}
	m, err := model.ReadFile(*modelPath)
	if err != nil {
		return usagef("-model: %v", err)
	}
	e := exporter{m: m, origin: origin(*modelPath)}
	var src string
	switch *lang {
	case "go":
		src = e.golang(*pkg)
	case "python":
		src = e.python()
	case "js":
		src = e.js()
	}
	if err := ctx.Err(); err != nil {
		return &interruptedError{}
	}
	if *outPath == "" {
		_, err := io.WriteString(stdout, src)
		return err
	}
	err = safefile.Write(*outPath, func(w io.Writer) error {
		_, err := io.WriteString(w, src)
		return err
	})
	if err != nil {
		return usagef("-o: %v", err)
	}
	fmt.Fprintf(stderr, "wrote %s\n", *outPath)
	return nil
}

// origin describes the model file for the exported code's comment: its
// name and, if a run.json from ann train lies beside it, the run.
func origin(path string) string {
	s := "the model file " + filepath.Base(path)
	b, err := os.ReadFile(filepath.Join(filepath.Dir(path), "run.json"))
	if err != nil {
		return s
	}
	var rec runRecord
	if json.Unmarshal(b, &rec) != nil || rec.Data.Source == "" {
		return s
	}
	t := rec.Training
	return fmt.Sprintf("%s, trained by ann train (%s) on %s, %d of %d rows: alpha %v, lambda %v, %d iterations",
		s, rec.Version, filepath.Base(rec.Data.Source), rec.Data.TrainRows, rec.Data.Rows, t.Alpha, t.Lambda, t.Iters)
}

// exporter writes a model as source code.
type exporter struct {
	m      *model.Model
	origin string
}

// describe is the first lines of the exported code's comment.
func (e exporter) describe() []string {
	sizes := e.m.Net.Sizes()
	parts := make([]string, len(sizes))
	for i, s := range sizes {
		parts[i] = strconv.Itoa(s)
	}
	lines := []string{
		fmt.Sprintf("A classifier exported by ann export from %s.", e.origin),
		fmt.Sprintf("Network %s (layer sizes s_1..s_L), %s hidden layers, sigmoid outputs, K = %d classes.", strings.Join(parts, ","), e.m.Net.Hidden, sizes[len(sizes)-1]),
	}
	if e.m.Features != nil {
		lines = append(lines, fmt.Sprintf("Its inputs are the features %v of a point (x1, x2).", e.m.Features))
	}
	if e.m.Scaler != nil {
		lines = append(lines, "Each input u_j is standardized as training did: (u_j - mean_j) / std_j.")
	}
	return append(lines,
		"Theta[l][i][j] is the weight from unit j of layer l+1 to unit i+1 of layer l+2 (j = 0: the bias unit).",
		"Probabilities returns the K output units, Predict the first largest's class, as ann predict.")
}

// num formats v so that every language reads back the same float64.
func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func nums(v []float64) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = num(x)
	}
	return strings.Join(s, ", ")
}

// thetaRows returns each Θ^(l)'s rows as comma-separated numbers.
func (e exporter) thetaRows() [][]string {
	var out [][]string
	for l := 1; l < len(e.m.Net.Theta); l++ {
		t := e.m.Net.Theta[l]
		rows := make([]string, t.Rows)
		for i := range t.Rows {
			rows[i] = nums(t.Data[i*t.Cols : (i+1)*t.Cols])
		}
		out = append(out, rows)
	}
	return out
}

// features returns the model's features of the point (x[0], x[1]) as a
// comma-separated list of expressions in a language whose sine is sin.
func (e exporter) features(sin string) string {
	fs := make([]string, len(e.m.Features))
	for i, f := range e.m.Features {
		fs[i] = feature(f, sin)
	}
	return strings.Join(fs, ", ")
}

// feature returns feature f of the point (x[0], x[1]), with sin the
// language's sine function.
func feature(f model.Feature, sin string) string {
	const x0, x1 = "x[0]", "x[1]"
	switch f {
	case model.X1:
		return x0
	case model.X2:
		return x1
	case model.X1Squared:
		return x0 + " * " + x0
	case model.X2Squared:
		return x1 + " * " + x1
	case model.X1X2:
		return x0 + " * " + x1
	case model.SinX1:
		return sin + "(" + x0 + ")"
	}
	return sin + "(" + x1 + ")"
}

func (e exporter) golang(pkg string) string {
	var b strings.Builder
	b.WriteString("// Code generated by ann export; DO NOT EDIT.\n\n")
	for i, l := range e.describe() {
		if i == 0 {
			l = "Package " + pkg + " is a" + strings.TrimPrefix(l, "A")
		}
		fmt.Fprintf(&b, "// %s\n", l)
	}
	fmt.Fprintf(&b, "package %s\n\nimport \"math\"\n\n", pkg)
	fmt.Fprintf(&b, "// Inputs is the number of values Predict and Probabilities take.\nconst Inputs = %d\n\n", e.m.Columns())
	if s := e.m.Scaler; s != nil {
		fmt.Fprintf(&b, "var mean = []float64{%s}\n\nvar std = []float64{%s}\n\n", nums(s.Mean), nums(s.Std))
	}
	b.WriteString("// Theta holds the weights, layer by layer.\nvar Theta = [][][]float64{\n")
	for _, rows := range e.thetaRows() {
		b.WriteString("\t{\n")
		for _, r := range rows {
			fmt.Fprintf(&b, "\t\t{%s},\n", r)
		}
		b.WriteString("\t},\n")
	}
	b.WriteString("}\n\n")
	b.WriteString("// Probabilities returns the K output units for the input x, which must\n// hold Inputs values; it panics otherwise.\nfunc Probabilities(x []float64) []float64 {\n")
	fmt.Fprintf(&b, "\tif len(x) != Inputs {\n\t\tpanic(\"%s: wrong number of inputs\")\n\t}\n", pkg)
	if e.m.Features != nil {
		fmt.Fprintf(&b, "\ta := []float64{%s}\n", e.features("math.Sin"))
	} else {
		b.WriteString("\ta := append([]float64(nil), x...)\n")
	}
	if e.m.Scaler != nil {
		b.WriteString("\tfor j := range a {\n\t\ta[j] = (a[j] - mean[j]) / std[j]\n\t}\n")
	}
	b.WriteString("\tfor l, t := range Theta {\n\t\tz := make([]float64, len(t))\n\t\tfor i, row := range t {\n\t\t\ts := row[0]\n")
	b.WriteString("\t\t\tfor j, w := range row[1:] {\n\t\t\t\ts += float64(w * a[j]) // float64(): no fused multiply-add, the same bits everywhere\n\t\t\t}\n")
	b.WriteString("\t\t\tif l == len(Theta)-1 {\n\t\t\t\tz[i] = 1 / (1 + math.Exp(-s))\n\t\t\t} else {\n\t\t\t\tz[i] = " + activation(e.m.Net.Hidden, "1 / (1 + math.Exp(-s))", "math.Tanh(s)", "max(0, s)") + "\n\t\t\t}\n\t\t}\n\t\ta = z\n\t}\n\treturn a\n}\n\n")
	b.WriteString("// Predict returns the class of x: the first of its largest Probabilities.\nfunc Predict(x []float64) int {\n\tp := Probabilities(x)\n\tk := 0\n\tfor i, v := range p {\n\t\tif v > p[k] {\n\t\t\tk = i\n\t\t}\n\t}\n\treturn k\n}\n")
	return b.String()
}

// activation returns the hidden units' g(s) in a language: sigmoid, tanh
// or relu, whichever the network uses.
func activation(a network.Activation, sigmoid, tanh, relu string) string {
	switch a {
	case network.Tanh:
		return tanh
	case network.ReLU:
		return relu
	}
	return sigmoid
}

func (e exporter) python() string {
	var b strings.Builder
	b.WriteString("# Generated by ann export; do not edit.\n\"\"\"")
	b.WriteString(strings.Join(e.describe(), "\n"))
	b.WriteString("\n\nprobabilities(x) and predict(x) take a sequence of INPUTS numbers.\n\"\"\"\nimport math\n\n")
	fmt.Fprintf(&b, "INPUTS = %d\n\n", e.m.Columns())
	if s := e.m.Scaler; s != nil {
		fmt.Fprintf(&b, "MEAN = [%s]\n\nSTD = [%s]\n\n", nums(s.Mean), nums(s.Std))
	}
	b.WriteString("THETA = [\n")
	for _, rows := range e.thetaRows() {
		b.WriteString("    [\n")
		for _, r := range rows {
			fmt.Fprintf(&b, "        [%s],\n", r)
		}
		b.WriteString("    ],\n")
	}
	b.WriteString("]\n\n\ndef _sigmoid(z):\n    return 1 / (1 + math.exp(-z)) if z > -709 else 0.0\n\n\n")
	b.WriteString("def probabilities(x):\n    \"\"\"The K output units for the input x.\"\"\"\n    if len(x) != INPUTS:\n        raise ValueError(\"want %d inputs, got %d\" % (INPUTS, len(x)))\n")
	if e.m.Features != nil {
		fmt.Fprintf(&b, "    a = [%s]\n", e.features("math.sin"))
	} else {
		b.WriteString("    a = [float(v) for v in x]\n")
	}
	if e.m.Scaler != nil {
		b.WriteString("    a = [(v - m) / s for v, m, s in zip(a, MEAN, STD)]\n")
	}
	hidden := activation(e.m.Net.Hidden, "_sigmoid(s)", "math.tanh(s)", "max(0.0, s)")
	b.WriteString("    for l, t in enumerate(THETA):\n        z = []\n        for row in t:\n            s = row[0]\n            for w, v in zip(row[1:], a):\n                s += w * v\n")
	fmt.Fprintf(&b, "            z.append(_sigmoid(s) if l == len(THETA) - 1 else %s)\n        a = z\n    return a\n\n\n", hidden)
	b.WriteString("def predict(x):\n    \"\"\"The class of x: the first of its largest probabilities.\"\"\"\n    p = probabilities(x)\n    return max(range(len(p)), key=lambda k: (p[k], -k))\n")
	return b.String()
}

func (e exporter) js() string {
	var b strings.Builder
	b.WriteString("// Generated by ann export; do not edit.\n")
	for _, l := range e.describe() {
		fmt.Fprintf(&b, "// %s\n", l)
	}
	b.WriteString("// An ES module: import { predict, probabilities } from './this-file.mjs'.\n\n")
	fmt.Fprintf(&b, "export const INPUTS = %d;\n\n", e.m.Columns())
	if s := e.m.Scaler; s != nil {
		fmt.Fprintf(&b, "const MEAN = [%s];\n\nconst STD = [%s];\n\n", nums(s.Mean), nums(s.Std))
	}
	b.WriteString("export const THETA = [\n")
	for _, rows := range e.thetaRows() {
		b.WriteString("  [\n")
		for _, r := range rows {
			fmt.Fprintf(&b, "    [%s],\n", r)
		}
		b.WriteString("  ],\n")
	}
	b.WriteString("];\n\nconst sigmoid = (z) => 1 / (1 + Math.exp(-z));\n\n")
	b.WriteString("// probabilities returns the K output units for the input x, an array of INPUTS numbers.\nexport function probabilities(x) {\n")
	b.WriteString("  if (x.length !== INPUTS) {\n    throw new RangeError(`want ${INPUTS} inputs, got ${x.length}`);\n  }\n")
	if e.m.Features != nil {
		fmt.Fprintf(&b, "  let a = [%s];\n", e.features("Math.sin"))
	} else {
		b.WriteString("  let a = Array.from(x, Number);\n")
	}
	if e.m.Scaler != nil {
		b.WriteString("  a = a.map((v, j) => (v - MEAN[j]) / STD[j]);\n")
	}
	hidden := activation(e.m.Net.Hidden, "sigmoid(s)", "Math.tanh(s)", "Math.max(0, s)")
	b.WriteString("  THETA.forEach((t, l) => {\n    a = t.map((row) => {\n      let s = row[0];\n      for (let j = 1; j < row.length; j++) {\n        s += row[j] * a[j - 1];\n      }\n")
	fmt.Fprintf(&b, "      return l === THETA.length - 1 ? sigmoid(s) : %s;\n    });\n  });\n  return a;\n}\n\n", hidden)
	b.WriteString("// predict returns the class of x: the first of its largest probabilities.\nexport function predict(x) {\n  const p = probabilities(x);\n  let k = 0;\n  for (let i = 1; i < p.length; i++) {\n    if (p[i] > p[k]) {\n      k = i;\n    }\n  }\n  return k;\n}\n")
	return b.String()
}
