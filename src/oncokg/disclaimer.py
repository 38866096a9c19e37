"""The one notice every answer carries: the CLI, the pathway output (text and JSON) and the web service."""

DISCLAIMER = (
    "OncoKG restates patient-information documents (reviewed 2017-2019) with their sources; it is not medical advice."
)
