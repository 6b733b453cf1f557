package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ann-go/ann/internal/golden"
)

// docExcerpt is part of what a command prints, shown in a document.
type docExcerpt struct {
	args     []string // as shown after "ann "
	from, to string   // the first line shown, and the line after the last one ("" for the end)
	code     int      // the exit status
	// exact, if set, marks output whose last digits depend on how the
	// platform rounds (relative differences near 1e-10): checked only where
	// golden.Exact holds.
	exact bool
}

// checkExcerpts runs each command and checks that the document shows it and
// the part of its output from its from line up to its to line, as checkDoc
// does for whole outputs; go test -update rewrites the excerpts.
func checkExcerpts(t *testing.T, name string, runs []docExcerpt) {
	t.Helper()
	doc := readDoc(t, name)
	updated := doc
	for _, r := range runs {
		cmd := "ann " + strings.Join(r.args, " ")
		if !strings.Contains(doc, cmd+"\n") {
			t.Errorf("docs/%s does not show the command %q", name, cmd)
		}
		if r.exact && !golden.Exact && !golden.Update() {
			continue
		}
		code, out, errs := runAnn(r.args...)
		if code != r.code {
			t.Fatalf("%s: exit %d, want %d: %s", cmd, code, r.code, errs)
		}
		lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
		start, end := -1, len(lines)
		for i, l := range lines {
			if start < 0 && l == r.from {
				start = i
			}
			if start >= 0 && r.to != "" && l == r.to {
				end = i
				break
			}
		}
		if start < 0 || (r.to != "" && end == len(lines)) {
			t.Fatalf("%s printed no line %q, or no %q after it:\n%s", cmd, r.from, r.to, out)
		}
		lines = lines[start:end]
		for len(lines) > 0 && lines[len(lines)-1] == "" {
			lines = lines[:len(lines)-1]
		}
		checkOutputBlock(t, name, doc, &updated, cmd, lines)
	}
	if golden.Update() && updated != doc {
		if err := os.WriteFile(filepath.Join("..", "..", "docs", name), []byte(updated), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// The excerpts of ann trace -m 3 and ann gradcheck -bug in
// docs/checkpoints.md and docs/tutorial.md.
func TestTraceGradcheckDocs(t *testing.T) {
	parallelUnlessUpdate(t)
	checkExcerpts(t, "checkpoints.md", []docExcerpt{
		{args: []string{"trace", "-layers", "2,3,2", "-m", "3"}, from: "Cost", to: "Backpropagation"},
		{args: []string{"trace", "-layers", "2,3,2", "-m", "3", "-alpha", "0.5"}, from: "Gradients"},
		{args: []string{"gradcheck", "-bug", "no-gprime"}, from: "checking backpropagation with the mistake no-gprime: drops g': δ^(l) = (Θ^(l)_{:,1:})ᵀ δ^(l+1), without .* g'(z^(l))", code: 1, exact: true},
		{args: []string{"gradcheck", "-bug", "list"}, from: "ann gradcheck -bug NAME checks backpropagation with one mistake of the catalogue (network/check):"},
	})
	checkExcerpts(t, "tutorial.md", []docExcerpt{
		{args: []string{"trace", "-m", "3"}, from: "Update"},
		{args: []string{"gradcheck", "-bug", "no-gprime"}, from: "checking backpropagation with the mistake no-gprime: drops g': δ^(l) = (Θ^(l)_{:,1:})ᵀ δ^(l+1), without .* g'(z^(l))", code: 1, exact: true},
	})
}
