"""Fill the new search keys of related persons and inquiries written before they existed."""

from django.db import migrations

from yorisoi.cases.normalize import kana_key, looks_like_kana, name_key, phone_digits


def fill(apps, schema_editor):
    RelatedPerson = apps.get_model("cases", "RelatedPerson")
    Inquiry = apps.get_model("cases", "Inquiry")
    for person in RelatedPerson.objects.iterator(chunk_size=2000):
        kana_source = person.name_kana or (person.name if looks_like_kana(person.name) else "")
        RelatedPerson.objects.filter(pk=person.pk).update(
            kana_key=kana_key(kana_source), name_key=name_key(person.name)
        )
    for inquiry in Inquiry.objects.exclude(caller_name="", contact_phone="").iterator(chunk_size=2000):
        Inquiry.objects.filter(pk=inquiry.pk).update(
            caller_name_key=name_key(inquiry.caller_name),
            caller_kana_key=kana_key(inquiry.caller_name) if looks_like_kana(inquiry.caller_name) else "",
            phone_digits_reversed=phone_digits(inquiry.contact_phone)[::-1],
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_continuity")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
