"""Synthetic whole calls with known labels, built from our labelled utterances.

They let the call-level aggregation (sentiment band, weights, objection thresholds) be tuned
and checked on our own data: the utterance rows are split by a hash of their text, the model
learns from one part and the calls are assembled from the other, so no sentence is seen twice.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nlp.transcripts.competitors import DATA_DIR
from nlp.transcripts.lang import CJK
from nlp.transcripts.training_data import LabelledUtterance, competitor_pool, load_templates

CALL_LINES_FILE = DATA_DIR / "call_lines.tsv"

_EN_VENDORS = ("Alex Chen", "Maria Gomez", "Sam Patel", "Nora Kim", "Jonas Berg", "Ruth Ade")
_EN_CUSTOMERS = ("Tom Walsh", "Priya Nair", "Ellen Brooks", "Marco Rossi", "Grace Liu", "Ian Ford")
_EN_ROLES = ("", " (CTO)", " (VP Sales)", " (Head of Operations)", " (IT Director)")
_ZH_VENDORS = ("王磊", "陈晨", "李娜", "赵阳", "孙悦", "周杰")
_ZH_CUSTOMERS = ("刘总", "张经理", "黄主任", "吴总监", "郑总", "何经理")
_ZH_ROLES = ("", "（客户经理）", "（售前顾问）")


@dataclass(frozen=True, slots=True)
class SplitData:
    train: list[LabelledUtterance]  # templates ("{C}" unfilled) the model may learn from
    held_out: list[LabelledUtterance]  # templates calls are assembled from


def held_out_split(
    rows: Sequence[LabelledUtterance] | None = None, *, share: float = 0.2, salt: str = "calls"
) -> SplitData:
    """Deterministic split by a hash of each row's text (stable when rows are added)."""
    train: list[LabelledUtterance] = []
    held: list[LabelledUtterance] = []
    for row in rows if rows is not None else load_templates():
        digest = hashlib.sha1(f"{salt}:{row.text}".encode()).digest()
        (held if digest[0] / 256 < share else train).append(row)
    return SplitData(train, held)


def load_call_lines(path: Path = CALL_LINES_FILE) -> dict[tuple[str, str], list[str]]:
    lines: dict[tuple[str, str], list[str]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        lang, kind, text = raw.split("\t", 2)
        lines.setdefault((lang, kind), []).append(text.strip())
    return lines


class CallGenerator:
    """Assembles labelled calls (NLP_SPEC section 2 rows) from utterance templates."""

    def __init__(self, rows: Sequence[LabelledUtterance], *, seed: int = 0) -> None:
        self.rng = random.Random(seed)
        self.lines = load_call_lines()
        self.pools: dict[tuple[str, str, bool], list[LabelledUtterance]] = {}
        for row in rows:
            lang = "zh" if CJK.search(row.text) else "en"
            key = (lang, row.sentiment, bool(row.objections))
            self.pools.setdefault(key, []).append(row)

    def _pick(self, lang: str, sentiment: str, objection: bool) -> LabelledUtterance | None:
        pool = self.pools.get((lang, sentiment, objection))
        return self.rng.choice(pool) if pool else None

    def _plan(self, lang: str, sentiment: str) -> list[LabelledUtterance]:
        """Customer utterances for a call whose overall attitude is `sentiment`."""
        rng = self.rng
        want: list[tuple[str, bool]] = []
        if sentiment == "positive":
            want += [("positive", False)] * rng.randint(2, 4)
            want += [("neutral", False)] * rng.randint(1, 2)
            if rng.random() < 0.35:
                want.append(("neutral", True))  # a concern raised and settled
        elif sentiment == "negative":
            want += [("negative", False)] * rng.randint(1, 3)
            want += [("negative", True)] * rng.randint(0, 2)
            want += [("neutral", True)] * rng.randint(0, 1)
            want += [("neutral", False)] * rng.randint(1, 2)
        else:
            want += [("neutral", False)] * rng.randint(2, 3)
            want += [("neutral", True)] * rng.randint(1, 2)
            want += [("positive", False)] * rng.randint(0, 2)
            if rng.random() < 0.3:
                want.append(("negative", False))
        rng.shuffle(want)
        if sentiment == "negative" and rng.random() < 0.3:
            want.insert(0, ("positive", False))  # a polite opener does not change the verdict
        picked = [self._pick(lang, s, o) for s, o in want]
        return [p for p in picked if p is not None]

    def call(self, lang: str, sentiment: str, index: int = 0) -> dict[str, Any]:
        rng = self.rng
        if lang == "en":
            vendor = rng.choice(_EN_VENDORS)
            customer = rng.choice(_EN_CUSTOMERS)
            v_tag, c_tag, sep = "", rng.choice(_EN_ROLES), ": "
        else:
            vendor = rng.choice(_ZH_VENDORS)
            customer = rng.choice(_ZH_CUSTOMERS)
            v_tag, c_tag, sep = rng.choice(_ZH_ROLES), "", "："
        lines = self.lines
        competitors: list[str] = []
        objections: set[str] = set()

        def fill(row: LabelledUtterance) -> str:
            text = row.text
            while "{C}" in text:
                name = rng.choice(competitor_pool(row.text))
                competitors.append(name)
                text = text.replace("{C}", name, 1)
            objections.update(row.objections)
            return text

        turns: list[tuple[bool, str]] = [(False, rng.choice(lines[(lang, "open")]))]
        plan = self._plan(lang, sentiment)
        i = 0
        while i < len(plan):
            # Sometimes a customer turn says two things at once.
            take = 2 if i + 1 < len(plan) and rng.random() < 0.3 else 1
            joiner = "" if lang == "zh" else " "
            turns.append((True, joiner.join(fill(r) for r in plan[i : i + take])))
            i += take
            if i < len(plan):
                kind = rng.choice(("ask", "pitch", "answer"))
                turns.append((False, rng.choice(lines[(lang, kind)])))
        agreed_share = {"positive": 0.8, "neutral": 0.5, "negative": 0.15}[sentiment]
        roll = rng.random()
        if roll < agreed_share:
            k = rng.randrange(len(lines[(lang, "propose")]))
            turns.append((False, lines[(lang, "propose")][k]))
            turns.append((True, lines[(lang, "agree")][k]))
            turns.append((False, rng.choice(lines[(lang, "close")])))
            next_steps = True
        elif roll < agreed_share + (1 - agreed_share) / 2:
            turns.append((False, rng.choice(lines[(lang, "propose")])))
            turns.append((True, rng.choice(lines[(lang, "defer")])))
            turns.append((False, rng.choice(lines[(lang, "close")])))
            next_steps = False
        else:
            turns.append((False, rng.choice(lines[(lang, "close")])))
            turns.append((True, rng.choice(lines[(lang, "bye")])))
            next_steps = False
        text = "\n".join(
            f"{customer}{c_tag}{sep}{t}" if is_customer else f"{vendor}{v_tag}{sep}{t}"
            for is_customer, t in turns
        )
        return {
            "id": f"syn-{lang}-{index:04d}",
            "lang": lang,
            "transcript": text,
            "customer_speakers": [customer],
            "labels": {
                "customer_sentiment": sentiment,
                "objections": sorted(objections),
                "competitors": list(dict.fromkeys(competitors)),
                "next_steps": next_steps,
            },
        }

    def calls(self, n: int) -> list[dict[str, Any]]:
        """n calls, languages and sentiments in turn so every combination is covered evenly."""
        combos = [(lang, s) for lang in ("en", "zh") for s in ("positive", "neutral", "negative")]
        return [self.call(*combos[i % len(combos)], index=i) for i in range(n)]
