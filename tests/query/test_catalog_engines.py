"""Every catalogue query, answered on the real graph, on each engine: embedded, oxigraph server, Virtuoso."""

import pytest

from helpers import SOURCE_IDS

# One worker runs this module: the servers (the `kg` fixture's oxigraph and Virtuoso) start once, not once per worker.
pytestmark = pytest.mark.xdist_group("engines")


def labels(result, column):
    return {row[column].value for row in result.rows if row.get(column) is not None}


def text(row, column) -> str:
    """A cell's text; an empty GROUP_CONCAT may come back unbound."""
    value = row.get(column)
    return value.value if value is not None else ""


def items(value: str) -> set[str]:
    """A GROUP_CONCAT cell as a set (engines order the items differently)."""
    return {part.strip() for part in value.replace(";", ",").replace(" or ", ",").split(",") if part.strip()}


def check_drug_targets(kg):
    for name in ("Gleevec", "chebi:45783", "oncokg:imatinib"):  # brand name, mapped CURIE, own CURIE
        assert labels(kg.query("drug-targets", drug=name), "targetLabel") == {"KIT", "PDGFRA"}
    assert labels(kg.query("drug-targets", drug="sunitinib"), "targetLabel") >= {"KIT", "PDGFRA"}


def check_drugs_for_target(kg):
    assert labels(kg.query("drugs-for-target", target="ERBB2"), "drugLabel") == {"trastuzumab"}
    assert labels(kg.query("drugs-for-target", target="hgnc:6342"), "drugLabel") == {
        "imatinib",
        "sunitinib",
        "regorafenib",
    }


def check_adverse_effects(kg):
    result = kg.query("adverse-effects", treatment="Stivarga")
    assert labels(result, "effectLabel") >= {"hand-foot syndrome", "diarrhea", "high blood pressure"}
    hfs = [r for r in result.rows if r["effectLabel"].value == "hand-foot syndrome"]
    assert {r["frequencyLabel"].value for r in hfs} == {"common"}
    rfa = kg.query("adverse-effects", treatment="RFA")
    assert "abdominal pain" in labels(rfa, "effectLabel") and labels(rfa, "viaLabel") == {"ablation"}
    liver = [
        r
        for r in kg.query("adverse-effects", treatment="embolization").rows
        if r["effectLabel"].value == "worsening liver function"
    ]
    higher = [r for r in liver if text(r, "riskHigherWhen")]
    assert higher and all("hepatic artery" in text(r, "riskHigherWhen") for r in higher)
    assert all("risk is higher" in r["quote"].value for r in higher), "the modifier is shown beside its own quote"
    upset = [
        r for r in kg.query("adverse-effects", treatment="imatinib").rows if r["effectLabel"].value == "stomach upset"
    ]
    assert len(upset) == 1 and text(upset[0], "lessenedWhen") == "taken with food", "one row, both quotes"


def check_drugs_by_adverse_effect(kg):
    assert labels(kg.query("drugs-by-adverse-effect", effect="diarrhoea"), "treatmentLabel") >= {
        "imatinib",
        "sunitinib",
        "regorafenib",
        "chemotherapy",
    }


def check_treatments_for(kg):
    gist = kg.query("treatments-for", cancer="GIST").rows
    by_statement = {r["statement"].value.rsplit("/", 1)[-1]: r for r in gist}
    assert len(by_statement) == len(gist), "one row per statement"
    rare = by_statement["ag-chemo-rarely-used-today"]
    assert (rare["stanceLabel"].value, rare["frequencyLabel"].value) == ("rarely used", "rarely")
    assert "rarely used" in rare["quote"].value
    bone = by_statement["ag-radiation-symptom-relief-bone-pain-use"]
    assert bone["stanceLabel"].value == "option" and items(bone["purposes"].value) == {"symptom relief"}
    assert items(bone["conditions"].value) == {"bone pain"}
    assert by_statement["ag-radiation-not-very-helpful-use"]["stanceLabel"].value == "not very helpful"
    unresectable = kg.query("treatments-for", cancer="GIST", state="unresectable")
    assert labels(unresectable, "treatmentLabel") >= {"imatinib", "sunitinib", "regorafenib"}
    assert all("unresectable" in items(r["states"].value) for r in unresectable.rows)
    metastatic = kg.query("treatments-for", cancer="GIST", state="metastatic")
    chemotherapy = {r["stanceLabel"].value for r in metastatic.rows if r["treatmentLabel"].value == "chemotherapy"}
    assert chemotherapy == {"usually not effective"}, "no sentence gives chemotherapy as an option for metastatic GIST"
    stomach = kg.query("treatments-for", cancer="gastric cancer")
    assert labels(stomach, "treatmentLabel") >= {"chemotherapy", "trastuzumab"}
    immunotherapy = {r["stanceLabel"].value for r in stomach.rows if r["treatmentLabel"].value == "immunotherapy"}
    assert immunotherapy == {"rarely used", "in a clinical trial"}
    nivolumab = [r for r in stomach.rows if r["treatmentLabel"].value == "nivolumab"]
    assert {r.get("frequencyLabel") and r["frequencyLabel"].value for r in nivolumab} >= {"not commonly"}
    assert all("not widely available" in text(r, "availability") for r in nivolumab)
    with_chemo = [r for r in stomach.rows if r["treatmentLabel"].value == "trastuzumab" and text(r, "givenWith")]
    assert with_chemo and all(text(r, "givenWith") == "chemotherapy" for r in with_chemo)
    # a pathway step reached only on a trigger says so; a state the pathway covers is answered by it
    gist_steps = [r for r in gist if r.get("order") is not None and r["treatmentLabel"].value == "regorafenib"]
    assert gist_steps and all("progression" in text(r, "entry") for r in gist_steps)
    assert "imatinib" in labels(metastatic, "treatmentLabel")
    # the document's state reaches the statements made in it, and the answer says where it comes from
    refractory = kg.query("treatments-for", cancer="any cancer", state="refractory").rows
    symptoms = next(r for r in refractory if r["statement"].value.endswith("/rw-symptom-treatments-findings"))
    assert text(symptoms, "scope") == "What is Refractory Cancer?"


def check_advised_against(kg):
    rows = kg.query("advised-against", cancer="GIST").rows
    says = {(r["treatmentLabel"].value, r["saysLabel"].value) for r in rows}
    assert {
        ("chemotherapy", "rarely used"),
        ("chemotherapy", "historical"),
        ("radiation therapy", "not very helpful"),
        ("regorafenib", "benefit unproven"),
    } <= says
    assert not {s for _, s in says} & {"option", "benefit shown", "under study", "in a clinical trial"}
    unproven = [r for r in rows if r["treatmentLabel"].value == "regorafenib"]
    assert {r["outcomeLabel"].value for r in unproven} == {"longer survival"} and "not clear" in unproven[0][
        "quote"
    ].value


def check_under_study(kg):
    rows = kg.query("under-study", cancer="stomach cancer").rows
    says = {(r["treatmentLabel"].value, r["saysLabel"].value) for r in rows}
    assert ("immunotherapy", "in a clinical trial") in says
    assert ("other targeted drugs being studied", "under study") in says
    assert "targeted therapy" not in {t for t, _ in says}, "unnamed drugs under study are not the whole class"


def check_treatment_sequence(kg):
    rows = kg.query("treatment-sequence", cancer="GIST", state="unresectable").rows
    order = {}
    for row in rows:
        order.setdefault(row["treatmentLabel"].value, int(row["order"].value))
    assert order["imatinib"] == 1
    assert order["imatinib"] < order["higher-dose imatinib"] < order["sunitinib"] < order["regorafenib"]
    into_regorafenib = [r for r in rows if r["treatmentLabel"].value == "regorafenib" and r.get("fromTreatmentLabel")]
    assert {r["fromTreatmentLabel"].value for r in into_regorafenib} == {"sunitinib"}
    assert all("progression" in items(r["triggers"].value) for r in into_regorafenib)


def check_biomarker_therapies(kg):
    result = kg.query("biomarker-therapies", biomarker="HER2")
    assert labels(result, "treatmentLabel") == {"trastuzumab"}
    assert labels(result, "testLabel") == {"HER2 testing"}
    assert len(result.rows) == 1, "one row per treatment, status, certainty and test, its quotes together"
    assert len(items(text(result.rows[0], "specimens"))) == 2


def check_contraindications(kg):
    result = kg.query("contraindications", treatment="TAE")
    assert labels(result, "viaLabel") == {"embolization"}
    assert labels(result, "conditionLabel") & {"cirrhosis", "hepatitis", "liver damage"}


def check_care_team(kg):
    result = kg.query("care-team", cancer="stomach cancer")
    named = {"medical oncologist", "radiation oncologist", "surgeon", "gastroenterologist", "nutritionist"}
    assert labels(result, "roleLabel") >= named
    gist = kg.query("care-team", cancer="GIST")
    surgical = next(r for r in gist.rows if r["roleLabel"].value == "surgical oncologist")
    assert "treats with surgery" in items(surgical["does"].value)


def check_uncertain_benefit(kg):
    result = kg.query("uncertain-benefit")
    pairs = {
        (r["subjectLabel"].value, r["objectLabel"].value)
        for r in result.rows
        if r.get("subjectLabel") and r.get("objectLabel")
    }
    assert ("regorafenib", "longer survival") in pairs
    diseases = {"gastrointestinal stromal tumour", "stomach cancer"}
    doubts = [r for r in result.rows if r.get("predicateLabel") and "benefit" in r["predicateLabel"].value]
    assert doubts and not {r["objectLabel"].value for r in doubts if r.get("objectLabel")} & diseases
    assert ("nutritional support", "long-term survival") in pairs
    assert any("not yet clear" in r["quote"].value for r in result.rows)


def check_evidence(kg):
    result = kg.query("evidence", subject="imatinib", object="KIT")
    assert len(result.rows) == 1
    row = result.rows[0]
    assert row["predicate"].value.endswith("/targets") and row["source"].value.endswith("/acs-gist")
    assert "KIT" in row["quote"].value and row["sourceDate"].value == "2017-05-17"
    assert len(kg.query("evidence", subject="imatinib").rows) > 20
    radiation = kg.query("evidence", subject="radiation therapy", object="GIST").rows
    derived = [r for r in radiation if r["direction"].value == "derived"]
    assert derived and all("bone pain" in r["quote"].value for r in derived), "usedToTreat answers with its statement"
    stated = {r["statement"].value.rsplit("/", 1)[-1] for r in radiation if r["direction"].value == "statement"}
    assert {"ag-radiation-not-very-helpful-use", "ag-radiation-symptom-relief-bone-pain-use"} <= stated


def check_sources(kg):
    rows = {r["source"].value.rsplit("/", 1)[-1]: r for r in kg.query("sources").rows}
    assert len(rows) == len(SOURCE_IDS)
    assert rows["stomach-targeted-immuno"]["reviewOverdue"].value == "yes"
    assert rows["acs-gist"]["reviewOverdue"].value == "unknown"


def check_stale_facts(kg):
    rows = kg.query("stale-facts").rows
    assert rows and {r["source"].value.rsplit("/", 1)[-1] for r in rows} == {"stomach-targeted-immuno"}


def check_mappings(kg):
    rows = {r["external"].value: r for r in kg.query("mappings", entity="Gleevec").rows}
    assert rows["http://purl.obolibrary.org/obo/CHEBI_45783"]["status"].value == "asserted"
    for row in rows.values():
        assert (row["status"].value == "asserted") == (float(row["confidence"].value) >= 0.9)


def check_recommendations(kg):
    rows = kg.query("recommendations", treatment="imatinib").rows
    high_risk = [r for r in rows if r.get("conditions") and "high risk of recurrence" in items(r["conditions"].value)]
    assert high_risk and {r["minimumDuration"].value for r in high_risk} == {"P3Y"}


def check_drug_classes(kg):
    rows = kg.query("drug-classes", drug="Herceptin").rows
    inferred = {r["classLabel"].value for r in rows if r["how"].value == "inferred"}
    assert "HER2-directed therapy" in inferred


def check_catalogue(kg):
    assert "Therapies that depend on a biomarker" in labels(kg.query("catalogue", keyword="HER2"), "title")
    assert len(kg.query("catalogue").rows) == len(kg.catalog)


CHECKS = {
    name[len("check_") :].replace("_", "-"): check for name, check in globals().items() if name.startswith("check_")
}


def test_every_catalogue_query_has_a_check(project):
    from oncokg.query.catalog import load_catalog

    assert set(CHECKS) == set(load_catalog(project.queries_dir))


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_catalogue_query_answers(kg, name):
    CHECKS[name](kg)
