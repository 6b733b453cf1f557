package golden

// Exact reports whether this build does floating-point arithmetic the way the
// machine that made the golden files and the documents' numbers did: amd64
// with GOAMD64 v1 or v2, where every multiplication and addition is rounded
// on its own. Elsewhere (arm64, and amd64 with GOAMD64=v3 or later) Go may
// fuse x*y + z into one operation with one rounding. A short computation then
// still prints the same digits, but thousands of training iterations in a
// sensitive setting can end visibly apart, so tests that pin such results
// check them only where Exact is true.
const Exact = exact
