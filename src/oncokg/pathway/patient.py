"""Patient states: parsing JSON or flags, and resolving every name to a graph IRI of the right kind."""

import difflib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from oncokg.errors import OncoKGError
from oncokg.limits import limit, read_text
from oncokg.pathway.projection import PathwayGraph
from oncokg.query.resolve import name_key, regimen_parts
from oncokg.vocab.rdf import BASE

FIELDS = ("id", "cancer", "setting", "biomarkers", "findings", "history", "planned")
_FIELD_SET = frozenset(FIELDS)
CACHE_SIZE = 100_000
UNTESTED = frozenset({"untested", "unknown", "not tested", "na", "n/a"})

# Each kind of name, as tiers of graph classes: the first tier with one match wins, so that
# "spread to the liver" is the finding liver metastases, not the disease state.
KINDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "cancer": (("Cancer",),),
    "setting": (("DiseaseState",),),
    "treatment": (("Treatment",),),
    "outcome": (("TransitionTrigger",),),
    "finding": (("ClinicalFeature",), ("TransitionTrigger", "DecisionFactor"), ("DiseaseState",)),
    "biomarker": (("Biomarker",),),
    "status": (("BiomarkerStatus",),),
}
_CLASS_WORDS = {
    "Cancer": "a cancer",
    "DiseaseState": "a disease state",
    "Treatment": "a treatment",
    "TransitionTrigger": "an outcome",
    "ClinicalFeature": "a finding",
    "DecisionFactor": "a decision factor",
    "BiomarkerStatus": "a biomarker status",
    "Biomarker": "a biomarker",
}


class HistoryEntry(NamedTuple):
    """One treatment the patient had, and how it went."""

    treatment: str
    outcome: str


class Patient(NamedTuple):
    """A normalised patient state: IRIs only; a tuple, so cheap to hash (a cohort reuses answers)."""

    cancer: str
    setting: str
    statuses: tuple[tuple[str, str | None], ...] = ()
    findings: frozenset[str] = frozenset()
    history: tuple[HistoryEntry, ...] = ()
    planned: frozenset[str] = frozenset()


def _compact(text: str) -> str:
    """Case, spaces and inner hyphens ignored: `HER2-positive` and `her2 positive` match; `HER2-` stays."""
    text = re.sub(r"(?<=[0-9a-z])[-_\s]+(?=[0-9a-z])", "", text.casefold())
    return re.sub(r"[_\s]+", "", text)


class Names:
    """What a user types (label, synonym, brand name, CURIE) to the one IRI of the expected kind."""

    def __init__(self, names: dict[str, set[str]], graph: PathwayGraph):
        self.graph = graph
        self.names = names
        self.tiers: dict[str, list[dict[str, frozenset[str]]]] = {}
        for kind, tiers in KINDS.items():
            self.tiers[kind] = []
            for classes in tiers:
                wanted = {BASE + c for c in classes}
                index = {}
                for key, iris in names.items():
                    hits = frozenset(i for i in iris if graph.types.get(i, frozenset()) & wanted)
                    if hits:
                        index[key] = hits
                self.tiers[kind].append(index)
        self.status_values, self.status_hints = self._status_values()
        self._cache: dict[str, dict[str, str | OncoKGError]] = {kind: {} for kind in KINDS}

    def _status_values(self) -> tuple[dict[str, dict[str, str]], dict[str, set[str]]]:
        """Per biomarker, its statuses by name, and by what follows the biomarker's name (`HER2-positive`: positive)."""
        by_iri: dict[str, list[str]] = {}
        for key, iris in self.names.items():
            for iri in iris:
                by_iri.setdefault(iri, []).append(key)
        values: dict[str, dict[str, str]] = {}
        hints: dict[str, set[str]] = {}
        for status, marker in sorted(self.graph.status_of.items()):
            marker_names = sorted({_compact(n) for n in by_iri.get(marker, [])} - {""}, key=len, reverse=True)
            table = values.setdefault(marker, {})
            for name in sorted(by_iri.get(status, [])):
                full = _compact(name)
                table.setdefault(full, status)
                prefix = next((m for m in marker_names if full.startswith(m) and len(full) > len(m)), None)
                if prefix:
                    table.setdefault(full[len(prefix) :], status)
                    hints.setdefault(marker, set()).add(full[len(prefix) :])
        return values, hints

    def resolve(self, text: Any, kind: str) -> str:
        """The IRI of the one entity of this kind that the text names, or a one-line error."""
        if not isinstance(text, str):
            raise OncoKGError(f"expected {kind} name as text, got {json.dumps(text)}")
        cache = self._cache[kind]
        cached = cache.get(text)
        if cached is None:
            if not text.strip():
                raise OncoKGError(f"expected {kind} name as text, got {json.dumps(text)}")
            try:
                cached = self._regimen(text.strip()) if kind == "treatment" else self._resolve(text.strip(), kind)
            except OncoKGError as exc:
                cached = exc
            if len(cache) < CACHE_SIZE:
                cache[text] = cached
        if isinstance(cached, OncoKGError):
            raise OncoKGError(str(cached))
        return cached

    def _regimen(self, text: str) -> str:
        """A treatment, or a regimen as the sources write it (`trastuzumab with chemotherapy`): its first
        part, once every part is known to be a treatment (the step says what it is given with)."""
        try:
            return self._resolve(text, "treatment")
        except OncoKGError:
            parts = regimen_parts(text)
            if len(parts) < 2:
                raise
        resolved = [self._resolve(part, "treatment") for part in parts]
        return resolved[0]

    def _resolve(self, text: str, kind: str) -> str:
        key = name_key(text)  # the query resolver's rule: any case and spacing, trademark signs ignored
        if key.startswith("oncokg:"):
            candidate = BASE + text[len("oncokg:") :]
            if any(candidate in hits for tier in self.tiers[kind] for hits in tier.values()):
                return candidate
        for tier in self.tiers[kind]:
            hits = tier.get(key)
            if hits and len(hits) == 1:
                return next(iter(hits))
            if hits:
                options = ", ".join(sorted(f"{self.graph.label(h)} (oncokg:{h[len(BASE) :]})" for h in hits))
                raise OncoKGError(f"{kind} {text!r} is ambiguous: it names {options}; use a CURIE")
        other = self.names.get(key) or set()
        if key.startswith("oncokg:") and BASE + text[len("oncokg:") :] in self.graph.types:
            other = {BASE + text[len("oncokg:") :]}
        if other:
            iri = sorted(other)[0]
            what = next((w for c, w in _CLASS_WORDS.items() if self.graph.is_a(iri, c)), "something else")
            raise OncoKGError(f"{text!r} names {self.graph.label(iri)}, which is {what}, not a {kind}")
        known = sorted({k for tier in self.tiers[kind] for k in tier})
        close = difflib.get_close_matches(key, known, n=4, cutoff=0.6)
        if close:
            raise OncoKGError(f"unknown {kind} {text!r}; did you mean {', '.join(repr(c) for c in close)}?")
        if len(known) <= 40:
            raise OncoKGError(f"unknown {kind} {text!r}; known: {', '.join(known)}")
        raise OncoKGError(f"unknown {kind} {text!r}")

    def status(self, biomarker: str, value: Any) -> str | None:
        """The status IRI a biomarker value names, or None for an untested biomarker."""
        if not isinstance(value, str) or not value.strip():
            raise OncoKGError(f"expected a status such as 'positive', got {json.dumps(value)}")
        if value.strip().casefold() in UNTESTED:
            return None
        table = self.status_values.get(biomarker, {})
        hit = table.get(_compact(value.strip()))
        if hit is None and value.strip().casefold().startswith("oncokg:"):
            hit = next((s for s in table.values() if s == BASE + value.strip()[len("oncokg:") :]), None)
        if hit is None:
            known = sorted(self.status_hints.get(biomarker, set()) | {"untested"})
            label = self.graph.label(biomarker)
            raise OncoKGError(f"unknown {label} status {value!r}; known: {', '.join(known)}")
        return hit


def _field(names: Names, where: str, value: Any, kind: str, field: str, index: int = 0, part: str = "") -> str:
    """Resolve one field; an error names it (`history[2].outcome`), built only when there is one."""
    try:
        return names.resolve(value, kind)
    except OncoKGError as exc:
        path = field + (f"[{index}]" if index else "") + (f".{part}" if part else "")
        raise OncoKGError(f"{where}: field {path!r}: {exc}") from None


def parse_patient(data: Any, names: Names, where: str = "patient") -> Patient:
    """A Patient from a JSON-like dict; errors name the field (`history[2].outcome`) and `where`."""
    if not isinstance(data, dict):
        raise OncoKGError(f"{where}: expected a JSON object with {', '.join(FIELDS[1:])}")
    unknown = data.keys() - _FIELD_SET
    if unknown:
        raise OncoKGError(f"{where}: unknown field {sorted(unknown)[0]!r}; known fields: {', '.join(FIELDS)}")
    for required in ("cancer", "setting"):
        if required not in data:
            raise OncoKGError(f"{where}: field {required!r} is missing")
    cancer = _field(names, where, data["cancer"], "cancer", "cancer")
    setting = _field(names, where, data["setting"], "setting", "setting")
    statuses: tuple[tuple[str, str | None], ...] = ()
    biomarkers = data.get("biomarkers")
    if biomarkers:
        if not isinstance(biomarkers, dict):
            raise OncoKGError(f'{where}: field \'biomarkers\': expected an object such as {{"HER2": "positive"}}')
        found_statuses: dict[str, str | None] = {}
        for name, value in biomarkers.items():
            marker = _field(names, where, name, "biomarker", f"biomarkers.{name}")
            try:
                found_statuses[marker] = names.status(marker, value)
            except OncoKGError as exc:
                raise OncoKGError(f"{where}: field 'biomarkers.{name}': {exc}") from None
        statuses = tuple(sorted(found_statuses.items()))
    found: frozenset[str] = frozenset()
    findings = data.get("findings")
    if findings:
        if not isinstance(findings, list):
            raise OncoKGError(f"{where}: field 'findings': expected a list of names")
        found = frozenset(_field(names, where, item, "finding", "findings", n) for n, item in enumerate(findings, 1))
    entries: list[HistoryEntry] = []
    history = data.get("history")
    if history is not None and not isinstance(history, list):
        raise OncoKGError(f'{where}: field \'history\': expected a list of {{"treatment": ..., "outcome": ...}}')
    if history:
        for n, item in enumerate(history, 1):
            if isinstance(item, str):
                item = history_item(item)
            if not isinstance(item, dict) or len(item) != 2 or "treatment" not in item or "outcome" not in item:
                raise OncoKGError(
                    f"{where}: field 'history[{n}]': expected "
                    '{"treatment": ..., "outcome": ...} or "TREATMENT:OUTCOME"'
                )
            entries.append(
                HistoryEntry(
                    _field(names, where, item["treatment"], "treatment", "history", n, "treatment"),
                    _field(names, where, item["outcome"], "outcome", "history", n, "outcome"),
                )
            )
    plans = data.get("planned")
    if plans is not None and not isinstance(plans, list):
        raise OncoKGError(f"{where}: field 'planned': expected a list of treatment names, e.g. [\"surgery\"]")
    planned = frozenset(_field(names, where, item, "treatment", "planned", n) for n, item in enumerate(plans or [], 1))
    return Patient(cancer, setting, statuses, found, tuple(entries), planned)


def history_item(text: str) -> dict[str, str] | str:
    """`imatinib:progression` as a history item (the last colon splits, so CURIEs may be used)."""
    treatment, sep, outcome = text.rpartition(":")
    if not sep or not treatment.strip() or not outcome.strip():
        return text
    return {"treatment": treatment.strip(), "outcome": outcome.strip()}


def patient_from_flags(
    cancer: str | None,
    setting: str | None,
    biomarkers: list[str],
    findings: list[str],
    history: list[str],
    planned: tuple[str, ...] | list[str] = (),
) -> dict[str, Any]:
    """The JSON-like patient that the command-line flags describe."""
    markers = {}
    for item in biomarkers:
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise OncoKGError(f"--biomarker {item!r}: expected NAME=STATUS, e.g. HER2=positive")
        markers[name.strip()] = value.strip()
    entries = []
    for item in history:
        entry = history_item(item)
        if not isinstance(entry, dict):
            raise OncoKGError(f"--history {item!r}: expected TREATMENT:OUTCOME, e.g. imatinib:progression")
        entries.append(entry)
    data: dict[str, Any] = {
        "biomarkers": markers,
        "findings": list(findings),
        "history": entries,
        "planned": list(planned),
    }
    for name, given in (("cancer", cancer), ("setting", setting)):
        if given is None:
            raise OncoKGError(f"--{name} is needed (or give --patient FILE)")
        data[name] = given
    return data


def _json_error(exc: json.JSONDecodeError) -> str:
    return f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"


def _not_json(constant: str):
    raise ValueError(f"{constant} is not JSON")


def _loads(text: str) -> Any:
    """Strict JSON: no NaN or Infinity; nesting past Python's recursion limit and integers past its
    digit limit are errors of the input, not of the program."""
    try:
        return json.loads(text, parse_constant=_not_json)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise OncoKGError("invalid JSON: nested too deeply") from None
    except ValueError as exc:
        raise OncoKGError(f"invalid JSON: {str(exc).split(';')[0][:120]}") from None


def read_patient_file(path: Path) -> Any:
    """The JSON document of a patient file."""
    text = read_text(path)
    try:
        return _loads(text)
    except json.JSONDecodeError as exc:
        raise OncoKGError(f"{path}: {_json_error(exc)}") from None
    except OncoKGError as exc:
        raise OncoKGError(f"{path}: {exc}") from None


def read_cohort_line(text: str) -> Any:
    """One JSON record of a cohort file (the caller says which line)."""
    try:
        return _loads(text)
    except json.JSONDecodeError as exc:
        raise OncoKGError(f"invalid JSON at column {exc.colno}: {exc.msg}") from None


def cohort_lines(path: Path) -> Iterator[tuple[int, str | OncoKGError]]:
    """The non-blank lines of a JSON Lines file, numbered, read lazily; a line that is not UTF-8, or
    longer than ``max_line_bytes`` (read no further than the limit), is that line's error."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise OncoKGError(f"{path}: {exc.strerror or exc}") from None
    cap = limit("max_line_bytes")
    with handle:
        number = 0
        while raw := handle.readline(cap + 1):
            number += 1
            if len(raw) > cap:
                rest = raw
                while rest and not rest.endswith(b"\n"):
                    rest = handle.readline(cap + 1)
                yield number, OncoKGError(f"longer than {cap:,} bytes (set ONCOKG_MAX_LINE_BYTES to raise the limit)")
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield number, OncoKGError("not UTF-8 text")
                continue
            if line.strip():
                yield number, line
