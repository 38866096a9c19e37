"""The curation assistant: drafts facts from a new text for a curator to accept or reject.

It sits above the query layer because it reads mentions through the terminology layer
(`oncokg.query.terms`) and the build's name index; the curation layer below it only refuses drafts.
"""
