"""What the wheel declares: licence, data terms, lower bounds."""

import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def project():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_licence_is_an_spdx_expression_with_its_files(project):
    assert project["license"] == "BSD-3-Clause"
    assert "BSD 3-Clause" in (ROOT / "LICENSE").read_text()
    for name in project["license-files"]:
        assert (ROOT / name).is_file(), name


def test_notice_covers_every_shipped_data_file():
    # Data are not the code's: each shipped folder of them must be named.
    notice = (ROOT / "NOTICE").read_text()
    shipped = [*ROOT.glob("skfer/**/*.npz"), *ROOT.glob("skfer/**/*.joblib")]
    assert shipped
    for path in shipped:
        folder = path.parent.relative_to(ROOT).as_posix()
        assert f"{folder}/" in notice, f"NOTICE does not name {folder}"


def test_every_dependency_has_the_lower_bound_tox_oldest_installs(project):
    requirements = [*project["dependencies"]]
    for extra in ("plot", "test", "docs"):
        requirements += project["optional-dependencies"][extra]
    for text in requirements:
        specifiers = Requirement(text).specifier
        assert any(s.operator == ">=" for s in specifiers), text
