"""The default support stages, from the 2010 MHLW guideline (ひきこもりの評価・支援に関するガイドライン).

Programs rename or reorder them as data; these only seed a program that has none yet.
"""

from django.db import transaction

from yorisoi.consultations.models import SupportStage

DEFAULT_STAGES = [
    ("出会い・評価段階", "家族や本人と出会い、状況を一緒に見立てる段階"),
    ("個人的支援段階", "本人との一対一の関係をつくり、支える段階"),
    ("中間的・過渡的な集団との再会段階", "居場所など小さな集団と出会いなおす段階"),
    ("社会参加の試行段階", "就労・就学などの社会参加を試してみる段階"),
]


@transaction.atomic
def stages_for(program) -> list[SupportStage]:
    """The program's stages in order, seeding the guideline's four the first time they are needed."""
    stages = list(SupportStage.objects.filter(program=program).order_by("order"))
    if not stages:
        SupportStage.objects.bulk_create(
            SupportStage(program=program, order=i, label=label, description=description)
            for i, (label, description) in enumerate(DEFAULT_STAGES, start=1)
        )
        stages = list(SupportStage.objects.filter(program=program).order_by("order"))
    return stages
