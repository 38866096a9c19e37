"""OWL reasoning with HermiT (through owlready2 on the machine's Java), with a time limit.

HermiT sees the ontology plus the class and object-property assertions of the facts: that is all
the defined classes use, and it keeps literals of datatypes outside the OWL 2 map (xsd:date,
xsd:duration) away from it. It runs in a child process so that a time limit can stop it, Java
and all. The result is the consistency verdict, the unsatisfiable classes, and the entailed
named types of every individual, which the build materializes.

The child stays in the build's process group (Ctrl-C and a kill of the group reach it) and is
tied to its parent: on Linux it, and the Java it starts, get SIGKILL when their parent dies, so
a build killed with -9 leaves no reasoner running. Its temporary folder is named after the
build's process id; a later run removes those of builds that are gone. ``owl:imports`` never
reach owlready2, which would fetch them over the network.

Run as a module, it is that child: ``python -m oncokg.pipeline.hermit INPUT.nt OUTPUT.json``.
"""

import ctypes
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from oncokg.errors import OncoKGError
from oncokg.limits import REASONER_TIMEOUT, seconds
from oncokg.vocab import BASE

_PREFIX = "oncokg-reason-"
_PR_SET_PDEATHSIG = 1
# HermiT (and Pellet, which explains a clash) run for seconds, in a JVM started for each: the client
# compiler alone (no C2) halves HermiT's CPU time (6.2 -> 3.2 s on the real build, 2 cores) and
# shortens the run. owlready2 builds the command line itself; the `java` launcher also reads
# JDK_JAVA_OPTIONS (options a user set there come after, and win), and then prints a note, which
# HermiT's output parser ignores and the explanation drops.
JVM_OPTIONS = "-XX:TieredStopAtLevel=1"
_LAUNCHER_NOTE = re.compile(r"^NOTE: Picked up JDK_JAVA_OPTIONS:.*$", re.MULTILINE)


@dataclass
class HermitVerdict:
    """What HermiT concluded, and how long it took."""

    consistent: bool
    seconds: float
    unsatisfiable: list[str] = field(default_factory=list)
    inferred_types: list[tuple[str, str]] = field(default_factory=list)
    message: str = ""


def reasoner_input(ontology: Graph, facts: Graph, object_properties: set[URIRef]) -> Graph:
    """The ontology plus the facts' class and object-property assertions, individuals declared."""
    graph = Graph()
    graph += ontology
    graph.remove((None, OWL.imports, None))
    for s, p, o in facts:
        if p == RDF.type and o != URIRef(str(OWL) + "NamedIndividual"):
            if (o, RDF.type, OWL.Class) in ontology:
                graph.add((s, p, o))
                graph.add((s, RDF.type, OWL.NamedIndividual))
        elif p in object_properties:
            graph.add((s, p, o))
            graph.add((s, RDF.type, OWL.NamedIndividual))
            graph.add((o, RDF.type, OWL.NamedIndividual))
    return graph


def java_executable() -> str:
    """The java command HermiT will use; a clear error when there is none."""
    java_home = os.environ.get("JAVA_HOME")
    candidates = [str(Path(java_home) / "bin" / "java")] if java_home else []
    candidates.append("java")
    for candidate in candidates:
        found = shutil.which(candidate)
        if found:
            return found
    raise OncoKGError("Java not found: the HermiT reasoner needs a Java runtime (11 or later) on PATH or in $JAVA_HOME")


def tie_to_parent(parent: int):
    """A `preexec_fn`: the child gets SIGKILL when `parent` dies (Linux; elsewhere a no-op)."""
    prctl = getattr(ctypes.CDLL(None, use_errno=True), "prctl", None)

    def tie() -> None:
        if prctl is not None:
            prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
            if os.getppid() != parent:
                os._exit(1)

    return tie


def remove_stale_folders() -> None:
    """Delete the temporary folders of reasoner runs whose build process is gone."""
    for folder in Path(tempfile.gettempdir()).glob(f"{_PREFIX}*-*"):
        pid = folder.name[len(_PREFIX) :].split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except PermissionError:
            continue


def run_hermit(graph: Graph, timeout: float = REASONER_TIMEOUT) -> HermitVerdict:
    """Classify and check consistency in a child process; stop it after `timeout` seconds."""
    timeout = seconds(timeout, "--reasoner-timeout")
    java = java_executable()
    remove_stale_folders()
    with tempfile.TemporaryDirectory(prefix=f"{_PREFIX}{os.getpid()}-") as tmp:
        source, target = Path(tmp) / "input.nt", Path(tmp) / "output.json"
        graph.serialize(source, format="nt", encoding="utf-8")
        options = f"{JVM_OPTIONS} {os.environ.get('JDK_JAVA_OPTIONS', '')}".strip()
        env = {**os.environ, "ONCOKG_JAVA": java, "TMPDIR": tmp, "JDK_JAVA_OPTIONS": options}
        started = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-m", "oncokg.pipeline.hermit", str(source), str(target)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            preexec_fn=tie_to_parent(os.getpid()),
        )
        try:
            _, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise OncoKGError(f"HermiT did not finish within its time limit of {timeout:g} s") from None
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        if proc.returncode != 0 or not target.exists():
            last = stderr.decode("utf-8", "replace").strip().splitlines()
            raise OncoKGError(f"HermiT failed: {last[-1] if last else 'no output'}")
        result = json.loads(target.read_text(encoding="utf-8"))
        result["seconds"] = round(time.monotonic() - started, 2)
        result["inferred_types"] = [tuple(pair) for pair in result["inferred_types"]]
        return HermitVerdict(**result)


def _child(source: str, target: str) -> None:
    """Load the input in owlready2, run HermiT, write the verdict and entailed types as JSON."""
    import owlready2
    import owlready2.reasoning

    owlready2.JAVA_EXE = os.environ.get("ONCOKG_JAVA", "java")
    owlready2.reasoning._subprocess_kargs["preexec_fn"] = tie_to_parent(os.getpid())
    world = owlready2.World()
    world.get_ontology(Path(source).resolve().as_uri()).load()
    asserted = {
        ind.iri: {c.iri for c in ind.is_a if isinstance(c, owlready2.ThingClass)} for ind in world.individuals()
    }
    inferred: list[list[str]] = []
    out: dict[str, object] = {"consistent": True, "unsatisfiable": [], "inferred_types": inferred, "message": ""}
    try:
        with world.get_ontology(BASE + "inferred"):
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        out.update(consistent=False, message=_explain_inconsistency(world))
    else:
        out["unsatisfiable"] = sorted(c.iri for c in world.inconsistent_classes() if hasattr(c, "iri"))
        for ind in world.individuals():
            entailed = {
                c.iri for c in ind.INDIRECT_is_a if isinstance(c, owlready2.ThingClass) and c is not owlready2.Thing
            }
            for iri in sorted(entailed - asserted.get(ind.iri, set())):
                inferred.append([ind.iri, iri])
    Path(target).write_text(json.dumps(out), encoding="utf-8")


def _explain_inconsistency(world) -> str:
    """The clash behind an inconsistency, from Pellet's explanation, on one line."""
    import owlready2

    try:
        owlready2.sync_reasoner_pellet(world, debug=2)
    except owlready2.OwlReadyInconsistentOntologyError as exc:
        text = _LAUNCHER_NOTE.sub("", str(exc))
        if "Explanation(s):" in text:
            return "clash (Pellet explanation): " + " ".join(text.split("Explanation(s):", 1)[1].split())[:700]
    except Exception:
        pass
    return "no explanation available"


if __name__ == "__main__":
    _child(sys.argv[1], sys.argv[2])
