"""Reading the project's YAML (fact files, source metadata, SSSOM headers) without being fooled.

`yaml.safe_load` keeps the last of two equal keys without a word, and lets a 1.2 KB file of nested
aliases expand into a billion nodes (the build then ran past 6 GB). This loader refuses duplicate
keys, counts the nodes the document expands to before building any Python object, and reads a
file only under the size limit (`limits.py`).
"""

from pathlib import Path
from typing import Any

import yaml

from oncokg.errors import OncoKGError
from oncokg.limits import limit, read_text


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses a key given twice in one mapping, and stops composing past
    ``max_yaml_nodes`` nodes (a 31 MB file took 75 s and 2.4 GB to be refused after the whole
    tree was built)."""

    composed = 0

    def compose_node(self, parent, index):
        self.composed += 1
        if self.composed > limit("max_yaml_nodes"):
            raise OncoKGError(_TOO_MANY.format(limit("max_yaml_nodes")))
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    duplicate = key in seen
                except TypeError:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"a key cannot be a {type(key).__name__}", key_node.start_mark
                    ) from None
                if duplicate:
                    raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
                seen.add(key)
        return super().construct_mapping(node, deep)


def load_yaml(path: Path, what: str = "") -> Any:
    """The YAML document of a file; every problem is one line naming the file (and line)."""
    return parse_yaml(read_text(path, what), str(path))


def parse_yaml(text: str, where: str) -> Any:
    """The YAML document in `text`; `where` names it in errors."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if _expanded_size(node, {}, set()) > limit("max_yaml_nodes"):
            raise OncoKGError(_TOO_MANY.format(limit("max_yaml_nodes")))
        return loader.construct_document(node)
    except OncoKGError as exc:
        raise OncoKGError(f"{where}: {exc}") from None
    except yaml.YAMLError as exc:
        raise OncoKGError(f"{where}: invalid YAML: {yaml_where(exc)}") from None
    except RecursionError:
        raise OncoKGError(f"{where}: invalid YAML: nested too deeply") from None
    except ValueError as exc:  # an integer past Python's digit limit
        raise OncoKGError(f"{where}: invalid YAML: {str(exc).split(';')[0][:120]}") from None
    finally:
        loader.dispose()


_TOO_MANY = "the YAML expands to more than {:,} values (nested aliases?); set ONCOKG_MAX_YAML_NODES to raise the limit"


def _expanded_size(node: yaml.Node, sizes: dict[int, int], open_nodes: set[int]) -> int:
    """How many nodes the document holds once every alias is expanded (shared nodes counted each time)."""
    key = id(node)
    if key in sizes:
        return sizes[key]
    if key in open_nodes:
        raise yaml.constructor.ConstructorError(None, None, "an alias refers to itself", node.start_mark)
    open_nodes.add(key)
    size = 1
    if isinstance(node, yaml.SequenceNode):
        size += sum(_expanded_size(child, sizes, open_nodes) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            size += _expanded_size(key_node, sizes, open_nodes) + _expanded_size(value_node, sizes, open_nodes)
    open_nodes.discard(key)
    sizes[key] = size
    return size


def yaml_where(exc: yaml.YAMLError) -> str:
    """Line and column of a YAML error, one line."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if mark is not None:
        return f"line {mark.line + 1}, column {mark.column + 1}: {problem}"
    return problem
