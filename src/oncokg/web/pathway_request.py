"""A patient state from a web request: the query parameters of `GET /api/pathway` and of the
pathway page's shareable address (the CLI's option names: `cancer`, `setting`, `biomarker`,
`finding`, `history`, `planned`, repeatable where the CLI's are), and the JSON body of `POST`,
declared for the API docs. Errors name the query parameter, in web words."""

from typing import Any

from pydantic import BaseModel, Field

from oncokg.errors import OncoKGError
from oncokg.pathway.patient import history_item

REPEATABLE = ("biomarker", "finding", "history", "planned")
SINGLE = ("cancer", "setting")
EXAMPLE: dict[str, Any] = {
    "cancer": "GIST",
    "setting": "unresectable",
    "biomarkers": {"KIT": "overexpression"},
    "findings": [],
    "history": [{"treatment": "imatinib", "outcome": "progression"}],
    "planned": [],
}


class PatientState(BaseModel):
    """The JSON patient of `oncokg pathway next --patient FILE` (docs/pathways.md), for the OpenAPI
    description; the reasoner's own reader checks the body, so its errors stay its own."""

    cancer: str = Field(description="The cancer: label, synonym or CURIE.", examples=["GIST"])
    setting: str = Field(description="The disease state (unresectable, recurrent...).", examples=["unresectable"])
    biomarkers: dict[str, str] = Field(default_factory=dict, description="Biomarker name to status.")
    findings: list[str] = Field(default_factory=list, description="Findings, e.g. 'liver metastases'.")
    history: list[dict[str, str]] = Field(
        default_factory=list, description="Treatments in order, each {treatment, outcome}."
    )
    planned: list[str] = Field(default_factory=list, description="Treatments planned.")


# What each query parameter is, for the API docs; `example` is what "Try it out" sends.
_PARAMETERS = {
    "cancer": ("The cancer: label, synonym or CURIE.", "GIST"),
    "setting": ("The disease state (unresectable, recurrent...).", "unresectable"),
    "biomarker": ("NAME=STATUS; repeat for more than one.", "KIT=overexpression"),
    "finding": ("A finding; repeat for more than one.", None),
    "history": ("TREATMENT:OUTCOME, in order; repeat for each treatment given.", "imatinib:progression"),
    "planned": ("A treatment planned; repeat for more than one.", None),
}


def query_parameters() -> list[dict[str, Any]]:
    """The OpenAPI parameters of the pathway's GET routes."""
    declared = []
    for name, (description, example) in _PARAMETERS.items():
        repeatable = name in REPEATABLE
        schema: dict[str, Any] = {"type": "array", "items": {"type": "string"}} if repeatable else {"type": "string"}
        item: dict[str, Any] = {"name": name, "in": "query", "required": name in SINGLE, "description": description}
        item["schema"] = schema
        if example:
            item["example"] = [example] if repeatable else example
        if repeatable:
            item.update(style="form", explode=True)
        declared.append(item)
    return declared


def request_body_schema() -> dict[str, Any]:
    """The `requestBody` of `POST /api/pathway`, with the worked example."""
    schema = PatientState.model_json_schema()
    return {
        "required": True,
        "content": {"application/json": {"schema": schema, "example": EXAMPLE}},
    }


def patient_from_query(items: list[tuple[str, str]]) -> dict[str, Any]:
    """The patient that a pathway address's query parameters describe."""
    known = set(SINGLE) | set(REPEATABLE)
    unknown = sorted({key for key, _ in items} - known)
    if unknown:
        raise OncoKGError(
            f"unknown query parameter {', '.join(unknown)}; the pathway takes {', '.join((*SINGLE, *REPEATABLE))}"
        )
    values: dict[str, list[str]] = {}
    for key, value in items:
        values.setdefault(key, []).append(value.strip())
    for key in SINGLE:
        values[key] = [v for v in values.get(key, []) if v]
        if not values[key]:
            raise OncoKGError(f"missing query parameter {key} (e.g. ?{key}={EXAMPLE[key]})")
        if len(values[key]) > 1:
            raise OncoKGError(f"query parameter {key} is given more than once; it takes one value")
    markers: dict[str, str] = {}
    for item in values.get("biomarker", []):
        name, sep, status = item.partition("=")
        if not sep or not name.strip() or not status.strip():
            raise OncoKGError(
                f"query parameter biomarker={item!r}: expected NAME=STATUS, e.g. biomarker=KIT=overexpression"
            )
        markers[name.strip()] = status.strip()
    history = []
    for item in values.get("history", []):
        entry = history_item(item)
        if not isinstance(entry, dict):
            raise OncoKGError(
                f"query parameter history={item!r}: expected TREATMENT:OUTCOME, e.g. history=imatinib:progression"
            )
        history.append(entry)
    return {
        "cancer": values["cancer"][0],
        "setting": values["setting"][0],
        "biomarkers": markers,
        "findings": [v for v in values.get("finding", []) if v],
        "history": history,
        "planned": [v for v in values.get("planned", []) if v],
    }
