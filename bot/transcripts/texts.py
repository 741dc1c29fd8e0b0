"""Texts of the transcript card and dialogue, in Chinese and English."""

from __future__ import annotations

from bot.i18n import render

TEXTS: dict[str, dict[str, str]] = {
    "title": {"zh": "通话分析", "en": "Call analysis"},
    "sentiment": {"zh": "客户情绪", "en": "Customer sentiment"},
    "objections": {"zh": "异议", "en": "Objections"},
    "competitors": {"zh": "竞品", "en": "Competitors"},
    "next_steps": {"zh": "下一步", "en": "Next steps"},
    "talk_ratio": {"zh": "发言占比", "en": "Talk ratio"},
    "monologue": {"zh": "最长独白", "en": "Longest monologue"},
    "none": {"zh": "无", "en": "none"},
    "filed": {
        "zh": "已记录到 {account}（商机 #{deal_id}）",
        "en": "Filed on {account} (deal #{deal_id})",
    },
    "risk": {"zh": "⚠️ 已标记风险：{reasons}", "en": "⚠️ Risk flagged: {reasons}"},
    "ask_deal": {
        "zh": "这通电话是哪个商机的？回复序号，或告诉我客户名称：\n{options}",
        "en": "Which deal was this call about? Reply with the number or the account "
        "name:\n{options}",
    },
    "ask_account": {
        "zh": "这通电话是哪个客户的？告诉我客户名称，我把分析记到对应商机上。",
        "en": "Which customer was this call with? Tell me the account and I'll file it on "
        "the deal.",
    },
    "no_deal": {
        "zh": "{account} 没有你可以记录的进行中商机，分析结果未保存。",
        "en": "{account} has no open deal you can file on; the analysis was not stored.",
    },
    "make_tasks": {"zh": "把 {n} 个下一步建成任务？", "en": "Create {n} follow-up tasks?"},
    "tasks_created": {"zh": "已创建 {n} 个任务。", "en": "Created {n} tasks."},
    "unreadable_file": {
        "zh": "这个文件没法读取（{name}），请上传 .txt / .vtt / .srt / .docx 通话记录。",
        "en": "I couldn't read that file ({name}); upload a .txt, .vtt, .srt or .docx transcript.",
    },
    "transcript_empty": {"zh": "通话记录是空的。", "en": "The transcript is empty."},
    "transcript_too_large": {
        "zh": "通话记录太大了（上限 5 MB），请拆分后再发。",
        "en": "That transcript is too large (5 MB limit); split it and try again.",
    },
    "transcript_binary": {
        "zh": "这不是文本格式的通话记录。",
        "en": "That is not a text transcript.",
    },
    "transcript_no_speakers": {
        "zh": "没有识别到说话人。请用“姓名：内容”的格式，每行一句。",
        "en": "I found no speakers. Use one 'Name: text' line per turn.",
    },
    "transcript_single_speaker": {
        "zh": "只有一个说话人，无法分析一通双方的通话。",
        "en": "There is only one speaker; a call needs both sides.",
    },
    "transcript_unsupported_language": {
        "zh": "目前只支持中文和英文的通话记录。",
        "en": "Only Chinese and English transcripts are supported.",
    },
}

SENTIMENTS = {
    "positive": {"zh": "积极", "en": "positive"},
    "neutral": {"zh": "中性", "en": "neutral"},
    "negative": {"zh": "消极", "en": "negative"},
}
TRAJECTORIES = {
    "improving": {"zh": "逐渐好转", "en": "improving"},
    "declining": {"zh": "逐渐变差", "en": "declining"},
    "steady": {"zh": "平稳", "en": "steady"},
}
OBJECTIONS = {
    "price": {"zh": "价格", "en": "price"},
    "timing": {"zh": "时间", "en": "timing"},
    "competitor": {"zh": "竞品", "en": "competitor"},
    "security": {"zh": "安全", "en": "security"},
    "integration": {"zh": "集成", "en": "integration"},
    "feature_gap": {"zh": "功能缺口", "en": "feature gap"},
    "authority": {"zh": "决策权", "en": "authority"},
}


def tt(key: str, lang: str, **values: object) -> str:
    return render(TEXTS, key, lang, **values)


def word(table: dict[str, dict[str, str]], key: str, lang: str) -> str:
    return table.get(key, {}).get(lang, key)
