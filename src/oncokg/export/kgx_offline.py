"""kgx on the Biolink model and prefix map of the installed biolink-model package, so it never goes online.

kgx 2.6 builds a bmt Toolkit when imported, by default from the model on GitHub, and fetches Biolink's
JSON-LD context on first use; both are pointed at the packaged copies (the model version pyproject.toml
pins) before kgx is imported.
"""

import json
from functools import cache
from importlib.resources import files
from types import ModuleType


@cache
def kgx() -> ModuleType:
    """The kgx package, set up on the packaged Biolink model (once per process)."""
    import bmt

    schema = str(files("biolink_model") / "schema" / "biolink_model.yaml")
    bmt.Toolkit.__init__.__defaults__ = (schema, {"predicate mappings": []})
    import kgx.config
    import kgx.sink
    import kgx.transformer

    kgx.config.get_config()
    context = json.loads((files("biolink_model") / "prefixmaps" / "biolink_model_prefix_map.json").read_text())
    kgx.config.jsonld_context_map["biolink"] = context
    return kgx
