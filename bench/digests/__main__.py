"""`python -m bench.digests` runs the digest benchmark."""

from bench.digests.run import main

main()
