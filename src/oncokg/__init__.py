"""OncoKG: an oncology knowledge graph with provenance, a query layer and a pathway reasoner.

Not medical advice: the graph restates what its source documents say, with their dates.

The public API, imported on first use (so that `import oncokg` and the command line stay fast)::

    from oncokg import OncoKG, TreatmentPathways, Project, build, validate, OncoKGError
    from oncokg.export import export   # (a name the package `oncokg.export` itself takes at the top)
"""

from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"

_PUBLIC = {
    "OncoKG": "oncokg.query.client",
    "TreatmentPathways": "oncokg.pathway",
    "Project": "oncokg.project",
    "build": "oncokg.pipeline.build",
    "validate": "oncokg.pipeline",
    "OncoKGError": "oncokg.errors",
    "DISCLAIMER": "oncokg.disclaimer",
}
__all__ = [
    "DISCLAIMER",
    "OncoKG",
    "OncoKGError",
    "Project",
    "TreatmentPathways",
    "__version__",
    "build",
    "validate",
]

if TYPE_CHECKING:
    from oncokg.disclaimer import DISCLAIMER
    from oncokg.errors import OncoKGError
    from oncokg.pathway import TreatmentPathways
    from oncokg.pipeline import validate
    from oncokg.pipeline.build import build
    from oncokg.project import Project
    from oncokg.query.client import OncoKG


def __getattr__(name: str):
    if name in _PUBLIC:
        return getattr(import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'oncokg' has no attribute {name!r}")
