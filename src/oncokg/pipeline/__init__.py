"""`oncokg build` and `validate`: assemble the graph, reason with HermiT, validate, write the build."""

from typing import TYPE_CHECKING

from oncokg.limits import REASONER_TIMEOUT

if TYPE_CHECKING:
    from oncokg.pipeline.assemble import Assembled
    from oncokg.project import Project


def validate(project: "Project", timeout: float = REASONER_TIMEOUT) -> "Assembled":
    """Read, check, assemble and reason over the inputs without writing anything: `oncokg validate`.

    The result holds HermiT's verdict (`.hermit`) and the SHACL and QC report (`.report`).
    """
    from oncokg.pipeline.assemble import assemble, load_inputs

    return assemble(load_inputs(project), timeout)
