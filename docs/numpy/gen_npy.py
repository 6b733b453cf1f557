#!/usr/bin/python3
"""numpy-written .npy and .npz fixtures for the Go package internal/npy.

Made with numpy 1.24.2 (Debian's python3-numpy) on Python 3.11.2, little-endian
x86-64. Run from anywhere with Debian's Python, which has numpy:

    /usr/bin/python3 docs/numpy/gen_npy.py          # write the fixtures
    /usr/bin/python3 docs/numpy/gen_npy.py check    # check the Go-written file

Fixtures, in internal/npy/testdata/ (numpy's zip entries carry the time they
were written, so the .npz files differ from run to run; the arrays do not):

    savez.npz             np.savez(f, Theta1=THETA1, Theta2=THETA2)
    savez_compressed.npz  np.savez_compressed(f, Theta1=THETA1, Theta2=THETA2)
    theta1.npy            np.save(f, THETA1): C order, '<f8', version 1.0
    fortran2d.npy         np.save(f, np.asfortranarray(3x4)): fortran_order True
    fortran3d.npy         np.save(f, np.asfortranarray(2x3x4)): fortran_order True
    bigendian.npy         np.save(f, (2x3).astype('>f8')): descr '>f8'
    bigendian_fortran.npy np.save(f, np.asfortranarray((3x2).astype('>f8')))
    vector.npy            np.save(f, 1-d array of 4), shape (4,)
    scalar.npy            np.save(f, np.array(-7.25)), shape ()
    empty.npy             np.save(f, np.zeros((0, 3))), shape (0, 3)
    v2.npy                np.lib.format.write_array(f, 2x2, version=(2, 0))
    v3.npy                np.lib.format.write_array(f, 2x2, version=(3, 0))
    int64.npy             np.save(f, np.arange(6).reshape(2, 3)): descr '<i8'
    float32.npy           np.save(f, np.float32 array): descr '<f4'
    object.npy            np.save(f, np.array([1.5, None], dtype=object)): '|O', pickled data
    complex128.npy        np.save(f, complex array): descr '<c16'
    structured.npy        np.save(f, np.zeros(2, dtype=[('x', '<f8'), ('y', '<i4')]))
    headers.json          the header np.save writes for each of 156 shapes (text
                          after the 10-byte magic, version and length), made
                          with np.lib.format._write_array_header, including
                          shapes for which numpy pads a full 64 bytes
    expected.json         for each readable fixture, every array's name, shape
                          and values in C order: "bits" is the IEEE 754 bit
                          pattern of each value in hex (what the Go test
                          compares), "values" is Python's repr of it (for
                          people; NaN payloads do not show there)

THETA1 is 5x3 with element (i, j) = ±(10*i + j + 0.5), negative where i + j is
odd. THETA2 is 2x6 of special values: -0.0, the smallest subnormal 5e-324, a
larger subnormal, ±1e308, ±inf, a quiet NaN with payload 0xbeef, and ordinary
numbers.

The check step loads internal/npy/testdata/go_written.npz, which the Go test
writes with `go test ./internal/npy -run TestGoWritten -update`, with
numpy.load and checks that it holds the arrays the Go test put in it, bit for
bit, and that each entry is byte for byte what np.save writes for that array.
"""
import io
import json
import os
import sys
import zipfile

import numpy as np

TESTDATA = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "..", "..", "internal", "npy", "testdata")


def theta1():
    a = np.empty((5, 3))
    for i in range(5):
        for j in range(3):
            v = 10 * i + j + 0.5
            a[i, j] = -v if (i + j) % 2 else v
    return a


def theta2():
    nan = np.array([0x7FF800000000BEEF], dtype="<u8").view("<f8")[0]
    return np.array([
        [-0.0, 5e-324, 2.2250738585072014e-308 / 3, 1e308, -1e308, np.inf],
        [-np.inf, nan, 0.1, 1 / 3, np.pi, -2.5e-10],
    ])


def fortran2d():
    return np.asfortranarray(np.arange(12.0).reshape(3, 4) + 0.25)


def fortran3d():
    return np.asfortranarray(np.arange(24.0).reshape(2, 3, 4) * -1.5)


def bigendian():
    return (np.arange(6.0).reshape(2, 3) - 2.75).astype(">f8")


def bigendian_fortran():
    return np.asfortranarray((np.arange(6.0).reshape(3, 2) + 100.125).astype(">f8"))


def vector():
    return np.array([1.0, -2.0, 3.5, 1e-300])


def scalar():
    return np.array(-7.25)


def empty():
    return np.zeros((0, 3))


def small():
    return np.array([[1.5, -2.5], [1e-5, 12345.678]])


def describe(name, a):
    """The expected.json entry for array a."""
    c = np.ascontiguousarray(a).astype("<f8")
    bits = c.reshape(-1).view("<u8")
    return {
        "name": name,
        "shape": list(a.shape),
        "bits": ["%016x" % b for b in bits],
        "values": [repr(float(x)) for x in c.reshape(-1)],
    }


def save(name, a, **kw):
    with open(os.path.join(TESTDATA, name), "wb") as f:
        np.save(f, a, **kw)


def header(name):
    """The header dict of the .npy file name, as numpy reads it."""
    with open(os.path.join(TESTDATA, name), "rb") as f:
        version = np.lib.format.read_magic(f)
        shape, fortran, dtype = np.lib.format._read_array_header(f, version)
    return version, shape, fortran, dtype.str


def generate():
    os.makedirs(TESTDATA, exist_ok=True)
    t1, t2 = theta1(), theta2()
    expected = {}

    np.savez(os.path.join(TESTDATA, "savez.npz"), Theta1=t1, Theta2=t2)
    np.savez_compressed(os.path.join(TESTDATA, "savez_compressed.npz"), Theta1=t1, Theta2=t2)
    for name, method in [("savez.npz", zipfile.ZIP_STORED),
                         ("savez_compressed.npz", zipfile.ZIP_DEFLATED)]:
        with zipfile.ZipFile(os.path.join(TESTDATA, name)) as z:
            assert [i.compress_type for i in z.infolist()] == [method, method], name
        expected[name] = [describe("Theta1", t1), describe("Theta2", t2)]

    singles = [
        ("theta1.npy", t1), ("fortran2d.npy", fortran2d()), ("fortran3d.npy", fortran3d()),
        ("bigendian.npy", bigendian()), ("bigendian_fortran.npy", bigendian_fortran()),
        ("vector.npy", vector()), ("scalar.npy", scalar()), ("empty.npy", empty()),
    ]
    for name, a in singles:
        save(name, a)
        expected[name] = [describe("", a)]
    for version in [(2, 0), (3, 0)]:
        name = "v%d.npy" % version[0]
        with open(os.path.join(TESTDATA, name), "wb") as f:
            np.lib.format.write_array(f, small(), version=version)
        expected[name] = [describe("", small())]

    save("int64.npy", np.arange(6).reshape(2, 3))
    save("float32.npy", np.array([1.5, -2.25], dtype=np.float32))
    save("object.npy", np.array([1.5, None], dtype=object))
    save("complex128.npy", np.array([1 + 2j, -0.5j]))
    save("structured.npy", np.zeros(2, dtype=[("x", "<f8"), ("y", "<i4")]))

    # The headers are what the Go test expects them to be.
    assert header("fortran2d.npy") == ((1, 0), (3, 4), True, "<f8")
    assert header("fortran3d.npy") == ((1, 0), (2, 3, 4), True, "<f8")
    assert header("bigendian.npy") == ((1, 0), (2, 3), False, ">f8")
    assert header("bigendian_fortran.npy") == ((1, 0), (3, 2), True, ">f8")
    assert header("scalar.npy") == ((1, 0), (), False, "<f8")
    assert header("v2.npy")[0] == (2, 0)
    assert header("v3.npy")[0] == (3, 0)
    for name, dtype in [("int64.npy", "<i8"), ("float32.npy", "<f4"),
                        ("object.npy", "|O"), ("complex128.npy", "<c16")]:
        assert header(name)[3] == dtype, name

    # Each file loads back as what was saved, bit for bit.
    for name, arrays in expected.items():
        loaded = np.load(os.path.join(TESTDATA, name))
        if name.endswith(".npz"):
            got = [describe(k, loaded[k]) for k in loaded.files]
        else:
            got = [describe("", loaded)]
        assert got == arrays, name

    headers = []
    full_pad = 0
    for rank in range(13):
        for digits in [1, 2, 3, 5, 10, 19]:
            for mix in range(2):
                shape = tuple(10 ** (digits - 1) + (i * mix) % 7 for i in range(rank))
                f = io.BytesIO()
                np.lib.format._write_array_header(
                    f, {"descr": "<f8", "fortran_order": False, "shape": shape}, (1, 0))
                b = f.getvalue()
                assert b[:8] == b"\x93NUMPY\x01\x00" and len(b) % 64 == 0
                text = b[10:].decode("ascii")
                # numpy pads to a multiple of 64 with 1 to 64 spaces, after
                # GROWTH_AXIS_MAX_DIGITS - len(repr(shape[0])) spaces.
                growth = 21 - len(repr(shape[0])) if rank else 0
                if len(text) - (text.index("}") + 1) - growth - 1 == 64:
                    full_pad += 1
                headers.append({"shape": list(shape), "header": text})
    assert full_pad > 0
    with open(os.path.join(TESTDATA, "headers.json"), "w") as f:
        json.dump(headers, f, indent=0)
        f.write("\n")

    with open(os.path.join(TESTDATA, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")
    print("numpy %s: wrote %d readable fixtures and 5 unsupported-dtype fixtures to %s"
          % (np.__version__, len(expected), os.path.normpath(TESTDATA)))


# GO_WRITTEN lists the arrays the Go test writes to go_written.npz, in order:
# each one read from a numpy fixture, the name it gets in the archive, and
# what numpy saved in that fixture.
GO_WRITTEN = [
    ("Theta1", theta1), ("Theta2", theta2), ("fortran3d", fortran3d),
    ("bigendian", bigendian), ("vector", vector), ("scalar", scalar), ("empty", empty),
]


def check():
    path = os.path.join(TESTDATA, "go_written.npz")
    with np.load(path) as npz:
        assert npz.files == [name for name, _ in GO_WRITTEN], npz.files
        for name, make in GO_WRITTEN:
            want = make()
            got = npz[name]
            assert got.dtype == np.dtype("<f8"), (name, got.dtype)
            assert got.flags.c_contiguous, name
            assert describe(name, got) == describe(name, want), name
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        assert all(i.compress_type == zipfile.ZIP_STORED for i in infos)
        for info, (name, make) in zip(infos, GO_WRITTEN):
            want = io.BytesIO()
            # (not np.ascontiguousarray, which makes a 0-d array 1-d)
            np.save(want, np.array(make(), dtype="<f8", order="C"))
            assert z.read(info) == want.getvalue(), name
    print("numpy %s: %s: %d arrays %s load with numpy.load, equal bit for bit to "
          "numpy's, each entry byte for byte what np.save writes"
          % (np.__version__, os.path.basename(path), len(GO_WRITTEN),
             ", ".join(name for name, _ in GO_WRITTEN)))


if __name__ == "__main__":
    if sys.argv[1:] == ["check"]:
        check()
    elif sys.argv[1:] == []:
        generate()
    else:
        sys.exit("usage: gen_npy.py [check]")
