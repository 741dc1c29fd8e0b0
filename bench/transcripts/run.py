"""Generate a one-hour call in English (~9,000 words) and Chinese (~15,000 chars); time analysis."""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from nlp.transcripts import analyze_transcript, load_builtin_model  # noqa: E402
from nlp.transcripts.lang import count_units  # noqa: E402

EN_REP = [
    "Let me show you how the pipeline board works for a regional team.",
    "Most of our customers start with the mobile check-in and the visit log.",
    "We can configure approval rules per region, and the audit trail records every change.",
    "What does your month-end reporting look like today?",
    "How many people would need access in the first phase?",
    "Our implementation team usually needs six weeks for a company your size.",
    "The forecast view rolls up by manager, and you can drill into a single deal.",
]
EN_CUSTOMER = [
    "That looks useful, our managers spend hours on spreadsheets every Friday.",
    "Honestly, the price is higher than we planned for this year.",
    "We are also looking at HubSpot, and their starter tier is cheaper.",
    "Our IT team will ask about single sign-on and where the data is stored.",
    "It has to sync with our ERP, otherwise finance will not accept it.",
    "I like the dashboard, it is much clearer than what we have.",
    "The final decision sits with our CFO, I can only recommend it.",
    "Can it work offline? Our field reps are often out of coverage.",
]
ZH_REP = [
    "我给您演示一下区域团队的商机看板是怎么用的。",
    "很多客户都是先从手机端打卡和拜访记录开始用起来的。",
    "审批规则可以按区域配置，每一次修改都有操作日志可以追溯。",
    "您这边现在月底的经营报表是怎么做的？",
    "第一期大概有多少人需要开通账号？",
    "按您公司的规模，实施一般需要六周左右。",
    "预测视图可以按经理汇总，也可以点进去看单个商机。",
]
ZH_CUSTOMER = [
    "这个挺实用的，我们经理每周五都要花好几个小时整理表格。",
    "说实话，价格比我们今年的预算高不少。",
    "我们也在看销售易，他们的基础版便宜一些。",
    "我们IT肯定会问单点登录和数据存放在哪里。",
    "必须能跟我们的金蝶对接，不然财务那边过不了。",
    "这个看板我挺喜欢的，比我们现在的清楚多了。",
    "最后要财务总监拍板，我这边只能推荐。",
    "能离线用吗？我们的外勤经常没信号。",
]
EN_CLOSE = [
    ("Rep", "Can we book a follow-up review next Tuesday at 10 with your CFO?"),
    ("Customer", "Tuesday at 10 works. Send the invite."),
]
ZH_CLOSE = [
    ("Rep", "那我们下周二上午十点约财务总监一起过一遍方案？"),
    ("Customer", "可以，周二十点，你发会议邀请给我。"),
]


def generate(lang: str, target_units: int, seed: int = 3) -> str:
    rng = random.Random(seed)
    if lang == "en":
        rep, cust, close, names = EN_REP, EN_CUSTOMER, EN_CLOSE, ("Alex Chen", "Morgan Lee")
    else:
        rep, cust, close, names = ZH_REP, ZH_CUSTOMER, ZH_CLOSE, ("李明", "王总")
    lines: list[str] = []
    units = 0
    second = 0
    while units < target_units - 20:
        for speaker, pool in ((names[0], rep), (names[1], cust)):
            said = " ".join(rng.sample(pool, rng.randint(1, 3)))
            if lang == "zh":
                said = said.replace(" ", "")
            if units + count_units(said) > target_units:
                break
            stamp = f"[{second // 3600:02d}:{second % 3600 // 60:02d}:{second % 60:02d}]"
            lines.append(f"{stamp} {speaker}: {said}")
            units += count_units(said)
            second += max(2, count_units(said) // (3 if lang == "en" else 4))
    for who, said in close:
        speaker = names[0] if who == "Rep" else names[1]
        lines.append(f"{speaker}: {said}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cache = args.cache_dir or Path(tempfile.gettempdir()) / "salesbrain-bench-transcripts"
    started = time.perf_counter()
    model = load_builtin_model(cache)
    load_s = time.perf_counter() - started
    print(f"model ready in {load_s:.2f} s (trained or loaded from {cache})")
    result: dict[str, float | int | bool] = {"model_load_s": round(load_s, 3)}
    for lang, target, vendor in (("en", 9000, "Alex Chen"), ("zh", 15000, "李明")):
        text = generate(lang, target)
        times = []
        analysis = None
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            analysis = analyze_transcript(text, vendor_names=[vendor], model=model)
            times.append(time.perf_counter() - t0)
        assert analysis is not None
        units = analysis.talk_ratio.customer + analysis.talk_ratio.vendor
        best = min(times)
        print(
            f"{lang}: {units} {'words' if lang == 'en' else 'chars'}, "
            f"{len(analysis.utterances)} turns, best of {args.repeat}: {best:.3f} s, "
            f"objections {list(analysis.objection_categories)}, "
            f"competitors {[c.name for c in analysis.competitors]}, "
            f"next steps {analysis.next_steps}, customer share {analysis.talk_ratio.customer_share}"
        )
        result[f"{lang}_units"] = units
        result[f"{lang}_turns"] = len(analysis.utterances)
        result[f"{lang}_seconds"] = round(best, 3)
        result[f"{lang}_under_1s"] = best < 1.0
    print(json.dumps(result))


if __name__ == "__main__":
    main()
