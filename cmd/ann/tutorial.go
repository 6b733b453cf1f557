package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"

	"github.com/ann-go/ann/internal/safefile"
	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/svgplot"
)

// The tutorial's settings. Its own run drew the weights without a seed; ann
// seeds numpy's stream with 0, with which Take 1 ends on a straight boundary
// and Take 2 on a curved one, as the tutorial's text describes.
const (
	tutorialN     = 1000
	tutorialNoise = 0.1
	tutorialSeed  = 0
)

func runTutorial(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("tutorial", "[-reference] [-out DIR] [-q]", stdout)
	var of outFlags
	of.register(fs, "ann-tutorial", "write the figures to `DIR`")
	var reference bool
	registerReference(fs, &reference)
	if err := parse(fs, args); err != nil {
		return err
	}
	if of.dir == "" {
		return usagef("-out: want a directory for the figures")
	}
	progress, err := of.prepare(stderr)
	if err != nil {
		return err
	}
	p := func(format string, args ...any) { fmt.Fprintf(stdout, format+"\n", args...) }
	// The figures are written together at the end, as one set.
	var files []safefile.File
	wrote := func(figs ...safefile.File) { files = append(files, figs...) }

	p("Artificial neural networks: An example implementation in Python 3 with numpy and matplotlib")
	p("(the tutorial's cells, run by ann; figures in %s)", of.dir)
	if reference {
		p("(training on the reference loop: train_network on package network, not the engine)")
	}
	p("")
	p("[9] Initialize the weights: np.random.seed(%d), then (rand - 0.5) * epsilon per layer", tutorialSeed)
	p("    (the tutorial's own run drew them unseeded; seed %d gives its straight Take 1 and curved Take 2)", tutorialSeed)
	nf := netFlags{sizes: layer.Tutorial, seed: tutorialSeed, alpha: 0.5, init: "code", activation: "sigmoid", reference: reference}
	net := nf.network()
	for l := 1; l < net.L(); l++ {
		p("Theta%d shape: %d by %d", l, net.Theta[l].Rows, net.Theta[l].Cols)
	}
	p("")

	p("[11] Generating a data set: make_moons(n_samples=%d, noise=%v, random_state=0)", tutorialN, tutorialNoise)
	df := dataFlags{source: "moons", n: tutorialN, noise: tutorialNoise}
	ds, err := df.load()
	if err != nil {
		return err
	}
	p("((%d,), (%d, %d))", len(ds.y), ds.X.Rows, ds.X.Cols)
	wrote(safefile.File{Name: "data.svg", Write: dataFigure(ds, ds.options("The two moons: make_moons(1000, noise=0.1)", ""))})

	takes := []struct {
		name, title string
		m, iters    int
		cell        int
	}{
		{"take1", "Take 1: all 1000 points, 1000 iterations", tutorialN, 1000, 12},
		{"take2", "Take 2: the first 500 points, 5000 iterations", 500, 5000, 14},
	}
	var both []svgplot.Series
	for _, tk := range takes {
		p("")
		p("[%d] Training the model: %s, alpha %v", tk.cell, tk.title, nf.alpha)
		nf.iters = tk.iters
		nf.snapshots = snapshotCandidates(tk.iters)
		r, err := train(ctx, ds, seq(tk.m), nil, &nf, progress)
		if err != nil {
			return err
		}
		costs := r.res.Costs
		p("cost %.6f at iteration 1, %.6f at iteration %d", costs[0], costs[len(costs)-1], len(costs))
		p("accuracy %.3f on the %d training points, %.3f on all %d", r.accTrain, tk.m, r.accAll, ds.X.Rows)
		title := "Take " + tk.name[len(tk.name)-1:]
		sub := describe(ds, &df, &nf, rowsTrained(ds, r.trainIdx, nil))
		bopt := ds.options(title+": decision boundary", sub)
		bopt.Held = held(ds, r.trainIdx)
		wrote(
			safefile.File{Name: tk.name + "-cost.svg", Write: costFigure([]svgplot.Series{{Name: "training cost", Y: costs}}, svgplot.Options{Title: title + ": cost per iteration", Subtitle: sub})},
			safefile.File{Name: tk.name + "-boundary.svg", Write: boundaryFigure(ds, r.model.GridProbabilities, bopt)},
			safefile.File{Name: tk.name + "-neurons.svg", Write: neuronsFigure(ds, r.model, ds.options(title+": the trained network, unit by unit", sub))},
		)
		training, err := r.trainingFiles(tk.name+"-", pickFrames(costs, nf.snapshots, nil), false, ds.options(title+": the decision boundary as the cost falls", sub))
		if err != nil {
			return err
		}
		wrote(training...)
		// Take 2 first, so that Take 1 is drawn over it: the two curves
		// nearly coincide for Take 1's 1000 iterations.
		both = slices.Insert(both, 0, svgplot.Series{Name: fmt.Sprintf("%s: %d points, %d iterations", title, tk.m, tk.iters), Y: costs})
	}
	wrote(safefile.File{Name: "take1-vs-take2-cost.svg", Write: costFigure(both, svgplot.Options{
		Title:    "Take 1 and Take 2: cost per iteration",
		Subtitle: fmt.Sprintf("moons n=%d noise %v · layers 2-5-5-2 · α %v · λ 0 · the same initial weights · Take 1 drawn over Take 2", tutorialN, tutorialNoise, nf.alpha),
	})})
	if err := of.writeSet(ctx, files, io.Discard); err != nil {
		return err
	}
	p("")
	for _, f := range files {
		p("wrote %s", filepath.Join(of.dir, f.Name))
	}
	return nil
}
