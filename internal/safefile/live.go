package safefile

import (
	"os"
	"sync"
)

// live holds the temporary files and directories being written, so that a
// process stopping on a signal can remove them (Abandon). mu also guards the
// renames that put a write in place: Abandon waits for one under way to end.
var (
	mu   sync.Mutex
	live = map[string]bool{}
	// abandoned is set by Abandon: no write starts or finishes after it.
	abandoned bool
)

// track records path as a temporary file or directory being written. It
// reports false once Abandon has been called.
func track(path string) bool {
	mu.Lock()
	defer mu.Unlock()
	if abandoned {
		return false
	}
	live[path] = true
	return true
}

// untrack forgets path.
func untrack(path string) {
	mu.Lock()
	defer mu.Unlock()
	delete(live, path)
}

// Abandon removes every temporary file and directory Write and WriteSet
// are writing, after any rename under way has finished, and makes every
// later Write and WriteSet fail. A program calls it just before it exits on
// a signal without waiting for its writes to end.
func Abandon() {
	mu.Lock()
	defer mu.Unlock()
	abandoned = true
	for path := range live {
		os.RemoveAll(path)
		delete(live, path)
	}
}

// errAbandoned is the error of a write begun or ended after Abandon.
type abandonError struct{}

func (abandonError) Error() string { return "the program is stopping" }
