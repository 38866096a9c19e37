"""`python -m oncokg` runs the command line."""

from oncokg.cli import main

main()
