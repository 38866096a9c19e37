"""One exception type for problems a user can fix, so the CLI can print one line and exit."""


class OncoKGError(Exception):
    """A user-facing error: bad input, missing tool, failed check. The message is one line."""
