"""Patient states: parsing JSON or flags, and resolving every name to a graph IRI of the right kind."""

import json
import math
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from oncokg.errors import OncoKGError
from oncokg.limits import check_json_depth, check_name, excerpt, limit, read_text
from oncokg.pathway.memo import Memo
from oncokg.pathway.projection import PathwayGraph
from oncokg.query.kinds import NAME_KINDS
from oncokg.query.resolve import Found, Resolver, regimen_parts
from oncokg.query.terms import ORGAN_KEYS, around_size, expand, fold, size_cm
from oncokg.vocab import BASE, own_iri

FIELDS = ("id", "cancer", "setting", "biomarkers", "findings", "history", "planned")
_FIELD_SET = frozenset(FIELDS)
CACHE_SIZE = 100_000
UNTESTED = frozenset({"untested", "unknown", "not tested", "na", "n/a"})
# How laboratories write a status (IHC scores, ISH results, shorthand): the status word they mean.
# IHC 2+ alone is equivocal and stays unread.
STATUS_WORDS = {
    "3+": "positive",
    "ihc 3+": "positive",
    "amplified": "positive",
    "pos": "positive",
    "overexpressed": "positive",
    "2+ fish amplified": "positive",
    "2+ ish amplified": "positive",
    "0": "negative",
    "1+": "negative",
    "ihc 0": "negative",
    "ihc 1+": "negative",
    "not amplified": "negative",
    "non amplified": "negative",
    "neg": "negative",
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


class Reading(NamedTuple):
    """How one input was read: the field (`history[2].outcome`), the text given, the entity, and the
    words that say how ("" when the text is the entity's own name)."""

    field: str
    text: str
    iri: str
    how: str = ""


# Disease states that cannot hold together (resectability, spread, resistance): clinical definitions.
EXCLUSIVE = (
    frozenset({"localized_resectable", "marginally_resectable", "unresectable"}),
    frozenset({"localized_resectable", "metastatic"}),
    frozenset({"localized_resectable", "liver_metastatic"}),
    frozenset({"primary_resistance", "acquired_resistance"}),
)
_EXCLUSIVE_IRIS = frozenset(BASE + state for group in EXCLUSIVE for state in group)
K = TypeVar("K")
V = TypeVar("V")
NOTHING = ""  # the IRI of a reading that names no finding (a size over the cut-off): said, not kept
_LESS = re.compile(r"\b(?:under|less than|smaller than|below)\s|<\s*\d", re.IGNORECASE)
_TUMOUR_WORDS = frozenset(
    fold("tumour GIST mass lesion nodule primary size measuring under less than smaller below").split()
)
_SMALLER = re.compile(r"\b(?:under|less than|smaller than) (\d+(?:\.\d+)?) (?:cm|centimeter)")


def _remembered(memo: dict[K, V | OncoKGError], key: K, work: Callable[[], V]) -> V:
    """`work()` for `key`, done once: its answer, or its refusal given again as a fresh error, is
    kept while the memo has room (CACHE_SIZE). Membership says "seen", as an answer may be None
    (an untested status).

    >>> memo: dict = {}
    >>> _remembered(memo, "a", lambda: None), _remembered(memo, "a", lambda: "not asked again")
    (None, None)
    """
    if key in memo:
        found = memo[key]
    else:
        try:
            found = work()
        except OncoKGError as exc:
            found = exc
        if len(memo) < CACHE_SIZE:
            memo[key] = found
    if isinstance(found, OncoKGError):
        raise OncoKGError(str(found))
    return found


class Names:
    """What a user types to the one IRI of the expected kind: the query layer's resolver (one index,
    one algorithm, one message set), with what a patient adds: biomarker statuses, tumour sizes,
    and the finding a cancer's site implies."""

    def __init__(self, resolver: Resolver, graph: PathwayGraph):
        self.graph = graph
        self.resolver = resolver
        self.names = resolver.names
        self.status_values, self.status_hints = self._status_values()
        self._cache: dict[str, dict[str, Found | OncoKGError]] = {kind: {} for kind in NAME_KINDS}
        self._statuses: dict[tuple[str, str], str | OncoKGError | None] = {}  # per biomarker and text
        self._implied: dict[str, tuple[Found, ...]] = {}  # per cancer text: a cohort repeats its cancers
        # per text, kind and field: how a patient's field reads (a cohort writes the same few ways)
        self.fields: Memo[tuple[str, str, str, int, str], Reading] = Memo(CACHE_SIZE)
        self._non_site = []  # the findings named "non-<organ> <cancer>" ("nonstomach gist"), split once
        for key, iris in dict(self.resolver.tiers)["folded"].items():
            first, _, cancer = key.partition(" ")
            organ = fold(first[len("non") :]) if first.startswith("non") else ""
            if organ in ORGAN_KEYS and cancer:
                self._non_site.append((organ, cancer, iris))

    def _status_values(self) -> tuple[dict[str, dict[str, str]], dict[str, set[str]]]:
        """Per biomarker, its statuses by name, and by what follows the biomarker's name (`HER2-positive`: positive)."""
        by_iri: dict[str, list[str]] = {}
        for key, iris in self.resolver.names.items():
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
        return self.read(text, kind).iri

    def read(self, text: Any, kind: str) -> Found:
        """The one entity of this kind the text names and how it was read (remembered per text)."""
        if not isinstance(text, str) or not text.strip():
            raise OncoKGError(f"expected {kind} name as text, got {excerpt(text)}")
        check_name(text, f"the {kind} name", self.resolver.max_name_chars)  # before the cache would keep it
        return _remembered(self._cache[kind], text, lambda: self._read(text.strip(), kind))

    def _read(self, text: str, kind: str) -> Found:
        try:
            return self.resolver.read(text, NAME_KINDS[kind])
        except OncoKGError:
            if kind == "finding" and size_cm(text) is not None:
                return self._size(text)
            parts = regimen_parts(text) if kind == "treatment" else []
            if len(parts) < 2:
                raise
        # a regimen as the sources write it (`trastuzumab with chemotherapy`): its first part, once
        # every part is known to be a treatment (the step says what it is given with)
        strict = NAME_KINDS[kind]._replace(broader=False)  # each part by its own name: no broader reading
        found = [self.resolver.read(part, strict) for part in parts]
        return Found(found[0].iri, "the first treatment of the regimen")

    def _size(self, text: str) -> Found:
        """A tumour's size against the sources' cut-off: under it, the small tumour they name; at or
        over it, no finding (the sources' "large tumour" has no size: reading it so would be a guess),
        and the reading says so."""
        size = size_cm(text)
        assert size is not None
        if not set(around_size(text).split()) <= _TUMOUR_WORDS:
            raise OncoKGError(f"unknown finding {text!r}: a size is read with a tumour's name only")
        folded = dict(self.resolver.tiers)["folded"]
        for key, iris in folded.items():
            match = _SMALLER.search(key)
            small = [i for i in iris if self.graph.is_a(i, "ClinicalFeature")]
            if not match or len(small) != 1:
                continue
            cutoff = float(match.group(1))
            if size < cutoff or (size == cutoff and _LESS.search(text)):
                return Found(small[0], f"a size ({size:g} cm) under the sources' {cutoff:g} cm cut-off")
            if _LESS.search(text):
                raise OncoKGError(f"{text!r} may or may not be under the sources' {cutoff:g} cm cut-off")
            return Found(
                NOTHING,
                f"{size:g} cm is not under the sources' {cutoff:g} cm cut-off for a very small tumour; they give "
                "larger tumours no size, so no finding is read ('large tumour' says it)",
            )
        raise OncoKGError(f"the sources give no size cut-off to read {text!r} against")

    def implied_findings(self, text: str) -> list[Found]:
        """The findings a cancer's site implies: a GIST of the small intestine "did not start in the
        stomach" (a finding named "non-<organ> <cancer>" whose organ the text does not name; the
        folded key writes it "nonstomach gist")."""
        found = self._implied.get(text)
        if found is None:
            found = self._implied_by(text)
            if len(self._implied) < CACHE_SIZE:
                self._implied[text] = found
        return list(found)

    def _implied_by(self, text: str) -> tuple[Found, ...]:
        tokens = fold(expand(text)).split()
        sites = {t for t in tokens if t in ORGAN_KEYS}
        if not sites:
            return ()
        found: list[Found] = []
        for organ, cancer, iris in self._non_site:
            if organ not in sites and f" {cancer} " in f" {' '.join(tokens)} ":
                how = f"a site other than the {organ}"
                found += [Found(i, how) for i in iris if self.graph.is_a(i, "ClinicalFeature")]
        return tuple(found)

    def status(self, biomarker: str, value: Any) -> str | None:
        """The status IRI a biomarker value names, or None for an untested biomarker (remembered
        per biomarker and text, as names are: a cohort writes its statuses a few ways)."""
        if not isinstance(value, str) or not value.strip():
            raise OncoKGError(f"expected a status such as 'positive', got {excerpt(value)}")
        check_name(value, "the status", self.resolver.max_name_chars)  # before the memo would keep it
        return _remembered(self._statuses, (biomarker, value), lambda: self._status(biomarker, value))

    def _status(self, biomarker: str, value: str) -> str | None:
        if value.strip().casefold() in UNTESTED:
            return None
        table = self.status_values.get(biomarker, {})
        word = lab_word(value) or value.strip()
        hit = table.get(_compact(word))
        if hit is None and own_iri(value) in table.values():
            hit = own_iri(value)
        if hit is None:
            known = sorted(self.status_hints.get(biomarker, set()) | {"untested"})
            label = self.graph.label(biomarker)
            raise OncoKGError(f"unknown {label} status {value!r}; known: {', '.join(known)}")
        return hit


def lab_word(value: str) -> str | None:
    """The status word a laboratory's result means ("IHC 3+" -> "positive"), or None.

    >>> lab_word("IHC 3+"), lab_word("not amplified"), lab_word("2+")
    ('positive', 'negative', None)
    """
    return STATUS_WORDS.get(" ".join(value.strip().casefold().replace("-", " ").split()))


class _Reader:
    """Reads one patient's fields, keeping how each was read; errors name the field and `where`."""

    def __init__(self, names: Names, where: str):
        self.names = names
        self.where = where
        self.readings: list[Reading] = []

    def field(self, value: Any, kind: str, field: str, index: int = 0, part: str = "") -> str:
        known = self.names.fields
        key = (value, kind, field, index, part) if type(value) is str else None
        reading = known.get(key) if key else None
        if reading is None:
            path = field + (f"[{index}]" if index else "") + (f".{part}" if part else "")
            try:
                found = self.names.read(value, kind)
            except OncoKGError as exc:
                raise OncoKGError(f"{self.where}: field {excerpt(path)}: {exc}") from None
            reading = Reading(path, value.strip(), found.iri, found.how)
            if key:
                known.keep(key, reading)
        self.readings.append(reading)
        return reading.iri

    def fail(self, field: str, message: str) -> OncoKGError:
        return OncoKGError(f"{self.where}: field {excerpt(field)}: {message}")

    def statuses(self, biomarkers: Any) -> tuple[tuple[str, str | None], ...]:
        """Each biomarker's status; one biomarker given twice (HER2 and ERBB2) must agree."""
        if biomarkers is None:
            return ()
        if not isinstance(biomarkers, dict):
            raise self.fail("biomarkers", 'expected an object such as {"HER2": "positive"}')
        found: dict[str, tuple[str, str | None]] = {}
        for name, value in biomarkers.items():
            marker = self.field(name, "biomarker", f"biomarkers.{name}")
            try:
                status = self.names.status(marker, value)
            except OncoKGError as exc:
                raise self.fail(f"biomarkers.{name}", str(exc)) from None
            if marker in found and found[marker][1] != status:
                other, before = found[marker]
                label = self.names.graph.label
                raise self.fail(
                    "biomarkers",
                    f"{other!r} and {name!r} name one biomarker ({label(marker)}) with different statuses: "
                    f"{label(before) if before else 'untested'} and {label(status) if status else 'untested'}",
                )
            found[marker] = (name, status)
            word = lab_word(value)
            if status and word:
                self.readings.append(
                    Reading(f"biomarkers.{name}", value.strip(), status, f"the laboratory's result for {word}")
                )
        return tuple(sorted((marker, status) for marker, (_, status) in found.items()))

    def names_list(self, value: Any, kind: str, field: str, expected: str) -> frozenset[str]:
        if value is None or value == []:  # most records leave a list out or empty
            return frozenset()
        if not isinstance(value, list):
            raise self.fail(field, expected)
        return frozenset(self.field(item, kind, field, n) for n, item in enumerate(value, 1)) - {NOTHING}

    def history(self, history: Any) -> tuple[HistoryEntry, ...]:
        if history is not None and not isinstance(history, list):
            raise self.fail("history", 'expected a list of {"treatment": ..., "outcome": ...}')
        entries = []
        for n, item in enumerate(history or [], 1):
            if isinstance(item, str):
                item = history_item(item)
            if not isinstance(item, dict) or len(item) != 2 or "treatment" not in item or "outcome" not in item:
                raise self.fail(f"history[{n}]", 'expected {"treatment": ..., "outcome": ...} or "TREATMENT:OUTCOME"')
            treatment = self.field(item["treatment"], "treatment", "history", n, "treatment")
            entries.append(HistoryEntry(treatment, self.field(item["outcome"], "outcome", "history", n, "outcome")))
        return tuple(entries)

    def exclusive(self, setting: str, findings: frozenset[str]) -> None:
        """Two disease states that exclude each other (resectable and unresectable) are refused."""
        if findings.isdisjoint(_EXCLUSIVE_IRIS):
            return  # the setting alone is one state: nothing to weigh it against
        states = {iri.removeprefix(BASE) for iri in {setting, *findings}}
        for group in EXCLUSIVE:
            both = sorted(states & group)
            if len(both) > 1:
                labels = " and ".join(self.names.graph.label(BASE + s) for s in both)
                raise OncoKGError(f"{self.where}: the disease states {labels} exclude each other")


def read_patient(data: Any, names: Names, where: str = "patient") -> tuple[Patient, tuple[Reading, ...]]:
    """A Patient from a JSON-like dict, and how each of its names was read; errors name the field
    (`history[2].outcome`) and `where`."""
    if not isinstance(data, dict):
        raise OncoKGError(f"{where}: expected a JSON object with {', '.join(FIELDS[1:])}")
    if not _FIELD_SET.issuperset(data):
        unknown = data.keys() - _FIELD_SET
        raise OncoKGError(f"{where}: unknown field {excerpt(sorted(unknown)[0])}; known fields: {', '.join(FIELDS)}")
    for required in ("cancer", "setting"):
        if required not in data:
            raise OncoKGError(f"{where}: field {required!r} is missing")
    reader = _Reader(names, where)
    cancer = reader.field(data["cancer"], "cancer", "cancer")
    setting = reader.field(data["setting"], "setting", "setting")
    statuses = reader.statuses(data.get("biomarkers"))
    findings = reader.names_list(data.get("findings"), "finding", "findings", "expected a list of names")
    implied = names.implied_findings(data["cancer"])
    if implied:
        reader.readings += [Reading("cancer", data["cancer"].strip(), f.iri, f.how) for f in implied]
        findings |= {f.iri for f in implied}
    reader.exclusive(setting, findings)
    history = reader.history(data.get("history"))
    expected = 'expected a list of treatment names, e.g. ["surgery"]'
    planned = reader.names_list(data.get("planned"), "treatment", "planned", expected)
    return Patient(cancer, setting, statuses, findings, history, planned), tuple(reader.readings)


def parse_patient(data: Any, names: Names, where: str = "patient") -> Patient:
    """A Patient from a JSON-like dict (`read_patient` without the readings)."""
    return read_patient(data, names, where)[0]


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


def _finite(number: str) -> float:
    value = float(number)
    if not math.isfinite(value):
        raise ValueError(f"{number[:40]} is too large for a number")
    return value


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object whose keys are all different (the last of two would win without a word)."""
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise ValueError(f"the key {key[:40]!r} is given twice in one object")
        found[key] = value
    return found


_DECODER = json.JSONDecoder(parse_constant=_not_json, parse_float=_finite, object_pairs_hook=_no_duplicates)


def _check_strings(value: Any) -> None:
    """Every string (key or value) is valid Unicode: a lone surrogate escape (\\ud800) is JSON,
    but it cannot be written back out as UTF-8."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise OncoKGError(
                    f"invalid JSON: the string {item[:40]!r} is not valid Unicode (lone surrogate)"
                ) from None


def loads(text: str, depth_cap: int | None = None) -> Any:
    """Strict JSON: nesting past ``max_json_depth`` (or `depth_cap`; checked before parsing),
    integers past Python's digit limit, numbers too large for a float, NaN, Infinity, a key given
    twice in one object and lone surrogates are errors of the input, not of the program, and never
    come back out as something that is not JSON."""
    check_json_depth(text, depth_cap)
    try:
        value = _DECODER.decode(text)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise OncoKGError("invalid JSON: nests too deeply") from None
    except ValueError as exc:
        raise OncoKGError(f"invalid JSON: {str(exc).split(';')[0][:120]}") from None
    if not text.isascii() or "\\u" in text:  # else no string can hold a lone surrogate: nothing to walk
        _check_strings(value)
    return value


def read_patient_file(path: Path) -> Any:
    """The JSON document of a patient file."""
    text = read_text(path)
    try:
        return loads(text)
    except json.JSONDecodeError as exc:
        raise OncoKGError(f"{path}: {_json_error(exc)}") from None
    except OncoKGError as exc:
        raise OncoKGError(f"{path}: {exc}") from None


def read_cohort_line(text: str, depth_cap: int | None = None) -> Any:
    """One JSON record of a cohort file (the caller says which line), nested at most `depth_cap`
    deep (else ``max_json_depth`` as the environment says now)."""
    try:
        return loads(text, depth_cap)
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
