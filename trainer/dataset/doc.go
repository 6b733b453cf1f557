// Package dataset reads data sets from CSV files and prepares them for
// training the way the tutorial's Python world does: z-score feature scaling
// as scikit-learn's StandardScaler computes it, and k-fold and train/test
// splits that pick the same rows as scikit-learn's KFold and train_test_split
// for the same random_state.
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
// and names the classes). Files that begin with the gzip magic bytes (a .csv.gz file) are
// decompressed first. Blank lines, a trailing \r on each line (CRLF files) and
// a UTF-8 byte order mark are ignored; spaces around a field are trimmed; a
// field may be quoted ("x1"), but a quoted field cannot span lines.
//
// Every error names the file, the line and, where one field is at fault, the
// column (the field's 1-based position in the row, as a spreadsheet counts
// columns, not a character offset), as in
//
//	iris.csv:17:3: "abc" is not a number
//
// The limits, meant only to stop a mistaken file from exhausting memory: a
// line of at most 1 MiB, at most 2 GiB of text (after decompression), at most
// 2²⁷ numbers, and class labels below 1000000.
//
// # Scaling and splits
//
// FitScaler and Scaler.Apply standardize each feature column j:
//
//	z = (x - mean_j) / std_j      std_j with ddof 0 (divide by m), and 1 for a constant column
//
// KFold, Complement and TrainTestSplit return row indices, and Rows selects
// those rows. They draw from numpy's legacy random stream seeded with the
// given seed, exactly as scikit-learn 1.2 does for random_state=seed.
//
// The command line checks what a user typed before calling the functions
// that panic on bad arguments (KFold, TrainTestSplit, FitScaler).
package dataset
