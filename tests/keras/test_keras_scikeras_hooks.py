"""Canaries: the private scikeras hooks skfer overrides are still there.

scikeras is unmaintained and skfer overrides some of its private methods
(``skfer/keras/_scikeras.py``). If a new scikeras renames one or changes the
parameters it is called with, these tests fail before anything else does.
"""

import inspect

import pytest
from scikeras.wrappers import BaseWrapper, KerasClassifier

from skfer.keras import CNN1Classifier
from skfer.keras._scikeras import PRIVATE_HOOKS, ScikerasAdapter


@pytest.mark.parametrize("name", sorted(PRIVATE_HOOKS))
def test_scikeras_still_has_the_hook_with_its_parameters(name):
    hook = getattr(KerasClassifier, name, None)
    assert hook is not None, f"scikeras no longer defines {name}"
    params = tuple(inspect.signature(hook).parameters)
    assert params == PRIVATE_HOOKS[name], (
        f"scikeras' {name} now takes {params}, skfer relies on {PRIVATE_HOOKS[name]}"
    )


@pytest.mark.parametrize("name", sorted(PRIVATE_HOOKS))
def test_every_listed_hook_is_overridden_in_the_adapter_only(name):
    assert name in vars(ScikerasAdapter)


def test_the_base_class_overrides_no_other_private_scikeras_method():
    private = {
        name for name in vars(BaseWrapper) | vars(KerasClassifier)
        if name.startswith("_") and not name.startswith("__")
        and callable(getattr(KerasClassifier, name))
    }
    mro = CNN1Classifier.__mro__[: CNN1Classifier.__mro__.index(ScikerasAdapter)]
    overridden = {n for cls in mro for n in vars(cls) if n in private}
    assert overridden == set(), f"move {overridden} into _scikeras.py"


def test_the_pinned_scikeras_is_below_its_next_minor_release():
    from importlib.metadata import requires

    spec = [r for r in requires("skfer") if r.startswith("scikeras")]
    assert spec and "<0.14" in spec[0], spec
