"""Slack sender: real AsyncWebClient against a local fake Web API."""

from __future__ import annotations

import pytest

from connectors.common.errors import DeliveryError
from connectors.slack import SlackConfig, SlackSender
from connectors.slack.render import render_reply
from connectors.types import Button, Destination, Link, Reply
from tests.connectors.fakeapi import Answer


def sender_for(fake_api, fake_clock, **cfg) -> SlackSender:
    config = SlackConfig(
        signing_secret="s", bot_token="xoxb-test", api_base=fake_api.base_url + "/api/", **cfg
    )
    return SlackSender(config, sleep=fake_clock.sleep, clock=fake_clock)


CONFIRM = Reply(
    text="将创建商机：**Acme 云迁移**，金额 ¥500,000",
    title="确认创建商机",
    fields=(("客户", "Acme"), ("阶段", "Proposal")),
    buttons=(
        Button(label="确认", value="confirm:42", style="primary"),
        Button(label="取消", value="cancel:42", style="danger"),
    ),
    links=(Link(label="CRM", url="https://crm.example.com/deals/42"),),
    image_path="https://img.example.com/chart.png",
)


async def test_block_kit_payload_reaches_the_api(fake_api, fake_clock):
    sender = sender_for(fake_api, fake_clock)
    dest = Destination("slack", "T1", "C999", "U2", {"source": "event", "ts": "1700.1"})
    await sender.send(dest, CONFIRM)
    [call] = fake_api.calls_to("/api/chat.postMessage")
    assert call.headers["Authorization"] == "Bearer xoxb-test"
    payload = call.json
    assert payload["channel"] == "C999"
    assert payload["thread_ts"] == "1700.1"  # replies to a channel mention go into its thread
    types = [b["type"] for b in payload["blocks"]]
    assert types == ["header", "section", "section", "image", "context", "actions"]
    assert payload["blocks"][1]["text"]["text"] == "将创建商机：*Acme 云迁移*，金额 ¥500,000"
    fields = payload["blocks"][2]["fields"]
    assert fields[0]["text"] == "*客户*\nAcme"
    buttons = payload["blocks"][-1]["elements"]
    assert [(b["text"]["text"], b["value"], b.get("style")) for b in buttons] == [
        ("确认", "confirm:42", "primary"),
        ("取消", "cancel:42", "danger"),
    ]
    assert len({b["action_id"] for b in buttons}) == 2  # unique within the block
    assert payload["blocks"][3]["image_url"] == "https://img.example.com/chart.png"
    assert "<https://crm.example.com/deals/42|CRM>" in payload["blocks"][4]["elements"][0]["text"]
    assert "Acme 云迁移" in payload["text"]  # notification fallback


async def test_dm_reply_is_not_threaded(fake_api, fake_clock):
    sender = sender_for(fake_api, fake_clock)
    await sender.send(
        Destination("slack", "T1", "D1", "U2", {"source": "event", "ts": "1.1"}), Reply(text="hi")
    )
    [call] = fake_api.calls_to("/api/chat.postMessage")
    assert "thread_ts" not in call.json


def test_long_reply_is_split_within_slack_limits():
    paragraph = ("Quarterly pipeline review for the enterprise segment & partners. " * 30).strip()
    text = "\n\n".join(f"{i}. {paragraph}" for i in range(60))  # about 120k characters
    messages = render_reply(Reply(text=text, title="Pipeline", buttons=(Button("OK", "ok"),)))
    assert len(messages) >= 4
    for m in messages:
        assert len(m.blocks) <= 50
        assert len(m.text) <= 40_000
        for b in m.blocks:
            if b["type"] == "section" and "text" in b:
                assert len(b["text"]["text"]) <= 3000
    assert messages[0].blocks[0]["type"] == "header"
    assert messages[-1].blocks[-1]["type"] == "actions"
    sections = [b["text"]["text"] for m in messages for b in m.blocks if b["type"] == "section"]
    joined = "".join(sections).replace("&amp;", "&")
    assert "".join(joined.split()) == "".join(text.split())


def test_sixty_fields_stay_under_fifty_blocks():
    fields = tuple((f"k{i}", "v" * 10) for i in range(600))
    messages = render_reply(Reply(text="x", fields=fields))
    assert all(len(m.blocks) <= 50 for m in messages)
    assert sum(len(b.get("fields", [])) for m in messages for b in m.blocks) == 600


async def test_long_reply_is_sent_as_several_messages(fake_api, fake_clock):
    sender = sender_for(fake_api, fake_clock)
    text = "\n".join(f"行 {i}：客户跟进记录，需要在周五之前发送报价。" for i in range(4000))
    await sender.send(Destination("slack", "T1", "D1", "U2"), Reply(text=text))
    calls = fake_api.calls_to("/api/chat.postMessage")
    assert len(calls) >= 2
    assert all(len(c.json["blocks"]) <= 50 and len(c.json["text"]) <= 40_000 for c in calls)
    # one message per second per channel: the sender paced itself
    assert sum(fake_clock.sleeps) >= len(calls) - 1 - 1e-9


async def test_rate_limited_request_is_retried_after_retry_after(fake_api, fake_clock):
    answers = [
        Answer(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "7"}),
        Answer(200, {"ok": True}),
    ]
    fake_api.on("/api/chat.postMessage", lambda rec: answers.pop(0))
    sender = sender_for(fake_api, fake_clock)
    await sender.send(Destination("slack", "T1", "C1", "U2"), Reply(text="hello"))
    assert len(fake_api.calls_to("/api/chat.postMessage")) == 2
    assert any(7 <= s < 8 for s in fake_clock.sleeps)


async def test_persistent_429_raises_delivery_error_after_bounded_retries(fake_api, fake_clock):
    fake_api.on(
        "/api/chat.postMessage",
        lambda rec: Answer(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "2"}),
    )
    sender = sender_for(fake_api, fake_clock, max_retries=2)
    with pytest.raises(DeliveryError) as info:
        await sender.send(Destination("slack", "T1", "C1", "U2"), Reply(text="hello"))
    assert info.value.retryable and info.value.platform == "slack"
    assert len(fake_api.calls_to("/api/chat.postMessage")) == 3


async def test_permanent_error_is_not_retried(fake_api, fake_clock):
    fake_api.on(
        "/api/chat.postMessage", lambda rec: Answer(200, {"ok": False, "error": "invalid_auth"})
    )
    sender = sender_for(fake_api, fake_clock)
    with pytest.raises(DeliveryError) as info:
        await sender.send(Destination("slack", "T1", "C1", "U2"), Reply(text="hello"))
    assert info.value.code == "invalid_auth" and not info.value.retryable
    assert len(fake_api.calls_to("/api/chat.postMessage")) == 1


async def test_not_in_channel_falls_back_to_response_url(fake_api, fake_clock):
    fake_api.on(
        "/api/chat.postMessage", lambda rec: Answer(200, {"ok": False, "error": "not_in_channel"})
    )
    fake_api.on("/commands/T1/123/abc", lambda rec: Answer(200, "ok"))
    sender = sender_for(fake_api, fake_clock)
    ctx = {"source": "command", "response_url": fake_api.base_url + "/commands/T1/123/abc"}
    await sender.send(Destination("slack", "T1", "C7", "U2", ctx), Reply(text="本季度管道 ¥3.2M"))
    [hook] = fake_api.calls_to("/commands/T1/123/abc")
    assert hook.json["response_type"] == "ephemeral"
    assert hook.json["blocks"][0]["text"]["text"] == "本季度管道 ¥3.2M"


async def test_unreachable_api_raises_delivery_error(fake_clock):
    config = SlackConfig(
        signing_secret="s", bot_token="xoxb", api_base="http://127.0.0.1:9/api/", max_retries=1
    )
    sender = SlackSender(config, sleep=fake_clock.sleep, clock=fake_clock)
    with pytest.raises(DeliveryError) as info:
        await sender.send(Destination("slack", "T1", "C1", "U2"), Reply(text="x"))
    assert info.value.retryable
