"""``skfer predict IMAGE...``: the emotion of every face in photos."""

import json

import numpy as np

from ..datasets import class_names
from ..faces import extract_faces


def predict(model, images, *, as_json=False):
    """Print, per face, the top emotion and the probabilities; return them."""
    if not hasattr(model, "predict_proba"):
        raise ValueError(
            f"the model ({type(model).__name__}) has no predict_proba: skfer "
            f"predict prints probabilities (train with `skfer train`, or wrap a "
            f"classifier in sklearn.calibration.CalibratedClassifierCV)."
        )
    faces = extract_faces(images)
    proba = np.reshape(model.predict_proba(faces.data), (len(faces.data), -1))
    names = class_names(model.classes_)
    results = [{"image": name, "faces": []} for name in faces.names]
    for i, (p, box) in enumerate(zip(proba, faces.boxes)):
        results[faces.source[i]]["faces"].append(
            {
                "box": dict(zip(("row", "col", "height", "width"), map(int, box))),
                "emotion": names[int(p.argmax())],
                "probabilities": {n: round(float(v), 4) for n, v in zip(names, p)},
            }
        )
    print(json.dumps(results, indent=2) if as_json else _table(results, names))
    return results


def _table(results, names):
    w = max(len("image"), *(len(r["image"]) for r in results)) + 2
    head = f"{'image':<{w}}{'face box (row,col,h,w)':<24}{'emotion':<10}"
    lines = [head + "".join(f"{n[:8]:>9}" for n in names)]
    for result in results:
        if not result["faces"]:
            lines.append(f"{result['image']:<{w}}no face found")
        for face in result["faces"]:
            box = ",".join(str(v) for v in face["box"].values())
            probs = "".join(f"{face['probabilities'][n]:9.2f}" for n in names)
            emotion = face["emotion"]
            lines.append(f"{result['image']:<{w}}{box:<24}{emotion:<10}{probs}")
    return "\n".join(lines)
