from hypothesis import given
from hypothesis import strategies as st

from thidua.core.text import fold, name_sort_key


def test_fold_strips_diacritics_and_d_stroke():
    assert fold("  Đức   XUÂN ") == "duc xuan"
    assert fold("Nguyễn Thị Minh Khai") == "nguyen thi minh khai"
    assert fold("Hợp tác xã Miến dong") == "hop tac xa mien dong"


def test_fold_of_none_is_empty():
    assert fold(None) == ""


@given(st.text())
def test_fold_is_idempotent(s):
    assert fold(fold(s)) == fold(s)


@given(st.text(alphabet="aăâđêôơưáàảãạấầẩẫậằắẳẵặéèẻẽẹếềểễệ AĂÂĐ"))
def test_fold_output_is_plain_ascii_letters(s):
    assert all(ch == " " or "a" <= ch <= "z" for ch in fold(s))


def _sorted(names):
    return sorted(names, key=name_sort_key)


def test_names_sort_by_given_name_first():
    assert _sorted(["Nguyễn Văn Bình", "Trần Thị An", "Lê Văn Cường"]) == [
        "Trần Thị An",
        "Nguyễn Văn Bình",
        "Lê Văn Cường",
    ]


def test_vietnamese_alphabet_order_d_before_dd_and_a_before_breve():
    assert _sorted(["Lê Văn Đạt", "Lê Văn Dũng"]) == ["Lê Văn Dũng", "Lê Văn Đạt"]
    assert _sorted(["Hà Thị Ân", "Hà Thị Ăn", "Hà Thị An"]) == [
        "Hà Thị An",
        "Hà Thị Ăn",
        "Hà Thị Ân",
    ]
    assert _sorted(["Lý Văn Ơn", "Lý Văn Ôn", "Lý Văn On"]) == [
        "Lý Văn On",
        "Lý Văn Ôn",
        "Lý Văn Ơn",
    ]


def test_same_given_name_orders_by_family_then_middle():
    assert _sorted(["Trần Văn An", "Bùi Thị An", "Bùi Minh An"]) == [
        "Bùi Minh An",
        "Bùi Thị An",
        "Trần Văn An",
    ]


def test_tone_is_secondary_to_letters():
    # "Hà" and "Hạ" share letters; the tone decides only between them, not against "Hai".
    assert _sorted(["Lê Hai", "Lê Hạ", "Lê Hà", "Lê Ha"]) == ["Lê Ha", "Lê Hà", "Lê Hạ", "Lê Hai"]


@given(
    st.lists(
        st.sampled_from(["Nguyễn Văn An", "Đỗ Thị Ánh", "Lê Đức", "Hà Ngọc Ân", "Bế Hùng"]),
        max_size=6,
    )
)
def test_sort_key_is_digits_only(names):
    for n in names:
        assert name_sort_key(n).isdigit()
