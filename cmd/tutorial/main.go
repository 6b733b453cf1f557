// Command tutorial is the tutorial's notebook, cells 1 to 15, as one Go
// program to read top to bottom: the network's pieces (cells 2 to 6, here
// the packages sigmoid, network and trainer), the two moons (cell 11), and
// the two trainings, Take 1 on all 1000 points for 1000 iterations and
// Take 2 on the first 500 for 5000 (cells 12 to 15), each with its cost
// curve and decision boundary. Batch gradient descent, cell 10:
//
//	for n = 1, ..., iters:   J_n = J(Θ),   Θ^(l) := Θ^(l) - α D^(l)
//
// Run it with
//
//	go run ./cmd/tutorial            # figures in ./tutorial-figures
//	go run ./cmd/tutorial -out DIR
//
// It uses the exported API only; `ann tutorial` prints the same costs.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/network"
	"github.com/ann-go/ann/network/model"
	"github.com/ann-go/ann/svgplot"
	"github.com/ann-go/ann/trainer"
)

func main() {
	out := flag.String("out", "tutorial-figures", "write the figures to `DIR`")
	flag.Parse()
	if err := run(os.Stdout, *out); err != nil {
		log.Fatal(err)
	}
}

func run(w io.Writer, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	save := func(name string, draw func(io.Writer) error) error {
		var b bytes.Buffer
		if err := draw(&b); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(w, "wrote %s\n", filepath.Join(dir, name))
		return nil
	}

	// [9] Theta initialization: a 2-5-5-2 network, (rand - 0.5) ε per
	// weight after np.random.seed(0).
	Theta := layer.Init(layer.Tutorial, 0)
	for l := 1; l < len(Theta); l++ {
		fmt.Fprintf(w, "Theta%d shape: %d by %d\n", l, Theta[l].Rows, Theta[l].Cols)
	}

	// [11] Generating a data set: make_moons(1000, noise=0.1, random_state=0).
	X, y := moons.Make(1000, 0.1, 0)
	fmt.Fprintf(w, "X: %d by %d, y: %d labels\n", X.Rows, X.Cols, len(y))
	if err := save("data.svg", func(f io.Writer) error {
		return svgplot.Scatter(f, svgplot.Column(X, 0), svgplot.Column(X, 1), y, svgplot.Options{Title: "The two moons"})
	}); err != nil {
		return err
	}

	// [12]-[15] Take 1 and Take 2, from the same initial weights.
	for _, take := range []struct {
		name     string
		m, iters int
	}{{"take1", 1000, 1000}, {"take2", 500, 5000}} {
		Xm := &matrix.Dense{Rows: take.m, Cols: X.Cols, Data: X.Data[:take.m*X.Cols]} // X[:m]
		res, err := trainer.Train(context.Background(), network.New(Theta), Xm, y[:take.m],
			trainer.Config{Alpha: 0.5, Iters: take.iters})
		if err != nil {
			return err
		}
		J := res.Costs
		fmt.Fprintf(w, "%s: cost %.6f at iteration 1, %.6f at iteration %d\n", take.name, J[0], J[len(J)-1], len(J))
		fmt.Fprintf(w, "%s: accuracy %.3f on the %d training points\n", take.name, network.Accuracy(res.Net, Xm, y[:take.m]), take.m)

		// [13], [15] The cost per iteration and the decision boundary.
		title := fmt.Sprintf("%s: %d points, %d iterations", take.name, take.m, take.iters)
		if err := save(take.name+"-cost.svg", func(f io.Writer) error {
			return svgplot.Costs(f, []svgplot.Series{{Name: "J", Y: J}}, svgplot.Options{Title: title})
		}); err != nil {
			return err
		}
		m := &model.Model{Net: res.Net}
		if err := save(take.name+"-boundary.svg", func(f io.Writer) error {
			return svgplot.DecisionBoundary(f, Xm, y[:take.m], m.GridProbabilities, svgplot.Options{Title: title})
		}); err != nil {
			return err
		}
	}
	return nil
}
