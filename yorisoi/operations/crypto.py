"""Backup files encrypted at rest: AES-256-GCM in chunks (the STREAM construction).

A file is ``MAGIC``, a length-prefixed JSON header (plaintext, authenticated as associated data of
every chunk), then chunks of ``[4-byte length][ciphertext+tag]``. Each chunk's 12-byte nonce is
a random 7-byte prefix, a 4-byte counter and a 1-byte "last chunk" flag, so a reordered, cut or
extended file fails authentication (Hoang et al., "Online authenticated-encryption", 2015; the
same construction as age and Tink's streaming AEAD). Nothing here is home-made cryptography: the
primitive is ``cryptography``'s AESGCM; this module only frames it.
"""

import base64
import hashlib
import hmac
import json
import os
import struct
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

MAGIC = b"YORISOI-BACKUP/1\n"
CHUNK_SIZE = 1 << 20  # 1 MiB of plaintext per chunk
MAX_HEADER = 64 * 1024


class BackupError(Exception):
    """A backup cannot be used; the message (Japanese) says why and what to do."""


class WrongKeyError(BackupError):
    pass


class TamperedError(BackupError):
    pass


def new_key() -> str:
    """A fresh 256-bit key, as the text to keep in YORISOI_BACKUP_KEY or the key file."""
    return base64.urlsafe_b64encode(AESGCM.generate_key(bit_length=256)).decode()


def load_key() -> bytes:
    """The organisation's backup key, from YORISOI_BACKUP_KEY or the file YORISOI_BACKUP_KEY_FILE."""
    text = os.environ.get("YORISOI_BACKUP_KEY", "").strip()
    key_file = os.environ.get("YORISOI_BACKUP_KEY_FILE", "") or getattr(
        settings, "YORISOI_BACKUP_KEY_FILE", ""
    )
    if not text and key_file:
        try:
            text = Path(key_file).read_text().strip()
        except OSError as error:
            raise BackupError(
                f"バックアップの鍵ファイルを読めません（{key_file}）: {error.strerror}"
            ) from error
    if not text:
        raise BackupError(
            "バックアップの鍵がありません。YORISOI_BACKUP_KEY か YORISOI_BACKUP_KEY_FILE を設定してください"
            "（新しい鍵は manage.py backup --new-key で作れます）。"
        )
    try:
        key = base64.urlsafe_b64decode(text.encode())
    except ValueError as error:
        raise BackupError("バックアップの鍵の形式が正しくありません（base64 の 32 バイト）。") from error
    if len(key) != 32:
        raise BackupError("バックアップの鍵の形式が正しくありません（base64 の 32 バイト）。")
    return key


def key_id(key: bytes) -> str:
    """A short, non-secret fingerprint of the key: tells "wrong key" apart from "damaged file"."""
    return hmac.new(key, b"yorisoi-backup-key-id", hashlib.sha256).hexdigest()[:16]


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    return prefix + struct.pack(">I", counter) + (b"\x01" if last else b"\x00")


def encrypt_stream(*, key: bytes, header: dict, chunks: Iterable[bytes], out) -> None:
    """Write ``chunks`` (plaintext) to the binary file ``out``, encrypted and framed."""
    prefix = os.urandom(7)
    header = {**header, "key_id": key_id(key), "nonce_prefix": prefix.hex(), "cipher": "AES-256-GCM-STREAM"}
    header_bytes = json.dumps(header, sort_keys=True).encode()
    out.write(MAGIC + struct.pack(">I", len(header_bytes)) + header_bytes)
    aead, counter, pending = AESGCM(key), 0, None
    for chunk in chunks:
        if pending is not None:
            _write_chunk(out, aead.encrypt(_nonce(prefix, counter, False), pending, header_bytes))
            counter += 1
        pending = chunk
    _write_chunk(out, aead.encrypt(_nonce(prefix, counter, True), pending or b"", header_bytes))


def _write_chunk(out, sealed: bytes) -> None:
    out.write(struct.pack(">I", len(sealed)) + sealed)


@dataclass(frozen=True)
class Sealed:
    header: dict
    header_bytes: bytes
    body_offset: int


def read_header(path: Path) -> Sealed:
    """The authenticated-but-unverified header of a backup file (verified with the first chunk)."""
    with open(path, "rb") as f:
        if f.read(len(MAGIC)) != MAGIC:
            raise TamperedError("yorisoi のバックアップファイルではないか、先頭が壊れています。")
        raw = f.read(4)
        size = struct.unpack(">I", raw)[0] if len(raw) == 4 else MAX_HEADER + 1
        header_bytes = f.read(size) if size <= MAX_HEADER else b""
        try:
            header = json.loads(header_bytes)
        except ValueError as error:
            raise TamperedError("バックアップファイルの見出しが壊れています。") from error
        return Sealed(header=header, header_bytes=header_bytes, body_offset=f.tell())


def decrypt_stream(*, key: bytes, path: Path) -> Iterator[bytes]:
    """Yield the plaintext chunks; raise before the end if any chunk, the order or the end is wrong.

    Callers write the chunks to a scratch file and use it only after the generator finished.
    """
    sealed = read_header(path)
    if sealed.header.get("key_id") != key_id(key):
        raise WrongKeyError(
            "バックアップの鍵が違います。このバックアップを作ったときの鍵を設定してください。"
        )
    prefix = bytes.fromhex(sealed.header["nonce_prefix"])
    aead, counter = AESGCM(key), 0
    with open(path, "rb") as f:
        f.seek(sealed.body_offset)
        while True:
            raw = f.read(4)
            if len(raw) != 4:
                raise TamperedError("バックアップファイルが途中で切れています。")
            sealed_chunk = f.read(struct.unpack(">I", raw)[0])
            last = f.peek(1)[:1] == b"" if hasattr(f, "peek") else False
            try:
                plain = aead.decrypt(_nonce(prefix, counter, last), sealed_chunk, sealed.header_bytes)
            except InvalidTag:
                if not last:
                    raise TamperedError("バックアップファイルが改ざんされているか、壊れています。") from None
                raise TamperedError(
                    "バックアップファイルが途中で切れているか、改ざんされています。"
                ) from None
            yield plain
            if last:
                return
            counter += 1
