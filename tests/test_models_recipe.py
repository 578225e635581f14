"""skfer.models.RECIPE: the shipped models' training parameters."""

import pytest

from skfer.models import RECIPE, build_model


def test_recipe_is_parameters_of_every_keras_classifier():
    pytest.importorskip("keras")
    from skfer.keras import ARCHITECTURES

    for name, cls in ARCHITECTURES.items():
        model = build_model(name, epochs=2, **RECIPE)
        assert isinstance(model, cls)
        params = model.get_params()
        assert {k: params[k] for k in RECIPE} == RECIPE


def test_recipe_is_opt_in():
    pytest.importorskip("keras")
    from skfer.keras import CNN2Classifier

    # The class defaults stay the report's: Adam, early stopping.
    defaults = CNN2Classifier().get_params()
    assert defaults["optimizer"] != RECIPE["optimizer"]
    assert defaults["patience"] is not None
