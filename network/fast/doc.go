// Package fast computes the same math as package network, the tutorial's
// forward propagation, cost, backpropagation and predict, arranged for speed:
//
//	a^(1) = [1; x],  z^(l+1) = Θ^(l) a^(l),  a^(l+1) = [1; g(z^(l+1))],  h = a^(L)
//	J(Θ) = -(1/m) Σ_i Σ_k [ y_k log(h_k) + (1 - y_k) log(1 - h_k) ] + (λ/2m) Σ (Θ^(l)_{j,i≥1})²
//	δ^(L) = a^(L) - y,  δ^(l) = (Θ^(l)_{:,1:})ᵀ δ^(l+1) .* g'(z^(l)),  Δ^(l) = δ^(l+1) (a^(l))ᵀ
//	D^(l) = (1/m) Δ^(l) + (λ/m) Θ^(l)
//	predict(x) = argmax_k h_k(x), the first k on ties
//
// Workspace is what gradient descent calls once per iteration; Probabilities,
// Predict, GridProbabilities and PredictGrid are what prediction and the
// decision-boundary plot call. The results equal package network's to 1e-12
// (predictions exactly, except where two output units agree to within an
// ulp or two), and are bitwise the same for any
// GOMAXPROCS. docs/performance.md says how the speed is had: examples in
// fixed groups that stay in cache, one pass serving cost and gradients,
// several cores on large inputs, faster sigmoids, shared work on a grid.
//
// The functions panic, with a message starting "fast: ", on a programmer's
// mistake: a network whose shapes do not chain, X that does not fit it or
// holds a number that is not finite, a label that is not a class. Callers
// holding a user's data check it first with network.CheckX and
// network.CheckLabels. A panic on one of the package's goroutines is raised
// again on the caller's.
package fast
