package safefile

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
)

// Manifest is the file, in a directory written by [WriteSet], that lists the
// files the set holds, one name a line. WriteSet removes or replaces only
// files the previous manifest lists.
const Manifest = ".ann-files"

// A File is one file of a set: its name in the directory and what writes it.
type File struct {
	Name  string
	Write func(w io.Writer) error
}

// WriteSet writes files into the directory dir as a set: either all of them
// are there afterwards, or dir is as it was. The files are first written into
// a fresh temporary directory beside dir (same parent, named .DIR.tmp-*), and
// ctx is checked before anything in dir changes. Then:
//
//	dir does not exist        the temporary directory is renamed to dir
//	dir holds only files an   dir is moved aside (.DIR.old-*), the new one
//	earlier set's manifest    renamed in, the old one removed: files of the
//	lists (or nothing)        earlier set that this one lacks are gone
//	dir holds other files     they are kept; each file of the set is renamed
//	                          into dir one by one (each whole, the set not
//	                          atomic), and files only the old manifest lists
//	                          are removed
//	dir cannot be swapped     as for other files, but the temporary directory
//	(a mount point, or its    is made inside dir (.DIR.tmp-*), on its file
//	parent is read-only)      system: see [CheckSet]
//
// The parent of dir is created if needed. A directory made here gets mode
// 0777 &^ umask, as mkdir(1) gives; an existing one keeps its mode. On any
// error or panic the temporary directory is removed.
func WriteSet(ctx context.Context, dir string, files []File) (err error) {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs // "." has no name to rename
	}
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real // replace what a symbolic link points to, not the link
	}
	parent, base := filepath.Split(dir)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o777); err != nil {
		return fmt.Errorf("cannot write %s: %w", dir, unwrapPath(err))
	}
	dirMode := 0o777 &^ umask
	fi, statErr := os.Stat(dir)
	switch {
	case statErr == nil && !fi.IsDir():
		return fmt.Errorf("cannot write %s: it exists and is not a directory", dir)
	case statErr == nil:
		dirMode = fi.Mode().Perm()
	case !errors.Is(statErr, fs.ErrNotExist):
		return fmt.Errorf("cannot write %s: %w", dir, unwrapPath(statErr))
	}
	// A directory that cannot be swapped gets the temporary one inside it,
	// on its own file system, for its files to be renamed in one by one.
	fileByFile := statErr == nil && (filepath.Dir(dir) == dir || isMountPoint(dir, fi) || probe(parent) != nil)
	tmpIn := parent
	if fileByFile {
		tmpIn = dir
	}
	tmp, err := os.MkdirTemp(tmpIn, "."+base+".tmp-")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", tmpIn, unwrapPath(err))
	}
	defer os.RemoveAll(tmp) // gone once renamed; otherwise removed here
	defer untrack(tmp)
	if !track(tmp) {
		return fmt.Errorf("writing %s: %w", dir, abandonError{})
	}
	names := make([]string, 0, len(files))
	for _, f := range files {
		if f.Name == Manifest || f.Name != filepath.Base(f.Name) || slices.Contains(names, f.Name) {
			panic(fmt.Sprintf("safefile: bad or repeated file name %q in a set", f.Name))
		}
		names = append(names, f.Name)
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := writeNew(filepath.Join(tmp, f.Name), f.Write); err != nil {
			return fmt.Errorf("writing %s: %w", filepath.Join(dir, f.Name), err)
		}
	}
	manifest := func(w io.Writer) error {
		_, err := io.WriteString(w, strings.Join(names, "\n")+"\n")
		return err
	}
	if err := writeNew(filepath.Join(tmp, Manifest), manifest); err != nil {
		return fmt.Errorf("writing %s: %w", dir, err)
	}
	if err := os.Chmod(tmp, dirMode); err != nil {
		return fmt.Errorf("writing %s: %w", dir, unwrapPath(err))
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// From here dir changes: Abandon waits for it.
	mu.Lock()
	defer mu.Unlock()
	if abandoned {
		return fmt.Errorf("writing %s: %w", dir, abandonError{})
	}
	if statErr != nil { // no dir yet
		if err := os.Rename(tmp, dir); err != nil {
			return fmt.Errorf("writing %s: %w", dir, unwrapPath(err))
		}
		return syncDir(parent)
	}
	old, foreign, err := readManifest(dir)
	if err != nil {
		return err
	}
	if len(foreign) == 0 && !fileByFile {
		return swapDir(parent, base, dir, tmp)
	}
	// Foreign files, or a directory that cannot be swapped: keep what else
	// is there, and move the set in file by file.
	for _, name := range append(names, Manifest) {
		if err := os.Rename(filepath.Join(tmp, name), filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("writing %s: %w", filepath.Join(dir, name), unwrapPath(err))
		}
	}
	for _, name := range old {
		if !slices.Contains(names, name) {
			os.Remove(filepath.Join(dir, name))
		}
	}
	return syncDir(dir)
}

// swapDir replaces dir by tmp: dir is moved aside, tmp renamed in, the old
// contents removed. If the second rename fails, dir is moved back.
func swapDir(parent, base, dir, tmp string) error {
	aside, err := os.MkdirTemp(parent, "."+base+".old-")
	if err != nil {
		return fmt.Errorf("writing %s: %w", dir, unwrapPath(err))
	}
	// rename(2) moves a directory over an empty one (os.Rename refuses to).
	if err := renameDir(dir, aside); err != nil {
		os.Remove(aside)
		return fmt.Errorf("writing %s: %w", dir, unwrapPath(err))
	}
	if err := renameDir(tmp, dir); err != nil {
		renameDir(aside, dir)
		return fmt.Errorf("writing %s: %w", dir, unwrapPath(err))
	}
	os.RemoveAll(aside)
	return syncDir(parent)
}

// readManifest returns the names an existing set's manifest in dir lists,
// and the entries of dir that are neither listed nor the manifest.
func readManifest(dir string) (listed, foreign []string, err error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read %s: %w", dir, unwrapPath(err))
	}
	if b, err := os.ReadFile(filepath.Join(dir, Manifest)); err == nil {
		for _, name := range strings.Split(string(b), "\n") {
			if name != "" && name == filepath.Base(name) && name != "." && name != ".." {
				listed = append(listed, name)
			}
		}
	}
	for _, e := range entries {
		if e.Name() != Manifest && !slices.Contains(listed, e.Name()) {
			foreign = append(foreign, e.Name())
		}
	}
	return listed, foreign, nil
}

// writeNew writes a new file at path, synced, with mode 0666 &^ umask.
func writeNew(path string, write func(w io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return unwrapPath(err)
	}
	defer f.Close()
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return unwrapPath(err)
	}
	if err := f.Sync(); err != nil {
		return unwrapPath(err)
	}
	return unwrapPath(f.Close())
}

// syncDir syncs a directory, so that renames in it reach the disk.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil // the renames happened; durability is best effort
	}
	defer d.Close()
	d.Sync()
	return nil
}

// renameDir renames the directory from to to, replacing to if it is an empty
// directory, as rename(2) does.
func renameDir(from, to string) error {
	if err := syscall.Rename(from, to); err != nil {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
	}
	return nil
}
