// Batch-hard mining on a Gram matrix: for each anchor i, with squared distances
//   d_ij = (‖e_i‖² + ‖e_j‖²) − 2 g_ij   (float32, in that order),
// the hardest positive (the largest d_ij over j ≠ i of i's class) and the hardest negative (the
// smallest d_ij over j of another class), the first index on ties as PyTorch's max(dim)/min(dim);
// −1 where a row has none. One pass over each row of g while it streams by, where the composed ops
// build a class bias with a product, add it twice and take two arg-extremes over [n, n]. Parts
// split the rows. Same conventions as filter-grad.c: no stack, no data, no libc.

static inline int first_row(int part, int parts, int rows) {
  return (int)((long long)part * rows / parts);
}

__attribute__((export_name("hardest_pairs_part"))) void hardest_pairs_part(
    int *positive, int part, int parts, int *negative, const float *g, const float *norms,
    const int *classes, int n) {
  const int i0 = first_row(part, parts, n), i1 = first_row(part + 1, parts, n);
  for (int i = i0; i < i1; i++) {
    const float *row = g + (long)i * n;
    const float ni = norms[i];
    const int ci = classes[i];
    float far = 0.0f, near = 0.0f;
    int p = -1, q = -1;
    for (int j = 0; j < n; j++) {
      const float d = (ni + norms[j]) - 2.0f * row[j];
      if (classes[j] == ci) {
        if (j != i && (p < 0 || d > far)) far = d, p = j;
      } else if (q < 0 || d < near) {
        near = d, q = j;
      }
    }
    positive[i] = p;
    negative[i] = q;
  }
}
