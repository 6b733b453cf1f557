//go:build long

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestOutMounts runs ann train -out onto a tmpfs mount point and onto a
// read-only bind mount, in a mount namespace of its own (unshare -rm): the
// mount point cannot be swapped, so its files are written into it one by
// one, saying so, and a second run replaces them (dropping one the second
// run does not write, keeping one ann did not write); the read-only target
// is a usage error, exit 2, before any training. Skipped, with a notice,
// where unshare or mounts are not permitted.
func TestOutMounts(t *testing.T) {
	bin := buildAnn(t)
	unshare, err := exec.LookPath("unshare")
	if err != nil {
		t.Skip("unshare (util-linux) is not installed: no mount namespace to test -out on mounts in")
	}
	dir := t.TempDir()
	tmpfs, ro := filepath.Join(dir, "tmpfs"), filepath.Join(dir, "ro")
	for _, d := range []string{tmpfs, ro} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := exec.Command(unshare, "-rm", "sh", "-c", "mount -t tmpfs none "+tmpfs).CombinedOutput(); err != nil {
		t.Skipf("mounts are not permitted here (unshare -rm mount -t tmpfs: %v: %s)", err, strings.TrimSpace(string(out)))
	}
	// Each command's stdout, stderr and status go to files outside the mounts.
	run := func(name string, args ...string) string {
		q := []string{bin}
		for _, a := range args {
			q = append(q, "'"+a+"'")
		}
		base := filepath.Join(dir, name)
		return fmt.Sprintf("%s >%s.out 2>%s.err; echo $? >%s.rc; ls -a %s >%s.ls\n", strings.Join(q, " "), base, base, base, tmpfs, base)
	}
	script := "set -e\nmount -t tmpfs none " + tmpfs + "\n" +
		"mount --bind " + ro + " " + ro + "\nmount -o remount,bind,ro " + ro + "\nset +e\n" +
		run("first", "train", "-n", "50", "-iters", "5", "-out", tmpfs) +
		"echo mine >" + tmpfs + "/notes.txt\n" +
		run("second", "train", "-n", "50", "-iters", "5", "-layers", "2,20,2", "-out", tmpfs) +
		run("ro", "train", "-n", "50", "-iters", "5", "-out", ro)
	if out, err := exec.Command(unshare, "-rm", "sh", "-c", script).CombinedOutput(); err != nil {
		t.Skipf("mounts are not permitted here: %v: %s", err, strings.TrimSpace(string(out)))
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	note := "note: -out " + tmpfs + ": it is a mount point, so its files are written into it one by one, each whole, rather than swapped in as one set\n"
	for _, name := range []string{"first", "second"} {
		if rc := strings.TrimSpace(read(name + ".rc")); rc != "0" {
			t.Errorf("%s train -out onto a tmpfs mount point: exit %s, stderr:\n%s", name, rc, read(name+".err"))
		}
		if e := read(name + ".err"); !strings.HasPrefix(e, note) || !strings.Contains(e, "\nwrote "+tmpfs+": model.npz, costs.csv, run.json") {
			t.Errorf("%s run's stderr:\n%s\nwant the note first, then the wrote line", name, e)
		}
		for _, f := range strings.Fields(read(name + ".ls")) {
			if strings.Contains(f, ".tmp-") || strings.Contains(f, ".old-") || strings.Contains(f, "probe") {
				t.Errorf("%s run left %s in the mount point", name, f)
			}
		}
	}
	first, second := strings.Fields(read("first.ls")), strings.Fields(read("second.ls"))
	if !slices.Contains(first, "neurons.svg") || !slices.Contains(first, "model.npz") || !slices.Contains(first, ".ann-files") {
		t.Errorf("after the first run the mount point holds %v, want the run's files and .ann-files", first)
	}
	if slices.Contains(second, "neurons.svg") || !slices.Contains(second, "notes.txt") || !slices.Contains(second, "model.npz") {
		t.Errorf("after the second run (a 20-unit layer: no neurons.svg) the mount point holds %v, want neurons.svg gone and notes.txt kept", second)
	}
	if rc := strings.TrimSpace(read("ro.rc")); rc != "2" {
		t.Errorf("train -out onto a read-only bind mount: exit %s, want 2", rc)
	}
	if e, want := read("ro.err"), "ann train: -out: cannot write in "+ro+": read-only file system\n"; e != want {
		t.Errorf("train -out onto a read-only bind mount: stderr %q, want %q (one line, before any training)", e, want)
	}
	if o := read("ro.out"); o != "" {
		t.Errorf("train -out onto a read-only bind mount printed %q, want nothing: no training", o)
	}
}
