package golden

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Every test package of the module imports this package, so that
// go test ./... -update is a flag every test binary accepts, and none
// registers an -update flag of its own.
func TestEveryPackageImportsGolden(t *testing.T) {
	root := filepath.Join("..", "..")
	imports := map[string]bool{} // directory with tests -> imports golden
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		// This package registers the flag; testdata and dot folders hold no
		// packages.
		self := path == filepath.Join(root, "internal", "golden")
		if d.IsDir() && path != root && (self || strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, src, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir := filepath.Dir(path)
		imports[dir] = imports[dir] || false
		for _, im := range f.Imports {
			if p, _ := strconv.Unquote(im.Path.Value); p == "github.com/ann-go/ann/internal/golden" {
				imports[dir] = true
			}
		}
		if strings.Contains(string(src), `flag.Bool("update"`) {
			t.Errorf("%s registers its own -update flag: use golden.Update or golden.Check", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(imports) < 10 {
		t.Fatalf("found tests in only %d directories: is the walk at the module's root?", len(imports))
	}
	for dir, ok := range imports {
		if !ok {
			t.Errorf("the tests in %s do not import internal/golden: go test ./... -update fails there", dir)
		}
	}
}
