"""Training data for the intent parser and the script that generates it."""
