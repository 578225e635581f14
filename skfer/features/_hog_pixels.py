"""Orientation bin and magnitude of every pixel of a chunk of images.

Both are what skimage's Cython loop sees for each pixel: central
differences, zero on the border rows and columns, taken in the image's
float type, then ``hypot`` and ``rad2deg(arctan2(g_row, g_col)) % 180`` in
double precision; bin ``i`` holds ``180 / n * i <= orientation < 180 / n *
(i + 1)`` with the double-precision edges the loop compares with. Bins are
exactly skimage's. Magnitudes come out rounded to odd in float32, as
``_hog_histograms`` wants them.

Images of small integers (8-bit ones above all) have integer gradients in
[-255, 255]: their bin and magnitude come from a table, filled once by the
very numpy calls skimage makes. Other images compute both, with the
magnitude as ``sqrt(x*x + y*y)`` rather than the much slower ``np.hypot``:
the two may differ by one double-precision ulp, which rounded to float32
changes nothing or, rarely, one pixel's magnitude by one float32 step.

The output is, per pixel of the whole cells in row-major order: the
histogram slot (``_hog_histograms.cell_histograms``) and the magnitude.
"""

import functools
import sys

import numpy as np

from ._hog_histograms import round_to_odd, slot_bases

# Integer gradient pairs in [-255, 255]**2 index the table as
# ``511 * g_row + g_col + _LUT_CENTRE``.
_LUT_RADIUS = 255
_LUT_SIDE = 2 * _LUT_RADIUS + 1
_LUT_CENTRE = _LUT_RADIUS * _LUT_SIDE + _LUT_RADIUS
# The table packs a pixel's bin in the high 32 bits of an int64 and the
# float32 bits of its magnitude in the low ones: one gather fetches both.
# Which float32 of the pair is the low word depends on the byte order.
_LOW_WORD = 0 if sys.byteorder == "little" else 1
# Histogram slots travel in the high words, as non-negative int32.
_MAX_PACKED_SLOTS = 2**31


def whole_cells(image_shape, pixels_per_cell):
    """Height and width that whole cells cover; skimage ignores the rest."""
    return tuple(s // c * c for s, c in zip(image_shape, pixels_per_cell))


def bin_edges(orientations):
    """Lower bin edges as skimage computes them, plus two upper ones.

    The Cython loop compares with ``180. / n * i`` computed in double, which
    is not always ``180 * i / n``; the last finite edge is 180 or a hair
    below, and the extra +inf edge stands above the pixels in no bin.
    """
    per_bin = 180.0 / orientations
    edges = [per_bin * i for i in range(orientations + 1)]
    return np.array(edges + [np.inf])


def fits_lookup_table(images, transform_sqrt, n_slots):
    """Whether the gradients of ``images`` are integers in [-255, 255].

    True for 8-bit and boolean images, and integer images of a range up to
    255 whose values convert exactly to float64 (below 2**53), as skimage
    converts them before taking differences -- unless their ``n_slots``
    histogram slots would not fit the table's high words (images of
    millions of one-pixel cells).
    """
    if transform_sqrt or images.dtype.kind not in "biu" or images.size == 0:
        return False
    if n_slots >= _MAX_PACKED_SLOTS:
        return False
    if images.dtype.itemsize == 1:
        return True
    low, high = int(images.min()), int(images.max())
    return high - low <= _LUT_RADIUS and max(-low, high) < 2**53


@functools.lru_cache(maxsize=8)
def lookup_table(orientations):
    """Packed bin and magnitude of every integer gradient pair in [-255, 255]**2.

    Filled with the very ufuncs skimage applies (``np.hypot``,
    ``np.arctan2``, ``%``), so the entries are skimage's values (the
    magnitudes then rounded to odd in float32).
    """
    grid = np.arange(-_LUT_RADIUS, _LUT_RADIUS + 1, dtype=np.float64)
    g_row, g_col = (g.ravel() for g in np.meshgrid(grid, grid, indexing="ij"))
    magnitude = np.hypot(g_col, g_row)
    theta = np.rad2deg(np.arctan2(g_row, g_col)) % 180
    # ``searchsorted`` counts the edges at or below each angle: the very
    # comparisons of the Cython loop (``orientation >= start`` skips).
    bins = np.searchsorted(bin_edges(orientations)[1:-1], theta, side="right")
    magnitude32 = round_to_odd(magnitude, np.empty(magnitude.shape, np.float32))
    table = bins.astype(np.int64) << 32
    table |= magnitude32.view(np.uint32).astype(np.int64)
    table.setflags(write=False)
    return table


def lookup_slots(images, pixels_per_cell, orientations, workspace):
    """Slots and magnitudes of the pixels of small-integer images, by table.

    Returns
    -------
    slots : ndarray of intp, 1-D
    magnitudes : ndarray of float32, 1-D (a strided view)
    """
    n, height, width = images.shape
    rows, cols = whole_cells((height, width), pixels_per_cell)
    indices = _table_indices(images, workspace)[:, :rows, :cols]
    packed = workspace("packed", (n, rows, cols), np.int64)
    # In range by construction: "clip" spares ``take`` a buffered copy.
    lookup_table(orientations).take(indices, out=packed, mode="clip")
    # Cell slots added to the bins in the high words, then shifted down.
    packed += workspace.constant(
        ("lookup_bases", n, rows, cols, pixels_per_cell, orientations),
        lambda: slot_bases(n, (rows, cols), pixels_per_cell, orientations + 1) << 32,
    )
    slots = workspace("slots", (n * rows * cols,), np.intp)
    np.right_shift(packed.reshape(-1), 32, out=slots)
    return slots, packed.reshape(-1).view(np.float32)[_LOW_WORD::2]


def _table_indices(images, workspace):
    """``511 * g_row + g_col + _LUT_CENTRE`` of every pixel, int32 ``(n, h, w)``."""
    if images.dtype.itemsize > 1:
        # Shift wide integers into [0, 255]: the differences do not change.
        images = images - images.min()
    pixels = workspace("pixels", images.shape, np.int32)
    np.copyto(pixels, images, casting="unsafe")
    indices = workspace("indices", images.shape, np.int32)
    # 511 * g_row + centre; g_row is zero on the first and last rows.
    indices[:, 0] = indices[:, -1] = 0
    np.subtract(pixels[:, 2:], pixels[:, :-2], out=indices[:, 1:-1])
    indices *= _LUT_SIDE
    indices += _LUT_CENTRE
    # g_col along the flattened stack: one long run instead of a short one
    # per row, then zero where it straddled two rows (first, last column).
    g_col = workspace("g_col", images.shape, np.int32)
    flat = pixels.reshape(-1)
    np.subtract(flat[2:], flat[:-2], out=g_col.reshape(-1)[1:-1])
    g_col[:, :, 0] = g_col[:, :, -1] = 0
    indices += g_col
    return indices


def float_slots(
    images, dtype, transform_sqrt, pixels_per_cell, orientations, workspace
):
    """Slots and magnitudes of the pixels of any real images, computed.

    Returns
    -------
    slots : ndarray of intp, 1-D
    magnitudes : ndarray of float32, 1-D
        Or None for both when a pixel is NaN or infinite (after
        ``transform_sqrt``): NaN orientations fall in every bin of skimage's
        loop, and reproducing that is not worth a fast path.
    """
    n, height, width = images.shape
    pixels = workspace("pixels", images.shape, dtype)
    np.copyto(pixels, images, casting="unsafe")
    if transform_sqrt:
        np.sqrt(pixels, out=pixels)
    if not np.isfinite(pixels).all():
        return None, None
    rows, cols = whole_cells((height, width), pixels_per_cell)
    g_row, g_col = _gradients(pixels, (rows, cols), workspace)
    magnitude = _magnitudes(g_row, g_col, workspace)
    slots = orientation_bins(g_row, g_col, orientations, workspace)
    slots += workspace.constant(
        ("float_bases", n, rows, cols, pixels_per_cell, orientations),
        lambda: slot_bases(n, (rows, cols), pixels_per_cell, orientations + 1),
    )
    values = workspace("values", g_row.shape, np.float32)
    round_to_odd(magnitude, values)
    return slots.reshape(-1), values.reshape(-1)


def _magnitudes(g_row, g_col, workspace):
    """``sqrt(g_row**2 + g_col**2)`` in float64."""
    magnitude = workspace("magnitude", g_row.shape, np.float64)
    scratch = workspace("theta", g_row.shape, np.float64)
    # Where the squares overflow (or underflow), the magnitude is beyond (or
    # below) float32's range, and skimage's float32 sums give the same
    # infinity (or nothing) either way.
    with np.errstate(over="ignore", under="ignore"):
        np.square(g_row, out=magnitude)
        magnitude += np.square(g_col, out=scratch)
    return np.sqrt(magnitude, out=magnitude)


def _gradients(pixels, shape, workspace):
    """skimage's ``_hog_channel_gradient``, cropped to ``shape``, as float64.

    The differences are taken in the pixels' own dtype, as skimage takes
    them; skimage then converts them to double, and so do we. Border rows
    and columns are zero, and so is all of an image one pixel high or wide
    (the interior slices are then empty).
    """
    n = len(pixels)
    rows, cols = shape
    g_row = workspace("g_row", (n, *pixels.shape[1:]), pixels.dtype)
    g_col = workspace("g_col", (n, *pixels.shape[1:]), pixels.dtype)
    g_row[:, 0] = g_row[:, -1] = 0
    g_col[:, :, 0] = g_col[:, :, -1] = 0
    np.subtract(pixels[:, 2:], pixels[:, :-2], out=g_row[:, 1:-1])
    np.subtract(pixels[:, :, 2:], pixels[:, :, :-2], out=g_col[:, :, 1:-1])
    row64 = workspace("g_row64", (n, rows, cols), np.float64)
    col64 = workspace("g_col64", (n, rows, cols), np.float64)
    np.copyto(row64, g_row[:, :rows, :cols])
    np.copyto(col64, g_col[:, :rows, :cols])
    return row64, col64


def orientation_bins(g_row, g_col, orientations, workspace):
    """Bin of each pixel, ``orientations`` for pixels that fall in none.

    The orientation is ``rad2deg(arctan2(g_row, g_col)) % 180`` bit for bit,
    but without ``np.remainder`` (about 20 ns a pixel): the angle lies in
    [-180, 180], where the remainder is ``x + 180`` for negative ``x`` and 0
    for 180. (It maps ``-0.0`` to ``0.0``, which changes no comparison.)
    A pixel falls in no bin when its orientation is at or above the last
    double-precision edge, which may be a hair below 180.
    """
    theta = workspace("theta", g_row.shape, np.float64)
    mask = workspace("mask", g_row.shape, np.bool_)
    edge = workspace("edge", g_row.shape, np.float64)
    bins = workspace("bins", g_row.shape, np.intp)
    np.arctan2(g_row, g_col, out=theta)
    np.rad2deg(theta, out=theta)
    # 180 first: a tiny negative angle plus 180 rounds to 180, and stays so.
    np.copyto(theta, 0.0, where=np.equal(theta, 180.0, out=mask))
    np.add(theta, 180.0, out=theta, where=np.less(theta, 0.0, out=mask))
    # Scaled down by a hair (far more than rounding errors), the guess is
    # the bin or the one below, never above; one comparison with the upper
    # edge of the guessed bin settles it.
    np.multiply(theta, orientations / 180.0 * (1 - 1e-12), out=bins, casting="unsafe")
    bin_edges(orientations)[1:].take(bins, out=edge, mode="clip")
    bins += np.greater_equal(theta, edge, out=mask)
    return bins
