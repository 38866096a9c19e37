"""`python -m oncokg` runs the command line."""

from .cli import main

main()
