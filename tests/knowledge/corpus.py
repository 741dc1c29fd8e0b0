"""A tiny bilingual collateral corpus written by the tests."""

from __future__ import annotations

from pathlib import Path

DOCS = {
    "pricing-2030.md": (
        "# 2030 价格表\n\n## 订阅价格\n\n"
        "专业版每个席位每月 ￥１９９，企业版每个席位每月 ￥349，按年付费。\n\n"
        "## 标准折扣\n\n三年合同享受 15% 折扣，教育机构享受 30% 折扣。\n"
    ),
    "security-overview.md": (
        "# Security overview\n\n## Certifications\n\nWe hold ISO 27001 and SOC 2 Type II "
        "certifications, renewed every year by an external auditor.\n\n## Encryption\n\n"
        "All customer data is encrypted at rest with AES-256 and in transit with TLS 1.2.\n"
    ),
    "case-study-bakery.md": (
        "# 客户案例：连锁烘焙品牌\n\n## 成果\n\n上线六个月后，门店会员复购率提升了 18%，"
        "店长每天用手机查看销售看板。\n"
    ),
    "integration-slack.md": (
        "# Slack integration guide\n\n## Setup\n\nAn administrator installs the app from the "
        "Slack directory and connects a channel for deal alerts.\n"
    ),
}


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
