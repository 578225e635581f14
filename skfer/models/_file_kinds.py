"""What a file is, from its first bytes: checked before anything unpickles it."""

# Pickle protocols 2 to 5 start with PROTO; joblib's compressed files with the
# magic number of their compressor (joblib/compressor.py), "ZF" before 0.9.3.
_PICKLE = [bytes([0x80, protocol]) for protocol in range(2, 6)]
_JOBLIB_COMPRESSED = [
    b"\x78",
    b"\x1f\x8b",
    b"BZ",
    b"\xfd\x37\x7a\x58\x5a",
    b"\x5d\x00",
    b"\x04\x22\x4d\x18",
    b"ZF",
]
# Files users mistake for models, named in the error.
_OTHER_KINDS = [
    (b"\x93NUMPY", "a NumPy .npy array"),
    (b"\x89HDF", "an HDF5 file (a Keras .h5 network?)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
]


def file_kind(path):
    """``"pickle"``, ``"zip"`` or a description of what else the file is."""
    with open(path, "rb") as f:
        head = f.read(8)
    if not head:
        return "an empty file"
    if any(head.startswith(p) for p in _PICKLE + _JOBLIB_COMPRESSED):
        return "pickle"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    for magic, kind in _OTHER_KINDS:
        if head.startswith(magic):
            return kind
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "not a joblib or pickle file"
    return "a text file"
