"""Keras pieces shared by the benchmark scripts (imports Keras)."""

import signal
import time

import keras


class TimeBudget(keras.callbacks.Callback):
    """Stop training after the first epoch that ends past ``seconds``, or
    after the epoch during which the process receives SIGTERM.

    ``kill -TERM PID`` thus ends a run cleanly at an epoch boundary, with
    its last checkpoint written and its invocation recorded, as when its
    budget runs out. ``seconds=None``: no budget, SIGTERM only. Early
    stopping still restores the best weights at the end of training, so a
    run cut short keeps its best epoch.
    """

    def __init__(self, seconds=None):
        super().__init__()
        self.seconds = seconds

    def on_train_begin(self, logs=None):
        self._start = time.perf_counter()
        self._terminated = False
        self._default = signal.signal(signal.SIGTERM, self._terminate)

    def on_train_end(self, logs=None):
        signal.signal(signal.SIGTERM, self._default)

    def _terminate(self, signum, frame):
        print("SIGTERM received: stopping after this epoch", flush=True)
        self._terminated = True

    def on_epoch_end(self, epoch, logs=None):
        if self._terminated:
            self.model.stop_training = True
        elif (self.seconds is not None
              and time.perf_counter() - self._start > self.seconds):
            print(f"time budget of {self.seconds:.0f} s spent after epoch {epoch + 1}")
            self.model.stop_training = True


def add_time_budget_argument(parser):
    """``--time-budget SECONDS`` of the training scripts, default None."""
    parser.add_argument(
        "--time-budget",
        type=float,
        default=None,
        metavar="SECONDS",
        help="stop after the first epoch that ends past this many seconds "
        "(the best weights are still restored)",
    )


def backend():
    """The Keras version and backend, and the devices JAX trains on."""
    name = keras.backend.backend()
    if name == "jax":
        import jax

        return f"keras {keras.__version__}, jax {jax.__version__} on {jax.devices()}"
    return f"keras {keras.__version__}, {name} backend"
