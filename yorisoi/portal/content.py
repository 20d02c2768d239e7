"""The organization's public text that is the same for both programs, as the seed has it.

Kept here once because two places use it: the pages that explain hikikomori and the
self-check, whose gentle questions are these very lists. Per-program facts are never here:
they are rows of ``yorisoi.programs``.
"""

from django.utils.translation import gettext_lazy as _

# 「このようなことで、一人で悩んでいる人はいませんか？」
WORRIES = [
    ("start_work", _("働きたい気持ちはあるけれど、何から始めたらよいかがわからない。")),
    ("future", _("将来を考えると不安になるが、家族や友人には相談できない。")),
    ("after_quitting", _("以前は仕事をしていたが、辞めてからどう動き始めたらいいかわからない。")),
    ("going_out", _("人と関わるのが苦手で外になかなか出られない。")),
    ("reassure", _("身近な人を安心させたい。")),
    # The seed's own wording, with its typo 「わらない」 corrected.
    ("family", _("家族の事を相談したいが、どこに相談したらいいかわからない。")),
]

# 「一般的には、以下のような様子や行動などがみられます。」
SIGNS = [
    ("no_affiliation", _("自分の趣味や買い物などは出かけるが、所属したり、通っている団体や会社はない。")),
    ("at_home", _("一日の大半は自分の部屋や自宅で過ごしている。")),
    ("family_only", _("家族とは話が出来るが、家族以外との会話は少ない。")),
    ("no_talk", _("家族との会話もほとんどない。")),
]
