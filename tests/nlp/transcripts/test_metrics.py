"""Talk ratio and longest-monologue arithmetic on small hand-counted transcripts."""

from __future__ import annotations

from nlp.transcripts.lang import count_units, detect_language
from nlp.transcripts.metrics import longest_monologue, talk_ratio
from nlp.transcripts.parse import parse_transcript
from nlp.transcripts.types import Side


def test_count_units_words_and_chars() -> None:
    assert count_units("We need 50 seats, okay?") == 5
    assert count_units("我们用SF三年了") == 7  # 6 characters + one Latin word


def test_talk_ratio_and_monologue_english() -> None:
    text = (
        "[00:00:00] Rep: one two three\n"
        "[00:00:10] Cus: one two\n"
        "[00:00:20] Rep: one two three four five\n"
        "[00:00:40] Rep: six seven\n"
        "[00:01:00] Cus: one\n"
    )
    turns = parse_transcript(text)
    sides = {"Rep": Side.VENDOR, "Cus": Side.CUSTOMER}
    ratio = talk_ratio(turns, sides, "en")
    assert (ratio.unit, ratio.customer, ratio.vendor) == ("words", 3, 10)
    assert ratio.customer_share == round(3 / 13, 3)
    mono = longest_monologue(turns, sides)
    assert (mono.speaker, mono.units, mono.turns, mono.seconds, mono.start) == (
        "Rep",
        7,
        2,
        40.0,
        "00:00:20",
    )


def test_talk_ratio_chinese_chars() -> None:
    turns = parse_transcript("甲：你好你好\n乙：太贵了\n甲：好")
    ratio = talk_ratio(turns, {"甲": Side.VENDOR, "乙": Side.CUSTOMER}, "zh")
    assert (ratio.unit, ratio.customer, ratio.vendor) == ("chars", 3, 5)


def test_detect_language() -> None:
    assert detect_language("We should talk about the price and the rollout next week.") == "en"
    assert detect_language("我们下周再聊一下价格和上线计划，另外 SF 的数据也要迁移。") == "zh"
    assert (
        detect_language("Nous devons parler du prix et du déploiement la semaine prochaine.")
        == "other"
    )
    assert (
        detect_language("来週、価格と導入についてもう一度話しましょう。よろしくお願いします。")
        == "other"
    )
    assert detect_language("Нам нужно обсудить цену и внедрение на следующей неделе.") == "other"
