#!/usr/bin/env bash
# Train with the recipe on the accelerator machine (device tool), from the
# repository root, with .whl/ and .devdata/ carried along:
#   run(command="OUT=$OUT BUDGET=480 bash benchmarks/accelerator/run.sh",
#       carry=[".whl", ".devdata"], timeout_s=580)
# Writes the per-epoch checkpoint, the shipping file and the log to $OUT.
set -euo pipefail
: "${OUT:?set OUT}" "${BUDGET:=480}" "${KERAS_BACKEND:=torch}"
export KERAS_BACKEND
# Batches are augmented in this many processes, so the GPU is not kept waiting.
export SKFER_DATA_WORKERS="${WORKERS:-8}"
python -m pip install -q --no-index --find-links .whl -r benchmarks/accelerator/requirements.txt
python benchmarks/accelerator/pack_data.py unpack --out .devdata
nvidia-smi --query-gpu=name,memory.used --format=csv,noheader || true
# A checkpoint of an earlier run (same backend), copied to .devdata/resume.ckpt,
# is continued exactly.
RESUME=()
[ -f .devdata/resume.ckpt ] && RESUME=(--resume ../.devdata/resume.ckpt)
cd benchmarks
PYTHONPATH=.. python train_pretrained.py --data ../.devdata --no-report \
    --labels "${LABELS:-7}" --model "${MODEL:-cnn2}" --width "${WIDTH:-48}" --augment \
    --epochs "${EPOCHS:-120}" --batch-size "${BATCH:-128}" --seed 0 \
    --set lr_schedule=cosine --set warmup_epochs=3 --set optimizer=sgd \
    --set optimizer__learning_rate=0.1 --set optimizer__momentum=0.9 \
    --set optimizer__nesterov=True --set weight_decay=5e-4 \
    --set label_smoothing=0.1 --set ema_momentum=0.999 \
    --set model__dropout=0.1 --set patience=None \
    --time-budget "$BUDGET" --checkpoint "$OUT/run.ckpt" \
    --out "$OUT/model.joblib" "${RESUME[@]}" 2>&1 | tee "$OUT/train.log"
