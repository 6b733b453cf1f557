package safefile

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// A Plan is how [WriteSet] writes a directory, found by [CheckSet] before
// any work: as one set, swapped in whole, or, where the directory cannot be
// swapped, file by file.
type Plan struct {
	// Dir is the directory, absolute, with symbolic links resolved.
	Dir string
	// FileByFile is true if Dir cannot be replaced by a rename: WriteSet
	// then writes the files into a temporary directory inside Dir and
	// renames them in one by one (each whole, the set not atomic), as it
	// does for a directory holding files it did not write.
	FileByFile bool
	// Why says why, when FileByFile: "it is a mount point" or "its parent
	// cannot be written".
	Why string
}

// CheckSet finds how WriteSet would write the directory dir and returns an
// error, naming dir and the cause, if it could not write it at all: dir
// exists and is not a directory, or files cannot be created in it (a
// read-only file system, no permission), or it does not exist and cannot be
// made. Parents dir lacks are made, as WriteSet would make them. A directory
// that is a mount point (the root of a file system, or of a bind mount) can
// be written but not swapped: rename(2) of it fails with EBUSY, and renames
// into it from beside it with EXDEV; so can one whose parent cannot be
// written.
func CheckSet(dir string) (Plan, error) {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	p := Plan{Dir: dir}
	fi, err := os.Stat(dir)
	switch {
	case err == nil && !fi.IsDir():
		return p, fmt.Errorf("cannot write %s: it exists and is not a directory", dir)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return p, fmt.Errorf("cannot write %s: %w", dir, unwrapPath(err))
	case err != nil:
		// A new directory: made by renaming one from beside it.
		parent := filepath.Dir(dir)
		if err := os.MkdirAll(parent, 0o777); err != nil {
			return p, fmt.Errorf("cannot write %s: %w", dir, unwrapPath(err))
		}
		if err := probe(parent); err != nil {
			return p, fmt.Errorf("cannot write %s: cannot make it in %s: %w", dir, parent, err)
		}
		return p, nil
	}
	if err := probe(dir); err != nil {
		return p, fmt.Errorf("cannot write in %s: %w", dir, err)
	}
	parent := filepath.Dir(dir)
	switch {
	case parent == dir || isMountPoint(dir, fi):
		p.FileByFile, p.Why = true, "it is a mount point"
	case probe(parent) != nil:
		p.FileByFile, p.Why = true, "its parent cannot be written"
	}
	return p, nil
}

// probe returns an error unless a directory can be made in dir, which it
// then removes.
func probe(dir string) error {
	d, err := os.MkdirTemp(dir, ".ann-probe-")
	if errors.Is(err, fs.ErrNotExist) {
		// mkdir in /proc, say: the directory is there but takes no entries.
		return errors.New("it takes no new files")
	} else if err != nil {
		return unwrapPath(err)
	}
	return unwrapPath(os.Remove(d))
}

// isMountPoint reports whether the directory dir (absolute, symbolic links
// resolved; fi its information) is a mount point: listed as one in
// /proc/self/mountinfo where there is one, and otherwise on another device
// than its parent. A bind mount is on the device of what it binds, so only
// the list finds it.
func isMountPoint(dir string, fi os.FileInfo) bool {
	if mounts, err := mountPoints(); err == nil {
		return mounts[dir]
	}
	pfi, err := os.Stat(filepath.Dir(dir))
	if err != nil {
		return false
	}
	st, ok1 := fi.Sys().(*syscall.Stat_t)
	pst, ok2 := pfi.Sys().(*syscall.Stat_t)
	return ok1 && ok2 && st.Dev != pst.Dev
}

// mountPoints returns the mount points /proc/self/mountinfo lists (its fifth
// field, with the octal escapes of spaces and the like decoded).
func mountPoints() (map[string]bool, error) {
	f, err := os.Open("/proc/self/mountinfo")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	mounts := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 5 {
			mounts[unescapeMount(fields[4])] = true
		}
	}
	return mounts, sc.Err()
}

// unescapeMount decodes the \ooo escapes mountinfo writes for a space, tab,
// newline and backslash in a path.
func unescapeMount(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+4 <= len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				b.WriteByte(byte(v))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
