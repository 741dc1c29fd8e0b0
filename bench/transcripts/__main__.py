"""Run the transcript benchmark: python -m bench.transcripts."""

from bench.transcripts.run import main

if __name__ == "__main__":
    main()
