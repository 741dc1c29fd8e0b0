"""`python -m bench.retrieval` runs the retrieval benchmark."""

from bench.retrieval.run import main

main()
