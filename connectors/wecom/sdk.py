"""The one place wechatpy is used: callback crypto and XML message reading."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from wechatpy.enterprise.crypto import WeChatCrypto
from wechatpy.enterprise.exceptions import InvalidCorpIdException
from wechatpy.enterprise.parser import parse_message
from wechatpy.exceptions import InvalidSignatureException

from connectors.common.errors import RequestRejected


@dataclass(frozen=True, slots=True)
class WeComMessage:
    """A decrypted callback message with wechatpy's types already read out."""

    msg_type: str
    from_user: str
    to_user: str
    create_time: int
    msg_id: str | None = None
    event: str = ""
    agent_id: str = ""
    content: str = ""
    media_id: str | None = None
    recognition: str | None = None
    voice_format: str | None = None
    pic_url: str | None = None
    title: str | None = None
    description: str | None = None
    url: str | None = None
    label: str | None = None
    raw: Mapping[str, Any] = field(default_factory=dict)


class WeComCrypto:
    """Verifies `msg_signature`, decrypts AES payloads and checks the ReceiveId (CorpID)."""

    def __init__(self, token: str, encoding_aes_key: str, corp_id: str) -> None:
        self._crypto = WeChatCrypto(token, encoding_aes_key, corp_id)

    def check_url(self, signature: str, timestamp: str, nonce: str, echostr: str) -> str:
        """The decrypted echostr, to be answered verbatim."""
        return self._guard(
            lambda: self._crypto.check_signature(signature, timestamp, nonce, echostr)
        )

    def decrypt(self, body: bytes, signature: str, timestamp: str, nonce: str) -> str:
        """The inner XML of an encrypted push."""
        return self._guard(lambda: self._crypto.decrypt_message(body, signature, timestamp, nonce))

    def encrypt(self, xml: str, nonce: str, timestamp: str) -> str:
        """An encrypted envelope (passive replies; also handy for local testing)."""
        return str(self._crypto.encrypt_message(xml, nonce, timestamp))

    @staticmethod
    def _guard(call: Any) -> str:
        try:
            result = call()
        except InvalidSignatureException:
            raise RequestRejected(403, "bad msg_signature") from None
        except InvalidCorpIdException:
            raise RequestRejected(403, "ReceiveId is not our CorpID") from None
        except Exception:  # malformed XML, base64, padding or length: all bad input
            raise RequestRejected(400, "undecryptable payload") from None
        if not isinstance(result, str):
            raise RequestRejected(400, "undecryptable payload")
        return result


def _text(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) else None


def read_message(xml: str) -> WeComMessage:
    """Read the decrypted XML; wechatpy has no `file` type, so extras come from the raw dict."""
    try:
        msg = parse_message(xml)
        data: Mapping[str, Any] = msg._data if msg is not None else {}
        if not isinstance(data, Mapping):
            raise ValueError("xml root is not an element")
        return WeComMessage(
            msg_type=str(data.get("MsgType") or "").lower(),
            event=str(data.get("Event") or "").lower(),
            from_user=str(msg.source or ""),
            to_user=str(msg.target or ""),
            create_time=int(data.get("CreateTime") or 0),
            msg_id=_text(data, "MsgId"),
            agent_id=str(data.get("AgentID") or ""),
            content=_text(data, "Content") or "",
            media_id=_text(data, "MediaId"),
            recognition=_text(data, "Recognition"),
            voice_format=_text(data, "Format"),
            pic_url=_text(data, "PicUrl"),
            title=_text(data, "Title"),
            description=_text(data, "Description"),
            url=_text(data, "Url"),
            label=_text(data, "Label"),
            raw=dict(data),
        )
    except RequestRejected:
        raise
    except Exception:
        raise RequestRejected(400, "malformed message xml") from None
