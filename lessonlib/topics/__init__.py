"""What one chapter computes, on top of the general library in ``lessonlib``.

Each module opens by naming the chapter that uses it: ``bias_variance``,
``overfitting`` and ``sparse_vs_dense`` (regularization), ``ridge_zero`` (ridge),
``lasso_cases`` and ``absolute_loss`` (lasso), ``entry_order`` and ``fold_splits`` (diabetes),
``geometry`` (the geometry of sparsity), ``orthonormal`` (orthonormal features),
``convergence`` (coordinate descent), ``bayes`` (the Bayesian view), ``irrepresentable``,
``selection``, ``recovery`` and ``penalties`` (correlated features), and the exercise
checks. They import the general modules; nothing general imports them.
"""
