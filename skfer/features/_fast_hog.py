"""Batched HOG that reproduces ``skimage.feature.hog`` with vectorised numpy.

:func:`skimage.feature.hog` handles one image per call and spends most of
its time in a Cython loop that walks every cell once per orientation bin.
:func:`hog_batch` computes the same descriptors for a whole stack of
images at once. It follows skimage's arithmetic step by step, because
"close" is not enough for a drop-in replacement:

* gradients use skimage's central differences, zero on the border rows
  and columns, in the image's float type (float32 stays float32);
* the orientation of a pixel is ``rad2deg(arctan2(g_row, g_col)) % 180``
  and bin ``i`` holds ``180 / n * i <= orientation < 180 / n * (i + 1)``
  with exactly the double-precision edges the Cython loop compares with;
* each cell's bin is accumulated in **single precision**, pixel by pixel
  in row-major order, then divided by the cell area in single precision,
  because the Cython accumulator is a C ``float``;
* blocks are normalised in double precision with skimage's ``eps``.

Integer images (8-bit, or of a range up to 255) therefore get skimage's
descriptors bit for bit: their magnitudes and bins come from a table
filled by the very numpy calls skimage makes. Float images differ in one
respect: magnitudes are ``sqrt(x*x + y*y)`` rather than the much slower
``np.hypot``, which may be one ulp off; a float32 accumulator rarely notices
it, and when it does the descriptors move by one float32 rounding step
(below 1e-7).
"""

import functools
import math

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from skimage.feature import hog

# Pixels per chunk: 2**20 (455 images of 48 x 48) keeps the scratch arrays
# near 15 MB for integer images and 75 MB for float ones, whatever the
# batch size. On FER2013 larger chunks were no faster, and smaller ones pay
# more per-call overhead in the pixel-position loop of ``_cell_histograms``.
_CHUNK_PIXELS = 2**20

# skimage's default ``eps`` of ``_hog_normalize_block``.
_EPS = 1e-5

# Integer gradients of 8-bit images lie in [-255, 255], so their magnitude
# and bin can be looked up instead of computed (exactly, since the table is
# filled by the same numpy functions skimage calls).
_LUT_RADIUS = 255
_LUT_SIDE = 2 * _LUT_RADIUS + 1
_LUT_CENTRE = _LUT_RADIUS * _LUT_SIDE + _LUT_RADIUS


def hog_batch(
    images,
    *,
    orientations,
    pixels_per_cell,
    cells_per_block,
    block_norm,
    transform_sqrt,
):
    """HOG descriptors of a stack of gray images, equal to ``skimage.feature.hog``.

    Parameters
    ----------
    images : ndarray of shape (n_images, height, width)
        Gray images, integer, boolean or floating point.
    orientations : int
        Number of orientation bins.
    pixels_per_cell : tuple of (int, int)
        Size of a cell in pixels.
    cells_per_block : tuple of (int, int)
        Number of cells in each block.
    block_norm : {"L1", "L1-sqrt", "L2", "L2-Hys"}
        Block normalisation method.
    transform_sqrt : bool
        Apply power law compression (square root) before processing.

    Returns
    -------
    descriptors : ndarray of shape (n_images, n_features)
        Row ``i`` equals ``skimage.feature.hog(images[i], ...)`` with the
        same parameters, in the dtype skimage returns: float32 for float16
        and float32 images, float64 otherwise.

    Raises
    ------
    ValueError
        If ``images`` is not 3-D, or an image is too small for one block.

    Notes
    -----
    Images go through in chunks of about a million pixels, so memory stays
    bounded by the output plus some 15 MB (75 MB for float images).
    Complex and object images, unknown ``block_norm`` values, and chunks
    with NaN or infinite pixels (after ``transform_sqrt``) are passed to
    ``skimage.feature.hog`` one image at a time instead.

    Examples
    --------
    >>> import numpy as np
    >>> from skimage.feature import hog
    >>> from skfer.features._fast_hog import hog_batch
    >>> images = np.random.default_rng(0).integers(0, 256, (3, 48, 48), np.uint8)
    >>> params = dict(orientations=9, pixels_per_cell=(8, 8),
    ...               cells_per_block=(3, 3), block_norm="L2-Hys",
    ...               transform_sqrt=False)
    >>> X = hog_batch(images, **params)
    >>> X.shape
    (3, 1296)
    >>> bool(np.array_equal(X, np.stack([hog(im, **params) for im in images])))
    True
    """
    images = np.asarray(images)
    if images.ndim != 3:
        raise ValueError(
            f"images must be a 3-D array (n_images, height, width), got shape "
            f"{images.shape}."
        )
    params = dict(
        orientations=int(orientations),
        pixels_per_cell=tuple(int(p) for p in pixels_per_cell),
        cells_per_block=tuple(int(b) for b in cells_per_block),
        block_norm=block_norm,
        transform_sqrt=bool(transform_sqrt),
    )
    if images.dtype.kind not in "biuf" or block_norm not in _NORMALISERS:
        # Complex, object or string images, and unknown norms: let skimage
        # accept or reject them with its own messages.
        return _skimage_loop(images, params)
    n_features = _n_features(images.shape[1:], **params)
    out = np.empty((len(images), n_features), dtype=_float_dtype(images.dtype))
    step = max(1, _CHUNK_PIXELS // max(1, images.shape[1] * images.shape[2]))
    workspace = _Workspace()
    for start in range(0, len(images), step):
        chunk = slice(start, start + step)
        _hog_chunk(images[chunk], params, workspace, out[chunk])
    return out


def _skimage_loop(images, params):
    return np.stack([hog(image, **params) for image in images])


def _float_dtype(dtype):
    # skimage's ``_supported_float_type``, keyed like it on the type
    # character (so byte order does not matter): float32 is kept, float16 is
    # promoted to float32, everything else computes in float64.
    return np.float32 if np.dtype(dtype).char in "ef" else np.float64


def _n_features(image_shape, *, orientations, pixels_per_cell, cells_per_block, **_):
    n_cells = np.array(image_shape) // np.array(pixels_per_cell)
    n_blocks = n_cells - np.array(cells_per_block) + 1
    if np.any(n_blocks <= 0):
        min_row, min_col = np.multiply(cells_per_block, pixels_per_cell)
        # Same message as skimage, which raises it for the same shapes.
        raise ValueError(
            "The input image is too small given the values of "
            "pixels_per_cell and cells_per_block. "
            "It should have at least: "
            f"{min_row} rows and {min_col} cols."
        )
    return int(np.prod(n_blocks)) * int(np.prod(cells_per_block)) * orientations


class _Workspace:
    """Named scratch arrays, reused by every chunk of a batch.

    Fresh multi-megabyte arrays at every step of every chunk cost page
    faults that take about as long as the arithmetic itself; reusing the
    memory makes them a one-off.
    """

    def __init__(self):
        self._memory = {}

    def __call__(self, name, shape, dtype):
        dtype = np.dtype(dtype)
        n_bytes = math.prod(shape) * dtype.itemsize
        memory = self._memory.get(name)
        if memory is None or memory.size < n_bytes:
            # float64 storage keeps every view aligned for any dtype used.
            memory = np.empty(-(-n_bytes // 8), dtype=np.float64).view(np.uint8)
            self._memory[name] = memory
        return memory[:n_bytes].view(dtype).reshape(shape)


def _hog_chunk(images, params, workspace, out):
    """Write the descriptors of a chunk of images into the rows ``out``."""
    orientations = params["orientations"]
    pixels_per_cell = params["pixels_per_cell"]
    if _fits_lookup_table(images, params["transform_sqrt"]):
        steps = _lookup_steps(images, pixels_per_cell, orientations, workspace)
    else:
        pixels = _pixels_last(images, _float_dtype(images.dtype), workspace)
        if params["transform_sqrt"]:
            np.sqrt(pixels, out=pixels)
        if not np.isfinite(pixels).all():
            # NaN orientations fall in every bin of skimage's loop, and inf
            # gradients give NaN; reproducing that is not worth a fast path.
            out[...] = _skimage_loop(images, params)
            return
        g_row, g_col = _gradients(pixels, workspace)
        g_row = _cell_major(g_row, pixels_per_cell, workspace, "row")
        g_col = _cell_major(g_col, pixels_per_cell, workspace, "col")
        magnitude = _magnitude(g_row, g_col, workspace)
        bins = _orientation_bins(g_row, g_col, orientations, workspace)
        steps = zip(bins, magnitude)
    histograms = _cell_histograms(
        steps,
        (len(images), *_n_cells(images.shape[1:], pixels_per_cell), orientations),
        math.prod(pixels_per_cell),
        workspace,
    )
    _normalised_blocks(
        histograms, params["cells_per_block"], params["block_norm"], workspace, out
    )


def _n_cells(image_shape, pixels_per_cell):
    return tuple(int(s // c) for s, c in zip(image_shape, pixels_per_cell))


def _pixels_last(images, dtype, workspace):
    """Copy ``(n, h, w)`` images to ``(h, w, n)`` in ``dtype``.

    With the image index innermost, every later step -- differences of
    neighbouring rows or columns, regrouping pixels by cell -- moves long
    contiguous runs of memory instead of runs of a few pixels.
    """
    out = workspace("pixels", images.shape[1:] + images.shape[:1], dtype)
    np.copyto(out, images.transpose(1, 2, 0), casting="unsafe")
    return out


def _gradients(image, workspace):
    """skimage's ``_hog_channel_gradient`` for ``(h, w, n)`` images."""
    g_row = workspace("g_row", image.shape, image.dtype)
    g_col = workspace("g_col", image.shape, image.dtype)
    # Differences in the image's own dtype, as skimage takes them; border
    # rows and columns are zero, and so is all of an image one pixel high
    # or wide (the interior slices are then empty).
    g_row[0] = g_row[-1] = 0
    g_col[:, 0] = g_col[:, -1] = 0
    np.subtract(image[2:], image[:-2], out=g_row[1:-1])
    np.subtract(image[:, 2:], image[:, :-2], out=g_col[:, 1:-1])
    return g_row, g_col


def _cell_major(pixels, pixels_per_cell, workspace, name):
    """Regroup ``(h, w, n)`` pixels as float64 ``(c_row * c_col, n_cells)``.

    Row ``k`` holds, for every cell of every image, the cell's ``k``-th pixel
    in row-major order -- the order in which skimage accumulates a cell --
    so that the accumulation is one vectorised step per pixel position.
    Cells are ordered (cell row, cell column, image). Pixels right of or
    below the last whole cell are dropped, as skimage ignores them.
    """
    c_row, c_col = pixels_per_cell
    n_row, n_col = _n_cells(pixels.shape[:2], pixels_per_cell)
    n = pixels.shape[2]
    cells = pixels[: n_row * c_row, : n_col * c_col].reshape(
        n_row, c_row, n_col, c_col, n
    )
    out = workspace(name, (c_row, c_col, n_row, n_col, n), np.float64)
    np.copyto(out, cells.transpose(1, 3, 0, 2, 4))
    return out.reshape(c_row * c_col, n_row * n_col * n)


def _magnitude(g_row, g_col, workspace):
    # np.hypot is a scalar libm call (about 17 ns a pixel); the square root
    # of the sum of squares is within one ulp of it and ten times faster.
    # Where the squares overflow (or underflow), the magnitude is beyond
    # (or below) float32's range, so skimage's float32 accumulator turns it
    # into the same inf (or nothing) either way.
    magnitude = workspace("magnitude", g_row.shape, np.float64)
    scratch = workspace("theta", g_row.shape, np.float64)
    with np.errstate(over="ignore", under="ignore"):
        np.square(g_row, out=magnitude)
        magnitude += np.square(g_col, out=scratch)
    return np.sqrt(magnitude, out=magnitude)


def _bin_edges(orientations):
    # The Cython loop compares with ``180. / n * i`` computed in double,
    # which is not always ``180 * i / n``; an extra +inf edge stands above
    # the last bin, for the pixels that fall in none.
    per_bin = 180.0 / orientations
    edges = [per_bin * i for i in range(orientations + 1)]
    return np.array(edges + [np.inf])


def _orientation_bins(g_row, g_col, orientations, workspace):
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
    _bin_edges(orientations)[1:].take(bins, out=edge, mode="clip")
    bins += np.greater_equal(theta, edge, out=mask)
    return bins


@functools.lru_cache(maxsize=8)
def _lookup_table(orientations):
    """Bin and magnitude of every integer gradient pair in [-255, 255]**2.

    Indexed by ``(g_row + 255) * 511 + (g_col + 255)``. Filled with the
    very ufuncs skimage applies (``np.hypot``, ``np.arctan2``, ``%``) on
    contiguous arrays, so the entries are skimage's values.
    """
    grid = np.arange(-_LUT_RADIUS, _LUT_RADIUS + 1, dtype=np.float64)
    g_row, g_col = (g.ravel() for g in np.meshgrid(grid, grid, indexing="ij"))
    magnitude = np.hypot(g_col, g_row)
    theta = np.rad2deg(np.arctan2(g_row, g_col)) % 180
    # ``searchsorted`` counts the edges at or below each angle: the very
    # comparisons of the Cython loop (``orientation >= start`` skips).
    edges = _bin_edges(orientations)[1:-1]
    bins = np.searchsorted(edges, theta, side="right")
    bins = bins.astype(np.min_scalar_type(orientations))
    magnitude.setflags(write=False)
    bins.setflags(write=False)
    return bins, magnitude


def _fits_lookup_table(images, transform_sqrt):
    # Integer gradients within [-255, 255]: 8-bit and boolean images, or any
    # integer image with a small range whose values convert exactly to
    # float64 (below 2**53), as skimage converts them before differencing.
    if transform_sqrt or images.dtype.kind not in "biu" or images.size == 0:
        return False
    if images.dtype.itemsize == 1:
        return True
    low, high = int(images.min()), int(images.max())
    return high - low <= _LUT_RADIUS and max(-low, high) < 2**53


def _lookup_steps(images, pixels_per_cell, orientations, workspace):
    """Bins and magnitudes of integer images, one pixel position at a time.

    Yields, for each pixel position of a cell in row-major order, the bin
    and the magnitude of that pixel in every cell, cells ordered (cell row,
    cell column, image). The arrays are overwritten at the next position;
    producing them position by position keeps them in cache for
    ``_cell_histograms`` instead of writing all of them out first.
    """
    if images.dtype.itemsize > 1:
        # Shift wide integers into [0, 255] so that they fit int16; the
        # differences, hence the gradients, do not change.
        images = images - images.min()
    g_row, g_col = _gradients(_pixels_last(images, np.int16, workspace), workspace)
    code = workspace("code", g_row.shape, np.int32)
    np.multiply(g_row, _LUT_SIDE, out=code, dtype=np.int32)
    code += g_col
    code += _LUT_CENTRE
    table_bins, table_magnitude = _lookup_table(orientations)
    c_row, c_col = pixels_per_cell
    n_row, n_col = _n_cells(images.shape[1:], pixels_per_cell)
    shape = (n_row, n_col, len(images))
    index = workspace("index", shape, np.intp)
    bins = workspace("bins", shape, table_bins.dtype)
    magnitude = workspace("magnitude", shape, np.float64)
    for row in range(c_row):
        rows = code[row : n_row * c_row : c_row]
        for col in range(c_col):
            # ``take`` would convert int32 indices to intp anyway; doing it
            # here gathers the strided pixels at the same time.
            np.copyto(index, rows[:, col : n_col * c_col : c_col], casting="unsafe")
            # The indices are in range by construction; mode="clip" spares
            # ``take`` the buffered copy it makes for ``out`` with "raise".
            table_bins.take(index, out=bins, mode="clip")
            table_magnitude.take(index, out=magnitude, mode="clip")
            yield bins.reshape(-1), magnitude.reshape(-1)


def _cell_histograms(steps, shape, cell_area, workspace):
    """Per-cell orientation histograms, bit for bit as skimage's Cython loop.

    Parameters
    ----------
    steps : iterable of (ndarray, ndarray)
        For each pixel position of a cell, in row-major order: the bin
        (``orientations`` for none) and the float64 magnitude of that pixel
        in every cell, each of shape ``(n_cells,)``, cells ordered (cell
        row, cell column, image).
    shape : tuple of int
        ``(n_images, n_cells_row, n_cells_col, orientations)``.
    cell_area : int
        Pixels per cell.
    workspace : _Workspace
        Scratch memory.

    Returns
    -------
    histograms : ndarray of shape ``shape``, float64
    """
    n, n_row, n_col, orientations = shape
    n_cells = n * n_row * n_col
    n_slots = orientations + 1  # the last slot collects pixels in no bin
    first_slots = np.arange(0, n_cells * n_slots, n_slots)
    totals = workspace("totals", (n_cells * n_slots,), np.float32)
    totals.fill(0)
    slots = workspace("slots", (n_cells,), np.intp)
    partial = workspace("partial", (n_cells,), np.float32)
    # Sequential: skimage adds each double magnitude to a C float in
    # row-major order, rounding to float32 after every addition. A cell
    # receives one pixel per step, so the slots of a step are distinct.
    # (Slots are in range by construction; "wrap" is the cheapest mode.)
    for step_bins, step_magnitude in steps:
        np.add(step_bins, first_slots, out=slots)
        totals.take(slots, out=partial, mode="wrap")
        np.add(partial, step_magnitude, out=partial, casting="unsafe")
        totals[slots] = partial
    totals = totals.reshape(n_row, n_col, n, n_slots)[..., :orientations]
    # ``float total / int area`` is a single-precision division in C; the
    # images move back to the front on the way.
    histograms = workspace("histograms", shape, np.float64)
    np.divide(
        totals,
        np.float32(cell_area),
        out=histograms.transpose(1, 2, 0, 3),
        dtype=np.float32,
        casting="unsafe",
    )
    return histograms


def _normalised_blocks(histograms, cells_per_block, block_norm, workspace, out):
    """Normalised blocks of ``(n, cells_row, cells_col, orientations)`` histograms.

    Each block is flattened in skimage's ``(b_row, b_col, orientation)``
    order, normalised with ``block_norm`` and written to the rows ``out``
    (directly when they are float64, which saves a pass).
    """
    b_row, b_col = cells_per_block
    windows = sliding_window_view(histograms, (b_row, b_col), axis=(1, 2))
    # (n, blocks_row, blocks_col, orientations, b_row, b_col) -> skimage order
    windows = windows.transpose(0, 1, 2, 4, 5, 3)
    if out.dtype == np.float64:
        blocks = out.reshape(windows.shape)
    else:
        blocks = workspace("blocks", windows.shape, np.float64)
    np.copyto(blocks, windows)
    blocks = blocks.reshape(*blocks.shape[:3], -1)
    scratch = workspace("block_scratch", blocks.shape, np.float64)
    _NORMALISERS[block_norm](blocks, scratch)
    if out.dtype != np.float64:
        out[...] = blocks.reshape(out.shape)


# The normalisers work in place. Each block is one contiguous row, summed as
# skimage sums its contiguous ``np.abs(block)`` or ``block**2`` (numpy's
# pairwise summation), so the sums are bit for bit the same.


def _l1(blocks, scratch):
    # Histograms are sums of magnitudes, never negative: ``abs`` is a no-op.
    blocks /= blocks.sum(axis=-1, keepdims=True) + _EPS


def _l1_sqrt(blocks, scratch):
    _l1(blocks, scratch)
    np.sqrt(blocks, out=blocks)


def _l2(blocks, scratch):
    norms = np.square(blocks, out=scratch).sum(axis=-1, keepdims=True)
    blocks /= np.sqrt(norms + _EPS**2)


def _l2_hys(blocks, scratch):
    _l2(blocks, scratch)
    np.minimum(blocks, 0.2, out=blocks)
    _l2(blocks, scratch)


_NORMALISERS = {"L1": _l1, "L1-sqrt": _l1_sqrt, "L2": _l2, "L2-Hys": _l2_hys}
