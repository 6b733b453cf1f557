//go:build !amd64.v3

package golden

// Without the v3 feature level amd64 has no fused multiply-add instruction.
const exact = true
