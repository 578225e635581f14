"""Scratch memory shared by the steps of the batched HOG.

Every chunk of a batch goes through the same steps with arrays of the same
shapes. Fresh multi-megabyte arrays at every step of every chunk cost page
faults that take about as long as the arithmetic itself; keeping the memory
in one place, by name, makes them a one-off.
"""

import math

import numpy as np


class Workspace:
    """Named scratch arrays, reused by every chunk of a batch.

    Calling the workspace with a name, a shape and a dtype returns an
    uninitialised array, carved out of the memory last used under that name
    (grown when too small). Arrays under different names never overlap.
    """

    def __init__(self):
        self._memory = {}
        self._constants = {}

    def __call__(self, name, shape, dtype):
        dtype = np.dtype(dtype)
        n_bytes = math.prod(shape) * dtype.itemsize
        memory = self._memory.get(name)
        if memory is None or memory.size < n_bytes:
            # float64 storage keeps every view aligned for any dtype used.
            memory = np.empty(-(-n_bytes // 8), dtype=np.float64).view(np.uint8)
            self._memory[name] = memory
        return memory[:n_bytes].view(dtype).reshape(shape)

    def constant(self, key, build):
        """``build()``, computed once per ``key`` and kept for later chunks.

        The caller must not write to the array it gets back.
        """
        if key not in self._constants:
            self._constants[key] = build()
        return self._constants[key]
