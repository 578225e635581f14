"""``skfer train``: fit a named model on FER2013 data and save it."""

import time

from ..models import build_model, save_model


def train(name, X, y, out, *, balance, augment, epochs, seed, width=None):
    """Fit, showing progress (epochs and time left for CNNs), and save.

    joblib, or skops for a ``.skops`` name; written to a temporary file and
    renamed, so a failed save leaves any earlier ``out`` whole."""
    callbacks = [] if name == "hog-svm" else [_epoch_progress(epochs)]
    params = {} if name == "hog-svm" else dict(
        augment=augment, epochs=epochs, width=width, callbacks=callbacks
    )
    model = build_model(name, balance=balance, random_state=seed, **params)
    print(
        f"training {name} on {len(y)} images"
        f"{' (balanced by augmentation)' if balance else ''}...",
        flush=True,
    )
    start = time.perf_counter()
    model.fit(X, y)
    print(f"trained in {time.perf_counter() - start:.0f} s")
    # The progress bar is not part of the model: save_model leaves it out.
    save_model(model, out, overwrite=True)
    print(f"saved {out}")
    return model


def _epoch_progress(epochs):
    import keras

    class EpochProgress(keras.callbacks.Callback):
        """Keras' own progress bar, one step per epoch: shows the time left."""

        def on_train_begin(self, logs=None):
            self.bar = keras.utils.Progbar(epochs, unit_name="epoch")

        def on_epoch_end(self, epoch, logs=None):
            shown = ("loss", "accuracy", "val_loss", "val_accuracy")
            self.bar.update(
                epoch + 1, [(k, v) for k, v in (logs or {}).items() if k in shown]
            )

        def on_train_end(self, logs=None):
            # Early stopping ends before `epochs`: close the bar's line.
            print(flush=True)

    return EpochProgress()
