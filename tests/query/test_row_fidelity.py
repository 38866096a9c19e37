"""A check that reads each catalogue row without its quote: a row says no more than its statement.

Every catalogue query that names a statement node in a column is run on the real graph for its
example and for each cancer and state; each row is compared with what its statement holds. A row
fails when it gives a stance or status the statement does not have (a positive reading of a
non-option), puts an outcome doubt on something other than the statement's outcome (the disease),
drops one of the statement's conditions, or drops its disease state (widening it to every state): a
query that shows statements shows their states and conditions (evidence, one row per property of a
statement, shows each as its own row).
"""

import pytest

from oncokg.query.client import OncoKG

B = "https://w3id.org/oncokg/"
STATEMENT_COLUMNS = ("statement", "recommendation", "node", "step")
PARAMETERS = {
    "cancer": ["GIST", "stomach cancer", "any cancer"],
    "state": [None, "unresectable", "metastatic", "recurrent", "refractory", "advanced"],
    "treatment": ["imatinib", "trastuzumab", "chemotherapy", "regorafenib", "supportive care"],
}


@pytest.fixture(scope="module")
def client(built_project, built) -> OncoKG:
    return OncoKG.open(root=built_project.root)


CACHE: dict[tuple, object] = {}


def memo(function):
    def cached(client, *args):
        key = (function.__name__, *args)
        if key not in CACHE:
            CACHE[key] = function(client, *args)
        return CACHE[key]

    return cached


@memo
def holds(client: OncoKG, statement: str, predicate: str) -> set[str]:
    query = f"SELECT ?v WHERE {{ <{statement}> <{B}{predicate}> ?v }}"
    return {row["v"].value for row in client.sparql(query).rows}


@memo
def states_of(client: OncoKG, statement: str) -> set[str]:
    query = f"SELECT ?v WHERE {{ <{statement}> <{B}inDiseaseState>|<{B}stepOf>/<{B}inDiseaseState> ?v }}"
    return {row["v"].value for row in client.sparql(query).rows}


@memo
def label(client: OncoKG, iri: str) -> str:
    rows = client.sparql(f"SELECT ?l WHERE {{ <{iri}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}").rows
    return rows[0]["l"].value if rows else iri


def answers(client: OncoKG):
    """(query, parameters, rows) for each catalogue query with a statement column and each parameter choice."""
    for name, query in sorted(client.catalog.items()):
        names = [p.name for p in query.parameters]
        choices: list[dict] = [{p.name: p.example for p in query.parameters}]
        if names and set(names) <= set(PARAMETERS):
            choices = [{}]
            for n in names:
                choices = [{**c, n: v} for c in choices for v in PARAMETERS[n]]
        for params in choices:
            given = {k: v for k, v in params.items() if v is not None}
            if len(given) < sum(not p.optional for p in query.parameters):
                continue
            try:
                result = client.query(name, **given)
            except Exception:  # a name that does not resolve for this query: nothing to read
                continue
            if any(c in result.variables for c in STATEMENT_COLUMNS):
                yield name, given, result.rows


def problems(client: OncoKG, row: dict, per_property: bool = False) -> list[str]:
    column = next(c for c in STATEMENT_COLUMNS if row.get(c) is not None and row[c].kind == "iri")
    statement = row[column].value
    found = []
    status = holds(client, statement, "stance") | holds(client, statement, "outcomeStatus")
    for key in ("stance", "says"):
        if row.get(key) is not None and status and row[key].value not in status:
            found.append(f"{key} {row[key].value} but the statement's is {sorted(status)}")
    outcomes = holds(client, statement, "hasOutcome")
    predicate = row["predicate"].value if row.get("predicate") is not None else ""
    doubt = row["object"].value if predicate.endswith("outcomeStatus") and row.get("object") is not None else None
    if outcomes and doubt is not None and doubt not in outcomes:
        found.append(f"object {row['object'].value}: the doubt is about {sorted(outcomes)}")
    if per_property:  # evidence: one row per property of the statement, each with its own quote
        return found
    shown = (row["conditions"].value if row.get("conditions") is not None else "").lower()
    for condition in holds(client, statement, "hasCondition"):
        if label(client, condition).lower() not in shown:
            found.append(f"condition {condition} dropped")
    states = states_of(client, statement)
    shown = " ".join(row[k].value for k in ("states", "state") if row.get(k) is not None)
    if states and not any(s == shown or label(client, s) in shown for s in states):
        found.append(f"states {sorted(states)} dropped")
    return found


@pytest.mark.slow  # every row of every catalogue query
def test_no_catalogue_row_says_more_than_its_statement(client):
    failures = []
    read = 0
    for name, params, rows in answers(client):
        for row in rows:
            if not any(row.get(c) is not None and row[c].kind == "iri" for c in STATEMENT_COLUMNS):
                continue
            read += 1
            failures += [f"{name} {params}: {p}" for p in problems(client, row, per_property=name == "evidence")]
    assert read > 100, "the check read the rows"
    assert not failures, "\n".join(sorted(set(failures))[:20])


def test_the_check_catches_a_row_that_says_more(client):
    """A row claiming an option for a rarely-used statement, and one dropping a condition, are caught."""
    statement = B + "node/ag-chemo-rarely-used-today"

    class V:
        def __init__(self, value, kind="iri"):
            self.value, self.kind = value, kind

    widened = {"statement": V(statement), "stance": V(B + "option"), "conditions": V("", "literal")}
    assert any("stance" in p for p in problems(client, widened))
    bone = {"statement": V(B + "node/ag-radiation-symptom-relief-bone-pain-use"), "conditions": V("", "literal")}
    assert any("condition" in p for p in problems(client, bone))
    doubt = {
        "node": V(B + "node/gt-regorafenib-survival-unclear"),
        "predicate": V(B + "outcomeStatus"),
        "object": V(B + "gist"),
    }
    assert any("doubt" in p for p in problems(client, doubt))
