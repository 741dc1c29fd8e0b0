"""DingTalk sender: sessionWebhook while valid, OpenAPI after expiry, token cache, 130101."""

from __future__ import annotations

import json
from urllib.parse import unquote

import pytest

from connectors.common.errors import DeliveryError
from connectors.dingtalk import DingTalkConfig, DingTalkSender
from connectors.types import Button, Destination, Reply
from tests.connectors.fakeapi import Answer, FakeClock

NOW = 1_700_000_000.0


@pytest.fixture
def clock():
    return FakeClock(NOW)


@pytest.fixture
def tokens(fake_api):
    issued: list[str] = []

    def token(rec):
        assert rec.json == {"appKey": "dingkey", "appSecret": "dingsecret"}
        issued.append(f"AT{len(issued) + 1}")
        return Answer(200, {"accessToken": issued[-1], "expireIn": 7200})

    fake_api.on("/v1.0/oauth2/accessToken", token)
    fake_api.on(
        "/v1.0/robot/oToMessages/batchSend", lambda rec: Answer(200, {"processQueryKey": "q1"})
    )
    fake_api.on(
        "/v1.0/robot/groupMessages/send", lambda rec: Answer(200, {"processQueryKey": "q2"})
    )
    fake_api.on("/robot/sendBySession", lambda rec: Answer(200, {"errcode": 0, "errmsg": "ok"}))
    return issued


def sender_for(fake_api, clock, **cfg):
    config = DingTalkConfig(
        app_key="dingkey",
        app_secret="dingsecret",
        api_base=fake_api.base_url,
        oapi_base=fake_api.base_url,
        **cfg,
    )
    return DingTalkSender(config, client=fake_api.client, clock=clock, sleep=clock.sleep)


def dest(fake_api, *, expires_in_s: float = 3600, group=False):
    ctx = {
        "sessionWebhook": fake_api.base_url + "/robot/sendBySession?session=abc",
        "sessionWebhookExpiredTime": str(int((NOW + expires_in_s) * 1000)),
        "conversationType": "2" if group else "1",
        "senderStaffId": "staff001",
        "robotCode": "dingkey",
    }
    return Destination("dingtalk", "corp", "cidGROUP==" if group else "cidONE==", "staff001", ctx)


async def test_session_webhook_is_used_while_valid(fake_api, clock, tokens):
    sender = sender_for(fake_api, clock)
    await sender.send(
        dest(fake_api, group=True), Reply(text="## 本周管道\n共 12 个商机", title="本周管道")
    )
    [call] = fake_api.calls_to("/robot/sendBySession")
    assert call.query["session"] == "abc"
    assert call.json["msgtype"] == "markdown"
    assert call.json["markdown"] == {"title": "本周管道", "text": "## 本周管道\n共 12 个商机"}
    assert call.json["at"] == {"atUserIds": ["staff001"]}
    assert tokens == []  # no OpenAPI token needed


async def test_openapi_after_webhook_expiry_one_to_one(fake_api, clock, tokens):
    sender = sender_for(fake_api, clock)
    await sender.send(dest(fake_api, expires_in_s=30), Reply(text="提醒：明天拜访华为"))
    assert fake_api.calls_to("/robot/sendBySession") == []
    [call] = fake_api.calls_to("/v1.0/robot/oToMessages/batchSend")
    assert call.headers["x-acs-dingtalk-access-token"] == "AT1"
    assert call.json["robotCode"] == "dingkey" and call.json["userIds"] == ["staff001"]
    assert call.json["msgKey"] == "sampleMarkdown"
    assert json.loads(call.json["msgParam"])["text"] == "提醒：明天拜访华为"


async def test_openapi_group_send_and_token_cache(fake_api, clock, tokens):
    sender = sender_for(fake_api, clock)
    d = dest(fake_api, expires_in_s=-10, group=True)
    await sender.send(d, Reply(text="一"))
    await sender.send(d, Reply(text="二"))
    calls = fake_api.calls_to("/v1.0/robot/groupMessages/send")
    assert [c.json["openConversationId"] for c in calls] == ["cidGROUP==", "cidGROUP=="]
    assert tokens == ["AT1"]
    clock.now += 7200
    await sender.send(d, Reply(text="三"))
    assert tokens == ["AT1", "AT2"]


async def test_webhook_refusal_falls_back_to_openapi(fake_api, clock, tokens):
    fake_api.on(
        "/robot/sendBySession",
        lambda rec: Answer(200, {"errcode": 300001, "errmsg": "session invalid"}),
    )
    sender = sender_for(fake_api, clock)
    await sender.send(dest(fake_api), Reply(text="hi"))
    assert len(fake_api.calls_to("/robot/sendBySession")) == 1
    assert len(fake_api.calls_to("/v1.0/robot/oToMessages/batchSend")) == 1


async def test_130101_backs_off_then_succeeds(fake_api, clock, tokens):
    answers = [
        Answer(200, {"errcode": 130101, "errmsg": "send too fast"}),
        Answer(200, {"errcode": 0}),
    ]
    fake_api.on("/robot/sendBySession", lambda rec: answers.pop(0))
    sender = sender_for(fake_api, clock)
    await sender.send(dest(fake_api), Reply(text="hi"))
    assert len(fake_api.calls_to("/robot/sendBySession")) == 2
    assert sum(clock.sleeps) >= 2.0


async def test_persistent_130101_raises_delivery_error(fake_api, clock, tokens):
    fake_api.on(
        "/robot/sendBySession",
        lambda rec: Answer(200, {"errcode": 130101, "errmsg": "send too fast"}),
    )
    sender = sender_for(fake_api, clock, max_attempts=3)
    with pytest.raises(DeliveryError) as info:
        await sender.send(dest(fake_api), Reply(text="hi"))
    assert info.value.retryable and info.value.code == "130101"
    assert len(fake_api.calls_to("/robot/sendBySession")) == 3


async def test_openapi_429_honours_retry_after_and_expired_token_is_refreshed(
    fake_api, clock, tokens
):
    answers = [
        Answer(401, {"code": "InvalidAuthentication", "message": "token expired"}),
        Answer(429, {"code": "Forbidden.AccessDenied.QpsLimitForApi"}, {"Retry-After": "9"}),
        Answer(200, {"processQueryKey": "ok"}),
    ]
    fake_api.on("/v1.0/robot/oToMessages/batchSend", lambda rec: answers.pop(0))
    sender = sender_for(fake_api, clock)
    await sender.send(dest(fake_api, expires_in_s=0), Reply(text="hi"))
    calls = fake_api.calls_to("/v1.0/robot/oToMessages/batchSend")
    assert [c.headers["x-acs-dingtalk-access-token"] for c in calls] == ["AT1", "AT2", "AT2"]
    assert max(clock.sleeps) >= 9


async def test_openapi_permanent_error_and_invalid_staff(fake_api, clock, tokens):
    fake_api.on(
        "/v1.0/robot/oToMessages/batchSend",
        lambda rec: Answer(400, {"code": "invalidParameter.robotCode", "message": "bad robot"}),
    )
    sender = sender_for(fake_api, clock)
    with pytest.raises(DeliveryError) as info:
        await sender.send(dest(fake_api, expires_in_s=0), Reply(text="hi"))
    assert not info.value.retryable and info.value.code == "invalidParameter.robotCode"
    fake_api.on(
        "/v1.0/robot/oToMessages/batchSend",
        lambda rec: Answer(200, {"processQueryKey": "q", "invalidStaffIdList": ["staff001"]}),
    )
    with pytest.raises(DeliveryError) as info:
        await sender.send(dest(fake_api, expires_in_s=0), Reply(text="hi"))
    assert info.value.code == "invalidStaffId"


async def test_confirmation_is_an_action_card(fake_api, clock, tokens):
    reply = Reply(
        text="将阶段改为 赢单？",
        title="确认更新",
        fields=(("商机", "京东云"),),
        buttons=(Button("确认", "confirm:9", style="primary"), Button("取消", "cancel:9")),
    )
    sender = sender_for(fake_api, clock)
    await sender.send(dest(fake_api), reply)
    [call] = fake_api.calls_to("/robot/sendBySession")
    card = call.json["actionCard"]
    assert call.json["msgtype"] == "actionCard"
    assert [b["title"] for b in card["btns"]] == ["确认", "取消"]
    assert unquote(card["btns"][0]["actionURL"]) == "dtmd://dingtalkclient/sendMessage?content=确认"
    assert "将阶段改为 赢单？" in card["text"] and "京东云" in card["text"]
    # and via the OpenAPI once the webhook has expired
    await sender.send(dest(fake_api, expires_in_s=0), reply)
    [api] = fake_api.calls_to("/v1.0/robot/oToMessages/batchSend")
    param = json.loads(api.json["msgParam"])
    assert api.json["msgKey"] == "sampleActionCard6"
    assert (param["actionTitle1"], param["actionTitle2"]) == ("确认", "取消")


async def test_long_reply_is_split_at_configured_size(fake_api, clock, tokens):
    text = "\n".join(
        f"{i}. 客户跟进记录：需要在本周五之前提交技术方案与报价单。" for i in range(300)
    )
    sender = sender_for(fake_api, clock, max_message_chars=1000)
    await sender.send(dest(fake_api), Reply(text=text))
    calls = fake_api.calls_to("/robot/sendBySession")
    assert len(calls) >= 8
    texts = [c.json["markdown"]["text"] for c in calls]
    assert all(len(t) <= 1000 for t in texts)
    assert "\n".join(texts) == text


async def test_local_image_is_uploaded_and_sent_by_media_id(fake_api, clock, tokens, tmp_path):
    png = tmp_path / "chart.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"1" * 50)
    fake_api.on("/media/upload", lambda rec: Answer(200, {"errcode": 0, "media_id": "@lADPmedia"}))
    sender = sender_for(fake_api, clock)
    await sender.send(dest(fake_api), Reply(text="销售漏斗", image_path=str(png)))
    [upload] = fake_api.calls_to("/media/upload")
    assert upload.query == {"access_token": "AT1", "type": "image"}
    [img] = fake_api.calls_to("/v1.0/robot/oToMessages/batchSend")
    assert img.json["msgKey"] == "sampleImageMsg"
    assert json.loads(img.json["msgParam"]) == {"photoURL": "@lADPmedia"}
