"""Get a chat attachment onto local disk: a local path as is, or a URL streamed with a size cap."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import httpx

from connectors.types import Attachment

TIMEOUT_S = 30.0
_SLACK_HOSTS = ("slack.com", "slack-edge.com")


class DownloadError(Exception):
    """The attachment could not be fetched; ``reason(lang)`` says why for the user."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self._zh = zh
        self._en = en

    def reason(self, lang: str) -> str:
        return self._zh if lang == "zh" else self._en


class MediaNeedsConnector(Exception):
    """Only a platform media id came with the file; fetching it is the connector's job."""


def attachment_name(attachment: Attachment) -> str:
    """A bare file name (no directories) for the attachment, '' when none is known."""
    raw = attachment.name or ""
    if not raw and attachment.local_path:
        raw = Path(attachment.local_path).name
    if not raw and attachment.url:
        raw = unquote(PurePosixPath(urlsplit(attachment.url).path).name)
    return PurePosixPath(raw.replace("\\", "/")).name.strip()


def _is_slack(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in _SLACK_HOSTS)


def fetch_attachment(
    attachment: Attachment,
    dest_dir: Path,
    *,
    max_bytes: int,
    slack_token: str | None = None,
    client: httpx.Client | None = None,
) -> Path:
    """Path of the attachment's bytes on this machine, downloading into ``dest_dir`` if needed.

    The Slack bot token is sent only to Slack's own hosts (url_private needs it); raises
    MediaNeedsConnector when only a media id is known, DownloadError when the fetch fails.
    """
    if attachment.local_path:
        path = Path(attachment.local_path)
        if not path.is_file():
            raise DownloadError(f"找不到本地文件 {path}", f"no such local file {path}")
        return path
    if not attachment.url:
        if attachment.media_id:
            raise MediaNeedsConnector(attachment.media_id)
        raise DownloadError("消息里没有文件地址", "the message carries no file location")
    name = attachment_name(attachment) or "upload"
    dest_dir.mkdir(parents=True, exist_ok=True)
    target = dest_dir / name
    headers = {}
    if slack_token and _is_slack(attachment.url):
        headers["Authorization"] = f"Bearer {slack_token}"
    own_client = client is None
    http = client or httpx.Client(timeout=TIMEOUT_S, follow_redirects=True)
    try:
        _stream(http, attachment.url, headers, target, max_bytes, name)
    except httpx.HTTPError as error:
        target.unlink(missing_ok=True)
        raise DownloadError(
            f"网络错误（{type(error).__name__}）", f"network error ({type(error).__name__})"
        ) from error
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    finally:
        if own_client:
            http.close()
    return target


def _stream(
    http: httpx.Client,
    url: str,
    headers: dict[str, str],
    target: Path,
    max_bytes: int,
    name: str,
) -> None:
    with http.stream("GET", url, headers=headers) as response:
        if response.status_code != 200:
            code = response.status_code
            raise DownloadError(f"服务器返回 HTTP {code}", f"the server answered HTTP {code}")
        kind = response.headers.get("content-type", "")
        if kind.startswith("text/html") and not name.lower().endswith((".html", ".htm")):
            # Slack answers a login page instead of the file when the token lacks files:read.
            raise DownloadError(
                "收到的是网页而不是文件（机器人令牌可能缺少 files:read 权限）",
                "got a web page instead of the file (is the bot token missing files:read?)",
            )
        limit_mb = max_bytes / 1024 / 1024
        size = 0
        with target.open("wb") as handle:
            for block in response.iter_bytes():
                size += len(block)
                if size > max_bytes:
                    raise DownloadError(
                        f"文件超过 {limit_mb:.0f} MB 的上限", f"the file is over {limit_mb:.0f} MB"
                    )
                handle.write(block)
