"""Back up, restore and verify: what ``manage.py backup``, ``restore`` and ``restore_drill`` run.

A backup file holds, encrypted: an 8-byte length, the manifest (JSON), then the database dump.
Restoring decrypts the whole file into a private scratch folder first, so a damaged or altered
file is refused before any database is touched; the restored data is then compared table by
table with the manifest.
"""

import datetime
import json
import os
import struct
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone
from tqdm import tqdm

from yorisoi.operations import engines, generations
from yorisoi.operations.crypto import (
    CHUNK_SIZE,
    BackupError,
    decrypt_stream,
    encrypt_stream,
    load_key,
    read_header,
)
from yorisoi.operations.manifest import manifest_differences
from yorisoi.operations.models import current_installation_id

FORMAT = 1


@dataclass
class RestoreResult:
    target: str
    manifest: dict
    differences: list[str] = field(default_factory=list)
    integrity: str = "ok"

    @property
    def ok(self) -> bool:
        return not self.differences and self.integrity == "ok"


def _private_dir(parent: Path | None = None) -> tempfile.TemporaryDirectory:
    # Plaintext lives only here, readable by this user alone, and is removed on exit.
    return tempfile.TemporaryDirectory(prefix="yorisoi-backup-", dir=parent)


def _file_chunks(path: Path, *, prefix: bytes, progress: bool | None) -> Iterator[bytes]:
    yield prefix
    size = path.stat().st_size
    with (
        open(path, "rb") as f,
        tqdm(
            total=size,
            desc="暗号化",
            unit="B",
            unit_scale=True,
            disable=None if progress is None else not progress,
        ) as bar,
    ):
        while chunk := f.read(CHUNK_SIZE):
            bar.update(len(chunk))
            yield chunk


def backup_create(*, directory: Path | None = None, progress: bool | None = None, now=None) -> Path:
    """Write one encrypted backup of the live database into the backup folder, then prune old ones."""
    key = load_key()
    directory = directory or generations.backup_dir()
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    now = now or timezone.now()
    vendor = engines.vendor()
    with _private_dir(directory) as scratch:
        dump = Path(scratch) / "database.dump"
        tables = (engines.postgres_dump if vendor == "postgresql" else engines.sqlite_dump)(
            dump, progress=progress
        )
        manifest = {
            "format": FORMAT,
            "installation_id": current_installation_id(),
            "engine": vendor,
            "created_at": now.isoformat(),
            "tables": tables,
        }
        manifest_bytes = json.dumps(manifest, sort_keys=True).encode()
        header = {
            "format": FORMAT,
            "installation_id": manifest["installation_id"],
            "engine": vendor,
            "created_at": manifest["created_at"],
        }
        final = directory / generations.file_name(now)
        partial = final.with_suffix(".part")
        with open(partial, "wb") as out:
            prefix = struct.pack(">Q", len(manifest_bytes)) + manifest_bytes
            encrypt_stream(
                key=key, header=header, chunks=_file_chunks(dump, prefix=prefix, progress=progress), out=out
            )
            out.flush()
            os.fsync(out.fileno())
        partial.rename(final)  # a backup file either exists whole or not at all
    generations.prune(directory)
    return final


def _decrypt_to(path: Path, scratch: Path, *, key: bytes, progress: bool | None) -> tuple[dict, Path]:
    """Decrypt and authenticate the whole file into ``scratch``; return (manifest, dump path)."""
    dump = scratch / "database.dump"
    buffer, manifest = b"", None
    with (
        open(dump, "wb") as out,
        tqdm(
            total=path.stat().st_size,
            desc="復号",
            unit="B",
            unit_scale=True,
            disable=None if progress is None else not progress,
        ) as bar,
    ):
        for chunk in decrypt_stream(key=key, path=path):
            bar.update(len(chunk))
            if manifest is None:
                buffer += chunk
                if len(buffer) >= 8 and len(buffer) >= 8 + struct.unpack(">Q", buffer[:8])[0]:
                    size = struct.unpack(">Q", buffer[:8])[0]
                    manifest = json.loads(buffer[8 : 8 + size])
                    out.write(buffer[8 + size :])
            else:
                out.write(chunk)
    if manifest is None:
        raise BackupError("バックアップファイルに目録（マニフェスト）がありません。")
    return manifest, dump


def check_backup(path: Path, *, allow_other_installation: bool = False) -> dict:
    """The header of ``path`` if it belongs to this installation and this database engine."""
    if not path.exists():
        raise BackupError(f"バックアップファイルが見つかりません: {path}")
    header = read_header(path).header
    if header.get("format") != FORMAT:
        raise BackupError("このバージョンでは読めない形式のバックアップです。")
    if not allow_other_installation and header.get("installation_id") != current_installation_id():
        raise BackupError(
            "別の設置先（別のシステム）で作られたバックアップです。取り違えでないことを確かめてから "
            "--allow-other-installation を付けてください。"
        )
    if header.get("engine") != engines.vendor():
        raise BackupError(
            f"このバックアップは {header.get('engine')} のものです。"
            f"いまのデータベース（{engines.vendor()}）には戻せません。"
        )
    return header


def is_live_target(target: str | None) -> bool:
    if not target:
        return False
    live = engines.live_settings()["NAME"]
    if engines.vendor() == "postgresql":
        return target == live
    return Path(target).resolve() == Path(live).resolve()


def backup_restore(
    path: Path,
    *,
    target: str | None = None,
    force: bool = False,
    keep: bool = False,
    allow_other_installation: bool = False,
    progress: bool | None = None,
) -> RestoreResult:
    """Restore ``path`` into ``target`` (default: a scratch database, dropped afterwards) and verify it.

    A live target is refused unless ``force``; even then the data is first restored into a scratch
    database and verified, and the live database is replaced only if that copy is whole.
    """
    live = is_live_target(target)
    if live and not force:
        raise BackupError(
            "復元先が使用中のデータベースです。上書きしてよいときだけ --force を付けてください"
            "（先に別の場所へ復元して確かめることをおすすめします）。"
        )
    check_backup(path, allow_other_installation=allow_other_installation)
    key = load_key()
    with _private_dir() as scratch_dir:
        scratch = Path(scratch_dir)
        manifest, dump = _decrypt_to(path, scratch, key=key, progress=progress)
        result = _restore_verified(
            dump,
            manifest,
            target=None if live else target,
            keep=keep and not live,
            scratch=scratch,
            progress=progress,
        )
        if live and result.ok:
            result = _restore_live(dump, manifest, progress=progress)
    return result


def _restore_verified(dump, manifest, *, target, keep, scratch, progress) -> RestoreResult:
    if engines.vendor() == "postgresql":
        dbname = target or engines.postgres_scratch_name()
        engines.postgres_create(dbname)
        try:
            tables = engines.postgres_restore(dump, dbname, progress=progress)
        except BackupError:
            engines.postgres_drop(dbname)
            raise
        if not (keep or target):
            engines.postgres_drop(dbname)
        return RestoreResult(
            target=dbname, manifest=manifest, differences=manifest_differences(manifest["tables"], tables)
        )
    target_path = Path(target) if target else scratch / "restored.sqlite3"
    if target and target_path.exists():
        raise BackupError(f"復元先のファイルがすでにあります: {target_path}")
    tables = engines.sqlite_restore(dump, target_path, progress=progress)
    return RestoreResult(
        target=str(target_path),
        manifest=manifest,
        differences=manifest_differences(manifest["tables"], tables),
        integrity=engines.sqlite_integrity(target_path),
    )


def _restore_live(dump, manifest, *, progress) -> RestoreResult:
    from django.db import connections

    connections["default"].close()
    live = engines.live_settings()["NAME"]
    if engines.vendor() == "postgresql":
        tables = engines.postgres_restore(dump, live, clean=True, progress=progress)
    else:
        tables = engines.sqlite_restore(dump, Path(live), progress=progress)
    return RestoreResult(
        target=str(live), manifest=manifest, differences=manifest_differences(manifest["tables"], tables)
    )


def newest_backup(directory: Path | None = None) -> Path:
    found = generations.backups(directory)
    if not found:
        raise BackupError(f"バックアップがありません（{directory or generations.backup_dir()}）。")
    return found[0]


def age_of(path: Path) -> datetime.timedelta:
    return timezone.now() - generations.taken_at(path)
