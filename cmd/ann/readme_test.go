package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// readmeSection returns the text of README.md's section that starts with the
// heading title, up to the next heading of its level.
func readmeSection(t *testing.T, title string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, s, ok := strings.Cut(string(b), "\n## "+title+"\n")
	if !ok {
		t.Fatalf("README.md has no section %q", title)
	}
	s, _, _ = strings.Cut(s, "\n## ")
	return s
}

// normalize drops a line's comment and its spaces, for comparing code.
func normalize(line string) string {
	line, _, _ = strings.Cut(line, "//")
	return strings.Join(strings.Fields(line), " ")
}

// The Go program of README's "Using the packages" is trainer's
// Example_program, without its error checks: each line of it is (part of) a
// line of that tested code, and every exported name it uses exists.
func TestReadmeProgram(t *testing.T) {
	sec := readmeSection(t, "Using the packages")
	_, code, ok := strings.Cut(sec, "```go\n")
	if !ok {
		t.Fatal("README's Using the packages has no ```go block")
	}
	code, _, _ = strings.Cut(code, "```")
	lines := strings.Split(strings.TrimSuffix(code, "\n"), "\n")
	if len(lines) > 25 {
		t.Errorf("README's program has %d lines, want at most 25", len(lines))
	}

	// Each line is in the tested program, its file paths aside.
	src, err := os.ReadFile(filepath.Join("..", "..", "trainer", "program_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	tested := regexp.MustCompile(`filepath\.Join\(dir, ("[^"]*")\)`).ReplaceAllString(string(src), "$1")
	var program []string
	for _, l := range strings.Split(tested, "\n") {
		program = append(program, normalize(l))
	}
	for i, l := range lines {
		n := normalize(l)
		found := false
		for _, p := range program {
			if strings.Contains(p, n) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("README's program, line %d, is not in trainer/program_test.go's Example_program: %s", i+1, l)
		}
	}

	// Every pkg.Name is exported by pkg; every other x.Name and every field
	// key is exported by one of the packages, as a method or a field.
	f, err := parser.ParseFile(token.NewFileSet(), "README.md", "package p\nfunc _() {\n"+code+"}\n", 0)
	if err != nil {
		t.Fatalf("README's program does not parse as Go: %v", err)
	}
	dirs := map[string]string{"dataset": "trainer/dataset", "trainer": "trainer", "network": "network",
		"layer": "layer", "model": "network/model", "svgplot": "svgplot", "moons": "moons", "matrix": "matrix"}
	std := map[string]bool{"fmt": true, "context": true, "strings": true}
	top := map[string]map[string]bool{} // package -> its exported top-level names
	members := map[string]bool{}        // exported methods and fields of them all
	for pkg, dir := range dirs {
		top[pkg] = exportedNames(t, filepath.Join("..", "..", dir), members)
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if x, ok := n.X.(*ast.Ident); ok {
				if names, isPkg := top[x.Name]; isPkg {
					if !names[n.Sel.Name] {
						t.Errorf("README's program uses %s.%s, which package %s does not export", x.Name, n.Sel.Name, dirs[x.Name])
					}
					return true
				}
				if std[x.Name] {
					return true
				}
			}
			if !members[n.Sel.Name] {
				t.Errorf("README's program uses .%s, which no package it shows exports as a method or field", n.Sel.Name)
			}
		case *ast.KeyValueExpr:
			if k, ok := n.Key.(*ast.Ident); ok && !members[k.Name] {
				t.Errorf("README's program sets the field %s, which no package it shows exports", k.Name)
			}
		}
		return true
	})
}

// exportedNames returns the exported top-level names of the package in dir
// (not its tests) and adds its exported methods and struct fields to members.
func exportedNames(t *testing.T, dir string, members map[string]bool) map[string]bool {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files in %s: %v", dir, err)
	}
	names := map[string]bool{}
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv != nil {
					members[d.Name.Name] = d.Name.IsExported()
				} else if d.Name.IsExported() {
					names[d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						names[s.Name.Name] = s.Name.IsExported()
						if st, ok := s.Type.(*ast.StructType); ok && s.Name.IsExported() {
							for _, fld := range st.Fields.List {
								for _, n := range fld.Names {
									members[n.Name] = members[n.Name] || n.IsExported()
								}
							}
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							names[n.Name] = n.IsExported()
						}
					}
				}
			}
		}
	}
	return names
}

// The commands README's Running section shows exist, with the flags they
// are shown with.
func TestReadmeCommands(t *testing.T) {
	sec := readmeSection(t, "Running")
	n := 0
	for _, line := range strings.Split(sec, "\n") {
		cmd, ok := strings.CutPrefix(strings.TrimSpace(line), "go run ./cmd/ann ")
		if !ok {
			continue
		}
		cmd, _, _ = strings.Cut(cmd, "#")
		args := strings.Fields(cmd)
		n++
		if args[0] == "help" {
			continue
		}
		code, out, errs := runAnn(args[0], "-h")
		if code != 0 {
			t.Errorf("README runs ann %s, but ann %s -h exits %d: %s", args[0], args[0], code, errs)
			continue
		}
		for _, a := range args[1:] {
			if strings.HasPrefix(a, "-") && !strings.Contains(out, "\n  "+a+" ") && !strings.Contains(out, "\n  "+a+"\t") && !strings.Contains(out, "\n  "+a+"\n") {
				t.Errorf("README runs ann %s with %s, a flag it does not have", args[0], a)
			}
		}
	}
	if n < 10 {
		t.Errorf("README's Running section shows %d commands; did its format change?", n)
	}
}
