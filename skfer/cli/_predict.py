"""``skfer predict IMAGE...``: the emotion of every face in photos."""

import json

from ..faces import extract_faces
from ._models import class_names


def predict(model, images, *, as_json=False):
    """Print, per face, the top emotion and the probabilities; return them."""
    faces = extract_faces(images)
    proba = model.predict_proba(faces.data) if len(faces.data) else []
    names = class_names(model)
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
    head = f"{'image':<28}{'face box (row,col,h,w)':<24}{'emotion':<10}"
    lines = [head + "".join(f"{n[:8]:>9}" for n in names)]
    for result in results:
        if not result["faces"]:
            lines.append(f"{result['image']:<28}no face found")
        for face in result["faces"]:
            box = ",".join(str(v) for v in face["box"].values())
            probs = "".join(f"{face['probabilities'][n]:9.2f}" for n in names)
            lines.append(f"{result['image']:<28}{box:<24}{face['emotion']:<10}{probs}")
    return "\n".join(lines)
