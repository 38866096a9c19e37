"""Entities and IRIs the tests use, named once."""

from oncokg.vocab.rdf import BASE

IMATINIB = BASE + "imatinib"
SUNITINIB = BASE + "sunitinib"
REGORAFENIB = BASE + "regorafenib"
TRASTUZUMAB = BASE + "trastuzumab"
KIT = BASE + "KIT"
HER2 = BASE + "HER2"
KIT_INHIBITOR = BASE + "KITInhibitor"
PDGFRA_INHIBITOR = BASE + "PDGFRAInhibitor"
HER2_DIRECTED = BASE + "HER2DirectedTherapy"
MOLECULAR_TARGET = BASE + "MolecularTarget"
BIOMARKER_DEPENDENT = BASE + "BiomarkerDependentTherapy"

SOURCE_IDS = ("stomach-recurrent", "refractory-overview", "stomach-targeted-immuno", "refractory-what-is", "acs-gist")
