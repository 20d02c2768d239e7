"""Existing databases get the seed's closing sentence in 千葉市's description (bootstrap writes it for new ones).

Only a description still holding the old bootstrap text is changed: a manager's own wording stays.
The texts are copied here, not imported, so later edits of bootstrap cannot change this migration.
"""

from django.db import migrations

SLUG = "chiba"
OLD = (
    "千葉市ひきこもり地域支援センターは、2016年2月に千葉市こころの健康センター内にオープンした"
    "千葉市在住のひきこもり状態の方、そのご家族のための相談窓口で、センターでの相談以外でも、"
    "お近くの保健福祉センターやご自宅に伺いご相談をお受けします。"
)
NEW = OLD + (
    "そして、誤解や偏見などにより、地域で孤立しがちなご本人やご家族が、支援に繋がり、"
    "誰もがその人らしく地域で暮らすことができることを応援します。"
)


def add_sentence(apps, schema_editor):
    apps.get_model("programs", "Program").objects.filter(slug=SLUG, description=OLD).update(description=NEW)


def remove_sentence(apps, schema_editor):
    apps.get_model("programs", "Program").objects.filter(slug=SLUG, description=NEW).update(description=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0004_room"),
    ]

    operations = [migrations.RunPython(add_sentence, remove_sentence)]
