"""Cohorts: one JSON line in, one JSON line out per patient; a bad record is an error line, never a stop."""

import gc
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import orjson

from oncokg.disclaimer import DISCLAIMER
from oncokg.errors import OncoKGError
from oncokg.limits import limit
from oncokg.pathway.answer import Outcome
from oncokg.pathway.patient import Names, Patient, Reading, read_cohort_line, read_patient
from oncokg.pathway.readings import reading_dicts
from oncokg.pathway.render import Pieces, patient_dict, result_dict
from oncokg.pathway.rules import Reasoner


@dataclass
class CohortCounts:
    """How a cohort run went."""

    answered: int = 0
    failed: int = 0


class Cohort:
    """Answers the records of a cohort, serialising each distinct patient and each shared result once.

    Answers are UTF-8 bytes, as orjson writes them and as they are written out: a result is about
    14 KB of JSON, and decoding it to text, copying it into each line and encoding it again on
    the way out took more of a repeated state's time than reading its record."""

    def __init__(self, reasoner: Reasoner, names: Names, disclaimer: str = DISCLAIMER, memo_size: int = 100_000):
        self.reasoner = reasoner
        self.names = names
        self.disclaimer = disclaimer
        self.memo_size = memo_size
        self.counts = CohortCounts()
        self._patients: dict[Patient, tuple[bytes, bytes]] = {}  # each patient's JSON and its result's
        self._results: dict[int, tuple[Outcome, bytes]] = {}  # each result's JSON without its opening brace
        self._readings: dict[Reading, bytes] = {}  # each reading's JSON, empty when not worth saying
        self._pieces = Pieces(reasoner.graph)  # the graph's parts of an answer, made once for the run
        # the nesting limit of a record, read from the environment once for the run, not per line
        self.json_depth = limit("max_json_depth")

    def _body(self, patient: Patient) -> tuple[bytes, bytes]:
        """The patient's JSON and the shared result's, without its opening brace: kept per patient,
        so a state seen before costs one lookup (not the reasoner's memo, then this one's)."""
        known = self._patients.get(patient)
        if known is not None:
            return known
        answer = self.reasoner.answer(patient)
        graph = self.reasoner.graph
        cached = self._results.get(id(answer.outcome))
        if cached is None or cached[0] is not answer.outcome:
            cached = (answer.outcome, _json(result_dict(answer, graph, self.disclaimer, self._pieces))[1:])
            if len(self._results) < self.memo_size:
                self._results[id(answer.outcome)] = cached
        # a copy of its length: orjson's bytes keep their buffer's spare room (4 KB for a 0.5 KB
        # patient), which the memo would keep for the whole run (+37 MB on 20,000 records)
        shown = bytes(memoryview(_json(patient_dict(answer, graph, self._pieces))))
        if len(self._patients) < self.memo_size:
            self._patients[patient] = (shown, cached[1])
        return shown, cached[1]

    def _said(self, readings: tuple[Reading, ...]) -> bytes:
        """The `"readings": [...], ` part of an answer; each reading is worked out once per way of
        writing a name, which a cohort repeats far more often than whole records."""
        shown = []
        for reading in readings:
            said = self._readings.get(reading)
            if said is None:
                said = _json(reading_dicts((reading,), self.reasoner.graph.label))[1:-1]
                if len(self._readings) < self.memo_size:
                    self._readings[reading] = said
            if said:
                shown.append(said)
        return b'"readings":[' + b",".join(shown) + b"]," if shown else b""

    def answer_line(self, number: int, line: str | OncoKGError) -> bytes:
        """The JSON line answering one record, as UTF-8 without its line break: `{"line", "id",
        "patient", "options", ...}` or `{"line", "id", "error"}`."""
        record_id = None
        try:
            if isinstance(line, OncoKGError):
                raise line
            data = read_cohort_line(line, self.json_depth)
            if isinstance(data, dict):
                record_id = data.get("id")
            patient, readings = read_patient(data, self.names, f"line {number}")
            said = self._said(readings)
            shown, result = self._body(patient)
        except OncoKGError as exc:
            self.counts.failed += 1
            message = str(exc) if str(exc).startswith(f"line {number}") else f"line {number}: {exc}"
            return _json({"line": number, "id": record_id, "error": message})
        self.counts.answered += 1
        head = b'{"line":%d,"id":%b,' % (number, _json(record_id))
        return b"".join((head, said, b'"patient":', shown, b",", result))

    def answer_lines(self, records: Iterable[tuple[int, str | OncoKGError]]) -> Iterator[bytes]:
        """One output line per input record, in order."""
        for number, line in records:
            yield self.answer_line(number, line)


YOUNG_COLLECTION = 5_000
"""Allocations between the garbage collector's young collections in a cohort run (Python's default
is 700). A run makes many small containers that live to its end (the memos, the answers) and no
cycles: a full collection after the benchmark's 20,000 records found nothing to free. At the
default, collections walked them every few records: 10% of a run's time (95 against 85 us a
record, paired)."""


def prepare_collector() -> None:
    """Set the collector for a long cohort run, once the graph and the name index are loaded: those
    are frozen (collections need not walk them again) and young collections come less often."""
    gc.freeze()
    gc.set_threshold(YOUNG_COLLECTION, *gc.get_threshold()[1:])


def _json(value: object) -> bytes:
    """Compact JSON as UTF-8 (orjson: a cohort writes gigabytes of answers, and the standard
    library's encoder took more of the run than reasoning did)."""
    try:
        return orjson.dumps(value)
    except orjson.JSONEncodeError:  # an id past 64 bits, which JSON allows and orjson does not write
        return json.dumps(value, ensure_ascii=False).encode()
