"""Digest charts as PNG files (matplotlib, Agg backend); English labels without a CJK font."""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402

from bot.digests.texts import tr  # noqa: E402
from bot.formatting import stage_label  # noqa: E402
from crm_store.analytics.forecast import PeriodForecast  # noqa: E402
from crm_store.analytics.pipeline import StageLine  # noqa: E402

log = logging.getLogger(__name__)
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Droid Sans Fallback",
    "AR PL UMing CN",
)


@functools.cache
def cjk_font() -> str | None:
    """The first installed font that can draw Chinese, if any."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def chart_language(lang: str) -> str:
    """Chinese labels only when a font can show them; otherwise English, never tofu."""
    return "zh" if lang == "zh" and cjk_font() else "en"


def _style(lang: str) -> Any:
    font = cjk_font() if lang == "zh" else None
    return {"font.family": [font, "DejaVu Sans"] if font else ["DejaVu Sans"]}


def _short(amount: float) -> str:
    if abs(amount) >= 1_000_000:
        return f"{amount / 1_000_000:.1f}M"
    if abs(amount) >= 1_000:
        return f"{amount / 1_000:.0f}k"
    return f"{amount:.0f}"


def funnel_chart(stages: Sequence[StageLine], path: Path, lang: str) -> Path | None:
    """Horizontal bars of open amount per stage, labelled with deal counts."""
    label_lang = chart_language(lang)
    try:
        with plt.rc_context(_style(label_lang)):
            fig, ax = plt.subplots(figsize=(6.4, 3.6), dpi=110)
            names = [stage_label(s.stage.value, label_lang) for s in stages][::-1]
            amounts = [s.amount for s in stages][::-1]
            weighted = [s.weighted for s in stages][::-1]
            ax.barh(names, amounts, color="#9ecae1", label=tr("field_pipeline", label_lang))
            ax.barh(names, weighted, color="#3182bd", label=tr("field_weighted", label_lang))
            for y, stage in enumerate(list(stages)[::-1]):
                ax.text(stage.amount, y, f" {stage.count} · {_short(stage.amount)}", va="center")
            ax.set_title(tr("chart_funnel", label_lang))
            ax.xaxis.set_major_formatter(lambda v, _: _short(v))
            ax.margins(x=0.25)
            ax.legend(loc="lower right", fontsize=8)
            fig.tight_layout()
            path.parent.mkdir(parents=True, exist_ok=True)
            fig.savefig(path)
            plt.close(fig)
        return path
    except Exception:  # a chart is a nicety; the digest text must still go out
        log.exception("funnel chart failed")
        plt.close("all")
        return None


def forecast_chart(periods: Sequence[PeriodForecast], path: Path, lang: str) -> Path | None:
    """Won / commit / weighted / best case per period, with the quota as a marker."""
    label_lang = chart_language(lang)
    try:
        with plt.rc_context(_style(label_lang)):
            fig, ax = plt.subplots(figsize=(6.4, 3.6), dpi=110)
            series = (
                ("chart_won", "won", "#31a354"),
                ("chart_commit", "commit", "#3182bd"),
                ("chart_weighted", "weighted", "#9ecae1"),
                ("chart_best", "best_case", "#fdae6b"),
            )
            width = 0.2
            for i, (key, attr, color) in enumerate(series):
                xs = [p + (i - 1.5) * width for p in range(len(periods))]
                values = [getattr(period, attr) for period in periods]
                ax.bar(xs, values, width, color=color, label=tr(key, label_lang))
            for x, period in enumerate(periods):
                if period.quota is not None:
                    ax.hlines(period.quota, x - 0.45, x + 0.45, colors="#de2d26", linewidth=2)
            ax.plot([], [], color="#de2d26", linewidth=2, label=tr("chart_quota", label_lang))
            ax.set_xticks(range(len(periods)), [p.label for p in periods])
            ax.yaxis.set_major_formatter(lambda v, _: _short(v))
            ax.set_title(tr("chart_forecast", label_lang))
            ax.legend(fontsize=8, ncols=5, loc="upper center", bbox_to_anchor=(0.5, -0.1))
            fig.tight_layout()
            path.parent.mkdir(parents=True, exist_ok=True)
            fig.savefig(path)
            plt.close(fig)
        return path
    except Exception:
        log.exception("forecast chart failed")
        plt.close("all")
        return None


def combined_chart(
    stages: Sequence[StageLine], periods: Sequence[PeriodForecast], path: Path, lang: str
) -> Path | None:
    """Funnel and forecast side by side in one image (platforms send one image per reply)."""
    label_lang = chart_language(lang)
    try:
        funnel = funnel_chart(stages, path.with_name(path.stem + "-funnel.png"), lang)
        forecast = forecast_chart(periods, path.with_name(path.stem + "-forecast.png"), lang)
        parts = [p for p in (funnel, forecast) if p is not None]
        if not parts:
            return None
        with plt.rc_context(_style(label_lang)):
            images = [plt.imread(str(p)) for p in parts]
            fig, axes = plt.subplots(1, len(images), figsize=(6.4 * len(images), 3.6), dpi=110)
            for ax, image in zip(axes if len(images) > 1 else [axes], images, strict=True):
                ax.imshow(image)
                ax.axis("off")
            fig.tight_layout(pad=0)
            fig.savefig(path)
            plt.close(fig)
        return path
    except Exception:
        log.exception("combined chart failed")
        plt.close("all")
        return None
