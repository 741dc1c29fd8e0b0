"""Typed ingestion and lookup errors with codes and zh/en messages the bot can show."""

from __future__ import annotations

from typing import ClassVar


class KnowledgeError(Exception):
    """Base error: ``code`` is stable for the bot; ``message(lang)`` gives a readable reason."""

    code: ClassVar[str] = "knowledge_error"
    template_en: ClassVar[str] = "The document could not be processed."
    template_zh: ClassVar[str] = "文档无法处理。"

    def __init__(self, detail: str = "", **params: object) -> None:
        self.detail = detail
        self.params: dict[str, object] = dict(params)
        super().__init__(self.message("en") + (f" ({detail})" if detail else ""))

    def message(self, lang: str = "en") -> str:
        template = self.template_zh if lang.startswith("zh") else self.template_en
        return template.format(**self.params)


class FileMissingError(KnowledgeError):
    code = "file_missing"
    template_en = "File not found: {name}."
    template_zh = "找不到文件：{name}。"


class UnsupportedFileTypeError(KnowledgeError):
    code = "unsupported_type"
    template_en = (
        "Unsupported file type '{suffix}'. Supported: PDF, PPTX, DOCX, Markdown, TXT, HTML."
    )
    template_zh = "不支持的文件类型“{suffix}”。支持：PDF、PPTX、DOCX、Markdown、TXT、HTML。"


class FileTooLargeError(KnowledgeError):
    code = "file_too_large"
    template_en = "The file is {size_mb:.1f} MB; the limit is {limit_mb:.0f} MB."
    template_zh = "文件大小为 {size_mb:.1f} MB，超过 {limit_mb:.0f} MB 的上限。"


class EmptyDocumentError(KnowledgeError):
    code = "empty_file"
    template_en = "The file '{name}' is empty."
    template_zh = "文件“{name}”是空的。"


class NoTextError(KnowledgeError):
    code = "no_text"
    template_en = (
        "No text could be extracted from '{name}' (an image-only scan?). "
        "Please upload a version with selectable text."
    )
    template_zh = "无法从“{name}”中提取文字（可能是纯图片扫描件），请上传可复制文字的版本。"


class CorruptDocumentError(KnowledgeError):
    code = "corrupt_file"
    template_en = "The file '{name}' is damaged or not a valid {kind} file."
    template_zh = "文件“{name}”已损坏，或不是有效的 {kind} 文件。"


class EncryptedDocumentError(KnowledgeError):
    code = "encrypted_file"
    template_en = "The file '{name}' is password-protected; please upload an unprotected copy."
    template_zh = "文件“{name}”有密码保护，请上传未加密的版本。"


class DocumentNotFoundError(KnowledgeError):
    code = "document_not_found"
    template_en = "No document with id '{doc_id}'."
    template_zh = "没有编号为“{doc_id}”的文档。"


class StorageError(KnowledgeError):
    code = "storage_failed"
    template_en = "Saving the document failed; nothing was changed."
    template_zh = "保存文档失败，知识库未做任何更改。"
