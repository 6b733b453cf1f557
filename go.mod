module github.com/ann-go/ann

go 1.26
