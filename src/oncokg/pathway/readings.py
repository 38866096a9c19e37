"""How each input of a patient was read, said in the answer: nothing is read silently as something else."""

from collections.abc import Callable, Iterable
from typing import Any

from oncokg.pathway.patient import NOTHING, Reading
from oncokg.query.readings import reading_words, worth_saying


def shown(readings: Iterable[Reading], label: Callable[[str], str]) -> list[Reading]:
    """The readings worth saying: every input not given as its entity's own label."""
    return [r for r in readings if worth_saying(r.text, _label(r.iri, label), r.how)]


def _label(iri: str, label: Callable[[str], str]) -> str:
    return "no finding" if iri == NOTHING else label(iri)


def reading_lines(readings: Iterable[Reading], label: Callable[[str], str], indent: str = "  ") -> list[str]:
    """The lines the text answer shows under the patient header."""
    return [indent + note for note in reading_notes(readings, label)]


def reading_dicts(readings: Iterable[Reading], label: Callable[[str], str]) -> list[dict[str, Any]]:
    """The readings of the JSON answer, the API and the page."""
    return [
        {
            "field": r.field,
            "text": r.text,
            "read_as": label(r.iri),
            "how": r.how,
            "said": reading_words(r.text, label(r.iri), r.how),
        }
        for r in shown(readings, label)
    ]


def reading_notes(readings: Iterable[Reading], label: Callable[[str], str]) -> list[str]:
    """The readings as notes of a whole pathway (`oncokg pathway tree`)."""
    return [f"{reading_words(r.text, _label(r.iri, label), r.how)} ({r.field})" for r in shown(readings, label)]
