"""Answers of SELECT queries, the same from every backend: cells as `Value`s, rows in a `Result`."""

from dataclasses import dataclass

from oncokg.errors import OncoKGError

XSD_NS = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class Value:
    """One result cell: an IRI, a literal (with datatype or language) or a blank node."""

    kind: str
    value: str
    datatype: str | None = None
    language: str | None = None


def bound(row: dict[str, "Value | None"], name: str) -> "Value":
    """The cell of a variable the query always binds (a plain triple pattern, a COUNT): the one check
    that turns a missing value into a clear error instead of an AttributeError on None."""
    value = row.get(name)
    if value is None:
        raise OncoKGError(f"the answer has no value for ?{name}, which the query always binds")
    return value


@dataclass
class Result:
    """Rows of a SELECT: the variables in order and one dict of cells per row."""

    variables: list[str]
    rows: list[dict[str, Value | None]]

    def records(self) -> list[dict]:
        """The rows as dicts of typed values (`oncokg.store.values.typed_value`): numbers as numbers."""
        from oncokg.store.values import typed_value

        return [{v: typed_value(row.get(v)) for v in self.variables} for row in self.rows]

    def to_dataframe(self):
        """The rows as a pandas DataFrame of typed values, with the same columns when there are no rows."""
        try:
            import pandas
        except ImportError:
            raise OncoKGError("pandas is needed for DataFrames: pip install 'oncokg[notebooks]'") from None
        return pandas.DataFrame.from_records(self.records(), columns=self.variables)
