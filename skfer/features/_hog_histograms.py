"""Cell histograms that keep skimage's single-precision roundings.

skimage's Cython loop adds each pixel's double-precision magnitude to a C
``float`` per cell and bin, in row-major order: ``t = float(double(t) +
m)``, a float32 rounding at every pixel. The descriptors inherit those
roundings, and in cells of one constant gradient they all go the same way:
an exact (float64) sum then drifts from skimage's by up to about
``area * 2**-26`` relative, 1e-6 for 8 x 8 cells, more for larger ones.
Repeating skimage's additions one pixel position at a time is exact, but
takes about as long as all the rest.

The histograms here are float32 sums in skimage's order, one ``np.add.at``
per chunk. Its operands must be float32 for it to be fast, and rounding
each magnitude to the nearest float32 would round twice, which drifts twice
as much. Each magnitude is rounded *to odd* instead (toward zero, then the
last bit set when inexact): that keeps what decides ties, so whenever the
running sum is at least four times the magnitude (above float32's
subnormals), ``t + round_to_odd(m)`` in float32 rounds exactly like
``t + m``. skimage rounds ``t + m`` to double first, which can only differ
when the double lands exactly on a float32 tie (some 28 particular bits of
``m``).

So only steps where a magnitude exceeds a quarter of the running sum -- the
first pixels of a bin, or a pixel that outweighs all the ones before it --
can round differently, by one float32 step of that partial sum; and each
such step grows the sum by a quarter at least, so that together they stay
within a few float32 steps of the final sum. The tests hold every bin to
2**-21 (4.8e-7) relative of skimage's; searches for adversarial magnitudes,
constant or chosen greedily, found 2**-22 at worst, whatever the cell size.
Most bins are identical to skimage's.
"""

import numpy as np


def round_to_odd(magnitudes, out):
    """Round non-negative float64 ``magnitudes`` to float32, to odd.

    Toward zero, then the last bit set when the result is inexact. Values
    that round to zero or overflow to infinity keep the nearest rounding,
    as skimage's additions give the same sums with them (nothing, or
    infinity).

    Parameters
    ----------
    magnitudes : ndarray of float64
        Non-negative or infinite values.
    out : ndarray of float32
        Where to write, same shape.

    Returns
    -------
    out : ndarray of float32
    """
    with np.errstate(over="ignore"):
        np.copyto(out, magnitudes, casting="same_kind")
    # Exact float64 comparisons: rounded up or not exactly representable.
    rounded_up = out > magnitudes
    inexact = out != magnitudes
    keep = np.isfinite(out) & (out != 0)
    bits = out.view(np.int32)
    # Positive floats are ordered like their bit patterns: minus one is the
    # next float toward zero.
    bits -= rounded_up & keep
    bits |= inexact & keep
    return out


def slot_bases(n_images, shape, pixels_per_cell, n_slots):
    """First histogram slot of each pixel's cell, for ``(n, height, width)``.

    ``shape`` is the part of the image that whole cells cover. Cells are
    numbered (image, cell row, cell column), each with ``n_slots``
    consecutive slots.
    """
    c_row, c_col = pixels_per_cell
    n_row, n_col = shape[0] // c_row, shape[1] // c_col
    image = np.arange(n_images, dtype=np.intp)[:, None, None] * (n_row * n_col)
    cell_row = (np.arange(shape[0], dtype=np.intp) // c_row)[:, None] * n_col
    cell_col = np.arange(shape[1], dtype=np.intp) // c_col
    return (image + cell_row + cell_col) * n_slots


def cell_histograms(slots, values, shape, cell_area, workspace, out=None):
    """Sum ``values`` into their ``slots`` in float32, divide by the area.

    Parameters
    ----------
    slots : ndarray of intp, 1-D
        Slot of each pixel: cell ``k``, bin ``b`` is slot
        ``k * (orientations + 1) + b``; bin ``orientations`` collects the
        pixels in no bin. Pixels of a cell in row-major order.
    values : ndarray of float32, 1-D
        Magnitude of each pixel, rounded to odd (:func:`round_to_odd`).
    shape : tuple of int
        ``(n_images, n_cells_row, n_cells_col, orientations)``.
    cell_area : int
        Pixels per cell.
    workspace : Workspace
        Scratch memory.
    out : ndarray of shape ``shape``, float32, optional
        Where to write the histograms (by default, workspace memory).

    Returns
    -------
    histograms : ndarray of shape ``shape``, float32
    """
    n, n_row, n_col, orientations = shape
    totals = workspace("totals", (n * n_row * n_col * (orientations + 1),), np.float32)
    totals.fill(0)
    # Unbuffered and in index order: each slot gets its pixels one by one,
    # in the order skimage adds them.
    np.add.at(totals, slots, values)
    totals = totals.reshape(n, n_row, n_col, orientations + 1)[..., :orientations]
    # ``float total / int area`` is a single-precision division in C.
    if out is None:
        out = workspace("histograms", shape, np.float32)
    return np.divide(totals, np.float32(cell_area), out=out)
