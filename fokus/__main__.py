"""`python -m fokus`: the same command line as the installed `fokus` script."""

from .cli import main

main(prog_name="fokus")
