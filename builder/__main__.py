"""`python -m builder ...` is the `diplokg` command."""
from .cli import main

main()
