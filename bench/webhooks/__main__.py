"""Run the webhook benchmark: python -m bench.webhooks."""

from bench.webhooks.run import main

if __name__ == "__main__":
    main()
