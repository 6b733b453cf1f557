"""The code of the tutorial "Artificial neural networks: An example implementation
in Python 3 with numpy and matplotlib", restored: its cells 2-6, 9 and 10.

Copied verbatim, except:
- the characters lost from the text are restored: `layer.dot(Thetas[i].T)`
  (cell 3), `z.dot(Thetas[i].T)` (cell 4), `d[L-i+1].T.dot(A[L-i])` (cell 6),
  and `return J` de-indented so calculate_cost returns J when lamb == 0 (cell 5);
- the docstrings' lost quotes are restored;
- train_network (cell 10) takes `lamb` and passes it on to calculate_cost and
  backpropagation (with lamb = 0, the tutorial's case, nothing changes);
- cell 9's loop is wrapped in init_thetas(layers); the caller seeds np.random first.
"""
import numpy as np


def sigmoid(z):
    """Applies the sigmoid function element-wise to the input array z."""
    return 1 / (1 + np.exp(-z))


def sigmoid_gradient(z):
    """Applies the derivative of the sigmoid function element-wise to the input array z."""
    return sigmoid(z) * (1 - sigmoid(z))


def forward_prop(X, Thetas):
    """Takes input training data X and weight matrices Thetas, performs forward propagation,
    and returns (Z, A). The output labels are the last row in the returned matrix A."""
    L = len(Thetas) + 1
    m = X.shape[0]
    # Dicts for storing our calculated values
    Z = {}
    A = {}
    # Add bias column and set first layer values to be X
    X = np.append(np.ones([X.shape[0], 1]), X, axis=1)
    A[1] = X
    layer = A[1]
    # Iterate through each layer, applying weights,
    # the activation function, and storing values
    for i in range(1, L):
        z = layer.dot(Thetas[i].T)
        a = sigmoid(z)
        # Only add bias layer and set up next layer if there is a next layer
        if i != (len(Thetas)):
            a = np.append(np.ones([m, 1]), a, axis=1)
            layer = a
        # Store values
        A[i+1] = a
        Z[i+1] = z
    return Z, A


def predict(X, Thetas):
    """Performs forward propagation given the input data X and the network weights in Thetas.
    Returns class assignments for the input data."""
    m = X.shape[0]
    L = len(Thetas) + 1
    a = X
    for i in range(1, L):
        z = np.append(np.ones([m, 1]), a, axis=1)
        a = sigmoid(z.dot(Thetas[i].T))
        z = a
    return np.argmax(a, axis=1)


def calculate_cost(X, y, Thetas, lamb=0):
    """Function to calculate the cost function of a neural network for given
    training data X and network weight parameters Thetas.
    """
    m = X.shape[0]
    n_labels = np.unique(y).shape[0]
    # Perform forward propagation
    Z, A = forward_prop(X, Thetas)
    # Hypothesis = model output, rehshape to numpy array
    h = A[len(Thetas) + 1]
    y_mat = np.eye(n_labels)[y,:]
    # Calculate cost, NOT including regularization, these multiplications are element-wise
    J = - (1 / m) * (y_mat * np.log(h) + (1 - y_mat) * np.log(1 - h)).sum()
    if lamb > 0:
        # Calculate regluarization over non-bias theta terms
        reg = (lamb / (2 * m)) * sum([np.sum(np.array(Thetas[i][:,1:]) ** 2) for i in Thetas.keys()])
        return J + reg
    return J


def backpropagation(X, y, A, Z, Thetas, lamb=0.0):
    """Performs backpropagation given the training data, results
    from forward propagation, and weights. Regulariation is optional
    and omitted by default.
    """
    # Set some useful variables
    L = len(Thetas) + 1
    n_labels = len(np.unique(y))
    m = X.shape[0]
    # Transform labels into an array where each class
    # is either a 0 or 1 in an m by 2 array
    y_mat = np.eye(n_labels)[y,:]
    # This variable is where we'll store our "error" values
    d = {}
    # Set the error of the last layer by comparing
    # previously calculated predictions with the actual labels
    d[L] = A[L] - y_mat
    Deltas = {} # Our error accumulator variable
    Theta_regs = {} # Regularization terms of the cost function derivative
    Theta_grads = {} # The final partial derivative terms
    # Step backwards through the network
    for i in range(1, L):
        if L - i > 1: # Calculate error for all but the first layer
            d[L-i] = d[L-i+1].dot(Thetas[L-i][:,1:]) * sigmoid_gradient(Z[L-i])
        # Accumulate error terms
        Deltas[L-i] = d[L-i+1].T.dot(A[L-i])
        # Calculate regularization terms, but ignore bias thetas
        # To ignore bias thetas, note the appended zeros combined with
        # the `Thetas[layer][:,1:]` array indexing
        Theta_regs[L-i] = np.append(np.zeros([Thetas[L-i].shape[0], 1]), (lamb / m) * Thetas[L-i][:,1:], axis=1)
        # Assemble the final partial derivatives
        Theta_grads[L-i] = (1 / m) * Deltas[L-i] + Theta_regs[L-i]
    return Theta_grads


def init_thetas(layers):
    """Cell 9: call np.random.seed(seed) first."""
    Thetas = {}

    # Initialize random random weights based on size of layers
    for i in range(1, len(layers)):
        epsilon = np.sqrt(6) / np.sqrt(layers[i] + layers[i-1] + 1)
        Thetas[i] = (np.random.rand(layers[i], layers[i-1] + 1) - 0.5) * epsilon
    return Thetas


def train_network(X_train, y_train, Initial_thetas, alpha=0.5, max_iter=1000, lamb=0):
    """This function trains our network defined by the weight parameters Initial_thetas."""
    m = X_train.shape[0]
    costs = np.zeros(max_iter) # Accumulate costs
    Thetas = Initial_thetas.copy()
    for n in range(max_iter):
        Z, A = forward_prop(X_train, Thetas)
        cost = calculate_cost(X_train, y_train, Thetas, lamb)
        costs[n] = cost
        Theta_grads = backpropagation(X_train, y_train, A, Z, Thetas, lamb)
        for i in range(1, len(Thetas) + 1):
            Thetas[i] = Thetas[i] - alpha * Theta_grads[i]
    return Thetas, costs
