"""Turn digest data into neutral Replies (title, text, fields, chart) in the user's language."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from bot.digests.charts import combined_chart
from bot.digests.texts import tr
from bot.formatting import money, stage_label
from connectors.types import Reply
from crm_store.analytics.digest import ManagerDigest, RepBrief
from crm_store.analytics.forecast import PeriodForecast
from crm_store.analytics.health import AccountHealth, RenewalDue
from crm_store.analytics.pipeline import PipelineSummary
from crm_store.analytics.stalled import StalledDeal
from crm_store.analytics.winprob import Factor
from crm_store.digest_pref import user_zone

MAX_LINES = 5


def _lang(language: str) -> str:
    return "en" if language == "en" else "zh"


def _local(moment: datetime, tz: str) -> datetime:
    return moment.astimezone(user_zone(tz))


def _pct(value: float) -> str:
    return f"{value * 100:.0f}%"


def _capped(lines: list[str], lang: str, total: int | None = None) -> list[str]:
    count = total if total is not None else len(lines)
    shown = lines[:MAX_LINES]
    if count > len(shown):
        shown.append("  " + tr("more", lang, n=count - len(shown)))
    return shown


def scope_label(summary: PipelineSummary, lang: str) -> str:
    if summary.scope == "team":
        return tr("scope_team", lang, team=summary.team or "-")
    return tr(f"scope_{summary.scope}", lang)


def pipeline_lines(summary: PipelineSummary, lang: str) -> list[str]:
    cur = summary.currency
    if summary.open_count == 0:
        return [tr("empty_pipeline", lang)]
    lines = [
        "• "
        + tr(
            "stage_line",
            lang,
            stage=stage_label(s.stage.value, lang),
            count=s.count,
            amount=money(s.amount, cur, lang),
        )
        for s in summary.stages
        if s.count
    ]
    lines.append(
        tr(
            "pipeline_total",
            lang,
            count=summary.open_count,
            amount=money(summary.total_amount, cur, lang),
            weighted=money(summary.weighted_amount, cur, lang),
        )
    )
    return lines


def forecast_line(period: PeriodForecast, currency: str, lang: str) -> str:
    att = (
        tr("attainment", lang, pct=_pct(period.attainment)) if period.attainment is not None else ""
    )
    return "• " + tr(
        "forecast_line",
        lang,
        label=period.label,
        won=money(period.won, currency, lang),
        commit=money(period.commit, currency, lang),
        weighted=money(period.weighted, currency, lang),
        best=money(period.best_case, currency, lang),
        quota=money(period.quota, currency, lang)
        if period.quota is not None
        else tr("no_quota", lang),
        att=att,
    )


def stalled_lines(
    stalled: Sequence[StalledDeal], owners: dict[int, str], currency: str, lang: str
) -> list[str]:
    lines = []
    for deal in stalled:
        limit = ""
        if "over_limit" in deal.reasons:
            limit = tr(f"limit_{deal.rule}", lang, limit=f"{deal.limit_days:.0f}")
        quiet = ""
        if "no_activity" in deal.reasons:
            quiet = tr("quiet", lang, days=f"{deal.days_since_activity:.0f}")
        lines.append(
            "• "
            + tr(
                "stalled_line",
                lang,
                name=deal.name,
                owner=owners.get(deal.owner_id, "-"),
                stage=stage_label(deal.stage.value, lang),
                days=f"{deal.days_in_stage:.0f}",
                limit=limit,
                quiet=quiet,
                amount=money(deal.amount, currency, lang),
            )
        )
    return _capped(lines, lang)


def health_reason_text(health: AccountHealth, lang: str) -> str:
    parts = []
    for reason in health.reasons[:3]:
        value: str
        if reason.key in ("login_rate", "login_rate_low", "logins_dropping"):
            value = _pct(abs(reason.value))
        else:
            value = f"{reason.value:.0f}"
        parts.append(tr(f"h_{reason.key}", lang, value=value))
    return "，".join(parts) if lang == "zh" else ", ".join(parts)


def at_risk_lines(accounts: Sequence[AccountHealth], lang: str) -> list[str]:
    lines = [
        "• "
        + tr("at_risk_line", lang, name=h.name, score=h.score, reasons=health_reason_text(h, lang))
        for h in accounts
    ]
    return _capped(lines, lang)


def renewal_lines(renewals: Sequence[RenewalDue], lang: str) -> list[str]:
    lines = [
        "• "
        + tr(
            "renewal_line",
            lang,
            name=r.name,
            date=r.renewal_date.isoformat(),
            days=r.days_left,
            health=tr("renewal_risk", lang) if r.health == "at_risk" else "",
        )
        for r in renewals
    ]
    return _capped(lines, lang)


def factor_text(factors: Sequence[Factor], lang: str) -> str:
    parts = [f"{'+' if f.effect >= 0 else '−'}{tr('f_' + f.key, lang)}" for f in factors[:3]]
    return " ".join(parts)


def _section(title: str, lines: list[str], lang: str) -> list[str]:
    return [title, *(lines or ["• " + tr("none", lang)]), ""]


def _notes(summary: PipelineSummary, lang: str) -> list[str]:
    notes = []
    if "no_team" in summary.notes:
        notes.append(tr("no_team", lang))
    if "no_quota" in summary.notes and summary.open_count:
        notes.append(tr("no_quota_note", lang))
    return notes


def _fields(summary: PipelineSummary, lang: str) -> tuple[tuple[str, str], ...]:
    cur = summary.currency
    month = summary.forecast.current_month
    quota = money(month.quota, cur, lang) if month.quota is not None else tr("no_quota", lang)
    return (
        (tr("field_pipeline", lang), money(summary.total_amount, cur, lang)),
        (tr("field_weighted", lang), money(summary.weighted_amount, cur, lang)),
        (tr("field_month", lang), f"{money(month.won, cur, lang)} / {quota}"),
        (tr("field_stalled", lang), str(len(summary.stalled))),
    )


def _chart(summary: PipelineSummary, out_dir: Path | None, stem: str, lang: str) -> str | None:
    if out_dir is None or summary.open_count == 0:
        return None
    periods = (*summary.forecast.months[:2], summary.forecast.current_quarter)
    path = combined_chart(summary.stages, periods, out_dir / f"{stem}.png", lang)
    return str(path) if path else None


def render_manager_digest(
    digest: ManagerDigest, owners: dict[int, str], out_dir: Path | None
) -> Reply:
    """The manager's daily or weekly digest."""
    who = digest.recipient
    lang = _lang(who.language)
    summary = digest.summary
    local = _local(summary.generated_at, who.timezone)
    title = tr(
        f"{digest.kind}_title", lang, team=scope_label(summary, lang), day=local.date().isoformat()
    )
    cur = summary.currency
    move = digest.movement
    movement = [
        "• "
        + tr(
            "movement_line",
            lang,
            new=move.new_deals,
            new_amount=money(move.new_amount, cur, lang),
            advanced=move.advanced,
            won=move.won,
            won_amount=money(move.won_amount, cur, lang),
            lost=move.lost,
            lost_amount=money(move.lost_amount, cur, lang),
        )
    ]
    if move.pipeline_delta is not None:
        sign = "+" if move.pipeline_delta >= 0 else "−"
        movement.append(
            "• " + tr("delta_line", lang, delta=sign + money(abs(move.pipeline_delta), cur, lang))
        )
    since = _local(move.since, who.timezone).strftime("%m-%d %H:%M")
    forecast = [
        forecast_line(summary.forecast.current_month, cur, lang),
        forecast_line(summary.forecast.current_quarter, cur, lang),
    ]
    activity = _capped(
        [
            "• " + tr("activity_line", lang, name=r.name, count=r.activities, deals=r.deals_touched)
            for r in digest.rep_activity
        ],
        lang,
    )
    body = [
        *_notes(summary, lang),
        *_section(tr("sec_pipeline", lang), pipeline_lines(summary, lang), lang),
        *_section(tr("sec_movement", lang, since=since), movement, lang),
        *_section(tr("sec_forecast", lang), forecast, lang),
        *_section(tr("sec_stalled", lang), stalled_lines(summary.stalled, owners, cur, lang), lang),
        *_section(tr("sec_at_risk", lang), at_risk_lines(digest.at_risk, lang), lang),
        *_section(tr("sec_renewals", lang), renewal_lines(digest.renewals, lang), lang),
        *_section(tr("sec_activity", lang), activity, lang),
        tr(f"method_{summary.method}", lang),
    ]
    stem = f"digest-{who.user_id}-{digest.kind}-{local:%Y%m%d-%H%M}"
    return Reply(
        text="\n".join(body).strip(),
        title=title,
        fields=_fields(summary, lang),
        image_path=_chart(summary, out_dir, stem, lang),
    )


def render_rep_brief(brief: RepBrief, owners: dict[int, str], out_dir: Path | None) -> Reply:
    """The rep's morning brief: tasks, stalled deals, renewals, and their pipeline."""
    who = brief.recipient
    lang = _lang(who.language)
    local = _local(brief.generated_at, who.timezone)
    tasks = []
    for task in brief.tasks:
        when = (
            tr("overdue", lang)
            if task.overdue
            else tr("due_today", lang, time=_local(task.due_at, who.timezone).strftime("%H:%M"))
        )
        tasks.append("• " + tr("task_line", lang, when=when, title=task.title))
    cur = brief.summary.currency
    body = [
        *_section(tr("sec_tasks", lang), _capped(tasks, lang), lang),
        *_section(tr("sec_stalled", lang), stalled_lines(brief.stalled, owners, cur, lang), lang),
        *_section(tr("sec_renewals", lang), renewal_lines(brief.renewals, lang), lang),
        *_section(tr("sec_pipeline", lang), pipeline_lines(brief.summary, lang), lang),
    ]
    stem = f"brief-{who.user_id}-{local:%Y%m%d-%H%M}"
    return Reply(
        text="\n".join(body).strip(),
        title=tr("brief_title", lang, name=who.name, day=local.date().isoformat()),
        fields=_fields(brief.summary, lang),
        image_path=_chart(brief.summary, out_dir, stem, lang),
    )


def render_pipeline_summary(
    summary: PipelineSummary, language: str, out_dir: Path | None = None
) -> Reply:
    """Answer to "my pipeline" / "team forecast" questions."""
    lang = _lang(language)
    cur = summary.currency
    top = [
        "• "
        + tr(
            "top_line",
            lang,
            name=d.name,
            stage=stage_label(d.stage.value, lang),
            amount=money(d.amount, cur, lang),
            p=_pct(d.probability),
            factors=factor_text(d.factors, lang),
        )
        for d in summary.top_deals
    ]
    forecast = [
        forecast_line(summary.forecast.current_month, cur, lang),
        forecast_line(summary.forecast.current_quarter, cur, lang),
    ]
    owners = {d.owner_id: d.owner_name for d in summary.top_deals}
    body = [
        *_notes(summary, lang),
        *_section(tr("sec_pipeline", lang), pipeline_lines(summary, lang), lang),
        *_section(tr("sec_forecast", lang), forecast, lang),
        *_section(tr("sec_top", lang), top, lang),
        *_section(tr("sec_stalled", lang), stalled_lines(summary.stalled, owners, cur, lang), lang),
        tr(f"method_{summary.method}", lang),
    ]
    local = _local(summary.generated_at, summary.timezone)
    return Reply(
        text="\n".join(body).strip(),
        title=tr("pipeline_title", lang, scope=scope_label(summary, lang)),
        fields=_fields(summary, lang),
        image_path=_chart(
            summary, out_dir, f"pipeline-{summary.scope}-{local:%Y%m%d-%H%M%S}", lang
        ),
    )
