// Package reference reads the runs of the tutorial's own numpy code kept under
// testdata/reference (see the README there), for tests that hold ann to the
// tutorial's numbers.
package reference

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"

	"github.com/ann-go/ann/matrix"
)

// Config is the parameters of one run.
type Config struct {
	Seed     uint32  `json:"seed"`
	N        int     `json:"n"`
	Noise    float64 `json:"noise"`
	DataSeed uint32  `json:"dataseed"`
	Layers   []int   `json:"layers"`
	Alpha    float64 `json:"alpha"`
	Iters    int     `json:"iters"`
	NTrain   int     `json:"ntrain"`
	Lambda   float64 `json:"lamb"`
	Data     string  `json:"data"` // "" or "moons" for make_moons; "iris" for the iris file
}

// Run is one run of the tutorial's code: the data, the weights before and after
// training, the cost before each update, and the accuracies.
type Run struct {
	Config        Config                 `json:"config"`
	X             [][]float64            `json:"X"`
	Y             []int                  `json:"y"`
	InitThetasRaw map[string][][]float64 `json:"init_thetas"`
	ThetasRaw     map[string][][]float64 `json:"thetas"`
	Costs         []float64              `json:"costs"`
	FinalCost     float64                `json:"final_cost_with_lamb"`
	AccuracyAll   float64                `json:"accuracy_all"`
	AccuracyTrain float64                `json:"accuracy_train"`
	PredictAll    []int                  `json:"predict_all"`
	ProbaFirst10  [][]float64            `json:"proba_first10"`
	Stability     float64                `json:"stability"`
}

// InitTheta returns the initial weights, indexed by the tutorial's layer
// number: element 0 is nil.
func (r *Run) InitTheta() []*matrix.Dense { return thetas(r.InitThetasRaw) }

// Theta returns the trained weights, indexed like InitTheta.
func (r *Run) Theta() []*matrix.Dense { return thetas(r.ThetasRaw) }

func thetas(raw map[string][][]float64) []*matrix.Dense {
	keys := make([]int, 0, len(raw))
	for k := range raw {
		l, err := strconv.Atoi(k)
		if err != nil {
			panic("reference: Theta key " + k)
		}
		keys = append(keys, l)
	}
	sort.Ints(keys)
	t := make([]*matrix.Dense, len(keys)+1)
	for _, l := range keys {
		t[l] = matrix.FromRows(raw[strconv.Itoa(l)])
	}
	return t
}

// Dir returns the repository's top-level testdata directory, found by walking
// up from the working directory (a package's directory under go test) to
// go.mod.
func Dir() string {
	dir, err := os.Getwd()
	if err != nil {
		panic("reference: " + err.Error())
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "testdata")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			panic("reference: no go.mod above the working directory")
		}
		dir = parent
	}
}

// Load reads testdata/reference/NAME.json.
func Load(name string) (*Run, error) {
	return loadFile(filepath.Join(Dir(), "reference", name+".json"))
}

func loadFile(path string) (*Run, error) {
	var r Run
	if err := readJSON(path, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// readJSON decodes the JSON file at path into v; errors name the file.
func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	return nil
}

// LoadRuns reads a file of several runs, {"runs": [...]}, from testdata.
func LoadRuns(rel string) ([]*Run, error) {
	var f struct {
		Runs []*Run `json:"runs"`
	}
	if err := readJSON(filepath.Join(Dir(), rel), &f); err != nil {
		return nil, err
	}
	return f.Runs, nil
}

// ModelPredictions is testdata/numpy/model_predictions.json: what the
// tutorial's numpy code predicts with the network in testdata/numpy/model.npz
// for the rows of testdata/numpy/model_inputs.csv (docs/numpy/gen_model.py).
type ModelPredictions struct {
	Predict  []int       `json:"predict"`  // the tutorial's predict, one class per row
	Proba    [][]float64 `json:"proba"`    // the output layer A[L], one row per input row
	Accuracy float64     `json:"accuracy"` // against the rows' labels
}

// LoadModelPredictions reads testdata/numpy/model_predictions.json.
func LoadModelPredictions() (*ModelPredictions, error) {
	var p ModelPredictions
	if err := readJSON(filepath.Join(Dir(), "numpy", "model_predictions.json"), &p); err != nil {
		return nil, err
	}
	return &p, nil
}
