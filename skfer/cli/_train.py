"""``skfer train``: fit a named model on FER2013 data and save it."""

import sys
import time

from ..models import build_model, final_estimator, save_model
from ..utils._progress import elapsed_bar


def train(name, X, y, out, *, balance, augment, epochs, seed, width=None):
    """Fit, showing progress, and save.

    On a terminal, CNNs show a bar with one step per epoch and the time left,
    other models the time spent and HOG's own bar; redirected, CNNs print
    Keras' plain line per epoch (``verbose=2``) and other models nothing.
    joblib, or skops for a ``.skops`` name; written to a temporary file and
    renamed, so a failed save leaves any earlier ``out`` whole.
    """
    is_keras = name != "hog-svm"
    callbacks, keras_verbose = keras_progress(epochs) if is_keras else ([], 0)
    params = dict(
        augment=augment, epochs=epochs, width=width, callbacks=callbacks
    ) if is_keras else {}
    model = build_model(name, balance=balance, random_state=seed, **params)
    final = final_estimator(model)
    print(
        f"training {name} on {len(y)} images"
        f"{' (balanced by augmentation)' if balance else ''}...",
        flush=True,
    )
    start = time.perf_counter()
    if is_keras:
        final.set_params(verbose=keras_verbose)
        model.fit(X, y)
        # Neither the progress display nor its verbosity belongs to the model.
        final.set_params(callbacks=None, verbose=0)
    else:
        hogs = _hog_steps(model)
        for hog in hogs:
            hog.set_params(verbose=1)
        with elapsed_bar(f"training {name}", verbose=True):
            model.fit(X, y)
        for hog in hogs:
            hog.set_params(verbose=0)
    print(f"trained in {time.perf_counter() - start:.0f} s")
    save_model(model, out, overwrite=True)
    print(f"saved {out}")
    return model


def keras_progress(epochs, stream=None):
    """``(callbacks, verbose)`` of a Keras fit printing to ``stream``.

    Keras' own bars rewrite their line with backspaces and colour codes even
    when redirected: only a terminal gets one (a step per epoch, with the time
    left); a file or pipe gets Keras' plain line per epoch.
    """
    stream = sys.stdout if stream is None else stream
    if getattr(stream, "isatty", lambda: False)():
        return [_epoch_progress(epochs)], 0
    return [], 2


def _hog_steps(model):
    from ..features import HOGTransformer

    params = model.get_params(deep=True).values()
    return [step for step in params if isinstance(step, HOGTransformer)]


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
