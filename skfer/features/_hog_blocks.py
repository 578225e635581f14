"""Block normalisation of cell histograms, as skimage's ``_hog_normalize_block``.

skimage normalises each block on its own, in double precision:
``block / (sum(|block|) + eps)`` for L1, ``block / sqrt(sum(block**2) +
eps**2)`` for L2, and so on, then stores it in the descriptor's dtype
(float32 for float16 and float32 images). Here all the blocks of a group
of images are normalised at once, and the output is written straight from
the histograms:

* the sum over a block is the sum of its cells' sums, a box filter on a
  small array, rather than a pass over every block value (blocks overlap:
  each cell is in up to ``b_row * b_col`` of them);
* values are multiplied by the reciprocal of the norm instead of divided,
  and L2-Hys clips before normalising instead of after.

These change the double-precision results by a few ulps (1e-16 relative),
which float32 descriptors see only when they tip a rounding. Groups with
infinite histograms (magnitudes beyond float32's range) keep skimage's
arithmetic instead, so that their blocks turn NaN exactly where skimage's do.
"""

import numpy as np
from numpy.lib.stride_tricks import as_strided

# skimage's default ``eps`` of ``_hog_normalize_block``.
EPS = 1e-5

NORMS = ("L1", "L1-sqrt", "L2", "L2-Hys")


def normalised_blocks(histograms, cells_per_block, block_norm, workspace, out):
    """Normalised blocks of ``(n, cells_row, cells_col, orientations)`` histograms.

    Each block is flattened in skimage's ``(b_row, b_col, orientation)``
    order, normalised with ``block_norm`` and written to the rows ``out``
    (directly when they are float64, which saves a pass).
    """
    cells = histograms.astype(np.float64)
    blocks = out
    if out.dtype != np.float64:
        blocks = workspace("blocks", out.shape, np.float64)
    if np.isfinite(cells).all():
        _fast_blocks(cells, cells_per_block, block_norm, blocks)
    else:
        # Infinite histograms: skimage's arithmetic, for its NaN blocks.
        gathered = _gather_blocks(cells, cells_per_block, blocks)
        rows = gathered.reshape(*gathered.shape[:3], -1)
        scratch = workspace("block_scratch", rows.shape, np.float64)
        _SKIMAGE_NORMALISERS[block_norm](rows, scratch)
    if blocks is not out:
        out[...] = blocks


def _windows(histograms, cells_per_block):
    """Blocks as a view, ``(n, blocks_row, blocks_col, b_row, b_col, orientations)``.

    (``sliding_window_view`` builds the same view in three times as long,
    which adds up over many small groups.)
    """
    n, n_row, n_col, orientations = histograms.shape
    b_row, b_col = cells_per_block
    image, row, col, bin_ = histograms.strides
    return as_strided(
        histograms,
        (n, n_row - b_row + 1, n_col - b_col + 1, b_row, b_col, orientations),
        (image, row, col, row, col, bin_),
        writeable=False,
    )


def _gather_blocks(histograms, cells_per_block, out):
    """Copy the blocks into ``out``, in skimage's order; return them 6-D."""
    windows = _windows(histograms, cells_per_block)
    blocks = out.reshape(windows.shape)
    np.copyto(blocks, windows)
    return blocks


def _fast_blocks(cells, cells_per_block, block_norm, out):
    """Float64 blocks of finite float64 histograms, in few passes.

    Per-block factors broadcast over short rows cost numpy more per row
    than per value, so each pass over the blocks counts: two for L1 and
    L2, three for L2-Hys.
    """
    if block_norm in ("L1", "L1-sqrt"):
        # Histograms are sums of magnitudes, never negative: ``abs`` is a no-op.
        norms = _block_sums(cells.sum(axis=-1), cells_per_block) + EPS
    else:
        squares = np.einsum("...i,...i->...", cells, cells)
        norms = np.sqrt(_block_sums(squares, cells_per_block) + EPS**2)
    if block_norm == "L2-Hys":
        _hysteresis_blocks(cells, cells_per_block, norms, out)
        return
    _gather_blocks(cells, cells_per_block, out)
    rows = out.reshape(norms.size, -1)
    rows *= (1 / norms).reshape(-1, 1)
    if block_norm == "L1-sqrt":
        np.sqrt(rows, out=rows)


def _hysteresis_blocks(cells, cells_per_block, norms, out):
    """L2-Hys blocks, given the blocks' L2 ``norms``.

    ``min(x / norm, 0.2)`` is ``min(x, 0.2 * norm) / norm``: clipping first
    folds both divisions into one factor, applied once.
    """
    windows = _windows(cells, cells_per_block)
    threshold = (0.2 * norms)[..., None, None, None]
    np.minimum(windows, threshold, out=out.reshape(windows.shape))
    rows = out.reshape(norms.size, -1)
    squares = np.matmul(rows[:, None, :], rows[:, :, None]).reshape(-1)
    rows *= (1 / np.sqrt(squares + (EPS * norms.reshape(-1)) ** 2))[:, None]


def _block_sums(per_cell, cells_per_block):
    """Sums of ``(n, cells_row, cells_col)`` values over each block."""
    b_row, b_col = cells_per_block
    n_row = per_cell.shape[1] - b_row + 1
    n_col = per_cell.shape[2] - b_col + 1
    # A few slices added up: reductions over the tiny window axes of a
    # sliding-window view cost numpy more per window than per value.
    rows = per_cell[:, :n_row].copy()
    for i in range(1, b_row):
        rows += per_cell[:, i : i + n_row]
    sums = rows[:, :, :n_col].copy()
    for j in range(1, b_col):
        sums += rows[:, :, j : j + n_col]
    return sums


# skimage's arithmetic, in place on contiguous ``(..., block size)`` rows.
# Each block is one row, summed as skimage sums its contiguous
# ``np.abs(block)`` or ``block**2`` (numpy's pairwise summation), so that
# from the same histograms they give skimage's results bit for bit, NaN
# included.


def _l1(blocks, scratch):
    blocks /= blocks.sum(axis=-1, keepdims=True) + EPS


def _l1_sqrt(blocks, scratch):
    _l1(blocks, scratch)
    np.sqrt(blocks, out=blocks)


def _l2(blocks, scratch):
    norms = np.square(blocks, out=scratch).sum(axis=-1, keepdims=True)
    blocks /= np.sqrt(norms + EPS**2)


def _l2_hys(blocks, scratch):
    _l2(blocks, scratch)
    np.minimum(blocks, 0.2, out=blocks)
    _l2(blocks, scratch)


_SKIMAGE_NORMALISERS = {"L1": _l1, "L1-sqrt": _l1_sqrt, "L2": _l2, "L2-Hys": _l2_hys}
