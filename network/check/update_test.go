package check

// -update, so that go test ./... -update runs here too (no golden files here).
import _ "github.com/ann-go/ann/internal/golden"
