package nprand

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/ann-go/ann/internal/reference"

	// -update, so that go test ./... -update runs here too (no golden files here).
	_ "github.com/ann-go/ann/internal/golden"
)

// The wanted numbers below were printed by numpy 1.24.2 (Debian's
// python3-numpy, run as /usr/bin/python3), for example:
//
//	np.random.seed(0); print(list(np.random.rand(5)))
//	rs = np.random.RandomState(0); print(list(rs.randint(0, 2**32, size=4, dtype=np.uint32)))
//	print(list(np.random.RandomState(0).permutation(10)))
//	print(list(np.random.RandomState(0).normal(size=5)))
//	rs = np.random.RandomState(0); print([rs.normal(), rs.rand(), rs.normal()])
//
// The longer pins in testdata/numpy/random.json are checked too (see
// TestAgainstNumpyFile). Floats are compared exactly: the stream is bit for bit.

func TestUint32(t *testing.T) {
	tests := []struct {
		seed uint32
		want []uint32
	}{
		{0, []uint32{2357136044, 2546248239, 3071714933, 3626093760}},
		{4294967295, []uint32{419326371, 479346978, 3918654476}},
	}
	for _, tt := range tests {
		s := New(tt.seed)
		for i, want := range tt.want {
			if got := s.Uint32(); got != want {
				t.Errorf("seed %d: draw %d = %d, want %d", tt.seed, i, got, want)
			}
		}
	}
}

func TestFloat64(t *testing.T) {
	tests := []struct {
		seed uint32
		want []float64
	}{
		{0, []float64{0.5488135039273248, 0.7151893663724195, 0.6027633760716439, 0.5448831829968969, 0.4236547993389047}},
		{42, []float64{0.3745401188473625, 0.9507143064099162, 0.7319939418114051, 0.5986584841970366, 0.15601864044243652}},
	}
	for _, tt := range tests {
		s := New(tt.seed)
		for i, want := range tt.want {
			if got := s.Float64(); got != want {
				t.Errorf("seed %d: rand draw %d = %v, want %v", tt.seed, i, got, want)
			}
		}
	}
}

func TestNormal(t *testing.T) {
	s := New(0)
	// Draws 2 and 4 (0-based 1 and 3) are the cached second values of a pair.
	for i, want := range []float64{1.764052345967664, 0.4001572083672233, 0.9787379841057392, 2.240893199201458, 1.8675579901499675} {
		if got := s.Gauss(); got != want {
			t.Errorf("seed 0: normal draw %d = %v, want %v", i, got, want)
		}
	}
	s = New(7)
	for i, want := range []float64{4.381051407600712, 0.06812525891833443, 1.0656403273571688} {
		if got := s.Normal(1, 2); got != want {
			t.Errorf("seed 7: normal(1, 2) draw %d = %v, want %v", i, got, want)
		}
	}
	// The cached value survives a uniform draw in between, as in numpy.
	s = New(0)
	got := []float64{s.Gauss(), s.Float64(), s.Gauss()}
	want := []float64{1.764052345967664, 0.6027633760716439, 0.4001572083672233}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("seed 0: normal, rand, normal = %v, want %v", got, want)
			break
		}
	}
}

func TestPermutation(t *testing.T) {
	tests := []struct {
		seed uint32
		n    int
		want []int
	}{
		{0, 10, []int{2, 8, 4, 9, 1, 6, 7, 3, 0, 5}},
		{3, 7, []int{4, 6, 5, 3, 1, 0, 2}},
		{9, 1, []int{0}},
		{9, 0, []int{}},
	}
	for _, tt := range tests {
		got := New(tt.seed).Permutation(tt.n)
		if len(got) != len(tt.want) {
			t.Fatalf("seed %d: Permutation(%d) = %v, want %v", tt.seed, tt.n, got, tt.want)
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("seed %d: Permutation(%d) = %v, want %v", tt.seed, tt.n, got, tt.want)
				break
			}
		}
	}
	// A long one, where the mask of random_interval shrinks many times:
	// np.random.RandomState(1).permutation(3000) starts [1957 2087 1394 1520 1098],
	// ends [1096 235 1061], and its dot product with arange(3000) % 7 is 13658915.
	p := New(1).Permutation(3000)
	dot := 0
	for i, v := range p {
		dot += v * (i % 7)
	}
	if p[0] != 1957 || p[4] != 1098 || p[2999] != 1061 || dot != 13658915 {
		t.Errorf("seed 1: Permutation(3000) = %v ... %v (checksum %d), want [1957 2087 1394 1520 1098] ... [1096 235 1061] (13658915)", p[:5], p[2997:], dot)
	}
}

func TestInterval(t *testing.T) {
	s := New(0)
	for i := 0; i < 1000; i++ {
		if v := s.Interval(5); v > 5 {
			t.Fatalf("Interval(5) = %d", v)
		}
		if v := s.Interval(0); v != 0 {
			t.Fatalf("Interval(0) = %d", v)
		}
		if v := s.Interval(1 << 40); v > 1<<40 {
			t.Fatalf("Interval(2^40) = %d", v)
		}
	}
}

func BenchmarkFloat64(b *testing.B) {
	s := New(0)
	for b.Loop() {
		s.Float64()
	}
}

// TestAgainstNumpyFile checks the longer pins that docs/numpy/gen_random.py
// wrote with numpy 1.24.2 into testdata/numpy/random.json.
func TestAgainstNumpyFile(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(reference.Dir(), "numpy", "random.json"))
	if err != nil {
		t.Fatal(err)
	}
	var pins struct {
		Seed0Rand     []float64   `json:"seed0_rand"`
		Seed42Rand    []float64   `json:"seed42_rand"`
		Seed42Rand2x3 [][]float64 `json:"seed42_rand_2x3"`
		Seed0Uint32   []uint32    `json:"seed0_uint32"`
		Seed0Key      []uint32    `json:"seed0_key_head"`
		SeedMaxUint32 []uint32    `json:"seedmax_uint32"`
		SeedMaxKey    []uint32    `json:"seedmax_key_head"`
		Perm10        []int       `json:"seed0_permutation10"`
		Perm7         []int       `json:"seed3_permutation7"`
		Perm1000      []int       `json:"seed1_permutation1000"`
		Normal5       []float64   `json:"seed0_normal5"`
		Normal12      []float64   `json:"seed7_normal_loc1_scale2_3"`
		NormalRand    []float64   `json:"seed0_normal_then_rand"`
		Shuffle5      []int       `json:"seed5_shuffle"`
	}
	if err := json.Unmarshal(b, &pins); err != nil {
		t.Fatal(err)
	}
	check := func(name string, got, want []float64) {
		t.Helper()
		if len(want) == 0 {
			t.Fatalf("%s: no pins in random.json", name)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s[%d] = %v, want %v", name, i, got[i], want[i])
				return
			}
		}
	}
	draw := func(seed uint32, n int, f func(s *State) float64) []float64 {
		s := New(seed)
		v := make([]float64, n)
		for i := range v {
			v[i] = f(s)
		}
		return v
	}
	rand := func(s *State) float64 { return s.Float64() }
	u32 := func(s *State) float64 { return float64(s.Uint32()) }
	ints := func(v []int) []float64 {
		f := make([]float64, len(v))
		for i, x := range v {
			f[i] = float64(x)
		}
		return f
	}
	u32s := func(v []uint32) []float64 {
		f := make([]float64, len(v))
		for i, x := range v {
			f[i] = float64(x)
		}
		return f
	}
	check("seed0_rand", draw(0, 10, rand), pins.Seed0Rand)
	check("seed42_rand", draw(42, 10, rand), pins.Seed42Rand)
	check("seed42_rand_2x3", draw(42, 6, rand), append(pins.Seed42Rand2x3[0], pins.Seed42Rand2x3[1]...))
	check("seed0_uint32", draw(0, len(pins.Seed0Uint32), u32), u32s(pins.Seed0Uint32))
	check("seedmax_uint32", draw(4294967295, len(pins.SeedMaxUint32), u32), u32s(pins.SeedMaxUint32))
	check("seed0_key_head", u32s(New(0).key[:5]), u32s(pins.Seed0Key))
	check("seedmax_key_head", u32s(New(4294967295).key[:5]), u32s(pins.SeedMaxKey))
	check("seed0_permutation10", ints(New(0).Permutation(10)), ints(pins.Perm10))
	check("seed3_permutation7", ints(New(3).Permutation(7)), ints(pins.Perm7))
	check("seed1_permutation1000", ints(New(1).Permutation(1000)), ints(pins.Perm1000))
	check("seed0_normal5", draw(0, 5, func(s *State) float64 { return s.Normal(0, 1) }), pins.Normal5)
	check("seed7_normal_loc1_scale2_3", draw(7, 3, func(s *State) float64 { return s.Normal(1, 2) }), pins.Normal12)
	s := New(0)
	check("seed0_normal_then_rand", []float64{s.Gauss(), s.Float64(), s.Gauss()}, pins.NormalRand)
	a := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}
	New(5).Shuffle(len(a), func(i, j int) { a[i], a[j] = a[j], a[i] })
	check("seed5_shuffle", ints(a), ints(pins.Shuffle5))
}
