package nprand

import "testing"

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
