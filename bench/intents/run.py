"""Held-out check on the project's own data: train on 80 %, score the full parser on 20 %.

Run: python -m bench.intents.run   (ends with one JSON line)
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
from pathlib import Path

from nlp.evaluation.intents import evaluate
from nlp.local_parser import LocalParser
from nlp.model_store import DEFAULT_DATA, load_rows, train


def main() -> None:
    rows = load_rows(DEFAULT_DATA)
    random.Random(11).shuffle(rows)
    cut = int(len(rows) * 0.8)
    parser = LocalParser(models=train(rows[:cut]))
    parser.warm_up()
    held_out = rows[cut:]
    report = evaluate(parser, held_out)
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "held_out.jsonl").write_text(
            "\n".join(json.dumps(r, ensure_ascii=False) for r in held_out), encoding="utf-8"
        )
    if "--errors" in sys.argv:
        for miss in report.misses[:50]:
            print(miss)
    print(f"trained on {cut} generated messages, scored {len(held_out)} held-out ones")
    print(json.dumps(report.figures()))


if __name__ == "__main__":
    main()
