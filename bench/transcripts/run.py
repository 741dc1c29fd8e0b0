"""Time analysis of non-repeating one-hour calls: en (~9,000 words), zh (~15,000 chars)."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.transcripts.longcall import generate  # noqa: E402
from nlp.transcripts import analyze_transcript, load_builtin_model  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cache = args.cache_dir or Path(tempfile.gettempdir()) / "salesbrain-bench-transcripts"
    started = time.perf_counter()
    model = load_builtin_model(cache)
    load_s = time.perf_counter() - started
    print(f"model ready in {load_s:.2f} s (trained or loaded from {cache})")
    result: dict[str, float | int | bool] = {"model_load_s": round(load_s, 3)}
    for lang, target, vendor in (("en", 9000, "Alex Chen"), ("zh", 15000, "李明")):
        text = generate(lang, target)
        times = []
        analysis = None
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            analysis = analyze_transcript(text, vendor_names=[vendor], model=model)
            times.append(time.perf_counter() - t0)
        assert analysis is not None
        units = analysis.talk_ratio.customer + analysis.talk_ratio.vendor
        best = min(times)
        print(
            f"{lang}: {units} {'words' if lang == 'en' else 'chars'}, "
            f"{len(analysis.utterances)} turns, best of {args.repeat}: {best:.3f} s, "
            f"objections {list(analysis.objection_categories)}, "
            f"competitors {[c.name for c in analysis.competitors]}, "
            f"next steps {analysis.next_steps}, customer share {analysis.talk_ratio.customer_share}"
        )
        result[f"{lang}_units"] = units
        result[f"{lang}_turns"] = len(analysis.utterances)
        said = [u.text for u in analysis.utterances]
        result[f"{lang}_distinct_turn_share"] = round(len(set(said)) / len(said), 3)
        result[f"{lang}_seconds"] = round(best, 3)
        result[f"{lang}_under_1s"] = best < 1.0
    print(json.dumps(result))


if __name__ == "__main__":
    main()
