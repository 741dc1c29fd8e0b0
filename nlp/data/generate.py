"""Generate the project's intent/slot training set: `python -m nlp.data.generate [OUT]`.

Messages are composed from the fragment lists in templates_*.py with invented names,
amounts and dates, then roughened the way reps type on a phone (no punctuation, emoji,
fillers, typos, lower case). Each line also records entity spans for the tagger.
"""

from __future__ import annotations

import json
import random
import re
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from nlp.data import knowledge_compose as kc
from nlp.data import pools
from nlp.data import templates_front as tf
from nlp.data import templates_knowledge as tk
from nlp.data import templates_log as tl
from nlp.data import templates_more as tm
from nlp.data import templates_other as to
from nlp.dates import find_dates
from nlp.lexicons import COMPETITORS
from nlp.slots import SLOTS_BY_INTENT

DEFAULT_OUT = Path(__file__).with_name("intents_train.jsonl")
_TZS = [timezone(timedelta(hours=h)) for h in (8, 8, 8, -5, 0, 1, 9, -8)]
_PLACEHOLDER = re.compile(r"\{([ACKMDXTSREP])\}")
_DUE_EXTRA = {"zh": ("今天下午三点", "今晚", "今天"), "en": ("today", "tonight", "EOD")}
_OTHER_DATES = {
    "zh": ("下周三", "周五", "明天", "下周", "月底", "后天", "下周一"),
    "en": ("next Tuesday", "Friday", "tomorrow", "next week", "Thursday", "EOW"),
}


class Msg:
    """A message under construction: text, entity spans and slot values."""

    def __init__(self, ctx: dict[str, Any]) -> None:
        self.ctx = ctx
        self.text = ""
        self.spans: list[tuple[int, int, str]] = []
        self.slots: dict[str, Any] = {}

    def add(self, template: str) -> None:
        pos = 0
        for m in _PLACEHOLDER.finditer(template):
            self.text += template[pos : m.start()]
            self._fill(m.group(1))
            pos = m.end()
        self.text += template[pos:]

    def _entity(self, surface: str, label: str) -> None:
        start = len(self.text)
        self.text += surface
        self.spans.append((start, len(self.text), label))
        self.slots.setdefault(label, surface)

    def _fill(self, key: str) -> None:
        c = self.ctx
        if key == "A":
            self._entity(c["account"], "account")
        elif key == "C":
            self._entity(c["contact"], "contact")
        elif key == "P":
            self._entity(c["rng"].choice(tf.BARE_TITLES), "contact")
        elif key == "K":
            self._entity(c["competitor"], "competitor")
        elif key == "M":
            surface, value, currency = c["money"]
            self.text += surface
            self.slots["amount"] = value
            if currency:
                self.slots["currency"] = currency
        elif key in "DTX":
            surface, value = c["dates"][key]
            self.text += surface
            if key == "D":
                self.slots["close_date"] = value
            elif key == "T":
                self.slots["due_date"] = value
        elif key == "S":
            self.text += c["stage_name"]
        elif key == "R":
            self.text += c["rng"].choice(pools.EN_ROLES)
        elif key == "E":
            self.text += c["rng"].choice(pools.EN_DETAILS)


def _date(rng: random.Random, options: tuple[str, ...], now: datetime) -> tuple[str, str]:
    for _ in range(20):
        expr = rng.choice(options)
        found = find_dates(expr, now)
        if len(found) == 1:
            return expr, found[0].value.isoformat()
    return "tomorrow", (now.date() + timedelta(days=1)).isoformat()


def _context(rng: random.Random, lang: str) -> dict[str, Any]:
    base = datetime(2025, 1, 1) + timedelta(
        days=rng.randrange(3 * 365), minutes=rng.randrange(24 * 60)
    )
    now = base.replace(tzinfo=rng.choice(_TZS))
    zh_names = lang == "zh" or (lang == "mx" and rng.random() < 0.5)
    dlang = "zh" if lang == "zh" or (lang == "mx" and rng.random() < 0.5) else "en"
    deadlines = pools.ZH_DEADLINES if dlang == "zh" else pools.EN_DEADLINES
    return {
        "now": now,
        "account": pools.zh_company(rng) if zh_names else pools.en_company(rng),
        "contact": pools.zh_contact(rng)
        if zh_names and rng.random() < 0.85
        else pools.en_contact(rng),
        "competitor": pools.competitor(rng, COMPETITORS),
        "money": pools.money(
            rng, "zh" if lang == "zh" or (lang == "mx" and rng.random() < 0.5) else "en"
        ),
        "dates": {
            "D": _date(rng, deadlines, now),
            "T": _date(rng, deadlines + _DUE_EXTRA[dlang], now),
            "X": _date(rng, _OTHER_DATES[dlang], now),
        },
        "stage_name": "",
        "rng": rng,
    }


def _split(item: str) -> tuple[str, str | None]:
    text, _, code = item.partition("|")
    return text, code or None


def _sep(rng: random.Random, lang: str) -> str:
    if lang == "en":
        return rng.choice((", ", ". ", " - ", " ", "; ", ", "))
    return rng.choice((" ", "，", ",", "。", "", " ", "，"))


def _pick(rng: random.Random, table: dict[str, list[str]], lang: str) -> str:
    options = table.get(lang) or table["zh"]
    if lang == "mx" and rng.random() < 0.5:
        options = table["zh"] + table["en"]
    return rng.choice(options)


def _clauses(rng: random.Random, msg: Msg, lang: str, kinds: list[str]) -> None:
    tables = {
        "stage": tl.STAGE_CLAUSES,
        "money": tl.MONEY_CLAUSES,
        "close": tl.CLOSE_CLAUSES,
        "comp": tl.COMP_CLAUSES,
        "xdate": tl.OTHER_DATE_CLAUSES,
        "detail": tl.DETAIL_CLAUSES,
    }
    rng.shuffle(kinds)
    for kind in kinds:
        text, code = _split(_pick(rng, tables[kind], lang))
        msg.add(_sep(rng, lang) + text)
        if kind == "stage" and code:
            msg.slots["stage"] = code


def log_activity(rng: random.Random, msg: Msg, lang: str) -> None:
    text, code = _split(rng.choice(_merge(tl.LOG_OPENERS, tf.LOG_OPENERS, tk.HARD_LOG)[lang]))
    msg.add(text)
    msg.slots["activity_type"] = code
    kinds = [
        k for k in ("stage", "money", "close", "comp", "xdate", "detail") if rng.random() < 0.3
    ]
    _clauses(rng, msg, lang, kinds)


def update_deal(rng: random.Random, msg: Msg, lang: str) -> None:
    if rng.random() < 0.2:
        text, code = _split(
            rng.choice(_merge(to.UPDATE_WHOLE, tf.UPDATE_WHOLE, tk.HARD_UPDATE)[lang])
        )
        msg.add(text)
        msg.slots["stage"] = code
        return
    msg.add(rng.choice(_merge(to.UPDATE_REFS, tf.UPDATE_REFS)[lang]))
    changes = to.UPDATE_CHANGES[lang]
    kinds = rng.sample(list(changes), rng.choice((1, 1, 2, 2, 3)))
    if "won" in kinds and "lost" in kinds:
        kinds.remove(rng.choice(("won", "lost")))
    for kind in kinds:
        if kind == "stage":
            stage, name = rng.choice(list(to.STAGE_NAMES[lang].items()))
            msg.ctx["stage_name"] = name
            msg.slots["stage"] = stage
        text, code = _split(rng.choice(changes[kind]))
        msg.add(_sep(rng, lang if lang != "mx" else "zh") + text)
        if code:
            msg.slots["stage"] = code


def create_deal(rng: random.Random, msg: Msg, lang: str) -> None:
    text, code = _split(rng.choice(_merge(to.CREATE_DEAL, tm.CREATE_DEAL, tf.CREATE_DEAL)[lang]))
    msg.add(text)
    if code:
        msg.slots["stage"] = code


def transcript(rng: random.Random, msg: Msg, lang: str) -> None:
    msg.add(_pick(rng, to.ANALYZE_REQUESTS, lang))
    if rng.random() < 0.25:
        return
    tlang = "zh" if lang == "zh" or (lang == "mx" and rng.random() < 0.5) else "en"
    lines = to.TRANSCRIPT_LINES[tlang]
    rep = (
        rng.choice(("我", "销售", "Rep", "Me"))
        if tlang == "zh"
        else rng.choice(("Rep", "Me", "Sales"))
    )
    style = rng.randrange(3)
    for i, line in enumerate(rng.sample(lines, min(len(lines), rng.randint(3, 6)))):
        speaker = "{C}" if i % 2 == 0 else rep
        if style == 1 and speaker == "{C}" and "{A}" not in msg.text:
            speaker = "{C} ({A})"
        stamp = f"[00:{i:02d}:{rng.randrange(60):02d}] " if style == 2 else ""
        colon = "：" if tlang == "zh" else ": "
        msg.add(f"\n{stamp}{speaker}{colon}{line}")


def _merge(*tables: dict[str, list[str]]) -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for table in tables:
        for lang, items in table.items():
            merged.setdefault(lang, []).extend(items)
    return merged


def _simple(table: dict[str, list[str]]) -> Any:
    def build(rng: random.Random, msg: Msg, lang: str) -> None:
        msg.add(_pick(rng, table, lang) if lang in table else rng.choice(table["zh"] + table["en"]))

    return build


def search_knowledge(rng: random.Random, msg: Msg, lang: str) -> None:
    if rng.random() < 0.3:
        text = _pick(rng, _merge(to.SEARCH_KNOWLEDGE, tm.SEARCH_KNOWLEDGE), lang)
    else:
        text = kc.question(rng, lang)
    # An unknown name in a comparison question is still a rival: the context must say so.
    if "{K}" in text and rng.random() < 0.55:
        msg.ctx["competitor"] = kc.invented_rival(rng, lang)
    msg.add(text)


BUILDERS = {
    "log_activity": (log_activity, 2600),
    "update_deal": (update_deal, 1600),
    "create_deal": (create_deal, 900),
    "query_deal": (
        _simple(_merge(to.QUERY_DEAL, tm.QUERY_DEAL, tf.QUERY_DEAL, tk.HARD_QUERY)),
        700,
    ),
    "query_pipeline": (_simple(_merge(to.QUERY_PIPELINE, tm.QUERY_PIPELINE)), 500),
    "search_knowledge": (search_knowledge, 1500),
    "analyze_transcript": (transcript, 450),
    "create_task": (_simple(_merge(to.CREATE_TASK, tm.CREATE_TASK, tf.CREATE_TASK)), 900),
    "help": (_simple(_merge(to.HELP, tm.HELP)), 300),
    "other": (_simple(_merge(to.OTHER, tm.OTHER)), 450),
}


def _typo(rng: random.Random, msg: Msg) -> None:
    """Swap two letters inside one ordinary lower-case word (never inside an entity)."""
    words = [
        (m.start(), m.end())
        for m in re.finditer(r"(?<![A-Za-z])[a-z]{5,}(?![A-Za-z])", msg.text)
        if all(m.end() <= s or m.start() >= e for s, e, _ in msg.spans)
    ]
    if not words:
        return
    start, end = rng.choice(words)
    i = rng.randrange(start + 1, end - 2)
    msg.text = msg.text[:i] + msg.text[i + 1] + msg.text[i] + msg.text[i + 2 :]


def _roughen(rng: random.Random, msg: Msg, lang: str, intent: str) -> None:
    """Phone-style noise that keeps spans valid (only edits outside entity spans or appends)."""
    if rng.random() < 0.2:
        msg.text += rng.choice(to.EMOJI) * rng.choice((1, 1, 2))
    loggable = intent in {"log_activity", "update_deal", "create_deal"}
    if loggable and lang != "en" and rng.random() < 0.1:
        msg.text += rng.choice((" 帮我记一下", " 记录一下", "，更新下"))
    if loggable and lang == "en" and rng.random() < 0.1:
        msg.text += rng.choice((" pls log it", ", log this", " thx"))
    if lang == "en" and rng.random() < 0.1:
        _typo(rng, msg)
    if lang == "en" and rng.random() < 0.3 and msg.text[:1].islower():
        msg.text = msg.text[0].upper() + msg.text[1:]
    elif lang == "en" and rng.random() < 0.15:
        msg.text = msg.text.lower()
        for key in ("account", "contact", "competitor"):
            if key in msg.slots:
                msg.slots[key] = msg.slots[key].lower()
    if rng.random() < 0.15:
        # Drop punctuation inside the text; spans move left, so rebuild them.
        keep = [
            ch not in "，。,.!！;；" or (i > 0 and msg.text[i - 1].isdigit())
            for i, ch in enumerate(msg.text)
        ]
        shift = [0] * (len(msg.text) + 1)
        for i, k in enumerate(keep):
            shift[i + 1] = shift[i] + (0 if k else 1)
        msg.spans = [(s - shift[s], e - shift[e], lab) for s, e, lab in msg.spans]
        msg.text = "".join(ch for ch, k in zip(msg.text, keep, strict=True) if k)
        for s, e, lab in msg.spans:
            if lab in msg.slots and msg.slots[lab].casefold() != msg.text[s:e].casefold():
                if msg.slots[lab].replace(".", "").casefold() == msg.text[s:e].casefold():
                    msg.slots[lab] = msg.text[s:e]


def generate(seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for intent, (builder, count) in BUILDERS.items():
        made = 0
        attempts = 0
        while made < count and attempts < count * 6:
            attempts += 1
            lang = rng.choices(("zh", "en", "mx"), weights=(4, 4, 2))[0]
            msg = Msg(_context(rng, lang))
            if rng.random() < 0.12:
                msg.ctx["competitor"] = kc.invented_rival(rng, lang, customer_like=False)
            if lang == "en" and rng.random() < 0.1:
                msg.ctx["stage_name"] = ""
            builder(rng, msg, lang)
            if lang != "en" and rng.random() < 0.08:
                prefix = rng.choice(to.FILLERS_ZH)
                msg.text = prefix + msg.text
                msg.spans = [(s + len(prefix), e + len(prefix), lab) for s, e, lab in msg.spans]
            _roughen(rng, msg, lang, intent)
            if msg.text in seen:
                continue
            seen.add(msg.text)
            allowed = SLOTS_BY_INTENT[intent]
            slots = {k: v for k, v in msg.slots.items() if k in allowed and v is not None}
            rows.append(
                {
                    "id": f"gen-{intent}-{made:04d}",
                    "lang": lang,
                    "now": msg.ctx["now"].isoformat(),
                    "text": msg.text,
                    "intent": intent,
                    "slots": slots,
                    "spans": [[s, e, lab] for s, e, lab in msg.spans],
                }
            )
            made += 1
    rng.shuffle(rows)
    return rows


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT
    rows = generate()
    with out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} messages to {out}")


if __name__ == "__main__":
    main()
