// Package metrics scores a classifier class by class: the confusion matrix
// and each class's precision, recall and F1, as scikit-learn's
// confusion_matrix and classification_report compute them. The tutorial
// scores its network by accuracy alone (cell 8, "Predicting"); with K
// classes, where one class is mistaken for another says more.
//
// For true labels y and predictions p of m examples, K classes:
//
//	C[i][j]     = #{n : y_n = i, p_n = j}        rows true, columns predicted
//	accuracy    = Σ_k C[k][k] / m
//	precision_k = C[k][k] / Σ_i C[i][k]          0 if class k was never predicted
//	recall_k    = C[k][k] / Σ_j C[k][j]          0 if class k has no examples
//	F1_k        = 2 precision_k recall_k / (precision_k + recall_k)   0 if both are 0
//	support_k   = Σ_j C[k][j]
//
// The macro average is the plain mean over the K classes, the weighted
// average the mean weighted by support (classification_report's "macro avg"
// and "weighted avg", with zero_division=0 and labels 0..K-1).
package metrics

import (
	"fmt"
	"io"
	"strings"
)

// Confusion is a K x K confusion matrix: Counts[i*K+j] examples of true
// class i were predicted as class j.
type Confusion struct {
	K      int
	Counts []int
}

// New returns the confusion matrix of the true labels y and the predictions
// pred for K classes. It panics if their lengths differ or a label is not
// in 0..K-1.
func New(K int, y, pred []int) *Confusion {
	if len(y) != len(pred) {
		panic(fmt.Sprintf("metrics: New: %d labels and %d predictions", len(y), len(pred)))
	}
	c := &Confusion{K: K, Counts: make([]int, K*K)}
	for n := range y {
		if y[n] < 0 || y[n] >= K || pred[n] < 0 || pred[n] >= K {
			panic(fmt.Sprintf("metrics: New: example %d: label %d, prediction %d, want classes 0..%d", n, y[n], pred[n], K-1))
		}
		c.Counts[y[n]*K+pred[n]]++
	}
	return c
}

// Add adds the counts of o, a matrix of the same K, to c: summing
// cross-validation's folds. It panics if the sizes differ.
func (c *Confusion) Add(o *Confusion) {
	if o.K != c.K {
		panic(fmt.Sprintf("metrics: Add: %d classes to %d", o.K, c.K))
	}
	for i, v := range o.Counts {
		c.Counts[i] += v
	}
}

// At returns C[i][j]: the examples of true class i predicted as j.
func (c *Confusion) At(i, j int) int { return c.Counts[i*c.K+j] }

// Total returns m, the number of examples counted.
func (c *Confusion) Total() int {
	m := 0
	for _, v := range c.Counts {
		m += v
	}
	return m
}

// Accuracy returns the share of examples on the diagonal, 0 for none.
func (c *Confusion) Accuracy() float64 {
	right := 0
	for k := range c.K {
		right += c.At(k, k)
	}
	if m := c.Total(); m > 0 {
		return float64(right) / float64(m)
	}
	return 0
}

// Class is one row of a report: a class's precision, recall, F1 and
// support (its number of true examples).
type Class struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Support   int     `json:"support"`
}

// Report is classification_report's content: one Class per class, by
// label, the accuracy, and the macro and weighted averages (Support: all
// examples).
type Report struct {
	Classes  []Class `json:"classes"`
	Accuracy float64 `json:"accuracy"`
	Macro    Class   `json:"macro_avg"`
	Weighted Class   `json:"weighted_avg"`
}

// Report computes the per-class scores of c.
func (c *Confusion) Report() Report {
	r := Report{Classes: make([]Class, c.K), Accuracy: c.Accuracy()}
	m := c.Total()
	for k := range c.K {
		tp, predicted, support := c.At(k, k), 0, 0
		for i := range c.K {
			predicted += c.At(i, k)
			support += c.At(k, i)
		}
		var p, rec, f1 float64
		if predicted > 0 {
			p = float64(tp) / float64(predicted)
		}
		if support > 0 {
			rec = float64(tp) / float64(support)
		}
		if p+rec > 0 {
			f1 = 2 * p * rec / (p + rec)
		}
		r.Classes[k] = Class{Precision: p, Recall: rec, F1: f1, Support: support}
	}
	r.Macro.Support, r.Weighted.Support = m, m
	for _, cl := range r.Classes {
		r.Macro.Precision += cl.Precision
		r.Macro.Recall += cl.Recall
		r.Macro.F1 += cl.F1
		w := float64(cl.Support)
		// Each product rounded before it is added, as numpy does: no fused
		// multiply-add, so the report is scikit-learn's to the bit everywhere.
		r.Weighted.Precision += float64(cl.Precision * w)
		r.Weighted.Recall += float64(cl.Recall * w)
		r.Weighted.F1 += float64(cl.F1 * w)
	}
	K := float64(c.K)
	r.Macro.Precision, r.Macro.Recall, r.Macro.F1 = r.Macro.Precision/K, r.Macro.Recall/K, r.Macro.F1/K
	if m > 0 {
		W := float64(m)
		r.Weighted.Precision, r.Weighted.Recall, r.Weighted.F1 = r.Weighted.Precision/W, r.Weighted.Recall/W, r.Weighted.F1/W
	}
	return r
}

// Write prints c and its report as aligned tables: the confusion matrix
// (rows true, columns predicted, names[k] naming class k, or "k" where names
// has none), then precision, recall, F1 and support per class, as
// classification_report lays them out.
func (c *Confusion) Write(w io.Writer, names []string) error {
	name := func(k int) string {
		if k < len(names) && names[k] != "" {
			return names[k]
		}
		return fmt.Sprint(k)
	}
	width := len("true \\ predicted")
	for k := range c.K {
		width = max(width, len(name(k)))
	}
	cell := len(fmt.Sprint(c.Total()))
	for k := range c.K {
		cell = max(cell, len(name(k)))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-*s", width, "true \\ predicted")
	for k := range c.K {
		fmt.Fprintf(&b, " %*s", cell, name(k))
	}
	b.WriteString("\n")
	for i := range c.K {
		fmt.Fprintf(&b, "%-*s", width, name(i))
		for j := range c.K {
			fmt.Fprintf(&b, " %*d", cell, c.At(i, j))
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
	r := c.Report()
	label := len("weighted avg")
	for k := range c.K {
		label = max(label, len(name(k)))
	}
	fmt.Fprintf(&b, "%*s %9s %9s %9s %9s\n", label, "", "precision", "recall", "f1-score", "support")
	for k, cl := range r.Classes {
		fmt.Fprintf(&b, "%*s %9.4f %9.4f %9.4f %9d\n", label, name(k), cl.Precision, cl.Recall, cl.F1, cl.Support)
	}
	fmt.Fprintf(&b, "%*s %9s %9s %9.4f %9d\n", label, "accuracy", "", "", r.Accuracy, r.Macro.Support)
	for _, a := range []struct {
		name string
		cl   Class
	}{{"macro avg", r.Macro}, {"weighted avg", r.Weighted}} {
		fmt.Fprintf(&b, "%*s %9.4f %9.4f %9.4f %9d\n", label, a.name, a.cl.Precision, a.cl.Recall, a.cl.F1, a.cl.Support)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
