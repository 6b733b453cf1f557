// Package dataset reads data sets from CSV files and prepares them for
// training as the tutorial's Python world does: train/test and k-fold
// splits that pick the same rows as scikit-learn's train_test_split and
// KFold for the same random_state. (The z-score feature scaling of
// scikit-learn's StandardScaler is model.Scaler, which a trained model
// carries.)
//
// It serves two parts of the tutorial. Its section "Generating a data set"
// makes the two moons (package moons, which Generate calls by name, with
// its other shapes); this package reads a data set that someone else made,
// into the same shapes: the m x n matrix X of examples and the m class
// labels y in 0..K-1, with the class count K carried in Data. And its closing remarks point to
// cross-validation as the way to choose the network and its
// hyperparameters: TrainTestSplit holds out a test set, KFold makes the
// folds, Rows picks their examples.
//
// # CSV files
//
// A data file holds one example per line: its numeric features, then its
// integer class label 0..K-1 in the last column, separated by commas:
//
//	5.1,3.5,1.4,0.2,0
//
// The first line is taken as a header, and kept in Data.Header, when one of
// its fields is text that is not a number (a column name, say); otherwise it
// is data. A header need not have as many fields as the rows (iris.csv's
// first line, 150,4,setosa,versicolor,virginica, counts rows and features
// and names the classes). Files that begin with the gzip magic bytes (a
// .csv.gz file) are decompressed as they are read. The fields are split by
// encoding/csv: a field may be quoted ("x, 1", with "" for a quote inside),
// but a quoted field cannot span lines, and nothing but spaces may come
// between a field's opening quote and the comma before it. Blank lines, a
// \r before each \n (CRLF files), a UTF-8 byte order mark and spaces around
// a field are ignored.
//
// Every error is a *ParseError naming the file, the line and, where one
// field is at fault, the column (the field's 1-based position in the row, as
// a spreadsheet counts columns, not a character offset), as in
//
//	dataset: iris.csv:17:3: "abc" is not a number
//
// # Caps
//
// A Reader stops a mistaken or hostile file, such as a small .csv.gz that
// decompresses to gigabytes, before it exhausts memory: it streams the text
// line by line and checks, as it goes, three caps, which are fields of the
// Reader (defaults in brackets):
//
//	MaxLineBytes  bytes of one line                         [1 MiB]
//	MaxBytes      bytes of text, after decompression        [1 GiB]
//	MaxValues     numbers in the file, features and labels  [2²⁵ = 33554432]
//
// so that, however large the input, it holds at most 16 bytes per number of
// MaxValues (the numbers, and a copy while a slice grows: 512 MiB by
// default), and for the line being read a buffer of MaxLineBytes and
// encoding/csv's bookkeeping of the line's fields (at most 200 bytes per
// byte of MaxLineBytes, for a line of nothing but commas). A line too long
// is refused before it is parsed. The error of a cap wraps ErrTooLarge.
// Class labels must be below 1000000.
//
// # Splits
//
// KFold, Complement and TrainTestSplit return row indices, and Rows selects
// those rows. They draw from numpy's legacy random stream seeded with the
// given seed, exactly as scikit-learn 1.2 does for random_state=seed.
//
// The functions whose arguments a program chooses (KFold, TrainTestSplit,
// Complement, Rows) panic on arguments no data set can make right, as slices
// functions do; each says when. A program that takes k or a test fraction
// from its user checks them first with CheckKFold and CheckTrainTestSplit,
// which return the same findings as an *ArgError naming the argument. What
// comes from data (a file) is checked and returned as an error.
package dataset
