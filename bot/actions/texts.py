"""Reply texts of the intent actions, in Chinese and English."""

from __future__ import annotations

from bot.i18n import render

TEXTS: dict[str, dict[str, str]] = {
    "ask_account": {
        "zh": "是哪个客户？请告诉我客户名称。",
        "en": "Which customer is this about? Tell me the account name.",
    },
    "ask_due_date": {
        "zh": "什么时候提醒你？例如：明天、下周三、12月15日。",
        "en": "When should I remind you? e.g. tomorrow, next Wednesday, Dec 15.",
    },
    "ask_amount": {
        "zh": "金额是多少？例如：50万、120k。",
        "en": "What is the amount? e.g. 120k, 1.2M.",
    },
    "choose_account": {
        "zh": "找到几个相近的客户，是哪一个？回复序号：\n{options}",
        "en": "I found several similar accounts. Which one? Reply with the number:\n{options}",
    },
    "unknown_account": {
        "zh": "CRM 里还没有客户“{name}”。要新建这个客户并记录吗？",
        "en": "There is no account '{name}' in the CRM yet. Create it and go ahead?",
    },
    "confirm_title": {"zh": "请确认以下修改", "en": "Please confirm these changes"},
    "confirm_hint": {"zh": "回复“确认”或“取消”", "en": "Reply 'yes' or 'no'"},
    "confirm": {"zh": "确认", "en": "Confirm"},
    "cancel": {"zh": "取消", "en": "Cancel"},
    "no_open_deal": {
        "zh": "{account} 目前没有你可以修改的进行中商机。可以说“新建商机 {account} …”。",
        "en": "{account} has no open deal you can change. Say 'new deal {account} ...' "
        "to create one.",
    },
    "activity_logged": {
        "zh": "已记录：{type} · {account}{contact}{deal}",
        "en": "Logged: {type} with {account}{contact}{deal}",
    },
    "deal_updated": {"zh": "已更新商机 #{id}：{changes}", "en": "Deal #{id} updated: {changes}"},
    "deal_created": {
        "zh": "已新建商机 #{id}：{account}{amount}",
        "en": "Created deal #{id}: {account}{amount}",
    },
    "deal_exists": {
        "zh": "{account} 已有进行中的商机 #{id}（{stage}）。仍要再新建一个吗？",
        "en": "{account} already has open deal #{id} ({stage}). Create another one anyway?",
    },
    "task_created": {
        "zh": "好的，{when}提醒你：{title}",
        "en": "OK, I'll remind you {when}: {title}",
    },
    "reminder": {"zh": "⏰ 提醒：{title}", "en": "⏰ Reminder: {title}"},
    "nothing_to_change": {
        "zh": "没有识别到要修改的内容（阶段、金额或签约日期）。",
        "en": "I didn't find anything to change (stage, amount or close date).",
    },
    "deal_card_title": {"zh": "{account} · 商机 #{id}", "en": "{account} · deal #{id}"},
    "no_deal_for_account": {
        "zh": "{account} 没有你可以查看的商机。",
        "en": "No deal you can see on {account}.",
    },
    "greeting": {
        "zh": "你好！有什么销售上的事可以帮你？发“帮助”看示例。",
        "en": "Hi! How can I help with your deals? Send 'help' for examples.",
    },
    "not_available": {
        "zh": "这个功能还没有启用。",
        "en": "That feature is not enabled on this installation.",
    },
}

FIELD_LABELS: dict[str, dict[str, str]] = {
    "stage": {"zh": "阶段", "en": "Stage"},
    "amount": {"zh": "金额", "en": "Amount"},
    "close_date": {"zh": "预计签约", "en": "Close date"},
    "account": {"zh": "客户", "en": "Account"},
    "contact": {"zh": "联系人", "en": "Contact"},
    "activity": {"zh": "活动", "en": "Activity"},
    "days_in_stage": {"zh": "本阶段天数", "en": "Days in stage"},
    "last_activity": {"zh": "最近活动", "en": "Last activity"},
    "next_task": {"zh": "下一步", "en": "Next task"},
    "owner": {"zh": "负责人", "en": "Owner"},
    "new_account": {"zh": "新建客户", "en": "New account"},
    "new_deal": {"zh": "新建商机", "en": "New deal"},
    "deal": {"zh": "商机", "en": "Deal"},
    "competitor": {"zh": "竞争对手", "en": "Competitor"},
}

ACTIVITY_LABELS: dict[str, dict[str, str]] = {
    "visit": {"zh": "拜访", "en": "Visit"},
    "call": {"zh": "电话", "en": "Call"},
    "meeting": {"zh": "会议", "en": "Meeting"},
    "demo": {"zh": "演示", "en": "Demo"},
    "email": {"zh": "邮件", "en": "Email"},
    "message": {"zh": "消息沟通", "en": "Message"},
    "note": {"zh": "备注", "en": "Note"},
    "transcript": {"zh": "通话分析", "en": "Call analysis"},
}


def tx(key: str, lang: str, **values: object) -> str:
    return render(TEXTS, key, lang, **values)


def label(key: str, lang: str) -> str:
    return FIELD_LABELS[key].get(lang, key)


def activity_label(kind: str, lang: str) -> str:
    return ACTIVITY_LABELS.get(kind, {}).get(lang, kind)
