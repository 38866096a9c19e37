"""Entities and IRIs the tests use, named once."""

from oncokg.namespaces import BASE, SOURCE

IMATINIB = BASE + "imatinib"
SUNITINIB = BASE + "sunitinib"
REGORAFENIB = BASE + "regorafenib"
TRASTUZUMAB = BASE + "trastuzumab"
KIT = BASE + "KIT"
PDGFRA = BASE + "PDGFRA"
HER2 = BASE + "HER2"
HER2_POSITIVE = BASE + "HER2_positive"
GIST = BASE + "gist"
GASTRIC_CANCER = BASE + "gastric_cancer"
KIT_INHIBITOR = BASE + "KITInhibitor"
PDGFRA_INHIBITOR = BASE + "PDGFRAInhibitor"
HER2_DIRECTED = BASE + "HER2DirectedTherapy"
MOLECULAR_TARGET = BASE + "MolecularTarget"
BIOMARKER_DEPENDENT = BASE + "BiomarkerDependentTherapy"
ESTABLISHED, HEDGED, UNCLEAR = BASE + "established", BASE + "hedged", BASE + "unclear"

SOURCE_IDS = ("stomach-recurrent", "refractory-overview", "stomach-targeted-immuno", "refractory-what-is", "acs-gist")
ACS_GIST = str(SOURCE["acs-gist"])
STOMACH_TARGETED = str(SOURCE["stomach-targeted-immuno"])

