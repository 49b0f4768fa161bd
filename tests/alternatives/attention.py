"""Correct versions of the attention functions, written the ways students write them."""
import numpy as np

from seqlab.catalogue import alternative


@alternative("softmax")
def softmax_where_divide(x, axis=-1):
    # the notebook's hint, taken literally: divide only where the sum is > 0 (np.where evaluates
    # e / t everywhere, so a fully masked row warns 0/0 before it is replaced by 0)
    m = np.max(x, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    e = np.exp(x - m)
    t = np.sum(e, axis=axis, keepdims=True)
    return np.where(t > 0, e / t, 0.0)


@alternative("softmax")
def softmax_logsumexp(x, axis=-1):
    m = np.max(x, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    lse = np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True))
    out = np.exp(x - m - lse)
    return np.nan_to_num(out, nan=0.0)
