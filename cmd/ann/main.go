// Command ann runs the tutorial "Artificial neural networks: An example
// implementation in Python 3 with numpy and matplotlib" end to end, and trains,
// checks and evaluates its network on other data.
//
// Usage:
//
//	ann <command> [flags]
//
// The commands:
//
//	tutorial   run the tutorial's notebook end to end and draw its figures
//	train      train a network by gradient descent and report its cost and accuracy
//	predict    predict the classes of a CSV file's rows with a saved model
//	cv         k-fold cross-validation: train one network per fold, report held-out accuracy
//	export     write a saved model as standalone Go, Python or JavaScript source
//	trace      print every step of one forward and backward pass for one example
//	gradcheck  compare backpropagation's gradients with numerical ones
//	plateau    train, and print the gradient's size and the hidden units' spread along the way
//	check      check a learner's own network: their arrays (.npz) step by step, naming the mistake
//	landscape  draw the cost around Take 1's and Take 2's paths through the weights
//	data       write a data set as CSV (x1,x2,...,label)
//	serve      serve the playground: train the network live in a browser
//
// Run "ann <command> -h" for a command's flags. Errors in what you typed (a
// flag, a value, a file, a run larger than the memory budget) exit with
// status 2; a run that fails (training that diverges) exits with status 1;
// SIGINT or SIGTERM stops a command with status 130, its files unwritten.
// docs/reliability.md says what ann promises about its files, memory and
// signals.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/ann-go/ann/internal/safefile"
)

// A command is one subcommand of ann.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

var commands []command

func init() {
	commands = []command{
		{"tutorial", "run the tutorial's notebook end to end and draw its figures", runTutorial},
		{"train", "train a network by gradient descent and report its cost and accuracy", runTrain},
		{"predict", "predict the classes of a CSV file's rows with a saved model", runPredict},
		{"cv", "k-fold cross-validation: train one network per fold, report held-out accuracy", runCV},
		{"export", "write a saved model as standalone Go, Python or JavaScript source", runExport},
		{"trace", "print every step of one forward and backward pass for one example", runTrace},
		{"gradcheck", "compare backpropagation's gradients with numerical ones", runGradcheck},
		{"plateau", "train, and print the gradient's size and the hidden units' spread along the way", runPlateau},
		{"check", "check a learner's own network: their arrays (.npz) step by step, naming the mistake", runCheck},
		{"landscape", "draw the cost around Take 1's and Take 2's paths through the weights", runLandscape},
		{"data", "write a data set as CSV (x1,x2,...,label)", runData},
		{"serve", "serve the playground: train the network live in a browser", runServe},
	}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// interruptedError is a command stopped by SIGINT or SIGTERM; it exits with
// status 130, as a shell reports a process ended by SIGINT.
type interruptedError struct {
	iter, iters int // the iteration training stopped at, if it was training
}

func (e *interruptedError) Error() string {
	if e.iters > 0 {
		return fmt.Sprintf("interrupted at iteration %d of %d; nothing written", e.iter, e.iters)
	}
	return "interrupted; nothing written"
}

func (e *interruptedError) Unwrap() error { return context.Canceled }

// usageError is an error in what the user typed; it exits with status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// run runs ann with the given arguments and returns the exit status. SIGINT
// and SIGTERM cancel the command's context rather than end the process: the
// command stops at its next check, removes what it had begun to write, and
// run returns 130.
func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-done:
			return
		case <-ctx.Done():
		}
		// Training stops within an iteration; a command busy elsewhere (a
		// large figure, gradcheck) is given a moment, then ended here.
		select {
		case <-done:
		case <-time.After(stopGrace):
			safefile.Abandon()
			fmt.Fprintf(stderr, "ann %s: interrupted; nothing written\n", strings.Join(args[:min(1, len(args))], ""))
			os.Exit(130)
		}
	}()
	return runContext(ctx, args, stdout, stderr)
}

// stopGrace is how long a command may take to stop after SIGINT or SIGTERM
// before run ends the process itself, its temporary files removed.
const stopGrace = 3 * time.Second

// runContext is run with a context that stands for the signals.
func runContext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "-help" || name == "--help" {
		usage(stdout)
		return 0
	}
	for _, c := range commands {
		if c.name != name {
			continue
		}
		err := c.run(ctx, args[1:], stdout, stderr)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, context.Canceled):
			var ie *interruptedError
			if !errors.As(err, &ie) {
				err = &interruptedError{}
			}
			fmt.Fprintf(stderr, "ann %s: %v\n", name, err)
			return 130
		}
		fmt.Fprintf(stderr, "ann %s: %v\n", name, err)
		var ue *usageError
		if errors.As(err, &ue) {
			return 2
		}
		return 1
	}
	fmt.Fprintf(stderr, "ann: unknown command %q; run 'ann help' for the list\n", name)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "ann: the tutorial's neural network, in Go.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: ann <command> [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'ann <command> -h' for a command's flags.")
}

// newFlagSet returns a flag set for a command whose parse errors come back as
// usage errors, without printing the whole flag list. Its Usage prints the
// -h text; parseFlags calls it only for -h.
func newFlagSet(name, synopsis string, stdout io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("ann "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintf(stdout, "Usage: ann %s %s\n\nFlags:\n", name, synopsis)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// parseFlags is fs.Parse, printing fs.Usage (the -h text) on -h only: the
// flag package calls Usage on every parse error, so it is switched off
// while parsing. Each command's flag set is its own, so this holds no state
// shared between commands run side by side.
func parseFlags(fs *flag.FlagSet, args []string) error {
	help := fs.Usage
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.Usage = help
	if errors.Is(err, flag.ErrHelp) {
		help()
	}
	return err
}

// parse parses args into fs. -h prints the usage and returns flag.ErrHelp;
// anything else wrong, and any argument left over, is a usage error.
func parse(fs *flag.FlagSet, args []string) error {
	if err := parseFlags(fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usagef("%v (run '%s -h' for the flags)", err, fs.Name())
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q (flags start with -; run '%s -h')", strings.Join(fs.Args(), " "), fs.Name())
	}
	return nil
}
