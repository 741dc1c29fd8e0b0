"""WeCom sender over httpx to a local fake of qyapi: split, token cache, expiry, 45009, pacing."""

from __future__ import annotations

import json

import pytest

from connectors.common.errors import DeliveryError
from connectors.types import Button, Destination, Reply
from connectors.wecom import WeComConfig, WeComSender
from tests.connectors.fakeapi import Answer

DEST = Destination("wecom", "wwcorp", "lisi", "lisi")


def sender_for(fake_api, fake_clock, **cfg) -> WeComSender:
    config = WeComConfig(
        corp_id="wwcorp",
        token="t",
        encoding_aes_key="a" * 43,
        agent_id=1000002,
        secret="sec",
        api_base=fake_api.base_url + "/cgi-bin",
        **cfg,
    )
    return WeComSender(config, client=fake_api.client, clock=fake_clock, sleep=fake_clock.sleep)


@pytest.fixture
def tokens(fake_api):
    issued: list[str] = []

    def gettoken(rec):
        issued.append(f"TOKEN{len(issued) + 1}")
        return Answer(
            200, {"errcode": 0, "errmsg": "ok", "access_token": issued[-1], "expires_in": 7200}
        )

    fake_api.on("/cgi-bin/gettoken", gettoken)
    return issued


def sends(fake_api):
    return fake_api.calls_to("/cgi-bin/message/send")


async def test_chinese_text_is_split_at_2048_bytes_on_character_boundaries(
    fake_api, fake_clock, tokens
):
    text = (
        "客户华为云的采购负责人表示预算已经批准，预计下个季度签约，需要我们尽快提供报价与技术方案"
        * 60
    )
    sender = sender_for(fake_api, fake_clock)
    await sender.send(DEST, Reply(text=text))
    calls = sends(fake_api)
    assert len(calls) >= 4
    contents = []
    for call in calls:
        body = call.json
        assert (body["touser"], body["agentid"], body["msgtype"]) == ("lisi", 1000002, "markdown")
        content = body["markdown"]["content"]
        assert len(content.encode("utf-8")) <= 2048
        assert len(content.encode("utf-8")) > 1024 or call is calls[-1]  # no tiny fragments
        contents.append(content)
    assert "".join(contents) == text
    # the raw wire bytes are valid UTF-8 too
    for call in calls:
        json.loads(call.body.decode("utf-8", errors="strict"))
    assert calls[0].query["access_token"] == "TOKEN1"


async def test_token_is_cached_and_refreshed_after_expiry(fake_api, fake_clock, tokens):
    sender = sender_for(fake_api, fake_clock)
    await sender.send(DEST, Reply(text="一"))
    await sender.send(DEST, Reply(text="二"))
    assert len(tokens) == 1
    fake_clock.now += 7200
    await sender.send(DEST, Reply(text="三"))
    assert len(tokens) == 2
    assert [c.query["access_token"] for c in sends(fake_api)] == ["TOKEN1", "TOKEN1", "TOKEN2"]


@pytest.mark.parametrize("errcode", [40014, 42001])
async def test_expired_token_is_refetched_once_and_the_send_retried(
    fake_api, fake_clock, tokens, errcode
):
    def send(rec):
        if rec.query["access_token"] == "TOKEN1":
            return Answer(200, {"errcode": errcode, "errmsg": "access_token expired"})
        return Answer(200, {"errcode": 0, "errmsg": "ok", "invaliduser": ""})

    fake_api.on("/cgi-bin/message/send", send)
    sender = sender_for(fake_api, fake_clock)
    await sender.send(DEST, Reply(text="跟进提醒"))
    assert tokens == ["TOKEN1", "TOKEN2"]
    assert [c.query["access_token"] for c in sends(fake_api)] == ["TOKEN1", "TOKEN2"]


async def test_token_errors_are_bounded(fake_api, fake_clock, tokens):
    fake_api.on(
        "/cgi-bin/message/send", lambda rec: Answer(200, {"errcode": 42001, "errmsg": "expired"})
    )
    sender = sender_for(fake_api, fake_clock, max_attempts=3)
    with pytest.raises(DeliveryError) as info:
        await sender.send(DEST, Reply(text="x"))
    assert len(sends(fake_api)) == 3 and len(tokens) == 3
    assert info.value.code == "42001" and info.value.attempts == 3


async def test_45009_backs_off_then_succeeds(fake_api, fake_clock, tokens):
    answers = [
        Answer(200, {"errcode": 45009, "errmsg": "api freq out of limit"}),
        Answer(200, {"errcode": 0}),
    ]
    fake_api.on("/cgi-bin/message/send", lambda rec: answers.pop(0))
    sender = sender_for(fake_api, fake_clock)
    await sender.send(DEST, Reply(text="x"))
    assert len(sends(fake_api)) == 2
    assert sum(fake_clock.sleeps) >= 2.0  # waited before the retry


async def test_persistent_45009_raises_retryable_delivery_error(fake_api, fake_clock, tokens):
    fake_api.on(
        "/cgi-bin/message/send", lambda rec: Answer(200, {"errcode": 45009, "errmsg": "freq"})
    )
    sender = sender_for(fake_api, fake_clock, max_attempts=4)
    with pytest.raises(DeliveryError) as info:
        await sender.send(DEST, Reply(text="x"))
    assert info.value.retryable and info.value.code == "45009"
    assert len(sends(fake_api)) == 4
    assert sum(fake_clock.sleeps) >= 2 + 4 + 8  # exponential backoff between attempts


async def test_more_than_30_per_minute_are_delayed_not_dropped(fake_api, fake_clock, tokens):
    sender = sender_for(fake_api, fake_clock)
    start = fake_clock.now
    for i in range(31):
        await sender.send(DEST, Reply(text=f"第{i}条"))
    calls = sends(fake_api)
    assert len(calls) == 31
    assert [c.json["markdown"]["content"] for c in calls] == [f"第{i}条" for i in range(31)]
    assert fake_clock.now - start >= 60  # the 31st waited for the window
    other = Destination("wecom", "wwcorp", "wangwu", "wangwu")
    before = fake_clock.now
    await sender.send(other, Reply(text="别人不受影响"))
    assert fake_clock.now == before


async def test_buttons_render_a_template_card(fake_api, fake_clock, tokens):
    reply = Reply(
        text="金额 ¥800,000，阶段 谈判",
        title="确认更新商机",
        fields=(("客户", "华为"), ("金额", "¥800,000")),
        buttons=(
            Button("确认", "confirm:7", style="primary"),
            Button("取消", "cancel:7", style="danger"),
        ),
    )
    sender = sender_for(fake_api, fake_clock)
    await sender.send(DEST, reply)
    [call] = sends(fake_api)
    card = call.json["template_card"]
    assert call.json["msgtype"] == "template_card"
    assert card["card_type"] == "button_interaction"
    assert card["main_title"]["title"] == "确认更新商机"
    assert card["sub_title_text"] == "金额 ¥800,000，阶段 谈判"
    assert [b["key"] for b in card["button_list"]] == ["sb_action:confirm:7", "sb_action:cancel:7"]
    assert card["horizontal_content_list"][0] == {"keyname": "客户", "value": "华为"}
    assert card["task_id"].startswith("sb-")


async def test_plain_text_mode_adds_the_button_hint(fake_api, fake_clock, tokens):
    reply = Reply(
        text="确认创建？", buttons=(Button("确认", "y"),), buttons_hint="回复 确认 / 取消"
    )
    sender = sender_for(fake_api, fake_clock, use_markdown=False)
    await sender.send(DEST, reply)
    [call] = sends(fake_api)
    assert call.json["msgtype"] == "text"
    assert call.json["text"]["content"] == "确认创建？\n回复 确认 / 取消"


async def test_invalid_user_and_bad_secret_are_permanent(fake_api, fake_clock, tokens):
    fake_api.on(
        "/cgi-bin/message/send", lambda rec: Answer(200, {"errcode": 0, "invaliduser": "lisi"})
    )
    sender = sender_for(fake_api, fake_clock)
    with pytest.raises(DeliveryError) as info:
        await sender.send(DEST, Reply(text="x"))
    assert not info.value.retryable and len(sends(fake_api)) == 1

    fake_api.on(
        "/cgi-bin/gettoken", lambda rec: Answer(200, {"errcode": 40001, "errmsg": "invalid secret"})
    )
    with pytest.raises(DeliveryError) as info:
        await sender_for(fake_api, fake_clock).send(DEST, Reply(text="x"))
    assert info.value.code == "40001" and not info.value.retryable


async def test_local_image_is_uploaded_then_sent(fake_api, fake_clock, tokens, tmp_path):
    png = tmp_path / "funnel.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    fake_api.on(
        "/cgi-bin/media/upload",
        lambda rec: Answer(200, {"errcode": 0, "type": "image", "media_id": "MID1"}),
    )
    sender = sender_for(fake_api, fake_clock)
    await sender.send(DEST, Reply(text="本月漏斗", image_path=str(png)))
    [upload] = fake_api.calls_to("/cgi-bin/media/upload")
    assert upload.query["type"] == "image" and b"funnel.png" in upload.body
    kinds = [c.json["msgtype"] for c in sends(fake_api)]
    assert kinds == ["markdown", "image"]
    assert sends(fake_api)[1].json["image"]["media_id"] == "MID1"
