"""Packaging beyond pyproject.toml: the inputs (ontology/, data/, queries/) ship as package data.

They stay where curators edit them (the ODK-style layout); the subpackages of oncokg.resources are
mapped onto them, so the wheel carries them and an editable install reads them in place.
"""

from setuptools import find_packages, setup

RESOURCES = {f"oncokg.resources.{name}": name for name in ("ontology", "data", "queries")}

setup(
    packages=find_packages("src") + list(RESOURCES),
    package_dir={"": "src", **RESOURCES},
    package_data={
        "oncokg": [
            "vocab/rq/*.rq",
            "py.typed",
            "web/static/*",
            "web/static/yasgui/*",
            "web/static/swagger-ui/*",
            "web/static/cytoscape/*",
        ],
        **{package: ["**/*"] for package in RESOURCES},
    },
    # setuptools' own build folder, away from build/ (OncoKG's output)
    options={"build": {"build_base": ".setuptools-build"}},
    license_files=["LICENSE", "LICENSE-DATA"],
)
