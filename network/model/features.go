package model

import (
	"fmt"
	"math"
	"strings"

	"github.com/ann-go/ann/internal/finite"
	"github.com/ann-go/ann/matrix"
)

// A Feature is one input unit computed from a point (x1, x2) of a data set
// of two features, as TensorFlow Playground offers them:
//
//	X1  x1      X1Squared  x1²     X1X2  x1·x2     SinX1  sin x1
//	X2  x2      X2Squared  x2²                     SinX2  sin x2
//
// With Features{X1, X2, X1X2} a network without a hidden layer (layers
// 3,2) separates the xor data set, which no straight line in (x1, x2) does:
// the boundary is a straight line in the three inputs, a curve in the plane.
type Feature int

// The features, in TensorFlow Playground's order. Their numbers are those a
// model file records (see Model).
const (
	X1 Feature = iota
	X2
	X1Squared
	X2Squared
	X1X2
	SinX1
	SinX2
)

// featureNames are the Features' names, as String writes and ParseFeatures
// reads them.
var featureNames = [...]string{"x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"}

// featureAliases are other spellings ParseFeatures accepts.
var featureAliases = map[string]Feature{
	"x1²": X1Squared, "x2²": X2Squared, "x1x2": X1X2, "x1·x2": X1X2,
	"sinx1": SinX1, "sinx2": SinX2, "sin x1": SinX1, "sin x2": SinX2,
}

// String returns the feature's name: x1, x2, x1^2, x2^2, x1*x2, sin(x1) or
// sin(x2).
func (f Feature) String() string {
	if f.Valid() {
		return featureNames[f]
	}
	return fmt.Sprintf("Feature(%d)", int(f))
}

// Valid reports whether f is one of the seven features.
func (f Feature) Valid() bool { return f >= X1 && int(f) < len(featureNames) }

// of returns the feature at the point (x1, x2).
func (f Feature) of(x1, x2 float64) float64 {
	switch f {
	case X1:
		return x1
	case X2:
		return x2
	case X1Squared:
		return x1 * x1
	case X2Squared:
		return x2 * x2
	case X1X2:
		return x1 * x2
	case SinX1:
		return math.Sin(x1)
	case SinX2:
		return math.Sin(x2)
	}
	panic(fmt.Sprintf("model: unknown %v", f))
}

// Features are the input units a network sees in place of a point's two
// coordinates, in order: input unit j+1 of layer 1 is Features[j]. A nil
// Features means the data's own columns.
type Features []Feature

// ParseFeatures reads a comma-separated list of feature names, such as
// "x1,x2,x1*x2" (see Feature.String; x1², x1x2 and sin x1 are read too). It
// returns an error naming the first name it does not know, or a name given
// twice.
func ParseFeatures(s string) (Features, error) {
	var fs Features
	for _, name := range strings.Split(s, ",") {
		name = strings.ToLower(strings.TrimSpace(name))
		f, ok := featureAliases[name]
		for i, n := range featureNames {
			if n == name {
				f, ok = Feature(i), true
			}
		}
		if !ok {
			return nil, fmt.Errorf("model: unknown feature %q: want a list of %s", name, strings.Join(featureNames[:], ", "))
		}
		for _, g := range fs {
			if g == f {
				return nil, fmt.Errorf("model: feature %v is listed twice", f)
			}
		}
		fs = append(fs, f)
	}
	return fs, nil
}

// String returns the features as ParseFeatures reads them, "x1,x2,x1*x2".
func (fs Features) String() string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.String()
	}
	return strings.Join(names, ",")
}

// Check returns an error unless fs holds at least one feature, each valid
// and none twice.
func (fs Features) Check() error {
	if len(fs) == 0 {
		return fmt.Errorf("model: no features")
	}
	for i, f := range fs {
		if !f.Valid() {
			return fmt.Errorf("model: feature %d is %v: want one of %s", i, f, strings.Join(featureNames[:], ", "))
		}
		for _, g := range fs[:i] {
			if g == f {
				return fmt.Errorf("model: feature %v is listed twice", f)
			}
		}
	}
	return nil
}

// Apply returns the m x len(fs) matrix of the features of each row (x1, x2)
// of X, m x 2:
//
//	out_ij = Features[j](x_i1, x_i2)
//
// It returns an error if fs is not valid (see Check), if X does not have two
// columns, or if a feature is not finite (x1·x2 or x1² overflows beyond
// about 1e154).
func (fs Features) Apply(X *matrix.Dense) (*matrix.Dense, error) {
	if err := fs.Check(); err != nil {
		return nil, err
	}
	if X.Cols != 2 {
		return nil, fmt.Errorf("model: features %v are computed from 2 columns (x1, x2), the data has %d", fs, X.Cols)
	}
	out := matrix.New(X.Rows, len(fs))
	for i := range X.Rows {
		x1, x2 := X.At(i, 0), X.At(i, 1)
		for j, f := range fs {
			v := f.of(x1, x2)
			if !finite.Is(v) {
				return nil, fmt.Errorf("model: feature %v of row %d (%v, %v) is %v: want a finite number", f, i, x1, x2, v)
			}
			out.Data[i*out.Cols+j] = v
		}
	}
	return out, nil
}
