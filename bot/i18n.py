"""Reply texts in Chinese and English, looked up by key."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u4e00-\u9fff]")

MESSAGES: dict[str, dict[str, str]] = {
    "onboarding": {
        "zh": "你好！我是 Salesbrain 销售助手。你的账号还没有和 CRM 用户关联，"
        "请联系管理员执行：salesbrain users link --platform {platform} --id {external_id} "
        "--user <用户名>",
        "en": "Hi! I'm Salesbrain, your sales assistant. Your {platform} account is not linked "
        "to a CRM user yet. Ask an admin to run: salesbrain users link --platform {platform} "
        "--id {external_id} --user <username>",
    },
    "welcome": {
        "zh": "欢迎使用 Salesbrain，{name}！直接用一句话告诉我拜访、电话和商机进展，"
        "发“帮助”看示例。",
        "en": "Welcome to Salesbrain, {name}! Tell me about visits, calls and deal progress in "
        "plain words; send 'help' for examples.",
    },
    "empty": {
        "zh": "我没有收到文字内容。发“帮助”看看我能做什么。",
        "en": "I didn't get any text. Send 'help' to see what I can do.",
    },
    "too_long": {
        "zh": "消息太长了（超过 {limit} 字）。如果是通话记录，请以文件形式上传。",
        "en": "That message is too long (over {limit} characters). Upload a transcript as a "
        "file instead.",
    },
    "not_understood": {
        "zh": "抱歉，我没太明白。可以试试：“今天拜访了华为的张总，预计下月签约50万”，或发“帮助”。",
        "en": "Sorry, I didn't quite get that. Try: 'Met Acme CTO, moved to negotiation, 120k' "
        "or send 'help'.",
    },
    "help_title": {"zh": "我能帮你做这些", "en": "What I can do"},
    "help_body": {
        "zh": "• 记录拜访/电话：今天拜访了华为的张总，预计下月签约50万\n"
        "• 更新商机：万科的单子进入商务谈判，金额调整为120万\n"
        "• 新建商机：新线索 宁德时代 王经理 预算30万\n"
        "• 查询商机：华为那个单子现在什么情况\n"
        "• 我的商机 / 团队业绩：我的商机、这个季度预测多少\n"
        "• 找资料：和纷享销客比我们优势是什么\n"
        "• 分析通话：直接粘贴通话记录\n"
        "• 提醒：下周三提醒我给美的发报价\n"
        "• 记一笔：记录 <客户或商机编号> <内容>\n"
        "• 撤销：撤销我刚才的修改",
        "en": "• Log a visit/call: Met Acme CTO today, moved to negotiation, 120k\n"
        "• Update a deal: Globex deal lost to HubSpot\n"
        "• New deal: new lead Initech, contact Bill, budget 50k\n"
        "• Deal status: what's the status of Acme?\n"
        "• Pipeline: my deals, team forecast this quarter\n"
        "• Collateral: battlecard vs HubSpot?\n"
        "• Call analysis: paste a call transcript\n"
        "• Reminders: remind me to send Acme the quote next Wednesday\n"
        "• Quick note: note <account or deal #> <text>\n"
        "• Undo: undo my last change",
    },
    "no_deals": {"zh": "你目前没有进行中的商机。", "en": "You have no open deals."},
    "my_deals_title": {"zh": "我的进行中商机（{count}）", "en": "My open deals ({count})"},
    "note_usage": {
        "zh": "用法：记录 <客户名或商机编号> <内容>，例如：记录 华为 客户想看报表模块",
        "en": "Usage: note <account or deal #> <text>, e.g. note Acme wants the reporting module",
    },
    "note_saved": {
        "zh": "已记录到 {account}（商机 #{deal_id}）：{summary}",
        "en": "Noted on {account} (deal #{deal_id}): {summary}",
    },
    "account_not_found": {
        "zh": "没有找到客户“{name}”。",
        "en": "I couldn't find an account called '{name}'.",
    },
    "permission_denied": {
        "zh": "你没有权限查看或修改这条记录。",
        "en": "You don't have permission to view or change that record.",
    },
    "not_found": {"zh": "没有找到这条记录。", "en": "I couldn't find that record."},
    "invalid_input": {"zh": "输入有误：{detail}", "en": "That input is not valid: {detail}"},
    "internal_error": {
        "zh": "处理时出了点问题，已记录，请稍后再试。",
        "en": "Something went wrong on my side; it has been logged. Please try again shortly.",
    },
    "conflict": {"zh": "这条记录已经存在。", "en": "That record already exists."},
    "crm_error": {"zh": "操作没有完成。", "en": "That could not be done."},
    "nothing_to_undo": {"zh": "没有可以撤销的修改。", "en": "There is nothing to undo."},
    "undone": {"zh": "已撤销：{what}", "en": "Undone: {what}"},
    "cancelled": {"zh": "好的，已取消。", "en": "OK, cancelled."},
    "already_done": {
        "zh": "这条消息已经处理过了，记录已保存。",
        "en": "That message was already handled; the record is saved.",
    },
}


def detect_language(text: str, default: str = "zh") -> str:
    """zh when the text has Chinese characters, en when it is Latin-only."""
    if _CJK.search(text):
        return "zh"
    if re.search(r"[A-Za-z]", text):
        return "en"
    return default


Texts = dict[str, dict[str, str]]


def render(table: Texts, key: str, lang: str, **values: object) -> str:
    """Entry `key` of a text table in `lang` (falls back to English), formatted."""
    entry = table[key]
    template = entry.get(lang) or entry["en"]
    return template.format(**values) if values else template


def t(key: str, lang: str, **values: object) -> str:
    """A message of the router and plain commands."""
    return render(MESSAGES, key, lang, **values)
