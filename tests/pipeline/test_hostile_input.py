"""Wrong or hostile SHACL shapes files: refused with one line naming the file or the line; nothing wrong is accepted."""

import pytest
from rdflib import Graph

from oncokg.errors import OncoKGError
from oncokg.pipeline.validation import run_shacl

pytestmark = pytest.mark.hostile


def test_a_shapes_file_without_shapes_is_refused(tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("@prefix ex: <http://e/> . ex:a ex:b ex:c .\n")
    with pytest.raises(OncoKGError, match="declares no sh:NodeShape"):
        run_shacl(Graph(), shapes)
