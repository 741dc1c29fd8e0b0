"""Demo collateral for `salesbrain start` / `demo`: ingested idempotently from package files."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from bot.knowledge.service import knowledge_base
from bot.services import Services

DEMO_PACKAGE = "bot.knowledge.demo_collateral"
DEMO_UPLOADER = "demo"

# file stem -> (doc_type, visibility); stems double as doc ids.
DEMO_DOCS: dict[str, tuple[str, str]] = {
    "battlecard-kestrel-zh": ("battlecard", "all"),
    "battlecard-kestrel-en": ("battlecard", "all"),
    "pricing-sales-cloud-zh": ("pricing", "all"),
    "pricing-sales-cloud-en": ("pricing", "all"),
    "security-faq-zh": ("security", "all"),
    "security-faq-en": ("security", "all"),
    "playbook-east-zh": ("playbook", "east"),
}


@dataclass(frozen=True, slots=True)
class SeedSummary:
    added: int
    unchanged: int
    total: int


def demo_files() -> list[Path]:
    folder = Path(str(resources.files(DEMO_PACKAGE)))
    return [folder / f"{stem}.md" for stem in DEMO_DOCS]


def seed_demo_collateral(services: Services) -> SeedSummary:
    """Add the demo documents; a second call changes nothing (edited files are replaced)."""
    from knowledge import DocumentMeta

    kb = knowledge_base(services)
    added = unchanged = 0
    for path in demo_files():
        doc_type, visibility = DEMO_DOCS[path.stem]
        meta = DocumentMeta(
            doc_id=path.stem,
            doc_type=doc_type,
            visibility=visibility,
            uploaded_by=DEMO_UPLOADER,
        )
        result = kb.add(path, meta)
        if result.status == "unchanged":
            unchanged += 1
        else:
            added += 1
    return SeedSummary(added=added, unchanged=unchanged, total=len(DEMO_DOCS))
