"""Batched HOG: ``skimage.feature.hog`` for a stack of images, vectorised.

:func:`skimage.feature.hog` handles one image per call and spends most of
its time in a Cython loop that walks every cell once per orientation bin.
:func:`hog_batch` computes the descriptors of a whole stack of images at
once, in chunks, in three steps, each in its own module:

* ``_hog_pixels``: every pixel's orientation bin and gradient magnitude
  (from a table for 8-bit images);
* ``_hog_histograms``: the cell histograms, summed in float32 in skimage's
  order so that they keep skimage's single-precision roundings;
* ``_hog_blocks``: block normalisation, all the blocks of a group of chunks
  at once.

How close to skimage the output is:

* bit for bit: the shape and dtype, the bin every pixel falls in, the
  descriptors of images without gradients (all zero), and those of the
  images that go through ``skimage.feature.hog`` itself -- complex or
  object pixels, unknown ``block_norm`` values, and chunks with a NaN or
  infinite pixel (after ``transform_sqrt``);
* every cell histogram is within 2**-21 (4.8e-7) relative of skimage's,
  and most are identical (see ``_hog_histograms``);
* every descriptor value is within 1e-6 of skimage's. The tests check it on
  random images and parameters, including cells of constant gradient,
  magnitudes over many orders and float images up to 1e30; the largest
  difference seen there is about 1.2e-7 (one float32 step, in float32
  descriptors), and 4.7e-8 on FER2013.
"""

import math

import numpy as np
from skimage.feature import hog

from ._hog_blocks import NORMS, normalised_blocks
from ._hog_histograms import cell_histograms
from ._hog_pixels import fits_lookup_table, float_slots, lookup_slots
from ._hog_workspace import Workspace

# Pixels per chunk: 2**17 (56 images of 48 x 48) keeps every per-pixel array
# of a chunk (about 2 MB for 8-bit images) in the processor's caches; on
# FER2013 both larger and smaller chunks were slower.
_CHUNK_PIXELS = 2**17
# Chunks per group, whose blocks are normalised together: the block step
# makes some twenty numpy calls whatever the number of images, and its
# arrays are a tenth of the per-pixel ones.
_GROUP_CHUNKS = 4


def hog_batch(
    images,
    *,
    orientations,
    pixels_per_cell,
    cells_per_block,
    block_norm,
    transform_sqrt,
    out=None,
):
    """HOG descriptors of a stack of gray images, as ``skimage.feature.hog``.

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
    out : ndarray of shape (n_images, n_features), optional
        Where to write the descriptors: C-contiguous, of
        :func:`descriptor_dtype`. By default a new array.

    Returns
    -------
    descriptors : ndarray of shape (n_images, n_features)
        Row ``i`` is ``skimage.feature.hog(images[i], ...)`` with the same
        parameters, within 1e-6 (see the module docstring), in the dtype
        skimage returns (:func:`descriptor_dtype`).

    Raises
    ------
    ValueError
        If ``images`` is not 3-D, an image is too small for one block, or
        ``out`` has the wrong shape or dtype.

    Notes
    -----
    Images go through in chunks of about 130,000 pixels (their blocks four
    chunks at a time), so memory stays bounded by the output plus some 10 MB.
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
    >>> expected = np.stack([hog(im, **params) for im in images])
    >>> bool(np.abs(X - expected).max() < 1e-6)
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
    if images.dtype.kind not in "biuf" or block_norm not in NORMS:
        # Complex, object or string images, and unknown norms: let skimage
        # accept or reject them with its own messages.
        descriptors = _skimage_loop(images, params)
        if out is None:
            return descriptors
        out[...] = descriptors
        return out
    out = _check_out(out, images, _n_features(images.shape[1:], **params))
    step = max(1, _CHUNK_PIXELS // max(1, images.shape[1] * images.shape[2]))
    workspace = Workspace()
    for start in range(0, len(images), step * _GROUP_CHUNKS):
        group = slice(start, start + step * _GROUP_CHUNKS)
        _hog_group(images[group], params, step, workspace, out[group])
    return out


def _skimage_loop(images, params):
    return np.stack([hog(image, **params) for image in images])


def descriptor_dtype(image_dtype):
    """The dtype of skimage's HOG descriptors of images of ``image_dtype``.

    skimage's ``_supported_float_type``, keyed like it on the type character
    (so byte order does not matter): float32 for float16 and float32 images,
    float64 for all others.
    """
    return np.float32 if np.dtype(image_dtype).char in "ef" else np.float64


def _check_out(out, images, n_features):
    shape = (len(images), n_features)
    dtype = descriptor_dtype(images.dtype)
    if out is None:
        return np.empty(shape, dtype=dtype)
    # Rows are written through reshaped views: they must be C-contiguous.
    if out.shape != shape or out.dtype != dtype or not out.flags.c_contiguous:
        raise ValueError(
            f"out must be a C-contiguous array of shape {shape} and dtype "
            f"{np.dtype(dtype).name}, got {out.shape} and {out.dtype.name}."
        )
    return out


def _n_features(image_shape, *, orientations, pixels_per_cell, cells_per_block, **_):
    n_blocks = np.array(_n_cells(image_shape, pixels_per_cell)) - cells_per_block + 1
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


def _n_cells(image_shape, pixels_per_cell):
    return tuple(int(s // c) for s, c in zip(image_shape, pixels_per_cell))


def _hog_group(images, params, step, workspace, out):
    """Write the descriptors of a group of images into the rows ``out``.

    Histograms are computed ``step`` images at a time, blocks all at once;
    chunks with a NaN or infinite pixel go to skimage's loop instead.
    """
    shape = (
        len(images),
        *_n_cells(images.shape[1:], params["pixels_per_cell"]),
        params["orientations"],
    )
    histograms = workspace("group_histograms", shape, np.float32)
    to_skimage = []
    for start in range(0, len(images), step):
        chunk = slice(start, start + step)
        done = _chunk_histograms(images[chunk], params, workspace, histograms[chunk])
        if done is None:
            histograms[chunk] = 0
            to_skimage.append(chunk)
    normalised_blocks(
        histograms, params["cells_per_block"], params["block_norm"], workspace, out
    )
    for chunk in to_skimage:
        out[chunk] = _skimage_loop(images[chunk], params)


def _chunk_histograms(images, params, workspace, out=None):
    """Float32 cell histograms of a chunk, or None if skimage must do it.

    Written to ``out``, of shape ``(n_images, n_cells_row, n_cells_col,
    orientations)``, when given.
    """
    orientations = params["orientations"]
    pixels_per_cell = params["pixels_per_cell"]
    shape = (len(images), *_n_cells(images.shape[1:], pixels_per_cell), orientations)
    n_slots = math.prod(shape[:3]) * (orientations + 1)
    if fits_lookup_table(images, params["transform_sqrt"], n_slots):
        slots, magnitudes = lookup_slots(
            images, pixels_per_cell, orientations, workspace
        )
    else:
        slots, magnitudes = float_slots(
            images,
            descriptor_dtype(images.dtype),
            params["transform_sqrt"],
            pixels_per_cell,
            orientations,
            workspace,
        )
        if slots is None:
            return None
    area = pixels_per_cell[0] * pixels_per_cell[1]
    return cell_histograms(slots, magnitudes, shape, area, workspace, out)
