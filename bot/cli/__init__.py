"""Command-line interface: `salesbrain` and its subcommands."""
