"""Digest wording in Chinese and English."""

from __future__ import annotations

from bot.i18n import render

TEXTS: dict[str, dict[str, str]] = {
    "daily_title": {"zh": "销售日报 · {team} · {day}", "en": "Daily sales digest · {team} · {day}"},
    "weekly_title": {
        "zh": "销售周报 · {team} · {day}",
        "en": "Weekly sales digest · {team} · {day}",
    },
    "brief_title": {"zh": "早安，{name} · {day}", "en": "Good morning, {name} · {day}"},
    "pipeline_title": {"zh": "销售管道 · {scope}", "en": "Pipeline · {scope}"},
    "scope_mine": {"zh": "我的", "en": "mine"},
    "scope_team": {"zh": "{team} 团队", "en": "team {team}"},
    "scope_all": {"zh": "全公司", "en": "whole company"},
    "sec_pipeline": {"zh": "【管道】", "en": "*Pipeline*"},
    "sec_movement": {"zh": "【变化】自 {since}", "en": "*Since {since}*"},
    "sec_forecast": {"zh": "【预测 vs 目标】", "en": "*Forecast vs quota*"},
    "sec_stalled": {"zh": "【停滞商机】", "en": "*Stalled deals*"},
    "sec_at_risk": {"zh": "【风险客户】", "en": "*At-risk customers*"},
    "sec_renewals": {"zh": "【即将续约】", "en": "*Renewals due*"},
    "sec_activity": {"zh": "【团队活动】", "en": "*Rep activity*"},
    "sec_tasks": {"zh": "【今日待办】", "en": "*Tasks for today*"},
    "sec_top": {"zh": "【重点商机】", "en": "*Top deals*"},
    "stage_line": {"zh": "{stage}：{count} 个，{amount}", "en": "{stage}: {count} deals, {amount}"},
    "pipeline_total": {
        "zh": "合计 {count} 个商机，{amount}（加权 {weighted}）",
        "en": "Total {count} open deals, {amount} (weighted {weighted})",
    },
    "movement_line": {
        "zh": "新增 {new} 个（{new_amount}），推进 {advanced} 次，赢单 {won} 个（{won_amount}），"
        "输单 {lost} 个（{lost_amount}）",
        "en": "{new} new ({new_amount}), {advanced} moved forward, {won} won ({won_amount}), "
        "{lost} lost ({lost_amount})",
    },
    "delta_line": {"zh": "管道金额较上次 {delta}", "en": "Pipeline vs last digest: {delta}"},
    "forecast_line": {
        "zh": "{label}：已成交 {won}｜承诺 {commit}｜加权 {weighted}｜最佳 {best}｜"
        "目标 {quota}{att}",
        "en": "{label}: won {won} | commit {commit} | weighted {weighted} | best case {best} | "
        "quota {quota}{att}",
    },
    "attainment": {"zh": "（完成 {pct}）", "en": " ({pct} attained)"},
    "no_quota": {"zh": "未设置", "en": "not set"},
    "stalled_line": {
        "zh": "{name}（{owner}）· {stage} 已 {days} 天{limit}{quiet}· {amount}",
        "en": "{name} ({owner}) · {stage} for {days} days{limit}{quiet} · {amount}",
    },
    "limit_sla": {"zh": "，超过 SLA {limit} 天", "en": ", SLA {limit} days"},
    "limit_p75": {"zh": "，超过赢单 p75 {limit} 天", "en": ", won-deal p75 {limit} days"},
    "limit_default": {"zh": "，超过 {limit} 天", "en": ", limit {limit} days"},
    "quiet": {"zh": "，{days} 天无跟进", "en": ", no activity for {days} days"},
    "at_risk_line": {
        "zh": "{name} · 健康分 {score} · {reasons}",
        "en": "{name} · health {score} · {reasons}",
    },
    "renewal_line": {
        "zh": "{name} · {date}（{days} 天后）{health}",
        "en": "{name} · {date} (in {days} days){health}",
    },
    "renewal_risk": {"zh": " ⚠ 使用率低", "en": " ⚠ low usage"},
    "activity_line": {
        "zh": "{name}：{count} 条活动，涉及 {deals} 个商机",
        "en": "{name}: {count} activities on {deals} deals",
    },
    "task_line": {"zh": "{when} {title}", "en": "{when} {title}"},
    "overdue": {"zh": "⏰ 已逾期", "en": "⏰ overdue"},
    "due_today": {"zh": "今天 {time}", "en": "today {time}"},
    "top_line": {
        "zh": "{name} · {stage} · {amount} · 赢率 {p}（{factors}）",
        "en": "{name} · {stage} · {amount} · win {p} ({factors})",
    },
    "none": {"zh": "无", "en": "none"},
    "more": {"zh": "……另有 {n} 条", "en": "…and {n} more"},
    "empty_pipeline": {
        "zh": "目前没有进行中的商机。记录新的线索后这里会显示管道。",
        "en": "No open deals yet. Log a new lead and your pipeline will show up here.",
    },
    "no_team": {
        "zh": "你还没有加入团队，这里只显示你自己的商机。请管理员设置团队。",
        "en": "You are not on a team yet, so this covers your own deals only. Ask an admin "
        "to set your team.",
    },
    "no_quota_note": {
        "zh": "尚未设置销售目标，预测只显示金额。",
        "en": "No quota set yet, so the forecast shows amounts only.",
    },
    "method_prior": {
        "zh": "赢率为规则估计（已关闭商机不足 30 个）",
        "en": "Win rates are rule-based estimates (fewer than 30 closed deals)",
    },
    "method_model": {
        "zh": "赢率由本租户历史训练的模型给出",
        "en": "Win rates come from a model trained on this tenant's history",
    },
    "chart_funnel": {"zh": "管道漏斗", "en": "Pipeline by stage"},
    "chart_forecast": {"zh": "预测 vs 目标", "en": "Forecast vs quota"},
    "chart_won": {"zh": "已成交", "en": "Won"},
    "chart_commit": {"zh": "承诺", "en": "Commit"},
    "chart_weighted": {"zh": "加权", "en": "Weighted"},
    "chart_best": {"zh": "最佳", "en": "Best case"},
    "chart_quota": {"zh": "目标", "en": "Quota"},
    "field_pipeline": {"zh": "管道", "en": "Pipeline"},
    "field_weighted": {"zh": "加权", "en": "Weighted"},
    "field_month": {"zh": "本月成交/目标", "en": "Month won/quota"},
    "field_stalled": {"zh": "停滞", "en": "Stalled"},
    # Factor names behind a win estimate.
    "f_stage": {"zh": "阶段", "en": "stage"},
    "f_age_days": {"zh": "商机时长", "en": "deal age"},
    "f_days_in_stage": {"zh": "阶段停留", "en": "time in stage"},
    "f_days_since_activity": {"zh": "距上次跟进", "en": "days since activity"},
    "f_activities_total": {"zh": "跟进次数", "en": "activity count"},
    "f_activities_recent": {"zh": "近30天跟进", "en": "recent activity"},
    "f_amount": {"zh": "金额", "en": "amount"},
    "f_competitors": {"zh": "竞争对手", "en": "competitors"},
    "f_champion": {"zh": "内部支持者", "en": "champion"},
    "f_decision_maker": {"zh": "决策人", "en": "decision maker"},
    "f_roles_covered": {"zh": "决策链覆盖", "en": "buying roles covered"},
    "f_sentiment": {"zh": "沟通情绪", "en": "sentiment"},
    "f_has_sentiment": {"zh": "有通话分析", "en": "call analysed"},
    "f_renewal": {"zh": "续约", "en": "renewal"},
    "f_upsell": {"zh": "增购", "en": "upsell"},
    # Health reasons.
    "h_no_usage_data": {"zh": "无使用数据", "en": "no usage data"},
    "h_login_rate": {"zh": "登录率 {value}", "en": "login rate {value}"},
    "h_login_rate_low": {"zh": "登录率仅 {value}", "en": "login rate only {value}"},
    "h_logins_dropping": {"zh": "登录次数下降 {value}", "en": "logins down {value}"},
    "h_low_feature_use": {"zh": "功能使用少", "en": "low feature use"},
    "h_many_support_tickets": {"zh": "工单 {value} 个", "en": "{value} support tickets"},
}


def tr(key: str, lang: str, **values: object) -> str:
    return render(TEXTS, key, lang, **values)
