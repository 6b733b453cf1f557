package dataset

import "fmt"

// ArgError is an argument a user chose (a flag, a Config field) whose value
// the library cannot work with: a k or test fraction that KFold,
// TrainTestSplit or StratifiedSplit cannot split m rows with, as CheckKFold
// and CheckTrainTestSplit report it, and a trainer.Config field that gradient
// descent cannot run with, as Config.Check reports it. Arg is named as a flag
// would name it, so a command can turn the error into a usage line for the
// flag.
type ArgError struct {
	Pkg   string // the package that reports it: "dataset" or "trainer"
	Arg   string // the argument, as a flag would name it: "k", "test-fraction", "rows" (m), "alpha", ...
	Value any    // its value
	Want  string // what it should be
}

// Error says the package, then the argument, its value and what is wanted, as
// in "dataset: k 7: want from 2 to 6 folds (one per row at most)" or
// "trainer: alpha 0: want a finite number > 0".
func (e *ArgError) Error() string {
	return fmt.Sprintf("%s: %s %v: %s", e.Pkg, e.Arg, e.Value, e.Want)
}
