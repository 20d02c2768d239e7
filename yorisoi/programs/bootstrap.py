"""The organization and its two programs, with the facts exactly as the organization publishes them.

Run once on a new installation (``manage.py bootstrap``); afterwards the rows are edited in the
system admin. Running it again never overwrites what staff have edited: it only adds what is missing.
"""

import datetime

from django.db import transaction

from yorisoi.programs.models import CrisisLine, OpeningHours, Organization, Place, PlaceKind, Program, Room

ORGANIZATION_NAME = "ユニバーサル就労ネットワークちば"

PHILOSOPHY = """様々な理由でひきこもっている人やその家族と信頼関係を作り、寄り添い、困りごとを一つ一つひも解いていきます。
家族との信頼関係を作り、家族の協力を得ながら本人への支援に繋げます。
見えてくるひきこもり状態となる要因は、社会的な要因、障害や疾病など様々です。解決するために様々な専門機関と連携し、包括的で継続的な伴走型支援をします。
ひきこもっているご本人の心配事や思いを理解し、本人主体の自立した社会生活を応援します。
本人の背中を少し押しながら、小さな目標を作り、成功体験を積み重ねます。
それぞれの価値観・環境・状態でゴールとなる自立には様々かたちがあります。ご本人が主人公です、その人が望む自立を理解し、自立した生活が継続できるように一緒に考えます。"""

STANCE = (
    "私たちは『ひきこもり支援〔相談〕において大切にしてほしいこと～いつも心がけていたいこと～』を"
    "相談の基本姿勢として相談に臨んでいます。"
)

RESERVATION_STEP = (
    "まずは電話でお気軽にご連絡ください。丁寧にお話をお聞きするために原則事前予約制となっています。"
    "（緊急対応が必要な場合などはこの限りではありません。）ご本人、ご家族いずれでも結構です。"
)

OUT_OF_AREA_GUIDANCE = (
    "お住まいの市町村の相談窓口、または千葉県のひきこもり地域支援センターをご案内ください。"
    "千葉県外の方には、お住まいの都道府県・政令市のひきこもり地域支援センターをご案内ください。"
)

# Consultation rooms per place (by the place's name): how many families can be seen at once.
# Placeholders the organization confirms in the system admin; a home visit needs no room.
ROOMS = {
    "千葉市ひきこもり地域支援センター": ["相談室1", "相談室2", "相談室3", "相談室4"],
    "生活支援相談窓口（浦安市役所3F 社会福祉課内）": ["相談ブース"],
}

PROGRAMS = [
    {
        "slug": "chiba",
        "name": "千葉市ひきこもり地域支援センター",
        "short_name": "千葉市",
        "commissioned_by": "千葉市",
        "started_on": datetime.date(2016, 2, 1),
        "started_at_text": "千葉市こころの健康センター内にオープン",
        "phone": "043-204-1606",
        "address": "千葉市美浜区高浜2-1-16 千葉市こころの健康センター内",
        "access": (
            "千葉海浜交通バス「市営高浜第2」バス停より徒歩3分\n"
            "JR総武線稲毛駅から：西口3番のりば「運輸支局入口経由稲毛海岸駅行」乗車\n"
            "JR京葉線稲毛海岸駅から：南口3番のりば「運輸支局入口経由稲毛駅行」乗車"
        ),
        "description": (
            "千葉市ひきこもり地域支援センターは、2016年2月に千葉市こころの健康センター内にオープンした"
            "千葉市在住のひきこもり状態の方、そのご家族のための相談窓口で、センターでの相談以外でも、"
            "お近くの保健福祉センターやご自宅に伺いご相談をお受けします。"
            "そして、誤解や偏見などにより、地域で孤立しがちなご本人やご家族が、支援に繋がり、"
            "誰もがその人らしく地域で暮らすことができることを応援します。"
        ),
        "eligibility": "千葉市在住のひきこもり状態の方、そのご家族",
        "service_city": "千葉市",
        "minimum_age_guideline": None,
        "hours_text": "月曜日～金曜日 9:00～17:00",
        "out_of_area_guidance": OUT_OF_AREA_GUIDANCE,
        "outreach": (
            "地域へのひきこもりの正しい理解を拡げる普及啓発活動として、ひきこもりサポーター養成研修や"
            "その後のフォローアップ研修、ひきこもりに関する公開セミナーなども行っています。"
        ),
        "strengths": "必要に応じて各区保健センター等との連携支援などもご提案します。",
        "display_order": 1,
        "weekdays": [0, 1, 2, 3, 4],
        "places": [
            (
                PlaceKind.CENTER,
                "千葉市ひきこもり地域支援センター",
                "千葉市美浜区高浜2-1-16 千葉市こころの健康センター内",
            ),
            (PlaceKind.HEALTH_WELFARE_CENTER, "中央保健福祉センター", ""),
            (PlaceKind.HEALTH_WELFARE_CENTER, "花見川保健福祉センター", ""),
            (PlaceKind.HEALTH_WELFARE_CENTER, "稲毛保健福祉センター", ""),
            (PlaceKind.HEALTH_WELFARE_CENTER, "若葉保健福祉センター", ""),
            (PlaceKind.HEALTH_WELFARE_CENTER, "緑保健福祉センター", ""),
            (PlaceKind.HEALTH_WELFARE_CENTER, "美浜保健福祉センター", ""),
            (PlaceKind.HOME, "ご自宅（訪問）", ""),
        ],
        "flow": [
            ("お問い合わせ・初回相談予約", RESERVATION_STEP),
            (
                "初回相談（来所・訪問）",
                "登録手続き並びに現在の状況、お困りごと、ご希望等を相談員がお伺いします。個人情報は厳守しますので"
                "ご安心ください。また、必要に応じて各区保健センター等との連携支援などもご提案します。",
            ),
            (
                "相談継続・社会参加同行",
                "初回相談を踏まえて具体的な今後の生活等について一緒に考えていきます。場合によっては、より専門的な支援"
                "（医療、就労支援等）につなぎながら連携して支援したり、居場所等への同行もします。",
            ),
            (
                "自分らしい生き方の実現",
                "ご相談者が「サポートがいらない」と思うまでサポートします。一旦終了してもいつでも、"
                "ご連絡いただければ再開します。",
            ),
        ],
    },
    {
        "slug": "urayasu",
        "name": "浦安市ひきこもり相談事業",
        "short_name": "浦安市",
        "commissioned_by": "浦安市",
        "started_on": datetime.date(2016, 7, 1),
        "started_at_text": "浦安市健康福祉部社会福祉課の生活支援相談窓口で開始",
        "phone": "047-712-6856",
        "address": "浦安市猫実1-1-1 浦安市役所3F 社会福祉課内 生活支援相談窓口",
        "access": "浦安市役所の3階、社会福祉課内の生活支援相談窓口です。",
        "description": (
            "浦安市ひきこもり相談事業は、2016年7月から浦安市健康福祉部社会福祉課の生活支援相談窓口で週2回"
            "浦安市在住の概ね16歳以上のひきこもりご本人またはご家族の相談を開始しました。市役所内というわかりやすい"
            "立地での窓口相談は、気軽に立ち寄れる場となっていますが、市役所以外にも、必要に応じてご自宅を訪問したり、"
            "ハローワークへの同行や市役所内の他の部署の訪問に同行したり、ひとりでも多くの方へ支援がつながるように"
            "活動しています。"
        ),
        "eligibility": "浦安市在住の概ね16歳以上のひきこもりご本人またはご家族",
        "service_city": "浦安市",
        "minimum_age_guideline": 16,
        "hours_text": "火曜日・木曜日 9:00～17:00",
        "out_of_area_guidance": OUT_OF_AREA_GUIDANCE,
        "under_age_guidance": (
            "16歳未満の方は、学校や教育相談、子どもの相談窓口のほうが合う場合があります。"
            "ご希望をうかがい、必要に応じて市役所内の担当課へおつなぎします。"
        ),
        "outreach": "ひきこもり相談窓口の周知やひきこもりの正しい理解を広げるために講演会なども開催します。",
        "strengths": "市役所内の関係機関との連携が強みになっています。",
        "display_order": 2,
        "weekdays": [1, 3],
        "places": [
            (PlaceKind.CITY_HALL_DESK, "生活支援相談窓口（浦安市役所3F 社会福祉課内）", "浦安市猫実1-1-1"),
            (PlaceKind.HOME, "ご自宅（訪問）", ""),
            (PlaceKind.OTHER, "同行先（ハローワーク・市役所内の他部署など）", ""),
        ],
        "flow": [
            ("お電話または市役所への来所で、初回相談予約", RESERVATION_STEP),
            (
                "初回相談",
                "登録手続き並びに現在の状況、お困りごと、ご希望等を相談員がお伺いします。個人情報は厳守しますので"
                "ご安心ください。また、必要に応じて市役所内で連携支援などをご提案します。",
            ),
            (
                "ヒアリング・相談継続",
                "初回相談を踏まえて具体的な今後の生活等について一緒に考えていきます。場合によっては、より専門的な支援"
                "（医療、就労支援等）につなぎながら連携して支援したり、居場所等への同行もします。",
            ),
            (
                "自分らしい生き方の実現",
                "ご相談者が「サポートがいらない」と思うまで寄り添いサポートします。一旦終了してもいつでも、"
                "ご連絡いただければ再開します。",
            ),
        ],
    },
]

# Placeholders the organization confirms and edits in the system admin.
CRISIS_LINES = [
    ("救急・火事", "119", "24時間", "命の危険があるとき、けがや急な病気のとき"),
    ("警察", "110", "24時間", "暴力や事件など、身の危険を感じるとき"),
    (
        "こころの健康相談統一ダイヤル",
        "0570-064-556",
        "受付時間は都道府県により異なります",
        "お住まいの都道府県の窓口につながります",
    ),
    ("よりそいホットライン", "0120-279-338", "24時間", "どんなひとの、どんな悩みにもよりそう相談窓口"),
    ("千葉いのちの電話", "043-227-3900", "24時間", "つらい気持ちを聞いてもらいたいとき"),
]


@transaction.atomic
def bootstrap_organization() -> Organization:
    organization, _created = Organization.objects.get_or_create(
        name=ORGANIZATION_NAME, defaults={"philosophy": PHILOSOPHY, "consultation_stance": STANCE}
    )
    for order, (name, phone, hours, note) in enumerate(CRISIS_LINES):
        CrisisLine.objects.get_or_create(
            organization=organization,
            phone=phone,
            defaults={"name": name, "hours": hours, "note": note, "display_order": order},
        )
    for facts in PROGRAMS:
        facts = dict(facts)
        _add_missing_rooms(facts["slug"])
        weekdays, places, flow = facts.pop("weekdays"), facts.pop("places"), facts.pop("flow")
        program, created = Program.objects.get_or_create(
            slug=facts.pop("slug"), defaults={**facts, "organization": organization}
        )
        if not created:
            continue
        OpeningHours.objects.bulk_create(
            OpeningHours(program=program, weekday=d, opens_at=datetime.time(9), closes_at=datetime.time(17))
            for d in weekdays
        )
        for order, (kind, name, address) in enumerate(places):
            program.places.create(kind=kind, name=name, address=address, display_order=order)
        for order, (title, body) in enumerate(flow, start=1):
            program.flow_steps.create(order=order, title=title, body=body)
        _add_missing_rooms(program.slug)
    return organization


def program_seed(program) -> int:
    """A number fixed per seeded program (its place in ``PROGRAMS``, from 1), for drawing its demo
    data: the same draws whatever ids the database handed out (PostgreSQL's sequences do not go
    back when a test rolls back, so ``program.pk`` differs with the tests run before)."""
    slugs = [facts["slug"] for facts in PROGRAMS]
    return slugs.index(program.slug) + 1 if program.slug in slugs else len(slugs) + program.pk


def _add_missing_rooms(slug: str) -> None:
    """Rooms for the seeded places that have none yet; rooms staff edited are left alone."""
    for place in Place.objects.filter(program__slug=slug, name__in=ROOMS, rooms__isnull=True):
        Room.objects.bulk_create(
            Room(place=place, name=name, display_order=order) for order, name in enumerate(ROOMS[place.name])
        )
