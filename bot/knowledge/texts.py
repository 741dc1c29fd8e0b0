"""Collateral reply texts in Chinese and English."""

from __future__ import annotations

from bot.i18n import render

TEXTS: dict[str, dict[str, str]] = {
    "search_title": {"zh": "资料：{query}", "en": "Collateral: {query}"},
    "answer_prefix": {"zh": "要点：", "en": "In short: "},
    "sources": {"zh": "出处：", "en": "Sources:"},
    "nothing_found": {
        "zh": "没有找到与“{query}”相关的资料。可以换个说法试试，比如写出产品名、竞品名或"
        "具体问题（如“专业版价格”“和某竞品比我们的优势”）。",
        "en": "I found no collateral about '{query}'. Try rephrasing with a product or "
        "competitor name or a concrete question (e.g. 'professional edition price', "
        "'our advantages vs <competitor>').",
    },
    "empty_kb": {
        "zh": "资料库里还没有可供你查看的资料。请联系赋能团队上传竞争卡、价格表等资料。",
        "en": "There is no collateral you can see yet. Ask the enablement team to upload "
        "battlecards, price lists and the like.",
    },
    "page": {"zh": "第 {n} 页", "en": "p. {n}"},
    "slide": {"zh": "第 {n} 张幻灯片", "en": "slide {n}"},
    "open_file": {"zh": "打开《{title}》", "en": "Open “{title}”"},
    "not_allowed_upload": {
        "zh": "谢谢分享！不过只有赋能团队或管理员可以往资料库添加或删除资料。"
        "请把文件发给他们，由他们上传。",
        "en": "Thanks for sharing! Only the enablement team or an admin can add or remove "
        "collateral. Please pass the file to them to upload.",
    },
    "not_allowed_remove": {
        "zh": "抱歉，只有赋能团队或管理员可以删除资料。如需下架，请联系他们。",
        "en": "Sorry, only the enablement team or an admin can remove collateral. "
        "Please ask them to take it down.",
    },
    "added": {
        "zh": "已添加《{title}》（编号 {doc_id}，{chunks} 段，可见范围：{visibility}）。",
        "en": "Added “{title}” (id {doc_id}, {chunks} passages, visible to: {visibility}).",
    },
    "replaced": {
        "zh": "已更新《{title}》为第 {version} 版（编号 {doc_id}，{chunks} 段）。",
        "en": "Replaced “{title}” with version {version} (id {doc_id}, {chunks} passages).",
    },
    "unchanged": {
        "zh": "《{title}》没有变化，资料库保持第 {version} 版（编号 {doc_id}）。",
        "en": "“{title}” is unchanged; the knowledge base keeps version {version} (id {doc_id}).",
    },
    "duplicate": {
        "zh": "“{name}”与已有资料《{title}》（编号 {doc_id}）内容完全相同，未重复添加。",
        "en": "“{name}” is identical to the existing “{title}” (id {doc_id}); not added again.",
    },
    "upload_failed": {"zh": "“{name}”未能添加：{reason}", "en": "“{name}” was not added: {reason}"},
    "media_needs_connector": {
        "zh": "已收到文件“{name}”，但从{platform}下载文件需要该连接器的媒体下载功能，"
        "目前还不支持，所以没有加入资料库。请改用网页接口 POST /knowledge/documents 或命令 "
        "salesbrain knowledge add 上传。",
        "en": "I received “{name}”, but downloading files from {platform} needs that "
        "connector's media download, which is not available yet, so it was not added. Please "
        "upload it with POST /knowledge/documents or `salesbrain knowledge add` instead.",
    },
    "download_failed": {
        "zh": "下载文件“{name}”失败：{reason}",
        "en": "Downloading “{name}” failed: {reason}",
    },
    "removed": {
        "zh": "已删除资料《{title}》（编号 {doc_id}）。",
        "en": "Removed “{title}” (id {doc_id}).",
    },
    "doc_list_title": {"zh": "资料库（共 {count} 份）", "en": "Collateral ({count} documents)"},
    "doc_list_empty": {
        "zh": "资料库里还没有你可以查看的资料。",
        "en": "No collateral you can see.",
    },
    "visibility_all": {"zh": "所有人", "en": "everyone"},
    "unnamed": {"zh": "未命名文件", "en": "unnamed file"},
    "kb_unavailable": {
        "zh": "资料库暂时不可用，请稍后再试或联系管理员。",
        "en": "The knowledge base is not available right now; try again later or ask an admin.",
    },
}


def kt(key: str, lang: str, **values: object) -> str:
    return render(TEXTS, key, lang, **values)
