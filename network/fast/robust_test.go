package fast

import (
	"math"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/ann-go/ann/layer"
	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/moons"
	"github.com/ann-go/ann/network"
)

// panicOf runs f and returns the message it panicked with, "" if none.
func panicOf(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg, _ = r.(string)
			if msg == "" {
				msg = "a panic that is not a string"
			}
		}
	}()
	f()
	return ""
}

// A call while another is running on the same Workspace panics with a
// message saying a Workspace is for one goroutine, for each of its methods;
// after it the workspace still works.
func TestWorkspaceInUse(t *testing.T) {
	X, y := moons.Make(300, 0.1, 0)
	net := network.New(layer.Init(layer.Tutorial, 0))
	w := NewWorkspace(net, X, y, 0)
	defer w.Close()
	rows := make([]int, 300)
	for i := range rows {
		rows[i] = i
	}
	w.busy.Store(true) // as if another goroutine were inside a call
	for name, f := range map[string]func(){
		"Gradient": func() { w.Gradient() },
		"Cost":     func() { w.Cost() },
		"Load":     func() { w.Load(X, y, rows) },
		"Close":    func() { w.Close() },
	} {
		if msg := panicOf(f); !strings.HasPrefix(msg, "fast: Workspace."+name+" called while another call") || !strings.Contains(msg, "one goroutine") {
			t.Errorf("%s on a workspace in use: panic %q, want one saying a Workspace is for one goroutine", name, msg)
		}
	}
	w.busy.Store(false)
	J1 := w.Cost()
	if J2, _ := w.Gradient(); J1 != J2 {
		t.Errorf("after the refused calls: Cost %v, Gradient's J %v", J1, J2)
	}
}

// Two goroutines sharing a Workspace: each call either runs alone and gives
// the cost of a workspace of its own, or panics saying why. Under go test
// -race this also shows that no call reads buffers another is writing.
func TestWorkspaceSharedByGoroutines(t *testing.T) {
	X, y := moons.Make(3000, 0.1, 0) // parallel: the workspace's own goroutines run too
	net := network.New(layer.Init(layer.Tutorial, 0))
	alone := NewWorkspace(net, X, y, 0)
	want := alone.Cost()
	alone.Close()
	w := NewWorkspace(net, X, y, 0)
	defer w.Close()
	var wg sync.WaitGroup
	var mu sync.Mutex
	refused := 0
	for g := 0; g < 2; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				var J float64
				msg := panicOf(func() {
					if i%2 == 0 {
						J = w.Cost()
					} else {
						J, _ = w.Gradient()
					}
				})
				mu.Lock()
				switch {
				case msg == "" && J != want:
					t.Errorf("a call that ran gave J = %v, want %v", J, want)
				case msg != "" && !strings.Contains(msg, "one goroutine"):
					t.Errorf("a shared call panicked with %q", msg)
				case msg != "":
					refused++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	t.Logf("%d of 100 calls refused while the other goroutine's call ran", refused)
}

// NewWorkspace refuses, with a message, a workspace larger than
// MaxWorkspaceBytes instead of ending the program out of memory; the
// estimate it goes by is close to what it allocates.
func TestWorkspaceBounded(t *testing.T) {
	// docs/reliability.md quotes this one: about 79 GiB.
	if b := WorkspaceBytes([]int{2, 20000000, 2}, 10); b <= MaxWorkspaceBytes || math.Round(b/(1<<30)) != 79 {
		t.Errorf("WorkspaceBytes of 10 examples through 2-20000000-2 = %.3g GiB, want about 79, more than MaxWorkspaceBytes", b/(1<<30))
	}
	// 2-2000000-2: a network of 80 MB whose workspace would take 8 GiB.
	sizes := []int{2, 2000000, 2}
	Theta := make([]*matrix.Dense, len(sizes))
	for l := 1; l < len(sizes); l++ {
		Theta[l] = matrix.New(sizes[l], sizes[l-1]+1)
	}
	X, y := moons.Make(10, 0.1, 0)
	msg := panicOf(func() { NewWorkspace(network.New(Theta), X, y, 0) })
	if !strings.HasPrefix(msg, "fast: a workspace for 10 examples through layers [2 2000000 2] would take about") || !strings.Contains(msg, "MaxWorkspaceBytes") {
		t.Errorf("NewWorkspace of 2-2000000-2: panic %q, want fast: a workspace ... MaxWorkspaceBytes", msg)
	}

	for _, c := range []struct {
		m     int
		sizes []int
	}{{1000, layer.Tutorial}, {10000, []int{2, 64, 64, 2}}, {300, []int{2, 5000, 2}}} {
		X, y := moons.Make(c.m, 0.1, 0)
		net := network.New(layer.Init(c.sizes, 0))
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		w := NewWorkspace(net, X, y, 0)
		runtime.ReadMemStats(&after)
		w.Close()
		got, est := float64(after.TotalAlloc-before.TotalAlloc), WorkspaceBytes(c.sizes, c.m)
		if !(got > 0.8*est && got < 1.25*est) {
			t.Errorf("m = %d, layers %v: NewWorkspace allocated %.0f bytes, WorkspaceBytes says %.0f", c.m, c.sizes, got, est)
		}
	}
}
