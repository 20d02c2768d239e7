"""The hash chain, the database's clock for ``occurred_at``, and DELETE refused on SQLite too.

The table is rewritten (the chain is filled in for entries written before it), so the triggers
are dropped first and re-created at the end; every later ``migrate`` re-creates them as well.
"""

import django.db.models.deletion
import django.db.models.functions.datetime
from django.db import migrations, models


def drop_triggers(apps, schema_editor):
    from yorisoi.audit.db_guard import drop_triggers

    drop_triggers(schema_editor.connection)


def ensure_triggers(apps, schema_editor):
    from yorisoi.audit.db_guard import ensure_triggers

    ensure_triggers(schema_editor.connection)


def chain_existing_entries(apps, schema_editor):
    from yorisoi.audit.chain import GENESIS, HASHED_FIELDS, seal

    AccessLog = apps.get_model("audit", "AccessLog")
    Head = apps.get_model("audit", "AccessLogChainHead")
    program_ids = AccessLog.objects.values_list("program_id", flat=True).distinct()
    for program_id in sorted(set(program_ids)):
        prev_hash, seq = GENESIS, 0
        for values in AccessLog.objects.filter(program_id=program_id).order_by("id").values("id", *HASHED_FIELDS):
            seq += 1
            values.update(seq=seq, prev_hash=prev_hash)
            entry_hash = seal(values)
            AccessLog.objects.filter(pk=values["id"]).update(seq=seq, prev_hash=prev_hash, entry_hash=entry_hash)
            prev_hash = entry_hash
        Head.objects.create(program_id=program_id, seq=seq)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_accesslog_program_subject"),
        ("programs", "0002_program_out_of_area_guidance_and_more"),
    ]

    operations = [
        migrations.RunPython(drop_triggers, ensure_triggers),
        migrations.AlterField(
            model_name="accesslog",
            name="occurred_at",
            field=models.DateTimeField(
                db_default=django.db.models.functions.datetime.Now(), db_index=True, verbose_name="日時"
            ),
        ),
        migrations.AddField(
            model_name="accesslog",
            name="seq",
            field=models.BigIntegerField(editable=False, null=True, verbose_name="通し番号"),
        ),
        migrations.AddField(
            model_name="accesslog",
            name="prev_hash",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="accesslog",
            name="entry_hash",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.CreateModel(
            name="AccessLogChainHead",
            fields=[
                (
                    "program",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        primary_key=True,
                        serialize=False,
                        to="programs.program",
                    ),
                ),
                ("seq", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.AddConstraint(
            model_name="accesslog",
            constraint=models.UniqueConstraint(fields=("program", "seq"), name="accesslog_program_seq"),
        ),
        migrations.RunPython(chain_existing_entries, migrations.RunPython.noop),
        migrations.RunPython(ensure_triggers, drop_triggers),
    ]
