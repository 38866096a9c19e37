"""The ontology's individuals that the pathway rules depend on, named once.

Renaming one of them in ontology/oncokg.ttl would silently change the answers; tests/vocab/test_terms.py
checks that each is declared there, so the rename fails a test instead.
"""

from oncokg.vocab import BASE

# transition triggers: what happened on a treatment
PROGRESSION = BASE + "progression"
INTOLERANCE = BASE + "intolerance"
RESPONSE = BASE + "response"
STABLE = BASE + "stable"
COMPLETE_RESECTION = BASE + "complete_resection"
# recurrence risks, findings that fire the steps after surgery; a factor the source says raises the risk
# ("higher if the tumor is larger, if it did not start in the stomach...") reads as at least intermediate
RECURRENCE_RISKS = tuple(BASE + f"{level}_recurrence_risk" for level in ("low", "intermediate", "high"))
INTERMEDIATE_RECURRENCE_RISK = BASE + "intermediate_recurrence_risk"

# disease states and findings the rules read
REFRACTORY = BASE + "refractory"
# a cancer removed by surgery: a later growth is a recurrence, whether the resection is given as the
# setting or as a history entry
COMPLETELY_RESECTED = BASE + "completely_resected"
OPTIONS_EXHAUSTED = BASE + "options_exhausted"
# a treatment whose choice the source says depends on the previous treatments ("several chemotherapy
# regimens to choose from") is offered again, as another regimen, after one of its regimens failed
PREVIOUS_TREATMENTS = BASE + "previous_treatments"

# a setting: given first to make surgery possible, so the surgery a response leads to comes before
# going on with it
NEOADJUVANT = BASE + "neoadjuvant"

# the broadest cancer, whose sources apply to every cancer
ANY_CANCER = BASE + "cancer_in_general"

# stances of treatment statements
OPTION = BASE + "option"
TRIAL_ONLY = BASE + "trial_only"
RARELY_USED = BASE + "rarely_used"
NOT_HELPFUL = BASE + "not_helpful"
NOT_EFFECTIVE = BASE + "not_effective"
NOT_RECOMMENDED = BASE + "not_recommended"

TERMS = {name: iri for name, iri in dict(globals()).items() if name.isupper() and isinstance(iri, str) and iri != BASE}
