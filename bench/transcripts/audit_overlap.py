"""Near-duplicate audit: our training utterances against every line of an evaluation set.

python -m bench.transcripts.audit_overlap --dev ../shared/data/dev/transcripts.jsonl [--fix]

Each training line (with "{C}" removed) is compared with every turn and sentence of the
evaluation transcripts by rapidfuzz ratio; lines at or above --threshold are printed, and
removed with --fix. Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from nlp.transcripts.competitors import DATA_DIR  # noqa: E402
from nlp.transcripts.next_steps import sentences  # noqa: E402
from nlp.transcripts.parse import parse_transcript  # noqa: E402
from nlp.transcripts.training_data import utterance_files  # noqa: E402


def evaluation_lines(path: Path) -> list[str]:
    lines: set[str] = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        for turn in parse_transcript(json.loads(raw)["transcript"]):
            lines.add(turn.text)
            lines.update(s for s in sentences(turn.text) if len(s) > 8)
    return sorted(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dev", type=Path, required=True, help="evaluation JSONL file")
    parser.add_argument("--threshold", type=float, default=70.0)
    parser.add_argument("--fix", action="store_true", help="remove the lines found")
    args = parser.parse_args()
    targets = evaluation_lines(args.dev)
    found: dict[str, int] = {}
    for path in utterance_files(DATA_DIR):
        keep: list[str] = []
        found[path.name] = 0
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                text = line.split("\t", 3)[3].replace("{C}", "")
                best = process.extractOne(text, targets, scorer=fuzz.ratio)
                if best is not None and best[1] >= args.threshold:
                    found[path.name] += 1
                    print(f"{path.name}\t{best[1]:.0f}\t{text}")
                    continue
            keep.append(line)
        if args.fix and found[path.name]:
            path.write_text("\n".join(keep) + "\n", encoding="utf-8")
    print(json.dumps({"evaluation_lines": len(targets), "near_duplicates": sum(found.values()),
                      "by_file": found, "removed": args.fix}))  # fmt: skip


if __name__ == "__main__":
    main()
