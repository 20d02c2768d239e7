"""One URL reverse per kind of row on a list page (cases, inquiries).

Every case page's URL differs only by the case's public id (likewise an inquiry's): reverse the
first row's, and write the others from it. A list of fifty rows reversed fifty URLs before.
"""


class RowUrls:
    """``urls(row)`` is ``row.get_absolute_url()``, reversed once per model."""

    def __init__(self):
        self._first: dict[type, tuple[str, str]] = {}

    def __call__(self, row) -> str:
        first_id, first_url = self._first.setdefault(type(row), (str(row.public_id), row.get_absolute_url()))
        return first_url.replace(first_id, str(row.public_id))
