"""`python -m tests.search_eval`: see evaluate.py."""

from .evaluate import main

main()
